#!/usr/bin/env python3
"""Check the second held-out question files (eval/holdout2/*.jsonl).

Run:  /work/main/.venv/bin/python eval/holdout2/check_holdout2.py            # both files
      /work/main/.venv/bin/python eval/holdout2/check_holdout2.py bundled    # or: extended

The checks and the report of eval/holdout/check_holdout.py (its ``main()``,
which runs the per-question checks of eval/check_questions.py with the rules of
eval/check_questions.py / eval/extended/check_questions.py), with the rules of
this set: ids ``m001`` ... / ``n001`` ... in file order, ``"split": "holdout2"``
on every line (no tuned/unseen rule), no minimum counts, and the first held-out
set (eval/holdout/) counted as an existing set too:

* no question text equal to one in eval/questions.jsonl,
  eval/extended/questions.jsonl or eval/holdout/*.jsonl (error);
* a question whose (source, first answer) or evidence equals an existing
  question's is listed as a NOTE, to be reviewed by hand.

Exit 0 = OK, 1 = errors.  Plain Python, no dependencies.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

# eval/holdout/check_holdout.py, loaded from its path (``eval`` is no package).
_spec = importlib.util.spec_from_file_location("check_holdout", HERE.parent / "holdout" / "check_holdout.py")
holdout = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(holdout)
EVAL = holdout.EVAL

SPLIT = "holdout2"
SETS = {
    # name: (file, id prefix, existing set(s), union corpus?)
    "bundled": (HERE / "bundled.jsonl", "m", [EVAL / "questions.jsonl", EVAL / "holdout" / "bundled.jsonl"], False),
    "extended": (HERE / "extended.jsonl", "n", [EVAL / "extended" / "questions.jsonl", EVAL / "questions.jsonl",
                                                EVAL / "holdout" / "extended.jsonl", EVAL / "holdout" / "bundled.jsonl"], True),
}


def main(argv: list[str]) -> int:
    return holdout.main(argv, SETS, SPLIT)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
