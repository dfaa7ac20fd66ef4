"""BM25 over jieba-segmented, normalised chunk text (bm25s)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Iterable

import bm25s
import numpy as np

from .tokenize_zh import tokens


class BM25Index:
    FOLDER = "bm25"

    def __init__(self, retriever: bm25s.BM25, ids: list[int]):
        self.retriever = retriever
        self.ids = ids  # row -> chunk id
        self.row_of = {cid: row for row, cid in enumerate(ids)}

    @classmethod
    def build(cls, ids: list[int], texts: list[str]) -> "BM25Index":
        corpus_tokens = [tokens(t) or ["∅"] for t in texts]
        retriever = bm25s.BM25()
        retriever.index(corpus_tokens, show_progress=False)
        return cls(retriever, list(ids))

    def search(self, query: str, k: int, allowed_ids: Iterable[int] | None = None
               ) -> list[tuple[int, float]]:
        q = tokens(query)
        if not q or not self.ids:
            return []
        vocab = self.retriever.vocab_dict
        q = [t for t in q if t in vocab]
        if not q:
            return []
        scores = self.retriever.get_scores(q)
        if allowed_ids is not None:
            mask = np.zeros(len(self.ids), dtype=bool)
            rows = [self.row_of[c] for c in allowed_ids if c in self.row_of]
            mask[rows] = True
            scores = np.where(mask, scores, -1.0)
        order = np.argsort(-scores)[:k]
        return [(self.ids[r], float(scores[r])) for r in order if scores[r] > 0]

    def save(self, folder: Path) -> None:
        d = Path(folder) / self.FOLDER
        self.retriever.save(str(d), show_progress=False)
        (d / "ids.json").write_text(json.dumps(self.ids))

    @classmethod
    def load(cls, folder: Path) -> "BM25Index":
        d = Path(folder) / cls.FOLDER
        retriever = bm25s.BM25.load(str(d), show_progress=False)
        ids = json.loads((d / "ids.json").read_text())
        return cls(retriever, ids)
