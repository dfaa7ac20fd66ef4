"""Run the chat app: ``python app.py [--host H] [--port P] [--corpus DIR] [--index DIR] [--model M]``.

Builds (or updates) the index first when there is none or the corpus changed,
then loads the service once and serves the Gradio UI (qa/webapp.py).
``qa serve`` calls ``main(argv)`` with the same flags.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")  # no phoning home

from qa.config import Settings, load_settings  # noqa: E402
from qa.progress import log_progress  # noqa: E402

log = logging.getLogger("app")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="app.py", description="机关党建工作报告问答 — Gradio chat app")
    p.add_argument("--host", help="address to listen on (default 127.0.0.1, or QA_HOST)")
    p.add_argument("--port", type=int, help="port (default 7860, or QA_PORT)")
    p.add_argument("--corpus", help="folder of reports (default: corpus/)")
    p.add_argument("--index", help="index folder (default: index/)")
    p.add_argument("--model", help="embedding model: a name under models/ or a path to a sentence-transformers folder")
    return p.parse_args(argv)


def setup_logging() -> None:
    # A no-op when the caller (e.g. `qa serve`) has configured logging already.
    logging.basicConfig(level=logging.INFO, stream=sys.stderr,
                        format="%(asctime)s %(name)s %(levelname)s %(message)s")


def index_needs_build(settings: Settings) -> bool:
    from qa.index import index_is_current, read_manifest

    return read_manifest(settings.index_dir) is None or not index_is_current(settings)


def prepare_index(settings: Settings, embedder=None) -> None:
    """Build the index if there is none or the corpus changed."""
    from qa.index import BuildInProgressError, build_index, read_manifest

    manifest = read_manifest(settings.index_dir)
    if not index_needs_build(settings):
        log.info("index %s in %s is current (%d reports, %d chunks)", manifest["version"],
                 settings.index_dir, len(manifest.get("documents", [])), manifest.get("chunks", 0))
        return
    why = "no index yet" if manifest is None else "the corpus changed"
    log.info("%s: building the index of %s into %s", why, settings.corpus_dir, settings.index_dir)
    try:
        report = build_index(settings, embedder=embedder, progress=log_progress(log, "building index: "))
    except BuildInProgressError as e:
        if manifest is None:
            raise
        log.warning("%s; serving the existing index %s for now", e, manifest["version"])
        return
    log.info("index %s ready: %d reports, %d chunks (%.1fs)", report.version, report.documents,
             report.chunks, report.seconds)
    for s in report.skipped:
        log.warning("skipped %s", s)


def load_service(settings: Settings, embedder=None):
    from qa.index import IndexMismatchError, build_index
    from qa.service import QAService

    try:
        return QAService.load(settings, embedder=embedder)
    except IndexMismatchError as e:
        # Built with other settings (e.g. another model): rebuild, then load.
        log.warning("%s", e)
        log.info("rebuilding the index for the current settings")
        build_index(settings, embedder=embedder, progress=log_progress(log, "building index: "))
        return QAService.load(settings, embedder=embedder)


def create_app(settings: Settings, service=None):
    """The Gradio Blocks for ``settings`` (the index must exist). For tests and embedding."""
    from qa.webapp import build_app

    return build_app((lambda: service) if service is not None else (lambda: load_service(settings)))


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    setup_logging()
    from qa.index import IndexError_
    from qa.model_convert import ModelNotFoundError
    from qa.webapp import launch

    settings = load_settings(host=args.host, port=args.port, corpus_dir=args.corpus,
                             index_dir=args.index, model=args.model)
    try:
        embedder = None
        if index_needs_build(settings):
            # Load the model once, for the build and then for the questions.
            from qa.embeddings import load_embedder

            embedder = load_embedder(settings)
        prepare_index(settings, embedder)
        log.info("loading the question-answering service")
        service = load_service(settings, embedder)
        log.info("knowledge base: %s", service.coverage())
        demo = create_app(settings, service)
    except (IndexError_, ModelNotFoundError, FileNotFoundError) as e:
        log.error("%s", e)
        return 2
    log.info("serving on http://%s:%d (Ctrl+C to stop)", settings.host, settings.port)
    try:
        launch(demo, settings.host, settings.port)
    except KeyboardInterrupt:
        pass
    except OSError as e:  # e.g. the port is taken
        log.error("cannot serve on %s:%d: %s", settings.host, settings.port, e)
        return 2
    finally:
        demo.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
