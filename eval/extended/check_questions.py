#!/usr/bin/env python3
"""Check eval/extended/questions.jsonl against the union corpus.

Run:  /work/main/.venv/bin/python eval/extended/check_questions.py [path/to/questions.jsonl]

Adapted from eval/check_questions.py (plain Python, no dependencies).  The
corpus for the extended set is the UNION of ``corpus/`` (the five real reports)
and ``eval/extended/corpus/`` (six written reports).  Differences from the main
checker:

* files are decoded from their bytes: UTF-8 first, then GB18030
  (``zs_2013_gb18030.txt`` is GB18030);
* ids are ``x001`` ...;
* ``zs_2013_gb18030.txt`` is hard-wrapped every ~40 characters in the middle of
  words and figures.  Its evidence is copied from the *unwrapped* text: a span
  that is not found in the file as it is must be found once the line breaks are
  removed (the line breaks inside a paragraph are layout, not text).  The
  checker reports how many evidence spans cross a wrap;
* the traditional -> simplified table also covers the characters of
  ``sz_2011_trad.txt``;
* every answerable question must name the year and the place of its source
  report (``SOURCE_KEYS``), since the set is about telling years and places
  apart;
* minimums: 100 questions, 12 per extended report, 20 refusals.

Exit 0 = OK, 1 = errors.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

EXT_DIR = Path(__file__).resolve().parent
REPO = EXT_DIR.parent.parent
MAIN_CORPUS = REPO / "corpus"
EXT_CORPUS = EXT_DIR / "corpus"
DEFAULT_FILE = EXT_DIR / "questions.jsonl"

TYPES = ("number", "date", "place", "describe", "refusal")
SPLITS = ("tuned", "unseen")
FIELDS = ("id", "question", "answers", "evidence", "type", "source", "split")

MIN_TOTAL = 100
MIN_PER_EXT_SOURCE = 12
MIN_REFUSALS = 20
EVIDENCE_LEN = (6, 25)

# Reports whose line breaks inside a paragraph are hard wraps (scanned/retyped look).
WRAPPED = {"zs_2013_gb18030.txt"}

# (year, place) every answerable question about a report must name.
SOURCE_KEYS = {
    "000_7fb3e329b878b41a.txt": ("2011", "中山"),
    "001_2a77a74c8cabfc6c.txt": ("2009", "枣庄"),
    "zs_2012.txt": ("2012", "中山"),
    "zs_2013_gb18030.txt": ("2013", "中山"),
    "zz_2010.txt": ("2010", "枣庄"),
    "sz_2011_trad.txt": ("2011", "苏州"),
    "jx_2012_web.txt": ("2012", "江西"),
    "gz_2012.txt": ("2012", "广州"),
}

# Traditional -> simplified: the table of eval/check_questions.py (characters of
# corpus/003_*) plus every character of eval/extended/corpus/sz_2011_trad.txt
# that differs, generated once with OpenCC tw2s character by character.
_TRAD = (
    "來個偉備傳僑優內兩別則創劃動務勞勢匯區協參員問喬單國圍園團報場學實寧審將專對導層屬師帶幫幾庫廣廳強從徹態慶應懷揮擇擔據擴"
    "擾數時書會東業極構機檢欄歡歸決沒況準溫滯濟為熱營爭獄現產當發監眾確礎稅種積穎簡紀紅紙級紛組結絡給統綏經網緬縣總績織繞續羅"
    "義習聯職脫腦與興舉華處號術衛見視親覺觀計討訓記設詞詢試話該認語誤課誼調談請論諸謀講識議讀變豐負財貧貫責貴資賓質贈軍較載輸"
    "輿轄辦農這連進運過達選還鄉鋒錢鎮鐵長門開間關闡陽隊際難電韋響項領頭題顒顯館饋馬駐驗體點黨龍於萬億後裡週臺灣纔麼樣"
    "佈儉勸堅夠婦宮屆崗幗幹掛換條標歷滿獎獲競紮綜緊線編繼蘇裝訪評證賽轉遊違遷雖離預願類風餘"
)
_SIMP = (
    "来个伟备传侨优内两别则创划动务劳势汇区协参员问乔单国围园团报场学实宁审将专对导层属师带帮几库广厅强从彻态庆应怀挥择担据扩"
    "扰数时书会东业极构机检栏欢归决没况准温滞济为热营争狱现产当发监众确础税种积颖简纪红纸级纷组结络给统绥经网缅县总绩织绕续罗"
    "义习联职脱脑与兴举华处号术卫见视亲觉观计讨训记设词询试话该认语误课谊调谈请论诸谋讲识议读变丰负财贫贯责贵资宾质赠军较载输"
    "舆辖办农这连进运过达选还乡锋钱镇铁长门开间关阐阳队际难电韦响项领头题颙显馆馈马驻验体点党龙于万亿后里周台湾才么样"
    "布俭劝坚够妇宫届岗帼干挂换条标历满奖获竞扎综紧线编继苏装访评证赛转游违迁虽离预愿类风余"
)
assert len(_TRAD) == len(_SIMP)
_T2S = str.maketrans(_TRAD, _SIMP)


def fold(s: str) -> str:
    """Full-width -> half-width, then traditional -> simplified."""
    out = []
    for ch in s:
        o = ord(ch)
        if 0xFF01 <= o <= 0xFF5E:
            ch = chr(o - 0xFEE0)
        elif o == 0x3000:
            ch = " "
        out.append(ch)
    return "".join(out).translate(_T2S)


def decode(data: bytes) -> tuple[str, str]:
    """(text, encoding): UTF-8 (BOM allowed) first, then GB18030."""
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("gb18030"), "gb18030"


def load_sources() -> tuple[dict[str, str], dict[str, str], set[str]]:
    texts: dict[str, str] = {}
    encodings: dict[str, str] = {}
    ext_names: set[str] = set()
    for folder in (MAIN_CORPUS, EXT_CORPUS):
        for p in sorted(folder.glob("*.txt")):
            if p.name in texts:
                raise SystemExit(f"file name {p.name} occurs in both corpus folders")
            text, enc = decode(p.read_bytes())
            texts[p.name] = text.replace("\r\n", "\n")
            encodings[p.name] = enc
            if folder == EXT_CORPUS:
                ext_names.add(p.name)
    return texts, encodings, ext_names


def main(argv: list[str]) -> int:
    path = Path(argv[1]) if len(argv) > 1 else DEFAULT_FILE
    sources, encodings, ext_names = load_sources()
    unwrapped = {name: sources[name].replace("\n", "") for name in WRAPPED if name in sources}
    errors: list[str] = []
    warnings: list[str] = []
    crossing: list[str] = []
    rows = []
    for name in sorted(ext_names):
        n = len(sources[name])
        if not 1500 <= n <= 3000:
            warnings.append(f"{name}: {n} characters (the brief asks for 1,500-3,000)")
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            rows.append((lineno, json.loads(line)))
        except json.JSONDecodeError as e:
            errors.append(f"line {lineno}: bad JSON: {e}")

    seen_ids: set[str] = set()
    seen_q: set[str] = set()
    expect_id = 0
    for lineno, r in rows:
        where = f"line {lineno} ({r.get('id', '?')})"
        missing = [k for k in FIELDS if k not in r and not (k == "evidence" and r.get("type") == "refusal")]
        if missing:
            errors.append(f"{where}: missing fields {missing}")
            continue
        expect_id += 1
        if not re.fullmatch(r"x\d{3,}", str(r["id"])):
            errors.append(f"{where}: bad id")
        elif int(r["id"][1:]) != expect_id:
            errors.append(f"{where}: ids must run x001, x002, ... in file order")
        if r["id"] in seen_ids:
            errors.append(f"{where}: duplicate id")
        seen_ids.add(r["id"])
        q = r["question"]
        if not isinstance(q, str) or not q.strip():
            errors.append(f"{where}: empty question")
        elif q in seen_q:
            errors.append(f"{where}: duplicate question")
        seen_q.add(q)
        if r["type"] not in TYPES:
            errors.append(f"{where}: bad type {r['type']!r}")
        if r["split"] not in SPLITS:
            errors.append(f"{where}: bad split {r['split']!r}")
        answers = r["answers"]
        if not isinstance(answers, list) or not all(isinstance(a, str) and a.strip() for a in answers):
            errors.append(f"{where}: answers must be a list of non-empty strings")
            continue
        evidence = r.get("evidence") or ""
        src = r["source"]

        if not answers:  # unanswerable
            if r["type"] != "refusal":
                errors.append(f"{where}: empty answers but type {r['type']!r}")
            if evidence or src:
                errors.append(f"{where}: a refusal must have empty evidence and source")
            continue

        if r["type"] == "refusal":
            errors.append(f"{where}: type refusal but answers given")
        if src not in sources:
            errors.append(f"{where}: unknown source {src!r}")
            continue
        year, place = SOURCE_KEYS.get(src, ("", ""))
        if not year:
            errors.append(f"{where}: no SOURCE_KEYS entry for {src}")
        elif year not in q or place not in q:
            errors.append(f"{where}: the question must name {year} and {place} (source {src})")
        if not (EVIDENCE_LEN[0] <= len(evidence) <= EVIDENCE_LEN[1]):
            errors.append(f"{where}: evidence length {len(evidence)} not in {EVIDENCE_LEN}: {evidence!r}")
        if "\n" in evidence:
            errors.append(f"{where}: evidence contains a line break")
        count = sources[src].count(evidence)
        if count == 0 and src in unwrapped:
            count = unwrapped[src].count(evidence)
            if count:
                crossing.append(r["id"])
        if count == 0:
            errors.append(f"{where}: evidence not found verbatim in {src}: {evidence!r}")
        elif count > 1:
            warnings.append(f"{where}: evidence occurs {count} times in {src}: {evidence!r}")
        fev = fold(evidence)
        if not any(fold(a) in fev for a in answers):
            errors.append(f"{where}: no answer {answers} inside evidence {evidence!r}")
        for a in answers:
            if len(fold(a)) > 40:
                errors.append(f"{where}: answer longer than 40 characters: {a!r}")

    recs = [r for _, r in rows if all(k in r for k in ("type", "source", "split"))]
    # The split rule (eval/README.md): within each (source, type) group, in file
    # order, the 2nd, 5th, 8th, ... question is "unseen", all others "tuned".
    pos: Counter = Counter()
    for r in recs:
        g = (r["source"], r["type"])
        pos[g] += 1
        want = "unseen" if pos[g] % 3 == 2 else "tuned"
        if r["split"] != want:
            errors.append(f"{r.get('id', '?')}: split is {r['split']!r} but the rule gives {want!r}")

    by_type = Counter(r["type"] for r in recs)
    by_source = Counter(r["source"] or "(none: refusal)" for r in recs)
    by_split = Counter(r["split"] for r in recs)
    type_split = Counter((r["type"], r["split"]) for r in recs)
    src_split = Counter((r["source"] or "(none: refusal)", r["split"]) for r in recs)

    total = len(recs)
    if total < MIN_TOTAL:
        errors.append(f"only {total} questions (< {MIN_TOTAL})")
    for name in sorted(ext_names):
        if by_source.get(name, 0) < MIN_PER_EXT_SOURCE:
            errors.append(f"{name}: only {by_source.get(name, 0)} questions (< {MIN_PER_EXT_SOURCE})")
    if by_type.get("refusal", 0) < MIN_REFUSALS:
        errors.append(f"only {by_type.get('refusal', 0)} unanswerable questions (< {MIN_REFUSALS})")
    if total:
        share = by_split.get("unseen", 0) / total
        if not 0.25 <= share <= 0.40:
            errors.append(f"unseen share {share:.2f} is not about 1/3")
    for t in by_type:
        for s in SPLITS:
            if not type_split.get((t, s)):
                errors.append(f"type {t} has no {s} question")
    for src in by_source:
        for s in SPLITS:
            if not src_split.get((src, s)):
                errors.append(f"source {src} has no {s} question")

    print(f"{path}: {total} questions")
    print("\ncorpus (union):")
    for name in sorted(sources):
        tag = "extended" if name in ext_names else "main"
        print(f"  {name:34s} {tag:8s} {encodings[name]:8s} {len(sources[name]):6d} chars")
    print("\nper type:          total  tuned  unseen")
    for t in TYPES:
        print(f"  {t:16s} {by_type.get(t, 0):5d}  {type_split.get((t, 'tuned'), 0):5d}  {type_split.get((t, 'unseen'), 0):6d}")
    print("\nper source:                          total  tuned  unseen")
    for s in sorted(by_source):
        print(f"  {s:34s} {by_source[s]:5d}  {src_split.get((s, 'tuned'), 0):5d}  {src_split.get((s, 'unseen'), 0):6d}")
    print("\nper split:")
    for s in SPLITS:
        print(f"  {s:8s} {by_split.get(s, 0):5d}")
    print(f"\nevidence spans that cross a hard wrap: {len(crossing)} ({', '.join(crossing)})")
    for w in warnings:
        print("WARNING:", w)
    for e in errors:
        print("ERROR:", e)
    if errors:
        print(f"\nFAILED: {len(errors)} error(s) in {total} questions")
    else:
        print(f"\nall {total} questions OK")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
