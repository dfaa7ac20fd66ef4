"""Passage embeddings cached by content, so a rebuild embeds only new text.

Keyed by sha256(model fingerprint + passage text): adding one report to a
corpus of hundreds embeds only that report's chunks; an edited report
re-embeds only the chunks whose text changed.
"""

from __future__ import annotations

import hashlib
import logging
import os
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)


def passage_key(model_fp: str, text: str) -> str:
    return hashlib.sha256(f"{model_fp}\x00{text}".encode("utf-8")).hexdigest()[:32]


class EmbeddingCache:
    def __init__(self, folder: Path, model_fp: str):
        self.path = Path(folder) / f"embeddings-{model_fp}.npz"
        self.model_fp = model_fp
        self.vectors: dict[str, np.ndarray] = {}
        self._keep: list[str] | None = None  # keys the last embed() used
        if self.path.exists():
            try:
                with np.load(self.path) as data:
                    self.vectors = dict(zip(data["keys"].tolist(), data["vectors"]))
            except (OSError, ValueError, KeyError) as e:  # a damaged cache is only a slower build
                log.warning("ignoring unreadable embedding cache %s: %s", self.path, e)

    def embed(self, get_embedder, texts: list[str], progress=None) -> tuple[np.ndarray, int]:
        """Vectors for texts (cached ones reused), and how many had to be embedded.
        ``get_embedder()`` is only called when something is missing."""
        keys = [passage_key(self.model_fp, t) for t in texts]
        missing = sorted({k: i for i, k in enumerate(keys) if k not in self.vectors}.values())
        if missing:
            new = get_embedder().embed_passages([texts[i] for i in missing], progress=progress)
            for i, v in zip(missing, new):
                self.vectors[keys[i]] = v
        elif progress:
            progress(len(texts), len(texts))
        out = np.stack([self.vectors[k] for k in keys]) if keys else np.zeros((0, 0), np.float32)
        self._keep = keys
        return out.astype(np.float32), len(missing)

    def save(self) -> None:
        """Write the entries of the last embed() call (what the corpus holds now)."""
        keep = self._keep if self._keep is not None else list(self.vectors)
        keys = np.array(sorted(set(keep)))
        vecs = np.stack([self.vectors[k] for k in keys]) if len(keys) else np.zeros((0, 1), np.float32)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(self.path.name + f".{os.getpid()}.tmp.npz")
        np.savez(tmp, keys=keys, vectors=vecs)
        os.replace(tmp, self.path)
