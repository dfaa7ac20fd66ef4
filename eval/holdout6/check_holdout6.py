#!/usr/bin/env python3
"""Check eval/holdout6/bundled.jsonl, eval/holdout6/extended.jsonl and the three new reports.

Plain Python, no dependencies (html.parser from the standard library).  Usage (from anywhere):

    python3 eval/holdout6/check_holdout6.py        # exit 0 = OK, 1 = errors

Question files: valid JSON per line, the seven fields in order, ids in order (w001.. / y001..),
split "holdout6", type values, counts per type, 15 refusals per file with empty
answers/evidence/source and a recorded kind (at least 8 of kind c/d), sources in the right corpus
(`corpus/` for bundled; the union for extended, with at least 27 questions on the new reports),
evidence 6-25 characters, without a line break, verbatim in its source (for the HTML page: inside
the text of one <p>, entities decoded), every answer found in the source and inside its evidence
after normalising (full-width -> half-width, traditional -> simplified, Chinese numerals ->
digits), Chinese-numeral alternatives listed after their digits, describe answers without
figures, questions in simplified characters naming their report's place (and year), asked
figures of three or more digits that occur in no other report of the union (extended; for bundled
in no other report of corpus/), asked figures that occur once in their report (warning).

New reports: encoding and punctuation, title and place + year in the text, 1400-2000 characters,
40-80 distinct figures, the HTML page's markup (title, nav menu, 发布时间 header, footer with
版权所有/地址/电话/ICP, 相关新闻 with other years, entities), and that the 惠州 2018 article,
惠州 2019 and 博罗县直 2018 give different values for the same kinds of figures.
"""
import json
import os
import re
import sys
from html.parser import HTMLParser

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
REAL = os.path.join(ROOT, "corpus")
EXT = os.path.join(ROOT, "eval", "extended", "corpus")
H4 = os.path.join(ROOT, "eval", "holdout4", "corpus")
H5 = os.path.join(ROOT, "eval", "holdout5", "corpus")
NEW = os.path.join(HERE, "corpus")
UNION = [REAL, EXT, H4, H5, NEW]
FIELDS = ["id", "question", "answers", "evidence", "type", "source", "split"]
TYPES = {"number", "date", "place", "describe", "refusal"}
SPLIT = "holdout6"

HZ19 = "huizhou_2019.txt"
BOLUO = "boluo_county_2018.txt"
LISHUI = "lishui_2017.html"
HZ18 = "huizhou_notice_web.txt"          # eval/holdout5/corpus, dated 2018, body says only 今年
NEW_FILES = [HZ19, BOLUO, LISHUI]

# expected counts per type
EXPECTED = {
    "bundled": {"number": 22, "date": 4, "place": 4, "describe": 5, "refusal": 15},
    "extended": {"number": 23, "date": 4, "place": 5, "describe": 3, "refusal": 15},
}

# kind of every refusal: a = a year the corpus lacks, b = a place the corpus lacks, c = a figure
# the report's topic suggests but it does not state, d = another attribute of an event the report
# describes, e = a year/place mix, f = boilerplate (footer / 相关新闻) that is not the committee's
REFUSAL_KINDS = {
    "w006": "a", "w010": "c", "w014": "b", "w018": "c", "w022": "c", "w026": "c", "w030": "c",
    "w033": "d", "w037": "d", "w040": "d", "w043": "d", "w046": "a", "w048": "d", "w049": "e",
    "w050": "b",
    "y005": "a", "y010": "c", "y015": "c", "y020": "c", "y025": "c", "y030": "d", "y034": "e",
    "y037": "d", "y039": "d", "y042": "f", "y046": "c", "y047": "d", "y048": "a", "y049": "b",
    "y050": "b",
}

# traditional -> simplified, for the characters of the traditional reports of the union
TRAD = "佈來個偉備傳僑儉優內兩冊別則創劃動務勞勢勸匯區協參員問喬單嚴國圍園團堅報場壩夠奮婦學宮實寧審將專對導屆層屬崗師帶幗幫幹幾庫廣廳強從徹態慶應懷掛換揮擇擔據擴擾數斷時書會東條業極構標機檢欄歡歷歸決沒況涼準溫滯滿濟為熱營爭獄獎獲現環產當發監眾確礎稅種積穎競範簡紀紅紙級紛紮組結絡給統綏經綜綠網緊線編緬縣縱總績織繞繼續羅義習聯職脫腦臺與興舉華萬藝蘇處號術衛裝見視親覺觀計討訓記訪設註評詞詢試話該認語誤課誼調談請論諸謀講證識議讀變讓豐負財貧貫責貴買費資賓質購賽贈軍較載輸輿轄轉辦農這連週進遊運過達違遷選還鄉鋒錢錦鎮鐵長門開間關闡陽隊際雖離難電韋響項預領頭題顒願類顯風餘館饋馬駐驗體鬥點黨龍"
SIMP = "布来个伟备传侨俭优内两册别则创划动务劳势劝汇区协参员问乔单严国围园团坚报场坝够奋妇学宫实宁审将专对导届层属岗师带帼帮干几库广厅强从彻态庆应怀挂换挥择担据扩扰数断时书会东条业极构标机检栏欢历归决没况凉准温滞满济为热营争狱奖获现环产当发监众确础税种积颖竞范简纪红纸级纷扎组结络给统绥经综绿网紧线编缅县纵总绩织绕继续罗义习联职脱脑台与兴举华万艺苏处号术卫装见视亲觉观计讨训记访设注评词询试话该认语误课谊调谈请论诸谋讲证识议读变让丰负财贫贯责贵买费资宾质购赛赠军较载输舆辖转办农这连周进游运过达违迁选还乡锋钱锦镇铁长门开间关阐阳队际虽离难电韦响项预领头题颙愿类显风余馆馈马驻验体斗点党龙"
T2S = str.maketrans(TRAD, SIMP)
FW = str.maketrans("０１２３４５６７８９．％，：；（）", "0123456789.%,:;()")

# (place keywords, year or None) per source: an answerable question must name them
SOURCE_KEYS = {
    "000_7fb3e329b878b41a.txt": (["中山"], "2011"),
    "001_2a77a74c8cabfc6c.txt": (["枣庄"], "2009"),
    "002_51ca3736beda86ca.txt": (["中山"], None),
    "003_360ce489d0b5e1c8.txt": (["广西", "自治区"], None),
    "004_e6ce74bfb9ddebab.txt": (["海南"], "2020"),
    HZ19: (["惠州"], "2019"),
    BOLUO: (["博罗"], "2018"),
    LISHUI: (["丽水"], "2017"),
    # the article is dated 2018-07-12 (发布时间) and its body says only 今年 / 上半年;
    # the questions of this set name 2018 all the same
    HZ18: (["惠州"], "2018"),
}

CN_DIG = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
          "六": 6, "七": 7, "八": 8, "九": 9}
CN_UNIT = {"十": 10, "百": 100, "千": 1000}
CN_CHARS = "".join(CN_DIG) + "".join(CN_UNIT)


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
    """runs with a unit character, or a single digit before a measure word"""
    def rep(m):
        return str(cn_to_int(m.group(0)))
    return re.sub(r"[一二三四五六七八九十百千零两]*[十百千][一二三四五六七八九十百千零]*"
                  r"|[一二三四五六七八九](?=[个名眼期场件篇人项次起])", rep, text)


class PageParser(HTMLParser):
    """text of each <p> (entities decoded) and all visible text of a saved page"""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.paragraphs, self.visible, self.tags = [], [], []
        self.in_p = 0
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag == "p":
            self.in_p += 1
            self.paragraphs.append("")
        if tag in ("script", "style"):
            self.skip += 1

    def handle_endtag(self, tag):
        if tag == "p" and self.in_p:
            self.in_p -= 1
        if tag in ("script", "style") and self.skip:
            self.skip -= 1

    def handle_data(self, data):
        if self.skip:
            return
        self.visible.append(data)
        if self.in_p:
            self.paragraphs[-1] += data


class Doc:
    def __init__(self, path):
        self.name = os.path.basename(path)
        self.raw = open(path, "rb").read()
        try:
            self.text = self.raw.decode("utf-8")
            self.encoding = "utf-8"
        except UnicodeDecodeError:
            self.text = self.raw.decode("gb18030")
            self.encoding = "gb18030"
        self.html = self.name.endswith((".html", ".htm"))
        if self.html:
            p = PageParser()
            p.feed(self.text)
            self.paragraphs = [x.strip() for x in p.paragraphs]
            self.visible = "\n".join(x.strip() for x in p.visible if x.strip())
            self.tags = p.tags
            # what a question may be answered from: the article text, one <p> per line
            self.answer_text = "\n".join(self.paragraphs)
        else:
            self.paragraphs = None
            self.visible = self.text
            self.answer_text = self.text


def load_dir(d):
    return {f: Doc(os.path.join(d, f)) for f in sorted(os.listdir(d))
            if f.endswith((".txt", ".html"))}


def norm(s):
    return cn_numerals_to_digits(s.translate(FW).translate(T2S))


def variants(text):
    base = text.translate(FW)
    out = [text, base, base.translate(T2S)]
    out += [cn_numerals_to_digits(v) for v in out]
    return out


def figures(text):
    """distinct figures (digits, decimals) of a text, Chinese numerals converted"""
    t = cn_numerals_to_digits(text.translate(FW))
    return set(re.findall(r"(?<![0-9.])[0-9]+(?:\.[0-9]+)?(?![0-9])", t))


def figure_count(text, fig):
    """occurrences of a figure as a whole number in the normalised text"""
    t = cn_numerals_to_digits(text.translate(FW))
    core = re.escape(re.sub(r"[余多万近]+$", "", fig))
    return len(re.findall(r"(?<![0-9.])" + core + r"(?![0-9]|\.[0-9])", t))


def figure_count_any(doc, fig):
    """occurrences in a report's text, also with the line breaks of hard-wrapped files removed
    (a wrap may split a figure); for a web page, in its visible text"""
    n = figure_count(doc.visible, fig)
    if not doc.html:
        n = max(n, figure_count(doc.visible.replace("\r", "").replace("\n", ""), fig))
    return n


def check_items(path, prefix, kind, docs, allowed, uniq_docs, new_names):
    errors, warnings = [], []
    counts_type, counts_src = {}, {}
    lines = open(path, encoding="utf-8").read().splitlines()
    items = []
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
        if any(ch in TRAD for ch in q):
            errors.append("%s: question has traditional characters" % where)
        if json.dumps(d, ensure_ascii=False) != line:
            warnings.append("%s: line not written as json.dumps(..., ensure_ascii=False)" % where)
        counts_type[d["type"]] = counts_type.get(d["type"], 0) + 1
        counts_src[d["source"]] = counts_src.get(d["source"], 0) + 1
        if d["type"] == "refusal":
            if d["answers"] or d["evidence"] or d["source"]:
                errors.append("%s: refusal must have empty answers, evidence and source" % where)
            if d["id"] not in REFUSAL_KINDS:
                errors.append("%s: refusal without a kind in REFUSAL_KINDS" % where)
            continue
        if d["id"] in REFUSAL_KINDS:
            errors.append("%s: answerable question listed in REFUSAL_KINDS" % where)
        if not d["answers"]:
            errors.append("%s: empty answers but type %s" % (where, d["type"]))
            continue
        src = d["source"]
        if src not in docs:
            errors.append("%s: source %r not in the corpora" % (where, src))
            continue
        if src not in allowed:
            errors.append("%s: source %s not allowed for this set" % (where, src))
        doc = docs[src]
        ev = d["evidence"]
        if not (6 <= len(ev) <= 25):
            errors.append("%s: evidence length %d not in 6-25" % (where, len(ev)))
        if "\n" in ev:
            errors.append("%s: evidence crosses a line break" % where)
        if doc.html:
            if not any(ev in p for p in doc.paragraphs):
                errors.append("%s: evidence not inside one <p> of %s: %r" % (where, src, ev))
        elif ev not in doc.text:
            errors.append("%s: evidence not verbatim in %s: %r" % (where, src, ev))
        vs, evs = variants(doc.answer_text), variants(ev)
        for a in d["answers"]:
            na = norm(a)
            if not any(na in v or a in v for v in vs):
                errors.append("%s: answer %r not found in %s" % (where, a, src))
            if not any(na in v or a in v for v in evs):
                errors.append("%s: answer %r not inside the evidence %r" % (where, a, ev))
            if a != a.translate(FW):
                errors.append("%s: answer %r has full-width characters" % (where, a))
            if "%" in a or "约" in a:
                errors.append("%s: answer %r keeps %% or 约" % (where, a))
        # Chinese-numeral alternatives: digits first, the Chinese form after, same value
        for i, a in enumerate(d["answers"]):
            core = re.sub(r"[余多万近]+$", "", a)
            if core and all(ch in CN_CHARS for ch in core):
                if i == 0:
                    errors.append("%s: Chinese-numeral answer %r listed before the digits" % (where, a))
                elif str(cn_to_int(core)) + a[len(core):] != d["answers"][0]:
                    errors.append("%s: %r is not the Chinese form of %r" % (where, a, d["answers"][0]))
        if d["type"] == "describe" and any(re.search(r"[0-9０-９]", a) for a in d["answers"]):
            errors.append("%s: describe answers must hold no figures" % where)
        keys, year = SOURCE_KEYS.get(src, ([], None))
        if not keys:
            errors.append("%s: no SOURCE_KEYS entry for %s" % (where, src))
        if keys and not any(k in q for k in keys):
            errors.append("%s: question does not name the place (%s)" % (where, "/".join(keys)))
        if year and year not in q:
            errors.append("%s: question does not name the year %s" % (where, year))
        if d["type"] == "number":
            fig = norm(d["answers"][0])
            if not re.fullmatch(r"[0-9.]+[余多万近]*", fig):
                errors.append("%s: number answer %r is not a bare figure" % (where, d["answers"][0]))
                continue
            c = figure_count(doc.answer_text, fig)
            if c > 1:
                warnings.append("%s: figure %s occurs %d times in %s (the question says which)"
                                % (where, fig, c, src))
            core = re.sub(r"[余多万近]+$", "", fig)
            if len(core.replace(".", "")) >= 3:
                for other, od in uniq_docs.items():
                    if other != src and figure_count_any(od, fig):
                        msg = "%s: asked figure %s also occurs in %s" % (where, fig, other)
                        (errors if kind == "extended" else warnings).append(msg)
    exp = EXPECTED[kind]
    if len(items) != 50:
        errors.append("%s: %d questions, expected 50" % (path, len(items)))
    for t, k in exp.items():
        if counts_type.get(t, 0) != k:
            errors.append("%s: %d %s questions, expected %d" % (path, counts_type.get(t, 0), t, k))
    ref_ids = [d["id"] for d in items if d.get("type") == "refusal"]
    cd = sum(1 for i in ref_ids if REFUSAL_KINDS.get(i) in ("c", "d"))
    if cd < 8:
        errors.append("%s: only %d refusals of kind c/d (< 8)" % (path, cd))
    if kind == "bundled":
        for s in allowed:
            if counts_src.get(s, 0) < 4:
                errors.append("%s: only %d questions on %s" % (path, counts_src.get(s, 0), s))
    else:
        k = sum(v for s, v in counts_src.items() if s in new_names)
        if k < 27:
            errors.append("%s: only %d questions on the new reports (< 27)" % (path, k))
        for s in new_names:
            if counts_src.get(s, 0) < 8:
                errors.append("%s: only %d questions on %s" % (path, counts_src.get(s, 0), s))
    kinds = {}
    for i in ref_ids:
        kinds[REFUSAL_KINDS.get(i, "?")] = kinds.get(REFUSAL_KINDS.get(i, "?"), 0) + 1
    return errors, warnings, counts_type, counts_src, kinds


CONTRAST = [  # label, regex on the normalised text (full-width -> ASCII, Chinese numerals -> digits)
    ("基层党组织", r"管理基层党组织([0-9]+)个"),
    ("机关党委", r"机关党委([0-9]+)个"),
    ("党总支", r"党总支([0-9]+)个"),
    ("党支部", r"、党支部([0-9]+)个"),
    ("党员", r"党支部[0-9]+个,党员([0-9]+)名"),
    ("发展党员", r"发展党员([0-9]+)名"),
    ("预备党员转正", r"预备党员转正([0-9]+)名"),
    ("发展对象", r"发展对象([0-9]+)名"),
    ("五星党支部", r"“五星党支部”([0-9]+)个"),
    ("四星党支部", r"“四星党支部”([0-9]+)个"),
    ("培训班 期", r"培训班([0-9]+)期"),
    ("党支部书记培训班 人数", r"培训党支部书记([0-9]+)名"),
    ("先进基层党组织", r"先进基层党组织([0-9]+)个"),
    ("优秀共产党员", r"优秀共产党员([0-9]+)名"),
    ("优秀党务工作者", r"优秀党务工作者([0-9]+)名"),
    ("表彰大会 参加", r"约([0-9]+)名党员"),
    ("明察暗访", r"明察暗访([0-9]+)次"),
    ("通报典型问题", r"通报典型问题([0-9]+)起"),
    ("信访举报", r"受理信访举报([0-9]+)件"),
    ("立案", r"立案([0-9]+)件"),
    ("党纪政务处分", r"党纪政务处分([0-9]+)人"),
    ("警示教育", r"警示教育([0-9]+)余人次"),
    ("帮扶资金", r"帮扶资金([0-9.]+)万元"),
    ("帮扶项目", r"帮扶项目([0-9]+)个"),
    ("相对贫困村", r"相对贫困村([0-9]+)个"),
    ("气排球 代表队", r"([0-9]+)支代表队"),
    ("发展团员", r"发展团员([0-9]+)人"),
    ("巾帼文明岗", r"“巾帼文明岗”([0-9]+)个"),
]


def contrast_values(text):
    t = cn_numerals_to_digits(text.translate(FW))
    return {label: sorted(set(re.findall(rx, t))) for label, rx in CONTRAST}


def check_new_files(new, union):
    errors, warnings, info = [], [], []

    def need(cond, msg):
        if not cond:
            errors.append(msg)

    for name in NEW_FILES:
        need(name in new, "missing new report %s" % name)
    if errors:
        return errors, warnings, info
    for name in NEW_FILES:
        d = new[name]
        need(d.encoding == "utf-8", "%s: not UTF-8" % name)
        body = "\n".join(d.paragraphs) if d.html else d.text
        n = len(body.replace("\n", ""))
        need(1400 <= n <= 2000, "%s: %d characters of report text (outside 1400-2000)" % (name, n))
        figs = figures(body)
        need(40 <= len(figs) <= 80, "%s: %d distinct figures (outside 40-80)" % (name, len(figs)))
        info.append("%s: %d characters, %d distinct figures" % (name, n, len(figs)))
    # 惠州 2019: yearbook entry, ASCII commas like the real 中山 2011 entry
    t = new[HZ19].text
    first = t.splitlines()[0]
    need(first == "惠州市直机关工委工作(2019)", "%s: title line %r" % (HZ19, first))
    need("2019年" in t and "惠州市直机关" in t, "%s: place/year not stated" % HZ19)
    need("," in t and "，" not in t, "%s: must use ASCII ',' only" % HZ19)
    need(not re.search(r"[０-９]", t), "%s: has full-width digits" % HZ19)
    # 博罗县直 2018: county committee, full-width punctuation, Chinese numerals, full-width digits
    t = new[BOLUO].text
    first = t.splitlines()[0]
    need("博罗县直机关工委" in first and "2018" in first, "%s: title line %r" % (BOLUO, first))
    need("县直机关" in t and "市直机关工委的指导" in t, "%s: county traits missing" % BOLUO)
    need("，" in t and "," not in t, "%s: must use full-width '，' only" % BOLUO)
    need(len(re.findall(r"[０-９]+", t)) >= 10, "%s: too few full-width figures" % BOLUO)
    cn_figs = re.findall(r"[一二三四五六七八九十百零]+(?=[个名期场人次])", t)
    need(len(cn_figs) >= 8, "%s: too few Chinese-numeral figures (%d)" % (BOLUO, len(cn_figs)))
    need("九十六名" in t, "%s: 发展党员九十六名 missing" % BOLUO)
    # 丽水 2017: a saved web page
    d = new[LISHUI]
    raw = d.text
    for tag in ("html", "head", "title", "body", "div", "p", "ul", "li"):
        need(tag in d.tags, "%s: no <%s>" % (LISHUI, tag))
    m = re.search(r"<title>(.*?)</title>", raw, re.S)
    need(bool(m) and "2017年丽水市直机关党建工作综述" in m.group(1), "%s: <title> %r" % (LISHUI, m and m.group(1)))
    for ent in ("&nbsp;", "&ldquo;", "&rdquo;"):
        need(ent in raw, "%s: no %s entity" % (LISHUI, ent))
    vis = d.visible
    for word in ("发布时间", "版权所有", "地址", "电话", "ICP", "相关新闻", "上一篇", "下一篇"):
        need(word in vis, "%s: no %s in the page" % (LISHUI, word))
    rel = vis[vis.index("相关新闻"):] if "相关新闻" in vis else ""
    need("2016年" in rel and "2018年" in rel, "%s: 相关新闻 must name other years" % LISHUI)
    need("丽水" in d.paragraphs[0] and "2017年" in d.paragraphs[0], "%s: first <p> lacks place/year" % LISHUI)
    for word in ("版权所有", "ICP", "电话", "相关新闻", "发布时间"):
        need(not any(word in p for p in d.paragraphs), "%s: %s inside a <p>" % (LISHUI, word))
    # 3+-digit figures of the new reports that occur in another report of the union (info)
    for name in NEW_FILES:
        body = "\n".join(new[name].paragraphs) if new[name].html else new[name].text
        shared = []
        for f in sorted(figures(body)):
            if len(f.replace(".", "")) < 3 or re.fullmatch(r"20[0-2][0-9]", f):
                continue
            others = [o for o, od in union.items() if o != name and figure_count_any(od, f)]
            if others:
                shared.append("%s (%s)" % (f, ", ".join(others)))
        if shared:
            warnings.append("%s: figures also in other reports (not asked): %s" % (name, "; ".join(shared)))
    # contrast: the same kinds of figures differ between 惠州 2018, 惠州 2019 and 博罗县直 2018
    if HZ18 in union:
        cv = {name: contrast_values(union[name].visible) for name in (HZ18, HZ19, BOLUO)}
        for label, _ in CONTRAST:
            vals = [set(cv[n][label]) for n in (HZ18, HZ19, BOLUO)]
            for i in range(3):
                for j in range(i + 1, 3):
                    same = vals[i] & vals[j]
                    if same:
                        errors.append("contrast %s: %s and %s share %s" % (
                            label, (HZ18, HZ19, BOLUO)[i], (HZ18, HZ19, BOLUO)[j], sorted(same)))
        info.append("contrast (惠州 2018 / 惠州 2019 / 博罗县直 2018):")
        for label, _ in CONTRAST:
            info.append("  %-12s %s" % (label, " / ".join(",".join(cv[n][label]) or "-" for n in (HZ18, HZ19, BOLUO))))
    else:
        errors.append("%s not found in eval/holdout5/corpus" % HZ18)
    return errors, warnings, info


def main():
    status = 0
    real = load_dir(REAL)
    union = {}
    for d in UNION:
        for k, v in load_dir(d).items():
            if k in union:
                print("ERROR: file name %s occurs in two corpora" % k)
                status = 1
            union[k] = v
    new = load_dir(NEW)
    errors, warnings, info = check_new_files(new, union)
    print("== eval/holdout6/corpus")
    for line in info:
        print("  " + line)
    for w in warnings:
        print("  WARNING: " + w)
    for e in errors:
        print("  ERROR: " + e)
    if errors:
        status = 1
    runs = [
        (os.path.join(HERE, "bundled.jsonl"), "w", "bundled", real, set(real), real, set()),
        (os.path.join(HERE, "extended.jsonl"), "y", "extended", union,
         set(new) | {HZ18} | set(load_dir(EXT)) | set(load_dir(H4)) | set(real), union, set(new)),
    ]
    for path, prefix, kind, docs, allowed, uniq, new_names in runs:
        errors, warnings, ct, cs, kinds = check_items(path, prefix, kind, docs, allowed, uniq, new_names)
        print("== %s" % os.path.relpath(path, ROOT))
        print("  types:   " + ", ".join("%s %d" % (k, ct[k]) for k in sorted(ct)))
        print("  sources: " + ", ".join("%s %d" % (k or '""', cs[k]) for k in sorted(cs)))
        print("  refusal kinds: " + ", ".join("%s %d" % (k, kinds[k]) for k in sorted(kinds)))
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
