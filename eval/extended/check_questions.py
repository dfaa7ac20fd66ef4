#!/usr/bin/env python3
"""Check eval/extended/questions.jsonl against the union corpus.

Run:  /work/main/.venv/bin/python eval/extended/check_questions.py [path/to/questions.jsonl]

The checks are those of eval/check_questions.py (plain Python, no
dependencies), run by its ``check()`` with the rules of the extended set.  The
corpus for the extended set is the UNION of ``corpus/`` (the five real reports)
and ``eval/extended/corpus/`` (six written reports).  Differences from the main
checker:

* files are decoded from their bytes: UTF-8 first, then GB18030
  (``zs_2013_gb18030.txt`` is GB18030);
* ids are ``x001`` ... and run in file order;
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
* minimums: 100 questions, 12 per extended report, 20 refusals; a written
  report outside 1,500-3,000 characters is a warning.

Exit 0 = OK, 1 = errors.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

EXT_DIR = Path(__file__).resolve().parent
REPO = EXT_DIR.parent.parent
MAIN_CORPUS = REPO / "corpus"
EXT_CORPUS = EXT_DIR / "corpus"
DEFAULT_FILE = EXT_DIR / "questions.jsonl"


def _load_main_checker():
    """eval/check_questions.py as a module (``eval`` is no package, and this
    file has the same name, so it is loaded from its path)."""
    spec = importlib.util.spec_from_file_location("eval_check_questions", EXT_DIR.parent / "check_questions.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


base = _load_main_checker()

MIN_TOTAL = 100
MIN_PER_EXT_SOURCE = 12
MIN_REFUSALS = 20
EXT_CHARS = (1500, 3000)  # the length asked of a written report

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
_EXTRA_TRAD = "佈儉勸堅夠婦宮屆崗幗幹掛換條標歷滿獎獲競紮綜緊線編繼蘇裝訪評證賽轉遊違遷雖離預願類風餘"
_EXTRA_SIMP = "布俭劝坚够妇宫届岗帼干挂换条标历满奖获竞扎综紧线编继苏装访评证赛转游违迁虽离预愿类风余"
_T2S = base.t2s_table(_EXTRA_TRAD, _EXTRA_SIMP)


def fold(s: str) -> str:
    """Full-width -> half-width, then traditional -> simplified (the extended table)."""
    return base.fold(s, _T2S)


def load_sources() -> tuple[dict[str, str], dict[str, str], set[str]]:
    """({file name: text}, {file name: encoding}, names of the extended reports)
    of the union corpus, each file decoded from its bytes (UTF-8, then GB18030)."""
    texts, encodings = base.read_corpus(MAIN_CORPUS, EXT_CORPUS)
    return texts, encodings, {p.name for p in EXT_CORPUS.glob("*.txt")}


def main(argv: list[str]) -> int:
    path = Path(argv[1]) if len(argv) > 1 else DEFAULT_FILE
    sources, encodings, ext_names = load_sources()
    warnings = []
    for name in sorted(ext_names):
        n = len(sources[name])
        if not EXT_CHARS[0] <= n <= EXT_CHARS[1]:
            warnings.append(f"{name}: {n} characters (the brief asks for 1,500-3,000)")
    listing = [f"  {name:34s} {'extended' if name in ext_names else 'main':8s} {encodings[name]:8s} "
               f"{len(sources[name]):6d} chars" for name in sorted(sources)]
    return base.check(path, sources, id_prefix="x", sequential_ids=True, min_total=MIN_TOTAL,
                      min_per_source=MIN_PER_EXT_SOURCE, min_refusals=MIN_REFUSALS,
                      counted_sources=sorted(ext_names), source_keys=SOURCE_KEYS, wrapped=WRAPPED,
                      t2s=_T2S, warnings=warnings, corpus_listing=listing)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
