"""The Gradio chat UI, kept apart from the library.

``build_app(service_factory)`` returns a ``gr.Blocks``; the service is created
once, when the app is built, and shared by every browser session (Gradio runs
one question at a time by default, so the service is never used concurrently).

Each assistant message is HTML: the reply with the short answer in bold, then
the cited passages, each with its [n], report title and source file, and the
supporting span wrapped in ``<mark>``. Every piece of report or user text is
passed through ``html.escape`` first.

The footer (knowledge-base coverage and index version) follows the live index:
it is rendered again when a page loads (``demo.load``), after each answer, and
after a rebuild or refresh on the admin tab (``mount_admin(..., footer=...)``),
since ``QAService.refresh()`` switches the version while the app runs.

Staff feedback: each answer has the chat's 👍/👎 buttons (``Chatbot.like``);
the session keeps its Answer objects (``gr.State``, keyed by message index) so
a rating stores the whole answer in the FeedbackStore (qa/feedback.py). A
correction box under the chat attaches the right answer to the last rated one.

Gradio 6: the Chatbot takes a list of ``{"role", "content"}`` dicts (there is
no ``type=`` argument any more), and ``theme``/``css`` are arguments of
``launch()`` rather than of ``Blocks()`` — use ``launch_kwargs()`` or
``launch()`` below so the app looks the same wherever it is started.
"""

from __future__ import annotations

import html
import logging
import sqlite3
from typing import Any, Callable

import gradio as gr

from .admin import refresh_service
from .admin_ui import mount_admin
from .config import load_settings
from .feedback import DOWN, UP, FeedbackStore
from .types import Answer, Citation

log = logging.getLogger(__name__)

TITLE = "机关党建工作报告问答"
DESCRIPTION = "就已收录的各地直属机关党建工作报告提问：答案摘自报告原文，并标明出处；报告中没有的内容会如实说明。"

EXAMPLES = [
    "2011年中山市直属机关发展了多少名党员？",
    "海南省直机关2020年火线入党多少人？",
    "广西区直机关有多少个基层党组织？",
]
# Only makes sense after a first question, so it is offered apart and last.
FOLLOW_UP_EXAMPLE = "那2012年呢？"

EMPTY_USER_TEXT = "（空白输入）"
ERROR_TEXT = "抱歉，处理这个问题时出现了内部错误，已记录在日志中。请换个问法再试，或稍后重试。"
THINKING_TEXT = "正在查找报告……"
MAX_CONTEXT = 10  # previous questions passed to the service as history

CSS = """
.qa-msg { line-height: 1.7; }
.qa-reply strong { color: #b91c1c; font-size: 1.05em; }
.qa-refusal { color: #92400e; }
.qa-marker { color: #1d4ed8; font-size: 0.85em; font-weight: 600; }
.qa-resolved, .qa-meta { color: #6b7280; font-size: 0.85em; margin-top: 4px; }
.qa-cites { margin-top: 10px; border-top: 1px dashed #d1d5db; padding-top: 6px; }
.qa-cites-title { font-weight: 600; font-size: 0.9em; color: #374151; }
.qa-cite { margin: 6px 0; padding: 6px 8px; border-left: 3px solid #93c5fd;
           background: rgba(147, 197, 253, 0.10); border-radius: 4px; }
.qa-cite-head { font-size: 0.9em; color: #374151; }
.qa-cite-n { color: #1d4ed8; font-weight: 700; margin-right: 4px; }
.qa-cite-src { color: #6b7280; font-family: ui-monospace, monospace; font-size: 0.85em; margin-left: 6px; }
.qa-cite-text { font-size: 0.9em; color: #1f2937; margin-top: 2px; }
.qa-cite-text mark { background: #fde68a; color: #111827; padding: 0 1px; border-radius: 2px; }
.qa-error { color: #b91c1c; }
#qa-footer { color: #6b7280; font-size: 0.85em; }
"""

FONTS = ["Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", "system-ui", "sans-serif"]
MONO_FONTS = ["ui-monospace", "DejaVu Sans Mono", "monospace"]


def make_theme() -> gr.themes.Base:
    # Local font stacks only: the default themes pull fonts from Google, which an
    # offline deployment cannot reach.
    return gr.themes.Soft(font=FONTS, font_mono=MONO_FONTS)


def launch_kwargs() -> dict[str, Any]:
    """The look of the app; Gradio 6 takes these in ``launch()``."""
    # Gradio itself refuses bigger uploads before they reach the admin page's own checks.
    return {"theme": make_theme(), "css": CSS, "max_file_size": "50mb"}


def launch(demo: gr.Blocks, host: str, port: int, **kw):
    """``demo.launch`` on host:port with the app's theme and CSS."""
    args = {**launch_kwargs(), "server_name": host, "server_port": port}
    args.update(kw)
    return demo.launch(**args)


# ---------------------------------------------------------------- rendering

def _text(s: str) -> str:
    """Escaped text with line breaks as <br>. The message must contain no blank
    line: the chat renders Markdown, and a blank line would end the raw HTML block."""
    return html.escape(s or "").replace("\r", "").replace("\n", "<br>")


def _quote_span(c: Citation) -> tuple[int, int] | None:
    text = c.text or ""
    s, e = c.quote_start, c.quote_end
    if 0 <= s < e <= len(text):
        return s, e
    if c.quote:
        i = text.find(c.quote)
        if i >= 0:
            return i, i + len(c.quote)
    return None


def render_passage(c: Citation) -> str:
    """The passage, escaped, with the supporting quote in <mark>."""
    text = c.text or ""
    span = _quote_span(c)
    if span is None:
        return _text(text)
    s, e = span
    return _text(text[:s]) + "<mark>" + _text(text[s:e]) + "</mark>" + _text(text[e:])


def render_citation(c: Citation) -> str:
    title = _text(c.title) if c.title else "（无标题）"
    page = f" 第{c.page}页" if getattr(c, "page", None) else ""
    return (
        f'<div class="qa-cite">'
        f'<div class="qa-cite-head"><span class="qa-cite-n">[{c.n}]</span>'
        f'《{title}》<span class="qa-cite-src">{_text(c.source)}{page}</span></div>'
        f'<div class="qa-cite-text">{render_passage(c)}</div>'
        f"</div>"
    )


def _reply_html(ans: Answer) -> str:
    body = _text(ans.reply)
    if ans.answer:
        short = _text(ans.answer)
        if short and short in body:
            body = body.replace(short, f"<strong>{short}</strong>", 1)
        else:
            body = f"<strong>{short}</strong><br>{body}"
    for c in ans.citations:
        marker = f"[{c.n}]"
        body = body.replace(marker, f'<span class="qa-marker">{marker}</span>')
    return body


def render_answer(ans: Answer) -> str:
    """One assistant message (HTML, on one line)."""
    cls = "qa-reply" if ans.answer else "qa-reply qa-refusal"
    parts = [f'<div class="qa-msg"><div class="{cls}">{_reply_html(ans)}</div>']
    question = (ans.question or "").strip()
    if ans.resolved_question and ans.resolved_question.strip() != question:
        parts.append(f'<div class="qa-resolved">（结合上文，理解为：{_text(ans.resolved_question)}）</div>')
    if ans.citations:
        parts.append('<div class="qa-cites"><div class="qa-cites-title">引用原文</div>')
        parts.extend(render_citation(c) for c in ans.citations)
        parts.append("</div>")
    if ans.resolved_question:  # not for empty input
        secs = ans.latency_ms / 1000
        took = f"{secs:.1f} 秒" if secs >= 0.1 else "不到 0.1 秒"
        parts.append(f'<div class="qa-meta">用时 {took}</div>')
    parts.append("</div>")
    return "".join(parts)


def render_error() -> str:
    return f'<div class="qa-msg qa-error">{_text(ERROR_TEXT)}</div>'


def render_user(message: str) -> str:
    text = (message or "").strip()
    return _text(text) if text else EMPTY_USER_TEXT


def index_info(service) -> str:
    """Markdown for the 'knowledge base' accordion."""
    lines = []
    try:
        lines.append(f"**已收录报告：** {service.coverage()}")
    except Exception:  # never let the footer break the page
        log.exception("coverage summary failed")
        lines.append("**已收录报告：** （无法读取）")
    try:
        m = service.index.manifest
        docs = m.get("documents", [])
        lines.append(
            f"**索引版本：** `{m.get('version', service.version)}`（构建于 {m.get('built_at', '未知')}；"
            f"{len(docs)} 份报告，{m.get('chunks', '?')} 个段落）"
        )
        for d in docs:
            warn = "；".join(d.get("warnings") or [])
            years = "、".join(str(y) for y in d.get("years") or []) or "年份未注明"
            lines.append(f"- `{d.get('source')}`：{d.get('label') or ''}（{years}）《{d.get('title', '')}》"
                         + (f" ⚠ {warn}" if warn else ""))
    except Exception:
        log.exception("reading the index manifest failed")
        lines.append(f"**索引版本：** `{getattr(service, 'version', '未知')}`")
    return "\n\n".join(lines[:2]) + "\n\n" + "\n".join(lines[2:])


def live_index_info(service) -> str:
    """``index_info`` of the version the service serves now, after switching to one
    built meanwhile (admin tab or ``qa build``)."""
    refresh_service(service)
    return index_info(service)


# ---------------------------------------------------------------- feedback

FEEDBACK_THANKS = "已记录反馈，谢谢"
FEEDBACK_HINT = "答案不对？在此填写正确答案（报告中没有则填“无”），点击“提交更正”。"


def open_feedback_store(service) -> FeedbackStore | None:
    """The store in the service's data_dir (else the configured one); None if unusable."""
    data_dir = getattr(getattr(service, "settings", None), "data_dir", None) or load_settings().data_dir
    try:
        return FeedbackStore.in_dir(data_dir)
    except (OSError, sqlite3.Error):
        log.exception("feedback store in %s cannot be opened; feedback is off", data_dir)
        return None


def feedback_like(store: FeedbackStore | None, answers: dict | None, rated: dict | None,
                  index, liked, session_id: str | None = None) -> tuple[dict, str]:
    """A 👍/👎 (liked True/False; "" or None = withdrawn) on the message at ``index``.
    Returns the new ``rated`` state and a status line."""
    rated = _rated(rated)
    if isinstance(index, (list, tuple)):
        index = index[0]
    ans = (answers or {}).get(index)
    if store is None:
        return rated, "反馈功能暂不可用（无法写入反馈文件）。"
    if ans is None:
        return rated, "这条消息不能评价（回答尚未完成或出错）。"
    row = rated["ids"].get(index)
    try:
        if liked is True or liked is False:
            rating = UP if liked else DOWN
            if row is None or not store.set_rating(row, rating):
                row = store.record(ans, rating, session_id=session_id)
            rated["ids"][index], rated["last"], rated["seen"] = row, index, max(answers)
            return rated, FEEDBACK_THANKS + ("。" if liked else f"。{FEEDBACK_HINT}")
        if row is not None:  # the thumb was clicked again: rating withdrawn
            store.delete(row)
            rated["ids"].pop(index, None)
            if rated["last"] == index:
                rated["last"] = None
        return rated, "已撤销评价。"
    except sqlite3.Error:
        log.exception("recording feedback failed")
        return rated, "反馈保存失败，已记录在日志中，请稍后重试。"


def feedback_correct(store: FeedbackStore | None, answers: dict | None, rated: dict | None,
                     correction: str | None, session_id: str | None = None) -> tuple[dict, str, str]:
    """Attach ``correction`` to the last rated answer, or to the latest answer (rated 👎)
    when none was rated since it arrived. Returns (rated, status, new text of the box)."""
    rated = _rated(rated)
    text = (correction or "").strip()
    if store is None:
        return rated, "反馈功能暂不可用（无法写入反馈文件）。", correction or ""
    if not text:
        return rated, "请先填写正确答案。", correction or ""
    answers = answers or {}
    latest = max(answers) if answers else None
    index = rated["last"] if rated["last"] in answers and rated["seen"] == latest else latest
    if index is None:
        return rated, "请先提问，再对回答提交更正。", correction or ""
    try:
        row = rated["ids"].get(index)
        if row is None or not store.set_correction(row, text):
            row = store.record(answers[index], DOWN, correction=text, session_id=session_id)
        rated["ids"][index], rated["last"], rated["seen"] = row, index, latest
    except sqlite3.Error:
        log.exception("recording a correction failed")
        return rated, "反馈保存失败，已记录在日志中，请稍后重试。", correction or ""
    q = answers[index].resolved_question or answers[index].question
    return rated, f"{FEEDBACK_THANKS}：更正已附在对“{q[:40]}”的回答上。", ""


def _rated(rated: dict | None) -> dict:
    """A copy of the session's rating state: ``ids`` {chat index: feedback row id},
    ``last`` the index rated last, ``seen`` the newest answer's index at that moment."""
    rated = rated or {}
    return {"ids": dict(rated.get("ids", {})), "last": rated.get("last"), "seen": rated.get("seen")}


def _session(request: gr.Request | None) -> str | None:
    return getattr(request, "session_hash", None) if request is not None else None


# ---------------------------------------------------------------- the app

def build_app(service_factory: Callable[[], Any], feedback_store: FeedbackStore | None = None) -> gr.Blocks:
    """The chat UI over the service returned by ``service_factory()`` (called once, now).
    Feedback goes to ``feedback_store`` (default: data_dir/feedback.sqlite3)."""
    service = service_factory()
    store = feedback_store if feedback_store is not None else open_feedback_store(service)

    def respond(message: str, chat: list[dict] | None, history: list[str] | None, answers: dict | None):
        chat = list(chat or [])
        history = list(history or [])
        answers = dict(answers or {})  # chat index of an assistant message -> its Answer
        message = message if isinstance(message, str) else ""
        chat.append({"role": "user", "content": render_user(message)})
        answers.pop(len(chat), None)
        yield "", chat + [{"role": "assistant", "content": THINKING_TEXT}], history, answers
        try:
            refresh_service(service)  # serve an index version built meanwhile (admin tab or `qa build`)
            ans = service.ask(message, history[-MAX_CONTEXT:] or None)
            content = render_answer(ans)
            answers[len(chat)] = ans
            if message.strip() and ans.resolved_question:
                # The resolved form, so a follow-up of a follow-up still has its context.
                history.append(ans.resolved_question)
            log.info("question %r -> %r (%.0f ms, %d citations)", message[:80], ans.answer,
                     ans.latency_ms, len(ans.citations))
        except Exception:
            log.exception("answering %r failed", message[:200])
            content = render_error()
        chat.append({"role": "assistant", "content": content})
        yield "", chat, history, answers

    def clear():
        return [], [], ""

    with gr.Blocks(title=TITLE, analytics_enabled=False) as demo:
        gr.Markdown(f"# {TITLE}\n{DESCRIPTION}")
        history = gr.State([])
        answers = gr.State({})  # this session's Answer objects, by chat index
        rated = gr.State({})  # feedback row ids by chat index, and the last rated one
        chatbot = gr.Chatbot(
            label="对话",
            show_label=False,
            height=600,
            elem_id="qa-chat",
            placeholder="请在下方输入问题，或点击示例问题。",
            buttons=[],  # the messages are HTML: a copy button would copy markup
            feedback_options=("Like", "Dislike"),
        )
        with gr.Row(equal_height=True):
            box = gr.Textbox(
                placeholder="例如：2011年中山市直属机关发展了多少名党员？（回车发送）",
                show_label=False,
                lines=1,
                max_lines=4,
                scale=8,
                elem_id="qa-input",
                autofocus=True,
            )
            send = gr.Button("发送", variant="primary", scale=1, min_width=80, elem_id="qa-send")
            clear_btn = gr.Button("清空对话", scale=1, min_width=80, elem_id="qa-clear")

        with gr.Row(equal_height=True):
            fb_text = gr.Textbox(placeholder=FEEDBACK_HINT, show_label=False, lines=1, max_lines=3,
                                 scale=8, elem_id="qa-correction")
            fb_send = gr.Button("提交更正", scale=1, min_width=80, elem_id="qa-correction-send")
        fb_status = gr.Markdown("", elem_id="qa-feedback-status")

        def on_like(answers: dict, rated: dict, evt: gr.LikeData, request: gr.Request):
            return feedback_like(store, answers, rated, evt.index, evt.liked, _session(request))

        def on_correct(text: str, answers: dict, rated: dict, request: gr.Request):
            return feedback_correct(store, answers, rated, text, _session(request))

        chatbot.like(on_like, [answers, rated], [rated, fb_status])
        fb_io = dict(inputs=[fb_text, answers, rated], outputs=[rated, fb_status, fb_text])
        fb_send.click(on_correct, **fb_io)
        fb_text.submit(on_correct, **fb_io)
        for clearing in (clear_btn.click, chatbot.clear):
            clearing(lambda: ({}, {}, ""), None, [answers, rated, fb_status], queue=False)

        io = dict(inputs=[box, chatbot, history, answers], outputs=[box, chatbot, history, answers])
        answering = [box.submit(respond, **io), send.click(respond, **io)]  # events that end with an answer
        clear_btn.click(clear, None, [chatbot, history, box], queue=False)
        chatbot.clear(lambda: [], None, history, queue=False)  # the chat's own trash button

        gr.Markdown("**示例问题**（点击即提问）：")
        with gr.Row():
            for q in EXAMPLES + [FOLLOW_UP_EXAMPLE]:
                label = f"追问：{q}" if q == FOLLOW_UP_EXAMPLE else q
                b = gr.Button(label, size="sm", variant="secondary")
                answering.append(b.click(lambda q=q: q, None, box, queue=False).then(respond, **io))
        gr.Markdown(f"“{FOLLOW_UP_EXAMPLE}”是追问示例：先问一个问题，再点击它。")

        with gr.Accordion("知识库覆盖范围与索引版本", open=False):
            footer = gr.Markdown(index_info(service), elem_id="qa-footer")

        # The footer follows the live index version: on page load and after each answer
        # (respond() switched to a new version first, if one went live).
        update_footer = dict(fn=lambda: live_index_info(service), inputs=None, outputs=footer,
                             show_progress="hidden", api_visibility="private")
        demo.load(**update_footer)
        for answered in answering:
            answered.then(**update_footer)
    # Adds the 管理 tab only when QA_ADMIN_PASSWORD is set; a rebuild there updates the footer.
    return mount_admin(demo, service, footer=footer, footer_info=lambda: live_index_info(service))
