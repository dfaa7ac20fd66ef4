#!/usr/bin/env python3
"""Check the held-out question files (eval/holdout/*.jsonl).

Run:  /work/main/.venv/bin/python eval/holdout/check_holdout.py            # both files
      /work/main/.venv/bin/python eval/holdout/check_holdout.py bundled    # or: extended

The per-question checks are those of eval/check_questions.py (its
``validate()``), with the corpus and rules of eval/check_questions.py for
``bundled.jsonl`` and of eval/extended/check_questions.py for ``extended.jsonl``
(same folding, same decoding, same unwrapping of the hard-wrapped GB18030
report, same traditional -> simplified tables, same year/place rule for the
extended set).  What differs is only what does not apply to a held-out set:
every line has ``"split": "holdout"`` (no tuned/unseen rule), ids are
``h001`` ... / ``k001`` ... in file order, and there are no minimum counts.
Two extra checks against the existing sets:

* no question text equal to one in eval/questions.jsonl or
  eval/extended/questions.jsonl (error);
* a held-out question whose (source, first answer) or evidence equals an
  existing question's is listed as a NOTE, to be reviewed by hand (the same
  small figure can legitimately be a different fact).

eval/holdout2/check_holdout2.py runs ``main()`` with its own files and split.

Exit 0 = OK, 1 = errors.  Plain Python, no dependencies.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
EVAL = HERE.parent

# eval/extended/check_questions.py (and through it eval/check_questions.py),
# loaded from its path (``eval`` is no package).
_spec = importlib.util.spec_from_file_location("ext_check_questions", EVAL / "extended" / "check_questions.py")
ext = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(ext)
base = ext.base

SPLIT = "holdout"
SETS = {
    # name: (file, id prefix, existing set(s), union corpus?)
    "bundled": (HERE / "bundled.jsonl", "h", [EVAL / "questions.jsonl"], False),
    "extended": (HERE / "extended.jsonl", "k", [EVAL / "extended" / "questions.jsonl", EVAL / "questions.jsonl"], True),
}


def check_set(path: Path, prefix: str, existing: list[Path], union: bool, split: str = SPLIT) -> int:
    """Check one held-out file and print its report; the exit code (0 = OK)."""
    if union:  # the extended set's corpus and rules
        sources = ext.load_sources()[0]
        rules = {"t2s": ext._T2S, "wrapped": ext.WRAPPED, "source_keys": ext.SOURCE_KEYS}
    else:
        sources, rules = base.load_sources(base.CORPUS), {}
    res = base.validate(path, sources, id_prefix=prefix, sequential_ids=True, splits=(split,), split_rule=False,
                        min_total=0, min_per_source=0, min_refusals=0, existing=existing, **rules)
    by_type, by_source = res.per("type"), res.per("source")
    shown = path.relative_to(EVAL.parent) if path.is_relative_to(EVAL.parent) else path
    print(f"{shown}: {len(res.recs)} questions (split: {split})")
    print("  per type:  " + ", ".join(f"{t} {by_type.get(t, 0)}" for t in base.TYPES))
    print("  per source:")
    for s in sorted(by_source):
        print(f"    {s:34s} {by_source[s]:3d}")
    if union:
        print(f"  evidence spans that cross a hard wrap: {len(res.crossing)} ({', '.join(res.crossing)})")
    code = base.print_findings(res, "NOTE:", "  ")
    print(f"  FAILED: {len(res.errors)} error(s)\n" if code else f"  all {len(res.recs)} questions OK\n")
    return code


def main(argv: list[str], sets: dict = SETS, split: str = SPLIT) -> int:
    names = argv[1:] or list(sets)
    return max(check_set(*sets[n], split=split) for n in names)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
