"""Vector stores behind one small interface, chosen by name through a factory.

FAISS (exact inner product over normalised vectors) is the default; a
server-backed store (Milvus, Qdrant, pgvector ...) implements the same four
methods and registers itself in ``VECTOR_STORES``.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from pathlib import Path
from typing import Iterable

import faiss
import numpy as np


class VectorStore(ABC):
    """Stores vectors under integer ids (the chunk ids) and searches them."""

    @abstractmethod
    def add(self, ids: np.ndarray, vectors: np.ndarray) -> None: ...

    @abstractmethod
    def search(self, query: np.ndarray, k: int, allowed_ids: Iterable[int] | None = None
               ) -> list[tuple[int, float]]:
        """Top-k (id, similarity) for one query vector, optionally only among allowed_ids."""

    @abstractmethod
    def save(self, folder: Path) -> None: ...

    @classmethod
    @abstractmethod
    def load(cls, folder: Path) -> "VectorStore": ...

    @abstractmethod
    def __len__(self) -> int: ...


class FaissVectorStore(VectorStore):
    FILE = "vectors.faiss"

    def __init__(self, dim: int, index: faiss.Index | None = None):
        self.dim = dim
        self.index = index if index is not None else faiss.IndexIDMap2(faiss.IndexFlatIP(dim))

    def add(self, ids: np.ndarray, vectors: np.ndarray) -> None:
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        if vectors.ndim != 2 or vectors.shape[1] != self.dim:
            raise ValueError(f"expected vectors of dimension {self.dim}, got shape {vectors.shape}")
        self.index.add_with_ids(vectors, np.asarray(ids, dtype=np.int64))

    def search(self, query, k, allowed_ids=None):
        if len(self) == 0 or k <= 0:
            return []
        q = np.ascontiguousarray(query, dtype=np.float32).reshape(1, -1)
        params = None
        if allowed_ids is not None:
            allowed = np.fromiter(allowed_ids, dtype=np.int64)
            if allowed.size == 0:
                return []
            params = faiss.SearchParameters(sel=faiss.IDSelectorBatch(allowed))
            k = min(k, int(allowed.size))
        k = min(k, len(self))
        scores, ids = self.index.search(q, k, params=params)
        return [(int(i), float(s)) for i, s in zip(ids[0], scores[0]) if i >= 0]

    def save(self, folder: Path) -> None:
        faiss.write_index(self.index, str(Path(folder) / self.FILE))

    @classmethod
    def load(cls, folder: Path) -> "FaissVectorStore":
        index = faiss.read_index(str(Path(folder) / cls.FILE))
        return cls(index.d, index)

    def __len__(self) -> int:
        return int(self.index.ntotal)


VECTOR_STORES: dict[str, type[VectorStore]] = {"faiss": FaissVectorStore}


def make_vector_store(kind: str, dim: int) -> VectorStore:
    try:
        return VECTOR_STORES[kind](dim)
    except KeyError:
        raise ValueError(f"unknown vector store {kind!r}; known: {', '.join(VECTOR_STORES)}") from None


def load_vector_store(kind: str, folder: Path) -> VectorStore:
    return VECTOR_STORES[kind].load(folder)
