"""The question-set checkers: eval/check_questions.py and the checkers of the
other sets, which run its checks with their own rules: eval/extended/ and
eval/dev/check_questions.py, eval/holdout/check_holdout.py and
eval/holdout2/check_holdout2.py, and every later set's own checker. Each runs
as documented (no arguments, a question file, or a file name of the held-out
sets), on the real files and on broken copies.

The held-out files are read here only to make broken copies; their contents
are never printed (an assertion on their checkers' output shows no output)."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

from conftest import REPO, subprocess_env

MAIN = REPO / "eval" / "check_questions.py"
EXTENDED = REPO / "eval" / "extended" / "check_questions.py"
DEV = REPO / "eval" / "dev" / "check_questions.py"
HOLDOUT = REPO / "eval" / "holdout" / "check_holdout.py"
HOLDOUT2 = REPO / "eval" / "holdout2" / "check_holdout2.py"


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


def _broken(rows: list[dict]) -> tuple[list[dict], int]:
    """A copy of ``rows`` with three faults, and the index ``i`` of the first:
    question ``i`` (the first answerable one) has evidence that is not in its
    report, question ``i + 1`` has split "tuned", and question ``i + 2`` repeats
    the id of ``i + 1``."""
    rows = [dict(r) for r in rows]
    i = next(k for k, r in enumerate(rows) if r["answers"] and r["evidence"])
    rows[i]["evidence"] += "不在报告里"
    rows[i + 1]["split"] = "tuned"
    rows[i + 2]["id"] = rows[i + 1]["id"]
    return rows, i


def _errors(out: str) -> list[str]:
    return [line.strip() for line in out.splitlines() if line.strip().startswith("ERROR:")]


def _assert_faults(out: str, bad: list[dict], i: int, prefix: str) -> None:
    """The three faults of ``_broken`` are reported (and nothing else, but for
    the length of the lengthened evidence). Each assertion is on a bool, so that
    a failure shows no question text."""
    dup = bad[i + 1]["id"]
    want = [f"ERROR: line {i + 1} ({bad[i]['id']}): evidence not found verbatim in {bad[i]['source']}: ",
            f"ERROR: line {i + 2} ({dup}): bad split 'tuned'",
            f"ERROR: line {i + 3} ({dup}): ids must run {prefix}001, {prefix}002, ... in file order",
            f"ERROR: line {i + 3} ({dup}): duplicate id"]
    err = _errors(out)
    reported = all(any(e.startswith(w) for e in err) for w in want)
    assert reported, "a fault is not reported"
    others = [e for e in err if not any(e.startswith(w) for w in want)]
    only = all(e.startswith(f"ERROR: line {i + 1} ({bad[i]['id']}): evidence length ") for e in others)
    assert only, "unexpected errors"
    counted = out.rstrip().endswith(f"FAILED: {len(err)} error(s)")
    assert counted, "the error count is not the last line"


def _load(script: Path, name: str):
    spec = importlib.util.spec_from_file_location(name, script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_dev_checker_passes_its_question_set():
    p = _run(DEV, cwd=DEV.parent)
    assert p.returncode == 0, p.stdout[-3000:] + p.stderr
    out = p.stdout
    assert out.startswith("corpus:\n") and "sx_2019_gb18030.txt        gb18030" in out
    assert f"\n{REPO / 'eval' / 'dev' / 'questions.jsonl'}: 100 questions\n" in out
    assert "evidence spans crossing a hard wrap (matched unwrapped): 5 " in out
    assert "answers found only in the evidence's line, not the span: 0 []" in out
    assert not _errors(out) and out.rstrip().endswith("all 100 questions OK")


def test_dev_checker_fails_a_broken_copy(tmp_path):
    rows = _rows(DEV.parent / "questions.jsonl")
    bad, i = _broken(rows)
    p = _run(DEV, _write(tmp_path / "dev.jsonl", bad))
    assert p.returncode == 1, p.stdout[-3000:] + p.stderr
    _assert_faults(p.stdout, bad, i, "d")

    # The dev set's own rules: the year need not be named when it is an answer,
    # the place must be; the traditional report's answers fold (no OpenCC needed).
    trad = next(r for r in rows if r["source"] == "yongchun_2017_trad.txt" and r["answers"])
    year_q = dict(trad, id="d001", question=trad["question"].replace("2017年", "").replace("2017", ""),
                  answers=trad["answers"] + ["2017"])
    p = _run(DEV, _write(tmp_path / "dev2.jsonl", [year_q]))
    assert p.returncode == 0 and not _errors(p.stdout), p.stdout
    no_place = dict(trad, id="d001", question=trad["question"].replace("永春", "某县"))
    p = _run(DEV, _write(tmp_path / "dev3.jsonl", [no_place]))
    assert p.returncode == 1
    want = "ERROR: line 1 (d001): the question must name 2017 and 永春 (source yongchun_2017_trad.txt)"
    assert _errors(p.stdout) == [want], p.stdout


def test_holdout_checkers_pass_their_question_sets():
    for script, split in ((HOLDOUT, "holdout"), (HOLDOUT2, "holdout2")):
        p = _run(script)
        out = p.stdout
        assert p.returncode == 0, f"run {script.relative_to(REPO)} to see its errors"
        both = out.startswith(f"eval/{split}/bundled.jsonl: ") and f"\neval/{split}/extended.jsonl: " in out
        assert both and out.count(f"questions (split: {split})") == 2
        clean = not _errors(out) and "FAILED" not in out and out.count("questions OK") == 2
        assert clean
        assert out.count("evidence spans that cross a hard wrap") == 1  # the extended file only
        one = _run(script, "extended", cwd=script.parent).stdout
        only_extended = (one.startswith(f"eval/{split}/extended.jsonl: ") and "bundled.jsonl" not in one
                         and one.rstrip().endswith("questions OK"))
        assert only_extended


def test_holdout_checkers_fail_a_broken_copy(tmp_path, capsys, monkeypatch):
    """A broken copy of each held-out set's bundled file, checked with that set's
    rules (the script's own SETS, pointed at the copy): exit 1 and the faults
    named. The assertions are on bools, so that a failure shows no held-out text."""
    for script, prefix in ((HOLDOUT, "h"), (HOLDOUT2, "m")):
        module = _load(script, f"{script.stem}_under_test")
        path, *rules = module.SETS["bundled"]
        good = _rows(path)
        bad, i = _broken(good)
        monkeypatch.setitem(module.SETS, "bundled", (_write(tmp_path / f"{script.stem}.jsonl", bad), *rules))
        capsys.readouterr()
        assert module.main([str(script), "bundled"]) == 1
        _assert_faults(capsys.readouterr().out, bad, i, prefix)

        # A question text of an existing set is an error here.
        repeat = [dict(good[0], question=_rows(REPO / "eval" / "questions.jsonl")[0]["question"])] + good[1:]
        monkeypatch.setitem(module.SETS, "bundled", (_write(tmp_path / f"{script.stem}_r.jsonl", repeat), *rules))
        capsys.readouterr()
        assert module.main([str(script), "bundled"]) == 1
        errors_as_expected = (_errors(capsys.readouterr().out)
                              == [f"ERROR: line 1 ({prefix}001): question already in an existing set"])
        assert errors_as_expected, "the repeated question is not the one error"


# The later held-out sets carry checkers of their own (one per set, frozen with it:
# each checks its own reports' traits). Each must still pass its set as committed.
LATER_HOLDOUT_CHECKERS = sorted(p for p in (REPO / "eval").glob("holdout*/check_holdout*.py")
                                if p not in (HOLDOUT, HOLDOUT2))


def test_every_later_holdout_checker_passes_its_set():
    assert len(LATER_HOLDOUT_CHECKERS) >= 5  # holdout3 … holdout7 at least
    failed = [p.relative_to(REPO).as_posix() for p in LATER_HOLDOUT_CHECKERS if _run(p).returncode != 0]
    assert not failed, f"run these to see their errors: {failed}"
