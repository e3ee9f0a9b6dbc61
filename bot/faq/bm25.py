"""A small Okapi BM25 index over pre-tokenised documents (no dependencies)."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import chain, filterfalse
from typing import cast

# The usual defaults: k1 saturates repeated terms early (FAQ texts repeat their topic words),
# b = 0.75 keeps long answers from winning on length alone.
K1 = 1.2
B = 0.75


@dataclass(frozen=True, slots=True)
class Bm25Index:
    """Term frequencies per document, and which documents hold each term."""

    docs: tuple[Mapping[str, int], ...]  # term -> (field-weighted) frequency, per document
    norms: tuple[float, ...]  # per document: K1 * (1 - B + B * length / average length)
    # term -> (the documents listing it among their keys, its BM25 weight in each)
    postings: Mapping[str, tuple[tuple[int, ...], tuple[float, ...]]]
    idf: Mapping[str, float]
    top_idf: float  # the idf of a term no document holds

    @classmethod
    def build(
        cls,
        docs: Sequence[Counter[str]],
        keys: Sequence[Iterable[str]] | None = None,
        longest: int | None = None,
    ) -> Bm25Index:
        """Index documents given as term -> field-weighted frequency.

        Postings list only each document's `keys` (all its terms by default): terms that
        nominate candidates, and only those listed by at most `longest` documents (a caller
        that never reads longer lists need not build them). Every term still counts in
        `score` and in the idf.
        """
        size = len(docs)
        lengths = [doc.total() for doc in docs]
        average = sum(lengths) / size if size else 1.0
        df = Counter(chain.from_iterable(docs))
        norms = [K1 * (1 - B + B * length / average) for length in lengths]
        # Collect each posting's idf-free weight part document by document (for locality), as
        # (document, part) pairs flat in one list per term: one lookup and one `+=` a posting.
        lists: defaultdict[str, list[float]] = defaultdict(list)
        listed = keys or docs
        common = _common(listed, longest) if longest is not None else set()
        for number, (doc, terms) in enumerate(zip(docs, listed, strict=True)):
            norm = norms[number]
            for term in filterfalse(common.__contains__, terms):  # filtered in C
                tf = doc[term]
                lists[term] += (number, tf / (tf + norm))
        # The "plus one" idf never goes negative, so a very common term still counts a little.
        idf = {t: math.log(1 + (size - n + 0.5) / (n + 0.5)) for t, n in df.items()}
        postings = {}
        for term, flat in lists.items():
            scale = idf[term] * (K1 + 1)
            # The even places hold the document numbers, ints already (no int() per posting).
            held = cast("tuple[int, ...]", tuple(flat[0::2]))
            postings[term] = (held, tuple([scale * part for part in flat[1::2]]))
        return cls(
            docs=tuple(docs),
            norms=tuple(norms),
            postings=postings,
            idf=idf,
            top_idf=math.log(1 + (size + 0.5) / 0.5),
        )

    def scores(self, terms: Iterable[str], longest: int | None = None) -> dict[int, float]:
        """Return doc -> BM25 score over the terms listed by at most `longest` documents.

        Exact when every term has postings (an index built without `keys` or `longest`).
        """
        totals: dict[int, float] = {}
        get = totals.get
        for term in set(terms):
            held, weights = self.postings.get(term, ((), ()))
            if longest is not None and len(held) > longest:
                continue
            for doc, weight in zip(held, weights, strict=True):
                totals[doc] = get(doc, 0.0) + weight
        return totals

    def score(self, terms: Iterable[str], doc: int) -> float:
        """Return one document's exact BM25 score."""
        held, norm = self.docs[doc], self.norms[doc]
        total = 0.0
        for term in set(terms):
            tf = held.get(term)
            if tf:
                total += self.idf[term] * (K1 + 1) * tf / (tf + norm)
        return total

    def best(self, terms: Iterable[str], unknown: float) -> float:
        """Return the best score possible (unknown terms weigh `unknown` x the top idf)."""
        mass = sum(self.idf.get(term, unknown * self.top_idf) for term in set(terms))
        return (K1 + 1) * mass


def _common(listed: Sequence[Iterable[str]], longest: int) -> set[str]:
    """Return the terms listed by more than `longest` documents."""
    counts = Counter(chain.from_iterable(listed))
    return {term for term, count in counts.items() if count > longest}
