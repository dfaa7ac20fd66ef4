"""Latency and memory of `QAService.ask` with the model loaded (no UI).

    .venv/bin/python bench/latency.py [--questions eval/questions.jsonl] [--rounds 3]

Prints p50/p95/p99/max latency over every question of the set, asked `rounds`
times after a warm-up, the time to load the service, and peak memory (RSS).
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from qa.config import REPO_ROOT, load_settings  # noqa: E402
from qa.index import IndexError_  # noqa: E402
from qa.service import QAService  # noqa: E402


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--questions", default=str(REPO_ROOT / "eval" / "questions.jsonl"))
    p.add_argument("--index")
    p.add_argument("--rounds", type=int, default=3)
    args = p.parse_args(argv)

    questions = [json.loads(line)["question"] for line in open(args.questions, encoding="utf-8") if line.strip()]
    t0 = time.perf_counter()
    try:
        svc = QAService.load(load_settings(index_dir=args.index))
    except IndexError_ as e:  # no index yet, or a half-built one: say so, not a traceback
        print(f"latency: {e}", file=sys.stderr)
        return 2
    load_s = time.perf_counter() - t0
    for q in questions[:5]:  # warm-up: lazy imports, jieba dictionary, caches
        svc.ask(q)
    lat = []
    for _ in range(args.rounds):
        for q in questions:
            t = time.perf_counter()
            svc.ask(q)
            lat.append((time.perf_counter() - t) * 1000)
    a = np.array(lat)
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"questions: {len(questions)} x {args.rounds} rounds = {len(a)} asks")
    print(f"service load: {load_s:.1f} s")
    print(f"latency ms: p50 {np.percentile(a, 50):.1f}  p95 {np.percentile(a, 95):.1f}  "
          f"p99 {np.percentile(a, 99):.1f}  max {a.max():.1f}  mean {a.mean():.1f}")
    print(f"peak RSS: {rss_mb:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
