#!/usr/bin/env python3
"""Check the second held-out question files (eval/holdout2/*.jsonl).

Adapted from eval/holdout/check_holdout.py: same checks, ids ``m…``/``n…``,
split ``holdout2``, and the first held-out set (eval/holdout/) counts as an
existing set too.

Run:  /work/main/.venv/bin/python eval/holdout2/check_holdout2.py            # both files
      /work/main/.venv/bin/python eval/holdout2/check_holdout2.py bundled    # or: extended

The per-question checks are those of eval/check_questions.py and
eval/extended/check_questions.py (same folding, same decoding, same unwrapping
of the hard-wrapped GB18030 report, same traditional -> simplified tables, same
year/place rule for the extended set).  What differs is only what does not
apply to a held-out set: every line has ``"split": "holdout2"`` (no tuned/unseen
rule), ids are ``m001`` ... / ``n001`` ... in file order, and there are no
minimum counts.  Two extra checks against the existing sets:

* no question text equal to one in eval/questions.jsonl,
  eval/extended/questions.jsonl or eval/holdout/*.jsonl (error);
* a held-out question whose (source, first answer) or evidence equals an
  existing question's is listed as a NOTE, to be reviewed by hand (the same
  small figure can legitimately be a different fact).

Exit 0 = OK, 1 = errors.  Plain Python, no dependencies.
"""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
EVAL = HERE.parent


def _load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


ext = _load("ext_check_questions", EVAL / "extended" / "check_questions.py")
base = ext.base

SETS = {
    # name: (file, id prefix, existing set(s), union corpus?)
    "bundled": (HERE / "bundled.jsonl", "m", [EVAL / "questions.jsonl", EVAL / "holdout" / "bundled.jsonl"], False),
    "extended": (HERE / "extended.jsonl", "n", [EVAL / "extended" / "questions.jsonl", EVAL / "questions.jsonl",
                                                EVAL / "holdout" / "extended.jsonl", EVAL / "holdout" / "bundled.jsonl"], True),
}


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(l) for l in path.read_text(encoding="utf-8").splitlines() if l.strip()]


def check_set(name: str) -> int:
    path, prefix, existing_paths, union = SETS[name]
    if union:
        sources, _enc, _ext_names = ext.load_sources()
        t2s, wrapped, keys = ext._T2S, ext.WRAPPED, ext.SOURCE_KEYS
    else:
        sources = base.load_sources(base.CORPUS)
        t2s, wrapped, keys = base._T2S, set(), None
    unwrapped = {n: sources[n].replace("\n", "") for n in wrapped if n in sources}
    existing = [r for p in existing_paths for r in read_jsonl(p)]
    old_q = {r["question"] for r in existing}
    old_ans = {(r["source"], base.fold(r["answers"][0], t2s)): r["id"] for r in existing if r["answers"]}
    old_ev = {(r["source"], r["evidence"]): r["id"] for r in existing if r.get("evidence")}

    errors, notes, crossing = [], [], []
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as e:
                errors.append(f"line {n}: bad JSON: {e}")
    seen_q = set()
    for i, r in enumerate(rows, 1):
        rid = r.get("id", f"line {i}")
        missing = [k for k in base.FIELDS if k not in r]
        if missing:
            errors.append(f"{rid}: missing fields {missing}")
            continue
        if r["id"] != f"{prefix}{i:03d}":
            errors.append(f"{rid}: id must be {prefix}{i:03d} (ids run in file order)")
        if r["split"] != "holdout2":
            errors.append(f"{rid}: split must be 'holdout2'")
        if r["type"] not in base.TYPES:
            errors.append(f"{rid}: bad type {r['type']!r}")
        q = r["question"]
        if not isinstance(q, str) or not q.strip():
            errors.append(f"{rid}: empty question")
        if q in seen_q:
            errors.append(f"{rid}: duplicate question in this file")
        if q in old_q:
            errors.append(f"{rid}: question already in an existing set")
        seen_q.add(q)
        answers, ev, src = r["answers"], r["evidence"] or "", r["source"]
        if not isinstance(answers, list) or not all(isinstance(a, str) and a.strip() for a in answers):
            errors.append(f"{rid}: answers must be a list of non-empty strings")
            continue
        if not answers:
            if r["type"] != "refusal":
                errors.append(f"{rid}: empty answers but type {r['type']!r}")
            if ev or src:
                errors.append(f"{rid}: a refusal must have empty evidence and source")
            continue
        if r["type"] == "refusal":
            errors.append(f"{rid}: type refusal but answers given")
        if src not in sources:
            errors.append(f"{rid}: unknown source {src!r}")
            continue
        if keys is not None:
            year, place = keys.get(src, ("", ""))
            if not year:
                errors.append(f"{rid}: no SOURCE_KEYS entry for {src}")
            elif year not in q or place not in q:
                errors.append(f"{rid}: the question must name {year} and {place}")
        if not base.EVIDENCE_LEN[0] <= len(ev) <= base.EVIDENCE_LEN[1]:
            errors.append(f"{rid}: evidence length {len(ev)} not in {base.EVIDENCE_LEN}: {ev!r}")
        if "\n" in ev:
            errors.append(f"{rid}: evidence spans a line break")
        count = sources[src].count(ev)
        if count == 0 and src in unwrapped:
            count = unwrapped[src].count(ev)
            if count:
                crossing.append(rid)
        if count == 0:
            errors.append(f"{rid}: evidence not found verbatim in {src}: {ev!r}")
        elif count > 1:
            notes.append(f"{rid}: evidence occurs {count} times in {src}: {ev!r}")
        fev = base.fold(ev, t2s)
        if not any(base.fold(a, t2s) in fev for a in answers):
            errors.append(f"{rid}: no answer {answers} inside evidence {ev!r}")
        for a in answers:
            if len(base.fold(a, t2s)) > 40:
                errors.append(f"{rid}: answer longer than 40 characters: {a!r}")
        hit = old_ans.get((src, base.fold(answers[0], t2s)))
        if hit:
            notes.append(f"{rid}: same source and answer {answers[0]!r} as existing {hit} (check it is another fact)")
        hit = old_ev.get((src, ev))
        if hit:
            notes.append(f"{rid}: same evidence as existing {hit} (check it asks another figure)")

    by_type = Counter(r.get("type") for r in rows)
    by_src = Counter(r.get("source") or "(none: refusal)" for r in rows)
    print(f"{path.relative_to(EVAL.parent)}: {len(rows)} questions (split: holdout2)")
    print("  per type:  " + ", ".join(f"{t} {by_type.get(t, 0)}" for t in base.TYPES))
    print("  per source:")
    for s in sorted(by_src):
        print(f"    {s:34s} {by_src[s]:3d}")
    if wrapped:
        print(f"  evidence spans that cross a hard wrap: {len(crossing)} ({', '.join(crossing)})")
    for m in notes:
        print("  NOTE:", m)
    for e in errors:
        print("  ERROR:", e)
    print(f"  {'FAILED: %d error(s)' % len(errors) if errors else 'all %d questions OK' % len(rows)}\n")
    return 1 if errors else 0


def main(argv: list[str]) -> int:
    names = argv[1:] or list(SETS)
    return max(check_set(n) for n in names)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
