"""A small Okapi BM25 index over pre-tokenised documents, with weighted fields."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

# The usual defaults: k1 saturates repeated terms early (FAQ texts repeat their topic words),
# b = 0.75 keeps long answers from winning on length alone.
K1 = 1.2
B = 0.75


@dataclass(frozen=True, slots=True)
class Bm25Index:
    """Term -> ((doc, precomputed BM25 weight), ...) postings; query cost is the postings read."""

    postings: Mapping[str, tuple[tuple[int, float], ...]]
    idf: Mapping[str, float]
    size: int

    @classmethod
    def build(cls, docs: Sequence[Mapping[str, float]]) -> Bm25Index:
        """Index documents given as term -> (field-weighted) term frequency."""
        size = len(docs)
        lengths = [sum(doc.values()) for doc in docs]
        average = sum(lengths) / size if size else 1.0
        df: Counter[str] = Counter(term for doc in docs for term in doc)
        # The "plus one" idf never goes negative, so a very common term still counts a little.
        idf = {term: math.log(1 + (size - n + 0.5) / (n + 0.5)) for term, n in df.items()}
        lists: dict[str, list[tuple[int, float]]] = {term: [] for term in df}
        for number, (doc, length) in enumerate(zip(docs, lengths, strict=True)):
            norm = K1 * (1 - B + B * length / average)
            for term, tf in doc.items():
                lists[term].append((number, idf[term] * tf * (K1 + 1) / (tf + norm)))
        postings = {term: tuple(found) for term, found in lists.items()}
        return cls(postings=postings, idf=idf, size=size)

    def scores(self, terms: Iterable[str]) -> dict[int, float]:
        """Return doc -> BM25 score for the documents that share a term with the query."""
        totals: dict[int, float] = {}
        get = totals.get
        for term in set(terms):
            for doc, weight in self.postings.get(term, ()):
                totals[doc] = get(doc, 0.0) + weight
        return totals

    def best(self, terms: Iterable[str], unknown: float) -> float:
        """Return the score of a doc holding every term (unknown terms weigh `unknown` x max idf)."""
        top = math.log(1 + (self.size + 0.5) / 0.5)
        return (K1 + 1) * sum(self.idf.get(term, unknown * top) for term in set(terms))
