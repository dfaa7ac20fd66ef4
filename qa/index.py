"""Build, save and load the search index: chunks + FAISS vectors + BM25.

Layout of ``index_dir``::

    CURRENT              name of the live version (replaced atomically)
    versions/<v>/        one complete build: manifest.json, chunks.jsonl,
                         vectors.faiss, bm25/
    .build.lock          held while a build runs

A build writes a new version beside the live one and switches CURRENT only
when the new version is complete and loads; a killed or failed build leaves
the previous version serving and its leftovers are removed by the next build.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import logging
import os
import shutil
import time
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import numpy as np

from .chunking import chunk_documents
from .embedding_cache import EmbeddingCache
from .config import Settings
from .ingest import load_corpus
from .keyword_index import BM25Index
from .loaders import SUPPORTED_SUFFIXES, find_corpus_files
from .places import place_label
from .types import Chunk
from .vectorstore import VectorStore, load_vector_store, make_vector_store

log = logging.getLogger(__name__)

FORMAT = 1
VECTOR_STORE = "faiss"
KEEP_VERSIONS = 2

from .progress import Progress  # noqa: E402  (stage message, fraction 0..1)


class IndexError_(RuntimeError):
    """Base for index problems the user can act on (the message says how)."""


class IndexMissingError(IndexError_):
    pass


class IndexMismatchError(IndexError_):
    pass


class BuildInProgressError(IndexError_):
    pass


class EmptyCorpusError(IndexError_):
    """No report in the corpus could be read: an empty index would answer nothing."""


@dataclass
class BuildReport:
    version: str
    rebuilt: bool
    documents: int
    chunks: int
    skipped: list[dict] = field(default_factory=list)
    seconds: float = 0.0
    index_dir: str = ""
    embedded: int = 0  # passages embedded by this build (the rest came from the cache)


@dataclass
class LoadedIndex:
    version: str
    folder: Path
    manifest: dict
    chunks: list[Chunk]
    vectors: VectorStore
    bm25: BM25Index

    def __post_init__(self):
        self.by_id = {c.chunk_id: c for c in self.chunks}


# ---------------------------------------------------------------- fingerprints

def model_fingerprint(model_path: Path) -> str:
    """Identifies the model weights an index was embedded with."""
    h = hashlib.sha256()
    for name in ("config.json", "modules.json", "qa_model.json", "sentence_bert_config.json"):
        p = Path(model_path) / name
        if p.exists():
            h.update(name.encode() + p.read_bytes())
    for p in sorted(Path(model_path).glob("*.safetensors")) + sorted(Path(model_path).glob("*.bin")):
        h.update(f"{p.name}:{p.stat().st_size}".encode())
    return h.hexdigest()[:16]


def corpus_hashes(corpus_dir: Path) -> dict[str, str]:
    out = {}
    for p in find_corpus_files(corpus_dir):
        out[p.relative_to(corpus_dir).as_posix()] = hashlib.sha256(p.read_bytes()).hexdigest()
    return out


# The code that turns files into chunks: when it changes, so may the chunks.
_PIPELINE_FILES = ("formats.py", "loaders.py", "cleaning.py", "metadata.py", "places.py", "data/gazetteer.tsv",
                   "textnorm.py", "chunking.py", "ingest.py", "tokenize_zh.py", "keyword_index.py")


def pipeline_fingerprint() -> str:
    h = hashlib.sha256()
    here = Path(__file__).parent
    for name in _PIPELINE_FILES:
        h.update(name.encode() + (here / name).read_bytes())
    return h.hexdigest()[:12]


def build_settings(settings: Settings, model_fp: str) -> dict:
    """The settings that decide the index contents: a change means a rebuild."""
    return {
        "format": FORMAT,
        "pipeline": pipeline_fingerprint(),
        "model": Path(settings.model).name,
        "model_fingerprint": model_fp,
        "query_prefix": settings.query_prefix,
        "passage_prefix": settings.passage_prefix,
        "chunk_size": settings.chunk_size,
        "chunk_overlap": settings.chunk_overlap,
        "vector_store": VECTOR_STORE,
    }


# ---------------------------------------------------------------- versions

def current_version(index_dir: Path) -> str | None:
    p = Path(index_dir) / "CURRENT"
    if not p.exists():
        return None
    v = p.read_text().strip()
    return v if v and (Path(index_dir) / "versions" / v / "manifest.json").exists() else None


def read_manifest(index_dir: Path) -> dict | None:
    v = current_version(index_dir)
    if v is None:
        return None
    return json.loads((Path(index_dir) / "versions" / v / "manifest.json").read_text(encoding="utf-8"))


def _switch_current(index_dir: Path, version: str) -> None:
    tmp = Path(index_dir) / f".CURRENT.{os.getpid()}"
    tmp.write_text(version)
    os.replace(tmp, Path(index_dir) / "CURRENT")  # atomic on POSIX


def _prune(index_dir: Path, live: str) -> None:
    vdir = Path(index_dir) / "versions"
    complete = sorted(
        (d for d in vdir.iterdir() if (d / "manifest.json").exists()), key=lambda d: d.name
    )
    keep = {live} | {d.name for d in complete[-KEEP_VERSIONS:]}
    for d in vdir.iterdir():
        if d.name not in keep:
            shutil.rmtree(d, ignore_errors=True)


def _remove_leftovers(index_dir: Path) -> None:
    """Folders of killed builds (no manifest: never CURRENT). Call with the build lock held."""
    vroot = Path(index_dir) / "versions"
    if vroot.is_dir():
        for d in vroot.iterdir():
            if not (d / "manifest.json").exists():
                log.info("removing the leftovers of an unfinished build: %s", d.name)
                shutil.rmtree(d, ignore_errors=True)


@contextmanager
def build_lock(index_dir: Path):
    Path(index_dir).mkdir(parents=True, exist_ok=True)
    fh = open(Path(index_dir) / ".build.lock", "w")
    try:
        fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        fh.close()
        raise BuildInProgressError(
            f"another build of {index_dir} is running; wait for it to finish and try again"
        ) from None
    try:
        yield
    finally:
        fcntl.flock(fh, fcntl.LOCK_UN)
        fh.close()


# ---------------------------------------------------------------- build

def _chunk_to_json(c: Chunk) -> str:
    return json.dumps(asdict(c), ensure_ascii=False)


def passage_text(c: Chunk) -> str:
    """What is embedded for a chunk: its place, title and section give it context."""
    label = place_label(c.places, c.org)
    head = " ".join(x for x in (label, c.title, c.section) if x)
    # The simplified form, so a question in simplified matches a traditional report.
    return f"{head}\n{c.search_text}"


def build_index(settings: Settings, embedder=None, progress: Progress | None = None,
                force: bool = False) -> BuildReport:
    """Build the index for settings.corpus_dir into settings.index_dir."""
    from .embeddings import load_embedder
    from .model_convert import ensure_model

    progress = progress or (lambda msg, frac: None)
    index_dir = Path(settings.index_dir)
    t0 = time.time()
    with build_lock(index_dir):
        _remove_leftovers(index_dir)
        model_path = ensure_model(settings)
        wanted = build_settings(settings, model_fingerprint(model_path))
        hashes = corpus_hashes(settings.corpus_dir)
        old = read_manifest(index_dir)
        if not force and old and old.get("settings") == wanted and old.get("files") == hashes:
            progress("index is up to date", 1.0)
            log.info("index %s is up to date (%d chunks); nothing to do", old["version"], old["chunks"])
            return BuildReport(old["version"], False, len(old["documents"]), old["chunks"],
                               old.get("skipped", []), time.time() - t0, str(index_dir))

        progress("reading reports", 0.02)
        ingest = load_corpus(settings.corpus_dir)
        chunks = chunk_documents(ingest.documents, settings.chunk_size, settings.chunk_overlap)
        log.info("%d documents -> %d chunks (%d files skipped)",
                 len(ingest.documents), len(chunks), len(ingest.skipped))
        if not chunks:
            reasons = "；".join(f"{s.source}：{s.reason}" for s in ingest.skipped[:3])
            raise EmptyCorpusError(
                f"语料目录 {settings.corpus_dir} 中没有可读的报告（{len(ingest.skipped)} 个文件被跳过"
                + (f"：{reasons}" if reasons else "")
                + f"）。索引没有改动；请放入 {'/'.join(SUPPORTED_SUFFIXES)} 报告后再构建。")

        loaded = [embedder]

        def get_embedder():
            # Loading the model takes seconds: only when something needs embedding.
            if loaded[0] is None:
                progress("loading the embedding model", 0.08)
                loaded[0] = load_embedder(settings)
            return loaded[0]

        def on_embed(done: int, total: int) -> None:
            progress(f"embedding passages {done}/{total}", 0.1 + 0.8 * done / max(total, 1))

        cache = EmbeddingCache(index_dir / "cache", wanted["model_fingerprint"])
        vecs, embedded = cache.embed(get_embedder, [passage_text(c) for c in chunks], progress=on_embed)
        dim = vecs.shape[1] if len(vecs) else get_embedder().dim
        log.info("embedded %d new passages, %d reused from the cache", embedded, len(chunks) - embedded)

        # Microseconds keep two quick builds apart (a cached rebuild takes well under a second).
        version = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%f") + f"-{os.getpid()}"
        folder = index_dir / "versions" / version
        folder.mkdir(parents=True)

        progress("writing the index", 0.92)
        store = make_vector_store(VECTOR_STORE, dim)
        ids = np.array([c.chunk_id for c in chunks], dtype=np.int64)
        if len(chunks):
            store.add(ids, vecs)
        store.save(folder)
        BM25Index.build(ids.tolist(), [c.search_text + " " + c.section for c in chunks]).save(folder)
        with open(folder / "chunks.jsonl", "w", encoding="utf-8") as f:
            for c in chunks:
                f.write(_chunk_to_json(c) + "\n")
        chunk_counts: dict[str, int] = {}
        for c in chunks:
            chunk_counts[c.doc_id] = chunk_counts.get(c.doc_id, 0) + 1
        manifest = {
            "version": version,
            "built_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "settings": wanted,
            "dim": dim,
            "files": hashes,
            "chunks": len(chunks),
            "documents": [
                {"source": d.source, "title": d.title, "years": d.years, "dated": d.dated, "places": d.places,
                 "org": d.org, "label": place_label(d.places, d.org), "encoding": d.encoding, "format": d.format,
                 "chars": len(d.text), "chunks": chunk_counts.get(d.doc_id, 0), "warnings": d.warnings}
                for d in ingest.documents
            ],
            "skipped": [asdict(s) for s in ingest.skipped],
            "build_seconds": round(time.time() - t0, 2),
            "embedded_passages": embedded,
        }
        # The manifest is written last: its presence marks the version complete.
        tmp = folder / "manifest.json.tmp"
        tmp.write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
        _load_version(index_dir, version)  # verify it loads before it goes live
        os.replace(tmp, folder / "manifest.json")
        _switch_current(index_dir, version)
        cache.save()
        _prune(index_dir, version)
        progress("index ready", 1.0)
        log.info("built index %s: %d documents, %d chunks in %.1fs",
                 version, len(ingest.documents), len(chunks), time.time() - t0)
        return BuildReport(version, True, len(ingest.documents), len(chunks),
                           manifest["skipped"], time.time() - t0, str(index_dir), embedded)


# ---------------------------------------------------------------- load

def _load_version(index_dir: Path, version: str, manifest: dict | None = None) -> LoadedIndex:
    folder = Path(index_dir) / "versions" / version
    if manifest is None:
        mpath = folder / "manifest.json"
        mpath = mpath if mpath.exists() else folder / "manifest.json.tmp"
        manifest = json.loads(mpath.read_text(encoding="utf-8"))
    chunks = []
    with open(folder / "chunks.jsonl", encoding="utf-8") as f:
        for line in f:
            chunks.append(Chunk(**json.loads(line)))
    vectors = load_vector_store(manifest["settings"]["vector_store"], folder)
    bm25 = BM25Index.load(folder)
    if len(vectors) != len(chunks):
        raise IndexMismatchError(f"index version {version} is inconsistent "
                                 f"({len(vectors)} vectors, {len(chunks)} chunks); run `qa build --force`")
    return LoadedIndex(version, folder, manifest, chunks, vectors, bm25)


def load_index(settings: Settings) -> LoadedIndex:
    """The live index, checked against the current model and chunking settings."""
    from .model_convert import ensure_model

    index_dir = Path(settings.index_dir)
    manifest = read_manifest(index_dir)
    if manifest is None:
        raise IndexMissingError(f"no index in {index_dir}; build it with `qa build`")
    wanted = build_settings(settings, model_fingerprint(ensure_model(settings)))
    have = manifest["settings"]
    diffs = [f"{k}: index has {have.get(k)!r}, settings ask for {v!r}"
             for k, v in wanted.items() if have.get(k) != v]
    if diffs:
        raise IndexMismatchError(
            f"the index in {index_dir} was built with different settings ("
            + "; ".join(diffs) + "). Rebuild it with `qa build`, or use the matching settings."
        )
    return _load_version(index_dir, manifest["version"], manifest)


def index_is_current(settings: Settings) -> bool:
    m = read_manifest(settings.index_dir)
    return bool(m) and m.get("files") == corpus_hashes(settings.corpus_dir)
