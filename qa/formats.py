"""Turn the bytes of a report file into text: plain text, Word .docx, text PDF, saved web page.

The real type is read from the bytes, never trusted from the file name:
``%PDF-`` is a PDF, a zip holding ``word/document.xml`` is a .docx, text that
opens with ``<!doctype html``/``<html`` is a web page, anything else that
decodes is text. A file whose content is not what its extension says (a
``report.pdf`` that is plain text, a ``report.docx`` that is a PDF) is refused.
Every problem is raised as :class:`UnreadableFile` with a message that says
what is wrong; no other exception leaves :func:`extract` for a bad file. The
messages and the warnings of :class:`Extracted` are shown to the staff (build
log, index manifest, admin page), so they are in Chinese, the UI's language.

For text files the extracted text is the decoded file (line endings unified).
For the other formats it *is* the source the rest of the pipeline points
into: cleaning maps its text back to offsets of this extracted text, and a
PDF's page starts are offsets into it too.
"""

from __future__ import annotations

import io
import logging
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from charset_normalizer import from_bytes

from .dates_in_text import DATELINE

log = logging.getLogger(__name__)

# pypdf and trafilatura log a WARNING for every oddity of a real-world file
# ("EOF marker not found", "discarding data: None") without naming the file;
# a file that cannot be read is reported once, by name, with the reason.
for _noisy in ("pypdf", "trafilatura", "htmldate", "courlan"):
    logging.getLogger(_noisy).setLevel(logging.ERROR)


class UnreadableFile(ValueError):
    """A corpus file that cannot be turned into text; the message says why (in Chinese)."""


@dataclass
class Extracted:
    text: str
    format: str  # text | docx | pdf | html
    encoding: str  # of the text (text, html); "utf-8" for docx (its XML); "" for PDF
    pages: list[int] = field(default_factory=list)  # PDF: offsets in text where pages 2, 3, ... start
    warnings: list[str] = field(default_factory=list)  # read, but with a caveat (e.g. scanned pages)
    # Numbers of the lines of text that are table rows (and captions): each is a
    # line of its own, never a hard wrap to join with the next.
    table_lines: list[int] = field(default_factory=list)


# The format each supported extension promises.
FORMAT_BY_SUFFIX = {".txt": "text", ".md": "text", ".docx": "docx", ".pdf": "pdf", ".html": "html", ".htm": "html"}
SUPPORTED_SUFFIXES = tuple(FORMAT_BY_SUFFIX)

# A table row becomes one line, its cells joined with a space. Not "，": the
# answerer reads a figure together with the noun of its own clause, and "，"
# would put "发展党员" and "312人" of one row in two clauses. Not " | " either:
# the cleaner drops lines of short "|"-separated items as a navigation bar.
CELL_SEPARATOR = " "

# A .docx (a zip) that unpacks to more than this is refused (a zip bomb, or not a report).
MAX_UNPACKED_BYTES = 500 * 1024 * 1024

# A PDF whose pages hold fewer readable characters than this has no text layer.
MIN_PDF_CHARS = 20


# ---------------------------------------------------------------- sniffing

# What the bytes are, for the messages.
_WHAT = {
    "pdf": "PDF 文档",
    "docx": "Word（.docx）文档",
    "broken-zip": "损坏的 zip 压缩包（可能是不完整的 .docx）",
    "zip": "zip 压缩包（不是 Word 文档）",
    "xlsx": "Excel 表格（.xlsx）",
    "pptx": "PowerPoint 演示文稿（.pptx）",
    "ole": "旧版或有密码保护的 Office 文件（.doc/.xls/.wps 等 OLE 格式）",
    "html": "网页（HTML）",
    "text": "纯文本",
    "image": "图片",
    "archive": "压缩包",
    "binary": "二进制数据",
}

# The formats by name, for the messages.
_FORMAT_ZH = {"text": "文本", "docx": ".docx", "pdf": "PDF", "html": "网页"}

EMPTY = "文件是空的"
BINARY = "文件看起来是二进制数据（含有 NUL 字节），不是文本"
PDF_PASSWORD = "PDF 文件设有打开密码，无法读取；请另存一份没有密码的副本"

_MAGIC = [
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ole"),
    (b"\x89PNG", "image"), (b"\xff\xd8\xff", "image"), (b"GIF8", "image"), (b"II*\x00", "image"),
    (b"MM\x00*", "image"), (b"BM", None),  # "BM" alone is too weak to call
    (b"\x1f\x8b", "archive"), (b"Rar!", "archive"), (b"7z\xbc\xaf\x27\x1c", "archive"), (b"BZh", None),
]

# Leading <?xml ...?> declarations and <!-- comments --> (IE's "saved from url") before the html tag.
_HTML_PREAMBLE = re.compile(rb"\s*(?:<\?xml[^>]*>\s*|<!--.*?-->\s*)*", re.S)
_HTML_START = re.compile(rb"<(?:!doctype\s+html|html|head)\b", re.I)


def _utf16_bom(data: bytes) -> bool:
    return data.startswith((b"\xff\xfe", b"\xfe\xff"))


def _looks_html(data: bytes) -> bool:
    head = data[:4096]
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    elif _utf16_bom(head):
        try:
            head = head.decode("utf-16", errors="ignore").encode("ascii", errors="ignore")
        except Exception:  # noqa: BLE001 - sniffing never fails
            return False
    m = _HTML_PREAMBLE.match(head)
    return bool(_HTML_START.match(head, m.end() if m else 0))


def sniff(data: bytes) -> str:
    """What the bytes are: pdf, docx, broken-zip, zip, xlsx, pptx, ole, image,
    archive, binary, html, text or empty."""
    if not data.strip():
        return "empty"
    if data[:1024].lstrip()[:5] == b"%PDF-" or (b"%PDF-" in data[:1024] and b"obj" in data[:8192]):
        return "pdf"
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                names = set(z.namelist())
        except Exception:  # noqa: BLE001 - zipfile raises several kinds for damaged archives
            return "broken-zip"
        if "word/document.xml" in names:
            return "docx"
        if any(n.startswith("xl/") for n in names):
            return "xlsx"
        if any(n.startswith("ppt/") for n in names):
            return "pptx"
        return "zip"
    for magic, kind in _MAGIC:
        if kind and data.startswith(magic):
            return kind
    if _utf16_bom(data):
        return "html" if _looks_html(data) else "text"
    if b"\x00" in data[:4096]:
        return "binary"
    return "html" if _looks_html(data) else "text"


# ---------------------------------------------------------------- text

def _cjk_ratio(text: str) -> float:
    if not text:
        return 0.0
    cjk = sum(1 for c in text if "\u4e00" <= c <= "\u9fff")
    return cjk / len(text)


# The commonest Chinese characters (simplified): a right decoding is made mostly of
# them, a wrong one (Big5 bytes read as GBK) of rare ones.
_COMMON_CHARS = set(
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所"
    "民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日"
    "那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想"
    "已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指"
    "几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权"
    "收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集"
    "温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支"
    "般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属"
    "圆包火住调满县局照参红细引听该铁价严龙飞培训教育党员支部书记机关工委干部组织活动建设服务")


def _commonness(text: str) -> float:
    from .textnorm import to_simplified

    cjk = [c for c in to_simplified(text[:4000]) if "\u4e00" <= c <= "\u9fff"]
    return sum(c in _COMMON_CHARS for c in cjk) / len(cjk) if cjk else 0.0


def _decode_nearly(data: bytes, encoding: str) -> str | None:
    """``data`` decoded when at most a handful of bytes do not fit ``encoding``."""
    text = data.decode(encoding, errors="replace")
    bad = text.count("\ufffd")
    return text if bad <= max(2, len(text) // 2000) else None


def decode_bytes(data: bytes) -> tuple[str, str]:
    """(text, encoding) for the raw bytes of a text report; raises UnreadableFile.

    UTF-8 (with or without BOM) first, because a valid UTF-8 Chinese text is
    almost never valid by accident; UTF-16 with a BOM (Notepad's "Unicode");
    then GB18030 (a superset of GBK and GB2312); then whatever
    charset-normalizer is confident about."""
    if not data.strip():
        raise UnreadableFile(EMPTY)
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if _utf16_bom(data):
        text = data.decode("utf-16", errors="replace")
        if not text.strip():
            raise UnreadableFile(EMPTY)
        return text, "utf-16"
    if b"\x00" in data[:4096]:
        raise UnreadableFile(BINARY)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
        # GB18030 decodes almost any byte string; insist that it looks like Chinese,
        # and like more common Chinese than the same bytes read as Big5 (traditional
        # script from Taiwan or Hong Kong software, which reads as rare characters in GBK).
        if _cjk_ratio(text) > 0.2:
            big5 = _decode_nearly(data, "big5hkscs")
            if big5 is not None and _commonness(big5) > _commonness(text) + 0.2:
                return big5, "big5"
            return text, "gb18030"
    except UnicodeDecodeError:
        big5 = _decode_nearly(data, "big5hkscs")
        if big5 is not None and _cjk_ratio(big5) > 0.2 and _commonness(big5) > 0.3:
            return big5, "big5"
    # A Chinese text with a stray bad byte or two (a file cut inside a character,
    # a damaged download): read it, the bad bytes as U+FFFD.
    for encoding in ("utf-8", "gb18030"):
        text = _decode_nearly(data, encoding)
        if text is not None and _cjk_ratio(text) > 0.2:
            return text, encoding
    best = from_bytes(data).best()
    if best is not None and best.encoding and best.chaos < 0.2:
        return str(best), best.encoding
    raise UnreadableFile("无法识别文件的编码（不是 UTF-8，也不是 GBK/GB18030）")


def _unify_newlines(text: str) -> str:
    # One line-ending convention, so offsets mean the same on every platform.
    return text.replace("\r\n", "\n").replace("\r", "\n")


def extract_text(data: bytes) -> Extracted:
    text, encoding = decode_bytes(data)
    lines = _aligned_tables_read(_markdown_read([(line, False) for line in _unify_newlines(text).split("\n")]))
    return Extracted("\n".join(line for line, _ in lines), "text", encoding,
                     table_lines=[i for i, (_, is_row) in enumerate(lines) if is_row])


_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
_MD_TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_MD_RULE_ROW = re.compile(r"^\s*\|?(?:\s*:?-{3,}:?\s*\|)+\s*(?::?-{3,}:?\s*)?\|?\s*$")

# Lines travel with a flag: is the line a table row (one the cleaner must keep whole)?
Line = tuple[str, bool]


def _markdown_read(lines: list[Line]) -> list[Line]:
    """Markdown as the text it shows: headings without their #, bold without its
    **, and a pipe table (one with its | --- | rule) read like a .docx table, the
    figures with their column headers. Text without these is left as it is."""
    out, i = [], 0
    while i < len(lines):
        line = lines[i][0]
        if _MD_TABLE_ROW.match(line) and i + 1 < len(lines) and _MD_RULE_ROW.match(lines[i + 1][0]):
            j = i + 2
            while j < len(lines) and _MD_TABLE_ROW.match(lines[j][0]):
                j += 1
            rows = [[c.strip() for c in row.strip().strip("|").split("|")]
                    for row, _ in [lines[i]] + lines[i + 2:j]]
            out.extend((row, True) for row in _table_lines(rows))
            i = j
            continue
        heading = _MD_HEADING.match(line)
        out.append((re.sub(r"\*\*(.+?)\*\*", r"\1", heading.group(1) if heading else line), lines[i][1]))
        i += 1
    return out


# Columns of a table laid out in plain text: cells apart by two or more spaces or a tab.
_COLUMN_GAP = re.compile(r"[ \t\u3000]{2,}|\t")
# "表1 …情况（单位：名）": the unit of the table's figures, said in its caption.
_CAPTION_UNIT = re.compile(r"[（(]\s*单位\s*[：:]\s*([^()（）\d\s]{1,4})\s*[)）]\s*$")


def _aligned_tables_read(lines: list[Line]) -> list[Line]:
    """Text with each space-aligned table's rows written as a report writes them,
    the figures with their column headers ("经济系统        170       98" under
    "系统  发展党员  转正" -> "经济系统 发展党员170名 转正98名"), as a .docx table is
    read. A block is a table when a header of two or more cells without digits is
    followed by two or more rows of as many cells, each with a figure."""
    cells = [[c for c in _COLUMN_GAP.split(line.strip()) if c] for line, _ in lines]
    out: list[Line] = []
    i = 0
    while i < len(lines):
        head = cells[i]
        j = i + 1
        if (not lines[i][1] and len(head) >= 2 and not any(re.search(r"\d", c) for c in head)
                and _COLUMN_GAP.search(lines[i][0].strip())):
            while j < len(lines) and len(cells[j]) == len(head) and any(re.search(r"\d", c) for c in cells[j][1:]):
                j += 1
        if j - i >= 3:
            unit = _CAPTION_UNIT.search(out[-1][0]) if out else None
            header = [h if not unit or k == 0 or _HEADER_UNIT.match(h) else f"{h}（{unit.group(1)}）"
                      for k, h in enumerate(head)]
            out.extend((row, True) for row in _table_lines([header] + cells[i + 1:j]))
            i = j
        else:
            out.append(lines[i])
            i += 1
    return out


# ---------------------------------------------------------------- shared tidying

# Control characters other than tab and newline (PDF and Word text carry some).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\ufeff\ufffe]")

# CJK radicals that PDF fonts (Noto/Source Han, many Chinese fonts) map their
# shared glyphs to in place of the ideograph: 工 comes out as ⼯ (U+2F2F), 人 as
# ⼈. The Kangxi radicals block has NFKC mappings; the supplement's simplified
# forms mostly have none, so they are listed here.
_RADICAL_SUPPLEMENT = {
    "⺁": "厂", "⺊": "卜", "⺟": "母", "⺠": "民", "⺩": "王", "⻁": "虎", "⻄": "西", "⻅": "见",
    "⻆": "角", "⻉": "贝", "⻋": "车", "⻑": "長", "⻓": "长", "⻔": "门", "⻗": "雨", "⻘": "青",
    "⻙": "韦", "⻚": "页", "⻛": "风", "⻜": "飞", "⻝": "食", "⻢": "马", "⻣": "骨", "⻤": "鬼",
    "⻥": "鱼", "⻦": "鸟", "⻧": "卤", "⻨": "麦", "⻩": "黄", "⻬": "齐", "⻮": "齿", "⻰": "龙",
    "⻳": "龟",
}
_RADICALS = str.maketrans({
    **{chr(c): unicodedata.normalize("NFKC", chr(c)) for c in range(0x2F00, 0x2FD6)},
    **{chr(c): unicodedata.normalize("NFKC", chr(c)) for c in range(0xF900, 0xFADA)
       if len(unicodedata.normalize("NFKC", chr(c))) == 1},  # CJK compatibility ideographs
    **_RADICAL_SUPPLEMENT,
})


def _tidy(text: str) -> str:
    return _CONTROL.sub("", _unify_newlines(text)).replace("\xa0", " ")


def _cell_text(c: str) -> str:
    return re.sub(r"\s+", " ", c).strip()


def _row_line(cells: list[str]) -> str:
    """One readable line for a table row: non-empty cells, single-spaced, joined."""
    out = []
    for c in map(_cell_text, cells):
        if c and (not out or out[-1] != c):  # a merged cell repeats its text
            out.append(c)
    return CELL_SEPARATOR.join(out)


# A cell that is a figure (312, 35.6, 1,200, 98%, 312人) and one that is a year or a serial number.
_FIGURE_CELL = re.compile(r"^\d[\d,，.]*\s*(%|％|[^\d\s]{1,3})?$")
_YEAR_CELL = re.compile(r"^(19|20)\d{2}\s*年?(度)?$")
_HEADER_UNIT = re.compile(r"^(.*?)\s*[（(]\s*([^()（）\d]{1,4})\s*[)）]$")
_LABEL_HEADERS = {"序号", "编号", "年份", "年度", "时间", "日期", "时间节点", "排名", "名次"}


def _with_header(header: str, value: str) -> str:
    """A figure cell read with its column header, as a report would write it:
    "发展党员" + "312人" -> "发展党员312人"; "新建党组织（个）" + "15" -> "新建党组织15个"."""
    m = _HEADER_UNIT.match(header)
    # (a figure like 2067 is a year only in a column whose header gives no unit)
    if not header or not _FIGURE_CELL.match(value) or (_YEAR_CELL.match(value) and not m) or header in _LABEL_HEADERS:
        return value
    if m and re.fullmatch(r"[\d,，.]+", value):
        return f"{m.group(1)}{value}{m.group(2)}"
    return f"{header}{value}"


def _table_lines(rows: list[list[str]]) -> list[str]:
    """Lines of a table. When the first row is a header (no digits) and a data
    row has as many cells, figures are written with their column header, so
    "312" under "发展党员（人）" reads "发展党员312人" on its own line."""
    rows = [[_cell_text(c) for c in row] for row in rows]
    rows = [row for row in rows if any(row)]
    # A caption written as the table's first row (one cell across it) is a line of its own.
    captions = []
    while len(rows) > 2 and sum(map(bool, rows[0])) == 1:
        captions.append(_row_line(rows.pop(0)))
    if not rows:
        return captions
    header = rows[0]
    has_header = len(rows) > 1 and not any(re.search(r"\d", c) for c in header) and sum(map(bool, header)) > 1
    lines = [_row_line(header)]
    for row in rows[1:]:
        if has_header and len(row) == len(header):
            row = [_with_header(h, v) for h, v in zip(header, row)]
        lines.append(_row_line(row))
    return captions + [line for line in lines if line]


# ---------------------------------------------------------------- docx

# The runs of a paragraph as Word shows it with changes accepted: inserted text
# (w:ins), smart tags, simple fields and inline content controls included;
# deleted text, text boxes (drawn elsewhere on the page) and the duplicate
# fallback copy of drawings left out. python-docx's Paragraph.text reads only
# the paragraph's direct runs and hyperlinks.
_DOCX_RUNS = (".//w:r[not(ancestor::w:del) and not(ancestor::w:moveFrom) and not(ancestor::w:txbxContent)"
              " and not(ancestor::*[local-name()='Fallback'])]")


def _docx_paragraph_text(p) -> str:
    return "".join(r.text for r in p.xpath(_DOCX_RUNS))


def _docx_blocks(parent, doc) -> list[str]:
    """Lines of a body (or a content control / table cell), in document order."""
    from docx.oxml.ns import qn
    from docx.table import Table

    lines: list[str] = []
    for child in parent.iterchildren():
        if child.tag == qn("w:p"):
            lines.append(_docx_paragraph_text(child))
        elif child.tag == qn("w:tbl"):
            lines.extend(_docx_table(Table(child, doc), doc))
        elif child.tag == qn("w:sdt"):  # content control: its content is ordinary body
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                lines.extend(_docx_blocks(content, doc))
        elif child.tag == qn("w:customXml"):
            lines.extend(_docx_blocks(child, doc))
    return lines


def _docx_table(table, doc) -> list[str]:
    rows = []
    for row in table.rows:
        cells, seen = [], set()
        for cell in row.cells:
            if id(cell._tc) in seen:  # a horizontally merged cell is listed once per grid column
                continue
            seen.add(id(cell._tc))
            inner = [s for s in _docx_blocks(cell._tc, doc) if s.strip()]
            cells.append(" ".join(inner))
        rows.append(cells)
    return _table_lines(rows)


def extract_docx(data: bytes) -> Extracted:
    """Paragraphs and table rows of a .docx, in body order (headers, footers and notes left out)."""
    import docx

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            unpacked = sum(info.file_size for info in z.infolist())
        if unpacked > MAX_UNPACKED_BYTES:
            raise UnreadableFile(f".docx 文件解压后有 {unpacked / 1e6:.0f} MB（超过 "
                                 f"{MAX_UNPACKED_BYTES / 1e6:.0f} MB），不像是报告")
        document = docx.Document(io.BytesIO(data))
        lines = _docx_blocks(document.element.body, document)
    except UnreadableFile:
        raise
    except Exception as e:  # noqa: BLE001 - python-docx/lxml/zipfile raise many kinds
        raise UnreadableFile(f".docx 文件已损坏（{type(e).__name__}: {e}）") from e
    text = _tidy("\n".join(lines))
    if not text.strip():
        raise UnreadableFile(".docx 文件中没有文字")
    return Extracted(text, "docx", "utf-8")


# ---------------------------------------------------------------- pdf

# A page number standing alone at the top or bottom of a page: "- 3 -", "第3页", "3/12".
_PAGE_NUMBER = re.compile(r"^[-—–－\s]*\d{1,4}[-—–－\s]*$|^第\s*\d{1,4}\s*页(\s*[,，/]?\s*共\s*\d{1,4}\s*页)?$"
                          r"|^\d{1,4}\s*/\s*\d{1,4}$")


def _pdf_page_text(raw: str) -> str:
    lines = _tidy(raw).translate(_RADICALS).split("\n")
    lines = [line.rstrip() for line in lines]
    while lines and not lines[-1].strip():
        lines.pop()
    while lines and not lines[0].strip():
        lines.pop(0)
    # Page furniture: a lone page number as the first or last line.
    if lines and _PAGE_NUMBER.match(lines[-1].strip()):
        lines.pop()
    if lines and _PAGE_NUMBER.match(lines[0].strip()):
        lines.pop(0)
    return "\n".join(lines)


# A running foot with a page number: "嘉兴市直机关工委 第1页 共3页", "工作总结 - 2 -".
_FOOT_WITH_NUMBER = re.compile(r"^\S.{0,40}?\s+(?:第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?"
                               r"|[-—–－]\s*\d{1,4}\s*[-—–－]|\d{1,4}\s*/\s*\d{1,4})$")


def _without_running_heads(pages: list[str]) -> list[str]:
    """Pages without the lines printed at the top or bottom of every page (the
    committee's name, a foot with the page number): they would otherwise stand in
    the middle of a sentence that goes on over the page ("新建党 / …第1页 共3页 /
    中共嘉兴市直属机关工作委员会 / 支部23个")."""
    if len(pages) < 2:
        return pages
    split = [p.split("\n") for p in pages]
    shape = lambda line: re.sub(r"\d+", "#", line.strip())  # noqa: E731 - the page number differs
    edges: dict[str, int] = {}
    for lines in split:
        for line in {shape(lines[0]), shape(lines[-1])} if lines else ():
            edges[line] = edges.get(line, 0) + 1
    running = {line for line, n in edges.items() if line and n >= max(2, len(pages) - 1)}
    out = []
    for lines in split:
        # Up to two lines at each end: a foot and, below it, a page number.
        for _ in range(2):
            if lines and (shape(lines[0]) in running or _FOOT_WITH_NUMBER.match(lines[0].strip())):
                lines = lines[1:]
            if lines and (shape(lines[-1]) in running or _FOOT_WITH_NUMBER.match(lines[-1].strip())):
                lines = lines[:-1]
        out.append("\n".join(lines))
    return out


def _fragmented(raw: str) -> bool:
    """Text that came out a character per line: the PDF places every glyph on
    its own (some converters do), and plain extraction loses the lines."""
    lines = [line.strip() for line in raw.split("\n") if line.strip()]
    return len(lines) >= 8 and sum(1 for line in lines if len(line) <= 2) > 0.5 * len(lines)


_CJK_GAP = re.compile(r"(?<=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]) (?=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef])")


def _page_text(page) -> str:
    raw = page.extract_text() or ""
    if _fragmented(raw):
        # Read it by position instead: one line per printed line, columns as spaces.
        lines = (page.extract_text(extraction_mode="layout") or "").split("\n")
        lines = [_CJK_GAP.sub("", re.sub(r"\s{2,}", " ", line.strip())) for line in lines]
        raw = "\n".join(line for line in lines if line)
    return _pdf_page_text(raw)


def _readable_chars(text: str) -> int:
    return sum(1 for c in text if c.isalnum() and not ("\ue000" <= c <= "\uf8ff"))


def extract_pdf(data: bytes) -> Extracted:
    """Text of every page, joined with "\\n"; ``pages`` records where pages 2, 3, ... start."""
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError

    truncated = b"%%EOF" not in data[-2048:]
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")  # permissions-only PDFs open with the empty password
            except DependencyError as e:
                raise UnreadableFile("PDF 文件使用 AES 加密，而本机未安装 cryptography 软件包，"
                                     "无法打开") from e
            if not opened:
                raise UnreadableFile(PDF_PASSWORD)
        page_texts = [_page_text(page) for page in reader.pages]
    except UnreadableFile:
        raise
    except FileNotDecryptedError as e:
        raise UnreadableFile(PDF_PASSWORD) from e
    except Exception as e:  # noqa: BLE001 - pypdf raises many kinds on damaged files
        what = "不完整或已损坏" if truncated or isinstance(e, PdfReadError) else "已损坏"
        raise UnreadableFile(f"PDF 文件{what}（{type(e).__name__}: {e}）") from e
    if not page_texts:
        raise UnreadableFile("PDF 文件没有页面")
    page_texts = _without_running_heads(page_texts)
    text, pages = "", []
    for i, page in enumerate(page_texts):
        if i:
            text += "\n"
            pages.append(len(text))
        text += page
    if _readable_chars(text) < MIN_PDF_CHARS:
        raise UnreadableFile("PDF 没有文字层（可能是扫描件），请先做文字识别（OCR）")
    bad = sum(1 for c in text if c == "\ufffd" or "\ue000" <= c <= "\uf8ff") + 5 * text.count("(cid:")
    if bad > 0.3 * len(text.replace("\n", "")):
        raise UnreadableFile("PDF 的文字无法解码（字体缺少 Unicode 映射），请先做文字识别（OCR）或重新导出")
    empty = [i + 1 for i, p in enumerate(page_texts) if _readable_chars(p) == 0]
    warnings = []
    if empty:
        shown = "第" + "、".join(map(str, empty[:10])) + "页" + (f"等 {len(empty)} 页" if len(empty) > 10 else "")
        warnings.append(f"{shown}没有文字层（可能是扫描件），这些页未收录（全文共 {len(page_texts)} 页）")
    return Extracted(text, "pdf", "", pages, warnings)


# ---------------------------------------------------------------- html

_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_\-.]+)""", re.I)
# Declared charsets that are wrong more often than not on Chinese pages: detect instead.
_UNTRUSTED = {"iso-8859-1", "latin-1", "latin1", "windows-1252", "cp1252", "us-ascii", "ascii"}
# Chinese pages declaring GB2312/GBK routinely use characters of the larger sets.
_WIDER = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030", "cp936": "gb18030"}


def decode_html(data: bytes) -> tuple[str, str]:
    """(html, encoding): a BOM, else the page's declared charset when the bytes
    fit it, else detection from the bytes."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if _utf16_bom(data):
        return data.decode("utf-16", errors="replace"), "utf-16"
    m = _META_CHARSET.search(data[:8192]) or _XML_ENCODING.match(data[:1024])
    if m:
        declared = m.group(1).decode("ascii", errors="ignore").lower()
        declared = _WIDER.get(declared, declared)
        if declared not in _UNTRUSTED:
            try:
                return data.decode(declared), declared
            except LookupError:
                log.info("unknown declared charset %s; detecting", declared)
            except UnicodeDecodeError:
                text = _decode_nearly(data, declared)
                if text is not None:
                    return text, declared
                log.info("declared charset %s does not fit the bytes; detecting", declared)
    return decode_bytes(data)


# trafilatura's XML: block elements that are lines of their own, and those that hold blocks.
_XML_LINE_TAGS = {"head", "p", "item", "quote", "code", "cell"}
_XML_BLOCK_CHILDREN = {"head", "p", "list", "item", "quote", "code", "table"}


def _xml_text(el) -> str:
    """Text of an element of trafilatura's XML, <lb/> as a line break."""
    parts = [el.text or ""]
    for child in el:
        parts.append("\n" if child.tag == "lb" else _xml_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _xml_lines(el) -> list[str]:
    """Lines of an element of trafilatura's XML output, in order. A table of
    figures becomes one line per row; a layout table (cells holding paragraphs)
    gives its paragraphs as lines."""
    if el.tag == "table":
        rows = el.findall("row")
        if any(child.tag in _XML_BLOCK_CHILDREN for row in rows for cell in row for child in cell):
            return [line for row in rows for cell in row for line in _xml_lines(cell)]
        return _table_lines([[_xml_text(cell) for cell in row] for row in rows])
    if el.tag in _XML_LINE_TAGS and not any(child.tag in _XML_BLOCK_CHILDREN for child in el):
        return [s for s in (line.strip() for line in _xml_text(el).split("\n")) if s]
    lines: list[str] = []
    if el.tag in _XML_LINE_TAGS and el.text and el.text.strip():
        lines.append(el.text.strip())
    for child in el:
        if child.tag in ("graphic", "lb"):
            continue
        lines.extend(_xml_lines(child))
        if child.tail and child.tail.strip():
            lines.append(child.tail.strip())
    return lines


def _html_main_text(html: str) -> str:
    import trafilatura
    from lxml import etree

    xml = trafilatura.extract(html, output_format="xml", include_tables=True, include_comments=False,
                              include_links=False, include_images=False, include_formatting=False,
                              deduplicate=False)
    if not xml:
        return ""
    main = etree.fromstring(xml.encode("utf-8")).find("main")
    return "" if main is None else "\n".join(_xml_lines(main))


_BLOCK_TAGS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "section",
               "article", "blockquote", "pre", "dd", "dt", "ul", "ol", "td", "th", "center"}
_DROP_TAGS = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe",
              "select", "button", "template", "svg")
_HTML_BLOCKS_IN_CELL = ".//p|.//div|.//br|.//ul|.//ol|.//h1|.//h2|.//h3|.//h4|.//h5|.//h6"


def _html_fallback_text(html: str) -> str:
    """All visible text, one line per block, when trafilatura finds no main text."""
    import lxml.html

    try:
        root = lxml.html.document_fromstring(html)
    except Exception:  # noqa: BLE001 - lxml raises on empty/odd documents
        return ""
    for bad in root.xpath("|".join(f"//{t}" for t in _DROP_TAGS)):
        bad.drop_tree()
    # Tables of figures: one line per row (layout tables, whose cells hold paragraphs, stay as they are).
    for table in root.xpath("//table[not(.//table)]"):
        cells = table.xpath(".//td|.//th")
        if any(c.xpath(_HTML_BLOCKS_IN_CELL) for c in cells):
            continue
        rows = [[c.text_content() for c in tr.xpath("./td|./th")] for tr in table.xpath(".//tr")]
        caption = [c.text_content().strip() for c in table.xpath("./caption")]
        tail = table.tail
        table.clear()  # also clears the tail: keep it
        table.text, table.tail = "\n".join([c for c in caption if c] + _table_lines(rows)), tail
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag.lower() in _BLOCK_TAGS:
            el.tail = "\n" + (el.tail or "")
            if el.tag.lower() != "br":
                el.text = "\n" + (el.text or "")
    body = root.find("body")
    raw = (body if body is not None else root).text_content()
    lines = [re.sub(r"[ \t\u3000]+", " ", line).strip() for line in raw.split("\n")]
    return "\n".join(line for line in lines if line)


def _html_title(html: str) -> str:
    """The page's headline: its first <h1>, else its <title> without the site
    name ("2017年丽水市直机关党建工作综述_工作动态_丽水机关党建网")."""
    import lxml.html

    try:
        root = lxml.html.document_fromstring(html)
    except Exception:  # noqa: BLE001 - lxml raises on empty/odd documents
        return ""
    for xpath in ("//h1", "//title"):
        for el in root.xpath(xpath):
            title = re.split(r"\s*[_|｜]\s*|\s+-\s+", el.text_content().strip())[0].strip()
            if 4 <= len(title) <= 90:
                return title
    return ""


def extract_html(data: bytes) -> Extracted:
    """The main text of a saved web page (navigation, footers and sidebars dropped)."""
    html, encoding = decode_html(data)
    html = _tidy(html)
    try:
        text = _html_main_text(html)
    except Exception as e:  # noqa: BLE001 - a parser failure is not fatal: fall back
        log.info("trafilatura failed (%s: %s); using the plain text of the page", type(e).__name__, e)
        text = ""
    if not text.strip():
        text = _html_fallback_text(html)
    elif "\n" not in text.strip() and len(text) > 80:
        # A short page trafilatura reads as one run of text, its paragraphs and
        # table rows run together: the page's own blocks read better.
        blocks = _html_fallback_text(html)
        if blocks.count("\n") >= 3:
            text = blocks
    text = _tidy(text)
    # The main text often leaves out the headline, which names the report (and its year),
    # and the dateline under it, which may be the only place the year is written
    # ("發佈時間：2023-12-20", over a body that says only 今年): keep both, on top.
    title = _tidy(_html_title(html))
    dateline = "" if DATELINE.search(unicodedata.normalize("NFKC", text)) else next(
        (line for line in _html_fallback_text(html).split("\n")
         if len(line) <= 120 and DATELINE.search(unicodedata.normalize("NFKC", line))), "")
    if dateline and text.strip():
        text = f"{_tidy(dateline)}\n{text}"
    if title and text.strip() and title not in text[:200]:
        text = f"{title}\n{text}"
    if not text.strip():
        raise UnreadableFile("网页中没有正文文字")
    return Extracted(text, "html", encoding)


# ---------------------------------------------------------------- dispatch

EXTRACTORS = {"text": extract_text, "docx": extract_docx, "pdf": extract_pdf, "html": extract_html}


def _mismatch(path: Path, expected: str, found: str, note: str = "") -> UnreadableFile:
    suffix = path.suffix.lower() or "（无扩展名）"
    return UnreadableFile(
        f"文件扩展名是 {suffix}，但内容看起来是{_WHAT.get(found, found)}{note}，而不是{_WHAT[expected]}")


def detect_format(path: Path, data: bytes) -> str:
    """The format to read ``data`` as, checked against what the extension promises."""
    # The messages (and warnings) do not repeat the file's name: the caller names
    # the file it skips ("skipped report.pdf: ..."), and may be checking a temporary copy.
    path = Path(path)
    found = sniff(data)
    if found == "empty":
        raise UnreadableFile(EMPTY)
    expected = FORMAT_BY_SUFFIX.get(path.suffix.lower())
    if expected is None:  # an unlisted extension: trust the bytes
        expected = found if found in EXTRACTORS else "text"
    if expected in ("text", "html"):
        # Both are text: a page saved as .txt is read as a page, a fragment saved as .html as HTML.
        if found in ("text", "html"):
            return "html" if "html" in (found, expected) else "text"
        if found == "binary":
            raise UnreadableFile(BINARY)
        raise _mismatch(path, expected, found, "（二进制）")
    if expected == "docx" and found == "broken-zip":
        raise UnreadableFile(".docx 文件已损坏或不完整（其 zip 压缩包无法打开）")
    if found != expected:
        raise _mismatch(path, expected, found)
    return expected


def extract(path: Path, data: bytes) -> Extracted:
    """Text, format, encoding and page starts of a report file's bytes.

    Raises UnreadableFile (only) when the file cannot be read, saying why."""
    fmt = detect_format(Path(path), data)
    try:
        got = EXTRACTORS[fmt](data)
        for w in got.warnings:
            log.warning("%s: %s", Path(path).name, w)
        return got
    except UnreadableFile:
        raise
    except RecursionError as e:
        raise UnreadableFile(f"{_FORMAT_ZH.get(fmt, fmt)}文件嵌套层次过深，无法读取") from e
    except Exception as e:  # noqa: BLE001 - last line of defence: a bad file never stops a build
        log.debug("extracting %s failed", path, exc_info=True)
        raise UnreadableFile(f"{_FORMAT_ZH.get(fmt, fmt)}文件无法读取（{type(e).__name__}: {e}）") from e
