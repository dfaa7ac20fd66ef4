"""corpus folder -> clean Documents (with metadata); unreadable files are reported, not fatal.

The skip reasons and document warnings are shown to the staff (build log, index
manifest, admin page, chat footer), so they are in Chinese, the UI's language."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from .cleaning import clean
from .loaders import UnreadableFile, find_corpus_files, read_report_file
from .metadata import describe
from .types import Document

log = logging.getLogger(__name__)


# Document warnings.
NO_YEAR = "报告正文未写明年份"
DATED_ONLY = "网页发布于{year}年：问{year}年的问题可引用它（回答中注明）"
NO_PLACE = "未识别出地区"


@dataclass
class Skipped:
    source: str
    reason: str


@dataclass
class IngestResult:
    documents: list[Document] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


def document_from_text(text: str, rel: str, sha256: str = "", encoding: str = "utf-8",
                       fmt: str = "text", pages: list[int] | None = None,
                       table_lines: list[int] | None = None) -> Document:
    cleaned = clean(text, unwrap=fmt in ("text", "pdf"), whole_lines=set(table_lines or ()))
    meta = describe(cleaned.text, furniture=cleaned.dropped)
    body_text, offsets = cleaned.text, cleaned.offsets
    # Lines above the title are site furniture (site name, banners): drop them.
    if meta["title_line"] > 0:
        cut = sum(len(line) + 1 for line in body_text.split("\n")[: meta["title_line"]])
        body_text, offsets = body_text[cut:], offsets[cut:]
    warnings = []
    if not meta["years"]:
        warnings.append(NO_YEAR)
    if meta["dated"]:
        warnings.append(DATED_ONLY.format(year=meta["dated"]))
    if not meta["places"]:
        warnings.append(NO_PLACE)
    if len(body_text.strip()) < 20:
        raise UnreadableFile("去掉网页导航、页眉页脚等内容后，没有剩下报告正文")
    return Document(
        doc_id=rel,
        source=rel,
        text=body_text,
        offsets=offsets,
        sha256=sha256,
        encoding=encoding,
        title=meta["title"],
        years=meta["years"],
        dated=meta["dated"],
        places=meta["places"],
        org=meta["org"],
        warnings=warnings,
        format=fmt,
        pages=list(pages or []),
    )


def load_document(path: Path, corpus_dir: Path) -> Document:
    """Read, decode, clean and describe one file; raises UnreadableFile with the reason."""
    try:
        raw = read_report_file(path, corpus_dir)
    except OSError as e:
        raise UnreadableFile(f"无法读取文件（{e.strerror or e}）") from e
    # For .docx/.pdf/.html the extracted text is the source: offsets and page starts point into it.
    doc = document_from_text(raw.text, raw.rel, raw.sha256, raw.encoding, fmt=raw.format, pages=raw.pages,
                             table_lines=raw.table_lines)
    doc.warnings.extend(raw.warnings)
    return doc


def load_corpus(corpus_dir: Path) -> IngestResult:
    corpus_dir = Path(corpus_dir)
    result = IngestResult()
    for path in find_corpus_files(corpus_dir):
        rel = path.relative_to(corpus_dir).as_posix()
        try:
            doc = load_document(path, corpus_dir)
        except UnreadableFile as e:
            log.warning("skipped %s: %s", rel, e)
            result.skipped.append(Skipped(rel, str(e)))
            continue
        log.info("read %s (%s%s): %s | years=%s places=%s org=%s",
                 rel, doc.format, f", {doc.encoding}" if doc.encoding else "", doc.title, doc.years, doc.places, doc.org)
        result.documents.append(doc)
    return result
