#!/usr/bin/env python3
"""Check eval/dev/questions.jsonl against eval/dev/corpus/.

Run:  /work/main/.venv/bin/python eval/dev/check_questions.py [path/to/questions.jsonl]

The checks are those of eval/check_questions.py (plain Python, no
dependencies), run by its ``validate()`` with the rules of the development set:

* the corpus is ``eval/dev/corpus/`` alone; each file is decoded from its bytes
  (UTF-8, else GB18030) and must have 1,500-3,000 characters;
* ids are ``d001`` ... in file order, ``split`` is ``"dev"`` for every line (no
  tuned/unseen rule), and there are no minimum counts;
* the hard-wrapped report (``yichang_2015_wrap.txt``): evidence that is not found
  as it is must be found once the line breaks are removed (counted and listed);
* the traditional -> simplified table also covers the characters of
  ``yongchun_2017_trad.txt``;
* an answer not inside the evidence may be inside the evidence's line (its
  paragraph, for the wrapped report): reported separately, not an error;
* every answerable question names its report's place, and its year unless the
  answer is the year itself (``SOURCE_KEYS``).

Exit 0 = OK, 1 = errors.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

DEV = Path(__file__).resolve().parent
CORPUS = DEV / "corpus"
DEFAULT_FILE = DEV / "questions.jsonl"

# eval/check_questions.py, loaded from its path (``eval`` is no package, and
# this file has the same name).
_spec = importlib.util.spec_from_file_location("eval_check_questions", DEV.parent / "check_questions.py")
base = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(base)

CHARS = (1500, 3000)  # the length of a report
WRAPPED = {"yichang_2015_wrap.txt"}
SOURCE_KEYS = {
    "sx_2018.txt": ("2018", "绍兴"),
    "sx_2019_gb18030.txt": ("2019", "绍兴"),
    "hun_2016_web.txt": ("2016", "湖南"),
    "yongchun_2017_trad.txt": ("2017", "永春"),
    "yichang_2015_wrap.txt": ("2015", "宜昌"),
}

# Traditional -> simplified: the table of eval/check_questions.py plus every
# character of eval/dev/corpus/ that it lacks and OpenCC tw2s changes, generated
# once character by character (on this corpus it folds exactly as tw2s does).
_EXTRA_TRAD = "嚴寫戶斷檔歲潔禮簽籃約聽訂託諾躍輪鉤麗堅婦屆崗幗幹掛換標獎獲競線訪證賽轉預願類風餘"
_EXTRA_SIMP = "严写户断档岁洁礼签篮约听订托诺跃轮钩丽坚妇届岗帼干挂换标奖获竞线访证赛转预愿类风余"
_T2S = base.t2s_table(_EXTRA_TRAD, _EXTRA_SIMP)


def main(argv: list[str]) -> int:
    path = Path(argv[1]) if len(argv) > 1 else DEFAULT_FILE
    sources, encodings = base.read_corpus(CORPUS)
    print("corpus:")
    for name, text in sources.items():
        print(f"  {name:26s} {encodings[name]:8s} {len(text):5d} chars")
    errors = [f"{name}: {len(text)} characters (not 1,500-3,000)"
              for name, text in sources.items() if not CHARS[0] <= len(text) <= CHARS[1]]
    res = base.validate(path, sources, id_prefix="d", sequential_ids=True, splits=("dev",), split_rule=False,
                        min_total=0, min_per_source=0, min_refusals=0, source_keys=SOURCE_KEYS,
                        year_may_be_answer=True, wrapped=WRAPPED, t2s=_T2S, answer_in_line=True, errors=errors)
    by_type, by_source = res.per("type"), res.per("source", none="(refusal)")
    print(f"\n{path}: {len(res.recs)} questions")
    print("per type:   " + ", ".join(f"{t} {by_type.get(t, 0)}" for t in base.TYPES))
    print("per source: " + ", ".join(f"{s} {n}" for s, n in sorted(by_source.items())))
    print(f"evidence spans crossing a hard wrap (matched unwrapped): {len(res.crossing)} {res.crossing}")
    print(f"answers found only in the evidence's line, not the span: {len(res.in_line_only)} {res.in_line_only}")
    code = base.print_findings(res, "NOTE:")
    print(f"\nFAILED: {len(res.errors)} error(s)" if code else f"\nall {len(res.recs)} questions OK")
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv))
