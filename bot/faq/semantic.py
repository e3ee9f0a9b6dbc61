"""The optional semantic stage: re-rank the lexical candidates when the lexical score is unsure.

The lexical stages (rapidfuzz, BM25) rank every entry; this stage only looks at their best
few, and only when they are unsure. It embeds the question once (~25-35 ms on one core),
compares it with every phrasing of those candidates, and lowers each candidate by how far it
trails the semantically closest one. It never raises a score, so it cannot turn a suggestion
into an answer or answer a question the lexical stages would not: it fixes the order.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from operator import mul
from pathlib import Path

from bot.faq.embeddings import E5Embedder, Embedder, EmbeddingCache
from bot.faq.intent import words
from bot.faq.matcher import ANSWER_AT
from bot.faq.model import Faq

# When the lexical ranking counts as unsure: its best score is below the answer threshold
# (a suggestion), or the runner-up is within UNSURE_MARGIN points of it (a near-tie).
UNSURE_BELOW = ANSWER_AT
UNSURE_MARGIN = 5.0
# Points a candidate loses per unit of cosine similarity it trails the closest candidate by
# (e5 cosines of related questions spread over ~0.80-0.95). Chosen on the tuning half (odd
# lines) of bench/faq_queries.tsv: the weight that ranked the most tuning queries first
# without lowering tuning top-1 or answering more unanswerable ones (bench/faq_eval.py).
PER_COSINE = 100.0

Ranked = Sequence[tuple[str, float]]


@dataclass(frozen=True, slots=True)
class _Vectors:
    """The phrasings' vectors of every entry, flat, in one of two views of the text."""

    flat: array[float]
    spans: dict[str, tuple[int, int]]  # entry id -> (first vector, end) in `flat`
    dim: int

    def best(self, entry: str, query: array[float]) -> float:
        """Return the entry's best cosine similarity to the query over its phrasings."""
        first, end = self.spans.get(entry, (0, 0))
        view = memoryview(self.flat)
        dim = self.dim
        return max(
            (sum(map(mul, view[n * dim : (n + 1) * dim], query)) for n in range(first, end)),
            default=0.0,
        )


def view(text: str) -> tuple[str, bool]:
    """Return the text to embed, and whether it keeps its diacritics.

    e5 reads accented Vietnamese well and folded text poorly; most unaccented messages also
    carry Telex leftovers and chat shorthand. So text with diacritics is embedded as written,
    and text without as its normalised words, compared with the phrasings in the same form.
    """
    marked = any(not c.isascii() and c.isalpha() for c in text)
    return (text, True) if marked else (" ".join(words(text)), False)


def unsure(ranked: Ranked) -> bool:
    """Tell whether the lexical ranking leaves room for doubt."""
    if len(ranked) < 2:
        return False
    return ranked[0][1] < UNSURE_BELOW or ranked[0][1] - ranked[1][1] < UNSURE_MARGIN


def combine(ranked: Ranked, cosines: dict[str, float]) -> list[tuple[str, float]]:
    """Lower each candidate by how far it trails the closest one; return them best first."""
    closest = max(cosines[entry] for entry, _ in ranked)
    rescored = [
        (entry, round(score - PER_COSINE * (closest - cosines[entry]), 1))
        for entry, score in ranked
    ]
    return sorted(rescored, key=lambda item: -item[1])


class SemanticReranker:
    """The `FaqMatcher` reranker: the lexical candidates re-ordered by embedding similarity."""

    def __init__(self, embedder: Embedder, marked: _Vectors, plain: _Vectors) -> None:
        self._embedder = embedder
        self._views = {True: marked, False: plain}

    @classmethod
    def build(
        cls,
        faq: Faq,
        embedder: Embedder,
        cache: EmbeddingCache,
        stop: Callable[[], bool] = lambda: False,
    ) -> SemanticReranker | None:
        """Embed every phrasing in both views (cached); None if stopped first."""
        phrasings = [p for e in faq.entries for p in e.phrasings]
        plain = [" ".join(words(p)) for p in phrasings]
        vectors = cache.embed(embedder, phrasings + plain, stop)
        if vectors is None:
            return None
        spans: dict[str, tuple[int, int]] = {}
        start = 0
        for entry in faq.entries:
            spans[entry.id] = (start, start + len(entry.phrasings))
            start += len(entry.phrasings)
        dim = len(vectors[0]) if vectors else 0
        half = len(phrasings)
        return cls(
            embedder,
            _Vectors(_flat(vectors[:half]), spans, dim),
            _Vectors(_flat(vectors[half:]), spans, dim),
        )

    def __call__(self, query: str, ranked: Ranked) -> Ranked:
        """Re-rank an unsure lexical ranking; return a sure one as it is."""
        if not unsure(ranked):
            return ranked
        text, marked = view(query)
        vectors = self._views[marked]
        found = self._embedder.embed([text])[0]
        return combine(ranked, {entry: vectors.best(entry, found) for entry, _ in ranked})


def semantic_stage(
    cache_path: Path,
) -> Callable[[Faq, Callable[[], bool]], SemanticReranker | None]:
    """Return a builder of rerankers over the bundled model, with vectors cached at a path."""
    embedder = E5Embedder()
    cache = EmbeddingCache(cache_path)

    def build(faq: Faq, stop: Callable[[], bool]) -> SemanticReranker | None:
        return SemanticReranker.build(faq, embedder, cache, stop)

    return build


def _flat(vectors: Sequence[array[float]]) -> array[float]:
    """Concatenate vectors into one array (no per-vector object overhead)."""
    flat = array("f")
    for vector in vectors:
        flat.extend(vector)
    return flat
