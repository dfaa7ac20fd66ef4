"""The real console script `qa` (the venv's .venv/bin/qa), run as a subprocess
against the session's index of the bundled corpus."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from conftest import CORPUS, REPORTS, qa_script, subprocess_env
from qa.index import build_lock


def _command(*args) -> list[str]:
    script = qa_script()
    assert script.exists(), f"console script not installed: {script}"
    return [str(script), *map(str, args)]


def run_qa(*args, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run(
        _command(*args), capture_output=True, text=True, encoding="utf-8", timeout=timeout, env=subprocess_env(),
    )


EVAL_QUESTIONS = [
    {"id": "c1", "question": "2011年中山市直属机关发展了多少名党员？", "answers": ["585"],
     "evidence": "发展党员585人", "type": "number", "split": "tuned"},
    {"id": "c2", "question": "广西区直机关有多少个基层党组织？", "answers": ["5653"],
     "evidence": "有基層黨組織5653個", "type": "number", "split": "unseen"},
    {"id": "c3", "question": "2020年海南省直机关火线入党多少人？", "answers": ["129"],
     "evidence": "火线入党129人", "type": "number", "split": "tuned"},
    {"id": "c4", "question": "深圳市直机关发展了多少名党员？", "answers": [], "type": "refusal", "split": "unseen"},
]


@pytest.fixture(scope="module")
def model_runs(index_settings, tmp_path_factory):
    """The commands that load the model, started together (each spends most of
    its time importing torch and loading the model) and awaited once."""
    tmp = tmp_path_factory.mktemp("cli")
    qfile = tmp / "q.jsonl"
    qfile.write_text("".join(json.dumps(q, ensure_ascii=False) + "\n" for q in EVAL_QUESTIONS), encoding="utf-8")
    index = index_settings.index_dir
    # The real `qa build` first: a no-op, unless the indexing code on disk changed
    # since the session build (the index records a fingerprint of that code).
    build = run_qa("build", "--corpus", index_settings.corpus_dir, "--index", index)
    assert build.returncode == 0, build.stderr
    commands = {
        "ask_json": ["ask", "--index", index, "--json", "2011年中山市直属机关发展了多少名党员？"],
        "ask_plain": ["ask", "--index", index, "深圳市直机关发展了多少名党员？"],
        "eval": ["eval", "--index", index, "--questions", qfile, "--out", tmp / "out"],
    }
    procs = {
        name: subprocess.Popen(_command(*args), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True, encoding="utf-8", env=subprocess_env())
        for name, args in commands.items()
    }
    results = {}
    try:
        for name, proc in procs.items():
            out, err = proc.communicate(timeout=600)
            results[name] = subprocess.CompletedProcess(proc.args, proc.returncode, out, err)
    finally:
        for proc in procs.values():
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    results["eval_out"] = tmp / "out"
    return results


def test_ask_json_prints_one_object_with_the_documented_keys(model_runs):
    p = model_runs["ask_json"]
    assert p.returncode == 0, p.stderr
    obj = json.loads(p.stdout)  # the whole of stdout is one JSON object
    assert set(obj) == {"question", "answer", "reply", "citations", "latency_ms"}
    assert obj["question"] == "2011年中山市直属机关发展了多少名党员？"
    assert "585" in obj["answer"] and obj["answer"] in obj["reply"]
    assert isinstance(obj["latency_ms"], (int, float)) and obj["latency_ms"] > 0
    assert obj["citations"]
    for c in obj["citations"]:
        assert set(c) == {"n", "source", "title", "text", "quote", "score"}
        assert c["quote"] in c["text"]
    first = obj["citations"][0]
    assert first["n"] == 1 and first["source"] == REPORTS["000"]
    assert "585" in first["quote"]
    assert "Traceback" not in p.stderr


def test_ask_plain_text_and_refusal(model_runs):
    p = model_runs["ask_plain"]
    assert p.returncode == 0, p.stderr
    assert "深圳" in p.stdout and "中山" in p.stdout  # says what is covered instead
    assert not p.stdout.lstrip().startswith("{")


def test_eval_on_a_small_question_file(model_runs):
    p, out = model_runs["eval"], model_runs["eval_out"]
    assert p.returncode == 0, p.stderr
    assert "questions: 4 (3 answerable, 1 unanswerable)" in p.stdout
    assert "answer accuracy: 100.0%" in p.stdout and "refusal accuracy: 100.0%" in p.stdout
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["summary"]["questions"] == 4
    assert [r["id"] for r in report["results"]] == ["c1", "c2", "c3", "c4"]
    assert all(r["correct"] for r in report["results"])
    assert (out / "report.md").read_text(encoding="utf-8").startswith("# Evaluation report")


@pytest.mark.parametrize(
    "command",
    [["ask", "2011年中山市直属机关发展了多少名党员？"], ["ask", "--json", "问题"], ["eval"]],
    ids=["ask", "ask-json", "eval"],
)
def test_missing_index_exits_2_with_a_clear_message(tmp_path, command):
    empty = tmp_path / "no_index"
    args = [command[0], "--index", empty, *command[1:]]
    if command[0] == "eval":
        args += ["--out", tmp_path / "out"]
    p = run_qa(*args, timeout=120)
    assert p.returncode == 2
    assert "Traceback" not in p.stderr and "Traceback" not in p.stdout
    assert "no index" in p.stderr and "qa build" in p.stderr and str(empty) in p.stderr
    assert p.stdout.strip() == ""


def test_bad_question_file_exits_2_naming_the_line(index_settings, tmp_path):
    qfile = tmp_path / "bad.jsonl"
    qfile.write_text('{"id": "a", "question": "多少？", "answers": ["1"]}\n{"id": "b", "question": \n', encoding="utf-8")
    p = run_qa("eval", "--index", index_settings.index_dir, "--questions", qfile, "--out", tmp_path / "out")
    assert p.returncode == 2
    assert f"{qfile}:2" in p.stderr and "Traceback" not in p.stderr


def test_build_with_nothing_changed_is_up_to_date(index_settings):
    args = ("build", "--corpus", index_settings.corpus_dir, "--index", index_settings.index_dir)
    first = run_qa(*args)  # the session index is current unless the indexing code changed since
    assert first.returncode == 0, first.stderr
    p = run_qa(*args)
    assert p.returncode == 0, p.stderr
    assert "up to date" in p.stderr
    assert "embedding passages" not in p.stderr


def test_build_while_another_build_runs_exits_2(index_settings):
    with build_lock(index_settings.index_dir):
        p = run_qa("build", "--corpus", index_settings.corpus_dir, "--index", index_settings.index_dir, timeout=120)
    assert p.returncode == 2
    assert "another build" in p.stderr and "Traceback" not in p.stderr


def test_build_of_a_missing_corpus_exits_2(tmp_path):
    p = run_qa("build", "--corpus", tmp_path / "nope", "--index", tmp_path / "index", timeout=120)
    assert p.returncode == 2
    assert "语料目录不存在" in p.stderr and "Traceback" not in p.stderr
    assert not Path(tmp_path / "index" / "CURRENT").exists()


def test_build_with_two_corpus_folders_exits_2_instead_of_dropping_one(tmp_path):
    # argparse would keep only the last --corpus and index half of what the admin asked for.
    p = run_qa("build", "--corpus", CORPUS, "--corpus", tmp_path, "--index", tmp_path / "index", timeout=120)
    assert p.returncode == 2
    assert "takes one folder" in p.stderr and "Traceback" not in p.stderr
    assert not Path(tmp_path / "index" / "CURRENT").exists()
