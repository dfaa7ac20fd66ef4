#!/usr/bin/env python3
"""Check eval/holdout10/bundled.jsonl, eval/holdout10/extended.jsonl and eval/holdout10/corpus/.

Plain Python, standard library only (the .docx is read with zipfile + ElementTree, the Big5 report
decoded with cp950, the .html page of holdout9 with html.parser, the text PDF of holdout8 with a
small built-in reader of its content streams and ToUnicode maps).  Usage:

    /work/main/.venv/bin/python eval/holdout10/check_holdout10.py     # exit 0 = OK, 1 = errors
    python3 eval/holdout10/check_holdout10.py

Question files: valid JSON per line, the seven fields in order, ids in order (e001.. / f001..),
split "holdout10", type values, counts (50 questions, 15 refusals, type counts), refusals with
empty answers/evidence/source, each source in the right corpus (bundled: corpus/, at least 4 per
real report; extended: the union, with >= 27 questions on eval/holdout10/corpus/, >= 8 on each
new report, >= 3 questions naming one year of the 襄阳 review, >= 2 of them on its Word table,
>= 3 naming one county of the 浦江/武义 article, exactly 8 year contrasts on 长兴 2019/2020, 济南
2014/2015 and 中山 2011-2014), evidence 6-25 chars without a line break found verbatim within
one line of the decoded source (.docx: paragraphs one per line, a table row as its cells joined
by one space; Big5 .txt decoded with cp950), every answer found in the source and in the evidence
after normalising (full-width -> half-width, traditional -> simplified, Chinese numerals ->
digits), answers half-width/simplified without % or 约, [range, start] for date ranges, describe
answers without figures, questions in simplified characters naming their report's place and year
(for the review: the year of the paragraph or table row the evidence is in; for the two-county
article: the county of the evidence's paragraph, and not the other one), and every asked figure
of three or more digits absent from every other report of the corpus the set is evaluated on.

New reports: length 1400-2200 characters (as extracted, line breaks removed), 40-90 distinct
figures, place and year in the title and the first paragraph (the article: its 发布时间 line), no
20-character run shared with another report of the union, and the traits of each file (review:
a .docx with one paragraph per year, a table with one row per year whose 发展党员/新建党支部 agree
with the paragraphs and sum to the three-year totals, distinct 培训班 dates and venues per year;
article: UTF-8, both counties in the title, 2021 only in the 发布时间 line, no year in the body,
今年, parallel figures of the same kinds with different values for the two counties, each county
paragraph naming only its county; 常德: Big5 bytes (not UTF-8), traditional script, full-width
and ASCII digits, hard-wrapped lines of about 36 characters).
"""
import json
import os
import re
import sys
import zipfile
import zlib
import base64
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
REAL = os.path.join(ROOT, "corpus")
UNION = [REAL] + [os.path.join(ROOT, "eval", d, "corpus")
                  for d in ("extended", "holdout4", "holdout5", "holdout6", "holdout7", "holdout8",
                            "holdout9", "holdout10")]
NEW = os.path.join(HERE, "corpus")
FIELDS = ["id", "question", "answers", "evidence", "type", "source", "split"]
TYPES = {"number", "date", "place", "describe", "refusal"}
SPLIT = "holdout10"
DOCX = "xiangyang_2016_2018.docx"
ART = "pujiang_wuyi_2021.txt"
BIG5 = "changde_2017_big5.txt"
NEW_FILES = [DOCX, ART, BIG5]
REVIEW_YEARS = ["2016", "2017", "2018"]
COUNTIES = ["浦江", "武义"]
CX19, CX20 = "changxing_2019_gbk.txt", "changxing_2020.txt"
CONTRAST = [CX19, CX20, "jinan_2014.docx", "jinan_2015.txt", "000_7fb3e329b878b41a.txt", "zs_2012.txt",
            "zs_2013_gb18030.txt", "zhongshan_2014_gb18030.txt"]

# traditional -> simplified for the traditional reports (003 in corpus/ and those of the union;
# the last row adds characters of changde_2017_big5.txt)
TRAD = ("佈來個偉備傳僑儉優內兩冊別則創劃動務勞勢勸匯區協參員問喬單嚴國圍園團堅報場壩夠奮婦學"
        "宮實寧審將專對導屆層屬崗師帶幗幫幹幾庫廣廳強從徹態慶應懷掛換揮擇擔據擴擾數斷時書會東"
        "條業極構標機檢欄歡歷歸決沒況涼準溫滯滿濟為熱營爭獄獎獲現環產當發監眾確礎稅種積穎競範"
        "簡紀紅紙級紛紮組結絡給統綏經綜綠網緊線編緬縣縱總績織繞繼續羅義習聯職脫腦臺與興舉華萬"
        "藝蘇處號術衛裝見視親覺觀計討訓記訪設註評詞詢試話該認語誤課誼調談請論諸謀講證識議讀變"
        "讓豐負財貧貫責貴買費資賓質購賽贈軍較載輸輿轄轉辦農這連週進遊運過達違遷選還鄉鋒錢錦鎮"
        "鐵長門開間關闡陽隊際雖離難電韋響項預領頭題顒願類顯風餘館饋馬駐驗體鬥點黨龍"
        "岡戶於權欽氣渙瀏聞聽覽軟輯郵閉陸頁頓麗鬆"
        "劇壇儀後橋約樹繫潑蓋薦規")
SIMP = ("布来个伟备传侨俭优内两册别则创划动务劳势劝汇区协参员问乔单严国围园团坚报场坝够奋妇学"
        "宫实宁审将专对导届层属岗师带帼帮干几库广厅强从彻态庆应怀挂换挥择担据扩扰数断时书会东"
        "条业极构标机检栏欢历归决没况凉准温滞满济为热营争狱奖获现环产当发监众确础税种积颖竞范"
        "简纪红纸级纷扎组结络给统绥经综绿网紧线编缅县纵总绩织绕继续罗义习联职脱脑台与兴举华万"
        "艺苏处号术卫装见视亲觉观计讨训记访设注评词询试话该认语误课谊调谈请论诸谋讲证识议读变"
        "让丰负财贫贯责贵买费资宾质购赛赠军较载输舆辖转办农这连周进游运过达违迁选还乡锋钱锦镇"
        "铁长门开间关阐阳队际虽离难电韦响项预领头题颙愿类显风余馆馈马驻验体斗点党龙"
        "冈户于权钦气涣浏闻听览软辑邮闭陆页顿丽松"
        "剧坛仪后桥约树系泼盖荐规")
assert len(TRAD) == len(SIMP)
T2S = str.maketrans(TRAD, SIMP)
FW = str.maketrans("０１２３４５６７８９．％，－：（）", "0123456789.%,-:()")

CN_DIG = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
          "六": 6, "七": 7, "八": 8, "九": 9}
CN_UNIT = {"十": 10, "百": 100, "千": 1000}
CN_RUN = (r"[一二三四五六七八九十百千零两]*[十百千][一二三四五六七八九十百千零]*"
          r"|[一二三四五六七八九](?=[个個名期场場件篇人项項次起])")
CN_D = "〇零一二三四五六七八九十"
CN_DATE = re.compile(r"(?:([%s]{4})年)?([%s]{1,3})月([%s]{1,3})日" % (CN_D, CN_D, CN_D))


def cn_to_int(s):
    total, num = 0, 0
    for ch in s:
        if ch in CN_DIG:
            num = CN_DIG[ch]
        elif ch in CN_UNIT:
            total += (num or 1) * CN_UNIT[ch]
            num = 0
    return total + num


def cn_date_to_digits(text):
    """二〇一九年九月十二日 -> 2019年9月12日 (the year digit by digit, month and day as numbers)"""
    def one(m):
        y = "".join(str(CN_DIG[c]) for c in m.group(1)) + "年" if m.group(1) else ""
        return "%s%d月%d日" % (y, cn_to_int(m.group(2)), cn_to_int(m.group(3)))
    text = CN_DATE.sub(one, text)
    return re.sub(r"([〇零一二三四五六七八九]{4})年",
                  lambda m: "".join(str(CN_DIG[c]) for c in m.group(1)) + "年", text)


def cn_numerals_to_digits(text):
    text = cn_date_to_digits(text)
    return re.sub(CN_RUN, lambda m: str(cn_to_int(m.group(0))), text)


# (place keywords, year or None) per source: an answerable question must name them.  For the
# review the year is that of the evidence's paragraph or table row; for the article the county
# is that of the evidence's paragraph (see place_year()).
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
    "jinan_2015.txt": (["济南"], "2015"),
    CX19: (["长兴"], "2019"),
    CX20: (["长兴"], "2020"),
    DOCX: (["襄阳"], None),
    ART: (COUNTIES, "2021"),
    BIG5: (["常德"], "2017"),
}

# ---------------------------------------------------------------- readers

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def docx_lines(path):
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


BLOCK = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "table", "caption",
         "br", "tr", "section", "article", "header", "footer", "nav", "dl", "dt", "dd"}
SKIP = {"head", "script", "style", "title"}


class PageText(HTMLParser):
    """the visible text of a page: one line per block, a table row as its cells joined by one space"""

    def __init__(self):
        HTMLParser.__init__(self, convert_charrefs=True)
        self.lines, self.buf, self.skip = [], [], 0
        self.row, self.cell = None, None
        self.tables = []          # each table: list of rows, each row a list of (tag, text)
        self.h1 = []
        self.in_h1 = False

    def flush(self):
        s = re.sub(r"[ \t\r\n\xa0]+", " ", "".join(self.buf)).strip()
        if s:
            self.lines.append(s)
        self.buf = []

    def handle_starttag(self, tag, attrs):
        if tag in SKIP:
            self.skip += 1
            return
        if tag == "table":
            self.flush()
            self.tables.append([])
        elif tag == "tr":
            self.flush()
            self.row = []
        elif tag in ("td", "th"):
            self.cell = [tag, []]
        elif tag in BLOCK:
            self.flush()
        if tag == "h1":
            self.in_h1 = True

    def handle_endtag(self, tag):
        if tag in SKIP:
            self.skip = max(0, self.skip - 1)
            return
        if tag in ("td", "th") and self.cell is not None and self.row is not None:
            self.row.append((self.cell[0], re.sub(r"\s+", " ", "".join(self.cell[1])).strip()))
            self.cell = None
        elif tag == "tr" and self.row is not None:
            if self.row:
                self.lines.append(" ".join(c for _, c in self.row))
                if self.tables:
                    self.tables[-1].append(self.row)
            self.row = None
        elif tag in BLOCK:
            self.flush()
        if tag == "h1":
            self.in_h1 = False

    def handle_data(self, data):
        if self.skip:
            return
        if self.in_h1:
            self.h1.append(data)
        if self.cell is not None:
            self.cell[1].append(data)
        else:
            self.buf.append(data)

    def close(self):
        HTMLParser.close(self)
        self.flush()


def html_charset(data):
    m = re.search(rb'<meta[^>]+charset=["\']?([A-Za-z0-9_-]+)', data[:2000], re.I)
    return m.group(1).decode("ascii").lower() if m else "utf-8"


def parse_html(path):
    data = open(path, "rb").read()
    cs = html_charset(data)
    text = data.decode("gb18030" if cs in ("gbk", "gb2312", "gb18030") else cs)
    p = PageText()
    p.feed(text)
    p.close()
    return p


MD_SEP = re.compile(r"^\|(\s*:?-{3,}:?\s*\|)+\s*$")


def md_lines(text):
    out = []
    for ln in text.split("\n"):
        s = ln.strip()
        if MD_SEP.match(s):
            continue
        if s.startswith("|") and s.endswith("|"):
            out.append(" ".join(c.strip() for c in s.strip("|").split("|")))
        else:
            out.append(ln)
    return out


# a minimal reader for the reportlab text PDF (FlateDecode / ASCII85 streams, TrueType subset
# fonts with ToUnicode maps, Tj/TJ strings); lines are broken at every text positioning operator

def _pdf_objects(data):
    objs = {}
    for m in re.finditer(rb"(\d+) 0 obj(.*?)endobj", data, re.S):
        objs[int(m.group(1))] = m.group(2)
    return objs


def _pdf_stream(obj):
    m = re.search(rb"/Length (\d+)\s.*?stream\r?\n", obj, re.S)
    if not m:
        return b""
    raw = obj[m.end():m.end() + int(m.group(1))]
    head = obj[:m.end()]
    if b"ASCII85Decode" in head:
        raw = raw.strip()
        if raw.endswith(b"~>"):
            raw = raw[:-2]
        raw = base64.a85decode(raw)
    if b"FlateDecode" in head:
        raw = zlib.decompress(raw)
    return raw


def _pdf_cmap(stream):
    cmap = {}
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", stream, re.S):
        for a, b in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            cmap[int(a, 16)] = bytes.fromhex(b.decode()).decode("utf-16-be")
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", stream, re.S):
        for a, b, c in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            lo, hi, base = int(a, 16), int(b, 16), int(c, 16)
            for k in range(lo, hi + 1):
                cmap[k] = chr(base + k - lo)
    return cmap


def _pdf_string(s, i):
    """parse a literal string starting at s[i] == '(' ; return (bytes, next index)"""
    out, depth, i = bytearray(), 1, i + 1
    while i < len(s):
        c = s[i]
        if c == 0x5C:  # backslash
            n = s[i + 1]
            if 0x30 <= n <= 0x37:
                j = i + 1
                while j < len(s) and j < i + 4 and 0x30 <= s[j] <= 0x37:
                    j += 1
                out.append(int(s[i + 1:j], 8) & 0xFF)
                i = j
                continue
            out.append({0x6E: 10, 0x72: 13, 0x74: 9, 0x62: 8, 0x66: 12}.get(n, n))
            i += 2
            continue
        if c == 0x28:
            depth += 1
        elif c == 0x29:
            depth -= 1
            if depth == 0:
                return bytes(out), i + 1
        out.append(c)
        i += 1
    return bytes(out), i


def pdf_pages(path):
    data = open(path, "rb").read()
    objs = _pdf_objects(data)
    ref = lambda b: int(re.match(rb"\s*(\d+) 0 R", b).group(1))
    kids = None
    for n, o in objs.items():
        if re.search(rb"/Type /Pages", o):
            kids = [int(k) for k in re.findall(rb"(\d+) 0 R", re.search(rb"/Kids \[(.*?)\]", o, re.S).group(1))]
    pages = []
    for pn in kids or []:
        po = objs[pn]
        fonts_ref = re.search(rb"/Font (\d+) 0 R", po)
        fdict = objs[int(fonts_ref.group(1))] if fonts_ref else re.search(rb"/Font <<(.*?)>>", po, re.S).group(1)
        fonts = {}
        for name, num in re.findall(rb"/([A-Za-z0-9+_.-]+) (\d+) 0 R", fdict):
            fo = objs[int(num)]
            tu = re.search(rb"/ToUnicode (\d+) 0 R", fo)
            fonts[name.decode()] = _pdf_cmap(_pdf_stream(objs[int(tu.group(1))])) if tu else None
        cont = re.search(rb"/Contents (\d+) 0 R", po)
        s = _pdf_stream(objs[int(cont.group(1))])
        lines, cur, font, i = [], [], None, 0
        toks = []

        def emit(b):
            cm = fonts.get(font)
            cur.append("".join(cm.get(x, "") for x in b) if cm else b.decode("latin-1"))
        while i < len(s):
            c = s[i]
            if c == 0x28:
                b, i = _pdf_string(s, i)
                toks.append(("str", b))
                continue
            if c == 0x3C and s[i + 1:i + 2] != b"<":
                j = s.index(b">", i)
                toks.append(("str", bytes.fromhex(s[i + 1:j].decode().replace(" ", "") or "")))
                i = j + 1
                continue
            m = re.match(rb"/[^\s/\[\]()<>]+|[^\s/\[\]()<>]+|\[|\]", s[i:])
            if not m:
                i += 1
                continue
            tok = m.group(0)
            i += len(tok)
            if tok in (b"Tj", b"'", b'"'):
                if tok != b"Tj" and cur:
                    lines.append("".join(cur))
                    cur = []
                strs = [t for t in toks if t[0] == "str"]
                if strs:
                    emit(strs[-1][1])
                toks = []
            elif tok == b"TJ":
                for t in toks:
                    if t[0] == "str":
                        emit(t[1])
                toks = []
            elif tok == b"Tf":
                names = [t[1] for t in toks if t[0] == "name"]
                font = names[-1] if names else font
                toks = []
            elif tok in (b"Td", b"TD", b"T*", b"Tm", b"BT", b"ET"):
                if cur:
                    lines.append("".join(cur))
                    cur = []
                toks = []
            elif tok.startswith(b"/"):
                toks.append(("name", tok[1:].decode()))
            elif tok in (b"[", b"]"):
                pass
            elif re.fullmatch(rb"[-+0-9.]+", tok):
                toks.append(("num", tok))
            else:
                toks = []
        if cur:
            lines.append("".join(cur))
        pages.append("\n".join(ln.rstrip() for ln in lines))
    return pages


def decode_bytes(path):
    data = open(path, "rb").read()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if "big5" in os.path.basename(path).lower():
        return data.decode("cp950")
    return data.decode("gb18030")


def read_text(path):
    if path.endswith(".docx"):
        return "\n".join(docx_lines(path))
    if path.endswith(".pdf"):
        return "\n".join(pdf_pages(path))
    if path.endswith(".html"):
        return "\n".join(parse_html(path).lines)
    text = decode_bytes(path).replace("\r\n", "\n")
    if path.endswith(".md"):
        return "\n".join(md_lines(text))
    return text


def load_dirs(dirs):
    out = {}
    for d in dirs:
        if not os.path.isdir(d):
            continue
        for f in sorted(os.listdir(d)):
            if f.endswith((".txt", ".docx", ".html", ".pdf", ".md")) and f != "README.md":
                out[f] = read_text(os.path.join(d, f))
    return out


# ---------------------------------------------------------------- normalising

def norm(text):
    """full-width -> half-width, traditional -> simplified, Chinese numerals -> digits"""
    return cn_numerals_to_digits(text.translate(FW).translate(T2S))


def cn_form(s):
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



# ---------------------------------------------------------------- the review's structure

def docx_parts(path):
    """(paragraph lines, table rows as lists of cells) of a .docx"""
    root = ET.fromstring(zipfile.ZipFile(path).read("word/document.xml"))
    paras, tables = [], []
    for el in root.find(W + "body"):
        if el.tag == W + "p":
            paras.append("".join(t.text or "" for t in el.iter(W + "t")))
        elif el.tag == W + "tbl":
            rows = []
            for tr in el.iter(W + "tr"):
                rows.append(["".join(t.text or "" for t in tc.iter(W + "t")) for tc in tr.findall(W + "tc")])
            tables.append(rows)
    return paras, tables


def table_rows(src):
    """the table rows (as lines of the decoded text) of a new report"""
    if src == DOCX:
        _, tables = docx_parts(os.path.join(NEW, DOCX))
        return {" ".join(r) for t in tables for r in t}
    return set()


def evidence_line(text, ev):
    for ln in text.split("\n"):
        if ev in ln:
            return ln
    return ""


def place_year(src, text, ev):
    """(places the question must name, places it must not name, years it must name)"""
    keys, year = SOURCE_KEYS.get(src, ([], None))
    ln = evidence_line(text, ev)
    if src == DOCX:
        m = re.match(r"(20\d\d)年[ ，]", ln)
        years = [m.group(1)] if m and m.group(1) in REVIEW_YEARS else [REVIEW_YEARS[0], REVIEW_YEARS[-1]]
        return keys, [], years
    if src == ART:
        named = [c for c in COUNTIES if c in ln]
        if len(named) == 1:
            return named, [c for c in COUNTIES if c not in named], [year]
        return COUNTIES, [], [year]
    return keys, [], [year] if year else []


# ---------------------------------------------------------------- questions

def check_questions(path, prefix, texts, expect_types, bundled):
    errors, warnings = [], []
    counts_type, counts_src = {}, {}
    traits = {"review_one_year": 0, "review_table": 0, "one_county": 0}
    if not os.path.exists(path):
        return ["missing %s" % path], [], {}, {}, traits
    lines = open(path, encoding="utf-8").read().splitlines()
    items, seen_q = [], set()
    rows = table_rows(DOCX) if not bundled else set()
    docx_paras = "\n".join(docx_parts(os.path.join(NEW, DOCX))[0]) if not bundled else ""
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
            if CN_DATE.search(ev) and not (len(a) == 2 and norm(a[1]) == a[0] and a[1] != a[0]):
                errors.append("%s: Chinese-numeral date must be [digits, Chinese form]: %r" % (where, a))
        if src not in SOURCE_KEYS:
            errors.append("%s: no place/year keys for %s" % (where, src))
        must, must_not, years = place_year(src, text, ev)
        qd = cn_numerals_to_digits(q.translate(FW))
        if must and not any(k in q for k in must):
            errors.append("%s: question does not name the place (%s)" % (where, "/".join(must)))
        for k in must_not:
            if k in q:
                errors.append("%s: question names %s, but the evidence is about %s" % (where, k, "/".join(must)))
        for y in years:
            if y not in qd:
                errors.append("%s: question does not name the year %s" % (where, y))
        if src == DOCX:
            named = [y for y in REVIEW_YEARS if y in qd]
            if len(named) == 1 and years == named:
                traits["review_one_year"] += 1
            if ev in rows:
                traits["review_table"] += 1
        if src == ART and len(must) == 1:
            traits["one_county"] += 1
        if d["type"] == "number":
            fig = norm(d["answers"][0])
            if re.fullmatch(r"[0-9.]+[余多万近]*", fig):
                c = figure_count(text, fig)
                if src == DOCX:
                    # a figure of the Word table that its year's paragraph repeats is one fact
                    cp = figure_count(docx_paras, fig)
                    ct = sum(figure_count(r, fig) for r in rows)
                    dup = cp > 1 or ct > 1
                else:
                    dup = c > 1
                if c == 0:
                    errors.append("%s: figure %s not a whole figure of %s" % (where, fig, src))
                elif dup:
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
        if traits["review_one_year"] < 3 or traits["review_table"] < 2 or traits["one_county"] < 3:
            errors.append("%s: review one-year %d (>= 3), review table cells %d (>= 2), one-county %d (>= 3)"
                          % (path, traits["review_one_year"], traits["review_table"], traits["one_county"]))
    else:
        for f in SOURCE_KEYS:
            if f.startswith("00") and counts_src.get(f, 0) < 4:
                errors.append("%s: only %d questions on %s" % (path, counts_src.get(f, 0), f))
    return errors, warnings, counts_type, counts_src, traits


# ---------------------------------------------------------------- the new reports

def check_docx(path, errors):
    try:
        paras, tables = docx_parts(path)
    except (KeyError, zipfile.BadZipFile, ET.ParseError) as e:
        errors.append("%s: not a readable .docx (%s)" % (DOCX, e))
        return
    if len(tables) != 1:
        errors.append("%s: expected exactly one Word table, found %d" % (DOCX, len(tables)))
        return
    head, body = tables[0][0], tables[0][1:]
    if head[0] != "年度" or not all(re.search(r"（[^（）]+）$", c) for c in head[1:]):
        errors.append("%s: the header row must be 年度 | … with units in brackets" % DOCX)
    if [r[0] for r in body] != [y + "年" for y in REVIEW_YEARS]:
        errors.append("%s: the table needs one row per year %s" % (DOCX, REVIEW_YEARS))
        return
    col = {c.split("（")[0]: i for i, c in enumerate(head)}
    if "发展党员" not in col or "新建党支部" not in col:
        errors.append("%s: the table needs 发展党员 and 新建党支部 columns" % DOCX)
        return
    year_par = {}
    for y in REVIEW_YEARS:
        ps = [p for p in paras if p.startswith(y + "年，")]
        if len(ps) != 1:
            errors.append("%s: expected one paragraph opening with %s年，, found %d" % (DOCX, y, len(ps)))
            return
        year_par[y] = ps[0]
    dates, venues = set(), set()
    for y, row in zip(REVIEW_YEARS, body):
        p = year_par[y]
        for kind, pat in (("发展党员", r"发展党员(\d+)名"), ("新建党支部", r"新建党支部(\d+)个")):
            m = re.findall(pat, p)
            if len(m) != 1 or m[0] != row[col[kind]]:
                errors.append("%s: %s %s in the paragraph %r, table says %s" % (DOCX, y, kind, m, row[col[kind]]))
        for other in REVIEW_YEARS:
            if other != y and other + "年" in p:
                errors.append("%s: the %s paragraph names %s" % (DOCX, y, other))
        m = re.search(r"(\d+月\d+日至\d+日)[，,]?(?:在)?([^，。]*?)(?:举办)?入党积极分子培训班(?:在([^，。]+?)举办)?", p)
        if not m:
            errors.append("%s: the %s paragraph has no 入党积极分子培训班 with a date" % (DOCX, y))
            continue
        dates.add(m.group(1))
        venues.add(m.group(3) or m.group(2))
    if len(dates) != 3 or len(venues) != 3:
        errors.append("%s: the three 培训班 need distinct dates and venues: %s / %s" % (DOCX, dates, venues))
    first = paras[1] if len(paras) > 1 else ""
    for kind, pat, c in (("发展党员", r"共发展党员(\d+)名", col["发展党员"]), ("新建党支部", r"新建党支部(\d+)个", col["新建党支部"])):
        m = re.search(pat, first)
        total = sum(int(r[c]) for r in body)
        if not m or int(m.group(1)) != total:
            errors.append("%s: the first paragraph's %s total must be %d" % (DOCX, kind, total))


def check_article(path, errors):
    data = open(path, "rb").read()
    try:
        t = data.decode("utf-8")
    except UnicodeDecodeError:
        errors.append("%s: must be UTF-8" % ART)
        return
    lines = [ln for ln in t.split("\n") if ln.strip()]
    title, dateline = lines[0], lines[1]
    if not all(c + "县" in title for c in COUNTIES):
        errors.append("%s: the title must name both counties" % ART)
    if not re.match(r"发布时间：2021-\d\d-\d\d", dateline):
        errors.append("%s: the second line must be a 发布时间：2021-… dateline" % ART)
    if t.count("2021") != 1:
        errors.append("%s: 2021 must occur only in the 发布时间 line (found %d)" % (ART, t.count("2021")))
    if re.search(r"(?<![0-9])(19|20)[0-9]{2}年", t):
        errors.append("%s: a year is written out in the body; use 今年/去年/明年" % ART)
    if t.count("今年") < 3:
        errors.append("%s: needs 今年 (>= 3)" % ART)
    par = {}
    for c in COUNTIES:
        ps = [ln for ln in lines[2:] if c in ln and not any(o in ln for o in COUNTIES if o != c)
              and len(ln) > 200]
        if len(ps) != 1:
            errors.append("%s: expected one long paragraph naming only %s, found %d" % (ART, c, len(ps)))
            return
        par[c] = ps[0]
    kinds = [("基层党组织", r"共有基层党组织(\d+)个"), ("党员", r"、党员(\d+)名"), ("发展党员", r"发展党员(\d+)名"),
             ("转正", r"转正(\d+)名"), ("讲党课", r"讲党课”(\d+)场"), ("报到", r"报到(\d+)名"),
             ("微心愿", r"微心愿”(\d+)个"), ("学员", r"学员(\d+)名"), ("先进基层党组织", r"先进基层党组织(\d+)个"),
             ("优秀共产党员", r"优秀共产党员(\d+)名"), ("示范单位", r"示范单位(\d+)家"),
             ("明察暗访", r"明察暗访(\d+)次"), ("培训班", r"(\d+月\d+日至\d+日)")]
    for kind, pat in kinds:
        a, b = (re.findall(pat, par[c]) for c in COUNTIES)
        if len(a) != 1 or len(b) != 1 or a == b:
            errors.append("%s: %s must be stated once for each county, with different values: %s / %s"
                          % (ART, kind, a, b))


SIMP_ONLY = "党机关发员县这们会为国级组织书记县领导设时实现长门开间"


def check_big5(path, errors):
    data = open(path, "rb").read()
    try:
        data.decode("utf-8")
        errors.append("%s: decodes as UTF-8; it must be Big5 bytes" % BIG5)
    except UnicodeDecodeError:
        pass
    try:
        t = data.decode("cp950")
    except UnicodeDecodeError as e:
        errors.append("%s: not decodable as Big5/cp950 (%s)" % (BIG5, e))
        return
    t = t.replace("\r\n", "\n")
    if any(ch in t for ch in SIMP_ONLY):
        errors.append("%s: simplified characters found: %s" % (BIG5, "".join(sorted(set(ch for ch in t if ch in SIMP_ONLY)))))
    if sum(1 for ch in t if ch in TRAD) < 200:
        errors.append("%s: too few traditional characters" % BIG5)
    if len(re.findall(r"[０-９]+", t)) < 10 or len(re.findall(r"[0-9]+", t)) < 10:
        errors.append("%s: needs both full-width and ASCII digits (>= 10 runs each)" % BIG5)
    lines = [ln for ln in t.split("\n") if ln]
    body = [ln for ln in lines if not re.match(r"[一二三四五六七八九]、", ln)][1:]
    if max(len(ln) for ln in lines) > 40 or sum(1 for ln in body if len(ln) == 36) < 0.7 * len(body):
        errors.append("%s: lines must be hard-wrapped at about 36 characters" % BIG5)


def check_reports(union):
    errors = []
    for f in NEW_FILES:
        p = os.path.join(NEW, f)
        if f not in union:
            errors.append("missing %s" % f)
            continue
        t = union[f]
        n = len(t.replace("\n", ""))
        if not (1400 <= n <= 2200):
            errors.append("%s: %d characters (outside 1400-2200)" % (f, n))
        figs = set(figures(t))
        if not (40 <= len(figs) <= 90):
            errors.append("%s: %d distinct figures (outside 40-90)" % (f, len(figs)))
        keys, year = SOURCE_KEYS[f]
        lines = [ln.strip() for ln in t.split("\n") if ln.strip()]
        title = lines[0]
        if f == ART:
            first = lines[2]
            if year not in lines[1]:
                errors.append("%s: year %s not in the 发布时间 line" % (f, year))
            for k in keys:
                if k not in title:
                    errors.append("%s: place %s not in the title" % (f, k))
            if not any(k in first for k in keys):
                errors.append("%s: the first paragraph names neither county" % f)
        else:
            first = lines[1]
            # the Big5 report is hard-wrapped: its first paragraph is its first two lines
            if f == BIG5:
                first = lines[1] + lines[2]
            years = REVIEW_YEARS[::2] if f == DOCX else [year]
            for k in keys:
                if k not in title or k not in first:
                    errors.append("%s: place %s not in the title and the first paragraph" % (f, k))
            for y in years:
                if y not in title or y not in first:
                    errors.append("%s: year %s not in the title and the first paragraph" % (f, y))
        flat = re.sub(r"\s+", "", t)
        for other, ot in union.items():
            if other == f:
                continue
            oflat = re.sub(r"\s+", "", ot)
            i = 0
            while i < len(flat) - 20:
                if flat[i:i + 20] in oflat:
                    errors.append("%s: 20-character run shared with %s: %r" % (f, other, flat[i:i + 20]))
                    i += 20
                else:
                    i += 1
    if DOCX in union:
        check_docx(os.path.join(NEW, DOCX), errors)
    if ART in union:
        check_article(os.path.join(NEW, ART), errors)
    if BIG5 in union:
        check_big5(os.path.join(NEW, BIG5), errors)
    return errors


def main():
    status = 0
    union = load_dirs(UNION)
    real = load_dirs([REAL])
    errors = check_reports(union)
    print("== eval/holdout10/corpus  (union: %d reports)" % len(union))
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
        (os.path.join(HERE, "bundled.jsonl"), "e", real,
         {"number": 20, "date": 4, "place": 5, "describe": 6, "refusal": 15}, True),
        (os.path.join(HERE, "extended.jsonl"), "f", union,
         {"number": (18, 27), "date": (3, 6), "place": (3, 8), "describe": (2, 6), "refusal": 15}, False),
    ]
    for path, prefix, texts, expect, bundled in runs:
        errors, warnings, ct, cs, tr = check_questions(path, prefix, texts, expect, bundled)
        print("== %s" % os.path.relpath(path, ROOT))
        print("  types:  " + ", ".join("%s %d" % (k, ct[k]) for k in sorted(ct)))
        print("  sources: " + ", ".join("%s %d" % (k or '""', cs[k]) for k in sorted(cs)))
        if not bundled:
            print("  review one-year questions %d (table cells %d), one-county questions %d"
                  % (tr["review_one_year"], tr["review_table"], tr["one_county"]))
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
