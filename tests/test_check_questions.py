"""The question-set checkers: eval/check_questions.py and the extended set's
eval/extended/check_questions.py, which runs the main one's check() with its own
rules. Both run as documented (no arguments, or a question file), on the real
files and on small broken sets."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import REPO, subprocess_env

MAIN = REPO / "eval" / "check_questions.py"
EXTENDED = REPO / "eval" / "extended" / "check_questions.py"


def _run(script: Path, *args, cwd: Path = REPO) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(script), *map(str, args)], cwd=cwd, env=subprocess_env(),
                          capture_output=True, text=True, timeout=120)


def _write(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def _rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_main_checker_passes_the_question_set():
    p = _run(MAIN)
    assert p.returncode == 0, p.stdout[-3000:] + p.stderr
    assert p.stdout.startswith(f"{REPO / 'eval' / 'questions.jsonl'}: ")
    assert "per source:" in p.stdout and "000_7fb3e329b878b41a.txt" in p.stdout
    assert "corpus (union)" not in p.stdout and "hard wrap" not in p.stdout  # the extended set's lines only
    assert p.stdout.rstrip().endswith("questions OK")


def test_extended_checker_passes_its_question_set_from_any_folder():
    p = _run(EXTENDED, cwd=EXTENDED.parent)
    assert p.returncode == 0, p.stdout[-3000:] + p.stderr
    out = p.stdout
    assert out.startswith(f"{REPO / 'eval' / 'extended' / 'questions.jsonl'}: ")
    assert "\ncorpus (union):\n" in out
    assert "zs_2013_gb18030.txt                extended gb18030" in out
    assert "000_7fb3e329b878b41a.txt           main     utf-8" in out
    assert "\nevidence spans that cross a hard wrap: " in out
    assert out.index("corpus (union)") < out.index("per type") < out.index("hard wrap")
    assert out.rstrip().endswith("questions OK")


def test_extended_rules_are_applied(tmp_path):
    """The extended set's own rules (x ids in order, year and place named, a span
    across a hard wrap found, the extended traditional table) and the main one's."""
    rows = _rows(EXTENDED.parent / "questions.jsonl")
    wrapped = (EXTENDED.parent / "corpus" / "zs_2013_gb18030.txt").read_bytes().decode("gb18030")
    crossing = next(r for r in rows if r.get("source") == "zs_2013_gb18030.txt" and r["answers"]
                    and r["evidence"] not in wrapped)  # a span across a hard wrap
    trad = next(r for r in rows if r.get("source") == "sz_2011_trad.txt" and r["answers"])
    broken = [dict(crossing), dict(trad), dict(rows[2], id="x009"), dict(rows[3], id="q004")]
    broken[1]["question"] = broken[1]["question"].replace("苏州", "某市")
    p = _run(EXTENDED, _write(tmp_path / "x.jsonl", broken))
    assert p.returncode == 1
    err = [line for line in p.stdout.splitlines() if line.startswith("ERROR")]
    src = trad["source"]
    assert f"ERROR: line 2 ({trad['id']}): the question must name 2011 and 苏州 (source {src})" in err
    assert "ERROR: line 3 (x009): ids must run x001, x002, ... in file order" in err
    assert "ERROR: line 4 (q004): bad id" in err
    assert not any("evidence not found" in e or "no answer" in e for e in err), err
    assert f"evidence spans that cross a hard wrap: 1 ({crossing['id']})" in p.stdout
    assert "ERROR: only 4 questions (< 100)" in err
    assert "ERROR: gz_2012.txt: only 0 questions (< 12)" in err
    assert not any(e.startswith("ERROR: 000_") for e in err)  # the real reports need no minimum here

    # The main checker on the same file: its own rules (q ids, its corpus only).
    p = _run(MAIN, tmp_path / "x.jsonl")
    assert p.returncode == 1
    assert f"ERROR: line 1 ({crossing['id']}): bad id" in p.stdout
    assert f"unknown source '{src}'" in p.stdout
    assert "must name" not in p.stdout and "hard wrap" not in p.stdout


def test_main_checker_reports_errors(tmp_path):
    rows = _rows(REPO / "eval" / "questions.jsonl")
    good = next(r for r in rows if r["answers"] and r["evidence"])
    bad = [dict(good, id="q001", evidence=good["evidence"] + "不在报告里"), dict(good, id="q001")]
    p = _run(MAIN, _write(tmp_path / "q.jsonl", bad))
    assert p.returncode == 1
    assert f"ERROR: line 1 (q001): evidence not found verbatim in {good['source']}" in p.stdout
    assert "ERROR: line 2 (q001): duplicate id" in p.stdout
    assert "ERROR: line 2 (q001): duplicate question" in p.stdout
    assert p.stdout.rstrip().endswith("error(s) in 2 questions")
