#!/usr/bin/env python3
"""Check eval/holdout9/bundled.jsonl, eval/holdout9/extended.jsonl and eval/holdout9/corpus/.

Plain Python, standard library only (the .html page is read with html.parser, the text PDF of
eval/holdout8/corpus/ with a small built-in reader of its content streams and ToUnicode maps, the
.docx with zipfile).  Usage:

    /work/main/.venv/bin/python eval/holdout9/check_holdout9.py     # exit 0 = OK, 1 = errors
    python3 eval/holdout9/check_holdout9.py

Question files: valid JSON per line, the seven fields in order, ids in order (b001.. / c001..),
split "holdout9", type values, counts (50 questions, 15 refusals, type counts of bundled),
refusals with empty answers/evidence/source, each source in the right corpus (bundled: corpus/,
at least 4 per real report; extended: the union, with >= 27 questions on eval/holdout9/corpus/,
>= 8 on each new report, >= 3 HTML-table cells, >= 2 Markdown-table cells, exactly 8 year
contrasts on 长兴 2019 / 济南 2014-2015 / 中山 2011-2014), evidence 6-25 chars without a line
break found verbatim within one line of the decoded source (UTF-8, else GB18030; .html: decoded
from its declared charset, tags stripped, one line per block, a table row as its cells joined
by one space; .md: a table row as its cells joined by one space; .pdf: its text lines; .docx:
paragraphs, table rows as cells joined by one space), every answer found in the source and in
the evidence after normalising (full-width -> half-width, traditional -> simplified, Chinese
numerals -> digits), answers half-width/simplified without % or 约, [digits, Chinese form] for
Chinese-numeral figures, [range, start] for date ranges, describe answers without figures,
questions in simplified characters naming their report's place (and year where the report
states one), and every asked figure of three or more digits absent from every other report of
the corpus the set is evaluated on.

New reports: length 1400-2000 characters (as extracted, line breaks removed), 40-80 distinct
figures, place and year in the title (the headline for the web page) and the first paragraph,
no 20-character run shared with another report of the union, and the traits of each file
(HTML: GBK bytes declared as gbk, navigation, breadcrumb, 发布时间/来源, share buttons, footer,
a <table> with unit headers, 4-6 rows and 合计 whose sums hold and agree with the text;
Markdown: # / ## headings, bullets of one or two figures, a | 单位 | table whose sums hold,
a Chinese-numeral date; 长兴 2020: UTF-8, the year only in the title and the first line, no other
year, 今年/去年/同比, and the 比去年/同比 changes consistent with holdout8's 长兴 2019 report).
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
                            "holdout9")]
NEW = os.path.join(HERE, "corpus")
FIELDS = ["id", "question", "answers", "evidence", "type", "source", "split"]
TYPES = {"number", "date", "place", "describe", "refusal"}
SPLIT = "holdout9"
HTML = "wenzhou_2017_gbk.html"
MD = "wuhu_2019.md"
CX20 = "changxing_2020.txt"
CX19 = "changxing_2019_gbk.txt"
NEW_FILES = [HTML, MD, CX20]
CONTRAST = [CX19, "jinan_2014.docx", "jinan_2015.txt", "000_7fb3e329b878b41a.txt", "zs_2012.txt",
            "zs_2013_gb18030.txt", "zhongshan_2014_gb18030.txt"]

# traditional -> simplified for the traditional reports (003 in corpus/ and those of the union)
TRAD = ("佈來個偉備傳僑儉優內兩冊別則創劃動務勞勢勸匯區協參員問喬單嚴國圍園團堅報場壩夠奮婦學"
        "宮實寧審將專對導屆層屬崗師帶幗幫幹幾庫廣廳強從徹態慶應懷掛換揮擇擔據擴擾數斷時書會東"
        "條業極構標機檢欄歡歷歸決沒況涼準溫滯滿濟為熱營爭獄獎獲現環產當發監眾確礎稅種積穎競範"
        "簡紀紅紙級紛紮組結絡給統綏經綜綠網緊線編緬縣縱總績織繞繼續羅義習聯職脫腦臺與興舉華萬"
        "藝蘇處號術衛裝見視親覺觀計討訓記訪設註評詞詢試話該認語誤課誼調談請論諸謀講證識議讀變"
        "讓豐負財貧貫責貴買費資賓質購賽贈軍較載輸輿轄轉辦農這連週進遊運過達違遷選還鄉鋒錢錦鎮"
        "鐵長門開間關闡陽隊際雖離難電韋響項預領頭題顒願類顯風餘館饋馬駐驗體鬥點黨龍"
        "岡戶於權欽氣渙瀏聞聽覽軟輯郵閉陸頁頓麗鬆")
SIMP = ("布来个伟备传侨俭优内两册别则创划动务劳势劝汇区协参员问乔单严国围园团坚报场坝够奋妇学"
        "宫实宁审将专对导届层属岗师带帼帮干几库广厅强从彻态庆应怀挂换挥择担据扩扰数断时书会东"
        "条业极构标机检栏欢历归决没况凉准温滞满济为热营争狱奖获现环产当发监众确础税种积颖竞范"
        "简纪红纸级纷扎组结络给统绥经综绿网紧线编缅县纵总绩织绕继续罗义习联职脱脑台与兴举华万"
        "艺苏处号术卫装见视亲觉观计讨训记访设注评词询试话该认语误课谊调谈请论诸谋讲证识议读变"
        "让丰负财贫贯责贵买费资宾质购赛赠军较载输舆辖转办农这连周进游运过达违迁选还乡锋钱锦镇"
        "铁长门开间关阐阳队际虽离难电韦响项预领头题颙愿类显风余馆馈马驻验体斗点党龙"
        "冈户于权钦气涣浏闻听览软辑邮闭陆页顿丽松")
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
    "jinan_2015.txt": (["济南"], "2015"),
    CX19: (["长兴"], "2019"),
    HTML: (["温州"], "2017"),
    MD: (["芜湖"], "2019"),
    CX20: (["长兴"], "2020"),
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


def table_rows(src):
    """the table rows (as lines of the decoded text) of a new report"""
    path = os.path.join(NEW, src)
    if src == HTML:
        return {" ".join(c for _, c in row) for t in parse_html(path).tables for row in t}
    if src == MD:
        text = decode_bytes(path)
        return {ln for ln, raw in zip(md_lines(text), text.split("\n"))
                if raw.strip().startswith("|") and not MD_SEP.match(raw.strip())}
    return set()


# ---------------------------------------------------------------- questions

def check_questions(path, prefix, texts, expect_types, bundled):
    errors, warnings = [], []
    counts_type, counts_src = {}, {}
    table_cells = {HTML: 0, MD: 0}
    if not os.path.exists(path):
        return ["missing %s" % path], [], {}, {}, table_cells
    lines = open(path, encoding="utf-8").read().splitlines()
    items, seen_q = [], set()
    rows = {f: table_rows(f) for f in (HTML, MD)}
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
        if src in rows and ev in rows[src]:
            table_cells[src] += 1
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
        keys, year = SOURCE_KEYS.get(src, ([], None))
        if not keys:
            errors.append("%s: no place/year keys for %s" % (where, src))
        if keys and not any(k in q for k in keys):
            errors.append("%s: question does not name the place (%s)" % (where, "/".join(keys)))
        if year and year not in cn_numerals_to_digits(q.translate(FW)):
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
        if table_cells[HTML] < 3 or table_cells[MD] < 2:
            errors.append("%s: table-cell questions: HTML %d (>= 3), Markdown %d (>= 2)"
                          % (path, table_cells[HTML], table_cells[MD]))
    else:
        for f in SOURCE_KEYS:
            if f.startswith("00") and counts_src.get(f, 0) < 4:
                errors.append("%s: only %d questions on %s" % (path, counts_src.get(f, 0), f))
    return errors, warnings, counts_type, counts_src, table_cells


# ---------------------------------------------------------------- the new reports

def check_html(path, errors):
    data = open(path, "rb").read()
    try:
        data.decode("utf-8")
        errors.append("%s: decodes as UTF-8; it must be GBK bytes" % HTML)
    except UnicodeDecodeError:
        pass
    try:
        data.decode("gbk")
    except UnicodeDecodeError:
        errors.append("%s: not decodable as GBK" % HTML)
        return
    if not re.search(rb'<meta charset="gbk">', data, re.I):
        errors.append("%s: must declare <meta charset=\"gbk\">" % HTML)
    p = parse_html(path)
    lines = p.lines
    h1 = "".join(p.h1).strip()
    if "温州" not in h1 or "2017" not in h1:
        errors.append("%s: the headline must name 温州 and 2017: %r" % (HTML, h1))
    try:
        hi = lines.index(h1)
    except ValueError:
        errors.append("%s: headline not found among the text lines" % HTML)
        return
    before, after = lines[:hi], lines[hi + 1:]
    if sum(1 for ln in before if len(ln) <= 6) < 6:
        errors.append("%s: needs a navigation menu (>= 6 short items) before the headline" % HTML)
    if not any(ln.startswith("您的位置") and ">" in ln for ln in before):
        errors.append("%s: needs a breadcrumb before the headline" % HTML)
    if not any("发布时间" in ln and "来源" in ln for ln in after[:3]):
        errors.append("%s: needs a 发布时间/来源 line after the headline" % HTML)
    if not any(ln.startswith("分享到") for ln in after[:4]):
        errors.append("%s: needs share buttons after the headline" % HTML)
    if not any("ICP" in ln for ln in lines[-4:]) or not any("版权" in ln for ln in lines[-4:]):
        errors.append("%s: needs a footer with 版权/ICP" % HTML)
    if len(p.tables) != 1:
        errors.append("%s: expected exactly one <table>, found %d" % (HTML, len(p.tables)))
        return
    rows = p.tables[0]
    head, body = rows[0], rows[1:]
    if not all(tag == "th" for tag, _ in head) or not all(re.search(r"（[^（）]+）$", c) for _, c in head[1:]):
        errors.append("%s: the header row must be <th> cells with units in brackets" % HTML)
    total = body[-1] if body else None
    data_rows = body[:-1]
    if not total or total[0][1] != "合计" or not (4 <= len(data_rows) <= 6):
        errors.append("%s: the table needs 4-6 data rows and a 合计 row" % HTML)
        return
    ncol = len(head)
    for c in range(1, ncol):
        s = sum(int(r[c][1]) for r in data_rows)
        if s != int(total[c][1]):
            errors.append("%s: table column %d sums to %d, 合计 says %s" % (HTML, c, s, total[c][1]))
    text = "\n".join(lines)
    tot = [v for _, v in total]
    for pat in ("基层党组织%s个" % tot[1], "党员%s名" % tot[2], "发展党员%s名" % tot[3], "转正%s名" % tot[4]):
        if pat not in text:
            errors.append("%s: the text does not repeat the table total %r" % (HTML, pat))
    para_figs = set(figures("\n".join(ln for ln in after if ln not in {" ".join(c for _, c in r) for r in rows})))
    if len(para_figs) < 30:
        errors.append("%s: too few figures in the paragraphs (%d)" % (HTML, len(para_figs)))


def check_md(path, errors):
    raw = decode_bytes(path)
    lines = raw.split("\n")
    if not lines[0].startswith("# ") or "芜湖" not in lines[0] or "2019" not in lines[0]:
        errors.append("%s: the first line must be a # title naming 芜湖 and 2019" % MD)
    h2 = [ln for ln in lines if ln.startswith("## ")]
    if len(h2) < 5:
        errors.append("%s: needs at least 5 ## headings" % MD)
    bullets = [ln for ln in lines if ln.startswith("- ")]
    if len(bullets) < 20:
        errors.append("%s: needs at least 20 bullets (found %d)" % (MD, len(bullets)))
    for b in bullets:
        body = re.sub(r"\d+月(\d+日(至\d+日)?)?", "", b.translate(FW))  # dates are not figures
        k = len(figures(body))
        if not (1 <= k <= 2):
            errors.append("%s: bullet with %d figures (expected 1-2): %r" % (MD, k, b))
    tab = [ln.strip() for ln in lines if ln.strip().startswith("|")]
    if not tab or not re.match(r"^\|\s*单位\s*\|", tab[0]) or not MD_SEP.match(tab[1]):
        errors.append("%s: needs a Markdown table | 单位 | … | with a separator row" % MD)
        return
    cells = [[c.strip() for c in r.strip("|").split("|")] for r in tab[2:]]
    data_rows, total = cells[:-1], cells[-1]
    if total[0] != "合计" or not (4 <= len(data_rows) <= 6):
        errors.append("%s: the table needs 4-6 data rows and a 合计 row" % MD)
        return
    for c in range(1, len(total)):
        s = sum(int(r[c]) for r in data_rows)
        if s != int(total[c]):
            errors.append("%s: table column %d sums to %d, 合计 says %s" % (MD, c, s, total[c]))
    if not re.search(r"二〇[〇一二三四五六七八九]{2}年[一二三四五六七八九十]+月[一二三四五六七八九十]+日", raw):
        errors.append("%s: needs a sentence with a Chinese-numeral date" % MD)


def check_cx20(path, errors, union):
    data = open(path, "rb").read()
    try:
        t = data.decode("utf-8")
    except UnicodeDecodeError:
        errors.append("%s: must be UTF-8" % CX20)
        return
    lines = [ln for ln in t.split("\n") if ln.strip()]
    if not lines[0].startswith("长兴县直机关工委2020年"):
        errors.append("%s: the title must name 长兴县直机关工委 and 2020" % CX20)
    if t.count("2020") != 2 or "2020" not in lines[1]:
        errors.append("%s: 2020 must occur only in the title and the first line (found %d)" % (CX20, t.count("2020")))
    if re.search(r"(?<![0-9])(19|20)[0-9]{2}年", "\n".join(lines[2:])):
        errors.append("%s: a year is written out after the first line; use 今年/去年/明年" % CX20)
    if t.count("今年") < 3 or t.count("去年") < 2 or t.count("同比") < 3:
        errors.append("%s: needs 今年 (>=3), 去年 (>=2) and 同比 (>=3)" % CX20)
    old = union.get(CX19, "").replace("\n", "")
    new = t.replace("\n", "")
    if not old:
        errors.append("%s: %s not found in the union" % (CX20, CX19))
        return

    def one(pat, s):
        m = re.search(pat, s)
        return [float(g) for g in m.groups()] if m else None
    pairs = [  # (2020 pattern: value, change), 2019 pattern, kind
        (r"基层党组织(\d+)个，比去年增加(\d+)个", r"基层党组织(\d+)个", "+"),
        (r"党员(\d+)名，较去年底增加(\d+)名", r"党员(\d+)名，较去年底", "+"),
        (r"发展党员(\d+)名，同比减少(\d+)名", r"今年发展党员(\d+)名", "-"),
        (r"五星级党支部(\d+)个，比去年增加(\d+)个", r"五星级党支部(\d+)个", "+"),
        (r"通报典型问题(\d+)起，同比减少(\d+)起", r"通报典型问题(\d+)起", "-"),
        (r"受理信访举报(\d+)件，同比下降([\d.]+)%", r"受理信访举报(\d+)件", "-%"),
        (r"帮扶资金([\d.]+)万元，同比增长([\d.]+)%", r"帮扶资金([\d.]+)万元", "+%"),
        (r"(\d+)名运动员参赛，参赛人数比去年增加(\d+)名", r"(\d+)名运动员参赛", "+"),
        (r"示范单位(\d+)个，示范单位总数达到(\d+)个", r"示范单位(\d+)个", "sum"),
    ]
    for p20, p19, kind in pairs:
        a, b = one(p20, new), one(p19, old)
        if not a or not b:
            errors.append("%s: change pattern %r / %r not found" % (CX20, p20, p19))
            continue
        v, ch, prev = a[0], a[1], b[0]
        ok = {"+": abs(v - prev - ch) < 1e-6, "-": abs(prev - v - ch) < 1e-6,
              "-%": round((prev - v) / prev * 100, 1) == ch, "+%": round((v - prev) / prev * 100, 1) == ch,
              "sum": abs(prev + v - ch) < 1e-6}[kind]
        if not ok:
            errors.append("%s: %s against 2019's %s: change %s does not hold" % (CX20, v, prev, ch))


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
        if f == HTML:
            h1 = "".join(parse_html(p).h1).strip()
            i = lines.index(h1) if h1 in lines else 0
            title = lines[i]
            first = next((ln for ln in lines[i + 1:] if len(ln) > 60), "")
        else:
            title, first = lines[0].lstrip("# "), lines[1]
        for k in keys:
            if k not in title or k not in first:
                errors.append("%s: place %s not in the title and the first paragraph" % (f, k))
        if year not in title or year not in first[:60]:
            errors.append("%s: year %s not in the title and the first paragraph" % (f, year))
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
    if os.path.exists(os.path.join(NEW, HTML)):
        check_html(os.path.join(NEW, HTML), errors)
    if os.path.exists(os.path.join(NEW, MD)):
        check_md(os.path.join(NEW, MD), errors)
    if os.path.exists(os.path.join(NEW, CX20)):
        check_cx20(os.path.join(NEW, CX20), errors, union)
    return errors


def main():
    status = 0
    union = load_dirs(UNION)
    real = load_dirs([REAL])
    errors = check_reports(union)
    print("== eval/holdout9/corpus  (union: %d reports)" % len(union))
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
        (os.path.join(HERE, "bundled.jsonl"), "b", real,
         {"number": 20, "date": 4, "place": 5, "describe": 6, "refusal": 15}, True),
        (os.path.join(HERE, "extended.jsonl"), "c", union,
         {"number": (18, 27), "date": (3, 6), "place": (3, 6), "describe": (2, 6), "refusal": 15}, False),
    ]
    for path, prefix, texts, expect, bundled in runs:
        errors, warnings, ct, cs, tc = check_questions(path, prefix, texts, expect, bundled)
        print("== %s" % os.path.relpath(path, ROOT))
        print("  types:  " + ", ".join("%s %d" % (k, ct[k]) for k in sorted(ct)))
        print("  sources: " + ", ".join("%s %d" % (k or '""', cs[k]) for k in sorted(cs)))
        if not bundled:
            print("  table cells: HTML %d, Markdown %d" % (tc[HTML], tc[MD]))
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
