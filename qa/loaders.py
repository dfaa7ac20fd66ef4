"""Find report files in a corpus folder and decode them to text.

The encoding is detected from the bytes, never from the file name: UTF-8
(with or without BOM) first, because a valid UTF-8 Chinese text is almost
never valid by accident; then GB18030 (a superset of GBK and GB2312); then
whatever charset-normalizer is confident about.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from pathlib import Path

from charset_normalizer import from_bytes

log = logging.getLogger(__name__)

TEXT_SUFFIXES = (".txt", ".md")
MAX_FILE_BYTES = 50 * 1024 * 1024


class UnreadableFile(ValueError):
    """A corpus file that cannot be turned into text; the message says why."""


@dataclass
class RawText:
    path: Path
    rel: str  # path relative to the corpus root, with forward slashes
    text: str
    encoding: str
    sha256: str


def find_corpus_files(corpus_dir: Path) -> list[Path]:
    """Every .txt/.md file under ``corpus_dir`` (recursively), in a stable order."""
    corpus_dir = Path(corpus_dir)
    if not corpus_dir.is_dir():
        raise FileNotFoundError(f"corpus folder not found: {corpus_dir}")
    files = [
        p for p in corpus_dir.rglob("*")
        if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES and not p.name.startswith(".")
    ]
    return sorted(files, key=lambda p: p.relative_to(corpus_dir).as_posix())


def _cjk_ratio(text: str) -> float:
    if not text:
        return 0.0
    cjk = sum(1 for c in text if "\u4e00" <= c <= "\u9fff")
    return cjk / len(text)


def decode_bytes(data: bytes) -> tuple[str, str]:
    """(text, encoding) for the raw bytes of a report; raises UnreadableFile."""
    if not data.strip():
        raise UnreadableFile("the file is empty")
    if b"\x00" in data[:4096]:
        raise UnreadableFile("the file looks binary (it contains NUL bytes), not text")
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
        # GB18030 decodes almost any byte string; insist that it looks like Chinese.
        if _cjk_ratio(text) > 0.2:
            return text, "gb18030"
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is not None and best.encoding and best.chaos < 0.2:
        return str(best), best.encoding
    raise UnreadableFile("the encoding could not be detected (not UTF-8 or GBK/GB18030)")


def read_text_file(path: Path, corpus_dir: Path) -> RawText:
    path = Path(path)
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise UnreadableFile(f"the file is too large ({size / 1e6:.0f} MB > {MAX_FILE_BYTES / 1e6:.0f} MB)")
    data = path.read_bytes()
    text, encoding = decode_bytes(data)
    # One line-ending convention, so offsets mean the same on every platform.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return RawText(
        path=path,
        rel=path.relative_to(corpus_dir).as_posix(),
        text=text,
        encoding=encoding,
        sha256=hashlib.sha256(data).hexdigest(),
    )
