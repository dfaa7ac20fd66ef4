#!/usr/bin/env python3
"""Check eval/questions.jsonl against the corpus.

Run:  /work/main/.venv/bin/python eval/check_questions.py [path/to/questions.jsonl]

Plain Python, no dependencies.  For every line it checks the format; for every
answerable question it asserts that the evidence span occurs verbatim in the
source report and that one of the short answers (after full-width -> half-width
and traditional -> simplified folding) occurs inside the evidence.  It then
prints counts per type, per source and per split, and exits non-zero on any
error.

The checks are ``check(path, sources, ...)``, whose keyword arguments carry the
rules of a question set (id prefix, minimums, reports that must be named,
hard-wrapped reports, extra traditional characters); the extended set's checker
(eval/extended/check_questions.py) runs it with its own rules over its corpus.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

EVAL_DIR = Path(__file__).resolve().parent
REPO = EVAL_DIR.parent
CORPUS = REPO / "corpus"
DEFAULT_FILE = EVAL_DIR / "questions.jsonl"

TYPES = ("number", "date", "place", "describe", "refusal")
SPLITS = ("tuned", "unseen")
FIELDS = ("id", "question", "answers", "evidence", "type", "source", "split")

MIN_TOTAL = 130
MIN_PER_SOURCE = 15
MIN_REFUSALS = 25
EVIDENCE_LEN = (6, 25)

# Traditional -> simplified for every character of the traditional report
# (corpus/003_*) that differs, plus a few common extras; generated once with
# OpenCC t2s, character by character, so the checker needs no dependency.
_TRAD = (
    "來個偉備傳僑優內兩別則創劃動務勞勢匯區協參員問喬單國圍園團報場學實寧審將專對導層屬師帶幫幾庫廣廳強從徹態慶應懷揮擇擔據擴"
    "擾數時書會東業極構機檢欄歡歸決沒況準溫滯濟為熱營爭獄現產當發監眾確礎稅種積穎簡紀紅紙級紛組結絡給統綏經網緬縣總績織繞續羅"
    "義習聯職脫腦與興舉華處號術衛見視親覺觀計討訓記設詞詢試話該認語誤課誼調談請論諸謀講識議讀變豐負財貧貫責貴資賓質贈軍較載輸"
    "輿轄辦農這連進運過達選還鄉鋒錢鎮鐵長門開間關闡陽隊際難電韋響項領頭題顒顯館饋馬駐驗體點黨龍於萬億後裡週臺灣纔麼樣"
)
_SIMP = (
    "来个伟备传侨优内两别则创划动务劳势汇区协参员问乔单国围园团报场学实宁审将专对导层属师带帮几库广厅强从彻态庆应怀挥择担据扩"
    "扰数时书会东业极构机检栏欢归决没况准温滞济为热营争狱现产当发监众确础税种积颖简纪红纸级纷组结络给统绥经网缅县总绩织绕续罗"
    "义习联职脱脑与兴举华处号术卫见视亲觉观计讨训记设词询试话该认语误课谊调谈请论诸谋讲识议读变丰负财贫贯责贵资宾质赠军较载输"
    "舆辖办农这连进运过达选还乡锋钱镇铁长门开间关阐阳队际难电韦响项领头题颙显馆馈马驻验体点党龙于万亿后里周台湾才么样"
)
assert len(_TRAD) == len(_SIMP)
_T2S = str.maketrans(_TRAD, _SIMP)


def t2s_table(extra_trad: str = "", extra_simp: str = "") -> dict[int, int]:
    """The traditional -> simplified table above, extended by ``extra_trad`` -> ``extra_simp``."""
    assert len(extra_trad) == len(extra_simp)
    return str.maketrans(_TRAD + extra_trad, _SIMP + extra_simp)


def fold(s: str, t2s: dict[int, int] = _T2S) -> str:
    """Full-width -> half-width, then traditional -> simplified (with table ``t2s``)."""
    out = []
    for ch in s:
        o = ord(ch)
        if 0xFF01 <= o <= 0xFF5E:
            ch = chr(o - 0xFEE0)
        elif o == 0x3000:
            ch = " "
        out.append(ch)
    return "".join(out).translate(t2s)


def load_sources(corpus: Path = CORPUS) -> dict[str, str]:
    """The text of each ``*.txt`` report in ``corpus`` (UTF-8), by file name."""
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(Path(corpus).glob("*.txt"))}


def check(path: Path, sources: dict[str, str], *, id_prefix: str = "q", sequential_ids: bool = False,
          min_total: int = MIN_TOTAL, min_per_source: int = MIN_PER_SOURCE, min_refusals: int = MIN_REFUSALS,
          counted_sources: list[str] | None = None, source_keys: dict[str, tuple[str, str]] | None = None,
          wrapped: set[str] | None = None, t2s: dict[int, int] = _T2S, warnings: list[str] | None = None,
          corpus_listing: list[str] | None = None) -> int:
    """Check the question file ``path`` against ``sources`` ({file name: text}),
    print the counts, warnings and errors, and return the exit code (0 = OK).

    ``id_prefix``: ids are ``<prefix>001`` ...; ``sequential_ids``: in file order.
    ``counted_sources``: the reports that need ``min_per_source`` questions (default: all).
    ``source_keys``: {source: (year, place)} every answerable question about it must name.
    ``wrapped``: hard-wrapped reports, whose evidence may cross a line break of the
    file (it is then matched against the text without line breaks); when given,
    the number of such spans is printed. ``t2s``: the traditional -> simplified
    table of ``fold``. ``warnings``: to print before the checks' own.
    ``corpus_listing``: lines printed under "corpus (union):" after the header.
    """
    unwrapped = {name: sources[name].replace("\n", "") for name in wrapped or () if name in sources}
    errors: list[str] = []
    warnings = list(warnings or [])
    crossing: list[str] = []
    rows = []
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
        if not re.fullmatch(re.escape(id_prefix) + r"\d{3,}", str(r["id"])):
            errors.append(f"{where}: bad id")
        elif sequential_ids and int(r["id"][len(id_prefix):]) != expect_id:
            errors.append(f"{where}: ids must run {id_prefix}001, {id_prefix}002, ... in file order")
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
        if source_keys is not None:
            year, place = source_keys.get(src, ("", ""))
            if not year:
                errors.append(f"{where}: no SOURCE_KEYS entry for {src}")
            elif year not in q or place not in q:
                errors.append(f"{where}: the question must name {year} and {place} (source {src})")
        if not (EVIDENCE_LEN[0] <= len(evidence) <= EVIDENCE_LEN[1]):
            errors.append(f"{where}: evidence length {len(evidence)} not in {EVIDENCE_LEN}: {evidence!r}")
        if "\n" in evidence:
            errors.append(f"{where}: evidence spans a line break")
        count = sources[src].count(evidence)
        if count == 0 and src in unwrapped:
            count = unwrapped[src].count(evidence)
            if count:
                crossing.append(r["id"])
        if count == 0:
            errors.append(f"{where}: evidence not found verbatim in {src}: {evidence!r}")
        elif count > 1:
            warnings.append(f"{where}: evidence occurs {count} times in {src}: {evidence!r}")
        fev = fold(evidence, t2s)
        if not any(fold(a, t2s) in fev for a in answers):
            errors.append(f"{where}: no answer {answers} inside evidence {evidence!r}")
        for a in answers:
            if len(fold(a, t2s)) > 40:
                errors.append(f"{where}: answer longer than 40 characters: {a!r}")

    recs = [r for _, r in rows if all(k in r for k in ("type", "source", "split"))]
    # The split rule (see eval/README.md): within each (source, type) group, in
    # file order, the 2nd, 5th, 8th, ... question is "unseen", all others "tuned".
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
    if total < min_total:
        errors.append(f"only {total} questions (< {min_total})")
    for name in (sources if counted_sources is None else counted_sources):
        if by_source.get(name, 0) < min_per_source:
            errors.append(f"{name}: only {by_source.get(name, 0)} questions (< {min_per_source})")
    if by_type.get("refusal", 0) < min_refusals:
        errors.append(f"only {by_type.get('refusal', 0)} unanswerable questions (< {min_refusals})")
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
    if corpus_listing is not None:
        print("\ncorpus (union):")
        for line in corpus_listing:
            print(line)
    print("\nper type:          total  tuned  unseen")
    for t in TYPES:
        print(f"  {t:16s} {by_type.get(t, 0):5d}  {type_split.get((t, 'tuned'), 0):5d}  {type_split.get((t, 'unseen'), 0):6d}")
    print("\nper source:                          total  tuned  unseen")
    for s in sorted(by_source):
        print(f"  {s:34s} {by_source[s]:5d}  {src_split.get((s, 'tuned'), 0):5d}  {src_split.get((s, 'unseen'), 0):6d}")
    print("\nper split:")
    for s in SPLITS:
        print(f"  {s:8s} {by_split.get(s, 0):5d}")
    if wrapped is not None:
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


def main(argv: list[str]) -> int:
    path = Path(argv[1]) if len(argv) > 1 else DEFAULT_FILE
    return check(path, load_sources(CORPUS))


if __name__ == "__main__":
    sys.exit(main(sys.argv))
