"""A build killed halfway leaves the previous index serving; the next build starts clean."""

from __future__ import annotations

import shutil
import signal
import subprocess
import time

from conftest import REPORTS, qa_script, subprocess_env

from qa.config import load_settings
from qa.index import build_index, current_version, load_index
from qa.service import QAService


def test_killed_build_keeps_the_live_version(tmp_path, corpus_dir, embedder):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(corpus_dir / REPORTS["000"], corpus)
    settings = load_settings(corpus_dir=corpus, index_dir=tmp_path / "index")
    first = build_index(settings, embedder=embedder)
    svc = QAService.load(settings, embedder=embedder)
    assert "585" in (svc.ask("2011年中山市直属机关发展了多少名党员？").answer or "")

    # A second report, embedded from scratch, so the build takes long enough to be killed.
    shutil.copy(corpus_dir / REPORTS["004"], corpus)
    shutil.rmtree(settings.index_dir / "cache")
    log = tmp_path / "build.log"
    with open(log, "w") as err:
        proc = subprocess.Popen([str(qa_script()), "build", "--corpus", str(corpus), "--index", str(settings.index_dir)],
                                stdout=subprocess.DEVNULL, stderr=err, env=subprocess_env())
    versions = settings.index_dir / "versions"
    deadline = time.time() + 180
    # Kill it in the middle: while it embeds, or once it has begun writing a new version.
    while time.time() < deadline and proc.poll() is None:
        if "embedding passages" in log.read_text() or any(
                not (d / "manifest.json").exists() for d in versions.iterdir()):
            break
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL, "the build finished before it could be killed"

    # The previous version still serves, unchanged.
    assert current_version(settings.index_dir) == first.version
    assert load_index(settings).version == first.version
    assert not svc.refresh()
    assert "585" in (svc.ask("2011年中山市直属机关发展了多少名党员？").answer or "")

    # The next build clears the leftovers, completes, and the service switches to it.
    second = build_index(settings, embedder=embedder)
    assert second.rebuilt and second.documents == 2
    assert all((d / "manifest.json").exists() for d in versions.iterdir())
    assert svc.refresh() and svc.version == second.version
    assert "129" in (svc.ask("2020年海南省直机关火线入党多少人？").answer or "")
