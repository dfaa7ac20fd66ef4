"""Load test: simultaneous chat sessions against the running app on loopback.

    .venv/bin/python bench/load.py [--sessions 20] [--questions-per-session 10] [--rebuild]

Starts the real app (app.py) on a free 127.0.0.1 port over a private copy of
the index, opens one Gradio client per session (each its own session), and
has every session ask its questions one after another, all sessions at once.
With --rebuild, a full index rebuild (embedding cache cleared, so every
passage is embedded again) runs while the sessions ask, and the app picks up
the new version. Prints p50/p95/max latency, errors and throughput. Bounded:
sessions x questions requests, and a time limit.
"""

from __future__ import annotations

import argparse
import json
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_up(url: str, proc: subprocess.Popen, timeout: float = 180) -> None:
    import httpx

    t0 = time.time()
    while time.time() - t0 < timeout:
        if proc.poll() is not None:
            raise RuntimeError("the app exited while starting; see its log")
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(1)
    raise TimeoutError(f"the app did not come up at {url}")


def session(url: str, questions: list[str], out: list, errors: list, deadline: float) -> None:
    from gradio_client import Client

    try:
        client = Client(url, verbose=False)
    except Exception as e:  # noqa: BLE001 - a load test counts every failure
        errors.append(f"connect: {e}")
        return
    for q in questions:
        if time.time() > deadline:
            errors.append("deadline")
            return
        t = time.perf_counter()
        try:
            _, chat = client.predict(q, [], api_name="/respond")  # (cleared textbox, chat)
            text = json.dumps(chat, ensure_ascii=False)
            if "qa-msg" not in text:
                raise ValueError(f"unexpected reply: {text[:120]}")
        except Exception as e:  # noqa: BLE001
            errors.append(f"{q[:20]}: {e}")
            continue
        out.append((time.perf_counter() - t) * 1000)


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--sessions", type=int, default=20)
    p.add_argument("--questions-per-session", type=int, default=10)
    p.add_argument("--questions", default=str(ROOT / "eval" / "questions.jsonl"))
    p.add_argument("--index", default=str(ROOT / "index"), help="index to copy and serve")
    p.add_argument("--rebuild", action="store_true", help="run a full rebuild during the load")
    p.add_argument("--time-limit", type=float, default=600)
    args = p.parse_args(argv)

    pool = [json.loads(line)["question"] for line in open(args.questions, encoding="utf-8") if line.strip()]
    work = Path(tempfile.mkdtemp(prefix="qa-load-"))
    index = work / "index"
    shutil.copytree(args.index, index, ignore=shutil.ignore_patterns(".build.lock"))
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    log = open(work / "app.log", "w")
    env = {"QA_DATA_DIR": str(work / "data"), "PATH": "/usr/bin:/bin"}
    import os

    env = {**os.environ, **env}
    app = subprocess.Popen([PY, str(ROOT / "app.py"), "--port", str(port), "--index", str(index)],
                           stdout=log, stderr=subprocess.STDOUT, env=env, cwd=ROOT)
    try:
        wait_up(url, app)
        print(f"app up at {url} (log: {work / 'app.log'})")
        lat: list[float] = []
        errors: list[str] = []
        deadline = time.time() + args.time_limit
        threads = []
        for i in range(args.sessions):
            qs = [pool[(i * args.questions_per_session + k) % len(pool)] for k in range(args.questions_per_session)]
            threads.append(threading.Thread(target=session, args=(url, qs, lat, errors, deadline)))
        rebuild = None
        t0 = time.time()
        for t in threads:
            t.start()
        if args.rebuild:
            shutil.rmtree(index / "cache", ignore_errors=True)  # embed everything again
            rebuild = subprocess.Popen([str(Path(PY).parent / "qa"), "build", "--force", "--index", str(index)],
                                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, cwd=ROOT)
        for t in threads:
            t.join()
        wall = time.time() - t0
        rebuild_note = ""
        if rebuild is not None:
            rc = rebuild.wait(timeout=args.time_limit)
            rebuild_note = f", rebuild exit code {rc}"
            if rc != 0:
                errors.append("rebuild failed: " + rebuild.stderr.read().decode()[-300:])
        a = np.array(lat) if lat else np.zeros(1)
        total = args.sessions * args.questions_per_session
        print(f"sessions: {args.sessions}, requests: {total}, answered: {len(lat)}, errors: {len(errors)}"
              f"{' (rebuild running)' if args.rebuild else ''}{rebuild_note}")
        print(f"latency ms: p50 {np.percentile(a, 50):.0f}  p95 {np.percentile(a, 95):.0f}  max {a.max():.0f}")
        print(f"wall time {wall:.1f} s, throughput {len(lat) / wall:.1f} answers/s")
        for e in errors[:10]:
            print("  error:", e)
        return 1 if errors else 0
    finally:
        app.terminate()
        try:
            app.wait(timeout=20)
        except subprocess.TimeoutExpired:
            app.kill()
        log.close()


if __name__ == "__main__":
    sys.exit(main())
