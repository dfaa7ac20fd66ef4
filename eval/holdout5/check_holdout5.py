#!/usr/bin/env python3
"""Check eval/holdout5/bundled.jsonl and eval/holdout5/extended.jsonl against their corpora,
and the traits of the three written reports in eval/holdout5/corpus/.

Plain Python, no dependencies.  Usage (from anywhere):

    python3 eval/holdout5/check_holdout5.py        # exit 0 = OK, 1 = errors

Question files: valid JSON per line, the seven fields in order, ids in order (u001.. / v001..),
split "holdout5", type values, exact counts per type, refusals with empty answers/evidence/source,
sources in the right corpus (corpus/ for bundled; the union for extended, >= 33 on the new
reports), evidence 6-25 characters without a line break found verbatim in the decoded source
(UTF-8, else GB18030), each answer found in the source and consistent with its evidence after
folding full-width -> half-width, traditional -> simplified (table below) and Chinese numerals ->
digits (an answer split by a hard wrap must lie in the evidence joined with the neighbouring
line), answer format (bare figures, digits first for Chinese numerals, date ranges with the start
date second, describe answers without figures), questions in simplified characters naming their
report's place and year, and the uniqueness of asked figures of three or more digits across the
union corpus.

Reports: GBK bytes and hard wraps with split figures (zz_2011_gbk.txt), no year in the body and
web boilerplate (huizhou_notice_web.txt), traditional characters with full-width punctuation,
ASCII digits, 餘 and 萬元 with decimals (nanning_2015_trad.txt); for all three: title on the first
line, place (and year) in the first paragraph, 1400-2000 characters, 40-80 distinct figures, and
no sentence copied from another report.
"""
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
REAL = os.path.join(ROOT, "corpus")
EXT = os.path.join(ROOT, "eval", "extended", "corpus")
H4 = os.path.join(ROOT, "eval", "holdout4", "corpus")
NEW = os.path.join(HERE, "corpus")
UNION = [REAL, EXT, H4, NEW]
FIELDS = ["id", "question", "answers", "evidence", "type", "source", "split"]
TYPES = ["number", "date", "place", "describe", "refusal"]
SPLIT = "holdout5"

NEW_FILES = ["zz_2011_gbk.txt", "huizhou_notice_web.txt", "nanning_2015_trad.txt"]
WRAPPED = {"zz_2011_gbk.txt", "zs_2013_gb18030.txt", "ly_2016_gb18030.txt",
           "001_2a77a74c8cabfc6c.txt"}

# expected counts per type
EXPECT = {
    "bundled.jsonl": {"number": 28, "date": 5, "place": 4, "describe": 5, "refusal": 18},
    "extended.jsonl": {"number": 31, "date": 5, "place": 6, "describe": 3, "refusal": 15},
}
MIN_NEW_EXTENDED = 33
MIN_PER_REAL_REPORT = 5

# traditional -> simplified, for every character of the traditional reports of the union
# (003_…, sz_2011_trad.txt, cd_2019_trad.txt, nanning_2015_trad.txt) that differs
TRAD = "佈來個偉備傳僑儉優內兩冊別則創劃動務勞勢勸匯區協參員問喬單嚴國圍園團執堅報場壇壩夠奮婦學宮實寧審將專對導屆層屬崗師帶幗幫幹幾庫廣廳強從徹態慶應懷掛換揮擇擔據擴擺擾數斷時書會東條業極構標機檢欄歡歷歸決沒況涼渙測準溫滯滿濟為熱營爭獄獎獲獻現環產當發監眾確礎稅種積穎競範簡紀紅紙級紛紮組結絡給統綏經綜綠網緊線編緬縣縱總績織繞繼續羅義習聯職脫腦臺與興舉華萬著藝蘇處號術衛裝見視親覺觀計討訓記訪設註評詞詢試話該認語誤課誼調談請論諸謀講證識議讀變讓豐負財貢貧貫責貴買費資賓質購賽贈軍軟較載輸輿轄轉辦農這連週進遊運過達違遷選還鄉鋒錢錦鎮鐵長門開間關闡陽隊際雖離難電韋響項預頓領頭題顒願類顯風餘館饋馬駐驗體鬥點黨龍"
SIMP = "布来个伟备传侨俭优内两册别则创划动务劳势劝汇区协参员问乔单严国围园团执坚报场坛坝够奋妇学宫实宁审将专对导届层属岗师带帼帮干几库广厅强从彻态庆应怀挂换挥择担据扩摆扰数断时书会东条业极构标机检栏欢历归决没况凉涣测准温滞满济为热营争狱奖获献现环产当发监众确础税种积颖竞范简纪红纸级纷扎组结络给统绥经综绿网紧线编缅县纵总绩织绕继续罗义习联职脱脑台与兴举华万着艺苏处号术卫装见视亲觉观计讨训记访设注评词询试话该认语误课谊调谈请论诸谋讲证识议读变让丰负财贡贫贯责贵买费资宾质购赛赠军软较载输舆辖转办农这连周进游运过达违迁选还乡锋钱锦镇铁长门开间关阐阳队际虽离难电韦响项预顿领头题颙愿类显风余馆馈马驻验体斗点党龙"
assert len(TRAD) == len(SIMP)
T2S = str.maketrans(TRAD, SIMP)
FW = str.maketrans("０１２３４５６７８９．％，：（）", "0123456789.%,:()")
# characters of TRAD that are also ordinary simplified characters
TRAD_ALSO_SIMP = set("著")

# (place keywords, year or None) per source: an answerable question must name them
SOURCE_KEYS = {
    "000_7fb3e329b878b41a.txt": (["中山"], "2011"),
    "001_2a77a74c8cabfc6c.txt": (["枣庄"], "2009"),
    "002_51ca3736beda86ca.txt": (["中山"], None),
    "003_360ce489d0b5e1c8.txt": (["广西", "自治区"], None),
    "004_e6ce74bfb9ddebab.txt": (["海南"], "2020"),
    "zs_2012.txt": (["中山"], "2012"),
    "zs_2013_gb18030.txt": (["中山"], "2013"),
    "zz_2010.txt": (["枣庄"], "2010"),
    "sz_2011_trad.txt": (["苏州"], "2011"),
    "jx_2012_web.txt": (["江西"], "2012"),
    "gz_2012.txt": (["广州"], "2012"),
    "hn_2021.txt": (["海南"], "2021"),
    "ly_2016_gb18030.txt": (["洛阳"], "2016"),
    "guizhou_2018_web.txt": (["贵州"], "2018"),
    "cd_2019_trad.txt": (["成都"], "2019"),
    "zz_2011_gbk.txt": (["枣庄"], "2011"),
    "huizhou_notice_web.txt": (["惠州"], None),   # year only in 发布时间 (2018): 今年 / 2018年 / none
    "nanning_2015_trad.txt": (["南宁"], "2015"),
}

CN_DIG = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
          "六": 6, "七": 7, "八": 8, "九": 9}
CN_UNIT = {"十": 10, "百": 100, "千": 1000}
CN_CHARS = "零〇一二两三四五六七八九十百千"


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
    """runs with a unit character (一百二十三, 六十四, 八十), or a single digit before a measure word"""
    def rep(m):
        return str(cn_to_int(m.group(0)))
    return re.sub(r"[一二三四五六七八九十百千零两]*[十百千][一二三四五六七八九十百千零]*"
                  r"|[一二三四五六七八九](?=[个名眼期场件篇人项次])", rep, text)


def read_text(path):
    data = open(path, "rb").read()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("gb18030")


def load_dir(d):
    return {f: read_text(os.path.join(d, f)) for f in sorted(os.listdir(d)) if f.endswith(".txt")}


def norm(s):
    return s.translate(FW).translate(T2S)


def forms(s):
    """normalised forms of a text: folded, and folded with Chinese numerals as digits"""
    n = norm(s)
    return [n, cn_numerals_to_digits(n)]


def figure_core(fig):
    return re.sub(r"[余多万亿]+$", "", re.sub(r"^近", "", fig))


# e-mail addresses, web addresses, phone and registration numbers of page footers are not figures
NOT_FIGURES = re.compile(r"[A-Za-z0-9_.-]+@[A-Za-z0-9.-]+|https?://[^\s　]+|[0-9]{3,4}-[0-9]{7,8}"
                         r"|ICP备[0-9-]+号(-[0-9]+)?|公网安备[0-9]+号|QQ:[0-9]+")


def figure_count(text, fig):
    """occurrences of a figure as a whole number in the folded, unwrapped text"""
    t = cn_numerals_to_digits(norm(text).replace("\n", ""))
    t = NOT_FIGURES.sub(" ", t)
    core = re.escape(figure_core(fig))
    return len(re.findall(r"(?<![0-9.])" + core + r"(?![0-9]|\.[0-9])", t))


def is_cn_numeral(a):
    return bool(re.fullmatch("[" + CN_CHARS + "]+[余多万]*", a))


NUM_RE = re.compile(r"近?[0-9]+(\.[0-9]+)?[余多]?[万亿]?")
DATE_RE = re.compile(r"([0-9]{4}年)?([0-9]{1,2}月)?([0-9]{1,2}日)?(至([0-9]{1,2}月)?[0-9]{1,2}日)?")


def check_answer_format(d, where, errors):
    a0 = d["answers"]
    t = d["type"]
    if t == "number":
        for i, a in enumerate(a0):
            if is_cn_numeral(a):
                if i == 0:
                    errors.append("%s: Chinese-numeral answer %r must come after the digits" % (where, a))
                digits = [x for x in a0 if NUM_RE.fullmatch(x)]
                core = re.sub(r"[余多万]+$", "", a)
                if not digits or str(cn_to_int(core)) != figure_core(digits[0]):
                    errors.append("%s: Chinese numeral %r does not match the digits %r" % (where, a, digits))
            elif not NUM_RE.fullmatch(a):
                errors.append("%s: number answer %r is not a bare figure" % (where, a))
    elif t == "date":
        for a in a0:
            if not DATE_RE.fullmatch(a) or not re.search("[月日年]", a):
                errors.append("%s: date answer %r is not a bare date" % (where, a))
        if "至" in a0[0]:
            start = a0[0].split("至")[0]
            if len(a0) < 2 or a0[1] != start:
                errors.append("%s: date range %r must be followed by its start date %r" % (where, a0[0], start))
    elif t == "describe" or t == "place":
        for a in a0:
            if re.search(r"[0-9０-９]", a):
                errors.append("%s: %s answer %r must hold no figures" % (where, t, a))


def crosses_wrap(text, ev, answer):
    """True if the (normalised) answer starts inside the evidence and runs across the line
    break that ends it, or ends inside the evidence and starts on the line before it: a figure
    split by a hard wrap, whose evidence is the part of the line on one side of the break"""
    p = text.find(ev)
    line_start = text.rfind("\n", 0, p) + 1
    line_end = text.find("\n", p)
    line_end = len(text) if line_end < 0 else line_end
    na, nev = norm(answer), norm(ev)
    if text[p + len(ev):line_end] == "" and line_end < len(text):
        nxt = text[line_end + 1:].split("\n", 1)[0]
        joined = nev + norm(nxt)[:len(na)]
        for i in range(len(nev)):
            if joined.startswith(na, i) and i + len(na) > len(nev):
                return True
    if text[line_start:p] == "" and line_start > 0:
        prev = text[:line_start - 1].rsplit("\n", 1)[-1]
        tail = norm(prev)[-len(na):]
        joined = tail + nev
        for i in range(len(tail)):
            if joined.startswith(na, i) and i + len(na) > len(tail):
                return True
    return False


def check_questions(path, prefix, corpora, bundled):
    errors, warnings, notes = [], [], []
    texts = {}
    for d in corpora:
        texts.update(load_dir(d))
    union = {}
    for d in UNION:
        union.update(load_dir(d))
    real_names = set(load_dir(REAL))
    ct, cs = {}, {}
    lines = open(path, encoding="utf-8").read().splitlines()
    n_items = 0
    for n, line in enumerate(lines, 1):
        try:
            d = json.loads(line)
        except ValueError as e:
            errors.append("line %d: invalid JSON (%s)" % (n, e))
            continue
        n_items += 1
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
            continue
        if not isinstance(d["answers"], list) or not all(isinstance(a, str) and a for a in d["answers"]):
            errors.append("%s: answers must be a list of non-empty strings" % where)
            continue
        q = d["question"]
        if not q.strip():
            errors.append("%s: empty question" % where)
        if any(ch in TRAD and ch not in TRAD_ALSO_SIMP for ch in q):
            errors.append("%s: question has traditional characters" % where)
        ct[d["type"]] = ct.get(d["type"], 0) + 1
        cs[d["source"]] = cs.get(d["source"], 0) + 1
        if d["type"] == "refusal":
            if d["answers"] or d["evidence"] or d["source"]:
                errors.append("%s: refusal must have empty answers, evidence and source" % where)
            continue
        if not d["answers"]:
            errors.append("%s: empty answers but type %s" % (where, d["type"]))
            continue
        src = d["source"]
        if src not in texts:
            errors.append("%s: source %r not in this set's corpus" % (where, src))
            continue
        text = texts[src]
        ev = d["evidence"]
        if not (6 <= len(ev) <= 25):
            errors.append("%s: evidence length %d not in 6-25" % (where, len(ev)))
        if "\n" in ev:
            errors.append("%s: evidence crosses a line break" % where)
        if ev not in text:
            errors.append("%s: evidence not verbatim in %s: %r" % (where, src, ev))
            continue
        check_answer_format(d, where, errors)
        src_forms = forms(text) + forms(text.replace("\n", ""))
        ev_forms = forms(ev)
        for a in d["answers"]:
            na = norm(a)
            if not any(na in v for v in src_forms):
                errors.append("%s: answer %r not found in %s" % (where, a, src))
            elif any(na in v for v in ev_forms):
                pass
            elif src in WRAPPED and crosses_wrap(text, ev, a):
                notes.append("%s: answer %r split by a wrap; evidence %r + neighbouring line" % (where, a, ev))
            else:
                errors.append("%s: answer %r not consistent with evidence %r" % (where, a, ev))
        keys, year = SOURCE_KEYS.get(src, ([], None))
        if not keys:
            errors.append("%s: no place/year keys for %s" % (where, src))
        if keys and not any(k in q for k in keys):
            errors.append("%s: question does not name the place (%s)" % (where, "/".join(keys)))
        if year and year not in q:
            errors.append("%s: question does not name the year %s" % (where, year))
        if d["type"] == "number":
            digits = [a for a in d["answers"] if NUM_RE.fullmatch(a)]
            fig = digits[0] if digits else None
            if fig:
                c = figure_count(text, fig)
                if c == 0:
                    errors.append("%s: figure %s not found as a whole number in %s" % (where, fig, src))
                if c > 1:
                    warnings.append("%s: figure %s occurs %d times in %s (the question must say which)"
                                    % (where, fig, c, src))
                core = figure_core(fig)
                if len(core.replace(".", "")) >= 3:
                    for other, t in union.items():
                        if other == src or not figure_count(t, fig):
                            continue
                        if not bundled or other in NEW_FILES:
                            errors.append("%s: asked figure %s also occurs in %s" % (where, fig, other))
                        elif other in texts:
                            warnings.append("%s: figure %s also occurs in %s (another report of this corpus)"
                                            % (where, fig, other))
                        else:
                            notes.append("%s: figure %s also occurs in %s (outside this set's corpus)"
                                         % (where, fig, other))
        if bundled and src not in real_names:
            errors.append("%s: bundled source %s is not in corpus/" % (where, src))
    name = os.path.basename(path)
    if n_items != 60:
        errors.append("%s: %d questions, expected 60" % (name, n_items))
    for t, k in EXPECT[name].items():
        if ct.get(t, 0) != k:
            errors.append("%s: %d %s questions, expected %d" % (name, ct.get(t, 0), t, k))
    if bundled:
        for r in sorted(real_names):
            if cs.get(r, 0) < MIN_PER_REAL_REPORT:
                errors.append("%s: only %d questions on %s" % (name, cs.get(r, 0), r))
    else:
        k = sum(cs.get(f, 0) for f in NEW_FILES)
        if k < MIN_NEW_EXTENDED:
            errors.append("%s: only %d questions on the new reports (< %d)" % (name, k, MIN_NEW_EXTENDED))
        for f in NEW_FILES:
            if cs.get(f, 0) < 10:
                errors.append("%s: only %d questions on %s" % (name, cs.get(f, 0), f))
    return errors, warnings, notes, ct, cs


def distinct_figures(text):
    t = norm(text).replace("\n", "")
    figs = set(re.findall(r"[0-9]+(?:\.[0-9]+)?", t))
    figs |= set(str(cn_to_int(m)) for m in
                re.findall(r"[一二三四五六七八九十百千零两]*[十百千][一二三四五六七八九十百千零]*", norm(text)))
    return figs


def sentences(text):
    return [s.strip() for s in re.split(r"[。；;!！？\n]", text) if len(s.strip()) >= 15]


def check_reports():
    errors, notes = [], []
    others = {}
    for d in (REAL, EXT, H4):
        others.update(load_dir(d))
    names = sorted(f for f in os.listdir(NEW) if f.endswith(".txt"))
    if names != sorted(NEW_FILES):
        errors.append("corpus: files %s, expected %s" % (names, sorted(NEW_FILES)))
    texts = {}
    for f in NEW_FILES:
        p = os.path.join(NEW, f)
        if not os.path.exists(p):
            continue
        texts[f] = read_text(p)
    # common traits
    for f, t in texts.items():
        body = t.replace("\n", "")
        if not (1400 <= len(body) <= 2000):
            errors.append("%s: %d characters (without line breaks), expected 1400-2000" % (f, len(body)))
        nf = len(distinct_figures(t))
        if not (40 <= nf <= 80):
            errors.append("%s: %d distinct figures, expected 40-80" % (f, nf))
        notes.append("%s: %d characters, %d lines, %d distinct figures" % (f, len(body), t.count("\n") + 1, nf))
        all_other = dict(others)
        all_other.update({g: u for g, u in texts.items() if g != f})
        for s in sentences(norm(t)):
            for g, u in all_other.items():
                if s in norm(u).replace("\n", ""):
                    errors.append("%s: sentence copied from %s: %r" % (f, g, s))
    # zz_2011_gbk.txt: GBK, hard wraps splitting figures
    f = "zz_2011_gbk.txt"
    if f in texts:
        raw = open(os.path.join(NEW, f), "rb").read()
        try:
            raw.decode("utf-8")
            errors.append("%s: decodes as UTF-8, expected GBK bytes" % f)
        except UnicodeDecodeError:
            pass
        try:
            t = raw.decode("gbk")
            if t.encode("gbk") != raw:
                errors.append("%s: GBK round trip differs" % f)
        except UnicodeDecodeError as e:
            errors.append("%s: not valid GBK (%s)" % (f, e))
            t = texts[f]
        ls = t.split("\n")
        if ls[0] != "枣庄市直机关工委工作(2011)":
            errors.append("%s: first line %r is not the title" % (f, ls[0]))
        first_para = next((l for l in ls[1:] if l.strip()), "")
        if "2011" not in first_para or "枣庄" not in first_para:
            errors.append("%s: place and year not in the first paragraph" % f)
        inner = [ls[i] for i in range(1, len(ls) - 1) if ls[i] and ls[i + 1]]
        good = sum(1 for l in inner if 36 <= len(l) <= 40)
        if not inner or good < 0.9 * len(inner) or any(len(l) > 42 for l in ls):
            errors.append("%s: %d of %d wrapped lines are 36-40 characters long" % (f, good, len(inner)))
        splits = [(ls[i][-4:], ls[i + 1][:4]) for i in range(len(ls) - 1)
                  if ls[i] and ls[i + 1] and re.search(r"[0-9]$", ls[i]) and re.match(r"[0-9.]", ls[i + 1])]
        if len(splits) < 4:
            errors.append("%s: only %d figures split by a wrap (need >= 4)" % (f, len(splits)))
        notes.append("%s: %d wrapped lines (%d of 36-40 chars), figures split by a wrap: %s"
                     % (f, len(inner), good, " ".join("%s/%s" % s for s in splits)))
    # huizhou_notice_web.txt: web page, no year in the body
    f = "huizhou_notice_web.txt"
    if f in texts:
        t = texts[f]
        ls = t.split("\n")
        if "惠州" not in ls[0]:
            errors.append("%s: first line %r is not the page title" % (f, ls[0]))
        if "发布时间：2018-07-12" not in t:
            errors.append("%s: no 发布时间：2018-07-12 line" % f)
        tail = t.index("相关阅读") if "相关阅读" in t else len(t)
        for i, l in enumerate(t[:tail].split("\n"), 1):
            if re.search(r"(19|20)[0-9]{2}", l) and not l.startswith("发布时间"):
                errors.append("%s: line %d names a year outside 发布时间/相关阅读: %r" % (f, i, l[:40]))
        body = t[t.index("　　"):t.index("（责任编辑")] if "（责任编辑" in t else ""
        for w in ("今年", "上半年", "去年", "惠州"):
            if w not in body:
                errors.append("%s: body lacks %r" % (f, w))
        if not re.search(r"[０-９]{3}", body):
            errors.append("%s: no full-width figures" % f)
        if not re.search(r"[一二三四五六七八九十百]+[个期场]", body):
            errors.append("%s: no Chinese-numeral figures" % f)
        for w in ("首页", "当前位置" if "当前位置" in t else "您现在的位置", "来源：", "作者：", "浏览次数",
                  "【打印】", "【关闭】", "上一篇", "下一篇", "版权所有", "地址：", "联系电话", "邮编",
                  "ICP备", "相关阅读"):
            if w not in t:
                errors.append("%s: boilerplate %r missing" % (f, w))
        rel = t[tail:]
        if not re.search(r"(19|20)[0-9]{2}", rel) or not re.search(r"[河江汕广深珠][源门尾州圳海]", rel):
            errors.append("%s: 相关阅读 should name other cities and years" % f)
    # nanning_2015_trad.txt: traditional characters
    f = "nanning_2015_trad.txt"
    if f in texts:
        t = texts[f]
        ls = t.split("\n")
        if ls[0] != "2015年南寧市直屬機關工委工作總結":
            errors.append("%s: first line %r is not the title" % (f, ls[0]))
        first_para = next((l for l in ls[1:] if l.strip()), "")
        if "2015" not in first_para or "南寧" not in first_para:
            errors.append("%s: place and year not in the first paragraph" % f)
        for ch in "為眾餘萬員黨議會組織":
            if ch not in t:
                errors.append("%s: traditional character %s missing" % (f, ch))
        ambiguous = set("干台余着周范布游斗凉准松里后面只系制冲谷丰注征")
        simp_only = set(SIMP) - set(TRAD) - ambiguous
        bad = sorted(set(ch for ch in t if ch in simp_only))
        if bad:
            errors.append("%s: simplified characters %s" % (f, "".join(bad)))
        if re.search(r"[,;:()]", t) or "，" not in t or "。" not in t:
            errors.append("%s: punctuation must be full-width" % f)
        if re.search(r"[０-９]", t) or not re.search(r"[0-9]", t):
            errors.append("%s: figures must be ASCII digits" % f)
        if len(re.findall(r"[0-9]餘", t)) < 3:
            errors.append("%s: fewer than 3 餘 qualifiers" % f)
        if len(re.findall(r"[0-9]+\.[0-9]+萬元", t)) < 2:
            errors.append("%s: fewer than 2 萬元 amounts with decimals" % f)
    return errors, notes


def main():
    status = 0
    errors, notes = check_reports()
    print("== eval/holdout5/corpus")
    for x in notes:
        print("  " + x)
    for e in errors:
        print("  ERROR: " + e)
    if errors:
        status = 1
    runs = [
        (os.path.join(HERE, "bundled.jsonl"), "u", [REAL], True),
        (os.path.join(HERE, "extended.jsonl"), "v", UNION, False),
    ]
    for path, prefix, corpora, bundled in runs:
        errors, warnings, notes, ct, cs = check_questions(path, prefix, corpora, bundled)
        print("== %s" % os.path.relpath(path, ROOT))
        print("  types:   " + ", ".join("%s %d" % (k, ct.get(k, 0)) for k in TYPES))
        print("  sources: " + ", ".join("%s %d" % (k or '""', cs[k]) for k in sorted(cs)))
        for x in notes:
            print("  note: " + x)
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
