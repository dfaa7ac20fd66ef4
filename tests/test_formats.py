"""Real report formats: Word .docx, text PDF and saved web pages, built inside
the tests (python-docx, reportlab with its built-in CID font, plain HTML), read
from the bytes (not the extension), indexed and asked about; and every kind of
bad file skipped with a reason that says what is wrong."""

from __future__ import annotations

import io
import logging
import random
import re
import zipfile
from pathlib import Path

import pytest

import qa.formats as formats
import qa.loaders as loaders
from qa.formats import Extracted, extract, sniff
from qa.ingest import load_document
from qa.loaders import UnreadableFile, find_corpus_files, read_report_file, read_text_file

docx = pytest.importorskip("docx")
reportlab = pytest.importorskip("reportlab")

# ---------------------------------------------------------------- building files

DOCX_TITLE = "2014年佛山市直机关党建工作总结"
DOCX_PARAGRAPH = ("2014年，佛山市直机关工委深入学习贯彻党的十八届三中、四中全会精神，"
                  "全年组织中心组集中学习24次，举办党务干部培训班8期。")
DOCX_AFTER = "各级党组织认真落实“三会一课”制度，机关党建工作水平进一步提高。"


def make_docx(path: Path) -> Path:
    """A report: title, a paragraph with a figure, a table without header (the
    figure sits in a row), a paragraph, and a table with a header row."""
    d = docx.Document()
    d.add_heading(DOCX_TITLE, level=1)
    d.add_paragraph(DOCX_PARAGRAPH)
    t = d.add_table(rows=2, cols=3)
    for row, values in zip(t.rows, [["2014年佛山市直机关", "发展党员", "312人"],
                                    ["2014年佛山市直机关", "转正预备党员", "287人"]]):
        for cell, v in zip(row.cells, values):
            cell.text = v
    d.add_paragraph(DOCX_AFTER)
    t = d.add_table(rows=2, cols=3)
    for row, values in zip(t.rows, [["年份", "单位", "新建基层党组织（个）"], ["2014年", "佛山市直机关", "15"]]):
        for cell, v in zip(row.cells, values):
            cell.text = v
    d.save(str(path))
    return path


# Page 1 is long enough that the chunk holding the page-2 figure starts on page 2;
# page 2 opens with a heading, so its first line is not joined to page 1's last.
PDF_PAGES = [
    ["2015年江门市直机关党建工作总结",
     "一、思想建设",
     "2015年，江门市直机关工委坚持把思想政治建设摆在首位，组织中心组集中学习18次，",
     "举办专题培训班6期，培训党员干部1500人次，各级党组织开展专题研讨活动。",
     "全年共开展理论宣讲活动120场，覆盖市直机关全体党员干部，学习教育取得明显成效。",
     "机关党委书记带头讲党课，各支部书记结合实际讲党课，推动学习教育常态化制度化。",
     "同时，严格落实意识形态工作责任制，定期分析研判机关意识形态领域情况，守好阵地。",
     "- 1 -"],
    ["二、组织建设",
     "2015年，江门市直机关共发展党员426人，转正预备党员388人，新建基层党组织9个。",
     "全面完成机关基层党组织按期换届工作，选优配强支部书记，规范党员发展程序。",
     "- 2 -"],
]


def make_pdf(path: Path, pages: list[list[str] | None] | None = None, encrypt=None, image: bool = False) -> Path:
    """A text PDF in reportlab's built-in Chinese CID font (STSong-Light: no font
    file needed). A page given as None is a picture only, as a scanner makes
    it; ``image`` makes every page so."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = canvas.Canvas(str(path), pagesize=A4, encrypt=encrypt)
    for lines in ([None, None] if image else pages or PDF_PAGES):
        if lines is None:
            from PIL import Image
            from reportlab.lib.utils import ImageReader

            rng = random.Random(0)
            img = Image.new("L", (200, 280), 255)
            img.putdata([255 if rng.random() > 0.1 else 0 for _ in range(200 * 280)])
            c.drawImage(ImageReader(img), 40, 100, width=500, height=700)
        else:
            c.setFont("STSong-Light", 11)  # showPage resets the font
            y = 800
            for line in lines:
                c.drawString(50, y, line)
                y -= 20
        c.showPage()
    c.save()
    return path


HTML_PAGE = """<!-- saved from url=(0044)http://www.example.gov.cn/jgdj/2017/0301.html -->
<!DOCTYPE html>
<html><head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>2016年珠海市直机关党建工作报告_珠海市直属机关工委</title>
<script>var _hmt = _hmt || []; function nav(){ return "网站统计代码"; }</script>
<style>.top{color:red}</style>
</head><body>
<div class="top"><a href="/">首页</a> | <a href="/a">机关党建</a> | <a href="/b">工作动态</a> | <a href="/c">通知公告</a></div>
<nav><ul><li><a href="/">网站首页</a></li><li><a href="/x">党建要闻</a></li><li><a href="/y">理论学习</a></li></ul></nav>
<div class="crumb">当前位置：首页 &gt; 工作动态 &gt; 正文</div>
<div class="content">
<h1>2016年珠海市直机关党建工作报告</h1>
<p>2016年，珠海市直机关工委深入开展“两学一做”学习教育，全面加强机关党的建设，推动全面从严治党向纵深发展。</p>
<p>全年市直机关共发展党员273人，转正预备党员251人，表彰先进基层党组织40个、优秀共产党员260名。</p>
<p>各级党组织认真落实“三会一课”制度，开展主题党日活动980余次，参加党员达到1.8万人次。</p>
</div>
<div class="side"><h3>相关新闻</h3><ul><li><a href="/n1">市直机关工委召开2017年工作会议</a></li>
<li><a href="/n2">关于开展2017年度党费收缴工作的通知</a></li></ul></div>
<div class="footer"><p>版权所有：珠海市直属机关工作委员会　地址：珠海市香洲区人民东路1号</p>
<p>联系电话：0756-1234567　粤ICP备12345678号</p></div>
</body></html>
"""


def make_html(path: Path, html: str = HTML_PAGE, encoding: str = "gbk") -> Path:
    path.write_bytes(html.encode(encoding))
    return path


def assert_offsets_exact(doc, source: str):
    """Every character of the cleaned text is the source character its offset names."""
    assert len(doc.offsets) == len(doc.text)
    for i, ch in enumerate(doc.text):
        assert source[doc.offsets[i]] == ch, (i, ch, doc.offsets[i])


# ---------------------------------------------------------------- sniffing

def test_sniff_reads_the_type_from_the_bytes(tmp_path):
    d = make_docx(tmp_path / "a.docx").read_bytes()
    p = make_pdf(tmp_path / "a.pdf").read_bytes()
    assert sniff(d) == "docx"
    assert sniff(p) == "pdf"
    assert sniff(HTML_PAGE.encode("gbk")) == "html"  # after a "saved from" comment
    assert sniff(b"\xef\xbb\xbf  \n<html><body>x</body></html>") == "html"
    assert sniff("<?xml version='1.0'?>\n<!DOCTYPE html PUBLIC>".encode()) == "html"
    assert sniff("2014年，发展党员312人。<p>不是网页</p>".encode()) == "text"
    assert sniff(b"") == sniff(b" \n\t") == "empty"
    assert sniff(d[: len(d) // 2]) == "broken-zip"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("readme.txt", "hello")
    assert sniff(buf.getvalue()) == "zip"
    assert sniff(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600)) == "ole"
    assert sniff(b"\x89PNG\r\n\x1a\n" + bytes(100)) == "image"
    assert sniff(b"abc\x00def") == "binary"


def test_corpus_files_are_the_supported_formats_only(tmp_path):
    for name in ["a.txt", "b.MD", "c.docx", "d.PDF", "e.html", "f.htm", "g.doc", "h.xlsx", "i.png",
                 "j.pdf.bak", "~$c.docx", ".k.pdf"]:
        (tmp_path / name).write_bytes(b"x")
    found = [p.name for p in find_corpus_files(tmp_path)]
    assert found == ["a.txt", "b.MD", "c.docx", "d.PDF", "e.html", "f.htm"]


def test_saved_page_resource_folders_are_not_reports(tmp_path):
    (tmp_path / "r.htm").write_bytes(b"<html>")
    for folder in ["r_files", "r.files", "other_files"]:
        (tmp_path / folder / "sub").mkdir(parents=True)
        (tmp_path / folder / "sub" / "frame.html").write_bytes(b"<html>")
    found = [p.relative_to(tmp_path).as_posix() for p in find_corpus_files(tmp_path)]
    assert found == ["other_files/sub/frame.html", "r.htm"]  # no "other.htm": an ordinary folder


# ---------------------------------------------------------------- docx

def test_docx_paragraphs_and_tables_in_body_order(tmp_path):
    path = make_docx(tmp_path / "report.docx")
    got = extract(path, path.read_bytes())
    assert got.format == "docx" and got.pages == []
    lines = got.text.split("\n")
    assert lines == [
        DOCX_TITLE,
        DOCX_PARAGRAPH,
        "2014年佛山市直机关 发展党员 312人",  # one table row, one line
        "2014年佛山市直机关 转正预备党员 287人",
        DOCX_AFTER,
        "年份 单位 新建基层党组织（个）",
        "2014年 佛山市直机关 新建基层党组织15个",  # a figure read with its column header
    ]


def test_docx_merged_cells_and_content_controls(tmp_path):
    d = docx.Document()
    d.add_paragraph("2014年佛山市直机关党建工作总结")
    t = d.add_table(rows=2, cols=3)
    a = t.cell(0, 0).merge(t.cell(0, 1))
    a.text = "发展党员"
    t.cell(0, 2).text = "312人"
    t.cell(1, 0).text = "其中女性"
    t.cell(1, 1).text = ""
    t.cell(1, 2).text = "150人"
    d.save(str(tmp_path / "m.docx"))
    got = extract(tmp_path / "m.docx", (tmp_path / "m.docx").read_bytes())
    assert got.text.split("\n")[1:] == ["发展党员 312人", "其中女性 150人"]


def test_docx_tracked_changes_smart_tags_and_text_boxes(tmp_path):
    """Text as Word shows it with changes accepted: insertions and smart-tagged
    words kept, deletions dropped; a text box is not spliced into the paragraph."""
    from docx.oxml import OxmlElement, parse_xml
    from docx.oxml.ns import nsdecls

    d = docx.Document()
    d.add_paragraph("2014年佛山市直机关党建工作总结")
    p = d.add_paragraph("全年市直机关共发展党员")
    p._p.append(parse_xml(f'<w:ins {nsdecls("w")} w:id="1" w:author="a"><w:r><w:t>312人</w:t></w:r></w:ins>'))
    p._p.append(parse_xml(f'<w:del {nsdecls("w")} w:id="2" w:author="a"><w:r><w:delText>300人</w:delText></w:r></w:del>'))
    p._p.append(parse_xml(f'<w:smartTag {nsdecls("w")} w:uri="u" w:element="place">'
                          '<w:r><w:t>，其中禅城区</w:t></w:r></w:smartTag>'))
    p.add_run("45人。")
    box = p.add_run()._r
    box.append(parse_xml(f'<w:pict {nsdecls("w")}><w:txbxContent><w:p><w:r><w:t>图片说明</w:t></w:r></w:p>'
                         '</w:txbxContent></w:pict>'))
    br = p.add_run("第二行")._r
    br.insert(0, OxmlElement("w:br"))
    d.save(str(tmp_path / "t.docx"))
    got = extract(tmp_path / "t.docx", (tmp_path / "t.docx").read_bytes())
    assert got.text.split("\n")[1:] == ["全年市直机关共发展党员312人，其中禅城区45人。", "第二行"]


def test_docx_that_unpacks_to_too_much_is_refused(tmp_path, monkeypatch):
    path = make_docx(tmp_path / "r.docx")
    monkeypatch.setattr(formats, "MAX_UNPACKED_BYTES", 10_000)
    with pytest.raises(UnreadableFile, match=r"解压后有 \d+ MB"):
        extract(path, path.read_bytes())


def test_long_docx_table_rows_stay_lines_of_their_own(tmp_path):
    d = docx.Document()
    d.add_paragraph("2014年佛山市直机关党建工作总结")
    units = ["中共佛山市委办公室", "佛山市人民政府办公室", "佛山市发展和改革局", "佛山市教育局机关党委",
             "佛山市公安局机关党委", "佛山市财政局机关党委", "佛山市人社局机关党委", "佛山市卫生健康局"]
    t = d.add_table(rows=len(units), cols=4)
    for row, unit in zip(t.rows, units):
        for cell, v in zip(row.cells, [unit, "发展党员", f"{len(unit) * 7}人", "转正预备党员12人"]):
            cell.text = v
    d.save(str(tmp_path / "rows.docx"))
    doc = load_document(tmp_path / "rows.docx", tmp_path)
    assert "中共佛山市委办公室 发展党员 63人 转正预备党员12人" in doc.text.split("\n")


def test_docx_document_offsets_point_into_the_extracted_text(tmp_path):
    path = make_docx(tmp_path / "report.docx")
    raw = read_report_file(path, tmp_path)
    doc = load_document(path, tmp_path)
    assert (doc.format, doc.encoding, doc.pages) == ("docx", "utf-8", [])
    assert doc.years == [2014] and "佛山市" in doc.places
    assert "发展党员 312人" in doc.text
    assert_offsets_exact(doc, raw.text)
    assert doc.page_at(0) is None  # not a paged format


# ---------------------------------------------------------------- pdf

def test_pypdf_reads_the_chinese_text_back(tmp_path):
    path = make_pdf(tmp_path / "report.pdf")
    got = extract(path, path.read_bytes())
    assert got.format == "pdf"
    for lines in PDF_PAGES:
        for line in lines[:-1]:
            assert line in got.text, line
    assert "- 1 -" not in got.text and "- 2 -" not in got.text  # page numbers are page furniture


def test_pdf_pages_are_offsets_where_pages_start(tmp_path):
    path = make_pdf(tmp_path / "report.pdf", pages=[["第一页内容，发展党员100人。"], ["第二页内容，发展党员200人。"],
                                                    ["第三页内容，发展党员300人。"]])
    got = extract(path, path.read_bytes())
    assert got.text == "第一页内容，发展党员100人。\n第二页内容，发展党员200人。\n第三页内容，发展党员300人。"
    assert [got.text[p:p + 3] for p in got.pages] == ["第二页", "第三页"]
    assert got.text[got.pages[0] - 1] == "\n"


def test_pdf_document_knows_the_page_of_every_character(tmp_path):
    path = make_pdf(tmp_path / "report.pdf")
    raw = read_text_file(path, tmp_path)  # the old name still works
    assert raw.format == "pdf" and len(raw.pages) == 1
    doc = load_document(path, tmp_path)
    assert doc.format == "pdf" and doc.pages == raw.pages
    assert_offsets_exact(doc, raw.text)
    i = doc.text.index("发展党员426人")
    assert doc.page_at(doc.offsets[i]) == 2
    assert doc.page_at(doc.offsets[doc.text.index("培训党员干部1500人次")]) == 1


def test_pdf_with_every_glyph_placed_on_its_own_is_read_by_lines(tmp_path):
    """Some converters position each character separately; plain extraction then
    gives one character per line, and the page is read by position instead."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    lines = ["2015年江门市直机关党建工作总结", "2015年，江门市直机关共发展党员426人，转正预备党员388人，",
             "新建基层党组织9个。全面完成机关基层党组织按期换届工作。"]
    c = canvas.Canvas(str(tmp_path / "glyphs.pdf"))
    y = 800
    for line in lines:
        x = 50
        for ch in line:
            c.setFont("STSong-Light", 11)
            c.drawString(x, y, ch)
            x += pdfmetrics.stringWidth(ch, "STSong-Light", 11)
        y -= 18
    c.showPage()
    c.save()
    got = extract(tmp_path / "glyphs.pdf", (tmp_path / "glyphs.pdf").read_bytes())
    assert got.text.split("\n") == lines


def test_pdf_radical_glyphs_are_read_as_ideographs():
    # Fonts such as Noto/Source Han map 工 and 人 to the Kangxi radicals ⼯ and ⼈.
    assert formats._pdf_page_text("市直机关党建⼯作，发展党员312⼈，全⻆数字，⻔户⽹站") == \
        "市直机关党建工作，发展党员312人，全角数字，门户网站"


def test_pdf_with_some_scanned_pages_is_read_with_a_warning(tmp_path, caplog):
    path = make_pdf(tmp_path / "mixed.pdf", pages=[PDF_PAGES[0], None, PDF_PAGES[1]])
    with caplog.at_level(logging.WARNING):
        doc = load_document(path, tmp_path)
    assert len(doc.pages) == 2 and "发展党员426人" in doc.text
    assert doc.page_at(doc.offsets[doc.text.index("发展党员426人")]) == 3
    assert "第2页没有文字层（可能是扫描件），这些页未收录（全文共 3 页）" in doc.warnings, doc.warnings
    assert any("mixed.pdf" in r.getMessage() and "第2页没有文字层" in r.getMessage() for r in caplog.records)


@pytest.mark.parametrize("algorithm", ["RC4-128", "AES-256"])
def test_permissions_only_pdf_is_read(tmp_path, algorithm):
    """Government PDFs are often locked against copying or printing only: no
    password is needed to open them, and they are read."""
    from pypdf import PdfReader, PdfWriter

    plain = make_pdf(tmp_path / "plain.pdf")
    writer = PdfWriter(clone_from=PdfReader(plain))
    writer.encrypt(user_password="", owner_password="owner", permissions_flag=0, algorithm=algorithm)
    path = tmp_path / "locked-for-printing.pdf"
    with open(path, "wb") as f:
        writer.write(f)
    assert PdfReader(path).is_encrypted
    got = extract(path, path.read_bytes())
    assert "发展党员426人" in got.text and len(got.pages) == 1


# ---------------------------------------------------------------- html

def test_web_page_main_text_only(tmp_path):
    path = make_html(tmp_path / "page.html")
    got = extract(path, path.read_bytes())
    assert got.format == "html" and got.encoding == "gb18030"  # declared gb2312, read as its superset
    assert "2016年珠海市直机关党建工作报告" in got.text
    assert "全年市直机关共发展党员273人" in got.text
    for furniture in ["网站首页", "当前位置", "版权所有", "ICP", "联系电话", "机关党建 |", "相关新闻", "网站统计代码"]:
        assert furniture not in got.text, furniture


@pytest.mark.parametrize("headline", [
    '<h1 class="title">2017年丽水市直机关党建工作综述</h1>',  # a headline with a class: trafilatura drops it
    "",  # no <h1>: the <title> without the site's name
])
def test_web_page_headline_is_the_title(tmp_path, headline):
    html = (HTML_PAGE.replace("<h1>2016年珠海市直机关党建工作报告</h1>", headline)
            .replace("<title>2016年珠海市直机关党建工作报告_珠海市直属机关工委</title>",
                     "<title>2017年丽水市直机关党建工作综述_工作动态_丽水机关党建网</title>"))
    path = make_html(tmp_path / "page.html", html)
    doc = load_document(path, tmp_path)
    assert doc.title == "2017年丽水市直机关党建工作综述", doc.title
    assert "丽水机关党建网" not in doc.text
    assert_offsets_exact(doc, read_report_file(path, tmp_path).text)


def test_web_page_document_offsets(tmp_path):
    path = make_html(tmp_path / "page.htm")
    raw = read_report_file(path, tmp_path)
    doc = load_document(path, tmp_path)
    assert (doc.format, doc.years, doc.places) == ("html", [2016], ["珠海市"])
    assert_offsets_exact(doc, raw.text)


@pytest.mark.parametrize("declared, encoding", [
    ("", "gbk"),  # no declaration: detected from the bytes
    ('<meta charset="utf-8">', "gbk"),  # a wrong declaration: detected from the bytes
    ('<meta charset="utf-8">', "utf-8"),
    ('<meta http-equiv="Content-Type" content="text/html; charset=GBK">', "gb18030"),
])
def test_web_page_charset(tmp_path, declared, encoding):
    html = HTML_PAGE.replace('<meta http-equiv="Content-Type" content="text/html; charset=gb2312">', declared)
    path = make_html(tmp_path / "page.html", html, encoding)
    got = extract(path, path.read_bytes())
    assert "全年市直机关共发展党员273人" in got.text


def test_web_page_fallback_when_trafilatura_finds_nothing(tmp_path, monkeypatch):
    import trafilatura

    monkeypatch.setattr(trafilatura, "extract", lambda *a, **k: None)
    html = HTML_PAGE.replace("</div>\n<div class=\"side\">",
                             "<table><tr><th>单位</th><th>发展党员（人）</th></tr>"
                             "<tr><td>市委办</td><td>12</td></tr></table></div>\n<div class=\"side\">")
    path = make_html(tmp_path / "page.html", html)
    got = extract(path, path.read_bytes())
    assert "全年市直机关共发展党员273人" in got.text
    assert "市委办 发展党员12人" in got.text.split("\n")
    assert "网站首页" not in got.text and "网站统计代码" not in got.text  # <nav>, <script> dropped


def test_web_page_laid_out_in_tables(tmp_path):
    """Older government sites put the whole page in a layout table: its
    paragraphs stay lines of their own; a table of figures gives a line per row."""
    html = """<html><head><meta charset="utf-8"><title>机关党建</title></head><body>
<table width=980><tr><td><a href=/>首页</a> | <a href=/a>机关党建</a> | <a href=/b>工作动态</a></td></tr>
<tr><td class="content"><div align=center><b>2013年中山市直机关党建工作总结</b></div>
<p>2013年，中山市直机关工委深入开展党的群众路线教育实践活动，推动机关党建工作取得新成效。</p>
<p>全年市直机关共发展党员498人，转正预备党员412人。各级党组织认真落实“三会一课”制度。</p>
<br>各级机关党组织开展志愿服务活动350场，参与党员干部达到1.2万人次。<br>
<table><tr><th>单位</th><th>发展党员（人）</th></tr><tr><td>市委办</td><td>12</td></tr></table>
</td></tr>
<tr><td>版权所有：中山市直属机关工作委员会 联系电话：0760-88888888</td></tr></table></body></html>"""
    path = make_html(tmp_path / "layout.html", html, "utf-8")
    lines = extract(path, path.read_bytes()).text.split("\n")
    assert "2013年中山市直机关党建工作总结" in lines
    assert "全年市直机关共发展党员498人，转正预备党员412人。各级党组织认真落实“三会一课”制度。" in lines
    assert "各级机关党组织开展志愿服务活动350场，参与党员干部达到1.2万人次。" in lines
    assert "市委办 发展党员12人" in lines
    doc = load_document(path, tmp_path)
    assert doc.text.startswith("2013年中山市直机关党建工作总结")  # the menu line above the title is dropped
    assert "版权所有" not in doc.text


def test_text_file_that_is_a_saved_page_is_read_as_a_page(tmp_path):
    path = make_html(tmp_path / "page.txt", encoding="utf-8")
    got = extract(path, path.read_bytes())
    assert got.format == "html" and "网站首页" not in got.text


def test_text_cut_inside_a_character_is_still_read(tmp_path):
    text = "2014年佛山市直机关党建工作总结\n2014年，佛山市直机关共发展党员312人。\n" * 5
    for encoding in ("utf-8", "gbk"):
        data = text.encode(encoding)[:-3]  # a download cut short, inside a character
        (tmp_path / f"cut-{encoding}.txt").write_bytes(data)
        got = read_report_file(tmp_path / f"cut-{encoding}.txt", tmp_path)
        assert got.text.startswith(text[:40]) and got.text.count("\ufffd") <= 1
    html = HTML_PAGE.encode("gbk")
    i = html.index("全年".encode("gbk"))
    (tmp_path / "bad-byte.html").write_bytes(html[:i] + b"\xff\xff" + html[i + 2:])  # 全 damaged
    got = read_report_file(tmp_path / "bad-byte.html", tmp_path)
    assert got.encoding == "gb18030" and "\ufffd\ufffd年市直机关共发展党员273人" in got.text


def test_utf16_text_file(tmp_path):
    text = "2014年佛山市直机关党建工作总结\n2014年，佛山市直机关共发展党员312人。\n"
    (tmp_path / "u16.txt").write_bytes(text.encode("utf-16"))
    got = read_report_file(tmp_path / "u16.txt", tmp_path)
    assert got.text == text and got.format == "text"


# ---------------------------------------------------------------- bad files

def _zip_with(entries: dict[str, str]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, content in entries.items():
            z.writestr(name, content)
    return buf.getvalue()


def _bad_files(tmp: Path) -> dict[str, tuple[bytes, str]]:
    """name -> (bytes, pattern the skip reason must match)."""
    from reportlab.lib.pdfencrypt import StandardEncryption

    good_docx = make_docx(tmp / "good.docx").read_bytes()
    good_pdf = make_pdf(tmp / "good.pdf").read_bytes()
    secret = make_pdf(tmp / "secret.pdf", encrypt=StandardEncryption("secret", "owner")).read_bytes()
    scanned = make_pdf(tmp / "scan.pdf", image=True).read_bytes()
    return {
        "scanned.pdf": (scanned, r"^PDF 没有文字层（可能是扫描件），请先做文字识别（OCR）$"),
        "empty.pdf": (b"", r"^文件是空的$"),
        "empty.docx": (b"", r"^文件是空的$"),
        "blank.html": (b"  \r\n  ", r"^文件是空的$"),
        "password.pdf": (secret, r"设有打开密码"),
        "truncated.pdf": (good_pdf[: len(good_pdf) * 2 // 3], r"^PDF 文件不完整或已损坏（"),
        "truncated.docx": (good_docx[: len(good_docx) // 2], r"^\.docx 文件已损坏或不完整"),
        "broken-xml.docx": (_zip_with({"[Content_Types].xml": "<Types", "word/document.xml": "<w:document"}),
                            r"^\.docx 文件已损坏"),
        "binary.txt": (bytes(range(256)) * 8, r"二进制"),
        "text-named.pdf": ("2014年，发展党员312人。\n".encode("utf-8"),
                           r"^文件扩展名是 \.pdf，但内容看起来是纯文本，而不是PDF 文档$"),
        "pdf-named.docx": (good_pdf, r"^文件扩展名是 \.docx，但内容看起来是PDF 文档，而不是Word（\.docx）文档$"),
        "zip-named.txt": (good_docx, r"^文件扩展名是 \.txt，但内容看起来是Word（\.docx）文档（二进制），而不是纯文本$"),
        "pdf-named.html": (good_pdf, r"^文件扩展名是 \.html，但内容看起来是PDF 文档（二进制），而不是网页（HTML）$"),
        "old-word.docx": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2000), r"旧版或有密码保护的 Office 文件"),
        "no-text.html": (b"<!doctype html><html><body><script>var a=1;</script><img src=a.png></body></html>",
                         r"^网页中没有正文文字$"),
        "only-menus.html": (b"<html><body><nav><a href='/'>\xe9\xa6\x96\xe9\xa1\xb5</a></nav></body></html>",
                            r"^网页中没有正文文字$"),
    }


def test_each_bad_file_is_refused_with_its_reason(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, (data, pattern) in _bad_files(src).items():
        (corpus / name).write_bytes(data)
        with pytest.raises(UnreadableFile, match=pattern):
            load_document(corpus / name, corpus)


def test_file_over_the_size_limit(tmp_path, monkeypatch):
    make_pdf(tmp_path / "big.pdf")
    monkeypatch.setattr(loaders, "MAX_FILE_BYTES", 1000)
    with pytest.raises(UnreadableFile, match=r"^文件太大（"):
        load_document(tmp_path / "big.pdf", tmp_path)


def test_damaged_files_only_ever_raise_unreadable_file(tmp_path):
    """Truncations and flipped bytes of a good .docx and .pdf: read, or refused
    with UnreadableFile, never another exception."""
    rng = random.Random(42)
    for name, good in [("r.docx", make_docx(tmp_path / "r.docx").read_bytes()),
                       ("r.pdf", make_pdf(tmp_path / "r.pdf").read_bytes())]:
        variants = [good[:n] for n in range(0, len(good), max(1, len(good) // 15))]
        for _ in range(15):
            b = bytearray(good)
            for _ in range(rng.randint(1, 40)):
                b[rng.randrange(len(b))] = rng.randrange(256)
            variants.append(bytes(b))
        for data in variants:
            try:
                got = extract(Path(name), data)
            except UnreadableFile as e:
                assert str(e)
            else:
                assert isinstance(got, Extracted) and got.text.strip()


def test_no_other_exception_escapes_an_extractor(tmp_path, monkeypatch):
    path = make_docx(tmp_path / "r.docx")

    def boom(data):
        raise KeyError("unexpected")

    monkeypatch.setitem(formats.EXTRACTORS, "docx", boom)
    with pytest.raises(UnreadableFile, match=r"^\.docx文件无法读取（KeyError"):
        extract(path, path.read_bytes())


# ---------------------------------------------------------------- indexed and asked

@pytest.fixture(scope="module")
def formats_service(tmp_path_factory, embedder):
    """A real index of a .docx, a .pdf and a .html report, and a QAService over it."""
    from qa.config import load_settings
    from qa.index import build_index
    from qa.service import QAService

    root = tmp_path_factory.mktemp("formats")
    corpus = root / "corpus"
    corpus.mkdir()
    make_docx(corpus / "foshan-2014.docx")
    make_pdf(corpus / "jiangmen-2015.pdf")
    make_html(corpus / "zhuhai-2016.html")
    settings = load_settings(corpus_dir=corpus, index_dir=root / "index")
    report = build_index(settings, embedder=embedder)
    assert report.documents == 3 and report.skipped == []
    return QAService.load(settings, embedder=embedder)


@pytest.mark.parametrize("question, answer, source, quote", [
    ("2014年佛山市直机关发展了多少名党员？", "312人", "foshan-2014.docx", "发展党员 312人"),
    ("2014年佛山市直机关新建了多少个基层党组织？", "15个", "foshan-2014.docx", "新建基层党组织15个"),
    ("2014年佛山市直机关举办了多少期党务干部培训班？", "8期", "foshan-2014.docx", "党务干部培训班8期"),
    ("2015年江门市直机关发展了多少名党员？", "426人", "jiangmen-2015.pdf", "发展党员426人"),
    ("2016年珠海市直机关发展了多少名党员？", "273人", "zhuhai-2016.html", "发展党员273人"),
])
def test_figures_of_each_format_are_answered_and_cited(formats_service, question, answer, source, quote):
    a = formats_service.ask(question)
    assert a.answer is not None and answer in a.answer, (a.answer, a.reply)
    cited = [c for c in a.citations if c.source == source]
    assert cited and any(quote in c.text and answer.rstrip("人个期") in c.quote for c in cited), a.citations


def test_pdf_citation_carries_its_page(formats_service):
    a = formats_service.ask("2015年江门市直机关发展了多少名党员？")
    c = next(c for c in a.citations if "426" in c.quote)
    assert c.page == 2
    assert c.to_dict()["page"] == 2
    b = formats_service.ask("2016年珠海市直机关发展了多少名党员？")
    assert all(c.page is None and "page" not in c.to_dict() for c in b.citations)


def test_manifest_records_the_formats(formats_service):
    from qa.index import read_manifest

    manifest = read_manifest(formats_service.settings.index_dir)
    assert {d["source"]: d["format"] for d in manifest["documents"]} == {
        "foshan-2014.docx": "docx", "jiangmen-2015.pdf": "pdf", "zhuhai-2016.html": "html"}


def test_good_file_indexed_and_each_bad_one_reported(tmp_path, embedder, caplog, monkeypatch):
    from qa.config import load_settings
    from qa.index import build_index, read_manifest

    src = tmp_path / "src"
    src.mkdir()
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    make_docx(corpus / "good.docx")
    bad = _bad_files(src)
    for name, (data, _) in bad.items():
        (corpus / name).write_bytes(data)
    (corpus / "~$good.docx").write_bytes(b"\x00lock")  # Word's lock file: not a report, not reported
    (corpus / "figures.xlsx").write_bytes(b"PK\x03\x04")  # unsupported: ignored
    limit = max(p.stat().st_size for p in corpus.iterdir()) + 1
    (corpus / "huge.txt").write_bytes("发展党员312人。\n".encode("utf-8") * (limit // 10))
    monkeypatch.setattr(loaders, "MAX_FILE_BYTES", limit)  # only huge.txt is over it

    settings = load_settings(corpus_dir=corpus, index_dir=tmp_path / "index")
    with caplog.at_level(logging.WARNING):
        report = build_index(settings, embedder=embedder)
    assert report.documents == 1
    manifest = read_manifest(settings.index_dir)
    assert [d["source"] for d in manifest["documents"]] == ["good.docx"]
    skipped = {s["source"]: s["reason"] for s in manifest["skipped"]}
    assert set(skipped) == set(bad) | {"huge.txt"}
    for name, (_, pattern) in bad.items():
        assert re.search(pattern, skipped[name]), (name, skipped[name])
    assert skipped["huge.txt"].startswith("文件太大（")
    warnings = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    for name, reason in skipped.items():
        assert f"skipped {name}: {reason}" in warnings, name


def test_pdf_running_heads_and_feet_are_dropped_so_a_sentence_goes_on_over_the_page(tmp_path):
    # A print layout: the committee's name atop every page, a foot with the page number,
    # lines wrapped at a fixed width, and a sentence broken over the page.
    head, body = "中共江门市直属机关工作委员会", (
        "2018年，江门市直机关工委坚持以党的政治建设为统领，全面推进机关党的建设，各项工作取得新成效。"
        "全年发展党员297名，办理预备党员转正281名，确定发展对象318名，培训入党积极分子706名。"
        "对任期届满的124个党组织按期完成换届，新建党支部23个，整顿软弱涣散党支部9个。"
        "推行党员积分管理，为8340名在职党员建立积分档案，开展示范党支部创建，命名示范党支部60个。")
    lines = [body[i:i + 30] for i in range(0, len(body), 30)]
    cut = next(i for i, line in enumerate(lines) if "新建党" in line) + 1
    pages = [[head, "江门市直属机关工作委员会2018年度工作总结", *lines[:cut], "江门市直机关工委 第1页 共2页"],
             [head, *lines[cut:], "江门市直机关工委 第2页 共2页"]]
    path = make_pdf(tmp_path / "report.pdf", pages=pages)
    got = extract(path, path.read_bytes())
    assert head not in got.text and "第1页" not in got.text and "第2页" not in got.text
    doc = load_document(path, tmp_path)
    assert doc.title == "江门市直属机关工作委员会2018年度工作总结"  # a title line is not joined to the text
    assert "新建党支部23个" in doc.text.replace("\n", "")
    assert "新建党支部23个" in doc.text  # the wrap over the page is joined like any other


def test_a_table_laid_out_with_spaces_is_read_with_its_headers(tmp_path):
    text = ("全年发展党员402名。\n"
            "表1  2016年台州市直机关各系统发展党员情况（单位：名）\n"
            "系统            发展党员  转正\n"
            "党群系统        61        66\n"
            "经济系统        238       219\n"
            "合计            299       285\n"
            "一年来，各项工作取得新进展。  继续努力。\n")
    path = tmp_path / "report.txt"
    path.write_text(text, encoding="utf-8")
    got = extract(path, path.read_bytes())
    assert got.text.split("\n")[2:6] == ["系统 发展党员（名） 转正（名）", "党群系统 发展党员61名 转正66名",
                                        "经济系统 发展党员238名 转正219名", "合计 发展党员299名 转正285名"]
    # prose with a double space is no table; the lines around the table stay as they were
    assert got.text.split("\n")[0] == "全年发展党员402名。" and "各项工作取得新进展。  继续努力。" in got.text


def test_web_page_table_with_a_caption_is_read_with_its_headers(tmp_path):
    page = ("<html><head><meta charset='gbk'><title>2017年台州市直机关党建工作回眸_台州机关党建网</title></head><body>"
            "<h1>2017年台州市直机关党建工作回眸</h1>"
            "<p>截至年底，市直机关工委共管理基层党组织421个、党员9864名，各系统情况见下表。全年各项工作取得新进展。</p>"
            "<table><caption>2017年台州市直机关各系统党员情况</caption>"
            "<tr><th>系统</th><th>党员人数（人）</th><th>发展党员（名）</th></tr>"
            "<tr><td>政法系统</td><td>3408</td><td>63</td></tr>"
            "<tr><td>市属国有企业</td><td>2067</td><td>38</td></tr>"
            "<tr><td>合计</td><td>5475</td><td>101</td></tr></table>"
            "<p>全年市直机关共发展党员101名，办理预备党员转正96名，确定发展对象113名。</p></body></html>")
    path = tmp_path / "page.html"
    path.write_bytes(page.encode("gbk"))
    lines = extract(path, path.read_bytes()).text.split("\n")
    # the caption stays a line; 2067 under a header with a unit is a count, not a year
    assert "2017年台州市直机关各系统党员情况" in lines
    assert "政法系统 党员人数3408人 发展党员63名" in lines
    assert "市属国有企业 党员人数2067人 发展党员38名" in lines


def test_markdown_is_read_as_the_text_it_shows(tmp_path):
    md = ("# 蚌埠市直机关工委2019年度工作总结\n\n"
          "## 一、**主题教育**\n\n"
          "- 市直机关76个单位参加第二批主题教育。\n\n"
          "| 单位 | 党支部（个） | 党员（名） |\n| --- | :---: | ---: |\n"
          "| 市委办公室 | 7 | 158 |\n| 市财政局 | 9 | 201 |\n\n"
          "正文里的 | 竖线 | 不是表格。\n")
    path = tmp_path / "report.md"
    path.write_text(md, encoding="utf-8")
    lines = extract(path, path.read_bytes()).text.split("\n")
    assert lines[0] == "蚌埠市直机关工委2019年度工作总结" and "一、主题教育" in lines
    assert "市委办公室 党支部7个 党员158名" in lines and "市财政局 党支部9个 党员201名" in lines
    assert not any("---" in line for line in lines)
    assert "正文里的 | 竖线 | 不是表格。" in lines  # no rule row under it: not a table


def test_big5_text_is_read_as_big5_not_as_gbk(tmp_path):
    # Traditional script from Taiwan or Hong Kong software: valid GBK bytes too, but rare characters there
    text = ("2017年常德市直機關工委工作總結\r\n2017年，常德市直機關工委在市委的堅強領導下，圍繞中心\r\n"
            "服務大局，全年發展黨員２６６名，辦理預備黨員轉正２４１名，各項工作取得新成效。\r\n")
    path = tmp_path / "report.txt"
    path.write_bytes(text.encode("big5"))
    got = extract(path, path.read_bytes())
    assert got.encoding == "big5"
    assert "常德市直機關工委" in got.text and "發展黨員２６６名" in got.text
    # a GBK file with the same words stays GBK
    path.write_bytes(text.replace("機關", "机关").encode("gbk"))
    assert extract(path, path.read_bytes()).encoding == "gb18030"


def test_rows_of_a_table_in_hard_wrapped_text_are_not_joined_as_wraps(tmp_path):
    # Prose wrapped at 24 characters; the table rows, read with their headers, are
    # about as long, yet each is a row of its own, not a wrap of the one above.
    prose = ("2021年，景德镇市直机关工委坚持以党的政治建设为统领，全面加强机关党的建设，"
             "各项工作取得新的成效，全年发展党员三百一十二名，其中各系统情况见下表。")
    wrapped = "\n".join(prose[k:k + 24] for k in range(0, len(prose), 24))
    md = ("# 2021年景德镇市直机关党建工作总结\n\n" + wrapped + "\n\n"
          "| 系统 | 党员（名） | 发展党员（名） |\n| --- | --- | --- |\n"
          "| 经济系统机关各基层党组织 | 3918 | 121 |\n"
          "| 政法系统机关各基层党组织 | 2764 | 97 |\n"
          "| 党群系统机关各基层党组织 | 1530 | 94 |\n\n" + wrapped + "\n")
    path = tmp_path / "report.md"
    path.write_text(md, encoding="utf-8")
    lines = load_document(path, tmp_path).text.split("\n")
    assert "经济系统机关各基层党组织 党员3918名 发展党员121名" in lines
    assert "政法系统机关各基层党组织 党员2764名 发展党员97名" in lines
    assert "党群系统机关各基层党组织 党员1530名 发展党员94名" in lines
    assert prose in lines  # the prose around the table is still unwrapped
