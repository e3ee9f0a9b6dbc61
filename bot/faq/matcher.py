"""Match a citizen's question to a FAQ entry: fuzzy phrasing match plus BM25, then decide."""

from __future__ import annotations

import gc
import heapq
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import filterfalse
from typing import Literal

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from bot.faq.bm25 import Bm25Index
from bot.faq.fields import Fields, pairs
from bot.faq.intent import is_small_talk, looks_like_report, words
from bot.faq.model import Faq
from bot.text import is_syllable

__all__ = ["FaqMatcher", "Match", "Reranker", "Suggestion", "looks_like_report"]

# The combined score (0..100) is a weighted mean of three views of one match:
# - fuzzy: the best rapidfuzz token_set_ratio between the query and a phrasing (or the tags);
# - cover: BM25 as a share of the best score possible for this query: how much of the query
#   the entry explains (words the FAQ never uses count fully against it, see UNKNOWN_WORD);
# - phrase: the idf share of the best phrasing that the query contains: how much of the
#   entry's own question the citizen asked.
# Weights chosen on the tuning half of bench/faq_queries.tsv (bench/faq_eval.py).
W_FUZZY = 0.6
W_COVER = 0.2
W_PHRASE = 0.2

# How much a query word the FAQ never uses weighs in `cover`, times the largest idf: an
# unknown word ("visa", "bitcoin") is strong evidence that the FAQ does not cover the question.
# An unknown word pair is weak evidence (a rambling question makes many), so it weighs nothing.
UNKNOWN_WORD = 1.0

# Question scaffolding left out of the fuzzy comparison, where a shared "có ... không" would
# make any short message look like a near-copy of some phrasing.
# fmt: off
STOPWORDS: frozenset[str] = frozenset({
    "co", "khong", "the", "nao", "thi", "o", "duoc", "bi", "dau", "sao", "gi", "phai", "la",
    "cua", "cho", "ma", "va", "voi", "roi", "nhu", "neu", "khi", "nhung",
})
# fmt: on

# Decisions on the combined score of the best entry, chosen on the tuning half (odd lines) of
# bench/faq_queries.tsv; bench/faq_eval.py reports the held-out half separately.
# ANSWER_AT: the best tuning top-1 (with at most 1 of its 38 unanswerable queries answered)
# holds from 58 to 60; we take the top of that plateau, as 38 queries estimate the share of
# unanswerable questions answered only coarsely and that limit (5 %) is the harder one.
# ANSWER_MARGIN: requiring a lead over the runner-up did not pay; a near-tie is answered
# right about half the time, and the runner-up is offered below the answer anyway.
# SUGGEST_AT: no answerable tuning query scores below 45; greetings and thanks score 18-38.
ANSWER_AT = 60.0
ANSWER_MARGIN = 0.0
SUGGEST_AT = 40.0

# The fuzzy stage scans every phrasing while the FAQ is small. A bigger FAQ is first narrowed
# by BM25 over its rarer words (a term in more than LONGEST_POSTINGS entries is left to the
# exact rescoring) to SHORTLIST entries: a full token_set_ratio scan of 50,000 phrasings
# costs ~100 ms a query.
FULL_SCAN_ENTRIES = 200
LONGEST_POSTINGS = 300
SHORTLIST = 30

# An optional later stage (e.g. embeddings): (query, ranked (entry id, score)) -> re-ranked.
Reranker = Callable[[str, Sequence[tuple[str, float]]], Sequence[tuple[str, float]]]


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A candidate entry and its combined score."""

    id: str
    score: float  # 0..100


@dataclass(frozen=True, slots=True)
class Match:
    """The decision for one query: answer with an entry, suggest some, or none."""

    decision: Literal["answer", "suggest", "none"]
    id: str | None  # the entry answered with, or the best suggestion
    score: float  # the best candidate's combined score, 0..100
    suggestions: tuple[Suggestion, ...]  # best first, at most 3; for "answer" the runners-up


@dataclass(frozen=True, slots=True)
class FaqMatcher:
    """Precomputed matching data for one FAQ; immutable, so safe to share between threads."""

    ids: tuple[str, ...]
    texts: tuple[str, ...]  # per phrasing (tags count as one): content words, for rapidfuzz
    terms: tuple[tuple[str, ...], ...]  # per phrasing: its indexed words and pairs, once each
    masses: tuple[float, ...]  # per phrasing: the summed idf of those terms
    # term -> the phrasings that contain it: what a query containing it explains of each.
    shares: dict[str, tuple[tuple[int, float], ...]]
    owners: tuple[int, ...]  # per phrasing: its entry
    by_entry: tuple[range, ...]  # per entry: its phrasings
    index: Bm25Index
    vocabulary: tuple[str, ...]  # known words, most frequent first (for typo correction)
    reranker: Reranker | None = None

    @classmethod
    def build(cls, faq: Faq, reranker: Reranker | None = None) -> FaqMatcher:
        """Normalise every phrasing, tag and answer, and index every entry."""
        with _gc_paused():
            return cls._build(faq, reranker)

    @classmethod
    def _build(cls, faq: Faq, reranker: Reranker | None) -> FaqMatcher:
        """Build the matcher (see `build`)."""
        fields = Fields.read(faq)
        # In a big FAQ only question words nominate candidates (answer words still count in
        # every score), and the rough ranking reads no longer postings than LONGEST_POSTINGS:
        # the postings built are a fraction of all.
        big = len(fields.docs) > FULL_SCAN_ENTRIES
        if big:
            index = Bm25Index.build(fields.docs, fields.keys, LONGEST_POSTINGS)
        else:
            index = Bm25Index.build(fields.docs)
        idf = index.idf
        # Made here in one go, not entry by entry while reading, they lie together in memory:
        # queries, which visit a few entries' texts and terms, are 2 % faster.
        unique = [tuple(dict.fromkeys(found)) for found in fields.terms]
        return cls(
            ids=tuple(e.id for e in faq.entries),
            texts=tuple(map(_fuzzy_text, fields.phrasings)),
            terms=tuple(unique),
            masses=(masses := tuple(sum(map(idf.__getitem__, f)) or 1.0 for f in unique)),
            shares={} if big else _shares(unique, masses, idf),  # see _phrases
            owners=tuple(n for n, span in enumerate(fields.by_entry) for _ in span),
            by_entry=tuple(fields.by_entry),
            index=index,
            # Words (not pairs or numbers), the most common first: ties in typo correction
            # go to the likelier word.
            vocabulary=tuple(sorted((t for t in idf if t.isalpha()), key=idf.__getitem__)),
            reranker=reranker,
        )

    def match(self, query: str) -> Match:
        """Rank the entries for a query and decide whether to answer, suggest or give up."""
        found = [] if is_small_talk(query) else [self._correct(w) for w in words(query)]
        ranked = self.rank(found) if found else []
        if self.reranker is not None and ranked:
            ranked = list(self.reranker(query, ranked))
        return _decide(ranked)

    def rank(self, found: list[str]) -> list[tuple[str, float]]:
        """Return the best four (entry id, combined score) for normalised query words."""
        partial = {
            entry: W_FUZZY * fuzzy + W_COVER * cover
            for entry, (fuzzy, cover) in self.candidates(found).items()
        }
        # The phrase share costs most and adds at most W_PHRASE * 100: skip the entries that
        # could not reach the top four with it.
        floor = min(heapq.nlargest(4, partial.values()), default=0.0) - W_PHRASE * 100
        kept = {entry: score for entry, score in partial.items() if score >= floor}
        phrase = self._phrases(set(found + pairs(found)), kept)
        combined = {
            entry: score + W_PHRASE * phrase.get(entry, 0.0) for entry, score in kept.items()
        }
        best = heapq.nlargest(4, combined.items(), key=lambda item: item[1])
        return [(self.ids[entry], round(score, 1)) for entry, score in best]

    def candidates(self, found: list[str]) -> dict[int, tuple[float, float]]:
        """Return entry -> (fuzzy, cover), each 0..100, for the entries worth ranking."""
        terms = found + pairs(found)
        best = self.index.best(found, UNKNOWN_WORD) + self.index.best(pairs(found), 0.0)
        scale = 100 / (best or 1.0)
        text = _fuzzy_text(found)
        if len(self.ids) <= FULL_SCAN_ENTRIES:  # every term is in the postings: exact
            bm25 = self.index.scores(terms)
            fuzzy = self._scan(text)
        else:
            rough = self.index.scores(terms, longest=LONGEST_POSTINGS)
            shortlist = heapq.nlargest(SHORTLIST, rough, key=rough.__getitem__)
            bm25 = {entry: self.index.score(terms, entry) for entry in shortlist}
            fuzzy = {entry: self._fuzzy(text, entry) for entry in shortlist}
        return {
            entry: (score, min(100.0, bm25.get(entry, 0.0) * scale))
            for entry, score in fuzzy.items()
        }

    def _scan(self, text: str) -> dict[int, float]:
        """Return entry -> best token_set_ratio, over every phrasing of the FAQ."""
        best: dict[int, float] = {}
        # One call scores every phrasing in C++ (extract_iter would resume Python per phrasing).
        found = process.extract(
            text, self.texts, scorer=fuzz.token_set_ratio, processor=None, limit=None
        )
        for _, score, number in found:
            owner = self.owners[number]
            best[owner] = max(best.get(owner, 0.0), score)
        return best

    def _fuzzy(self, text: str, entry: int) -> float:
        """Return an entry's best token_set_ratio over its phrasings."""
        return max(
            (fuzz.token_set_ratio(text, self.texts[p]) for p in self.by_entry[entry]), default=0.0
        )

    def _phrases(self, asked: set[str], entries: Iterable[int]) -> dict[int, float]:
        """Return entry -> the largest idf share (0..100) of one of its phrasings in the query."""
        if len(self.ids) > FULL_SCAN_ENTRIES:
            # A big FAQ's common terms have long postings: visit the few entries kept instead.
            return {entry: self._phrase(entry, asked) for entry in entries}
        # A small FAQ keeps most entries: read only the postings of the query's own terms
        # (the phrasings sharing none score 0 and need no visit).
        explained: dict[int, float] = {}
        for term in asked:
            for phrasing, share in self.shares.get(term, ()):
                explained[phrasing] = explained.get(phrasing, 0.0) + share
        best: dict[int, float] = {}
        for phrasing, share in explained.items():
            owner = self.owners[phrasing]
            best[owner] = max(best.get(owner, 0.0), 100 * share)
        return best

    def _phrase(self, entry: int, asked: set[str]) -> float:
        """Return the largest idf share (0..100) of one of an entry's phrasings in the query."""
        idf = self.index.idf
        shares = (
            sum(idf[t] for t in self.terms[p] if t in asked) / self.masses[p]
            for p in self.by_entry[entry]
        )
        return 100 * max(shares, default=0.0)

    def _correct(self, word: str) -> str:
        """Replace a non-word by a known word a single typo away (thuog -> thuong)."""
        # Real syllables are left alone: "mieng" is not a typo of "mien".
        if word in self.index.idf or len(word) < 3 or not word.isalpha() or is_syllable(word):
            return word
        # A three-letter non-word may lack a letter (dug -> dung); dropping one is a guess.
        shortest = 4 if len(word) == 3 else 0
        for known, _, _ in process.extract(
            word, self.vocabulary, scorer=Levenshtein.distance, score_cutoff=1, limit=8
        ):
            if len(known) >= shortest:
                return str(known)
        return word


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector (and restore its state afterwards)."""
    # Indexing allocates millions of small lists and tuples, none of them cyclic; the collector
    # would walk them all again and again (a quarter of a 10,000-entry build).
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _shares(
    unique: list[tuple[str, ...]], masses: tuple[float, ...], idf: Mapping[str, float]
) -> dict[str, tuple[tuple[int, float], ...]]:
    """Index each phrasing's terms with the share of the phrasing's idf mass they carry."""
    postings: dict[str, list[tuple[int, float]]] = {}
    for phrasing, (terms, mass) in enumerate(zip(unique, masses, strict=True)):
        for term in terms:
            postings.setdefault(term, []).append((phrasing, idf[term] / mass))
    return {term: tuple(found) for term, found in postings.items()}


def _fuzzy_text(found: list[str]) -> str:
    """Return the words token_set_ratio compares: all but the question scaffolding."""
    return " ".join(filterfalse(STOPWORDS.__contains__, found))


def _decide(ranked: Sequence[tuple[str, float]]) -> Match:
    """Turn a ranking into an answer, suggestions, or nothing."""
    if not ranked or ranked[0][1] < SUGGEST_AT:
        return Match("none", None, ranked[0][1] if ranked else 0.0, ())
    top_id, top = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0.0
    if top >= ANSWER_AT and top - runner_up >= ANSWER_MARGIN:
        rest = tuple(Suggestion(i, s) for i, s in ranked[1:4] if s >= SUGGEST_AT)
        return Match("answer", top_id, top, rest)
    picks = tuple(Suggestion(i, s) for i, s in ranked[:3] if s >= SUGGEST_AT)
    return Match("suggest", top_id, top, picks)
