"""Evaluation on a JSONL question set: scoring rules, summary, reports.

Question line: {"id", "question", "answers": [...], "evidence": "...", "type", "split"}
An empty ``answers`` list means the reports don't say: only a refusal is right.
"""

from __future__ import annotations

import json
import logging
import re
from collections import defaultdict
from pathlib import Path

import numpy as np

from .textnorm import compact

log = logging.getLogger(__name__)

MAX_SHORT_ANSWER = 40
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_FIGURE_IN = re.compile(r"\d|[一二三四五六七八九十百千万]{2,}")


class QuestionSetError(ValueError):
    pass


def load_questions(path: Path) -> list[dict]:
    out = []
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                q = json.loads(line)
            except json.JSONDecodeError as e:
                raise QuestionSetError(f"{path}:{lineno}: not valid JSON ({e.msg})") from None
            missing = [k for k in ("id", "question", "answers") if k not in q]
            if missing or not isinstance(q.get("answers"), list):
                raise QuestionSetError(f"{path}:{lineno}: needs id, question and an answers list")
            q.setdefault("type", "refusal" if not q["answers"] else "number")
            q.setdefault("split", "all")
            q.setdefault("evidence", "")
            out.append(q)
    if not out:
        raise QuestionSetError(f"{path}: no questions")
    return out


def answer_is_correct(q: dict, answer: str | None, reply: str) -> bool:
    """The scoring rule (see README): refusal only for an empty answers list;
    otherwise the short answer contains an expected span, is short, and names
    no number that is neither expected nor in the question."""
    expected = q["answers"]
    if not expected:
        return answer is None
    if answer is None:
        return False
    if q.get("type") == "describe":
        # Descriptive answers are sentences: the reply must contain the key phrase.
        r = compact(reply)
        return any(compact(e) in r for e in expected)
    a = compact(answer)
    if len(a) > MAX_SHORT_ANSWER:
        return False
    if not any(compact(e) in a for e in expected):
        return False
    allowed = " ".join(compact(e) for e in expected) + " " + compact(q["question"])
    allowed_numbers = set(_NUMBER.findall(allowed))
    return all(n in allowed_numbers for n in _NUMBER.findall(a))


def citation_hits(q: dict, citations: list[dict]) -> bool:
    ev = compact(q.get("evidence") or "")
    if not ev:
        return False
    if any(ev in compact(c["text"]) for c in citations):
        return True
    # Evidence written as a table row's cells ("科教文卫系统 166 155") is cited by that row
    # however the cells are rendered ("科教文卫系统 发展党员166名 转正155名"): every cell
    # in order, on one line of a cited passage.
    cells = [compact(x) for x in (q.get("evidence") or "").split()]
    return len(cells) > 1 and any(_in_order(cells, compact(line))
                                  for c in citations for line in c["text"].splitlines())


def _in_order(pieces: list[str], text: str) -> bool:
    at = 0
    for p in pieces:
        at = text.find(p, at)
        if at < 0:
            return False
        at += len(p)
    return True


def _pct(x: float) -> float:
    return round(100.0 * x, 1)


def summarise(results: list[dict]) -> dict:
    answerable = [r for r in results if r["answers"]]
    unanswerable = [r for r in results if not r["answers"]]
    with_evidence = [r for r in answerable if r.get("evidence")]
    lat = np.array([r["latency_ms"] for r in results]) if results else np.zeros(1)
    summary = {
        "questions": len(results),
        "answerable": len(answerable),
        "unanswerable": len(unanswerable),
        "answer_accuracy": _pct(np.mean([r["correct"] for r in answerable])) if answerable else None,
        "answer_accuracy_with_citation": _pct(np.mean([r["correct"] and r["citation_hit"] for r in with_evidence]))
        if with_evidence else None,
        "refusal_accuracy": _pct(np.mean([r["correct"] for r in unanswerable])) if unanswerable else None,
        "citation_hit_rate": _pct(np.mean([r["citation_hit"] for r in with_evidence])) if with_evidence else None,
        "wrong_answers": sum(1 for r in results if r["answer"] is not None and not r["correct"]),
        # The subset that states a figure (digits or Chinese numerals): the worst kind of error.
        "wrong_figures": sum(1 for r in results if r["answer"] is not None and not r["correct"]
                             and _FIGURE_IN.search(compact(r["answer"]))),
        "false_refusals": sum(1 for r in answerable if r["answer"] is None),
        "retrieval_recall_at_k": _pct(np.mean([r["retrieval_hit"] for r in with_evidence])) if with_evidence else None,
        "latency_p50_ms": round(float(np.percentile(lat, 50)), 1),
        "latency_p95_ms": round(float(np.percentile(lat, 95)), 1),
    }
    return summary


def breakdown(results: list[dict], key: str) -> dict:
    groups: dict[str, list[dict]] = defaultdict(list)
    for r in results:
        groups[str(r.get(key, ""))].append(r)
    return {k: {"n": len(v), "accuracy": _pct(np.mean([r["correct"] for r in v]))} for k, v in sorted(groups.items())}


def evaluate(service, questions: list[dict], mode: str | None = None) -> dict:
    """Ask every question (each on its own, no chat history) and score it."""
    results = []
    k = service.settings.top_k
    for q in questions:
        ans = service.ask(q["question"], mode=mode)
        cits = [c.to_dict() for c in ans.citations]
        _, hits = service.retrieve(q["question"], mode=mode, top_k=k)
        ev = compact(q.get("evidence") or "")
        results.append({
            "id": q["id"], "question": q["question"], "type": q.get("type"), "split": q.get("split"),
            "answers": q["answers"], "evidence": q.get("evidence", ""),
            "answer": ans.answer, "reply": ans.reply, "citations": cits,
            "correct": answer_is_correct(q, ans.answer, ans.reply),
            "citation_hit": citation_hits(q, cits),
            "retrieval_hit": bool(ev) and any(ev in compact(h.chunk.text) for h in hits),
            "latency_ms": round(ans.latency_ms, 1),
        })
    return {
        "mode": mode or service.settings.retrieval_mode,
        "summary": summarise(results),
        "by_type": breakdown(results, "type"),
        "by_split": {s: summarise([r for r in results if r["split"] == s])
                     for s in sorted({r["split"] for r in results})},
        "results": results,
    }


def write_reports(report: dict, out_dir: Path) -> tuple[Path, Path]:
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    jpath = out_dir / "report.json"
    jpath.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    mpath = out_dir / "report.md"
    mpath.write_text(render_markdown(report), encoding="utf-8")
    return jpath, mpath


def _summary_table(rows: dict[str, dict]) -> list[str]:
    keys = ["questions", "answer_accuracy", "answer_accuracy_with_citation", "refusal_accuracy",
            "citation_hit_rate", "wrong_answers", "wrong_figures", "false_refusals", "retrieval_recall_at_k",
            "latency_p50_ms", "latency_p95_ms"]
    lines = ["| | " + " | ".join(keys) + " |", "|---" * (len(keys) + 1) + "|"]
    for name, s in rows.items():
        lines.append(f"| {name} | " + " | ".join(str(s.get(k)) for k in keys) + " |")
    return lines


def render_markdown(report: dict) -> str:
    lines = ["# Evaluation report", "", f"Retrieval mode: `{report['mode']}`", "", "## Summary", ""]
    lines += _summary_table({"all": report["summary"], **{f"split={k}": v for k, v in report["by_split"].items()}})
    if report.get("ablations"):
        lines += ["", "## Ablations (same questions, different retrieval)", ""]
        lines += _summary_table({m: r for m, r in report["ablations"].items()})
    lines += ["", "## Accuracy by question type", "", "| type | n | accuracy % |", "|---|---|---|"]
    for t, v in report["by_type"].items():
        lines.append(f"| {t} | {v['n']} | {v['accuracy']} |")
    if report.get("plot"):
        lines += ["", f"![accuracy]({report['plot']})"]
    wrong = [r for r in report["results"] if not r["correct"]]
    lines += ["", f"## Questions not answered correctly ({len(wrong)})", ""]
    for r in wrong:
        exp = " / ".join(r["answers"]) or "（应拒答）"
        got = r["answer"] if r["answer"] is not None else "（拒答）"
        lines.append(f"- `{r['id']}` {r['question']} — expected **{exp}**, got **{got}**"
                     f"{'' if r['citation_hit'] or not r['evidence'] else ' (evidence not cited)'}")
    return "\n".join(lines) + "\n"


def print_summary(report: dict) -> str:
    s = report["summary"]
    lines = [
        f"questions: {s['questions']} ({s['answerable']} answerable, {s['unanswerable']} unanswerable)",
        f"answer accuracy: {s['answer_accuracy']}%  (with supporting passage cited: {s['answer_accuracy_with_citation']}%)",
        f"refusal accuracy: {s['refusal_accuracy']}%",
        f"citation hit rate: {s['citation_hit_rate']}%",
        f"wrong answers (not refused, not right): {s['wrong_answers']}, of which with a wrong figure: {s['wrong_figures']}",
        f"false refusals: {s['false_refusals']}",
        f"retrieval recall@k: {s['retrieval_recall_at_k']}%",
        f"latency p50/p95: {s['latency_p50_ms']} / {s['latency_p95_ms']} ms",
    ]
    for split, ss in report.get("by_split", {}).items():
        lines.append(f"  [{split}] answer {ss['answer_accuracy']}%, refusal {ss['refusal_accuracy']}%, "
                     f"wrong {ss['wrong_answers']} (figures {ss['wrong_figures']}), n={ss['questions']}")
    for mode, ss in (report.get("ablations") or {}).items():
        lines.append(f"  ablation {mode:14s}: answer {ss['answer_accuracy']}%, refusal {ss['refusal_accuracy']}%, "
                     f"wrong {ss['wrong_answers']}, recall@k {ss['retrieval_recall_at_k']}%")
    return "\n".join(lines)


def plot_ablations(report: dict, out_dir: Path) -> str:
    """A bar chart of answer/refusal accuracy per retrieval mode; returns its file name."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    modes = list(report["ablations"])
    ans = [report["ablations"][m]["answer_accuracy"] or 0 for m in modes]
    ref = [report["ablations"][m]["refusal_accuracy"] or 0 for m in modes]
    rec = [report["ablations"][m]["retrieval_recall_at_k"] or 0 for m in modes]
    x = np.arange(len(modes))
    fig, ax = plt.subplots(figsize=(7, 3.5))
    for i, (vals, label) in enumerate(((ans, "answer accuracy"), (ref, "refusal accuracy"), (rec, "recall@k"))):
        ax.bar(x + (i - 1) * 0.27, vals, 0.27, label=label)
    ax.set_xticks(x, modes)
    ax.set_ylim(0, 100)
    ax.set_ylabel("%")
    ax.legend(loc="lower right", fontsize=8)
    ax.set_title("What each retrieval step buys")
    fig.tight_layout()
    Path(out_dir).mkdir(parents=True, exist_ok=True)
    fig.savefig(Path(out_dir) / "ablations.png", dpi=110)
    plt.close(fig)
    return "ablations.png"
