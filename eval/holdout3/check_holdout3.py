#!/usr/bin/env python3
"""Check the third held-out question files (eval/holdout3/*.jsonl).

Run:  /work/main/.venv/bin/python eval/holdout3/check_holdout3.py            # both files
      /work/main/.venv/bin/python eval/holdout3/check_holdout3.py bundled    # or: extended

The checks and the report of eval/holdout/check_holdout.py (see
eval/holdout2/check_holdout2.py), with the rules of this set: ids ``p001`` ...
/ ``r001`` ... in file order, ``"split": "holdout3"`` on every line, and every
earlier set (eval/questions.jsonl, eval/extended/, eval/holdout/,
eval/holdout2/) counted as existing: an equal question text is an error, a
shared (source, answer) or evidence is listed as a NOTE.

Exit 0 = OK, 1 = errors.  Plain Python, no dependencies.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

_spec = importlib.util.spec_from_file_location("check_holdout", HERE.parent / "holdout" / "check_holdout.py")
holdout = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(holdout)
EVAL = holdout.EVAL

SPLIT = "holdout3"
_BUNDLED_SETS = [EVAL / "questions.jsonl", EVAL / "holdout" / "bundled.jsonl", EVAL / "holdout2" / "bundled.jsonl"]
SETS = {
    # name: (file, id prefix, existing set(s), union corpus?)
    "bundled": (HERE / "bundled.jsonl", "p", _BUNDLED_SETS, False),
    "extended": (HERE / "extended.jsonl", "r", [EVAL / "extended" / "questions.jsonl", EVAL / "holdout" / "extended.jsonl",
                                                EVAL / "holdout2" / "extended.jsonl", *_BUNDLED_SETS], True),
}


def main(argv: list[str]) -> int:
    return holdout.main(argv, SETS, SPLIT)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
