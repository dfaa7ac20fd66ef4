"""Corpus management for the admin page (qa/admin.py): login, uploads, removal,
the manifest summary, rebuild + refresh, and the app without a password."""

from __future__ import annotations

import os
import shutil
import threading
import time
from pathlib import Path
from types import SimpleNamespace

import pytest

from qa import admin

REPORT_TEXT = (
    "2016年某某市直机关工委工作\n\n"
    "2016年，某某市直机关工委围绕中心、服务大局，扎实推进机关党建各项工作。"
    "全年发展党员437人，培训入党积极分子1200人次。"
    "组织开展“两学一做”学习教育，覆盖市直机关各级党组织。\n"
)


@pytest.fixture
def corpus(tmp_path) -> Path:
    d = tmp_path / "corpus"
    d.mkdir()
    (d / "a.txt").write_text("2015年某某市直机关党建工作报告\n\n2015年，市直机关发展党员100人，成效明显。\n", encoding="utf-8")
    return d


def _upload(tmp_path: Path, name: str, data: bytes | str) -> Path:
    """A file as Gradio hands it over: in its own temp folder, under its own name."""
    d = tmp_path / f"upload-{len(list(tmp_path.iterdir()))}"
    d.mkdir()
    p = d / name
    p.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return p


# ---------------------------------------------------------------- login

def test_check_password():
    assert admin.check_password("s3cret-密码", "s3cret-密码")
    assert not admin.check_password("s3cret", "s3cret-密码")
    assert not admin.check_password("", "x") and not admin.check_password(None, "x")
    # No configured password: nothing logs in, not even an empty string.
    assert not admin.check_password("", "") and not admin.check_password("anything", None)


def test_admin_password_setting(monkeypatch):
    from qa.config import load_settings

    monkeypatch.delenv("QA_ADMIN_PASSWORD", raising=False)
    assert load_settings().admin_password == ""
    monkeypatch.setenv("QA_ADMIN_PASSWORD", "from-env")
    assert load_settings().admin_password == "from-env"
    assert load_settings(admin_password="explicit").admin_password == "explicit"


# ---------------------------------------------------------------- uploads

def test_upload_saved_under_its_own_name(tmp_path, corpus):
    src = _upload(tmp_path, "2016年某某市直机关工委工作.txt", REPORT_TEXT)
    r = admin.save_upload(corpus, src)
    assert r.ok, r.message
    assert r.saved_as == "2016年某某市直机关工委工作.txt"
    assert (corpus / r.saved_as).read_text(encoding="utf-8") == REPORT_TEXT
    assert 2016 in r.years and "已保存" in r.message
    assert [f.name for f in admin.list_corpus(corpus)] == ["2016年某某市直机关工委工作.txt", "a.txt"]
    assert not [p for p in corpus.iterdir() if p.name.startswith(".")]  # no temp file left


def test_scanned_pdf_pages_are_reported_in_chinese(tmp_path, corpus):
    """A PDF with a scanned page is saved with a Chinese warning naming the file and
    the page; a PDF of scans only is refused in Chinese. Neither names the temporary copy."""
    pytest.importorskip("reportlab")
    from test_formats import PDF_PAGES, make_pdf

    from qa.admin_ui import render_reports

    mixed = make_pdf(tmp_path / "mixed.pdf", pages=[PDF_PAGES[0], None, PDF_PAGES[1], None])
    r = admin.save_upload(corpus, _upload(tmp_path, "2015年江门报告.pdf", mixed.read_bytes()))
    assert r.ok, r.message
    warning = "第2、4页没有文字层（可能是扫描件），这些页未收录（全文共 4 页）"
    assert r.warnings == [warning]
    assert r.message.startswith("已保存“2015年江门报告.pdf”") and r.message.endswith("注意：" + warning), r.message

    scanned = make_pdf(tmp_path / "scan.pdf", image=True)
    r = admin.save_upload(corpus, _upload(tmp_path, "扫描件.pdf", scanned.read_bytes()))
    assert not r.ok
    assert r.message == "未保存“扫描件.pdf”：PDF 没有文字层（可能是扫描件），请先做文字识别（OCR）", r.message
    assert [f.name for f in admin.list_corpus(corpus)] == ["2015年江门报告.pdf", "a.txt"]

    # The admin page lists the warning in the row of its file.
    doc = {"source": "2015年江门报告.pdf", "title": "T", "years": [2015], "label": "江门市直机关",
           "format": "pdf", "chunks": 3, "warnings": [warning]}
    html = render_reports(SimpleNamespace(index=SimpleNamespace(manifest={"documents": [doc]})))
    row = html.split("<tbody>")[1].split("</tr>")[0]
    assert "2015年江门报告.pdf" in row and warning in row


def test_upload_gbk_and_uppercase_suffix(tmp_path, corpus):
    r = admin.save_upload(corpus, _upload(tmp_path, "GBK报告.TXT", REPORT_TEXT.encode("gbk")))
    assert r.ok, r.message and (corpus / "GBK报告.TXT").exists()


@pytest.mark.parametrize("name, why", [
    ("../evil.txt", "路径分隔符"),
    ("sub/evil.txt", "路径分隔符"),
    ("..\\evil.txt", "路径分隔符"),
    ("..", "路径分隔符"),
    (".hidden.txt", "以“.”开头"),
    ("report.exe", "不支持的文件类型"),
    ("report", "不支持的文件类型"),
    ("report.txt.sh", "不支持的文件类型"),
    ("", "文件名为空"),
    ("a\x00b.txt", "控制字符"),
    ("x" * 300 + ".txt", "文件名太长"),
])
def test_upload_bad_names_refused(tmp_path, corpus, name, why):
    src = _upload(tmp_path, "ok.txt", REPORT_TEXT)
    r = admin.save_upload(corpus, src, name)
    assert not r.ok and r.saved_as is None
    assert why in r.message, r.message
    assert [f.name for f in admin.list_corpus(corpus)] == ["a.txt"]
    assert not (tmp_path / "evil.txt").exists()


def test_supported_suffixes_follow_the_loader(monkeypatch):
    from qa import loaders

    assert ".txt" in admin.supported_suffixes() and ".md" in admin.supported_suffixes()
    monkeypatch.setattr(loaders, "SUPPORTED_SUFFIXES", (".txt", ".md", ".docx"), raising=False)
    assert admin.check_name("报告.DOCX") == "报告.DOCX"


def test_upload_too_large_refused(tmp_path, corpus):
    src = _upload(tmp_path, "big.txt", b"")
    with open(src, "wb") as f:  # sparse: no 50 MB written
        f.truncate(admin.MAX_UPLOAD_BYTES + 1)
    r = admin.save_upload(corpus, src)
    assert not r.ok and "文件太大" in r.message and "50 MB" in r.message, r.message
    assert not (corpus / "big.txt").exists()


def test_upload_empty_or_unreadable_refused(tmp_path, corpus):
    r = admin.save_upload(corpus, _upload(tmp_path, "empty.txt", b""))
    assert not r.ok and "空" in r.message
    r = admin.save_upload(corpus, _upload(tmp_path, "binary.txt", b"\x00\x01\x02" * 100))
    assert not r.ok and r.message == "未保存“binary.txt”：文件看起来是二进制数据（含有 NUL 字节），不是文本", r.message
    assert [f.name for f in admin.list_corpus(corpus)] == ["a.txt"]
    assert not [p for p in corpus.iterdir() if p.name.startswith(".")]


def test_upload_never_overwrites(tmp_path, corpus):
    before = (corpus / "a.txt").read_bytes()
    r = admin.save_upload(corpus, _upload(tmp_path, "a.txt", REPORT_TEXT))
    assert not r.ok and "同名" in r.message and "先删除" in r.message, r.message
    assert (corpus / "a.txt").read_bytes() == before

    r1 = admin.save_upload(corpus, _upload(tmp_path, "a.txt", REPORT_TEXT), rename_if_exists=True)
    assert r1.ok and r1.saved_as == "a(1).txt" and "另存" in r1.message, r1.message
    r2 = admin.save_upload(corpus, _upload(tmp_path, "a.txt", REPORT_TEXT + "又及。"), rename_if_exists=True)
    assert r2.ok and r2.saved_as == "a(2).txt"
    assert (corpus / "a.txt").read_bytes() == before
    assert (corpus / "a(1).txt").read_text(encoding="utf-8") == REPORT_TEXT


def test_upload_same_content_refused(tmp_path, corpus):
    r = admin.save_upload(corpus, _upload(tmp_path, "copy.txt", (corpus / "a.txt").read_bytes()))
    assert not r.ok and "完全相同" in r.message and "a.txt" in r.message


def test_concurrent_uploads_of_one_name(tmp_path, corpus):
    """Two uploads racing for one name: one wins, the other is refused, no overwrite."""
    srcs = [_upload(tmp_path, "race.txt", REPORT_TEXT + f"版本{i}。") for i in range(2)]
    results = []
    ts = [threading.Thread(target=lambda s=s: results.append(admin.save_upload(corpus, s))) for s in srcs]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    assert sorted(r.ok for r in results) == [False, True]
    winner = next(r for r in results if r.ok)
    assert winner.saved_as == "race.txt"


# ---------------------------------------------------------------- listing and removal

def test_remove_report(tmp_path, corpus):
    (corpus / "sub").mkdir()
    (corpus / "sub" / "b.md").write_text("# 2014年报告\n\n2014年发展党员50人。\n", encoding="utf-8")
    assert [f.name for f in admin.list_corpus(corpus)] == ["a.txt", "sub/b.md"]
    msg = admin.remove_report(corpus, "sub/b.md")
    assert "已删除" in msg and "重建索引" in msg
    assert not (corpus / "sub" / "b.md").exists()

    outside = tmp_path / "outside.txt"
    outside.write_text("keep me", encoding="utf-8")
    for bad in ("../outside.txt", str(outside), "nope.txt", "", "sub"):
        with pytest.raises(ValueError):
            admin.remove_report(corpus, bad)
    assert outside.exists() and (corpus / "a.txt").exists()


def test_remove_read_only_file(corpus):
    os.chmod(corpus / "a.txt", 0o444)  # the bundled corpus is read-only
    admin.remove_report(corpus, "a.txt")
    assert admin.list_corpus(corpus) == []


def test_corpus_changes(corpus):
    files = {f.name: f.sha256 for f in admin.list_corpus(corpus)}
    manifest = {"files": {**files, "gone.txt": "0" * 64}}
    (corpus / "new.txt").write_text("2016年新报告，发展党员1人。", encoding="utf-8")
    ch = admin.corpus_changes(corpus, manifest)
    assert ch == {"added": ["new.txt"], "removed": ["gone.txt"], "changed": []}
    (corpus / "a.txt").write_text("改过了：2015年发展党员101人。", encoding="utf-8")
    assert admin.corpus_changes(corpus, manifest)["changed"] == ["a.txt"]
    assert admin.corpus_changes(corpus, None)["added"] == ["a.txt", "new.txt"]


def test_index_summary():
    manifest = {
        "version": "v1", "built_at": "2024-01-01T00:00:00+00:00", "chunks": 3, "build_seconds": 1.5,
        "settings": {"model": "multilingual-e5-small"},
        "documents": [{"source": "a.txt", "title": "T", "years": [2015], "label": "某某市直机关", "format": "text",
                       "chunks": 3, "warnings": ["报告正文未写明年份", "odd"]}],
        "skipped": [{"source": "b.txt", "reason": "文件是空的"}],
    }
    s = admin.index_summary(manifest)
    assert s["version"] == "v1" and s["model"] == "multilingual-e5-small" and s["chunks"] == 3
    assert s["reports"][0]["warnings"] == ["报告正文未写明年份", "odd"]
    assert s["skipped"] == [{"source": "b.txt", "reason": "文件是空的"}]
    assert admin.index_summary(None)["reports"] == []


def test_stage_names():
    assert admin.stage_zh("embedding passages 3/10") == "计算段落向量 3/10"
    assert admin.stage_zh("something new") == "something new"


# ---------------------------------------------------------------- refresh and rebuild

class _Svc:
    def __init__(self, settings, fail_refresh=False):
        self.settings, self.embedder, self.version = settings, None, "old-version"
        self.refreshed = 0
        self.fail_refresh = fail_refresh

    def refresh(self):
        self.refreshed += 1
        if self.fail_refresh:
            raise RuntimeError("cannot load")
        return False


def test_refresh_service_never_raises(tmp_path):
    assert admin.refresh_service(SimpleNamespace()) is False  # no refresh(): a stub
    svc = _Svc(None, fail_refresh=True)
    assert admin.refresh_service(svc) is False and svc.refreshed == 1


def test_rebuild_while_another_build_runs(tmp_path, corpus):
    from qa.config import load_settings
    from qa.index import build_lock

    svc = _Svc(load_settings(corpus_dir=corpus, index_dir=tmp_path / "index"))
    with build_lock(tmp_path / "index"):
        r = admin.rebuild(svc)
    assert not r.ok and "另一个索引构建正在进行" in r.message and "old-version" in r.message
    assert svc.refreshed == 0 and r.version == "old-version"


def test_rebuild_failure_keeps_serving(tmp_path):
    from qa.config import load_settings

    svc = _Svc(load_settings(corpus_dir=tmp_path / "no-such-corpus", index_dir=tmp_path / "index"))
    r = admin.rebuild(svc)
    assert not r.ok and "构建失败" in r.message and "原索引版本 old-version" in r.message, r.message
    assert svc.refreshed == 0


def test_upload_rebuild_refresh_remove(tmp_path, corpus_dir, embedder):
    """The real flow on a real index: upload -> rebuild -> the service answers
    from the new report without a restart; remove -> rebuild -> a refusal."""
    from qa.config import load_settings
    from qa.index import build_index
    from qa.service import QAService

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(corpus_dir / "000_7fb3e329b878b41a.txt", corpus)
    settings = load_settings(corpus_dir=corpus, index_dir=tmp_path / "index", data_dir=tmp_path / "data")
    build_index(settings, embedder=embedder)
    svc = QAService.load(settings, embedder=embedder)
    v0 = svc.version
    question = "2016年某某市直机关发展了多少名党员？"
    assert svc.ask(question).answer is None

    up = admin.save_upload(corpus, _upload(tmp_path, "某某市直机关2016.txt", REPORT_TEXT))
    assert up.ok, up.message
    assert admin.corpus_changes(corpus, svc.index.manifest)["added"] == ["某某市直机关2016.txt"]
    stages = []
    r = admin.rebuild(svc, progress=lambda msg, frac: stages.append((msg, frac)))
    assert r.ok and r.rebuilt and "索引已更新" in r.message, r.message
    assert svc.version != v0 and r.version == svc.version
    assert stages and stages[-1] == ("索引就绪", 1.0)
    srcs = [d["source"] for d in admin.index_summary(svc.index.manifest)["reports"]]
    assert "某某市直机关2016.txt" in srcs
    ans = svc.ask(question)
    assert ans.answer and "437" in ans.answer, ans.reply
    assert ans.citations[0].source == "某某市直机关2016.txt"

    again = admin.rebuild(svc)
    assert again.ok and not again.rebuilt and "已是最新" in again.message

    admin.remove_report(corpus, "某某市直机关2016.txt")
    time.sleep(1.05)  # versions named to the second (older qa/index.py) must not collide
    r = admin.rebuild(svc)
    assert r.ok and r.rebuilt
    assert svc.ask(question).answer is None


def test_feedback_summary(tmp_path):
    pytest.importorskip("qa.feedback")
    from qa.feedback import FeedbackStore
    from qa.types import Answer

    assert admin.feedback_summary(tmp_path / "data") == {"counts": {"up": 0, "down": 0}, "latest": []}
    assert not (tmp_path / "data").exists()  # reading does not create the store
    store = FeedbackStore.in_dir(tmp_path / "data")
    store.record(Answer(question="q1", answer="1人", reply="1人"), 1)
    store.record(Answer(question="q2", answer="2人", reply="2人"), -1, correction="3人")
    fb = admin.feedback_summary(tmp_path / "data")
    assert fb["counts"] == {"up": 1, "down": 1}
    assert [r["question"] for r in fb["latest"]] == ["q2"] and fb["latest"][0]["correction"] == "3人"


# ---------------------------------------------------------------- the app

def test_no_admin_tab_without_password(tmp_path):
    import gradio as gr

    from qa.admin_ui import mount_admin

    chat = gr.Blocks()
    with chat:
        gr.Markdown("chat")
    from qa.config import load_settings

    no_pw = SimpleNamespace(settings=load_settings(admin_password="", corpus_dir=tmp_path))
    assert mount_admin(chat, no_pw) is chat
    assert mount_admin(chat, SimpleNamespace()) is chat  # a stub service without settings

    with_pw = SimpleNamespace(settings=load_settings(admin_password="pw", corpus_dir=tmp_path),
                              index=SimpleNamespace(manifest={}), version="v")
    app = mount_admin(chat, with_pw)
    assert app is not chat
    labels = [b.label for b in app.blocks.values() if isinstance(b, gr.Tab)]
    assert labels == ["问答", "管理"]
    # Nothing about the corpus is in the page before the login.
    for b in app.blocks.values():
        if isinstance(b, gr.HTML) and (b.elem_id or "").startswith("admin-"):
            assert not b.value, b.elem_id
