"""The embedding model, behind a small interface.

Any sentence-transformers folder works (multilingual-e5-small by default,
bge-small-zh, bge-m3, m3e-small ...); asymmetric models get their
query/passage prefixes.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Callable, Protocol

import numpy as np

log = logging.getLogger(__name__)

# Prefixes each model family was trained with, matched on the folder name.
_KNOWN_PREFIXES: list[tuple[str, str, str]] = [
    ("e5", "query: ", "passage: "),
    ("bge-m3", "", ""),
    ("bge", "为这个句子生成表示以用于检索相关文章：", ""),
]

Progress = Callable[[int, int], None]


class Embedder(Protocol):
    name: str
    dim: int

    def embed_queries(self, texts: list[str]) -> np.ndarray: ...

    def embed_passages(self, texts: list[str], progress: Progress | None = None) -> np.ndarray: ...


def default_prefixes(model_name: str) -> tuple[str, str]:
    low = model_name.lower()
    for key, q, p in _KNOWN_PREFIXES:
        if key in low:
            return q, p
    return "", ""


class SentenceTransformerEmbedder:
    """A local sentence-transformers model; vectors are L2-normalised (cosine = dot)."""

    def __init__(self, path: Path, query_prefix: str = "auto", passage_prefix: str = "auto",
                 batch_size: int = 32):
        # Never reach for a model hub: the weights are on disk or nowhere.
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        from sentence_transformers import SentenceTransformer

        path = Path(path)
        self.name = path.name
        q, p = default_prefixes(self.name)
        self.query_prefix = q if query_prefix == "auto" else query_prefix
        self.passage_prefix = p if passage_prefix == "auto" else passage_prefix
        self.batch_size = batch_size
        log.info("loading embedding model %s", path)
        self.model = SentenceTransformer(str(path), device="cpu", local_files_only=True)
        self.dim = int(self.model.get_embedding_dimension())

    def _encode(self, texts: list[str]) -> np.ndarray:
        vecs = self.model.encode(list(texts), batch_size=self.batch_size, normalize_embeddings=True,
                                 convert_to_numpy=True, show_progress_bar=False)
        return np.asarray(vecs, dtype=np.float32)

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        return self._encode([self.query_prefix + t for t in texts])

    def embed_passages(self, texts: list[str], progress: Progress | None = None) -> np.ndarray:
        out = []
        step = self.batch_size
        for i in range(0, len(texts), step):
            out.append(self._encode([self.passage_prefix + t for t in texts[i:i + step]]))
            if progress:
                progress(min(i + step, len(texts)), len(texts))
        return np.vstack(out) if out else np.zeros((0, self.dim), dtype=np.float32)


def load_embedder(settings) -> SentenceTransformerEmbedder:
    """The configured model, converting the bundled default on first use."""
    from .model_convert import ensure_model

    path = ensure_model(settings)
    return SentenceTransformerEmbedder(path, settings.query_prefix, settings.passage_prefix,
                                       settings.batch_size)
