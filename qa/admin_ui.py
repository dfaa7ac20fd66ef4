"""The admin tab ("管理") of the Gradio app; the corpus logic is in qa/admin.py.

``mount_admin(chat_demo, service)`` returns the app to serve: the chat Blocks
unchanged when no admin password is configured (``QA_ADMIN_PASSWORD`` /
``Settings.admin_password``) — there is never an open admin tab — otherwise a
Blocks with two tabs, "问答" (the chat, rendered as it is) and "管理". Given the
chat's ``footer`` component and ``footer_info()`` (its new content), a rebuild,
refresh or login on the admin tab — each may switch the live index version —
updates the chat's footer too.

The admin tab shows only a password box until the right password is given
(``hmac.compare_digest``); the login lives in a per-session ``gr.State`` and
every handler checks it on the server, so hidden controls cannot be used
without it. Nothing about the corpus is put into the page before the login.
"""

from __future__ import annotations

import html
import importlib.util
import logging
import time
from datetime import datetime
from pathlib import Path
from typing import Any, Callable

import gradio as gr

from . import admin

log = logging.getLogger(__name__)

TAB_CHAT = "问答"
TAB_ADMIN = "管理"
LOGIN_DELAY_S = 1.0  # after a wrong password: slows guessing (the login event runs one at a time)
NOT_LOGGED_IN = "请先登录。"
# Result markers (✓/✗: in DejaVu Sans, so they show without an emoji font, unlike ✅/❌).
OK_MARK, FAIL_MARK = "✓ ", "✗ "

# Styles of the admin HTML blocks (gr.HTML's css_template: the app's own CSS is webapp's).
CSS = """
table.admin-table { border-collapse: collapse; width: 100%; font-size: 0.9em; }
table.admin-table th, table.admin-table td {
    border: 1px solid #e5e7eb; padding: 4px 6px; text-align: left; vertical-align: top; }
table.admin-table th { background: rgba(147, 197, 253, 0.15); }
.admin-warn { color: #b45309; }
.admin-mono { font-family: ui-monospace, monospace; font-size: 0.9em; }
.admin-pending { color: #b45309; font-weight: 600; }
.admin-ok { color: #15803d; }
.admin-nowrap { white-space: nowrap; }
"""


def _e(x: Any) -> str:
    return html.escape("" if x is None else str(x))


def _local_time(iso: str | None) -> str:
    if not iso:
        return "未知"
    try:
        return datetime.fromisoformat(iso).astimezone().strftime("%Y-%m-%d %H:%M:%S %Z")
    except ValueError:
        return iso


def _table(headers: list[str], rows: list[list[str]], empty: str, elem_class: str = "admin-table") -> str:
    """An HTML table; cells are HTML already escaped by the caller."""
    if not rows:
        return f"<p>{_e(empty)}</p>"
    head = "".join(f"<th>{_e(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows)
    return f'<table class="{elem_class}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


# ---------------------------------------------------------------- rendering

def render_status(service, settings) -> str:
    manifest = getattr(getattr(service, "index", None), "manifest", None) or {}
    s = admin.index_summary(manifest)
    secs = f"，用时 {s['build_seconds']} 秒" if s.get("build_seconds") is not None else ""
    lines = [
        f"<b>索引版本：</b><span class='admin-mono' id='admin-version'>{_e(s['version'] or getattr(service, 'version', '无'))}</span>"
        f"（问答正在使用此版本）",
        f"<b>向量模型：</b><span class='admin-mono'>{_e(s['model'] or settings.model)}</span>",
        f"<b>构建时间：</b>{_e(_local_time(s['built_at']))}{_e(secs)}；{len(s['reports'])} 份报告，"
        f"{_e(s['chunks'])} 个段落，跳过 {len(s['skipped'])} 个文件",
        f"<b>语料目录：</b><span class='admin-mono'>{_e(settings.corpus_dir)}</span>",
    ]
    try:
        ch = admin.corpus_changes(settings.corpus_dir, manifest)
    except OSError as e:
        lines.append(f"<span class='admin-warn'>无法读取语料目录：{_e(e)}</span>")
    else:
        parts = [f"{label} {len(ch[k])} 个（{_e('、'.join(ch[k]))}）"
                 for k, label in (("added", "新增"), ("removed", "已删除"), ("changed", "已修改")) if ch[k]]
        if parts:
            lines.append("<span class='admin-pending' id='admin-pending'>语料有改动尚未索引："
                         + "；".join(parts) + "。点击“重建索引”后生效。</span>")
        else:
            lines.append("<span class='admin-ok' id='admin-pending'>语料与索引一致。</span>")
    return "<div>" + "<br>".join(lines) + "</div>"


def render_reports(service) -> str:
    s = admin.index_summary(getattr(getattr(service, "index", None), "manifest", None))
    rows = []
    for r in s["reports"]:
        years = "、".join(str(y) for y in r["years"]) or "未注明"
        warn = "；".join(r["warnings"])
        nowrap = lambda x: f"<span class='admin-nowrap'>{_e(x)}</span>"  # noqa: E731
        rows.append([f"<span class='admin-mono'>{_e(r['source'])}</span>", _e(r["title"]), nowrap(years),
                     nowrap(r["label"]), nowrap(r["format"]), nowrap(r["chunks"]),
                     f"<span class='admin-warn'>{_e(warn)}</span>" if warn else ""])
    return "<h4>已索引的报告</h4>" + _table(["文件", "标题", "年份", "地区", "格式", "段落数", "警告"], rows,
                                          "索引中还没有报告。")


def render_skipped(service) -> str:
    s = admin.index_summary(getattr(getattr(service, "index", None), "manifest", None))
    rows = [[f"<span class='admin-mono'>{_e(r['source'])}</span>", _e(r["reason"])] for r in s["skipped"]]
    return "<h4>上次构建跳过的文件</h4>" + _table(["文件", "原因"], rows, "没有跳过的文件。")


def render_feedback(settings) -> str:
    try:
        fb = admin.feedback_summary(settings.data_dir)
    except Exception as e:  # a broken feedback store must not break the admin page
        log.exception("reading the feedback store failed")
        return f"<h4>用户反馈</h4><p class='admin-warn'>无法读取反馈：{_e(e)}</p>"
    if fb is None:
        return ""
    c = fb["counts"]
    rows = []
    for r in fb["latest"]:
        q = r.get("resolved_question") or r.get("question") or ""
        ans = r.get("answer")
        rows.append([_e(_local_time(r.get("created_at"))), _e(q), _e(ans if ans is not None else "（拒答）"),
                     _e(r.get("correction") or ""), f"<span class='admin-mono'>{_e(r.get('index_version'))}</span>"])
    return (f"<h4>用户反馈</h4><p id='admin-feedback-counts'>👍 有用 {c.get('up', 0)} 条　👎 有误 {c.get('down', 0)} 条</p>"
            + "<p>最近的 👎（有误）反馈：</p>"
            + _table(["时间", "问题", "回答", "更正", "索引版本"], rows, "还没有 👎 反馈。"))


# ---------------------------------------------------------------- the tab

def _html(elem_id: str, **kw) -> gr.HTML:
    return gr.HTML("", elem_id=elem_id, css_template=CSS, js_on_load=None, **kw)


def mount_admin(chat: gr.Blocks, service, footer: gr.Component | None = None,
                footer_info: Callable[[], str] | None = None) -> gr.Blocks:
    """The app to serve: ``chat`` itself when no admin password is set, else
    ``chat`` and the admin page as two tabs of a new Blocks. ``footer``, a
    component of ``chat``, gets ``footer_info()`` whenever the admin tab may
    have switched the index version."""
    settings = getattr(service, "settings", None)
    if settings is None or not getattr(settings, "admin_password", ""):
        return chat
    with gr.Blocks(title=getattr(chat, "title", None) or "Gradio", analytics_enabled=False) as app:
        with gr.Tabs(elem_id="qa-tabs"):
            with gr.Tab(TAB_CHAT, id="chat", elem_id="qa-tab-chat"):
                chat.render()
            with gr.Tab(TAB_ADMIN, id="admin", elem_id="qa-tab-admin"):
                build_admin_tab(service, settings, footer, footer_info)
    return app


def build_admin_tab(service, settings, footer: gr.Component | None = None,
                    footer_info: Callable[[], str] | None = None) -> None:
    """The admin controls, inside the current Blocks context; ``footer`` (the
    chat's) is updated with ``footer_info()`` after a login, refresh or rebuild."""
    has_feedback = importlib.util.find_spec("qa.feedback") is not None

    authed = gr.State(False)  # per browser session
    pending = gr.State(None)  # the report waiting for its removal to be confirmed

    with gr.Column(visible=True, elem_id="admin-login") as login_col:
        gr.Markdown("### 管理登录\n请输入管理密码（环境变量 `QA_ADMIN_PASSWORD`）。")
        with gr.Row(equal_height=True):
            password = gr.Textbox(type="password", show_label=False, placeholder="管理密码", scale=4,
                                  elem_id="admin-password")
            login_btn = gr.Button("登录", variant="primary", scale=1, min_width=80, elem_id="admin-login-btn")
        login_msg = gr.Markdown("", elem_id="admin-login-msg")

    with gr.Column(visible=False, elem_id="admin-panel") as panel:
        with gr.Row():
            gr.Markdown("### 知识库管理")
            refresh_btn = gr.Button("刷新", size="sm", scale=0, min_width=70, elem_id="admin-refresh")
            logout_btn = gr.Button("退出登录", size="sm", scale=0, min_width=90, elem_id="admin-logout")
        status = _html("admin-status")
        with gr.Row(equal_height=True):
            rebuild_btn = gr.Button("重建索引", variant="primary", scale=0, min_width=160, elem_id="admin-rebuild")
            build_msg = gr.Markdown("", elem_id="admin-build-msg", min_height=40)
        reports = _html("admin-reports")
        skipped = _html("admin-skipped")

        gr.Markdown("#### 上传报告")
        max_mb = admin.max_upload_bytes() // (1024 * 1024)
        upload = gr.File(file_count="multiple", label=f"选择或拖入报告文件（单个不超过 {max_mb} MB）",
                         elem_id="admin-upload", height=120)
        rename = gr.Checkbox(False, label="同名文件已存在时另存为 文件名(1)（否则拒绝，不会覆盖）",
                             elem_id="admin-rename")
        formats = gr.Markdown("", elem_id="admin-formats")
        upload_msg = gr.Markdown("", elem_id="admin-upload-msg")

        gr.Markdown("#### 删除报告")
        with gr.Row(equal_height=True):
            choice = gr.Dropdown(choices=[], value=None, label="语料目录中的报告", scale=4,
                                 elem_id="admin-remove-choice", allow_custom_value=False)
            remove_btn = gr.Button("删除所选报告", variant="stop", scale=0, min_width=160, elem_id="admin-remove")
        with gr.Row(visible=False, elem_id="admin-confirm-row") as confirm_row:
            confirm_text = gr.Markdown("", elem_id="admin-confirm-text")
            confirm_btn = gr.Button("确认删除", variant="stop", scale=0, min_width=100, elem_id="admin-confirm")
            cancel_btn = gr.Button("取消", scale=0, min_width=80, elem_id="admin-cancel")
        remove_msg = gr.Markdown("", elem_id="admin-remove-msg")

        feedback = _html("admin-feedback", visible=has_feedback)

    data_outputs = [status, reports, skipped, choice, feedback, formats]

    def and_footer(event) -> None:
        """After ``event`` (which may have switched the live version), the chat's footer."""
        if footer is not None and footer_info is not None:
            event.then(footer_info, None, footer, show_progress="hidden", api_visibility="private")

    def panel_data() -> list:
        admin.refresh_service(service)  # also shows a version built by `qa build`
        try:
            names = [f.name for f in admin.list_corpus(settings.corpus_dir)]
        except OSError:
            names = []
        fmt = "支持的格式：" + "、".join(admin.supported_suffixes()) + "（文本文件可为 UTF-8 或 GBK/GB18030 编码）"
        return [render_status(service, settings), render_reports(service), render_skipped(service),
                gr.update(choices=names, value=None), render_feedback(settings) if has_feedback else "", fmt]

    def no_data() -> list:
        return [gr.update() for _ in data_outputs]

    def on_login(pw: str, is_authed: bool):
        if admin.check_password(pw, settings.admin_password):
            log.info("admin: login")
            return [True, "", gr.update(visible=False), gr.update(visible=True), ""] + panel_data()
        time.sleep(LOGIN_DELAY_S)
        log.warning("admin: wrong password")
        return [is_authed, "**密码错误。**", gr.update(), gr.update(), ""] + no_data()

    login_io = dict(inputs=[password, authed], outputs=[authed, login_msg, login_col, panel, password] + data_outputs,
                    api_visibility="private")
    and_footer(login_btn.click(on_login, **login_io))
    and_footer(password.submit(on_login, **login_io))

    def on_logout():
        # Hidden is not enough: clear what the page holds.
        return [False, gr.update(visible=True), gr.update(visible=False), None, gr.update(visible=False),
                "", "", "", ""] + ["", "", "", gr.update(choices=[], value=None), "", ""]

    logout_btn.click(on_logout, None,
                     [authed, login_col, panel, pending, confirm_row, build_msg, upload_msg, remove_msg, login_msg]
                     + data_outputs, queue=False, api_visibility="private")

    def on_refresh(is_authed: bool):
        return panel_data() if is_authed else no_data()

    and_footer(refresh_btn.click(on_refresh, [authed], data_outputs, api_visibility="private"))

    def on_upload(files, rename_if_exists: bool, is_authed: bool):
        if not is_authed:
            return [NOT_LOGGED_IN, None] + no_data()
        paths = files if isinstance(files, list) else ([files] if files else [])
        if not paths:
            return ["", None] + no_data()
        results = [admin.save_upload(settings.corpus_dir, p, Path(str(p)).name, rename_if_exists=bool(rename_if_exists))
                   for p in paths]
        lines = [(OK_MARK if r.ok else FAIL_MARK) + r.message for r in results]
        if any(r.ok for r in results):
            lines.append("点击“重建索引”后，问答即可引用新报告。")
        return ["\n\n".join(lines), None] + panel_data()

    upload.upload(on_upload, [upload, rename, authed], [upload_msg, upload] + data_outputs,
                  api_visibility="private")

    def on_remove(name: str | None, is_authed: bool):
        if not is_authed:
            return [None, gr.update(visible=False), "", NOT_LOGGED_IN]
        if not name:
            return [None, gr.update(visible=False), "", "请先选择要删除的报告。"]
        return [name, gr.update(visible=True),
                f"确定从语料目录删除“{name}”吗？文件将被删除，重建索引后问答不再引用它。", ""]

    remove_btn.click(on_remove, [choice, authed], [pending, confirm_row, confirm_text, remove_msg],
                     api_visibility="private")

    def on_confirm(name: str | None, is_authed: bool):
        if not is_authed:
            return [None, gr.update(visible=False), NOT_LOGGED_IN] + no_data()
        try:
            msg = OK_MARK + admin.remove_report(settings.corpus_dir, name or "")
        except (ValueError, OSError) as e:
            msg = f"{FAIL_MARK}未删除：{e}"
        return [None, gr.update(visible=False), msg] + panel_data()

    confirm_btn.click(on_confirm, [pending, authed], [pending, confirm_row, remove_msg] + data_outputs,
                      api_visibility="private")
    cancel_btn.click(lambda: [None, gr.update(visible=False), "已取消删除。"], None,
                     [pending, confirm_row, remove_msg], queue=False, api_visibility="private")

    def on_rebuild(is_authed: bool, progress=gr.Progress()):
        if not is_authed:
            return [NOT_LOGGED_IN] + no_data()
        progress(0.0, desc="开始构建索引")
        result = admin.rebuild(service, progress=lambda msg, frac: progress(frac, desc=msg))
        return [(OK_MARK if result.ok else FAIL_MARK) + result.message] + panel_data()

    # No concurrency limit: a second click (or another admin) reaches the build
    # lock at once and is told a build is running, instead of waiting in a queue.
    and_footer(rebuild_btn.click(on_rebuild, [authed], [build_msg] + data_outputs, concurrency_limit=None,
                                 show_progress_on=[build_msg], api_visibility="private"))
