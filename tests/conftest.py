"""Shared fixtures: the bundled corpus, the real embedding model, and one real
index of corpus/ built once per test session (in a temporary folder, never
the repository's own index/).

The embedding model is loaded once and handed to every build and service
(``build_index(settings, embedder=...)``, ``QAService.load(settings, embedder=...)``).
"""

from __future__ import annotations

import os
import socket
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "corpus"

# The five bundled reports, by their number.
REPORTS = {
    "000": "000_7fb3e329b878b41a.txt",  # 中山市直属机关 2011 (yearbook entry)
    "001": "001_2a77a74c8cabfc6c.txt",  # 枣庄市直机关 2009, hard-wrapped
    "002": "002_51ca3736beda86ca.txt",  # 中山市直机关 news article, no year
    "003": "003_360ce489d0b5e1c8.txt",  # 广西区直机关, traditional characters
    "004": "004_e6ce74bfb9ddebab.txt",  # 海南省直机关 2020, web page
}

# Torch threads for the in-process model. The default (one per core) is slow
# for the many tiny query batches of a test run on a small shared machine,
# where another process often holds a core; one thread is as fast there and
# predictable. QA_TEST_TORCH_THREADS=0 leaves torch's own default.
TORCH_THREADS = int(os.environ.get("QA_TEST_TORCH_THREADS", "1"))


CHROMIUM = "/usr/bin/chromium"  # Debian's; Playwright's own browser download is not used
# Without the background-networking flags Chromium keeps dialling out, which a
# closed network refuses slowly.
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
requires_chromium = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} is not installed")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def qa_script() -> Path:
    """The installed console script `qa` of the venv running the tests."""
    return Path(sys.executable).with_name("qa")


def subprocess_env() -> dict:
    env = dict(os.environ)
    env.setdefault("PYTHONIOENCODING", "utf-8")
    if TORCH_THREADS > 0:
        env.setdefault("OMP_NUM_THREADS", str(TORCH_THREADS))
    return env


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    assert all((CORPUS / name).is_file() for name in REPORTS.values()), "bundled corpus/ is incomplete"
    return CORPUS


@pytest.fixture(scope="session")
def raw_texts(corpus_dir) -> dict[str, str]:
    """Decoded source text of each bundled report, keyed by file name."""
    from qa.loaders import read_text_file

    return {name: read_text_file(corpus_dir / name, corpus_dir).text for name in REPORTS.values()}


@pytest.fixture(scope="session")
def corpus_docs(corpus_dir) -> dict:
    """The cleaned Documents of the bundled corpus, keyed by file name."""
    from qa.ingest import load_corpus

    result = load_corpus(corpus_dir)
    assert result.skipped == [], f"bundled reports were skipped: {result.skipped}"
    return {d.source: d for d in result.documents}


@pytest.fixture(scope="session")
def embedder():
    """The real default embedding model (multilingual-e5-small), loaded once."""
    from qa.config import load_settings
    from qa.embeddings import load_embedder

    if TORCH_THREADS > 0:
        import torch

        torch.set_num_threads(TORCH_THREADS)
    return load_embedder(load_settings(corpus_dir=CORPUS))


@pytest.fixture(scope="session")
def session_index(tmp_path_factory, corpus_dir, embedder):
    """(settings, BuildReport) of a real index of the bundled corpus, built once."""
    from qa.config import load_settings
    from qa.index import build_index

    index_dir = tmp_path_factory.mktemp("session_index")
    settings = load_settings(index_dir=index_dir, corpus_dir=corpus_dir)
    report = build_index(settings, embedder=embedder)
    assert report.rebuilt and report.documents == len(REPORTS) and report.chunks > 0
    return settings, report


@pytest.fixture(scope="session")
def index_settings(session_index):
    return session_index[0]


@pytest.fixture(scope="session")
def service(index_settings, embedder):
    """QAService over the session index, sharing the session's model."""
    from qa.service import QAService

    return QAService.load(index_settings, embedder=embedder)


@pytest.fixture(scope="session", autouse=True)
def _private_data_dir(tmp_path_factory):
    """Feedback written by apps started in tests goes to a temporary folder, not data/."""
    if "QA_DATA_DIR" not in os.environ:
        os.environ["QA_DATA_DIR"] = str(tmp_path_factory.mktemp("qa-data"))
    yield


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for every browser test."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield b
        finally:
            b.close()
