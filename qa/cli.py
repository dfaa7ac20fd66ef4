"""The `qa` command: build, ask, eval, serve, feedback."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from .config import REPO_ROOT, load_settings
from .progress import log_progress

log = logging.getLogger("qa")


def _setup_logging(verbose: bool) -> None:
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        datefmt="%H:%M:%S",
        stream=sys.stderr,
    )
    for noisy in ("httpx", "sentence_transformers", "urllib3", "jieba", "bm25s", "faiss"):
        logging.getLogger(noisy).setLevel(logging.WARNING)


def _settings(args) -> "Settings":  # noqa: F821
    corpus = getattr(args, "corpus", None)
    return load_settings(
        corpus_dir=corpus if isinstance(corpus, str) else None,  # eval takes a list: see cmd_eval
        index_dir=getattr(args, "index", None),
        model=getattr(args, "model", None),
        top_k=getattr(args, "top_k", None),
    )


def cmd_build(args) -> int:
    from .index import build_index

    settings = _settings(args)
    report = build_index(settings, progress=log_progress(log), force=args.force)
    for s in report.skipped:
        log.warning("skipped %s: %s", s["source"], s["reason"])
    state = "built" if report.rebuilt else "up to date"
    log.info("index %s (%s): %d documents, %d chunks, %d skipped, %.1fs -> %s",
             report.version, state, report.documents, report.chunks, len(report.skipped),
             report.seconds, report.index_dir)
    return 0


def cmd_ask(args) -> int:
    from .service import QAService

    svc = QAService.load(_settings(args))
    question = " ".join(args.question)
    ans = svc.ask(question)
    if args.json:
        print(json.dumps(ans.to_dict(), ensure_ascii=False, indent=None if args.compact else 1))
    else:
        print(ans.reply)
        for c in ans.citations:
            page = f", 第{c.page}页" if c.page else ""
            print(f"\n[{c.n}] {c.title} ({c.source}{page})\n    “{c.quote}”")
        print(f"\n({ans.latency_ms:.0f} ms)")
    return 0


def cmd_eval(args) -> int:
    from .evaluation import evaluate, load_questions, print_summary, write_reports
    from .service import QAService

    settings = _settings(args)
    questions = load_questions(Path(args.questions))
    if args.split:
        questions = [q for q in questions if q.get("split") == args.split]
    if args.corpus:
        # Evaluate on the union of the given corpus folders, in an index of its own.
        from .index import build_index

        out = Path(args.out)
        staging = stage_corpora([Path(c) for c in args.corpus], out / "corpus")
        settings = settings.with_overrides(corpus_dir=staging, index_dir=args.index or out / "index")
        build_index(settings, progress=log_progress(log))
    svc = QAService.load(settings)
    svc.ask("预热")  # load lazy parts so latency figures are for a warm service
    report = evaluate(svc, questions)
    if args.compare:
        from .evaluation import plot_ablations

        report["ablations"] = {}
        for mode in ("dense", "bm25", "hybrid", "hybrid+filter"):
            log.info("ablation: %s", mode)
            report["ablations"][mode] = evaluate(svc, questions, mode=mode)["summary"]
        report["plot"] = plot_ablations(report, Path(args.out))
    jpath, mpath = write_reports(report, Path(args.out))
    print(print_summary(report))
    log.info("wrote %s and %s", jpath, mpath)
    return 0


def stage_corpora(folders: list[Path], staging: Path) -> Path:
    """A folder that links every report of several corpus folders (one subfolder each)."""
    import shutil

    from .loaders import find_corpus_files

    if staging.exists():
        shutil.rmtree(staging)
    for i, folder in enumerate(folders):
        for f in find_corpus_files(folder):
            dst = staging / f"{i}_{folder.name}" / f.relative_to(folder)
            dst.parent.mkdir(parents=True, exist_ok=True)
            dst.symlink_to(f.resolve())
    return staging


def cmd_serve(args) -> int:
    import app  # the Gradio app at the repository root

    argv = []
    for flag in ("host", "port", "corpus", "index", "model"):
        v = getattr(args, flag, None)
        if v is not None:
            argv += [f"--{flag}", str(v)]
    return app.main(argv) or 0


def cmd_feedback(args) -> int:
    import sqlite3

    from .feedback import FeedbackStore

    data_dir = load_settings().data_dir
    try:
        return _feedback(args, FeedbackStore.in_dir(data_dir))
    except (OSError, sqlite3.Error) as e:
        log.error("feedback store in %s: %s", data_dir, e)
        return 2


def _feedback(args, store) -> int:
    if args.action == "export":
        n = store.export_questions(Path(args.out), only_down=args.only_down)
        print(f"wrote {n} questions to {args.out}")
        return 0
    counts = store.counts()
    print(f"feedback in {store.path}: 👍 {counts['up']}  👎 {counts['down']}")
    latest = store.latest(rating=-1, limit=args.limit)
    if latest:
        print(f"\nlatest 👎 ({len(latest)}):")
    for r in latest:
        q = r["resolved_question"] or r["question"]
        print(f"- #{r['id']} {r['created_at']} {q}")
        print(f"    answer: {r['answer'] if r['answer'] is not None else '(refusal)'}")
        if r["correction"]:
            print(f"    correction: {r['correction']}")
    return 0


class _OneFolder(argparse.Action):
    """An index is built from one folder; a second --corpus would otherwise silently replace the first."""

    def __call__(self, parser, namespace, values, option_string=None):
        if getattr(namespace, self.dest, None) is not None:
            parser.error(f"{option_string} takes one folder (reports may sit in subfolders of it); "
                         "`qa eval --corpus A --corpus B` evaluates on several")
        setattr(namespace, self.dest, values)


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="qa", description="Questions and cited answers over government work reports.")
    p.add_argument("-v", "--verbose", action="store_true")
    sub = p.add_subparsers(dest="command", required=True)

    def common(sp, corpus=False):
        if corpus:
            sp.add_argument("--corpus", action=_OneFolder, help="folder of reports (default: corpus/)")
        sp.add_argument("--index", help="index folder (default: index/)")
        sp.add_argument("--model", help="embedding model: a name under models/ or a path to a sentence-transformers folder")

    b = sub.add_parser("build", help="build or update the index")
    common(b, corpus=True)
    b.add_argument("--force", action="store_true", help="rebuild even if nothing changed")
    b.set_defaults(func=cmd_build)

    a = sub.add_parser("ask", help="ask one question")
    common(a)
    a.add_argument("--json", action="store_true", help="print one JSON object")
    a.add_argument("--compact", action="store_true", help="with --json: on one line")
    a.add_argument("--top-k", type=int, dest="top_k")
    a.add_argument("question", nargs="+")
    a.set_defaults(func=cmd_ask)

    e = sub.add_parser("eval", help="evaluate on a question set")
    common(e)
    e.add_argument("--corpus", action="append",
                   help="evaluate on these corpus folders (repeatable; builds an index under --out)")
    e.add_argument("--questions", default=str(REPO_ROOT / "eval" / "questions.jsonl"))
    e.add_argument("--out", default=str(REPO_ROOT / "eval" / "out"))
    e.add_argument("--split", help="only questions of this split (tuned / unseen)")
    e.add_argument("--compare", action="store_true", help="also run the retrieval ablations")
    e.add_argument("--top-k", type=int, dest="top_k")
    e.set_defaults(func=cmd_eval)

    f = sub.add_parser("feedback", help="staff feedback (👍/👎): statistics, export as questions")
    fsub = f.add_subparsers(dest="action", required=True)
    fx = fsub.add_parser("export", help="write the feedback as a question set (eval/questions.jsonl format)")
    fx.add_argument("--out", default=str(REPO_ROOT / "eval" / "feedback.jsonl"))
    fx.add_argument("--only-down", action="store_true", help="only answers rated 👎")
    fs = fsub.add_parser("stats", help="counts of 👍/👎 and the latest 👎")
    fs.add_argument("--limit", type=int, default=10, help="how many of the latest 👎 to show")
    f.set_defaults(func=cmd_feedback)

    s = sub.add_parser("serve", help="run the Gradio chat app")
    common(s, corpus=True)
    s.add_argument("--host")
    s.add_argument("--port", type=int)
    s.set_defaults(func=cmd_serve)
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    _setup_logging(args.verbose)
    from .index import IndexError_
    from .evaluation import QuestionSetError
    from .model_convert import ModelNotFoundError

    try:
        return args.func(args)
    except (IndexError_, ModelNotFoundError, QuestionSetError, FileNotFoundError) as e:
        log.error("%s", e)
        return 2


if __name__ == "__main__":
    sys.exit(main())
