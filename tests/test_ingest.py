"""Reading reports: encodings, unreadable files, boilerplate, hard wraps, the
offset map back into the source, traditional/full-width normalisation and the
metadata (year, place, organisation) read from each report's own text."""

from __future__ import annotations

import logging
import random
import re

import pytest

from conftest import REPORTS
from qa.cleaning import clean
from qa.ingest import load_corpus, load_document
from qa.loaders import UnreadableFile, decode_bytes, find_corpus_files, read_text_file
from qa.textnorm import normalize, to_simplified

# A short report body in simplified Chinese, used for the encoding tests.
REPORT_TEXT = (
    "2011年中山市直属机关工作\n"
    "2011年，市直属各机关系统发展党员585人，办理预备党员转正438人，"
    "确定396名入党积极分子为发展对象，确定入党积极分子1015人。\n"
    "表彰先进基层党组织83个、优秀共产党员681人。\n"
)


def _latin1_garbage(seed: int, n: int = 3000) -> bytes:
    """Bytes of the Latin-1 upper half (accented letters, symbols), as from a
    file saved in a western code page or a corrupted download."""
    rng = random.Random(seed)
    return bytes(rng.randrange(0xA0, 0x100) for _ in range(n))


# ---------------------------------------------------------------- decoding


def test_gbk_file_is_decoded(tmp_path):
    data = REPORT_TEXT.encode("gbk")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")  # the test is only meaningful if UTF-8 fails
    (tmp_path / "gbk.txt").write_bytes(data)
    raw = read_text_file(tmp_path / "gbk.txt", tmp_path)
    assert raw.text == REPORT_TEXT
    assert raw.encoding.lower().replace("-", "").replace("_", "") in {"gbk", "gb18030", "gb2312", "cp936"}


@pytest.mark.parametrize("rare", ["㐀", "𠀀"])
def test_gb18030_file_with_characters_outside_gbk(tmp_path, rare):
    text = REPORT_TEXT + f"其中有生僻字“{rare}”的党员2名。\n"
    with pytest.raises(UnicodeEncodeError):
        text.encode("gbk")  # not representable in GBK: only GB18030 has it
    data = text.encode("gb18030")
    (tmp_path / "gb18030.txt").write_bytes(data)
    raw = read_text_file(tmp_path / "gb18030.txt", tmp_path)
    assert raw.text == text
    assert rare in raw.text
    assert raw.encoding.lower().replace("-", "") == "gb18030"


def test_utf8_with_bom(tmp_path):
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbf" + REPORT_TEXT.encode("utf-8"))
    raw = read_text_file(tmp_path / "bom.txt", tmp_path)
    assert raw.text == REPORT_TEXT
    assert "\ufeff" not in raw.text
    doc = load_document(tmp_path / "bom.txt", tmp_path)
    assert doc.text.startswith("2011年中山市直属机关工作")


def test_crlf_line_endings_give_the_same_document(tmp_path):
    (tmp_path / "lf.txt").write_bytes(REPORT_TEXT.encode("utf-8"))
    (tmp_path / "crlf.txt").write_bytes(REPORT_TEXT.replace("\n", "\r\n").encode("utf-8"))
    lf = load_document(tmp_path / "lf.txt", tmp_path)
    crlf = load_document(tmp_path / "crlf.txt", tmp_path)
    assert crlf.text == lf.text and "\r" not in crlf.text
    assert crlf.offsets == lf.offsets


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"", r"^文件是空的$"),
        (b"  \n\r\n\t \n", r"^文件是空的$"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256)) * 4, r"二进制|NUL"),
        ("发展党员585人".encode("utf-8") + b"\x00\x00\x00" + "确定积极分子".encode("utf-8"), r"二进制|NUL"),
        (_latin1_garbage(0), r"无法识别文件的编码"),
        (_latin1_garbage(1), r"无法识别文件的编码"),
        (bytes(range(0xA0, 0x100)) * 12, r"无法识别文件的编码"),
    ],
    ids=["empty", "whitespace-only", "png", "nul-in-text", "latin1-garbage-0", "latin1-garbage-1", "latin1-table"],
)
def test_unreadable_bytes_are_refused_with_a_reason(tmp_path, data, reason):
    with pytest.raises(UnreadableFile, match=reason):
        decode_bytes(data)
    (tmp_path / "bad.txt").write_bytes(data)
    with pytest.raises(UnreadableFile, match=reason):
        load_document(tmp_path / "bad.txt", tmp_path)


def test_load_corpus_finds_subfolders_and_md_and_skips_bad_files(tmp_path, caplog):
    (tmp_path / "a.txt").write_bytes(REPORT_TEXT.encode("utf-8"))
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    (tmp_path / "sub" / "deeper" / "b.md").write_bytes(REPORT_TEXT.replace("2011", "2012").encode("gbk"))
    (tmp_path / "c.TXT").write_bytes(REPORT_TEXT.replace("2011", "2013").encode("gb18030"))
    (tmp_path / "garbage.txt").write_bytes(_latin1_garbage(7))
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02\x03" * 100)
    (tmp_path / "photo.jpg").write_bytes(REPORT_TEXT.encode("utf-8"))  # not a report format
    (tmp_path / ".hidden.txt").write_bytes(REPORT_TEXT.encode("utf-8"))

    found = [p.relative_to(tmp_path).as_posix() for p in find_corpus_files(tmp_path)]
    assert "sub/deeper/b.md" in found and "c.TXT" in found
    assert "photo.jpg" not in found and ".hidden.txt" not in found

    with caplog.at_level(logging.WARNING):
        result = load_corpus(tmp_path)
    docs = {d.source: d for d in result.documents}
    assert set(docs) == {"a.txt", "sub/deeper/b.md", "c.TXT"}
    assert docs["sub/deeper/b.md"].years == [2012] and "发展党员585人" in docs["sub/deeper/b.md"].text
    assert docs["c.TXT"].years == [2013]
    skipped = {s.source: s.reason for s in result.skipped}
    assert set(skipped) == {"garbage.txt", "empty.txt", "binary.txt"}
    assert re.search("无法识别文件的编码", skipped["garbage.txt"])
    assert skipped["empty.txt"] == "文件是空的"
    assert re.search("二进制|NUL", skipped["binary.txt"])
    # The warning names the file and says why.
    warnings = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    for name, reason in skipped.items():
        assert any(name in w and reason in w for w in warnings), (name, warnings)


def test_a_file_of_only_boilerplate_is_skipped(tmp_path):
    (tmp_path / "good.txt").write_bytes(REPORT_TEXT.encode("utf-8"))
    (tmp_path / "furniture.txt").write_text(
        "上一篇：关于做好党建工作的通知\n下一篇：保密工作\n版权所有 某某网\n联系电话：010-12345678\n", encoding="utf-8"
    )
    result = load_corpus(tmp_path)
    assert [d.source for d in result.documents] == ["good.txt"]
    assert [s.source for s in result.skipped] == ["furniture.txt"]
    assert result.skipped[0].reason


def test_missing_corpus_folder_is_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="语料目录不存在"):
        load_corpus(tmp_path / "nope")


# ---------------------------------------------------------------- cleaning: boilerplate

CONTENT_1 = "2015年，市直机关各级党组织全面推进机关党的建设，全年发展党员312人。"
CONTENT_2 = "至年底，市直机关共有基层党组织1286个、党员26473名。"


@pytest.mark.parametrize(
    "furniture",
    [
        "上一篇：关于做好2015年党建工作的通知",
        "下一篇: 党校工作(2015)",
        "上一篇: 保密工作(2011) 【关闭窗口】 下一篇: 党校工作(2011)",
        "- 上一篇:職校副校長教務管理述職匯報",
        "[免责声明] 本文来源于网络转载,仅供学习交流使用,不构成商业目的。",
        "苏州机关党建网 版权所有。",
        "联系电话:010-56212745、010-53382908,监督电话:18518469856",
        "Original URL: http://lib.example.cn/bin/mse.exe?seachword=&K=b4&A=6",
        "当前位置：首页 > 专题专栏 > 正文",
        "当前所在:首页 > 专题专栏 > 正文",
        "欢迎来到廉政法治网!",
        "发布时间:2022-06-24 来源: 南海先锋网 作者:佚名",
        "責任編輯：王五",
    ],
)
def test_boilerplate_lines_are_dropped(furniture):
    page = f"苏州市直机关工委2015年工作总结\n{CONTENT_1}\n{furniture}\n{CONTENT_2}\n"
    out = clean(page)
    assert furniture.strip() not in out.text
    assert CONTENT_1 in out.text and CONTENT_2 in out.text
    assert furniture.strip() in out.dropped


def test_related_news_tail_is_cut():
    body = "\n".join(f"第{i}段：市直机关开展主题党日活动{i}次，参加党员{100 + i}名。" for i in range(1, 9))
    tail = "新闻推荐\n昨日中山市天气寒冷,紫马岭公园录得最低气温为10.5℃\n市民御寒措施到位"
    out = clean(f"苏州市直机关工委2015年工作总结\n{body}\n{tail}\n")
    assert "新闻推荐" not in out.text and "紫马岭公园" not in out.text and "御寒" not in out.text
    assert "第8段：市直机关开展主题党日活动8次，参加党员108名。" in out.text


@pytest.mark.parametrize(
    "report, furniture",
    [
        ("000", "上一篇"),
        ("000", "下一篇"),
        ("000", "【关闭窗口】"),
        ("000", "【点击率】"),
        ("001", "Original URL"),
        ("001", "lib.sdsqw.cn"),
        ("002", "新闻推荐"),
        ("002", "紫马岭公园"),  # inside the related-news tail
        ("003", "上一篇"),
        ("003", "導語"),
        ("003", "時間:2022-11-13"),
        ("004", "当前所在"),
        ("004", "欢迎来到"),
        ("004", "免责声明"),
        ("004", "版权所有"),
        ("004", "联系电话"),
        ("004", "客服QQ"),
        ("004", "政讯通中心"),
    ],
)
def test_real_reports_lose_their_web_boilerplate(corpus_docs, raw_texts, report, furniture):
    name = REPORTS[report]
    assert furniture in raw_texts[name], "the example must be in the raw file"
    assert furniture not in corpus_docs[name].text


@pytest.mark.parametrize(
    "report, content",
    [
        ("000", "发展党员585人,办理预备党员转正438人"),
        ("000", "(翟伟瑜)"),
        ("001", "全年共接收新党员68名"),
        ("002", "公开庭审100%向群众开放"),
        ("003", "有基層黨組織5653個"),
        ("004", "火线入党129人"),
        ("004", "(撰文/孙勇 章昌平)"),
    ],
)
def test_real_report_content_is_kept(corpus_docs, report, content):
    assert content in corpus_docs[REPORTS[report]].text


# ---------------------------------------------------------------- cleaning: hard wraps


def _wrapped_pairs(raw: str) -> list[tuple[str, str]]:
    """(end of line, start of next line) for raw lines broken mid-sentence: the
    line is long, ends in a CJK character or digit, and the next line continues."""
    lines = [s.strip() for s in raw.split("\n")]
    pairs = []
    for a, b in zip(lines, lines[1:]):
        if len(a) >= 40 and b and re.search(r"[\u4e00-\u9fff\d]$", a) and re.match(r"[\u4e00-\u9fff\d]", b):
            pairs.append((a[-6:], b[:6]))
    return pairs


def test_hard_wrapped_report_is_unwrapped(corpus_docs, raw_texts):
    name = REPORTS["001"]
    raw, text = raw_texts[name], corpus_docs[name].text
    # The figure of a real sentence is split by a line break in the file ...
    assert re.search(r"530名运\s*\n\s*动员", raw)
    # ... and contiguous after cleaning.
    assert "530名运动员参加了比赛" in text
    pairs = _wrapped_pairs(raw)
    assert len(pairs) >= 20, "001 is hard-wrapped: many lines break mid-sentence"
    for end, start in pairs:
        assert end + start in text, (end, start)
    # Paragraphs stay paragraphs: every line of the cleaned text ends a sentence
    # or is a short heading/byline, never mid-sentence.
    for line in text.split("\n"):
        assert line.endswith(("。", "！", "？", "；", ")", "）", "】")) or len(line) < 30, line


@pytest.mark.parametrize("report", ["000", "002", "003", "004"])
def test_unwrapped_reports_keep_their_lines(corpus_docs, raw_texts, report):
    """Files that are not hard-wrapped are not joined: each cleaned line is a
    whole (stripped) line of the source."""
    name = REPORTS[report]
    source_lines = {s.strip() for s in raw_texts[name].split("\n")}
    for line in corpus_docs[name].text.split("\n"):
        assert line in source_lines, line[:60]


# ---------------------------------------------------------------- offset map


@pytest.mark.parametrize("report", sorted(REPORTS))
def test_offset_map_is_exact(corpus_docs, raw_texts, report):
    name = REPORTS[report]
    doc, raw = corpus_docs[name], raw_texts[name]
    assert len(doc.offsets) == len(doc.text) > 1000
    assert all(doc.text[i] == raw[doc.offsets[i]] for i in range(len(doc.text)))
    # Cleaning only deletes: the map is strictly increasing.
    assert all(a < b for a, b in zip(doc.offsets, doc.offsets[1:]))
    # Any span traces back to the source.
    for start in range(0, len(doc.text) - 50, 97):
        s, e = doc.source_span(start, start + 50)
        assert raw[s] == doc.text[start] and raw[e - 1] == doc.text[start + 49]


def test_offset_map_of_synthetic_page():
    page = (
        "当前位置：首页 > 工作动态\n\n"
        "　　苏州市直机关工委2015年工作总结\n"
        "　　2015年，市直机关各级党组织全面推进机关党的建设，全年发展党员312人，确定入党积\n"
        "极分子506人，表彰先进基层党组织45个、优秀共产党员230名，推动机关党建工作取得新成效。\n"
        "版权所有：苏州机关党建网\n"
    )
    out = clean(page)
    assert len(out.offsets) == len(out.text)
    assert all(out.text[i] == page[out.offsets[i]] for i in range(len(out.text)))
    assert "当前位置" not in out.text and "版权所有" not in out.text and "　" not in out.text


# ---------------------------------------------------------------- normalisation


def test_traditional_report_search_form_is_simplified(corpus_docs):
    doc = corpus_docs[REPORTS["003"]]
    norm = normalize(doc.text)
    assert len(norm) == len(doc.text)
    assert norm != doc.text  # the report really is traditional
    assert "黨" in doc.text and "黨" not in norm
    assert "区直机关党组织建设年工作汇报" in norm
    assert "有基层党组织5653个" in norm
    # Already fully simplified: converting again changes nothing.
    assert to_simplified(norm) == norm
    # Character for character: every position maps to the same position.
    assert all(normalize(doc.text[i]) == norm[i] for i in range(0, len(norm), 7))


@pytest.mark.parametrize(
    "text, expected",
    [
        ("１２６", "126"),
        ("女性党员１２６名", "女性党员126名"),
        ("优秀率９６.５％", "优秀率96.5%"),
        ("２０１１年", "2011年"),
        ("發展黨員５８５人", "发展党员585人"),
    ],
)
def test_full_width_and_traditional_are_normalised(text, expected):
    assert normalize(text) == expected
    assert len(normalize(text)) == len(text)


# ---------------------------------------------------------------- metadata


@pytest.mark.parametrize(
    "report, title_part, years, places, org",
    [
        ("000", "市直属机关工作", [2011], ["中山市"], "市直机关"),
        ("001", "市直机关工委工作", [2009], ["枣庄市"], "市直机关"),
        ("002", "模范机关", [], ["中山市"], "市直机关"),  # only says 今年
        ("003", "區直機關黨組織建設年工作匯報", [], ["广西壮族自治区"], "区直机关"),
        ("004", "省直机关党建工作综述", [2020], ["海南省"], "省直机关"),
    ],
)
def test_metadata_of_the_bundled_reports(corpus_docs, report, title_part, years, places, org):
    doc = corpus_docs[REPORTS[report]]
    assert title_part in doc.title
    assert doc.years == years
    assert doc.places == places
    assert doc.org == org
    assert doc.text.startswith(doc.title)  # site furniture above the title is gone
    assert ("报告正文未写明年份" in doc.warnings) == (not years)


NEW_REPORTS = {
    # A report written for this test (not in corpus/): title with the year, web furniture.
    "suzhou-2015": (
        "苏州机关党建网\n"
        "当前位置：首页 > 工作总结\n"
        "苏州市直机关工委2015年工作总结\n"
        "发布时间：2016-01-20 来源：苏州市直机关工委\n"
        "2015年，苏州市直机关各级党组织深入开展“三严三实”专题教育，全年发展党员312人，"
        "确定入党积极分子506人，办理预备党员转正287人。\n"
        "至年底，市直机关共有基层党组织1286个、党员26473名。市直机关工委在苏州工业园区举办"
        "机关党务干部培训班3期，培训420人次。\n"
        "市直机关工委组织党员干部赴南京参观学习。2016年，市直机关将继续推进服务型机关建设。\n"
        "上一篇：关于开展2016年机关作风建设的通知\n",
        [2015], ["苏州市"], "市直机关", "苏州市直机关工委2015年工作总结",
    ),
    # A yearbook entry: the year only opens the body.
    "ningbo-yearbook-2014": (
        "市直机关工委工作\n"
        "【概况】 2014年,宁波市直机关各级党组织以服务型党组织建设为抓手,全年发展党员245名,"
        "转正预备党员198名。2012年以来,市直机关累计培训入党积极分子1500余人。\n"
        "【机关作风建设】 市直机关开展作风建设专项行动,走访企业320家,解决问题87个。宁波市直机关工委"
        "被评为全省机关党建工作先进单位。\n",
        [2014], ["宁波市"], "市直机关", "市直机关工委工作",
    ),
    # A province's organs, in traditional characters.
    "jiangxi-2018-traditional": (
        "2018年江西省直機關黨建工作綜述\n"
        "2018年,江西省直機關各級黨組織堅持黨建引領,全年發展黨員1024名,省直機關工委舉辦"
        "黨務幹部培訓班12期,培訓1850人次。江西省直機關在南昌舉辦“紅色走讀”活動,參加黨員3600余名。\n",
        [2018], ["江西省"], "省直机关", "2018年江西省直機關黨建工作綜述",
    ),
    # Dated only relatively (今年), with past years as context: the year is not known.
    "hangzhou-no-year": (
        "杭州市直机关推进模范机关建设\n"
        "今年以来，杭州市直机关各级党组织扎实推进模范机关创建，今年1-9月份发展党员156名。"
        "2016年开始，市直机关每年开展“双报到”活动；2017年以来累计服务群众3万余人次。"
        "今年，市直机关还组织党员志愿者1200名参与社区治理，今年共走访困难党员215名。\n",
        [], ["杭州市"], "市直机关", "杭州市直机关推进模范机关建设",
    ),
}


@pytest.mark.parametrize("name", sorted(NEW_REPORTS))
def test_metadata_rules_generalise_to_a_new_report(tmp_path, name):
    text, years, places, org, title = NEW_REPORTS[name]
    (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    result = load_corpus(tmp_path)
    assert result.skipped == []
    (doc,) = result.documents
    assert doc.title == title
    assert doc.years == years
    assert doc.places == places
    assert doc.org == org
    assert "上一篇" not in doc.text and "当前位置" not in doc.text and "发布时间" not in doc.text
    assert all(doc.text[i] == text[doc.offsets[i]] for i in range(len(doc.text)))


def test_a_wrap_before_a_decimal_figure_or_a_little_short_is_joined():
    """A line that wraps before "326.5万元" is not a numbered paragraph ("3. …"),
    and a wrapped line a few characters short of the width, stopping
    mid-sentence, is a wrap too; a short heading is not."""
    lines = [
        "2017年衢州市直机关党建工作总结",
        "2017年,衢州市直机关工委围绕中心服务大局,扎实推进机关党的建设。全年市直机关共发展党员",
        "126名,其中35岁以下青年党员88名;预备党员按期转正102名。截至年底,市直机关共有基层党",
        "组织512个,其中党委36个、党总支45个、党支部431个。全年举办入党积极分子培训班3期,培",
        "训学员420人次。3月,在市委党校举办机关党务干部培训班。全年投入帮扶资金",
        "326.5万元,结对帮扶贫困村28个。纪检监察方面,全年受理信访举报56件,立案19件,给予",
        "党纪政务处分21人。",
        "3. 其他工作",
    ]
    text = clean("\n".join(lines) + "\n").text
    assert "全年投入帮扶资金326.5万元" in text
    assert "发展党员126名" in text and "基层党组织512个" in text
    assert text.startswith("2017年衢州市直机关党建工作总结\n2017年")
    assert "\n3. 其他工作" in text


DATED_PAGE = """\
衢州机关党建网
首页 | 工作动态 | 基层风采 | 理论学习 | 联系我们
当前位置：首页 > 工作动态 > 正文
衢州市直机关上半年党建工作亮点纷呈
来源：衢州机关党建网  发布时间：2017-07-20 09:30  浏览次数：1024
今年上半年，衢州市直机关工委紧紧围绕市委中心工作，扎实推进机关党建各项任务。
上半年，市直机关共发展党员168名，举办入党积极分子培训班两期，培训学员240人。
上半年投入帮扶资金412.3万元。去年全年，市直机关共投入帮扶资金980.5万元。
下一步，市直机关工委将继续深化“红色细胞”工程。
上一篇：市直机关召开党建工作推进会
相关阅读
2015年衢州市直机关党建工作综述
2016年丽水市直机关发展党员300名
"""


def test_a_page_that_says_only_this_year_is_dated_by_its_dateline(tmp_path):
    """The report's years stay unknown (a reposted page's dateline is its upload),
    but the dateline year is kept as a hint; the related-links tail, which names
    other reports' years, is no dateline."""
    (tmp_path / "quzhou.txt").write_text(DATED_PAGE, encoding="utf-8")
    (doc,) = load_corpus(tmp_path).documents
    assert doc.years == [] and doc.dated == 2017
    assert any("网页发布于2017年" in w for w in doc.warnings), doc.warnings
    assert "浏览次数" not in doc.text and "2016年丽水" not in doc.text
    # a yearbook entry that names its year has no dateline hint
    (tmp_path / "quzhou.txt").write_text(DATED_PAGE.replace("今年上半年", "2017年上半年")
                                         .replace("上半年，市直", "2017年上半年，市直"), encoding="utf-8")
    (doc,) = load_corpus(tmp_path).documents
    assert doc.years == [2017] and doc.dated is None


_DATED_HTML_BODY = """\
今年上半年，衢州市直机关工委紧紧围绕市委中心工作，扎实推进机关党建各项任务，机关党组织的政治功能和组织功能持续增强。
上半年，市直机关共发展党员168名，举办入党积极分子培训班两期，培训学员240人，结业考试合格率98.2%。
上半年投入帮扶资金412.3万元。去年全年，市直机关共投入帮扶资金980.5万元，结对帮扶重点村36个。
下一步，市直机关工委将继续深化“红色细胞”工程，推动机关党建与业务工作深度融合。"""


def test_a_saved_page_keeps_the_dateline_its_main_text_leaves_out(tmp_path):
    """The article's main text (what trafilatura keeps) holds no dateline; the
    page's info line under the headline is the only place the year is written."""
    body = "".join(f"<p>{line}</p>" for line in _DATED_HTML_BODY.splitlines())
    (tmp_path / "quzhou.html").write_text(
        "<!DOCTYPE html><html lang='zh'><head><meta charset='utf-8'>"
        "<title>衢州市直机关上半年党建工作亮点纷呈_工作动态_衢州机关党建网</title></head>"
        "<body><div class='top'><div class='sitename'>衢州机关党建网</div></div>"
        "<div class='nav'><a href='/'>首页</a> | <a href='/c1/'>工作动态</a></div>"
        "<div class='article'><h1>衢州市直机关上半年党建工作亮点纷呈</h1>"
        "<div class='info'>發佈時間：２０１７-07-20 09:30　來源：衢州机关党建网　浏览次数：1024</div>"
        f"<div class='content'>{body}</div></div><div class='footer'>版权所有 衢州机关党建网</div></body></html>",
        encoding="utf-8")
    (doc,) = load_corpus(tmp_path).documents
    assert doc.years == [] and doc.dated == 2017, (doc.years, doc.dated, doc.text[:120])
    assert "發佈時間" not in doc.text and "发展党员168名" in doc.text


def test_a_review_of_several_years_and_an_article_on_two_counties(tmp_path):
    (tmp_path / "review.txt").write_text(
        "2016—2018年荆门市直机关党建工作回顾\n2016年至2018年，荆门市直机关工委坚持围绕中心、服务大局。\n"
        "2016年，市直机关发展党员188名。2017年，市直机关发展党员207名。\n", encoding="utf-8")
    (tmp_path / "two.txt").write_text(
        "崇阳县、通山县直机关工委联合开展机关党建交流活动\n今年，崇阳县直机关工委与通山县直机关工委在通山县联合举办交流活动。\n"
        "崇阳县直机关现有党员2560名。通山县直机关现有党员2890名。\n", encoding="utf-8")
    docs = {d.source: d for d in load_corpus(tmp_path).documents}
    assert docs["review.txt"].years == [2016, 2017, 2018]
    assert set(docs["two.txt"].places[:2]) == {"崇阳县", "通山县"}  # both, not the one named more
