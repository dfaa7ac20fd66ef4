#!/usr/bin/env python3
"""Check eval/holdout7/bundled.jsonl, eval/holdout7/extended.jsonl and eval/holdout7/corpus/.

Plain Python, standard library only (the .docx is read with zipfile + xml.etree).  Usage:

    python3 eval/holdout7/check_holdout7.py        # exit 0 = OK, 1 = errors

Question files: valid JSON per line, the seven fields in order, ids in order (z001.. / a001..),
split "holdout7", type values, counts (50 questions, 15 refusals, type counts of bundled),
refusals with empty answers/evidence/source, each source in the right corpus (bundled: corpus/;
extended: the union, with >= 27 questions on eval/holdout7/corpus/ and the rest on 中山
2011/2012/2013), evidence 6-25 chars without a line break found verbatim in the decoded
source (UTF-8, else GB18030; .docx: paragraphs one per line, table rows as cells joined by one
space; .html: tags stripped), every answer consistent with the source and with the evidence
after normalising (full-width -> half-width, traditional -> simplified, Chinese numerals ->
digits), describe answers without figures, questions in simplified characters naming their
report's place (and year where the report states one), a Chinese-numeral answer listing the
digits first and the Chinese form second, and every asked figure of three or more digits
absent from every other report of the corpus the set is evaluated on.

New reports: length 1400-2000 characters, 40-80 distinct figures, title/place/year in the text,
and the traits of each file (docx structure and table sums, GB18030 / ASCII commas / no hard
wrap / 比上年 arithmetic against zs_2013, traditional characters / full-width digits / Chinese
numerals / 餘 / 萬元 / portal boilerplate).
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
                  for d in ("extended", "holdout4", "holdout5", "holdout6", "holdout7")]
NEW = os.path.join(HERE, "corpus")
FIELDS = ["id", "question", "answers", "evidence", "type", "source", "split"]
TYPES = {"number", "date", "place", "describe", "refusal"}
SPLIT = "holdout7"
NEW_FILES = ["jinan_2014.docx", "zhongshan_2014_gb18030.txt", "yulin_2016_trad_web.txt"]
ZS_OLD = ["000_7fb3e329b878b41a.txt", "zs_2012.txt", "zs_2013_gb18030.txt"]

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

# (place keywords, year or None) per source: an answerable question must name them
SOURCE_KEYS = {
    "000_7fb3e329b878b41a.txt": (["中山"], "2011"),
    "001_2a77a74c8cabfc6c.txt": (["枣庄"], "2009"),
    "002_51ca3736beda86ca.txt": (["中山"], None),
    "003_360ce489d0b5e1c8.txt": (["广西", "自治区"], None),
    "004_e6ce74bfb9ddebab.txt": (["海南"], "2020"),
    "zs_2012.txt": (["中山"], "2012"),
    "zs_2013_gb18030.txt": (["中山"], "2013"),
    "jinan_2014.docx": (["济南"], "2014"),
    "zhongshan_2014_gb18030.txt": (["中山"], "2014"),
    "yulin_2016_trad_web.txt": (["玉林"], "2016"),
}

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


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def docx_lines(path):
    """body order: a paragraph per line; a table row per line, its cells joined by one space"""
    root = ET.fromstring(zipfile.ZipFile(path).read("word/document.xml"))
    lines, tables = [], []
    for el in root.find(W + "body"):
        if el.tag == W + "p":
            lines.append(("p", "".join(t.text or "" for t in el.iter(W + "t")),
                          el.find(W + "pPr/" + W + "pStyle")))
        elif el.tag == W + "tbl":
            rows = []
            for tr in el.iter(W + "tr"):
                cells = ["".join(t.text or "" for t in tc.iter(W + "t")) for tc in tr.findall(W + "tc")]
                rows.append(cells)
                lines.append(("row", " ".join(cells), None))
            tables.append(rows)
    return lines, tables


def read_text(path):
    if path.endswith(".docx"):
        return "\n".join(t for _, t, _ in docx_lines(path)[0])
    data = open(path, "rb").read()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("gb18030")
    if path.endswith(".html"):
        text = html.unescape(re.sub(r"<[^>]+>", "", text))
    return text


def load_dirs(dirs):
    out = {}
    for d in dirs:
        for f in sorted(os.listdir(d)):
            if f.endswith((".txt", ".docx", ".html")):
                out[f] = read_text(os.path.join(d, f))
    return out


def norm(text):
    """full-width -> half-width, traditional -> simplified, Chinese numerals -> digits"""
    return cn_numerals_to_digits(text.translate(FW).translate(T2S))


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


def check_questions(path, prefix, corpora, texts, expect_types, bundled):
    errors, warnings = [], []
    counts_type, counts_src = {}, {}
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
        if not bundled and src not in NEW_FILES and src not in ZS_OLD:
            errors.append("%s: source %s not allowed (new reports or 中山 2011-2013 only)" % (where, src))
        text = texts[src]
        ev = d["evidence"]
        if not (6 <= len(ev) <= 25):
            errors.append("%s: evidence length %d not in 6-25" % (where, len(ev)))
        if "\n" in ev:
            errors.append("%s: evidence crosses a line break" % where)
        if ev not in text.split("\n") and not any(ev in ln for ln in text.split("\n")):
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
        # Chinese numerals in the evidence: digits first, Chinese form second
        if d["type"] == "number" and re.search(CN_RUN, ev.translate(T2S)):
            a = d["answers"]
            if not (len(a) == 2 and re.fullmatch(r"[0-9.]+[余多万]*", a[0])
                    and norm(a[1]) == a[0] and a[1] != a[0]):
                errors.append("%s: Chinese-numeral figure must be [digits, Chinese form]: %r" % (where, a))
        if d["type"] == "date":
            a = d["answers"]
            if "至" in a[0] and (len(a) != 2 or not a[0].startswith(a[1])):
                errors.append("%s: date range must be [full range, start date]: %r" % (where, a))
        keys, year = SOURCE_KEYS.get(src, ([], None))
        if not keys:
            errors.append("%s: no place/year keys for %s" % (where, src))
        if keys and not any(k in q for k in keys):
            errors.append("%s: question does not name the place (%s)" % (where, "/".join(keys)))
        if year and year not in q:
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
        k_old = sum(v for s, v in counts_src.items() if s in ZS_OLD)
        if k_new < 27:
            errors.append("%s: only %d questions on the new reports (< 27)" % (path, k_new))
        if not (6 <= k_old <= 10):
            errors.append("%s: %d 中山 2011-2013 contrast questions (expected about 8)" % (path, k_old))
        for f in NEW_FILES:
            if counts_src.get(f, 0) < 8:
                errors.append("%s: only %d questions on %s" % (path, counts_src.get(f, 0), f))
    else:
        for f in SOURCE_KEYS:
            if f.startswith("00") and counts_src.get(f, 0) < 4:
                errors.append("%s: only %d questions on %s" % (path, counts_src.get(f, 0), f))
    return errors, warnings, counts_type, counts_src


def zs_value(text, pattern):
    m = re.search(pattern, text.replace("\n", ""))
    return float(m.group(1)) if m else None


def check_reports(union):
    errors = []
    for f in NEW_FILES:
        p = os.path.join(NEW, f)
        if not os.path.exists(p):
            errors.append("missing %s" % f)
            continue
        t = read_text(p)
        n = len(t.replace("\n", ""))
        if not (1400 <= n <= 2000):
            errors.append("%s: %d characters (outside 1400-2000)" % (f, n))
        figs = set(figures(t))
        if not (40 <= len(figs) <= 80):
            errors.append("%s: %d distinct figures (outside 40-80)" % (f, len(figs)))
        keys, year = SOURCE_KEYS[f]
        st = norm(t)
        if not any(k in st for k in keys) or year not in st:
            errors.append("%s: place/year not in the text" % f)
        # no sentence copied from another report: no shared run of 20 characters
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
    # jinan_2014.docx
    p = os.path.join(NEW, "jinan_2014.docx")
    if os.path.exists(p):
        lines, tables = docx_lines(p)
        paras = [(t, s) for k, t, s in lines if k == "p" and t.strip()]
        style = lambda s: s.get(W + "val") if s is not None else ""
        if not paras or "济南" not in paras[0][0] or "2014" not in paras[0][0] or style(paras[0][1]) != "Title":
            errors.append("jinan_2014.docx: first paragraph must be the title (style Title)")
        heads = [t for t, s in paras if style(s).startswith("Heading")]
        nums = "一二三四五六七八九十"
        if len(heads) < 3 or any(not h.startswith(nums[i] + "、") for i, h in enumerate(heads)):
            errors.append("jinan_2014.docx: headings must be 一、二、三… in order: %r" % heads)
        if len(tables) != 1:
            errors.append("jinan_2014.docx: %d tables, expected one" % len(tables))
        else:
            rows = tables[0]
            body = rows[1:-1]
            if not (4 <= len(body) <= 6) or rows[-1][0] != "合计" or len(rows[0]) != 3:
                errors.append("jinan_2014.docx: table must be header, 4-6 rows, 合计 row (3 columns)")
            else:
                for c in (1, 2):
                    s = sum(int(r[c]) for r in body)
                    if s != int(rows[-1][c]):
                        errors.append("jinan_2014.docx: column %d sums to %d, 合计 says %s" % (c, s, rows[-1][c]))
                text = read_text(p)
                if "发展党员%s名" % rows[-1][1] not in text or "转正%s名" % rows[-1][2] not in text:
                    errors.append("jinan_2014.docx: text totals disagree with the 合计 row")
    # zhongshan_2014_gb18030.txt
    p = os.path.join(NEW, "zhongshan_2014_gb18030.txt")
    if os.path.exists(p):
        data = open(p, "rb").read()
        try:
            data.decode("utf-8")
            errors.append("zhongshan_2014_gb18030.txt: decodes as UTF-8; it must be GB18030 bytes")
        except UnicodeDecodeError:
            pass
        t = data.decode("gb18030")
        if "，" in t or "," not in t:
            errors.append("zhongshan_2014_gb18030.txt: must use ASCII commas")
        if any(0 < len(ln) < 60 and not ln.startswith("(") for ln in t.split("\n")[2:]):
            errors.append("zhongshan_2014_gb18030.txt: looks hard-wrapped")
        if max(len(ln) for ln in t.split("\n")) < 120:
            errors.append("zhongshan_2014_gb18030.txt: paragraphs must not be wrapped")
        z13 = union.get("zs_2013_gb18030.txt", "")
        pairs = [
            (r"发展党员(\d+)人,比上年减少(\d+)人", r"发展党员(\d+)人,比上年减少", -1),
            (r"党员(\d+)人,比上年增加(\d+)人", r"党支部1012个,党员(\d+)人", 1),
            (r"帮扶资金([\d.]+)万元,比上年增加([\d.]+)万元", r"帮扶资金([\d.]+)万元", 1),
            (r"信访投诉(\d+)起,比上年减少(\d+)起", r"信访投诉(\d+)起", -1),
        ]
        for pat14, pat13, sign in pairs:
            m = re.search(pat14, t)
            old = zs_value(z13, pat13)
            if not m or old is None:
                errors.append("zhongshan_2014_gb18030.txt: 比上年 pattern %r not found" % pat14)
                continue
            new, diff = float(m.group(1)), float(m.group(2))
            if abs((new - old) - sign * diff) > 1e-6:
                errors.append("zhongshan_2014_gb18030.txt: %s - %s != %s%s" % (new, old, "-" if sign < 0 else "", diff))
    # yulin_2016_trad_web.txt
    p = os.path.join(NEW, "yulin_2016_trad_web.txt")
    if os.path.exists(p):
        t = read_text(p)
        for mark in ("發佈時間", "來源", "上一篇", "下一篇", "版權所有", "地址", "電話", "ICP", "相關新聞",
                     "餘", "萬元", "黨", "機關"):
            if mark not in t:
                errors.append("yulin_2016_trad_web.txt: %r missing" % mark)
        if len(re.findall(r"[０-９]", t)) < 40:
            errors.append("yulin_2016_trad_web.txt: too few full-width digits")
        if len(re.findall(CN_RUN, t)) < 10:
            errors.append("yulin_2016_trad_web.txt: too few Chinese numerals")
        if len(re.findall(r"(?<![0-9０-９])[0-9]{3,}(?![0-9年])", t.split("版權所有")[0].split("發佈時間")[1])) > 6:
            errors.append("yulin_2016_trad_web.txt: body figures should be mostly full-width or Chinese")
        tail = t.split("相關新聞")[-1]
        if not re.search(r"2015年", tail) or not any(c in tail for c in ("北海", "欽州")):
            errors.append("yulin_2016_trad_web.txt: 相關新聞 tail must name other years and cities")
        if sum(1 for ch in t if ch in TRAD) < 150:
            errors.append("yulin_2016_trad_web.txt: too few traditional characters")
    return errors


def main():
    status = 0
    union = load_dirs(UNION)
    real = load_dirs([REAL])
    errors = check_reports(union)
    print("== eval/holdout7/corpus")
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
         {"number": 22, "date": 4, "place": 4, "describe": 5, "refusal": 15}, True),
        (os.path.join(HERE, "extended.jsonl"), "a", union,
         {"number": (18, 27), "date": (3, 6), "place": (3, 6), "describe": (2, 6), "refusal": 15}, False),
    ]
    for path, prefix, texts, expect, bundled in runs:
        errors, warnings, ct, cs = check_questions(path, prefix, None, texts, expect, bundled)
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
