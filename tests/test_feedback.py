"""FeedbackStore (qa/feedback.py): record -> counts/latest -> export as a question
set; one SQLite file shared by threads and processes; the `qa feedback` CLI; the
webapp's feedback handlers. No model, no index: Answers are built by hand."""

from __future__ import annotations

import json
import multiprocessing as mp
import sqlite3
import subprocess
import threading
from contextlib import closing
from pathlib import Path

import pytest

from qa.feedback import DB_NAME, FeedbackStore, guess_type, short_form
from qa.types import Answer, Citation

PASSAGE = "2011年，市直属机关共发展党员585人，办理预备党员转正438人。"


def make_answer(question="2011年中山市直属机关发展了多少名党员？", answer="585人", *,
                resolved="", kind="number", n=1) -> Answer:
    cits = []
    if answer is not None:
        q = "发展党员585人"
        i = PASSAGE.index(q)
        cits = [Citation(n=k + 1, source="000_7fb3e329b878b41a.txt", title="市直属机关工作(2011)",
                         text=PASSAGE, quote=q, score=0.03, quote_start=i, quote_end=i + len(q))
                for k in range(n)]
    reply = f"{answer}。\n依据…“发展党员585人” [1]" if answer is not None else "报告中没有这方面的内容。"
    return Answer(question=question, answer=answer, reply=reply, citations=cits, latency_ms=12.0,
                  kind=kind, resolved_question=resolved or question, index_version="v-test")


def load_questions(path):
    # Imported on use: the worker processes of the concurrency test import this
    # module and need nothing but qa.feedback.
    from qa.evaluation import load_questions

    return load_questions(path)


@pytest.fixture
def store(tmp_path) -> FeedbackStore:
    return FeedbackStore.in_dir(tmp_path / "data")


# ---------------------------------------------------------------- round trip

def test_round_trip_record_counts_latest_export(store, tmp_path):
    assert store.path == tmp_path / "data" / DB_NAME and store.path.is_file()
    assert store.counts() == {"up": 0, "down": 0}

    up = store.record(make_answer(), +1, session_id="s1")
    down = store.record(make_answer("海南省直机关2020年火线入党多少人？", "12人"), -1)
    corr = store.record(make_answer("广西区直机关有多少个基层党组织？", "30个"), -1, correction="  4521个 ")
    refusal_up = store.record(make_answer("2013年中山市直属机关发展了多少名党员？", None, kind="number"), 1)
    refusal_down = store.record(make_answer("海南省直机关有多少个全国文明单位？", None, kind="number"), -1)
    said_none = store.record(make_answer("2011年中山市党费收了多少？", "20万元"), -1, correction="无")
    follow = store.record(make_answer("那2012年呢？", "600人", resolved="2012年中山市直属机关发展了多少名党员？"), 1)
    assert len({up, down, corr, refusal_up, refusal_down, said_none, follow}) == 7

    assert store.counts() == {"up": 3, "down": 4}
    latest = store.latest(rating=-1, limit=2)
    assert [r["id"] for r in latest] == [said_none, refusal_down]
    assert all(r["rating"] == -1 for r in store.latest())
    assert len(store.latest(rating=None, limit=100)) == 7

    row = store.get(up)
    assert row["question"] == "2011年中山市直属机关发展了多少名党员？" and row["answer"] == "585人"
    assert row["citations"][0]["quote"] == "发展党员585人" and row["index_version"] == "v-test"
    assert row["session_id"] == "s1" and row["created_at"].endswith("+00:00")
    assert store.get(corr)["correction"] == "4521个"  # stripped
    assert store.get(refusal_up)["answer"] is None

    out = tmp_path / "eval" / "feedback.jsonl"
    assert store.export_questions(out) == 7
    qs = load_questions(out)  # the evaluation reads it as it is
    by_id = {q["id"]: q for q in qs}
    assert list(by_id) == [f"fb{i}" for i in (up, down, corr, refusal_up, refusal_down, said_none, follow)]
    assert all(q["split"] == "feedback" for q in qs)

    q = by_id[f"fb{up}"]  # 👍: the short form of the answer, the first quote as evidence
    assert q["answers"] == ["585"] and q["evidence"] == "发展党员585人" and q["type"] == "number"
    assert q["source"] == "000_7fb3e329b878b41a.txt" and "needs_review" not in q

    q = by_id[f"fb{down}"]  # 👎 without the right answer: someone must review it
    assert q["answers"] == [] and q["needs_review"] is True and q["rejected_answer"] == "12人"
    assert q["type"] == "number" and q["evidence"] == ""

    q = by_id[f"fb{corr}"]  # the correction is the expected answer
    assert q["answers"] == ["4521个"] and q["type"] == "number" and "needs_review" not in q

    q = by_id[f"fb{refusal_up}"]  # 👍 on "the reports don't say": a refusal question
    assert q["answers"] == [] and q["type"] == "refusal" and "needs_review" not in q

    q = by_id[f"fb{refusal_down}"]  # 👎 on a refusal: the reports do say, but what?
    assert q["answers"] == [] and q["needs_review"] is True and q["rejected_answer"] is None

    q = by_id[f"fb{said_none}"]  # correction "无": the reports don't say
    assert q["answers"] == [] and q["type"] == "refusal" and "needs_review" not in q

    q = by_id[f"fb{follow}"]  # the question as the service understood it
    assert q["question"] == "2012年中山市直属机关发展了多少名党员？" and q["answers"] == ["600"]
    assert q["feedback"]["asked"] == "那2012年呢？"

    # Only 👎.
    n = store.export_questions(out, only_down=True)
    assert n == 4 and {q["id"] for q in load_questions(out)} == {f"fb{i}" for i in (down, corr, refusal_down, said_none)}
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 4
    assert all(json.loads(line)["split"] == "feedback" for line in lines)
    assert not list(out.parent.glob(".*.tmp"))  # written atomically, no leftovers


def test_export_one_item_per_question(store, tmp_path):
    a = make_answer()
    first = store.record(a, 1)
    corrected = store.record(a, -1, correction="585")
    store.record(make_answer(question="2011年中山市直属机关发展了多少名党员 ？"), -1)  # same question, later
    other = store.record(make_answer("2011年中山市直属机关办理预备党员转正多少人？", "438人"), 1)
    out = tmp_path / "q.jsonl"
    assert store.export_questions(out) == 2
    qs = load_questions(out)
    # A row with a correction wins over newer ones without.
    assert [q["id"] for q in qs] == [f"fb{corrected}", f"fb{other}"] and first < corrected
    assert qs[0]["answers"] == ["585"] and qs[1]["answers"] == ["438"]


def test_empty_export_and_updates(store, tmp_path):
    out = tmp_path / "none.jsonl"
    assert store.export_questions(out) == 0 and out.read_text(encoding="utf-8") == ""
    i = store.record(make_answer(), 1)
    assert store.set_rating(i, -1) and store.counts() == {"up": 0, "down": 1}
    assert store.set_correction(i, "585") and store.get(i)["correction"] == "585"
    assert store.set_correction(i, "  ") and store.get(i)["correction"] is None
    assert store.delete(i) and store.get(i) is None and store.counts() == {"up": 0, "down": 0}
    assert not store.set_rating(i, 1) and not store.delete(i)
    with pytest.raises(ValueError):
        store.record(make_answer(), 0)
    with pytest.raises(ValueError):
        store.record(make_answer(), True)


@pytest.mark.parametrize("given, short", [
    ("585人", "585"), ("6300余人", "6300余"), ("30多个", "30多"), ("约900人", "900"), ("近70人", "近70"),
    ("1004.79万元", "1004.79万"), ("1.8亿元", "1.8亿"), ("96.5%", "96.5"), ("５８５人", "585"),
    ("12月12日", "12月12日"), ("孙中山纪念堂", "孙中山纪念堂"), ("2010年至2012年", "2010年至2012年"),
])
def test_short_form(given, short):
    assert short_form(given) == short


def test_guess_type():
    assert guess_type("585") == "number" and guess_type("12月12日", "date") == "date"
    assert guess_type("孙中山纪念堂", "place") == "place" and guess_type("廉政电影周", "number") == "describe"
    assert guess_type(None) == "refusal"


# ---------------------------------------------------------------- persistence

def test_survives_reopening(tmp_path):
    data = tmp_path / "nested" / "data"
    s1 = FeedbackStore.in_dir(data)
    ids = [s1.record(make_answer(), 1), s1.record(make_answer(), -1, correction="585")]
    del s1
    s2 = FeedbackStore(data / DB_NAME)  # a file path works as well as the folder
    assert s2.counts() == {"up": 1, "down": 1}
    assert [r["id"] for r in s2.latest(rating=None)] == ids[::-1]
    assert s2.record(make_answer(), 1) > max(ids)  # ids keep growing
    assert FeedbackStore(data).path == data / DB_NAME  # an existing folder: the file in it
    with closing(sqlite3.connect(data / DB_NAME)) as con:  # WAL is a property of the file
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


# ---------------------------------------------------------------- concurrency

PER_WORKER = 50


def _write_many(path: str, worker: str, go, errors) -> None:
    """Record PER_WORKER answers, each write in its own transaction; errors go to ``errors``."""
    try:
        store = FeedbackStore(path)
        go.wait(60)
        for i in range(PER_WORKER):
            ans = make_answer(f"{worker} 问题 {i}？", f"{i}人")
            rid = store.record(ans, 1 if i % 2 else -1, correction="x" if i % 7 == 0 else None,
                               session_id=worker)
            if i % 10 == 0:  # some reads and updates between the writes
                store.counts()
                store.set_correction(rid, f"{i}")
    except Exception as e:  # noqa: BLE001 - reported to the test
        errors.put(f"{worker}: {type(e).__name__}: {e}")


def _process_main(path: str, worker: str, ready, go, errors) -> None:
    ready.put(worker)
    _write_many(path, worker, go, errors)


def test_concurrent_writes_from_threads_and_processes(tmp_path):
    path = str(tmp_path / "data" / DB_NAME)
    FeedbackStore(tmp_path / "data" / DB_NAME)  # the app creates it; workers open it again
    ctx = mp.get_context("spawn")  # no fork of a process that may hold threads and locks
    ready, go, errors = ctx.Queue(), ctx.Event(), ctx.Queue()
    procs = [ctx.Process(target=_process_main, args=(path, f"p{k}", ready, go, errors)) for k in range(4)]
    for p in procs:
        p.start()
    threads = [threading.Thread(target=_write_many, args=(path, f"t{k}", go, errors)) for k in range(8)]
    for t in threads:
        t.start()
    for _ in procs:
        ready.get(timeout=60)
    go.set()  # all 12 writers start together
    for t in threads:
        t.join(120)
    for p in procs:
        p.join(120)
    failures = []
    while not errors.empty():
        failures.append(errors.get())
    assert failures == []
    assert [p.exitcode for p in procs] == [0] * 4 and not any(t.is_alive() for t in threads)

    store = FeedbackStore(path)
    c = store.counts()
    assert c["up"] + c["down"] == 12 * PER_WORKER == 600
    rows = store.all()
    assert len({r["id"] for r in rows}) == 600
    per_worker = {}
    for r in rows:
        per_worker[r["session_id"]] = per_worker.get(r["session_id"], 0) + 1
    assert per_worker == {**{f"p{k}": PER_WORKER for k in range(4)}, **{f"t{k}": PER_WORKER for k in range(8)}}


# ---------------------------------------------------------------- CLI

def test_cli_feedback_export_and_stats(tmp_path, monkeypatch, capsys):
    from conftest import qa_script, subprocess_env
    from qa.cli import main

    data = tmp_path / "data"
    store = FeedbackStore.in_dir(data)
    store.record(make_answer(), 1)
    store.record(make_answer("海南省直机关2020年火线入党多少人？", "12人"), -1)
    store.record(make_answer("广西区直机关有多少个基层党组织？", "30个"), -1, correction="4521个")
    env = {**subprocess_env(), "QA_DATA_DIR": str(data)}
    out = tmp_path / "fb.jsonl"

    r = subprocess.run([str(qa_script()), "feedback", "export", "--out", str(out)],
                       capture_output=True, text=True, env=env, timeout=120)
    assert r.returncode == 0, r.stderr
    assert "wrote 3 questions" in r.stdout
    qs = load_questions(out)
    assert [q["answers"] for q in qs] == [["585"], [], ["4521个"]]

    # The rest in-process (each `qa` process spends a second importing the pipeline).
    monkeypatch.setenv("QA_DATA_DIR", str(data))
    capsys.readouterr()
    assert main(["feedback", "export", "--out", str(out), "--only-down"]) == 0
    assert "wrote 2 questions" in capsys.readouterr().out
    assert len(load_questions(out)) == 2

    assert main(["feedback", "stats"]) == 0
    stdout = capsys.readouterr().out
    assert "👍 1" in stdout and "👎 2" in stdout and str(data) in stdout
    assert "广西区直机关有多少个基层党组织？" in stdout and "correction: 4521个" in stdout
    assert "海南省直机关2020年火线入党多少人？" in stdout
    assert "2011年中山市直属机关" not in stdout  # a 👍 is not listed among the 👎

    # The default output file is eval/feedback.jsonl.
    from qa.cli import build_parser
    from qa.config import REPO_ROOT

    args = build_parser().parse_args(["feedback", "export"])
    assert Path(args.out) == REPO_ROOT / "eval" / "feedback.jsonl" and not args.only_down


# ---------------------------------------------------------------- the UI handlers

def test_webapp_feedback_handlers(store):
    from qa.webapp import FEEDBACK_THANKS, feedback_correct, feedback_like

    answers = {1: make_answer(), 3: make_answer("海南省直机关2020年火线入党多少人？", "12人")}
    rated, msg = feedback_like(store, answers, {}, 1, True, "sess")
    assert msg.startswith(FEEDBACK_THANKS) and store.counts() == {"up": 1, "down": 0}
    rated, msg = feedback_like(store, answers, rated, 1, False, "sess")  # changed mind: same row
    assert store.counts() == {"up": 0, "down": 1} and rated["last"] == 1
    rated, msg = feedback_like(store, answers, rated, [3, None], False)  # index as a pair
    assert store.counts() == {"up": 0, "down": 2} and rated["last"] == 3
    rated, msg, box = feedback_correct(store, answers, rated, " 9人 ")
    assert msg.startswith(FEEDBACK_THANKS) and box == ""
    assert store.get(rated["ids"][3])["correction"] == "9人"
    rated, msg = feedback_like(store, answers, rated, 3, "")  # thumb clicked again: withdrawn
    assert store.counts() == {"up": 0, "down": 1} and rated["last"] is None
    # A correction with nothing rated: goes to the latest answer, as a 👎.
    rated, msg, _ = feedback_correct(store, answers, rated, "10人")
    assert rated["last"] == 3 and store.get(rated["ids"][3])["correction"] == "10人"
    assert store.counts() == {"up": 0, "down": 2}
    # Messages without an Answer (the thinking placeholder, an error) and empty input.
    _, msg = feedback_like(store, answers, rated, 5, True)
    assert "不能评价" in msg and store.counts() == {"up": 0, "down": 2}
    _, msg, box = feedback_correct(store, answers, rated, "   ")
    assert "请先填写" in msg and box == "   "
    _, msg, _ = feedback_correct(store, {}, {}, "585")
    assert "请先提问" in msg
    _, msg = feedback_like(None, answers, {}, 1, True)
    assert "不可用" in msg


def test_correction_goes_to_the_answer_rated_last_or_the_newest(store):
    from qa.webapp import feedback_correct, feedback_like

    answers = {1: make_answer()}
    rated, _ = feedback_like(store, answers, {}, 1, True)
    first = rated["ids"][1]
    answers[3] = make_answer("海南省直机关2020年火线入党多少人？", "12人")  # a newer answer, not rated
    rated, msg, _ = feedback_correct(store, answers, rated, "9人")
    assert "海南省直机关" in msg and rated["last"] == 3
    assert store.get(first)["correction"] is None and store.get(rated["ids"][3])["rating"] == -1
    rated, _ = feedback_like(store, answers, rated, 1, False)  # rated after the newest arrived
    rated, msg, _ = feedback_correct(store, answers, rated, "585")
    assert store.get(first)["correction"] == "585" and store.get(first)["rating"] == -1


def test_build_app_takes_a_feedback_store(store):
    from types import SimpleNamespace

    from qa.webapp import build_app

    class Stub:
        version = "stub"
        index = SimpleNamespace(manifest={"version": "stub", "documents": []})

        def coverage(self):
            return "（测试）"

        def ask(self, question, history=None):
            return make_answer(question)

    demo = build_app(lambda: Stub(), feedback_store=store)
    cfg = demo.get_config_file()
    chat = next(c for c in cfg["components"] if c.get("props", {}).get("elem_id") == "qa-chat")
    assert chat["props"]["likeable"] is True
    assert list(chat["props"]["feedback_options"]) == ["Like", "Dislike"]
    ids = {c.get("props", {}).get("elem_id") for c in cfg["components"]}
    assert {"qa-correction", "qa-correction-send", "qa-feedback-status"} <= ids
