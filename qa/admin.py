"""Corpus management for the admin page: plain functions, no UI (the Gradio tab
is qa/admin_ui.py).

* ``check_password`` — the admin login (constant-time; no password = no login);
* ``save_upload`` / ``check_name`` — an uploaded report into ``corpus_dir``
  under its own name: never a path, never an unsupported or oversized file,
  never over an existing file (refused, or saved as ``name(1).ext`` on request);
* ``list_corpus`` / ``remove_report`` / ``corpus_changes`` — the files, their
  removal, and what a rebuild would change;
* ``index_summary`` — what the live index manifest says (reports, skipped files);
* ``rebuild`` — ``build_index`` then ``service.refresh()``, with every failure
  turned into a message while the previous index keeps serving;
* ``refresh_service`` — switch to a version built elsewhere (``qa build``);
* ``feedback_summary`` — 👍/👎 counts and the latest 👎, when qa.feedback exists.

Messages are in Chinese, the language of the UI.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
import secrets
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from .loaders import sha256_file

log = logging.getLogger(__name__)

MAX_UPLOAD_BYTES = 50 * 1024 * 1024
MAX_NAME_BYTES = 200
_TMP_PREFIX = ".upload-"  # hidden: the corpus loader ignores names starting with "."

# The English progress stages of qa.index.build_index, for the progress bar.
_STAGES_ZH = [
    ("index is up to date", "索引已是最新"),
    ("reading reports", "读取报告"),
    ("loading the embedding model", "加载向量模型"),
    ("embedding passages", "计算段落向量"),
    ("writing the index", "写入索引"),
    ("index ready", "索引就绪"),
]

# ---------------------------------------------------------------- login

def check_password(given: str | None, expected: str | None) -> bool:
    """True only for the configured, non-empty password (constant-time compare)."""
    if not expected:
        return False
    return hmac.compare_digest((given or "").encode("utf-8"), expected.encode("utf-8"))


# ---------------------------------------------------------------- corpus files

def supported_suffixes() -> tuple[str, ...]:
    """The report formats the loader reads (looked up each time: formats may be added)."""
    from . import loaders

    suffixes = getattr(loaders, "SUPPORTED_SUFFIXES", None) or loaders.TEXT_SUFFIXES
    return tuple(s.lower() for s in suffixes)


def max_upload_bytes() -> int:
    from . import loaders

    return min(MAX_UPLOAD_BYTES, int(getattr(loaders, "MAX_FILE_BYTES", MAX_UPLOAD_BYTES)))


class UploadRefused(ValueError):
    """An upload that is not saved; the message says why (in Chinese)."""


def check_name(name: str | None) -> str:
    """The file name to save an upload under, or UploadRefused with the reason."""
    name = name or ""
    if not name.strip():
        raise UploadRefused("文件名为空")
    if "/" in name or "\\" in name or name in (".", ".."):
        raise UploadRefused(f"文件名“{name}”含有路径分隔符，只能上传单个文件名")
    if any(ord(c) < 32 or ord(c) == 127 for c in name):
        raise UploadRefused("文件名含有控制字符")
    if name != name.strip():
        raise UploadRefused(f"文件名“{name}”首尾有空格")
    if name.startswith("."):
        raise UploadRefused(f"文件名“{name}”以“.”开头，这样的文件不会被索引")
    if len(name.encode("utf-8")) > MAX_NAME_BYTES:
        raise UploadRefused(f"文件名太长（超过 {MAX_NAME_BYTES} 字节）")
    suffix = Path(name).suffix.lower()
    allowed = supported_suffixes()
    if suffix not in allowed:
        raise UploadRefused(f"不支持的文件类型“{suffix or '（无扩展名）'}”，只接受 {'、'.join(allowed)}")
    return name


@dataclass
class CorpusFile:
    name: str  # path relative to corpus_dir, forward slashes
    size: int
    sha256: str


def list_corpus(corpus_dir: Path) -> list[CorpusFile]:
    """The report files the next build will read, in a stable order."""
    from .loaders import find_corpus_files

    corpus_dir = Path(corpus_dir)
    out = []
    for p in find_corpus_files(corpus_dir):
        try:
            data = p.read_bytes()
        except OSError:
            continue  # removed meanwhile
        out.append(CorpusFile(p.relative_to(corpus_dir).as_posix(), len(data), hashlib.sha256(data).hexdigest()))
    return out



def _numbered(name: str, n: int) -> str:
    p = Path(name)
    return f"{p.stem}({n}){p.suffix}"


@dataclass
class UploadResult:
    name: str  # the uploaded file's own name
    saved_as: str | None  # the name in corpus_dir, None if refused
    message: str
    title: str = ""
    years: list[int] = field(default_factory=list)
    label: str = ""
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.saved_as is not None


def _describe_file(path: Path, corpus_dir: Path):
    """The Document the loader makes of ``path`` (UnreadableFile if it cannot)."""
    from .ingest import load_document

    return load_document(path, corpus_dir)


def save_upload(corpus_dir: Path, src: str | os.PathLike, name: str | None = None,
                rename_if_exists: bool = False) -> UploadResult:
    """Save the uploaded file ``src`` into ``corpus_dir`` as ``name`` (default: its own name).

    Refused (``saved_as`` None, message says why): a name with a path separator,
    hidden, or of an unsupported type; an empty or too large file; a file with
    the same content as one already there; a file the loader cannot read; a
    name already taken — unless ``rename_if_exists``, then it is saved as
    ``name(1).ext`` (``name(2).ext`` ...). An existing file is never overwritten.
    """
    from .loaders import UnreadableFile

    src = Path(src)
    name = src.name if name is None else name
    corpus_dir = Path(corpus_dir)
    try:
        name = check_name(name)
        size = src.stat().st_size
        limit = max_upload_bytes()
        if size > limit:
            raise UploadRefused(f"文件太大（{size / 1024 / 1024:.1f} MB），单个文件不能超过 {limit // (1024 * 1024)} MB")
        if size == 0:
            raise UploadRefused("文件是空的")
        if not corpus_dir.is_dir():
            raise UploadRefused(f"语料目录不存在：{corpus_dir}")
        digest = sha256_file(src)
        for f in list_corpus(corpus_dir):
            if f.sha256 == digest:
                raise UploadRefused(f"内容与已有的报告“{f.name}”完全相同，未重复保存")
        if (corpus_dir / name).exists() and not rename_if_exists:
            raise UploadRefused(f"已有同名文件“{name}”，未覆盖。如要替换，请先删除旧文件再上传；"
                                "或勾选“同名时另存为 文件名(1)”后重新上传")
    except UploadRefused as e:
        return UploadResult(name, None, f"未保存“{name}”：{e}")
    except OSError as e:
        return UploadResult(name, None, f"未保存“{name}”：无法读取上传的文件（{e.strerror or e}）")

    # Copy beside the corpus under a hidden name, check the loader can read it,
    # then link it in under the final name (a link never replaces a file).
    tmp = corpus_dir / f"{_TMP_PREFIX}{secrets.token_hex(6)}{Path(name).suffix.lower()}"
    try:
        shutil.copyfile(src, tmp)
        try:
            doc = _describe_file(tmp, corpus_dir)
        except UnreadableFile as e:  # the reason (in Chinese) does not name the temporary copy
            return UploadResult(name, None, f"未保存“{name}”：{e}")
        target, n = name, 0
        while True:
            dest = corpus_dir / target
            try:
                _link_new(tmp, dest)
                break
            except FileExistsError:
                if not rename_if_exists:
                    return UploadResult(name, None, f"未保存“{name}”：已有同名文件，未覆盖。请先删除旧文件再上传")
                n += 1
                target = _numbered(name, n)
    except OSError as e:
        log.exception("saving the upload %s failed", name)
        return UploadResult(name, None, f"未保存“{name}”：写入语料目录失败（{e.strerror or e}）")
    finally:
        tmp.unlink(missing_ok=True)

    from .places import place_label

    label = place_label(doc.places, doc.org)
    warnings = list(doc.warnings)
    years = "、".join(str(y) for y in doc.years) or "年份未注明"
    msg = f"已保存“{target}”" + ("（同名文件已存在，另存为此名）" if target != name else "")
    msg += f"：《{doc.title or '无标题'}》，{label or '地区未识别'}，{years}"
    if warnings:
        msg += "；注意：" + "；".join(warnings)
    log.info("admin: saved upload %s as %s (%d bytes)", name, target, size)
    return UploadResult(name, target, msg, doc.title, list(doc.years), label, warnings)


def _link_new(src: Path, dest: Path) -> None:
    """Make ``dest`` a copy of ``src`` atomically; FileExistsError if ``dest`` exists."""
    try:
        os.link(src, dest)
    except FileExistsError:
        raise
    except OSError:  # no hard links on this file system: exclusive create + copy
        with open(src, "rb") as fi, open(dest, "xb") as fo:
            shutil.copyfileobj(fi, fo)


def remove_report(corpus_dir: Path, name: str) -> str:
    """Delete the report ``name`` (as listed by ``list_corpus``) from ``corpus_dir``.
    Returns a message; raises ValueError (message in Chinese) for anything not listed."""
    corpus_dir = Path(corpus_dir)
    listed = {f.name for f in list_corpus(corpus_dir)}
    if not name or name not in listed:
        raise ValueError(f"语料目录中没有“{name}”" if name else "请先选择要删除的报告")
    path = corpus_dir / name
    # Listed names come from the folder itself, but be explicit: never outside it.
    if corpus_dir.resolve() not in path.resolve(strict=False).parents and not path.is_symlink():
        raise ValueError(f"“{name}”不在语料目录中")
    try:
        path.unlink()
    except FileNotFoundError:
        raise ValueError(f"“{name}”已不存在") from None
    log.info("admin: removed %s from %s", name, corpus_dir)
    return f"已删除“{name}”。点击“重建索引”后，问答将不再引用它。"


def corpus_changes(corpus_dir: Path, manifest: dict | None) -> dict[str, list[str]]:
    """What the next build would change: {"added", "removed", "changed"} file names."""
    indexed = dict((manifest or {}).get("files") or {})
    now = {f.name: f.sha256 for f in list_corpus(corpus_dir)}
    return {
        "added": sorted(n for n in now if n not in indexed),
        "removed": sorted(n for n in indexed if n not in now),
        "changed": sorted(n for n in now if n in indexed and indexed[n] != now[n]),
    }


# ---------------------------------------------------------------- the live index

def index_summary(manifest: dict | None) -> dict[str, Any]:
    """The manifest as the admin page shows it."""
    m = manifest or {}
    settings = m.get("settings") or {}
    reports = []
    for d in m.get("documents") or []:
        reports.append({
            "source": d.get("source", ""),
            "title": d.get("title", ""),
            "years": list(d.get("years") or []),
            "label": d.get("label", ""),
            "format": d.get("format", "text"),
            "chunks": d.get("chunks", 0),
            "warnings": list(d.get("warnings") or []),
        })
    return {
        "version": m.get("version"),
        "model": settings.get("model", ""),
        "built_at": m.get("built_at", ""),
        "build_seconds": m.get("build_seconds"),
        "chunks": m.get("chunks", 0),
        "reports": reports,
        "skipped": [{"source": s.get("source", ""), "reason": s.get("reason", "")} for s in m.get("skipped") or []],
    }


def refresh_service(service) -> bool:
    """``service.refresh()`` that never fails a question: a version that cannot
    be loaded is logged and the current one keeps serving. True if it switched."""
    refresh = getattr(service, "refresh", None)
    if refresh is None:
        return False
    try:
        return bool(refresh())
    except Exception:
        log.exception("could not switch to the new index version; still serving %s",
                      getattr(service, "version", "?"))
        return False


def stage_zh(msg: str) -> str:
    for en, zh in _STAGES_ZH:
        if msg.startswith(en):
            return zh + msg[len(en):]
    return msg


@dataclass
class RebuildResult:
    ok: bool
    message: str
    version: str | None  # the version serving afterwards
    rebuilt: bool = False
    skipped: list[dict] = field(default_factory=list)


def rebuild(service, progress: Callable[[str, float], None] | None = None, force: bool = False) -> RebuildResult:
    """Build the index of ``service.settings`` and make ``service`` serve it.

    Another build running, or a failing build, leaves the previous index serving;
    the result's message says what happened."""
    from .index import BuildInProgressError, build_index

    settings = service.settings
    before = getattr(service, "version", None)
    report_progress = progress or (lambda msg, frac: None)
    try:
        report = build_index(settings, embedder=getattr(service, "embedder", None),
                             progress=lambda msg, frac: report_progress(stage_zh(msg), frac), force=force)
    except BuildInProgressError as e:
        log.warning("admin rebuild refused: %s", e)
        return RebuildResult(False, f"另一个索引构建正在进行（索引目录 {settings.index_dir}）。请等它完成后再试；"
                             f"问答继续使用索引版本 {before}。", before)
    except Exception as e:
        log.exception("admin rebuild failed")
        return RebuildResult(False, f"索引构建失败：{type(e).__name__}: {e}。问答继续使用原索引版本 {before}。", before)
    try:
        service.refresh()
    except Exception as e:
        log.exception("the new index %s does not load", report.version)
        return RebuildResult(False, f"新索引 {report.version} 已构建，但无法加载：{type(e).__name__}: {e}。"
                             f"问答继续使用索引版本 {before}。", before, report.rebuilt, report.skipped)
    now = getattr(service, "version", report.version)
    skipped = f"，跳过 {len(report.skipped)} 个文件" if report.skipped else ""
    if not report.rebuilt:
        msg = f"报告没有变化，索引已是最新（版本 {now}）。"
    else:
        msg = (f"索引已更新：版本 {now}，{report.documents} 份报告，{report.chunks} 个段落{skipped}，"
               f"用时 {report.seconds:.1f} 秒。问答已切换到新版本。")
    return RebuildResult(True, msg, now, report.rebuilt, report.skipped)


# ---------------------------------------------------------------- feedback

def feedback_summary(data_dir: Path, limit: int = 10) -> dict | None:
    """{"counts": {"up", "down"}, "latest": [rows]} from the feedback store, or
    None when qa.feedback is not available. A store not created yet counts zero."""
    try:
        from . import feedback
    except ImportError:
        return None
    db = Path(data_dir) / getattr(feedback, "DB_NAME", "feedback.sqlite3")
    if not db.exists():
        return {"counts": {"up": 0, "down": 0}, "latest": []}
    store = feedback.FeedbackStore(db)
    return {"counts": store.counts(), "latest": store.latest(rating=-1, limit=limit)}
