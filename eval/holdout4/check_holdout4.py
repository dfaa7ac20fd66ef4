#!/usr/bin/env python3
"""Check eval/holdout4/bundled.jsonl and eval/holdout4/extended.jsonl against their corpora.

Plain Python, no dependencies.  Usage (from anywhere):

    python3 eval/holdout4/check_holdout4.py        # exit 0 = OK, 1 = errors

Checks: valid JSON per line, field set and order, ids in order (s001.. / t001..), split value,
type values, source files exist in the right corpus, evidence (6-25 chars, no line break) occurs
verbatim in the decoded source (UTF-8, else GB18030), every answer occurs in the source after
normalising (full-width digits -> ASCII, traditional -> simplified, Chinese numerals -> digits,
line breaks removed for hard-wrapped files), refusals have empty answers/evidence/source,
answerable questions name the report's place (and year where the report states one), counts.
Warnings (not errors): an asked figure that occurs more than once in its report, a figure of
three or more digits that also occurs in another report of the union, answer not in evidence.
"""
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
REAL = os.path.join(ROOT, "corpus")
EXT = os.path.join(ROOT, "eval", "extended", "corpus")
NEW = os.path.join(HERE, "corpus")
FIELDS = ["id", "question", "answers", "evidence", "type", "source", "split"]
TYPES = {"number", "date", "place", "describe", "refusal"}
SPLIT = "holdout4"

# traditional -> simplified, for the characters of the traditional reports of the union
TRAD = "佈來個偉備傳僑儉優內兩冊別則創劃動務勞勢勸匯區協參員問喬單嚴國圍園團堅報場壩夠奮婦學宮實寧審將專對導屆層屬崗師帶幗幫幹幾庫廣廳強從徹態慶應懷掛換揮擇擔據擴擾數斷時書會東條業極構標機檢欄歡歷歸決沒況涼準溫滯滿濟為熱營爭獄獎獲現環產當發監眾確礎稅種積穎競範簡紀紅紙級紛紮組結絡給統綏經綜綠網緊線編緬縣縱總績織繞繼續羅義習聯職脫腦臺與興舉華萬藝蘇處號術衛裝見視親覺觀計討訓記訪設註評詞詢試話該認語誤課誼調談請論諸謀講證識議讀變讓豐負財貧貫責貴買費資賓質購賽贈軍較載輸輿轄轉辦農這連週進遊運過達違遷選還鄉鋒錢錦鎮鐵長門開間關闡陽隊際雖離難電韋響項預領頭題顒願類顯風餘館饋馬駐驗體鬥點黨龍"
SIMP = "布来个伟备传侨俭优内两册别则创划动务劳势劝汇区协参员问乔单严国围园团坚报场坝够奋妇学宫实宁审将专对导届层属岗师带帼帮干几库广厅强从彻态庆应怀挂换挥择担据扩扰数断时书会东条业极构标机检栏欢历归决没况凉准温滞满济为热营争狱奖获现环产当发监众确础税种积颖竞范简纪红纸级纷扎组结络给统绥经综绿网紧线编缅县纵总绩织绕继续罗义习联职脱脑台与兴举华万艺苏处号术卫装见视亲觉观计讨训记访设注评词询试话该认语误课谊调谈请论诸谋讲证识议读变让丰负财贫贯责贵买费资宾质购赛赠军较载输舆辖转办农这连周进游运过达违迁选还乡锋钱锦镇铁长门开间关阐阳队际虽离难电韦响项预领头题颙愿类显风余馆馈马驻验体斗点党龙"
T2S = str.maketrans(TRAD, SIMP)
FW = str.maketrans("０１２３４５６７８９．％，", "0123456789.%,")

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
}

CN_DIG = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
          "六": 6, "七": 7, "八": 8, "九": 9}
CN_UNIT = {"十": 10, "百": 100, "千": 1000}


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
    # only runs that contain a unit character or are single digits before a measure word
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


def variants(text):
    base = text.translate(FW)
    out = [text, base, base.translate(T2S)]
    out += [v.replace("\n", "") for v in out]
    out += [cn_numerals_to_digits(v) for v in out]
    return out


def norm_answer(a):
    return a.translate(FW).translate(T2S)


def figure_count(text, fig):
    """occurrences of a figure as a whole number in the normalised text"""
    t = text.translate(FW).replace("\n", "")
    core = re.escape(re.sub(r"[余多万近]+$", "", fig))
    return len(re.findall(r"(?<![0-9.])" + core + r"(?![0-9]|\.[0-9])", t))


def check(path, prefix, corpora, min_new=0, extra_sources=None):
    errors, warnings = [], []
    texts = {}
    for d in corpora:
        texts.update(load_dir(d))
    new_names = set(load_dir(NEW)) if min_new else set()
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
        if not d["question"].strip():
            errors.append("%s: empty question" % where)
        if any(ch in TRAD for ch in d["question"]):
            errors.append("%s: question has traditional characters" % where)
        counts_type[d["type"]] = counts_type.get(d["type"], 0) + 1
        counts_src[d["source"]] = counts_src.get(d["source"], 0) + 1
        if d["type"] == "refusal":
            if d["answers"] or d["evidence"] or d["source"]:
                errors.append("%s: refusal must have empty answers, evidence and source" % where)
            continue
        if not d["answers"]:
            errors.append("%s: empty answers but type %s" % (where, d["type"]))
        src = d["source"]
        if src not in texts:
            errors.append("%s: source %r not in corpora" % (where, src))
            continue
        text = texts[src]
        ev = d["evidence"]
        if not (6 <= len(ev) <= 25):
            errors.append("%s: evidence length %d not in 6-25" % (where, len(ev)))
        if "\n" in ev:
            errors.append("%s: evidence crosses a line break" % where)
        if ev not in text:
            errors.append("%s: evidence not verbatim in %s: %r" % (where, src, ev))
        vs = variants(text)
        evs = variants(ev)
        for a in d["answers"]:
            na = norm_answer(a)
            if not any(na in v for v in vs) and not any(a in v for v in vs):
                errors.append("%s: answer %r not found in %s" % (where, a, src))
            elif not any(na in v or a in v for v in evs):
                warnings.append("%s: answer %r not inside the evidence" % (where, a))
        if d["type"] == "describe" and any(re.search(r"[0-9０-９]", a) for a in d["answers"]):
            errors.append("%s: describe answers must hold no figures" % where)
        keys, year = SOURCE_KEYS.get(src, ([], None))
        if keys and not any(k in d["question"] for k in keys):
            errors.append("%s: question does not name the place (%s)" % (where, "/".join(keys)))
        if year and year not in d["question"]:
            errors.append("%s: question does not name the year %s" % (where, year))
        if d["type"] == "number":
            fig = norm_answer(d["answers"][0])
            if re.fullmatch(r"[0-9.]+[余多万]*", fig):
                c = figure_count(text, fig)
                if c > 1:
                    warnings.append("%s: figure %s occurs %d times in %s (question must say which)"
                                    % (where, fig, c, src))
                core = re.sub(r"[余多万]+$", "", fig)
                if len(core.replace(".", "")) >= 3:
                    for other, t in texts.items():
                        if other != src and figure_count(t, fig) and min_new:
                            warnings.append("%s: figure %s also occurs in %s" % (where, fig, other))
        if min_new and src not in new_names and src not in (extra_sources or ()):
            errors.append("%s: source %s not allowed for this set" % (where, src))
    if len(items) != 50:
        errors.append("%s: %d questions, expected 50" % (path, len(items)))
    if counts_type.get("refusal", 0) != 8:
        errors.append("%s: %d refusals, expected 8" % (path, counts_type.get("refusal", 0)))
    if min_new:
        k = sum(v for s, v in counts_src.items() if s in new_names)
        if k < min_new:
            errors.append("%s: only %d questions on the new reports (< %d)" % (path, k, min_new))
    return errors, warnings, counts_type, counts_src


def main():
    status = 0
    new = load_dir(NEW)
    for name, t in new.items():
        n = len(t)
        if not (1500 <= n <= 3000):
            print("WARNING: %s has %d characters (outside 1500-3000)" % (name, n))
    runs = [
        (os.path.join(HERE, "bundled.jsonl"), "s", [REAL], 0, None),
        (os.path.join(HERE, "extended.jsonl"), "t", [REAL, EXT, NEW], 36, set(load_dir(EXT))),
    ]
    for path, prefix, corpora, min_new, extra in runs:
        errors, warnings, ct, cs = check(path, prefix, corpora, min_new, extra)
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
