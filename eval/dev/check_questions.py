#!/usr/bin/env python3
"""Check eval/dev/questions.jsonl against eval/dev/corpus/.

Run:  /work/main/.venv/bin/python eval/dev/check_questions.py [path/to/questions.jsonl]

Standalone (it does not import eval/check_questions.py, whose command line
reads only corpus/).  Checks:

* format: fields, ids d001 ... in file order, types, split "dev", no duplicate
  question, refusals with empty answers/evidence/source;
* every corpus file decodes (UTF-8, else GB18030) and has 1,500-3,000 characters;
* evidence: 6-25 characters, no line break, found verbatim in the decoded
  source; for the hard-wrapped report (yichang_2015_wrap.txt) it may instead be
  found in the text with the line breaks removed (counted and listed);
* answers: after full-width -> half-width and traditional -> simplified
  (OpenCC tw2s from the venv; without OpenCC only full-width folding), one
  answer occurs in the evidence; failing that, in the evidence's line
  (paragraph, for the wrapped report) - reported separately;
* every answerable question names its report's place, and its year unless
  the answer is the year itself (SOURCE_KEYS).

Exit 0 = OK, 1 = errors.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

DEV = Path(__file__).resolve().parent
CORPUS = DEV / "corpus"
DEFAULT_FILE = DEV / "questions.jsonl"
TYPES = ("number", "date", "place", "describe", "refusal")
FIELDS = ("id", "question", "answers", "evidence", "type", "source", "split")
WRAPPED = {"yichang_2015_wrap.txt"}
SOURCE_KEYS = {
    "sx_2018.txt": ("2018", "绍兴"),
    "sx_2019_gb18030.txt": ("2019", "绍兴"),
    "hun_2016_web.txt": ("2016", "湖南"),
    "yongchun_2017_trad.txt": ("2017", "永春"),
    "yichang_2015_wrap.txt": ("2015", "宜昌"),
}

try:
    import opencc

    _t2s = opencc.OpenCC("tw2s").convert
except ImportError:  # pragma: no cover
    _t2s = None


def fold(s: str) -> str:
    s = "".join(chr(ord(c) - 0xFEE0) if 0xFF01 <= ord(c) <= 0xFF5E else (" " if c == "\u3000" else c) for c in s)
    return _t2s(s) if _t2s else s


def decode(data: bytes) -> tuple[str, str]:
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("gb18030"), "gb18030"


def main(argv: list[str]) -> int:
    path = Path(argv[1]) if len(argv) > 1 else DEFAULT_FILE
    errors: list[str] = []
    notes: list[str] = []
    sources: dict[str, str] = {}
    print("corpus:")
    for p in sorted(CORPUS.glob("*.txt")):
        text, enc = decode(p.read_bytes())
        text = text.replace("\r\n", "\n")
        sources[p.name] = text
        print(f"  {p.name:26s} {enc:8s} {len(text):5d} chars")
        if not 1500 <= len(text) <= 3000:
            errors.append(f"{p.name}: {len(text)} characters (not 1,500-3,000)")
    if _t2s is None:
        notes.append("OpenCC not importable: traditional answers are not folded")

    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    seen_q: set[str] = set()
    crossing: list[str] = []
    in_line_only: list[str] = []
    for n, r in enumerate(rows, 1):
        rid = r.get("id", "?")
        where = f"{rid}"
        missing = [k for k in FIELDS if k not in r]
        if missing:
            errors.append(f"{where}: missing {missing}")
            continue
        if rid != f"d{n:03d}":
            errors.append(f"{where}: id should be d{n:03d}")
        if r["question"] in seen_q:
            errors.append(f"{where}: duplicate question")
        seen_q.add(r["question"])
        if r["type"] not in TYPES:
            errors.append(f"{where}: bad type {r['type']!r}")
        if r["split"] != "dev":
            errors.append(f"{where}: split must be 'dev'")
        answers, ev, src, q = r["answers"], r["evidence"], r["source"], r["question"]
        if not isinstance(answers, list) or not all(isinstance(a, str) and a.strip() for a in answers):
            errors.append(f"{where}: answers must be a list of non-empty strings")
            continue
        if not answers:
            if r["type"] != "refusal" or ev or src:
                errors.append(f"{where}: empty answers need type refusal and empty evidence/source")
            continue
        if r["type"] == "refusal":
            errors.append(f"{where}: refusal with answers")
        if src not in sources:
            errors.append(f"{where}: unknown source {src!r}")
            continue
        year, place = SOURCE_KEYS[src]
        if place not in q or (year not in q and year not in answers):
            errors.append(f"{where}: question must name {place} and {year}")
        if not 6 <= len(ev) <= 25 or "\n" in ev:
            errors.append(f"{where}: evidence must be 6-25 chars on one line: {ev!r}")
        text = sources[src]
        lines = text.split("\n")
        if src in WRAPPED:  # a paragraph is the unit; its hard wraps are layout
            lines = [p.replace("\n", "") for p in text.split("\n\n")]
        count = text.count(ev)
        if count == 0 and src in WRAPPED:
            count = text.replace("\n", "").count(ev)
            if count:
                crossing.append(rid)
        if count == 0:
            errors.append(f"{where}: evidence not found verbatim in {src}: {ev!r}")
            continue
        if count > 1:
            notes.append(f"{where}: evidence occurs {count} times in {src}: {ev!r}")
        if any(len(fold(a)) > 40 for a in answers):
            errors.append(f"{where}: answer longer than 40 characters")
        fev = fold(ev)
        if any(fold(a) in fev for a in answers):
            continue
        line = next((ln for ln in lines if ev in ln), "")
        if any(fold(a) in fold(line) for a in answers):
            in_line_only.append(rid)
        else:
            errors.append(f"{where}: no answer {answers} in evidence {ev!r} or its line")

    by_type = Counter(r.get("type") for r in rows)
    by_src = Counter(r.get("source") or "(refusal)" for r in rows)
    print(f"\n{path}: {len(rows)} questions")
    print("per type:   " + ", ".join(f"{t} {by_type.get(t, 0)}" for t in TYPES))
    print("per source: " + ", ".join(f"{s} {c}" for s, c in sorted(by_src.items())))
    print(f"evidence spans crossing a hard wrap (matched unwrapped): {len(crossing)} {crossing}")
    print(f"answers found only in the evidence's line, not the span: {len(in_line_only)} {in_line_only}")
    for m in notes:
        print("NOTE:", m)
    for e in errors:
        print("ERROR:", e)
    print(f"\n{'FAILED: %d error(s)' % len(errors) if errors else 'all %d questions OK' % len(rows)}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
