#!/usr/bin/env python3
"""Check eval/holdout22/bundled.jsonl, eval/holdout22/extended.jsonl and eval/holdout22/corpus/.

Plain Python, standard library only (adapted from eval/holdout21/check_holdout21.py, whose readers
and normalising code are reused: the .docx reports with zipfile + ElementTree, the .html pages with
html.parser and their <meta charset>, the text PDFs with a small built-in reader (extended here to
the 2-byte codes of a Type0 font with Identity-H encoding, and to the removal of running heads and
feet), the .md reports with their pipe tables, the Big5 report with cp950, a .txt with a UTF-16 BOM
as UTF-16, every other .txt as UTF-8, else GB18030).
Usage:

    python3 eval/holdout22/check_holdout22.py               # exit 0 = OK, 1 = errors
    /work/main/.venv/bin/python eval/holdout22/check_holdout22.py
    python3 eval/holdout22/check_holdout22.py --dump FILE   # print a report as this checker reads it
    python3 eval/holdout22/check_holdout22.py --figures     # figures (>= 3 digits) of the new reports found elsewhere
    python3 eval/holdout22/check_holdout22.py --grep WORD…  # which reports (union + eval/dev/corpus) hold WORD

Question files: valid JSON per line, the seven fields in order and in json.dumps(ensure_ascii=False)
form, ids in order (xa001.. / xb001..), split "holdout22", type values, counts (50 questions, 15
refusals, type counts 20/4/5/6 and 20/4/8/3), refusals with empty answers/evidence/source, each
source in the right corpus (bundled: corpus/, exactly 7 per real report; extended: exactly 9 on
each new report and exactly 8 year contrasts on committees that have several years in the union,
at least 2 of them on 徐州 2020), evidence 6-25 chars found verbatim within one line of the source as
read (a .docx table row: its cells joined by single spaces; a PDF: a line of its text after the
running heads and feet are removed; the UTF-16 report decoded), every answer found in the source and
inside the evidence after normalising (full-width -> half-width, traditional -> simplified, Chinese
numerals -> digits), answers half-width/simplified without % or 约, [range, start] for date ranges,
[digits, Chinese form] for Chinese-numeral figures, describe answers without figures, questions in
simplified characters naming their report's place and year, every asked figure stated once in its
own report, and every asked figure of three or more digits absent from every other report of the
corpus the set is evaluated on (bundled: corpus/; extended: the union).

New reports: exactly the three files below; length 1200-1800 characters (line breaks removed; the
PDF without its running heads and feet), 40-90 distinct figures, place and year in the title and
first paragraph, no 20-character run (whitespace removed, compared as written and folded to
simplified half-width) shared with another report of the union or of eval/dev/corpus/ (the new
reports with each other too), the new places and names absent from every other report, none of the
ruled-out places named, in each report a sentence with >= 4 counts side by side, >= 3 余/多/近
figures, >= 3 万元 decimals, >= 4 dated events, a total of 基层党组织 that is the sum of its parts, a
figure beside its delta, values paired by 分别, a sentence with two trainings, a contest told with
only its 一等奖, an event told with no venue and one told with no count, and the traits of each file:
  huaian_2022.pdf           淮安市直机关 2022 as a text PDF of 3 pages written with zlib: a Type0 font
                            with Identity-H encoding, a CIDFontType2 descendant and a ToUnicode CMap,
                            FlateDecode content streams, one Tj or TJ per BT … ET block at an explicit
                            Tm position, the running head (the committee's name) at the top of every
                            page and the foot 第N页 共3页 at the bottom of every page, a sentence whose
                            figure runs on across a page break; simplified script, ASCII digits; no
                            year but 2022 and 2023 (the plans);
  longyan_2018_utf16.txt    龍岩市直機關 2018 as saved by Windows Notepad as "Unicode": UTF-16 LE with
                            a BOM, CRLF line ends, one line per paragraph, traditional script only
                            (every character in Big5, none simplified-only), >= 2 paragraphs in
                            full-width digits only, one paragraph in Chinese numerals only, ASCII
                            digits in the rest; no year but 2018 and 2019 (the plans);
  xuzhou_2021_web.html      a further year of 徐州市直机关 beside xuzhou_2020_gb18030.txt (holdout21), a
                            saved web page (UTF-8, <meta charset="utf-8">) with navigation, breadcrumb,
                            发布时间, 来源/作者, share buttons, 相关阅读 and a footer (版权所有, ICP备,
                            联系电话) around an article of <p> paragraphs; simplified script, ASCII
                            digits; the same kinds of figures as 2020 (XZ_KINDS, >= 40 kinds compared),
                            each stated once, every value different from 2020's; none of 2020's
                            venues; 徐州 in no other report than the two years; no year but 2021 and
                            2022 (the publication date and the plans).
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
                  for d in ["extended"] + ["holdout%d" % k for k in range(4, 23)]]
DEV = os.path.join(ROOT, "eval", "dev", "corpus")
NEW = os.path.join(HERE, "corpus")
FIELDS = ["id", "question", "answers", "evidence", "type", "source", "split"]
TYPES = {"number", "date", "place", "describe", "refusal"}
SPLIT = "holdout22"
HA = "huaian_2022.pdf"
LY = "longyan_2018_utf16.txt"
XZ = "xuzhou_2021_web.html"
XZ_OLD = "xuzhou_2020_gb18030.txt"
NEW_FILES = [HA, LY, XZ]
PDF_HEAD = "中共淮安市直属机关工作委员会"
# year contrasts: reports of committees that have two or more years in the union (the new 徐州 2021
# page gives holdout21's xuzhou_2020_gb18030.txt a second year)
CONTRAST = ["000_7fb3e329b878b41a.txt", "zs_2012.txt", "zs_2013_gb18030.txt", "zhongshan_2014_gb18030.txt",
            "001_2a77a74c8cabfc6c.txt", "zz_2010.txt", "zz_2011_gbk.txt",
            "004_e6ce74bfb9ddebab.txt", "hn_2021.txt", "hainan_2022.txt",
            "huizhou_notice_web.txt", "huizhou_2019.txt", "huizhou_2020.txt",
            "jinan_2014.docx", "jinan_2015.txt", "jinan_2016.txt",
            "changxing_2019_gbk.txt", "changxing_2020.txt", "changxing_2021.txt",
            "ly_2016_gb18030.txt", "luoyang_2018.txt", "jiaxing_2018.pdf", "jiaxing_2019_gb18030.txt",
            "wuhu_2019.md", "wuhu_2020_gb18030.txt", "changde_2017_big5.txt", "changde_2019.txt",
            "yantai_2021_trad.txt", "yantai_2022.txt", "jingdezhen_2022.md", "jingdezhen_2023.txt",
            "zhuzhou_2019_gb18030.txt", "zhuzhou_2020.txt", XZ_OLD]
REAL_FILES = ["000_7fb3e329b878b41a.txt", "001_2a77a74c8cabfc6c.txt", "002_51ca3736beda86ca.txt",
              "003_360ce489d0b5e1c8.txt", "004_e6ce74bfb9ddebab.txt"]
# places (and other names) that must occur in no other report (compared after folding to simplified)
NEW_PLACES = {HA: ["淮安", "清江浦", "盱眙", "黄花塘", "周恩来纪念馆", "里运河", "运河机关讲坛", "淮阴",
                   "淮安市会展中心", "淮安市体育馆"],
              LY: ["龙岩", "新罗", "武平", "连城", "新泉", "闽西", "红土讲堂", "龙岩市人民会堂"],
              XZ: ["泉山", "睢宁", "新沂", "沛县", "潘安湖", "徐州会议中心", "徐州奥体中心", "徐州报业",
                   "汉风路"]}
# 徐州 2020's venues and names: the 2021 page names none of them
XZ_OLD_NAMES = ["彭城", "铜山", "贾汪", "马庄", "徐州音乐厅", "淮海战役", "邳州", "云龙湖",
                "徐州广播电视台", "市全民健身中心", "廉政文化馆"]
# places the new reports must not name: every committee the union (and eval/dev/corpus) holds, the
# committee that 连云港 names in a headline of liuzhou_gbk_web.html, and the places asked as absent
BANNED_PLACES = ["柳州", "南通", "景德镇", "潍坊", "绵阳", "舟山", "丽江", "盐城", "宜良", "甘肃", "漳州",
                 "婺源", "宣城", "岳阳", "淳安", "湖州", "衢州", "金华", "台州", "镇江", "泸州", "宜春",
                 "芜湖", "宝鸡", "常德", "南充", "烟台", "苏州", "南宁", "广州", "江西", "贵州", "成都",
                 "丽水", "博罗", "榆林", "温州", "襄阳", "济南", "洛阳", "嘉兴", "长兴", "惠州", "中山",
                 "枣庄", "海南", "广西", "宁波", "临沂", "十堰", "株洲", "乐山", "浦江", "武义", "绍兴",
                 "宜昌", "永春", "连云港", "扬州", "南平", "东莞", "云南"]
TRAD = ("佈來個偉備傳僑儉優內兩冊別則創劃動務勞勢勸匯區協參員問喬單嚴國圍園團堅報場壩夠奮婦學"
        "宮實寧審將專對導屆層屬崗師帶幗幫幹幾庫廣廳強從徹態慶應懷掛換揮擇擔據擴擾數斷時書會東"
        "條業極構標機檢欄歡歷歸決沒況涼準溫滯滿濟為熱營爭獄獎獲現環產當發監眾確礎稅種積穎競範"
        "簡紀紅紙級紛紮組結絡給統綏經綜綠網緊線編緬縣縱總績織繞繼續羅義習聯職脫腦臺與興舉華萬"
        "藝蘇處號術衛裝見視親覺觀計討訓記訪設註評詞詢試話該認語誤課誼調談請論諸謀講證識議讀變"
        "讓豐負財貧貫責貴買費資賓質購賽贈軍較載輸輿轄轉辦農這連週進遊運過達違遷選還鄉鋒錢錦鎮"
        "鐵長門開間關闡陽隊際雖離難電韋響項預領頭題顒願類顯風餘館饋馬駐驗體鬥點黨龍"
        "岡戶於權欽氣渙瀏聞聽覽軟輯郵閉陸頁頓麗鬆"
        "劇壇儀後橋約樹繫潑蓋薦規"
        "綿彈碩們禮肅閱尋跡樣"
        "啟壘奪悅戰擊晉樓節細輔遠雙雲頻麥"
        "穩醫閩勵鉤詔陳歲薌勝"
        "灣樂"
        "島脈楓嶺輪頒榮徑頌曉診廬臨"
        "養黃邊採籃鄧桿"
        "奧敘測瀘藺貢"
        "棲煙膠萊踐鞏"
        "獻階"
        "圖託顧")
SIMP = ("布来个伟备传侨俭优内两册别则创划动务劳势劝汇区协参员问乔单严国围园团坚报场坝够奋妇学"
        "宫实宁审将专对导届层属岗师带帼帮干几库广厅强从彻态庆应怀挂换挥择担据扩扰数断时书会东"
        "条业极构标机检栏欢历归决没况凉准温滞满济为热营争狱奖获现环产当发监众确础税种积颖竞范"
        "简纪红纸级纷扎组结络给统绥经综绿网紧线编缅县纵总绩织绕继续罗义习联职脱脑台与兴举华万"
        "艺苏处号术卫装见视亲觉观计讨训记访设注评词询试话该认语误课谊调谈请论诸谋讲证识议读变"
        "让丰负财贫贯责贵买费资宾质购赛赠军较载输舆辖转办农这连周进游运过达违迁选还乡锋钱锦镇"
        "铁长门开间关阐阳队际虽离难电韦响项预领头题颙愿类显风余馆馈马驻验体斗点党龙"
        "冈户于权钦气涣浏闻听览软辑邮闭陆页顿丽松"
        "剧坛仪后桥约树系泼盖荐规"
        "绵弹硕们礼肃阅寻迹样"
        "启垒夺悦战击晋楼节细辅远双云频麦"
        "稳医闽励钩诏陈岁芗胜"
        "湾乐"
        "岛脉枫岭轮颁荣径颂晓诊庐临"
        "养黄边采篮邓杆"
        "奥叙测泸蔺贡"
        "栖烟胶莱践巩"
        "献阶"
        "图托顾")
assert len(TRAD) == len(SIMP) and len(set(TRAD)) == len(TRAD)
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



SOURCE_KEYS = {
    "000_7fb3e329b878b41a.txt": (["中山"], "2011"),
    "001_2a77a74c8cabfc6c.txt": (["枣庄"], "2009"),
    "002_51ca3736beda86ca.txt": (["中山"], None),
    "003_360ce489d0b5e1c8.txt": (["广西", "自治区"], None),
    "004_e6ce74bfb9ddebab.txt": (["海南"], "2020"),
    "zs_2012.txt": (["中山"], "2012"),
    "zs_2013_gb18030.txt": (["中山"], "2013"),
    "zhongshan_2014_gb18030.txt": (["中山"], "2014"),
    "zz_2010.txt": (["枣庄"], "2010"),
    "zz_2011_gbk.txt": (["枣庄"], "2011"),
    "hn_2021.txt": (["海南"], "2021"),
    "hainan_2022.txt": (["海南"], "2022"),
    "huizhou_notice_web.txt": (["惠州"], "2018"),
    "huizhou_2019.txt": (["惠州"], "2019"),
    "huizhou_2020.txt": (["惠州"], "2020"),
    "jinan_2014.docx": (["济南"], "2014"),
    "jinan_2015.txt": (["济南"], "2015"),
    "jinan_2016.txt": (["济南"], "2016"),
    "changxing_2019_gbk.txt": (["长兴"], "2019"),
    "changxing_2020.txt": (["长兴"], "2020"),
    "changxing_2021.txt": (["长兴"], "2021"),
    "ly_2016_gb18030.txt": (["洛阳"], "2016"),
    "luoyang_2018.txt": (["洛阳"], "2018"),
    "jiaxing_2018.pdf": (["嘉兴"], "2018"),
    "jiaxing_2019_gb18030.txt": (["嘉兴"], "2019"),
    "wuhu_2019.md": (["芜湖"], "2019"),
    "wuhu_2020_gb18030.txt": (["芜湖"], "2020"),
    "changde_2017_big5.txt": (["常德"], "2017"),
    "changde_2019.txt": (["常德"], "2019"),
    "yantai_2021_trad.txt": (["烟台"], "2021"),
    "yantai_2022.txt": (["烟台"], "2022"),
    "jingdezhen_2022.md": (["景德镇"], "2022"),
    "liuzhou_gbk_web.html": (["柳州"], "2023"),
    "nantong_2021_trad.txt": (["南通"], "2021"),
    "jingdezhen_2023.txt": (["景德镇"], "2023"),
    "zhuzhou_2019_gb18030.txt": (["株洲"], "2019"),
    "shiyan_2022.docx": (["十堰"], "2022"),
    XZ_OLD: (["徐州"], "2020"),
    "zhuzhou_2020.txt": (["株洲"], "2020"),
    HA: (["淮安"], "2022"),
    LY: (["龙岩"], "2018"),
    XZ: (["徐州"], "2021"),
}


# ---------------------------------------------------------------- readers

def read_bytes(path):
    with open(path, "rb") as f:
        return f.read()


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def docx_lines(path):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
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
    data = read_bytes(path)
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


# a minimal reader for text PDFs (FlateDecode / ASCII85 streams, simple fonts or Type0 fonts with
# Identity-H encoding, both with ToUnicode maps, Tj/TJ strings); lines are broken at every text
# positioning operator

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
    data = read_bytes(path)
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
            # a Type0 font with Identity-H encoding (Word's CJK text) has 2-byte codes
            nbytes = 2 if b"/Identity-H" in fo else 1
            fonts[name.decode()] = (_pdf_cmap(_pdf_stream(objs[int(tu.group(1))])) if tu else None, nbytes)
        cont = re.search(rb"/Contents (\d+) 0 R", po)
        s = _pdf_stream(objs[int(cont.group(1))])
        lines, cur, font, i = [], [], None, 0
        toks = []

        def emit(b):
            cm, nbytes = fonts.get(font, (None, 1))
            if not cm:
                cur.append(b.decode("latin-1"))
                return
            codes = [b[k] << 8 | b[k + 1] for k in range(0, len(b) - 1, 2)] if nbytes == 2 else list(b)
            cur.append("".join(cm.get(x, "") for x in codes))
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



FOOT_RE = re.compile(r"第\s*\d+\s*页\s*共\s*\d+\s*页")


def strip_running(pages):
    """remove the running head (a first line repeated on every page) and the foot (a last line
    ending in 第N页 共M页) of every page"""
    split = [p.split("\n") for p in pages]
    heads = set(p[0] for p in split if p)
    same_head = len(split) >= 2 and len(heads) == 1
    out = []
    for p in split:
        if same_head and p:
            p = p[1:]
        if p and re.fullmatch(r".{0,30}?" + FOOT_RE.pattern, p[-1].strip()):
            p = p[:-1]
        out.append("\n".join(p))
    return out


def decode_bytes(path):
    data = read_bytes(path)
    if data[:2] == b"\xff\xfe":
        return data[2:].decode("utf-16-le")
    if data[:2] == b"\xfe\xff":
        return data[2:].decode("utf-16-be")
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
        return "\n".join(strip_running(pdf_pages(path)))
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
    m = re.fullmatch(r"(近?)([零〇一二三四五六七八九十百千两]+)([余多万亿]*)", s)
    return m.group(1) + str(cn_to_int(m.group(2))) + m.group(3) if m else norm(s)


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
    core = re.sub(r"^近|[余多万亿]+$", "", fig)
    return figures(text).count(core)



# ---------------------------------------------------------------- questions

def check_questions(path, prefix, texts, expect_types, bundled):
    errors, warnings = [], []
    counts_type, counts_src = {}, {}
    if not os.path.exists(path):
        return ["missing %s" % path], [], {}, {}
    lines = read_bytes(path).decode("utf-8").splitlines()
    items, seen_q = [], set()
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
        try:
            q.replace("\u00b7", "").encode("gb2312")
        except UnicodeEncodeError:
            errors.append("%s: question has a character outside GB2312 (traditional?)" % where)
        if re.search(r"[０-９]", q):
            errors.append("%s: question has full-width digits" % where)
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
        if bundled and src not in REAL_FILES:
            errors.append("%s: source %s is not a real report of corpus/" % (where, src))
        if not bundled and src not in NEW_FILES and src not in CONTRAST:
            errors.append("%s: source %s not allowed (new reports or year contrasts only)" % (where, src))
        text = texts[src]
        ev = d["evidence"]
        if not (6 <= len(ev) <= 25):
            errors.append("%s: evidence length %d not in 6-25" % (where, len(ev)))
        if "\n" in ev or "\r" in ev:
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
        if len(d["answers"][0]) > 20:
            errors.append("%s: first answer longer than 20 characters" % where)
        if d["type"] == "describe" and any(re.search(r"[0-9０-９]", a) for a in d["answers"]):
            errors.append("%s: describe answers must hold no figures" % where)
        if d["type"] == "number" and re.search(CN_RUN, ev.translate(T2S)):
            a = d["answers"]
            if not (len(a) == 2 and re.fullmatch(r"近?[0-9.]+[余多万亿]*", a[0])
                    and cn_form(a[1]) == a[0] and a[1] != a[0]):
                errors.append("%s: Chinese-numeral figure must be [digits, Chinese form]: %r" % (where, a))
        if d["type"] == "number" and not re.fullmatch(r"近?[0-9.]+[余多万亿]*", d["answers"][0]):
            errors.append("%s: number answer %r is not a bare figure" % (where, d["answers"][0]))
        if d["type"] == "place":
            # a venue with a number (building, floor, hall) must be listed in its full form too
            for m in re.finditer(r"[0-9]+(?:号楼|楼|号会议厅|号厅)", norm(ev)):
                if not any(m.group(0) in norm(a) for a in d["answers"]):
                    errors.append("%s: the venue's numbered part %s is in no answer" % (where, m.group(0)))
        if d["type"] == "date":
            a = d["answers"]
            if "至" in a[0] and (len(a) != 2 or not a[0].startswith(a[1])):
                errors.append("%s: date range must be [full range, start date]: %r" % (where, a))
            if CN_DATE.search(ev) and not (len(a) == 2 and norm(a[1]) == a[0] and a[1] != a[0]):
                errors.append("%s: Chinese-numeral date must be [digits, Chinese form]: %r" % (where, a))
        if src not in SOURCE_KEYS:
            errors.append("%s: no place/year keys for %s" % (where, src))
            continue
        keys, year = SOURCE_KEYS[src]
        qd = cn_numerals_to_digits(q.translate(FW))
        if not any(k in q for k in keys):
            errors.append("%s: question does not name the place (%s)" % (where, "/".join(keys)))
        if year and year not in qd:
            errors.append("%s: question does not name the year %s" % (where, year))
        if d["type"] == "number":
            fig = norm(d["answers"][0])
            if re.fullmatch(r"近?[0-9.]+[余多万亿]*", fig):
                c = figure_count(text, fig)
                if c == 0:
                    errors.append("%s: figure %s not a whole figure of %s" % (where, fig, src))
                elif c > 1:
                    errors.append("%s: asked figure %s occurs %d times in %s (ask a figure stated once)"
                                  % (where, fig, c, src))
                core = re.sub(r"^近|[余多万亿]+$", "", fig)
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
    if bundled:
        for f in REAL_FILES:
            if counts_src.get(f, 0) != 7:
                errors.append("%s: %d questions on %s (expected 7)" % (path, counts_src.get(f, 0), f))
    else:
        for f in NEW_FILES:
            if counts_src.get(f, 0) != 9:
                errors.append("%s: %d questions on %s (expected 9)" % (path, counts_src.get(f, 0), f))
        k_old = sum(v for s, v in counts_src.items() if s in CONTRAST)
        if k_old != 8:
            errors.append("%s: %d year-contrast questions (expected 8)" % (path, k_old))
        if counts_src.get(XZ_OLD, 0) < 2:
            errors.append("%s: %d contrasts on %s (at least 2 wanted)" % (path, counts_src.get(XZ_OLD, 0), XZ_OLD))
        # every contrast committee must have another year in the union
        for s in counts_src:
            if s in CONTRAST:
                keys, year = SOURCE_KEYS[s]
                others = [o for o, (k2, y2) in SOURCE_KEYS.items() if k2 == keys and y2 and y2 != year]
                if not others:
                    errors.append("%s: %s is no year contrast (no other year of %s)" % (path, s, keys[0]))
    return errors, warnings, counts_type, counts_src

# ---------------------------------------------------------------- the new reports

# characters that exist only in simplified script (none of them may occur in the traditional page)
SIMP_ONLY = ("党机关发员县这们会为国级组织书记领导设时实现长门开间学习区对单运动问题"
             "务训练选举讲坛报纪检监团队妇岗帮资万项点乡办处罚议专体"
             "质战垒显击视紧创频评础坚届换顿软涣细楼厅丰读悦启余庆剧约条线给驻竞赛夺奖气馆愿"
             "责编辑辅导节访难权锋网术远联邮备晋宁举职场参与识纷传贯彻过还进层积极转确带应该从"
             "众优产宾筑结计划认证谈话讨让许说请论课负贡财贤货贫购贴贵费贸赞赠赢车轨轮轻载较"
             "辆输辖边达迁运违连选递遗针钢钱铁银销错锦锻镇闭阅队阳阴阵阶际陆陈险隐难静韦页"
             "顶项顺须顾颁预领题额风飞饭马验鱼鸟鸡麦黄齐龙卫历压县双变号听启员响团园围图圆"
             "圣块坛处备复够头奋妆妈宝审宪宫宽寻将层岁岗岛师帐帜带帮庄库庙废张弹强归当录"
             "态总惊惯戏执扩扫扬扰抚护报担拟拥择挂挤挥损换据摄摆数断无旧显晒晓术杀杂来杨极"
             "构枪标栏树样桥档检楼欢欧毕气汇汉汤沟没泽洁浅测济浓涛润涨渐温湾湿满滨灭灯灵灾"
             "点炼烟烦烧热爱环现电画畅疗盐监盖盘确礼离种积称税稳穷窗竞笔简类粮紧纪约级纯纲纳纸"
             "线组细织终经结绝统继绩续维综绿缘编罗罚职联肃胜脑脚脱艺节苏药获营虽补装见观规视"
             "览觉触誉计订认讨训议讯记讲论设访证评识译试诗话询该语误说请诸读课谁调谈谊谋谓谢"
             "负贡财责贤败货质贫贯购贴贵贸费贺资赵赶车转轮软辅辈边达迁过运还这进远违连迟适选"
             "递邮释针钟铁银铸链锁锋锦镇门闭问闲间闻阅队阳阶际陆陈险随隐难鸣")
SIMP_ONLY = "".join(ch for ch in SIMP_ONLY if ch not in "征里云范于台后系松准干几斗谷丑只面制窗")


def flat(t):
    return re.sub(r"\s+", "", t)


def shared_runs(a, b, n=20):
    """the n-character runs of a (whitespace removed) that also occur in b"""
    fa, fb = flat(a), flat(b)
    grams = {fb[i:i + n] for i in range(len(fb) - n + 1)}
    out, i = [], 0
    while i <= len(fa) - n:
        if fa[i:i + n] in grams:
            out.append(fa[i:i + n])
            i += n
        else:
            i += 1
    return out

def fold(t):
    return cn_numerals_to_digits(t.translate(FW)).replace("\n", "")


def find_all(pat, t):
    out = []
    for m in re.finditer(pat, t):
        out.append(next(g for g in m.groups() if g is not None))
    return out


def years_in(t):
    return set(re.findall(r"(?<!\d)(?:19|20)\d\d(?!\d)", t.translate(FW)))


def _gb2312(ch):
    try:
        ch.encode("gb2312")
        return True
    except UnicodeEncodeError:
        return False



def flat_norm(t):
    """whitespace removed, folded to half-width simplified (for the copy check across scripts)"""
    return flat(t.translate(FW).translate(T2S))


INFO = {}   # trait figures printed in the summary


def simplified_fold(t):
    return norm(t).replace("\n", "")


def sum_of_parts(f, t, pat, errors):
    m = re.search(pat, t)
    if not m or int(m.group(1)) != sum(int(m.group(k)) for k in (2, 3, 4)):
        errors.append("%s: 基层党组织 must be the sum of its parts" % f)


def first_prize_only(f, t, word, errors):
    """the sentence of the contest names a 一等奖 winner and no 二等奖 or 三等奖"""
    sents = [s for s in re.split(r"[。；;]", t) if word in s]
    if not any("一等奖" in s and "二等奖" not in s and "三等奖" not in s for s in sents):
        errors.append("%s: needs a %s with a 一等奖 only" % (f, word))




def delta_present(f, t, errors):
    """a figure beside its delta: 比去年/比上年/较上年 … 增加 N"""
    if not re.search(r"[0-9.]+(?:名|万元)[,，](?:比|较)(?:去年|上年)底?增加[0-9.]+", t):
        errors.append("%s: needs a figure beside its delta (比上年增加…)" % f)


def two_trainings(f, t, errors):
    """one sentence (up to 。) dating two 培训班 with two date ranges"""
    two = [s for s in t.split("。") if len(re.findall(r"\d+月\d+日至\d+日", s)) >= 2 and s.count("培训班") >= 2]
    if not two:
        errors.append("%s: needs one sentence with two trainings" % f)




def common_traits(f, t, errors):
    """traits every new report must show: neighbour counts, qualifiers, 万元 decimals, dated events,
    a figure beside its delta, two trainings in one sentence"""
    n = norm(t.replace("\n", ""))
    sentences = re.split(r"[。；;]", n)
    best = max(len(re.findall(r"[0-9]+(?:\.[0-9]+)?[余多]?(?:个|名|人|件|次|场)", s)) for s in sentences)
    if best < 4:
        errors.append("%s: no sentence with >= 4 counts side by side" % f)
    quals = re.findall(r"近[0-9]+|[0-9]+(?:余|多)", n)
    if len(quals) < 3:
        errors.append("%s: needs >= 3 figures with 余/多/近 (found %d)" % (f, len(quals)))
    money = re.findall(r"[0-9]+\.[0-9]+万元", n)
    if len(money) < 3:
        errors.append("%s: needs >= 3 万元 figures with decimals (found %d)" % (f, len(money)))
    dates = re.findall(r"[0-9]+月[0-9]+日", n)
    if len(dates) < 4:
        errors.append("%s: needs >= 4 dated events (found %d)" % (f, len(dates)))
    if "分别" not in n:
        errors.append("%s: needs values paired by 分别" % f)
    delta_present(f, n, errors)
    two_trainings(f, n, errors)
    return "largest run of counts in one sentence %d, %d 余/多/近 figures, %d 万元 decimals, %d dates" % (
        best, len(quals), len(money), len(dates))



def first_paragraph(f, t):
    """the title and the first paragraph of a new report, as read"""
    lines = [ln.strip() for ln in t.split("\n") if ln.strip()]
    if f == XZ:
        p = parse_html(os.path.join(NEW, XZ))
        title = "".join(p.h1).strip()
        k = lines.index(title) if title in lines else 0
        body = [ln for ln in lines[k + 1:] if "。" in ln]
        return title, body[0] if body else ""
    return lines[0], lines[1]


def no_venue(f, t, word, errors):
    """the sentence that tells the event names no venue (no 在 …)"""
    sents = [s for s in re.split(r"[。；]", norm(t.replace("\n", ""))) if word in s]
    if not sents or any("在" in s for s in sents):
        errors.append("%s: the %s must be told with no venue (%s)" % (f, word, sents))


def no_count(f, t, word, errors):
    """the clause that tells the event gives no figure other than its month"""
    clauses = [c for c in re.split(r"[。；,，]", norm(t.replace("\n", ""))) if word in c]
    if not clauses or any(re.search(r"[0-9]", re.sub(r"[0-9]+月", "", c)) for c in clauses):
        errors.append("%s: the %s must be told with no count (%s)" % (f, word, clauses))


def years_only(f, raw, allowed, errors):
    ys = years_in(raw)
    if ys != set(allowed):
        errors.append("%s: years %s wanted, found %s" % (f, sorted(allowed), sorted(ys)))


def check_huaian(path, text, errors):
    """the PDF: 3 pages, a Type0/Identity-H font with ToUnicode, FlateDecode streams, one Tj/TJ per
    text block at a Tm position, the running head and the foot on every page, a figure across a
    page break"""
    data = read_bytes(path)
    if not data.startswith(b"%PDF-1."):
        errors.append("%s: not a PDF" % HA)
        return
    objs = _pdf_objects(data)
    pages = [o for o in objs.values() if re.search(rb"/Type /Page\b(?!s)", o)]
    if len(pages) != 3 or not any(re.search(rb"/Type /Pages /Count 3\b", o) for o in objs.values()):
        errors.append("%s: 3 pages wanted (found %d)" % (HA, len(pages)))
    t0 = [o for o in objs.values() if b"/Subtype /Type0" in o]
    if not t0 or not all(b"/Encoding /Identity-H" in o and b"/ToUnicode" in o and b"/DescendantFonts" in o for o in t0):
        errors.append("%s: a Type0 font with Identity-H encoding and a ToUnicode CMap wanted" % HA)
    if not any(b"/Subtype /CIDFontType2" in o for o in objs.values()):
        errors.append("%s: a CIDFontType2 descendant font wanted" % HA)
    if any(b"/Subtype /Type1" in o or b"/Subtype /TrueType" in o for o in objs.values()):
        errors.append("%s: only the Type0 font wanted" % HA)
    blocks = 0
    for o in pages:
        cont = objs[int(re.search(rb"/Contents (\d+) 0 R", o).group(1))]
        if b"/FlateDecode" not in cont.split(b"stream")[0]:
            errors.append("%s: content stream not FlateDecode" % HA)
            continue
        s = _pdf_stream(cont)
        for bt in re.findall(rb"BT(.*?)ET", s, re.S):
            blocks += 1
            shows = re.findall(rb"(?:\)|>|\])\s*(Tj|TJ)\b", bt)
            if len(shows) != 1 or not re.search(rb"[-0-9.]+ [-0-9.]+ [-0-9.]+ [-0-9.]+ [-0-9.]+ [-0-9.]+ Tm", bt):
                errors.append("%s: a text block without exactly one Tj/TJ at a Tm position: %r" % (HA, bt[:60]))
    raw = pdf_pages(path)
    for n, p in enumerate(raw, 1):
        lines = p.split("\n")
        if lines[0] != PDF_HEAD:
            errors.append("%s: page %d does not begin with the running head %s" % (HA, n, PDF_HEAD))
        if lines[-1] != "第%d页 共%d页" % (n, len(raw)):
            errors.append("%s: page %d does not end with 第%d页 共%d页 (%r)" % (HA, n, n, len(raw), lines[-1]))
    body = strip_running(raw)
    runs = 0
    for a, b in zip(body, body[1:]):
        last, first = a.split("\n")[-1], b.split("\n")[0]
        if not re.search(r"[。；：]$", last) and re.match(r"[0-9]", first):
            runs += 1
    if runs < 1:
        errors.append("%s: no sentence whose figure runs on across a page break" % HA)
    if PDF_HEAD in text or FOOT_RE.search(text):
        errors.append("%s: running heads or feet left in the text as read" % HA)
    if re.search(r"[０-９]", text):
        errors.append("%s: ASCII digits only wanted" % HA)
    trad = sorted(set(ch for ch in text if ch in TRAD))
    if trad:
        errors.append("%s: traditional characters found: %s" % (HA, "".join(trad)))
    years_only(HA, text, ["2022", "2023"], errors)
    paras = re.split(r"\n(?=[一二三四五六七八九]、)", text)
    if "2023" in "\n".join(paras[:-1]):
        errors.append("%s: 2023 may only occur in the closing plans" % HA)
    INFO[HA] = "3 pages (%s body lines), %d text blocks each with one Tj/TJ at a Tm position; %d sentence(s) run on across a page break" % (
        "/".join(str(len(p.split("\n"))) for p in body), blocks, runs)


SIMP_IN_BIG5 = "万与余党优体听愿机极网确"   # simplified forms that Big5 also holds (as rare variants)


def check_longyan(path, errors):
    data = read_bytes(path)
    if data[:2] != b"\xff\xfe":
        errors.append("%s: a UTF-16 LE BOM wanted" % LY)
        return
    raw = data[2:].decode("utf-16-le")
    if raw.encode("utf-16-le") != data[2:]:
        errors.append("%s: UTF-16 LE bytes do not round-trip" % LY)
    try:
        data.decode("utf-8")
        errors.append("%s: must not be valid UTF-8" % LY)
    except UnicodeDecodeError:
        pass
    if raw.count("\r\n") < 10 or raw.replace("\r\n", "").count("\r") or raw.replace("\r\n", "").count("\n"):
        errors.append("%s: CRLF line ends only wanted" % LY)
    lines = raw.split("\r\n")
    if lines and lines[-1] == "":
        lines = lines[:-1]
    if any(not ln.strip() for ln in lines):
        errors.append("%s: one line per paragraph wanted (blank line found)" % LY)
    for ln in lines[1:]:
        if not re.match(r"[一二三四五六七八九]、", ln) and not ln.endswith("。"):
            errors.append("%s: a paragraph line that is not a whole paragraph: %r" % (LY, ln[-20:]))
    bad = sorted(set(ch for ch in raw if ord(ch) > 0x2000 and not _big5(ch)))
    if bad:
        errors.append("%s: characters outside Big5 (simplified?): %s" % (LY, "".join(bad)))
    simp = sorted(set(ch for ch in raw if ch in SIMP_ONLY or ch in SIMP_IN_BIG5))
    if simp:
        errors.append("%s: simplified characters found: %s" % (LY, "".join(simp)))
    if not re.search(r"[龍機關黨員會]", raw):
        errors.append("%s: traditional script wanted" % LY)
    fw_par, hw_par, cn_par, mixed = 0, 0, 0, 0
    for ln in lines[1:]:
        if re.match(r"[一二三四五六七八九]、", ln) and len(ln) < 20:
            continue
        has_fw, has_hw = bool(re.search(r"[０-９]", ln)), bool(re.search(r"[0-9]", ln))
        if has_fw and not has_hw:
            fw_par += 1
        elif has_hw and not has_fw:
            hw_par += 1
        elif has_fw and has_hw:
            mixed += 1
        elif len(re.findall(CN_RUN, ln.translate(T2S))) >= 3:
            cn_par += 1
    if fw_par < 2 or cn_par != 1 or mixed or hw_par < 3:
        errors.append("%s: >= 2 paragraphs in full-width digits, one in Chinese numerals and ASCII in the rest wanted (%d/%d/%d, %d mixed)"
                      % (LY, fw_par, cn_par, hw_par, mixed))
    years_only(LY, raw, ["2018", "2019"], errors)
    if "2019" in "\n".join(lines[:-2]):
        errors.append("%s: 2019 may only occur in the closing plans" % LY)
    INFO[LY] = "UTF-16 LE with BOM, CRLF, %d lines (one per paragraph); paragraphs: %d full-width, %d Chinese numerals, %d ASCII; all characters in Big5" % (
        len(lines), fw_par, cn_par, hw_par)


def _big5(ch):
    try:
        ch.encode("cp950")
        return True
    except UnicodeEncodeError:
        return False


# 徐州 2021 against 2020 (xuzhou_2020_gb18030.txt): (kind, pattern for 2020, pattern for 2021 or
# None = the same); patterns run on the text with line breaks removed, folded to half-width
# simplified with numerals as digits (the 2020 report is hard-wrapped at 28 and has full-width digits
# and a paragraph in Chinese numerals)
XZ_KINDS = [
    ("突击队", r"党员突击队(\d+)支", None), ("下沉党员", r"(\d+)余名机关党员下沉", None),
    ("社区", r"等(\d+)个社区", None), ("捐款", r"党员自愿捐款([\d.]+)万元", None),
    ("火线入党", r"火线入党的有(\d+)人", None), ("挂钩服务企业", r"挂钩服务企业(\d+)家", None),
    ("难题", r"等难题(\d+)个", None),
    ("推进会日期", r"(\d+月\d+日),市直机关党建工作视频推进会", r"(\d+月\d+日),市直机关党建工作推进会"),
    ("基层党组织", r"基层党组织总计(\d+)个", None),
    ("机关党委", r"机关党委(\d+)个", None), ("党总支", r"党总支(\d+)个", None), ("党支部", r"、党支部(\d+)个", None),
    ("党员", r"党员(\d+)名,比上年底", None), ("党员增加", r"比上年底增加(\d+)名", None),
    ("发展党员", r"发展党员(\d+)名", None), ("转正", r"预备党员转正(\d+)名", None),
    ("发展对象", r"发展对象(\d+)名", None), ("积极分子", r"入党积极分子(\d+)名", None),
    ("换届", r"任期届满的(\d+)个基层党组织", r"(\d+)个任期届满的基层党组织"),
    ("整顿", r"软弱涣散党支部(\d+)个", None), ("新建党支部", r"新建党支部(\d+)个", None),
    ("调整书记", r"调整党支部书记(\d+)名", None),
    ("培训班期数", r"各类培训班(\d+)期", None), ("网上直播", r"网上直播(\d+)期", None),
    ("培训人次", r"累计培训(\d+)余人次", None),
    ("积极分子班日期", r"入党积极分子培训班(\d+月\d+日至\d+日)", None),
    ("示范班日期", r"示范培训班(\d+月\d+日至\d+日)", None),
    ("积极分子班学员", r"学员分别为(\d+)名", r"学员分别是(\d+)名"),
    ("示范班学员", r"学员分别为\d+名和(\d+)名", r"学员分别是\d+名和(\d+)名"),
    ("表彰日期", r"(\d+月\d+日)上午,庆祝建党", r"(\d+月\d+日)上午,徐州市直机关“两优一先”"),
    ("建党周年", r"庆祝建党(\d+)周年“两优一先”", r"庆祝建党(\d+)周年大会"),
    ("优秀共产党员", r"(\d+)名优秀共产党员", None), ("优秀党务工作者", r"(\d+)名优秀党务工作者", None),
    ("先进基层党组织", r"(\d+)个先进基层党组织", None), ("到会党员", r"约(\d+)名党员参加", None),
    ("推送信息", r"推送信息(\d+)余条", None), ("编印期数", r"编印(\d+)期", None),
    ("调研课题", r"调研课题(\d+)个", None), ("获奖篇数", r"其中(\d+)篇获全省", None),
    ("竞赛日期", r"(\d+月\d+日),“奋进新时代”知识竞赛", r"(\d+月\d+日),“永远跟党走”知识竞赛"),
    ("代表队", r"(\d+)支代表队参赛", r"(\d+)支代表队角逐"), ("竞赛一等奖", r"(市[^,、]{2,8}?)代表队获一等奖", r"(市[^,、]{2,8}?)代表队捧得一等奖"),
    ("明察暗访", r"明察暗访机关作风(\d+)次", r"明察暗访全年开展(\d+)次"), ("通报", r"通报典型问题(\d+)起", None),
    ("信访举报", r"受理信访举报(\d+)件", None), ("立案", r"立案(\d+)件", None),
    ("处分", r"(\d+)人受到党纪政务处分", r"给予党纪政务处分(\d+)人"),
    ("警示教育", r"共(\d+)人次", None),
    ("第一书记", r"第一书记(\d+)名", None), ("帮扶资金", r"帮扶资金([\d.]+)万元", None),
    ("帮扶项目", r"帮扶项目(\d+)个", None), ("帮扶户数", r"帮助(\d+)户", None),
    ("消费帮扶", r"采购农产品([\d.]+)万元", None),
    ("运动会日期", r"(\d+月\d+日至\d+日),市直机关第", None),
    ("运动会届次", r"第([一二三四五六七八九十\d]+)届职工运动会", None),
    ("运动会单位", r"(\d+)个单位\d+余名运动员", None), ("运动员", r"(\d+)余名运动员", None),
    ("团体第一", r"(市[^,、]{2,8}?)代表队的团体总分位列第一", r"第(?:一|1)名为(市[^,、。]{2,8}?)代表队"),
    ("团员", r"发展团员(\d+)名", None), ("巾帼文明岗", r"巾帼文明岗”(\d+)个", None),
    ("慰问金", r"慰问金([\d.]+)万元", None),
]


def xz_fold(t):
    return norm(t.replace("\n", ""))


def check_xuzhou2021(union, text, errors):
    path = os.path.join(NEW, XZ)
    data = read_bytes(path)
    try:
        page = data.decode("utf-8")
    except UnicodeDecodeError:
        errors.append("%s: must be UTF-8" % XZ)
        return
    if html_charset(data) != "utf-8" or not re.search(r'<meta charset="utf-8">', page):
        errors.append("%s: <meta charset=\"utf-8\"> wanted" % XZ)
    p = parse_html(path)
    lines = p.lines
    nav = re.search(r'<div class="nav">(.*?)</div>', page, re.S)
    if not nav or len(re.findall(r"<li>", nav.group(1))) < 5:
        errors.append("%s: a site navigation of >= 5 links wanted" % XZ)
    if not any(re.search(r"位置[:：].*首页 > .+ > 正文", ln) for ln in lines):
        errors.append("%s: a breadcrumb wanted" % XZ)
    if not any(re.match(r"发布时间[:：]\d{4}-\d\d-\d\d", ln) for ln in lines):
        errors.append("%s: a 发布时间 line wanted" % XZ)
    if not any("来源：" in ln and "作者：" in ln for ln in lines):
        errors.append("%s: a 来源/作者 line wanted" % XZ)
    if not any(ln.startswith("分享到") for ln in lines):
        errors.append("%s: share buttons wanted" % XZ)
    rel = re.search(r"相关阅读</h3>\s*<ul>(.*?)</ul>", page, re.S)
    if not rel or len(re.findall(r"<li>", rel.group(1))) < 3:
        errors.append("%s: a 相关阅读 list of >= 3 titles wanted" % XZ)
    foot = re.search(r'<div class="footer">(.*?)</div>', page, re.S)
    if not foot or not all(w in foot.group(1) for w in ("版权所有", "ICP备", "联系电话")):
        errors.append("%s: a footer with 版权所有, ICP备 and 联系电话 wanted" % XZ)
    content = re.search(r'<div class="content">(.*?)</div>', page, re.S)
    n_p = len(re.findall(r"<p[ >]", content.group(1))) if content else 0
    if n_p < 15:
        errors.append("%s: an article body of <p> paragraphs wanted (%d)" % (XZ, n_p))
    trad = sorted(set(ch for ch in text if ch in TRAD))
    if trad:
        errors.append("%s: traditional characters found: %s" % (XZ, "".join(trad)))
    if re.search(r"[０-９]", text):
        errors.append("%s: ASCII digits only wanted" % XZ)
    years_only(XZ, text, ["2021", "2022"], errors)
    art = [ln for ln in lines if "。" in ln]
    if "2022" in "\n".join(art[:-1]):
        errors.append("%s: 2022 may only occur in the publication date and the closing plans" % XZ)
    t = xz_fold(text)
    for k in XZ_OLD_NAMES:
        if k in t:
            errors.append("%s: names %s, a venue or name of the 2020 report" % (XZ, k))
    old_path = [os.path.join(d, XZ_OLD) for d in UNION if os.path.exists(os.path.join(d, XZ_OLD))]
    if not old_path:
        errors.append("%s: %s not found in the union" % (XZ, XZ_OLD))
        return
    old = xz_fold(read_text(old_path[0]))
    compared = 0
    for kind, p_old, p_new in XZ_KINDS:
        now = find_all(p_new or p_old, t)
        before = find_all(p_old, old)
        if len(now) != 1:
            errors.append("%s: %s must be stated exactly once (found %s)" % (XZ, kind, now))
            continue
        if len(before) != 1:
            errors.append("%s: kind %s found %d times in 2020 (%s)" % (XZ, kind, len(before), before))
            continue
        compared += 1
        if now[0] == before[0]:
            errors.append("%s: %s %s equals 2020's value" % (XZ, kind, now[0]))
    if compared < 40:
        errors.append("%s: only %d kinds compared with 2020 (>= 40)" % (XZ, compared))
    holders = sorted(f for f, ot in union.items() if "徐州" in norm(ot))
    if holders != sorted([XZ, XZ_OLD]):
        errors.append("%s: 徐州 must occur only in %s and %s (found %s)" % (XZ, XZ_OLD, XZ, holders))
    INFO[XZ] = "%d lines as read, %d <p> paragraphs in the article; %d kinds of figures compared with 2020, all different" % (
        len(lines), n_p, compared)


# per report: (pattern of 基层党组织 = sum of its parts, contest with only a 一等奖, event with no venue,
# event with no count); patterns run on the text folded to half-width simplified digits
TRAITS = {
    HA: (r"基层党组织(\d+)个,由机关党委(\d+)个、党总支(\d+)个、党支部(\d+)个组成", "演讲比赛",
         ["党的建设工作会议"], ["面向党旗宣誓", "摄影作品展"]),
    LY: (r"基层党组织共(\d+)个,其中机关党委(\d+)个、党总支(\d+)个、党支部(\d+)个", "知识竞赛",
         ["党建工作会议", "主题健步走"], ["面向党旗宣誓", "主题健步走"]),
    XZ: (r"基层党组织总计(\d+)个,其中机关党委(\d+)个、党总支(\d+)个、党支部(\d+)个", "知识竞赛",
         ["党建工作推进会"], ["面向党旗宣誓"]),
}


def check_reports(union, dev):
    errors = []
    present = sorted(os.listdir(NEW)) if os.path.isdir(NEW) else []
    if present != sorted(NEW_FILES):
        errors.append("corpus/ must hold exactly %s (found %s)" % (sorted(NEW_FILES), present))
    others_all = list(union.items()) + [("dev/" + k, v) for k, v in dev.items()]
    common = {}
    for f in NEW_FILES:
        if f not in union:
            errors.append("missing %s" % f)
            continue
        t = union[f]
        n = len(t.replace("\n", ""))
        if not (1200 <= n <= 1800):
            errors.append("%s: %d characters (outside 1200-1800)" % (f, n))
        figs = set(figures(t))
        if not (40 <= len(figs) <= 90):
            errors.append("%s: %d distinct figures (outside 40-90)" % (f, len(figs)))
        keys, year = SOURCE_KEYS[f]
        title, first = first_paragraph(f, t)
        for k in keys:
            if k not in norm(title) or k not in norm(first):
                errors.append("%s: place %s not in the title and the first paragraph" % (f, k))
        if year not in title or year not in first:
            errors.append("%s: year %s not in the title and the first paragraph" % (f, year))
        fa = flat_norm(t)
        for other, ot in others_all:
            if other == f:
                continue
            for run in shared_runs(t, ot):
                errors.append("%s: 20-character run shared with %s: %r" % (f, other, run))
            for run in shared_runs(fa, flat_norm(ot)):
                errors.append("%s: 20-character run (folded) shared with %s: %r" % (f, other, run))
        own = norm(t).replace("\n", "")
        for k in NEW_PLACES.get(f, []):
            if k not in own:
                errors.append("%s: does not name %s" % (f, k))
            for other, ot in others_all:
                if other != f and k in norm(ot).replace("\n", ""):
                    errors.append("%s: %s also occurs in %s" % (f, k, other))
        for k in BANNED_PLACES + (["徐州"] if f != XZ else []):
            if k in own:
                errors.append("%s: names %s, a place ruled out" % (f, k))
        common[f] = common_traits(f, t, errors)
        pat, contest, venue_less, count_less = TRAITS[f]
        folded = simplified_fold(t)
        sum_of_parts(f, folded, pat, errors)
        first_prize_only(f, folded, contest, errors)
        for w in venue_less:
            no_venue(f, t, w, errors)
        for w in count_less:
            no_count(f, t, w, errors)
    if HA in union:
        check_huaian(os.path.join(NEW, HA), union[HA], errors)
    if LY in union:
        check_longyan(os.path.join(NEW, LY), errors)
    if XZ in union:
        check_xuzhou2021(union, union[XZ], errors)
    for f, s in common.items():
        INFO[f] = INFO.get(f, "") + ("\n    " if f in INFO else "") + s
    return errors


def main():
    if len(sys.argv) > 2 and sys.argv[1] == "--grep":
        texts = load_dirs(UNION)
        texts.update({"dev/" + k: v for k, v in load_dirs([DEV]).items()})
        for w in sys.argv[2:]:
            hits = [f for f, t in texts.items() if w in norm(t).replace("\n", "") or w in t]
            print(w, len(hits), " ".join(hits))
        return 0
    if len(sys.argv) > 2 and sys.argv[1] == "--dump":
        for f in sys.argv[2:]:
            print(read_text(f))
        return 0
    if len(sys.argv) > 1 and sys.argv[1] == "--figures":
        union = load_dirs(UNION)
        for f in NEW_FILES:
            own = figures(union[f])
            for fig in sorted(set(own), key=lambda x: float(x)):
                if len(fig.replace(".", "")) < 3:
                    continue
                hits = [o for o, t in union.items() if o != f and fig in figures(t)]
                print("%s\t%s\tx%d\t%s" % (f, fig, own.count(fig), " ".join(hits)))
        return 0
    status = 0
    union = load_dirs(UNION)
    real = load_dirs([REAL])
    dev = load_dirs([DEV])
    errors = check_reports(union, dev)
    print("== eval/holdout22/corpus  (union: %d reports; eval/dev/corpus: %d)" % (len(union), len(dev)))
    for name in NEW_FILES:
        if name in union:
            t = union[name]
            print("  %s: %d characters, %d distinct figures"
                  % (name, len(t.replace("\n", "")), len(set(figures(t)))))
            if name in INFO:
                print("    " + INFO[name])
    for e in errors:
        print("  ERROR: " + e)
    if errors:
        status = 1
    runs = [
        (os.path.join(HERE, "bundled.jsonl"), "xa", real,
         {"number": 20, "date": 4, "place": 5, "describe": 6, "refusal": 15}, True),
        (os.path.join(HERE, "extended.jsonl"), "xb", union,
         {"number": 20, "date": 4, "place": 8, "describe": 3, "refusal": 15}, False),
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
