#!/usr/bin/env python3
"""Check eval/holdout8/bundled.jsonl, eval/holdout8/extended.jsonl and eval/holdout8/corpus/.

Plain Python, standard library only, except that the text PDF of the new corpus is read with
pypdf (imported lazily; the check fails with a clear message if it is missing).  Usage:

    /work/main/.venv/bin/python eval/holdout8/check_holdout8.py     # exit 0 = OK, 1 = errors

Question files: valid JSON per line, the seven fields in order, ids in order (z001.. / a001..),
split "holdout8", type values, counts (50 questions, 15 refusals, type counts of bundled),
refusals with empty answers/evidence/source, each source in the right corpus (bundled: corpus/;
extended: the union, with >= 27 questions on eval/holdout8/corpus/, >= 8 on each new report,
8 year contrasts on 济南 2014 / 中山 2011-2014, nothing else), evidence 6-25 chars without a line
break found verbatim within one line of the decoded source (UTF-8, else GB18030; .pdf: the
text pypdf extracts; .docx: paragraphs one per line, table rows as cells joined by one space;
.html: tags stripped), every answer consistent with the source and with the evidence after
normalising (full-width -> half-width, traditional -> simplified, Chinese numerals -> digits),
describe answers without figures, questions in simplified characters naming their report's
place (and year where the report states one), and every asked figure of three or more digits
absent from every other report of the corpus the set is evaluated on.

New reports: length 1400-2000 characters, 40-80 distinct figures, place/year in the title and
the first paragraph, no 20-character run shared with another report, and the traits of each
file (PDF: embedded CJK TrueType font with ToUnicode, >= 3 pages, the running header and the
footer "嘉兴市直机关工委 第i页 共n页" on every page, sentences continuing across page breaks,
clean extraction; GBK: not UTF-8, GBK-encodable, hard wrap at 38 characters, year only in the
title and once more, 今年/去年, 同比, words and figures split by the wrap; 济南 2015: UTF-8, a
plain-text table whose sums hold and agree with the text, 比上年 changes consistent with
eval/holdout7/corpus/jinan_2014.docx).
"""
import html
import json
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
REAL = os.path.join(ROOT, "corpus")
UNION = [REAL] + [os.path.join(ROOT, "eval", d, "corpus")
                  for d in ("extended", "holdout4", "holdout5", "holdout6", "holdout7", "holdout8")]
NEW = os.path.join(HERE, "corpus")
FIELDS = ["id", "question", "answers", "evidence", "type", "source", "split"]
TYPES = {"number", "date", "place", "describe", "refusal"}
SPLIT = "holdout8"
PDF = "jiaxing_2018.pdf"
GBK = "changxing_2019_gbk.txt"
JN15 = "jinan_2015.txt"
NEW_FILES = [PDF, GBK, JN15]
CONTRAST = ["jinan_2014.docx", "000_7fb3e329b878b41a.txt", "zs_2012.txt", "zs_2013_gb18030.txt",
            "zhongshan_2014_gb18030.txt"]

# traditional -> simplified for the traditional reports asked here (003 and yulin)
TRAD = ("佈來個偉備傳僑儉優內兩冊別則創劃動務勞勢勸匯區協參員問喬單嚴國圍園團堅報場壩夠奮婦學"
        "宮實寧審將專對導屆層屬崗師帶幗幫幹幾庫廣廳強從徹態慶應懷掛換揮擇擔據擴擾數斷時書會東"
        "條業極構標機檢欄歡歷歸決沒況涼準溫滯滿濟為熱營爭獄獎獲現環產當發監眾確礎稅種積穎競範"
        "簡紀紅紙級紛紮組結絡給統綏經綜綠網緊線編緬縣縱總績織繞繼續羅義習聯職脫腦臺與興舉華萬"
        "藝蘇處號術衛裝見視親覺觀計討訓記訪設註評詞詢試話該認語誤課誼調談請論諸謀講證識議讀變"
        "讓豐負財貧貫責貴買費資賓質購賽贈軍較載輸輿轄轉辦農這連週進遊運過達違遷選還鄉鋒錢錦鎮"
        "鐵長門開間關闡陽隊際雖離難電韋響項預領頭題顒願類顯風餘館饋馬駐驗體鬥點黨龍"
        "岡戶於權欽氣渙瀏聞聽覽軟輯郵閉陸頁頓麗")
SIMP = ("布来个伟备传侨俭优内两册别则创划动务劳势劝汇区协参员问乔单严国围园团坚报场坝够奋妇学"
        "宫实宁审将专对导届层属岗师带帼帮干几库广厅强从彻态庆应怀挂换挥择担据扩扰数断时书会东"
        "条业极构标机检栏欢历归决没况凉准温滞满济为热营争狱奖获现环产当发监众确础税种积颖竞范"
        "简纪红纸级纷扎组结络给统绥经综绿网紧线编缅县纵总绩织绕继续罗义习联职脱脑台与兴举华万"
        "艺苏处号术卫装见视亲觉观计讨训记访设注评词询试话该认语误课谊调谈请论诸谋讲证识议读变"
        "让丰负财贫贯责贵买费资宾质购赛赠军较载输舆辖转办农这连周进游运过达违迁选还乡锋钱锦镇"
        "铁长门开间关阐阳队际虽离难电韦响项预领头题颙愿类显风余馆馈马驻验体斗点党龙"
        "冈户于权钦气涣浏闻听览软辑邮闭陆页顿丽")
assert len(TRAD) == len(SIMP)
T2S = str.maketrans(TRAD, SIMP)
FW = str.maketrans("０１２３４５６７８９．％，－：（）", "0123456789.%,-:()")

CN_DIG = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
          "六": 6, "七": 7, "八": 8, "九": 9}
CN_UNIT = {"十": 10, "百": 100, "千": 1000}
CN_RUN = (r"[一二三四五六七八九十百千零两]*[十百千][一二三四五六七八九十百千零]*"
          r"|[一二三四五六七八九](?=[个個名期场場件篇人项項次起])")


def cn_to_int(s):
    total, num = 0, 0
    for ch in s:
        if ch in CN_DIG:
            num = CN_DIG[ch]
        elif ch in CN_UNIT:
            total += (num or 1) * CN_UNIT[ch]
            num = 0
    return total + num


def cn_numerals_to_digits(text):
    return re.sub(CN_RUN, lambda m: str(cn_to_int(m.group(0))), text)


# (place keywords, year or None) per source: an answerable question must name them
SOURCE_KEYS = {
    "000_7fb3e329b878b41a.txt": (["中山"], "2011"),
    "001_2a77a74c8cabfc6c.txt": (["枣庄"], "2009"),
    "002_51ca3736beda86ca.txt": (["中山"], None),
    "003_360ce489d0b5e1c8.txt": (["广西", "自治区"], None),
    "004_e6ce74bfb9ddebab.txt": (["海南"], "2020"),
    "zs_2012.txt": (["中山"], "2012"),
    "zs_2013_gb18030.txt": (["中山"], "2013"),
    "zhongshan_2014_gb18030.txt": (["中山"], "2014"),
    "jinan_2014.docx": (["济南"], "2014"),
    PDF: (["嘉兴"], "2018"),
    GBK: (["长兴"], "2019"),
    JN15: (["济南"], "2015"),
}

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def docx_lines(path):
    """body order: a paragraph per line; a table row per line, its cells joined by one space"""
    root = ET.fromstring(zipfile.ZipFile(path).read("word/document.xml"))
    lines = []
    for el in root.find(W + "body"):
        if el.tag == W + "p":
            lines.append("".join(t.text or "" for t in el.iter(W + "t")))
        elif el.tag == W + "tbl":
            for tr in el.iter(W + "tr"):
                cells = ["".join(t.text or "" for t in tc.iter(W + "t")) for tc in tr.findall(W + "tc")]
                lines.append(" ".join(cells))
    return lines


def pdf_reader(path):
    try:
        import pypdf
    except ImportError:
        sys.exit("check_holdout8.py: pypdf is needed to read %s; run it with /work/main/.venv/bin/python"
                 % os.path.relpath(path, ROOT))
    return pypdf.PdfReader(path)


def pdf_pages(path):
    return [p.extract_text() for p in pdf_reader(path).pages]


def read_text(path):
    if path.endswith(".docx"):
        return "\n".join(docx_lines(path))
    if path.endswith(".pdf"):
        return "\n".join(pdf_pages(path))
    data = open(path, "rb").read()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("gb18030")
    if path.endswith(".html"):
        text = html.unescape(re.sub(r"<[^>]+>", "", text))
    return text.replace("\r\n", "\n")


def load_dirs(dirs):
    out = {}
    for d in dirs:
        if not os.path.isdir(d):
            continue
        for f in sorted(os.listdir(d)):
            if f.endswith((".txt", ".docx", ".html", ".pdf")):
                out[f] = read_text(os.path.join(d, f))
    return out


def norm(text):
    """full-width -> half-width, traditional -> simplified, Chinese numerals -> digits"""
    return cn_numerals_to_digits(text.translate(FW).translate(T2S))


def cn_form(s):
    """the digits of an answer written in Chinese numerals ("五" -> "5", "二百一十余" -> "210余")"""
    s = s.translate(FW).translate(T2S)
    m = re.fullmatch(r"([零〇一二三四五六七八九十百千两]+)([余多万]*)", s)
    return str(cn_to_int(m.group(1))) + m.group(2) if m else norm(s)


def variants(text):
    base = text.translate(FW)
    out = [text, base, base.translate(T2S)]
    out += [v.replace("\n", "") for v in out]
    out += [cn_numerals_to_digits(v) for v in out]
    return out


NUM_RE = r"(?<![0-9.])[0-9]+(?:\.[0-9]+)?(?![0-9]|\.[0-9])"


def figures(text):
    return re.findall(NUM_RE, norm(text).replace("\n", ""))


def figure_count(text, fig):
    core = re.sub(r"[余多万近]+$", "", fig)
    return figures(text).count(core)


def check_questions(path, prefix, texts, expect_types, bundled):
    errors, warnings = [], []
    counts_type, counts_src = {}, {}
    if not os.path.exists(path):
        return ["missing %s" % path], [], {}, {}
    lines = open(path, encoding="utf-8").read().splitlines()
    items = []
    seen_q = set()
    for n, line in enumerate(lines, 1):
        try:
            d = json.loads(line)
        except ValueError as e:
            errors.append("line %d: invalid JSON (%s)" % (n, e))
            continue
        items.append(d)
        where = "line %d (%s)" % (n, d.get("id"))
        if list(d.keys()) != FIELDS:
            errors.append("%s: fields %s, expected %s" % (where, list(d.keys()), FIELDS))
            continue
        if line != json.dumps(d, ensure_ascii=False):
            warnings.append("%s: line is not in json.dumps(ensure_ascii=False) form" % where)
        if d["id"] != "%s%03d" % (prefix, n):
            errors.append("%s: id out of order, expected %s%03d" % (where, prefix, n))
        if d["split"] != SPLIT:
            errors.append("%s: split %r" % (where, d["split"]))
        if d["type"] not in TYPES:
            errors.append("%s: type %r" % (where, d["type"]))
        if not isinstance(d["answers"], list) or not all(isinstance(a, str) and a for a in d["answers"]):
            errors.append("%s: answers must be a list of non-empty strings" % where)
            continue
        q = d["question"]
        if not q.strip():
            errors.append("%s: empty question" % where)
        if q in seen_q:
            errors.append("%s: duplicate question" % where)
        seen_q.add(q)
        if any(ch in TRAD for ch in q):
            errors.append("%s: question has traditional characters" % where)
        counts_type[d["type"]] = counts_type.get(d["type"], 0) + 1
        counts_src[d["source"]] = counts_src.get(d["source"], 0) + 1
        if d["type"] == "refusal":
            if d["answers"] or d["evidence"] or d["source"]:
                errors.append("%s: refusal must have empty answers, evidence and source" % where)
            continue
        if not d["answers"]:
            errors.append("%s: empty answers but type %s" % (where, d["type"]))
            continue
        src = d["source"]
        if src not in texts:
            errors.append("%s: source %r not in the corpus of this set" % (where, src))
            continue
        if not bundled and src not in NEW_FILES and src not in CONTRAST:
            errors.append("%s: source %s not allowed (new reports or year contrasts only)" % (where, src))
        text = texts[src]
        ev = d["evidence"]
        if not (6 <= len(ev) <= 25):
            errors.append("%s: evidence length %d not in 6-25" % (where, len(ev)))
        if "\n" in ev:
            errors.append("%s: evidence crosses a line break" % where)
        if not any(ev in ln for ln in text.split("\n")):
            errors.append("%s: evidence not verbatim within one line of %s: %r" % (where, src, ev))
        vs, evs = variants(text), variants(ev)
        for a in d["answers"]:
            na = norm(a)
            if a != a.translate(FW).translate(T2S):
                errors.append("%s: answer %r must be half-width simplified" % (where, a))
            if "%" in a or "约" in a:
                errors.append("%s: answer %r keeps %% or 约" % (where, a))
            if not any(na in v or a in v for v in vs):
                errors.append("%s: answer %r not found in %s" % (where, a, src))
            elif not any(na in v or a in v for v in evs):
                errors.append("%s: answer %r not inside the evidence" % (where, a))
        if d["type"] == "describe" and any(re.search(r"[0-9０-９]", a) for a in d["answers"]):
            errors.append("%s: describe answers must hold no figures" % where)
        if d["type"] == "number" and re.search(CN_RUN, ev.translate(T2S)):
            a = d["answers"]
            if not (len(a) == 2 and re.fullmatch(r"[0-9.]+[余多万]*", a[0])
                    and cn_form(a[1]) == a[0] and a[1] != a[0]):
                errors.append("%s: Chinese-numeral figure must be [digits, Chinese form]: %r" % (where, a))
        if d["type"] == "date":
            a = d["answers"]
            if "至" in a[0] and (len(a) != 2 or not a[0].startswith(a[1])):
                errors.append("%s: date range must be [full range, start date]: %r" % (where, a))
        keys, year = SOURCE_KEYS.get(src, ([], None))
        if not keys:
            errors.append("%s: no place/year keys for %s" % (where, src))
        if keys and not any(k in q for k in keys):  # (full-width digits in a question are allowed)
            errors.append("%s: question does not name the place (%s)" % (where, "/".join(keys)))
        if year and year not in q.translate(FW):
            errors.append("%s: question does not name the year %s" % (where, year))
        if d["type"] == "number":
            fig = norm(d["answers"][0])
            if re.fullmatch(r"[0-9.]+[余多万近]*", fig):
                c = figure_count(text, fig)
                if c == 0:
                    errors.append("%s: figure %s not a whole figure of %s" % (where, fig, src))
                elif c > 1:
                    warnings.append("%s: figure %s occurs %d times in %s (the question says which)"
                                    % (where, fig, c, src))
                core = re.sub(r"[余多万近]+$", "", fig)
                if len(core.replace(".", "")) >= 3:
                    for other, t in texts.items():
                        if other != src and figure_count(t, fig):
                            errors.append("%s: asked figure %s also occurs in %s" % (where, fig, other))
    if len(items) != 50:
        errors.append("%s: %d questions, expected 50" % (path, len(items)))
    for t, k in expect_types.items():
        got = counts_type.get(t, 0)
        if isinstance(k, tuple):
            if not (k[0] <= got <= k[1]):
                errors.append("%s: %d %s questions, expected %d-%d" % (path, got, t, k[0], k[1]))
        elif got != k:
            errors.append("%s: %d %s questions, expected %d" % (path, got, t, k))
    if not bundled:
        k_new = sum(v for s, v in counts_src.items() if s in NEW_FILES)
        k_old = sum(v for s, v in counts_src.items() if s in CONTRAST)
        if k_new < 27:
            errors.append("%s: only %d questions on the new reports (< 27)" % (path, k_new))
        if k_old != 8:
            errors.append("%s: %d year-contrast questions (expected 8)" % (path, k_old))
        for f in NEW_FILES:
            if counts_src.get(f, 0) < 8:
                errors.append("%s: only %d questions on %s" % (path, counts_src.get(f, 0), f))
    else:
        for f in SOURCE_KEYS:
            if f.startswith("00") and counts_src.get(f, 0) < 4:
                errors.append("%s: only %d questions on %s" % (path, counts_src.get(f, 0), f))
    return errors, warnings, counts_type, counts_src


def first_paragraph(text):
    paras = [p for p in re.split(r"\n", text) if p.strip()]
    return paras[0], "".join(paras[1:4])


def check_pdf(path, errors):
    reader = pdf_reader(path)
    pages = [p.extract_text() for p in reader.pages]
    n = len(pages)
    if n < 3:
        errors.append("%s: %d pages, expected at least 3" % (PDF, n))
    for i, page in enumerate(reader.pages, 1):
        fonts = page["/Resources"]["/Font"]
        cjk = [f.get_object() for f in fonts.values() if "NotoSansCJK" in str(f.get_object()["/BaseFont"])]
        if not cjk:
            errors.append("%s: page %d has no embedded CJK font" % (PDF, i))
        for f in cjk:
            fd = f["/FontDescriptor"].get_object()
            if "/FontFile2" not in fd or "/ToUnicode" not in f:
                errors.append("%s: page %d: CJK font not embedded as TrueType with ToUnicode" % (PDF, i))
    footer = re.compile(r"^嘉兴市直机关工委 第(\d+)页 共(\d+)页$")
    crossing = 0
    for i, t in enumerate(pages, 1):
        lines = [ln.strip() for ln in t.split("\n") if ln.strip()]
        if not lines or lines[0] != "中共嘉兴市直属机关工作委员会":
            errors.append("%s: page %d lacks the running header" % (PDF, i))
        m = footer.match(lines[-1]) if lines else None
        if not m or int(m.group(1)) != i or int(m.group(2)) != n:
            errors.append("%s: page %d lacks the footer 第%d页 共%d页: %r" % (PDF, i, i, n, lines[-1:]))
        if i < n and len(lines) > 2 and not lines[-2].endswith(("。", "：")):
            crossing += 1
        if re.search(r"[\x00\ufffd]|\(cid:", t):
            errors.append("%s: page %d: extraction has control or replacement characters" % (PDF, i))
        if sum(1 for ch in t if "\u4e00" <= ch <= "\u9fff") < 200:
            errors.append("%s: page %d: too little Chinese text extracted" % (PDF, i))
    if crossing < 2:
        errors.append("%s: only %d page breaks inside a sentence (expected every break)" % (PDF, crossing))


def check_gbk(path, errors, text):
    data = open(path, "rb").read()
    try:
        data.decode("utf-8")
        errors.append("%s: decodes as UTF-8; it must be GBK bytes" % GBK)
    except UnicodeDecodeError:
        pass
    try:
        t = data.decode("gbk")
    except UnicodeDecodeError:
        errors.append("%s: not decodable as GBK" % GBK)
        return
    lines = t.split("\n")
    if not lines[0].startswith("长兴县直机关工委2019年"):
        errors.append("%s: title line must name 长兴县直机关工委 and 2019" % GBK)
    body = [ln for ln in lines[1:] if ln.strip()]
    if any(len(ln) > 38 for ln in body):
        errors.append("%s: a line is longer than 38 characters" % GBK)
    if sum(1 for ln in body if len(ln) == 38) < 25:
        errors.append("%s: too few lines wrapped at 38 characters" % GBK)
    if t.count("2019") != 2 or "2019" not in lines[0]:
        errors.append("%s: the year must occur only in the title and once more (found %d)" % (GBK, t.count("2019")))
    if re.search(r"20(1[0-8]|2[0-9])", t):
        errors.append("%s: another year is written out; use 今年/去年/明年" % GBK)
    if t.count("今年") < 3 or t.count("去年") < 2 or t.count("同比") < 3:
        errors.append("%s: needs 今年 (>=3), 去年 (>=2) and 同比 (>=3)" % GBK)
    split_fig = sum(1 for a, b in zip(body, body[1:]) if a[-1:].isdigit() and b[:1].isdigit())
    split_word = sum(1 for a, b in zip(body, body[1:])
                     if len(a) == 38 and re.match(r"[\u4e00-\u9fff]", a[-1:]) and re.match(r"[\u4e00-\u9fff]", b[:1]))
    if split_fig < 1 or split_word < 10:
        errors.append("%s: wraps must split figures (%d) and words (%d)" % (GBK, split_fig, split_word))
    flat = text.replace("\n", "")
    for pat, old, sign in [(r"党员(\d+)名，较去年底增加(\d+)名", None, 1),
                           (r"五星级党支部(\d+)个，比去年增加(\d+)个", None, 1)]:
        if not re.search(pat, flat):
            errors.append("%s: pattern %r missing" % (GBK, pat))


def num(pat, text):
    m = re.search(pat, text.replace("\n", ""))
    return [float(g) for g in m.groups()] if m else None


def check_jinan(text, union, errors):
    if "，" not in text or "\ufffd" in text:
        errors.append("%s: must be clean UTF-8 with full-width punctuation" % JN15)
    lines = text.split("\n")
    try:
        h = next(i for i, ln in enumerate(lines) if ln.startswith("系统") and "发展党员" in ln)
    except StopIteration:
        errors.append("%s: no plain-text table header" % JN15)
        return
    if not lines[h - 1].startswith("表1") or "2015" not in lines[h - 1]:
        errors.append("%s: the table needs a caption 表1 … 2015 …" % JN15)
    rows = []
    for ln in lines[h + 1:]:
        if not ln.strip():
            break
        cells = ln.split()
        if len(cells) != 3 or not cells[1].isdigit() or not cells[2].isdigit():
            errors.append("%s: table line %r is not 'name figure figure'" % (JN15, ln))
            return
        rows.append(cells)
    body, total = rows[:-1], rows[-1] if rows else None
    if not (4 <= len(body) <= 6) or not total or total[0] != "合计":
        errors.append("%s: table must have 4-6 rows and a 合计 row" % JN15)
        return
    for c in (1, 2):
        s = sum(int(r[c]) for r in body)
        if s != int(total[c]):
            errors.append("%s: table column %d sums to %d, 合计 says %s" % (JN15, c, s, total[c]))
    if "发展党员%s名" % total[1] not in text or "转正%s名" % total[2] not in text:
        errors.append("%s: text totals disagree with the 合计 row" % JN15)
    j14 = union.get("jinan_2014.docx", "")
    pairs = [  # (2015 pattern: value, change), (2014 pattern), sign
        (r"基层党组织(\d+)个，比上年增加(\d+)个", r"基层党组织(\d+)个", 1),
        (r"党员(\d+)名，比上年增加(\d+)名", r"党支部1734个，党员(\d+)名", 1),
        (r"发展党员(\d+)名，比上年减少(\d+)名", r"共发展党员(\d+)名", -1),
        (r"五星级党支部”达到(\d+)个，比上年增加(\d+)个", r"五星级党支部”(\d+)个", 1),
        (r"信访举报(\d+)件，比上年减少(\d+)件", r"信访举报(\d+)件", -1),
        (r"第一书记(\d+)名，比上年增加(\d+)名", r"第一书记(\d+)名", 1),
        (r"帮扶资金([\d.]+)万元，比上年增加([\d.]+)万元", r"帮扶资金([\d.]+)万元", 1),
    ]
    for p15, p14, sign in pairs:
        a, b = num(p15, text), num(p14, j14)
        if not a or not b:
            errors.append("%s: 比上年 pattern %r / %r not found" % (JN15, p15, p14))
            continue
        if abs((a[0] - b[0]) - sign * a[1]) > 1e-6:
            errors.append("%s: %s vs 2014 %s: change %s does not hold" % (JN15, a[0], b[0], a[1]))


def check_reports(union):
    errors = []
    for f in NEW_FILES:
        p = os.path.join(NEW, f)
        if not os.path.exists(p):
            errors.append("missing %s" % f)
            continue
        t = union[f]
        n = len(t.replace("\n", ""))
        if not (1400 <= n <= 2000):
            errors.append("%s: %d characters (outside 1400-2000)" % (f, n))
        figs = set(figures(t))
        if not (40 <= len(figs) <= 80):
            errors.append("%s: %d distinct figures (outside 40-80)" % (f, len(figs)))
        keys, year = SOURCE_KEYS[f]
        lines = [ln.strip() for ln in t.split("\n") if ln.strip()]
        if f == PDF:
            lines = lines[1:]  # the running header
        title, first = lines[0], "".join(lines[1:4])
        for k in keys:
            if k not in title or k not in first:
                errors.append("%s: place %s not in the title and the first paragraph" % (f, k))
        if year not in title or year not in first[:60]:
            errors.append("%s: year %s not in the title and the first paragraph" % (f, year))
        flat = t.replace("\n", "")
        for other, ot in union.items():
            if other == f:
                continue
            oflat = ot.replace("\n", "")
            i = 0
            while i < len(flat) - 20:
                if flat[i:i + 20] in oflat:
                    errors.append("%s: 20-character run shared with %s: %r" % (f, other, flat[i:i + 20]))
                    i += 20
                else:
                    i += 1
    if os.path.exists(os.path.join(NEW, PDF)):
        check_pdf(os.path.join(NEW, PDF), errors)
    if os.path.exists(os.path.join(NEW, GBK)):
        check_gbk(os.path.join(NEW, GBK), errors, union[GBK])
    if JN15 in union:
        check_jinan(union[JN15], union, errors)
    return errors


def main():
    status = 0
    union = load_dirs(UNION)
    real = load_dirs([REAL])
    errors = check_reports(union)
    print("== eval/holdout8/corpus")
    for name in NEW_FILES:
        if name in union:
            t = union[name]
            print("  %s: %d characters, %d distinct figures"
                  % (name, len(t.replace("\n", "")), len(set(figures(t)))))
    for e in errors:
        print("  ERROR: " + e)
    if errors:
        status = 1
    runs = [
        (os.path.join(HERE, "bundled.jsonl"), "z", real,
         {"number": 20, "date": 4, "place": 5, "describe": 6, "refusal": 15}, True),
        (os.path.join(HERE, "extended.jsonl"), "a", union,
         {"number": (18, 27), "date": (3, 6), "place": (3, 6), "describe": (2, 6), "refusal": 15}, False),
    ]
    for path, prefix, texts, expect, bundled in runs:
        errors, warnings, ct, cs = check_questions(path, prefix, texts, expect, bundled)
        print("== %s" % os.path.relpath(path, ROOT))
        print("  types:  " + ", ".join("%s %d" % (k, ct[k]) for k in sorted(ct)))
        print("  sources: " + ", ".join("%s %d" % (k or '""', cs[k]) for k in sorted(cs)))
        for w in warnings:
            print("  WARNING: " + w)
        for e in errors:
            print("  ERROR: " + e)
        print("  %d errors, %d warnings" % (len(errors), len(warnings)))
        if errors:
            status = 1
    print("OK" if status == 0 else "FAILED")
    return status


if __name__ == "__main__":
    sys.exit(main())
