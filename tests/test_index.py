"""The index: a real build of a small corpus (two bundled reports), reload,
incremental no-op builds, rebuilds on change, settings checks, leftovers of a
killed build and the build lock."""

from __future__ import annotations

import hashlib
import shutil
import time
from pathlib import Path

import pytest

from conftest import REPORTS
from qa.config import load_settings
from qa.index import (
    BuildInProgressError,
    EmptyCorpusError,
    IndexMismatchError,
    IndexMissingError,
    build_index,
    build_lock,
    current_version,
    load_index,
    passage_text,
    read_manifest,
)
from qa.service import QAService

SMALL = [REPORTS["001"], REPORTS["003"]]  # hard-wrapped simplified + traditional


class CountingEmbedder:
    """The real embedder, counting how often it is asked to embed passages."""

    def __init__(self, inner):
        self.inner = inner
        self.name, self.dim = inner.name, inner.dim
        self.passage_calls = 0
        self.passages = 0

    def embed_queries(self, texts):
        return self.inner.embed_queries(texts)

    def embed_passages(self, texts, progress=None):
        self.passage_calls += 1
        self.passages += len(texts)
        return self.inner.embed_passages(texts, progress=progress)


@pytest.fixture(scope="module")
def small_build(tmp_path_factory, corpus_dir, embedder):
    """A real index of a two-report corpus, built once for this module."""
    root = tmp_path_factory.mktemp("small")
    corpus = root / "corpus"
    corpus.mkdir()
    for name in SMALL:
        shutil.copy(corpus_dir / name, corpus / name)
    settings = load_settings(corpus_dir=corpus, index_dir=root / "index")
    spy = CountingEmbedder(embedder)
    stages = []
    report = build_index(settings, embedder=spy, progress=lambda msg, frac: stages.append((msg, frac)))
    return settings, report, spy, stages


@pytest.fixture
def small_copy(small_build, tmp_path):
    """A private copy of the small corpus and its built index, to modify freely."""
    settings = small_build[0]
    shutil.copytree(settings.corpus_dir, tmp_path / "corpus")
    shutil.copytree(settings.index_dir, tmp_path / "index")
    return load_settings(corpus_dir=tmp_path / "corpus", index_dir=tmp_path / "index")


def _assert_vectors_are_their_chunks(idx, embedder, every: int = 5):
    """Vector i is chunk i: each sampled chunk's own passage embedding finds it first."""
    sample = idx.chunks[::every]
    vecs = embedder.embed_passages([passage_text(c) for c in sample])
    for c, v in zip(sample, vecs):
        (best, score), *_ = idx.vectors.search(v, 3)
        assert best == c.chunk_id and score > 0.99, (c.chunk_id, best, score)


def test_build_embeds_every_chunk_and_reports_progress(small_build):
    settings, report, spy, stages = small_build
    assert report.rebuilt and report.documents == 2 and report.chunks > 10 and report.skipped == []
    assert spy.passage_calls == 1 and spy.passages == report.chunks == report.embedded
    fracs = [f for _, f in stages]
    assert fracs == sorted(fracs) and fracs[-1] == 1.0
    assert current_version(settings.index_dir) == report.version


def test_reloaded_index_is_consistent(small_build, embedder):
    settings, report, _, _ = small_build
    idx = load_index(settings)
    assert idx.version == report.version
    assert len(idx.chunks) == len(idx.vectors) == idx.manifest["chunks"] == report.chunks
    assert [c.chunk_id for c in idx.chunks] == list(range(report.chunks))
    assert {c.doc_id for c in idx.chunks} == set(SMALL)
    assert idx.manifest["dim"] == embedder.dim
    _assert_vectors_are_their_chunks(idx, embedder)
    sample = idx.chunks[::5]
    # BM25 over the same ids: a chunk's own text finds it.
    for c in sample:
        ids = [cid for cid, _ in idx.bm25.search(c.search_text, 3)]
        assert c.chunk_id in ids
    # Restricted search stays inside the allowed ids.
    allowed = {c.chunk_id for c in idx.chunks if c.doc_id == REPORTS["003"]}
    q = embedder.embed_queries(["基层党组织有多少个"])[0]
    assert {cid for cid, _ in idx.vectors.search(q, 10, allowed)} <= allowed


def test_manifest_lists_files_model_and_chunk_settings(small_build):
    settings, report, _, _ = small_build
    m = read_manifest(settings.index_dir)
    assert m["version"] == report.version
    assert m["files"] == {
        name: hashlib.sha256((Path(settings.corpus_dir) / name).read_bytes()).hexdigest() for name in SMALL
    }
    s = m["settings"]
    assert s["model"] == "multilingual-e5-small" and s["model_fingerprint"]
    assert (s["chunk_size"], s["chunk_overlap"]) == (settings.chunk_size, settings.chunk_overlap) == (300, 60)
    assert s["vector_store"] == "faiss"
    docs = {d["source"]: d for d in m["documents"]}
    assert set(docs) == set(SMALL)
    assert docs[REPORTS["001"]]["years"] == [2009] and docs[REPORTS["001"]]["places"] == ["枣庄市"]
    assert docs[REPORTS["003"]]["places"] == ["广西壮族自治区"]
    assert sum(d["chunks"] for d in docs.values()) == m["chunks"]
    # What a version folder holds.
    folder = Path(settings.index_dir) / "versions" / report.version
    assert {"manifest.json", "chunks.jsonl", "vectors.faiss"} <= {p.name for p in folder.iterdir()}
    assert sum(1 for _ in open(folder / "chunks.jsonl", encoding="utf-8")) == m["chunks"]


def test_second_build_with_nothing_changed_is_a_quick_no_op(small_copy, embedder):
    before = read_manifest(small_copy.index_dir)
    spy = CountingEmbedder(embedder)
    t0 = time.perf_counter()
    report = build_index(small_copy, embedder=spy)
    seconds = time.perf_counter() - t0
    assert report.rebuilt is False
    assert report.version == before["version"] and report.chunks == before["chunks"]
    assert spy.passage_calls == 0
    assert seconds < 2.0
    assert read_manifest(small_copy.index_dir) == before


def test_no_op_build_does_not_load_a_model(small_copy):
    """Without an embedder passed in, an up-to-date build must not load one."""
    t0 = time.perf_counter()
    report = build_index(small_copy)  # would take seconds if it loaded the model
    assert report.rebuilt is False and time.perf_counter() - t0 < 2.0


@pytest.mark.parametrize("change", ["modify", "add", "delete"])
def test_corpus_change_triggers_a_rebuild(small_copy, embedder, change):
    old = read_manifest(small_copy.index_dir)
    old_passages = {passage_text(c) for c in load_index(small_copy).chunks}
    corpus = Path(small_copy.corpus_dir)
    if change == "modify":
        with open(corpus / SMALL[0], "a", encoding="utf-8") as f:
            f.write("\n【新增段落】 2009年,市直机关工委组织开展机关运动会,共有1357名干部职工参加。\n")
        expected_docs = set(SMALL)
    elif change == "add":
        (corpus / "sub").mkdir()
        (corpus / "sub" / "new.md").write_text(
            "苏州市直机关工委2015年工作总结\n2015年，苏州市直机关全年发展党员312人，"
            "组织开展机关运动会，共有1357名干部职工参加。\n",
            encoding="utf-8",
        )
        expected_docs = set(SMALL) | {"sub/new.md"}
    else:
        (corpus / SMALL[1]).unlink()
        expected_docs = {SMALL[0]}
    spy = CountingEmbedder(embedder)
    report = build_index(small_copy, embedder=spy)
    assert report.rebuilt and report.version != old["version"]
    idx = load_index(small_copy)
    assert idx.version == report.version
    assert {c.doc_id for c in idx.chunks} == expected_docs
    assert set(idx.manifest["files"]) == expected_docs
    assert len(idx.chunks) == len(idx.vectors) == report.chunks
    # Only passages whose text is new are embedded; the rest come from the cache ...
    new_passages = {passage_text(c) for c in idx.chunks} - old_passages
    assert (spy.passages, report.embedded) == (len(new_passages), len(new_passages))
    assert (len(new_passages) > 0) == (change != "delete")
    # ... and every chunk still has its own vector.
    _assert_vectors_are_their_chunks(idx, embedder, every=6)
    has_new = any("1357名干部职工" in c.text for c in idx.chunks)
    assert has_new == (change != "delete")
    # The next build is a no-op again.
    calls = spy.passage_calls
    assert build_index(small_copy, embedder=spy).rebuilt is False
    assert spy.passage_calls == calls


@pytest.mark.parametrize(
    "override, value, have",
    [("chunk_size", 123, 300), ("chunk_overlap", 7, 60), ("passage_prefix", "", "auto")],
)
def test_loading_with_other_settings_is_refused_clearly(small_build, override, value, have):
    settings = small_build[0]
    other = load_settings(corpus_dir=settings.corpus_dir, index_dir=settings.index_dir, **{override: value})
    with pytest.raises(IndexMismatchError) as e:
        load_index(other)
    msg = str(e.value)
    assert override in msg and repr(value) in msg and repr(have) in msg
    assert "qa build" in msg
    # The service refuses the same way (before loading a model).
    with pytest.raises(IndexMismatchError):
        QAService.load(other)


def test_missing_index_is_a_clear_error(tmp_path):
    settings = load_settings(index_dir=tmp_path / "none")
    with pytest.raises(IndexMissingError, match="qa build"):
        load_index(settings)


def _make_leftover(index_dir: Path) -> Path:
    """What a build killed while writing leaves: a version folder without manifest.json.
    Named to sort after the live version, so 'newest folder' would pick it."""
    left = Path(index_dir) / "versions" / "99991231T235959-99999"
    left.mkdir()
    (left / "chunks.jsonl").write_text('{"chunk_id": 0, "doc_id": "x", "text": "半截', encoding="utf-8")
    (left / "vectors.faiss").write_bytes(b"\x00" * 100)
    (left / "manifest.json.tmp").write_text("{", encoding="utf-8")
    return left


def test_half_finished_version_does_not_break_loading(small_copy, embedder):
    live = read_manifest(small_copy.index_dir)
    _make_leftover(small_copy.index_dir)
    idx = load_index(small_copy)
    assert idx.version == live["version"] and len(idx.chunks) == live["chunks"]
    svc = QAService.load(small_copy, embedder=embedder)
    assert svc.ask("广西区直机关有多少个基层党组织？").answer is not None


def test_half_finished_version_is_removed_by_the_next_rebuild(small_copy, embedder):
    """A forced rebuild (nothing changed) builds a new version and clears the leftover."""
    old = read_manifest(small_copy.index_dir)
    left = _make_leftover(small_copy.index_dir)
    report = build_index(small_copy, embedder=embedder, force=True)
    assert report.rebuilt and report.version != old["version"] and report.chunks == old["chunks"]
    assert not left.exists()
    assert load_index(small_copy).version == report.version


def test_half_finished_version_is_removed_by_the_next_build_even_if_nothing_changed(small_copy, embedder):
    left = _make_leftover(small_copy.index_dir)
    report = build_index(small_copy, embedder=embedder)
    assert report.rebuilt is False
    assert not left.exists()


def test_concurrent_build_is_refused_while_the_lock_is_held(small_copy, embedder):
    spy = CountingEmbedder(embedder)
    before = read_manifest(small_copy.index_dir)
    with build_lock(small_copy.index_dir):
        with pytest.raises(BuildInProgressError, match="another build"):
            build_index(small_copy, embedder=spy, force=True)
        # Reading the live index is not blocked by a build.
        assert load_index(small_copy).version == before["version"]
    assert spy.passage_calls == 0
    assert read_manifest(small_copy.index_dir) == before
    # Once released, building works again.
    assert build_index(small_copy, embedder=spy).rebuilt is False


def test_two_quick_builds_in_one_process_both_succeed(tmp_path, embedder):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(
        "苏州市直机关工委2015年工作总结\n2015年，苏州市直机关全年发展党员312人，"
        "组织开展机关运动会，共有1357名干部职工参加。\n",
        encoding="utf-8",
    )
    settings = load_settings(corpus_dir=corpus, index_dir=tmp_path / "index")
    versions = set()
    for _ in range(3):  # a build of one short file takes well under a second
        report = build_index(settings, embedder=embedder, force=True)
        versions.add(report.version)
    assert len(versions) == 3
    assert load_index(settings).version == report.version


def test_a_corpus_with_no_readable_report_is_refused_and_the_index_kept(small_copy, embedder):
    before = read_manifest(small_copy.index_dir)
    for p in Path(small_copy.corpus_dir).iterdir():
        p.unlink()
    (Path(small_copy.corpus_dir) / "notes.docx").write_bytes(b"not a zip")  # unreadable: skipped
    with pytest.raises(EmptyCorpusError, match="没有可读的报告") as e:
        build_index(small_copy, embedder=embedder, force=True)
    assert "notes.docx" in str(e.value)
    # Nothing half-built is left, and the previous index still serves.
    assert read_manifest(small_copy.index_dir) == before
    assert [d.name for d in (Path(small_copy.index_dir) / "versions").iterdir()] == [before["version"]]
    assert load_index(small_copy).version == before["version"]
