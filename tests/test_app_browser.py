"""End to end: real index of the bundled corpus, the real Gradio app, headless Chromium.

Asks a question, checks the cited figure is highlighted, asks a follow-up the
reports cannot answer, sends an empty message, and checks the app still answers.
Leaves a screenshot in /tmp/app.png.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from conftest import free_port, requires_chromium

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

SCREENSHOT = Path("/tmp/app.png")  # after the answer and the follow-up
FINAL_SCREENSHOT = Path("/tmp/app_final.png")  # the whole session, footer open
FIRST_Q = "2011年中山市直属机关发展了多少名党员？"
FOLLOW_UP = "那2012年呢？"
THIRD_Q = "海南省直机关2020年火线入党多少人？"
TIMEOUT_MS = 180_000  # the first answer may wait for the model

pytestmark = requires_chromium



@pytest.fixture(scope="module")
def settings(index_settings):
    return index_settings  # the session's real index of corpus/


@pytest.fixture(scope="module")
def app_url(settings, service):
    import app as app_module
    from qa.webapp import launch

    demo = app_module.create_app(settings, service)
    port = free_port()
    launch(demo, "127.0.0.1", port, prevent_thread_lock=True, quiet=True)
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        demo.close()



def _open(browser, url: str):
    pg = browser.new_page(viewport={"width": 1280, "height": 1100}, locale="zh-CN")
    pg.set_default_timeout(TIMEOUT_MS)
    pg.goto(url, wait_until="domcontentloaded")
    pg.wait_for_selector("#qa-input textarea")
    return pg


@pytest.fixture(scope="module")
def page(browser, app_url):
    pg = _open(browser, app_url)
    yield pg
    pg.close()


def _ask(page, text: str, n_answers: int, via_button: bool = False):
    """Type ``text``, send it, and wait for the ``n_answers``-th answer; returns it."""
    box = page.locator("#qa-input textarea")
    box.fill(text)
    if via_button:
        page.locator("#qa-send").click()
    else:
        box.press("Enter")
    answers = page.locator("#qa-chat .qa-msg")
    page.wait_for_function(
        "n => document.querySelectorAll('#qa-chat .qa-msg').length >= n", arg=n_answers, timeout=TIMEOUT_MS
    )
    return answers.nth(n_answers - 1)


def test_chat_in_browser(page):
    t0 = time.time()
    page.wait_for_selector("text=机关党建工作报告问答")

    # 1. A question the reports answer: the figure is in a highlighted quote.
    first = _ask(page, FIRST_Q, 1)
    first.locator("mark").first.wait_for()
    marks = first.locator("mark").all_inner_texts()
    assert any("585" in m for m in marks), marks
    assert "585" in first.locator(".qa-reply strong").first.inner_text()
    assert "市直属机关工作(2011)" in first.locator(".qa-cite-head").first.inner_text()
    assert "000_7fb3e329b878b41a.txt" in first.inner_text()
    assert page.locator("#qa-chat").get_by_text(FIRST_Q).count() >= 1  # the user's message
    assert page.locator("#qa-input textarea").input_value() == ""  # box cleared after sending

    # 2. Follow-up about a year no report covers: a refusal, not a figure.
    second = _ask(page, FOLLOW_UP, 2)
    text = second.inner_text()
    assert second.locator(".qa-refusal").count() == 1, text
    assert "没有" in text and "2012" in text, text
    assert second.locator("mark").count() == 0 and second.locator(".qa-reply strong").count() == 0, text
    assert "585" not in second.locator(".qa-reply").inner_text()
    page.screenshot(path=str(SCREENSHOT), full_page=True)
    assert SCREENSHOT.stat().st_size > 10_000

    # 3. An empty message: a clear prompt, no crash.
    third = _ask(page, "   ", 3, via_button=True)
    assert "请输入一个问题" in third.inner_text()
    assert page.locator(".qa-error").count() == 0

    # 4. ...and the app still answers afterwards.
    fourth = _ask(page, THIRD_Q, 4)
    fourth.locator("mark").first.wait_for()
    assert any("129" in m for m in fourth.locator("mark").all_inner_texts())
    assert "2020年省直机关党建工作综述" in fourth.inner_text()
    assert page.locator(".qa-error").count() == 0

    # The knowledge-base footer lists the reports and the index version.
    page.get_by_text("知识库覆盖范围与索引版本").click()
    page.locator("#qa-footer").get_by_text("索引版本").wait_for()
    assert "海南省直机关" in page.locator("#qa-footer").inner_text()

    page.screenshot(path=str(FINAL_SCREENSHOT), full_page=True)

    # Clearing the conversation empties the chat, and the app answers afresh.
    page.locator("#qa-clear").click()
    page.wait_for_function("() => document.querySelectorAll('#qa-chat .qa-msg').length === 0")
    again = _ask(page, FIRST_Q, 1)
    again.locator("mark").first.wait_for()
    assert any("585" in m for m in again.locator("mark").all_inner_texts())
    print(f"browser session took {time.time() - t0:.1f}s; screenshots in {SCREENSHOT}, {FINAL_SCREENSHOT}")


class _StubService:
    """Stands in for QAService to drive the error path and the example buttons."""

    version = "stub-1"

    def __init__(self):
        from types import SimpleNamespace

        self.index = SimpleNamespace(manifest={"version": "stub-1", "built_at": "-", "chunks": 0, "documents": []})
        self.asked: list[tuple[str, list[str] | None]] = []

    def coverage(self) -> str:
        return "（测试）"

    def ask(self, question, history=None):
        from qa.types import Answer

        self.asked.append((question, history))
        if "爆炸" in question:
            raise RuntimeError("boom")
        return Answer(question=question, answer=None, reply=f"收到：<b>{question}</b>",
                      resolved_question=question)


def test_errors_and_examples_in_browser(browser):
    from qa.webapp import EXAMPLES, FOLLOW_UP_EXAMPLE, build_app, launch

    stub = _StubService()
    demo = build_app(lambda: stub)
    port = free_port()
    launch(demo, "127.0.0.1", port, prevent_thread_lock=True, quiet=True)
    pg = _open(browser, f"http://127.0.0.1:{port}/")
    try:
        # An exception inside the service: a friendly message, and the app goes on.
        first = _ask(pg, "请让它爆炸", 1)
        assert "qa-error" in (first.get_attribute("class") or "")
        assert "出现了内部错误" in first.inner_text()

        # Example buttons ask right away; the follow-up example gets the history.
        pg.get_by_role("button", name=EXAMPLES[0]).click()
        pg.wait_for_function("() => document.querySelectorAll('#qa-chat .qa-msg').length >= 2")
        pg.get_by_role("button", name="追问：" + FOLLOW_UP_EXAMPLE).click()
        pg.wait_for_function("() => document.querySelectorAll('#qa-chat .qa-msg').length >= 3")
        assert stub.asked[1] == (EXAMPLES[0], None)  # the failed question is not context
        assert stub.asked[2] == (FOLLOW_UP_EXAMPLE, [EXAMPLES[0]])

        # Text from the service is shown as text, never as markup.
        third = pg.locator("#qa-chat .qa-msg").nth(2)
        assert "<b>" in third.inner_text() and third.locator("b").count() == 0
    finally:
        pg.close()
        demo.close()
