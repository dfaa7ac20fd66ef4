#!/usr/bin/env python3
"""Check eval/questions.jsonl against the corpus.

Run:  /work/main/.venv/bin/python eval/check_questions.py [path/to/questions.jsonl]

Plain Python, no dependencies.  For every line it checks the format; for every
answerable question it asserts that the evidence span occurs verbatim in the
source report and that one of the short answers (after full-width -> half-width
and traditional -> simplified folding) occurs inside the evidence.  It then
prints counts per type, per source and per split, and exits non-zero on any
error.

The checks are ``validate(path, sources, ...)``, whose keyword arguments carry
the rules of a question set (id prefix, allowed split values and whether the
tuned/unseen rule holds, minimums, reports that must be named, hard-wrapped
reports, extra traditional characters, other question files whose questions
must not be repeated); ``check()`` runs it and prints this checker's report.
The other sets' checkers run them with their own rules over their corpora:
eval/extended/check_questions.py runs ``check()``; eval/dev/check_questions.py
and eval/holdout/check_holdout.py (and through it
eval/holdout2/check_holdout2.py) run ``validate()`` and print a report of their
own (with ``print_findings()``).
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path
from typing import NamedTuple

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


def decode(data: bytes) -> tuple[str, str]:
    """(text, encoding): UTF-8 (BOM allowed) first, then GB18030."""
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("gb18030"), "gb18030"


def read_corpus(*folders: Path) -> tuple[dict[str, str], dict[str, str]]:
    """({file name: text}, {file name: encoding}) of the ``*.txt`` reports in
    ``folders``, each decoded from its bytes (``decode``) with CRLF -> LF."""
    texts: dict[str, str] = {}
    encodings: dict[str, str] = {}
    for folder in folders:
        for p in sorted(Path(folder).glob("*.txt")):
            if p.name in texts:
                raise SystemExit(f"file name {p.name} occurs in two corpus folders")
            text, encodings[p.name] = decode(p.read_bytes())
            texts[p.name] = text.replace("\r\n", "\n")
    return texts, encodings


def read_rows(path: Path) -> list[dict]:
    """The JSON objects of a question file, one a line."""
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]


def _line_of(text: str, span: str, wrapped: bool) -> str:
    """The line of ``text`` that holds ``span``; for a hard-wrapped text, its
    paragraph with the wraps removed."""
    lines = [p.replace("\n", "") for p in text.split("\n\n")] if wrapped else text.split("\n")
    return next((line for line in lines if span in line), "")


class Result(NamedTuple):
    """What ``validate`` found in a question file."""

    path: Path
    recs: list[dict]  # the lines that have a type, a source and a split
    errors: list[str]
    warnings: list[str]
    crossing: list[str]  # ids whose evidence crosses a hard wrap
    in_line_only: list[str]  # ids whose answer is in the evidence's line but not in the span

    def per(self, field: str, none: str = "(none: refusal)") -> Counter:
        """Questions per value of ``field`` (an empty value counted as ``none``)."""
        return Counter(r[field] or none for r in self.recs)


def validate(path: Path, sources: dict[str, str], *, id_prefix: str = "q", sequential_ids: bool = False,
             splits: tuple[str, ...] = SPLITS, split_rule: bool = True, min_total: int = MIN_TOTAL,
             min_per_source: int = MIN_PER_SOURCE, min_refusals: int = MIN_REFUSALS,
             counted_sources: list[str] | None = None, source_keys: dict[str, tuple[str, str]] | None = None,
             year_may_be_answer: bool = False, wrapped: set[str] | None = None, t2s: dict[int, int] = _T2S,
             answer_in_line: bool = False, existing: list[Path] | None = None, warnings: list[str] | None = None,
             errors: list[str] | None = None) -> Result:
    """Check the question file ``path`` against ``sources`` ({file name: text});
    nothing is printed.

    ``id_prefix``: ids are ``<prefix>001`` ...; ``sequential_ids``: in file order.
    ``splits``: the allowed ``split`` values; ``split_rule``: the tuned/unseen
    rule of eval/README.md holds (and every type and source has both splits).
    ``min_*``: the least number of questions, per report, of refusals (0: none).
    ``counted_sources``: the reports that need ``min_per_source`` questions (default: all).
    ``source_keys``: {source: (year, place)} every answerable question about it must
    name; ``year_may_be_answer``: the year need not be named when it is an answer.
    ``wrapped``: hard-wrapped reports, whose evidence may cross a line break of the
    file (it is then matched against the text without line breaks). ``t2s``: the
    traditional -> simplified table of ``fold``. ``answer_in_line``: an answer
    that is not in the evidence may be in the evidence's line (its paragraph, for
    a wrapped report); such questions are listed, not errors. ``existing``: other
    question files: a question text of theirs is an error here, a question with
    the same source and first answer, or the same evidence, a warning (to review:
    the same small figure can be another fact). ``warnings``, ``errors``: to list
    before the checks' own.
    """
    unwrapped = {name: sources[name].replace("\n", "") for name in wrapped or () if name in sources}
    errors = list(errors or [])
    warnings = list(warnings or [])
    crossing: list[str] = []
    in_line_only: list[str] = []
    old = [r for p in existing or () for r in read_rows(p)]
    old_q = {r["question"] for r in old}
    old_ans = {(r["source"], fold(r["answers"][0], t2s)): r["id"] for r in old if r["answers"]}
    old_ev = {(r["source"], r["evidence"]): r["id"] for r in old if r.get("evidence")}
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
        expect_id += 1
        missing = [k for k in FIELDS if k not in r and not (k == "evidence" and r.get("type") == "refusal")]
        if missing:
            errors.append(f"{where}: missing fields {missing}")
            continue
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
        elif q in old_q:
            errors.append(f"{where}: question already in an existing set")
        seen_q.add(q)
        if r["type"] not in TYPES:
            errors.append(f"{where}: bad type {r['type']!r}")
        if r["split"] not in splits:
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
            elif place not in q or (year not in q and not (year_may_be_answer and year in answers)):
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
            line = fold(_line_of(sources[src], evidence, src in unwrapped), t2s) if answer_in_line and count else ""
            if line and any(fold(a, t2s) in line for a in answers):
                in_line_only.append(r["id"])
            else:
                errors.append(f"{where}: no answer {answers} inside evidence {evidence!r}")
        for a in answers:
            if len(fold(a, t2s)) > 40:
                errors.append(f"{where}: answer longer than 40 characters: {a!r}")
        hit = old_ans.get((src, fold(answers[0], t2s)))
        if hit:
            warnings.append(f"{r['id']}: same source and answer {answers[0]!r} as existing {hit} "
                            "(check it is another fact)")
        hit = old_ev.get((src, evidence))
        if hit:
            warnings.append(f"{r['id']}: same evidence as existing {hit} (check it asks another figure)")

    res = Result(path, [r for _, r in rows if all(k in r for k in ("type", "source", "split"))],
                 errors, warnings, crossing, in_line_only)
    if split_rule:
        # The split rule (see eval/README.md): within each (source, type) group, in
        # file order, the 2nd, 5th, 8th, ... question is "unseen", all others "tuned".
        pos: Counter = Counter()
        for r in res.recs:
            g = (r["source"], r["type"])
            pos[g] += 1
            want = "unseen" if pos[g] % 3 == 2 else "tuned"
            if r["split"] != want:
                errors.append(f"{r.get('id', '?')}: split is {r['split']!r} but the rule gives {want!r}")

    by_type, by_source = res.per("type"), res.per("source")
    total = len(res.recs)
    if total < min_total:
        errors.append(f"only {total} questions (< {min_total})")
    for name in (sources if counted_sources is None else counted_sources):
        if by_source.get(name, 0) < min_per_source:
            errors.append(f"{name}: only {by_source.get(name, 0)} questions (< {min_per_source})")
    if by_type.get("refusal", 0) < min_refusals:
        errors.append(f"only {by_type.get('refusal', 0)} unanswerable questions (< {min_refusals})")
    if split_rule:
        if total:
            share = res.per("split").get("unseen", 0) / total
            if not 0.25 <= share <= 0.40:
                errors.append(f"unseen share {share:.2f} is not about 1/3")
        type_split = Counter((r["type"], r["split"]) for r in res.recs)
        src_split = Counter((r["source"] or "(none: refusal)", r["split"]) for r in res.recs)
        for t in by_type:
            for s in SPLITS:
                if not type_split.get((t, s)):
                    errors.append(f"type {t} has no {s} question")
        for src in by_source:
            for s in SPLITS:
                if not src_split.get((src, s)):
                    errors.append(f"source {src} has no {s} question")
    return res


def print_findings(res: Result, warning: str = "WARNING:", indent: str = "") -> int:
    """Print the warnings (labelled ``warning``) and errors of ``res``, each line
    after ``indent``; the exit code (0 = no error)."""
    for w in res.warnings:
        print(indent + warning, w)
    for e in res.errors:
        print(indent + "ERROR:", e)
    return 1 if res.errors else 0


def check(path: Path, sources: dict[str, str], *, corpus_listing: list[str] | None = None, **rules) -> int:
    """``validate`` the question file ``path`` against ``sources`` with ``rules``
    (its keyword arguments), print the counts per type, source and split, the
    warnings and errors, and return the exit code (0 = OK). ``corpus_listing``:
    lines printed under "corpus (union):" after the header. With ``wrapped``,
    the number of evidence spans that cross a hard wrap is printed."""
    res = validate(path, sources, **rules)
    splits = rules.get("splits", SPLITS)
    total = len(res.recs)
    by_split = res.per("split")
    type_split = Counter((r["type"], r["split"]) for r in res.recs)
    src_split = Counter((r["source"] or "(none: refusal)", r["split"]) for r in res.recs)

    def row(label: str, width: int, n: int, per_split: Counter) -> str:
        cells = "".join(f"  {per_split.get((label, s), 0):{max(5, len(s))}d}" for s in splits)
        return f"  {label:{width}s} {n:5d}{cells}"

    heads = "".join(f"  {s:>{max(5, len(s))}s}" for s in splits)
    print(f"{path}: {total} questions")
    if corpus_listing is not None:
        print("\ncorpus (union):")
        for line in corpus_listing:
            print(line)
    print(f"\nper type:          total{heads}")
    by_type = res.per("type")
    for t in TYPES:
        print(row(t, 16, by_type.get(t, 0), type_split))
    print(f"\nper source:                          total{heads}")
    by_source = res.per("source")
    for s in sorted(by_source):
        print(row(s, 34, by_source[s], src_split))
    print("\nper split:")
    for s in splits:
        print(f"  {s:8s} {by_split.get(s, 0):5d}")
    if rules.get("wrapped") is not None:
        print(f"\nevidence spans that cross a hard wrap: {len(res.crossing)} ({', '.join(res.crossing)})")
    code = print_findings(res)
    print(f"\nFAILED: {len(res.errors)} error(s) in {total} questions" if code else f"\nall {total} questions OK")
    return code


def main(argv: list[str]) -> int:
    path = Path(argv[1]) if len(argv) > 1 else DEFAULT_FILE
    return check(path, load_sources(CORPUS))


if __name__ == "__main__":
    sys.exit(main(sys.argv))
