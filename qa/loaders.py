"""Find report files in a corpus folder, enforce the size limit, hash and read them.

Turning the bytes into text is :mod:`qa.formats`' job: plain text (UTF-8,
UTF-16 with BOM, GBK/GB18030, detected from the bytes), Word .docx, text PDF
and saved web pages, the real type read from the bytes, never the file name.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field
from pathlib import Path

from .formats import SUPPORTED_SUFFIXES, UnreadableFile, decode_bytes, extract

log = logging.getLogger(__name__)


def sha256_file(path: Path) -> str:
    """Hex sha256 of a file, read in blocks (reports and model weights can be large)."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()

__all__ = ["SUPPORTED_SUFFIXES", "TEXT_SUFFIXES", "MAX_FILE_BYTES", "UnreadableFile", "RawText",
           "decode_bytes", "find_corpus_files", "read_report_file", "read_text_file"]

TEXT_SUFFIXES = (".txt", ".md")
MAX_FILE_BYTES = 50 * 1024 * 1024


@dataclass
class RawText:
    path: Path
    rel: str  # path relative to the corpus root, with forward slashes
    text: str  # the extracted text: the "source" that offsets and page starts point into
    encoding: str
    sha256: str
    format: str = "text"  # text | docx | pdf | html
    pages: list[int] = field(default_factory=list)  # PDF: offsets in text where pages 2, 3, ... start
    warnings: list[str] = field(default_factory=list)  # read, with a caveat (e.g. scanned PDF pages)
    table_lines: list[int] = field(default_factory=list)  # lines of text that are table rows


def _size(n: int) -> str:
    return f"{n / 1e6:.1f} MB" if n >= 1e6 else f"{n / 1e3:.1f} kB"


def _is_candidate(p: Path) -> bool:
    # Dot files and Office's lock files ("~$report.docx") are never reports.
    return p.suffix.lower() in SUPPORTED_SUFFIXES and not p.name.startswith((".", "~$"))


def _in_saved_page_folder(p: Path, corpus_dir: Path) -> bool:
    """A browser saving "report.html" puts its images, scripts and framed pages in
    "report_files/" ("report.files/" in some Chinese versions): not reports."""
    for folder in p.relative_to(corpus_dir).parents:
        name = folder.name
        for tail in ("_files", ".files"):
            if name.endswith(tail) and len(name) > len(tail):
                stem = (corpus_dir / folder).with_name(name[: -len(tail)])
                if any(stem.with_name(stem.name + ext).is_file() for ext in (".html", ".htm", ".HTML", ".HTM")):
                    return True
    return False


def find_corpus_files(corpus_dir: Path) -> list[Path]:
    """Every report file (.txt .md .docx .pdf .html .htm) under ``corpus_dir``
    (recursively), in a stable order; other extensions are ignored, and so is
    the folder of a saved web page's resources."""
    corpus_dir = Path(corpus_dir)
    if not corpus_dir.is_dir():
        raise FileNotFoundError(f"语料目录不存在：{corpus_dir}")
    files = [p for p in corpus_dir.rglob("*")
             if p.is_file() and _is_candidate(p) and not _in_saved_page_folder(p, corpus_dir)]
    return sorted(files, key=lambda p: p.relative_to(corpus_dir).as_posix())


def read_report_file(path: Path, corpus_dir: Path, max_bytes: int | None = None) -> RawText:
    """Read one report file into text; raises UnreadableFile (or OSError) with the reason."""
    path = Path(path)
    limit = MAX_FILE_BYTES if max_bytes is None else max_bytes
    size = path.stat().st_size
    if size > limit:
        raise UnreadableFile(f"文件太大（{_size(size)}，上限为 {_size(limit)}）")
    data = path.read_bytes()
    got = extract(path, data)
    return RawText(
        path=path,
        rel=path.relative_to(corpus_dir).as_posix(),
        text=got.text,
        encoding=got.encoding,
        sha256=hashlib.sha256(data).hexdigest(),
        format=got.format,
        pages=list(got.pages),
        warnings=list(got.warnings),
        table_lines=list(got.table_lines),
    )


# The old name, from when only text files were read.
read_text_file = read_report_file
