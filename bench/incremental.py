"""Time to add one report to a large corpus (incremental) against a full rebuild.

    .venv/bin/python bench/incremental.py [--reports 200]

Makes a corpus of N distinct reports (the bundled and extended reports,
re-dated and with their figures varied so that no two are the same text),
builds it from scratch, then adds one new report and builds again, and prints
both times and how many passages each build embedded.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from qa.config import load_settings  # noqa: E402
from qa.embeddings import load_embedder  # noqa: E402
from qa.index import build_index  # noqa: E402
from qa.loaders import find_corpus_files, read_report_file  # noqa: E402


def variant(text: str, k: int) -> str:
    """The same report with other years and figures: a distinct text of the same shape."""
    rng = random.Random(k)
    text = re.sub(r"(19|20)\d{2}(?=年)", lambda m: str(2000 + (int(m.group(0)) + k) % 25), text)
    return re.sub(r"\d{2,}", lambda m: str(int(m.group(0)) + rng.randint(1, 97)), text)


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--reports", type=int, default=200)
    args = p.parse_args(argv)

    sources = []
    for folder in (ROOT / "corpus", ROOT / "eval" / "extended" / "corpus"):
        for f in find_corpus_files(folder):
            sources.append(read_report_file(f, folder).text)
    work = Path(tempfile.mkdtemp(prefix="qa-incr-"))
    corpus = work / "corpus"
    corpus.mkdir()
    for k in range(args.reports):
        (corpus / f"r{k:04d}.txt").write_text(variant(sources[k % len(sources)], k), encoding="utf-8")
    settings = load_settings(corpus_dir=corpus, index_dir=work / "index")
    embedder = load_embedder(settings)  # loaded once, outside both timings

    t = time.perf_counter()
    full = build_index(settings, embedder=embedder)
    full_s = time.perf_counter() - t
    (corpus / "new_report.txt").write_text(variant(sources[0], 10_000), encoding="utf-8")
    t = time.perf_counter()
    incr = build_index(settings, embedder=embedder)
    incr_s = time.perf_counter() - t

    print(f"corpus: {full.documents} reports, {full.chunks} chunks")
    print(f"full build:        {full_s:7.1f} s  (embedded {full.embedded} passages)")
    print(f"add one report:    {incr_s:7.1f} s  (embedded {incr.embedded} passages, {incr.chunks} chunks in all)")
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
