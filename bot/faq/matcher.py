"""Match a citizen's question to a FAQ entry: fuzzy phrasing match plus BM25, then decide."""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from bot.faq.bm25 import Bm25Index
from bot.faq.intent import looks_like_report, words
from bot.faq.model import Faq
from bot.text import is_syllable

__all__ = ["FaqMatcher", "Match", "Reranker", "Suggestion", "looks_like_report"]

# Field weights for BM25: the phrasings say what an entry answers; tags are curated keywords;
# the answer adds recall for long, rambling questions but also mentions neighbouring topics.
W_PHRASING = 3.0
W_TAG = 2.0
W_ANSWER = 1.0

# Combined score: a weighted mean of three views of the same match (each 0..100):
# the best token_set_ratio of a phrasing, the BM25 score as a share of the best possible for
# this query (how much of the query the entry explains), and the idf share of the best
# phrasing found in the query (how much of the entry's question the citizen asked).
W_FUZZY = 0.5
W_COVER = 0.2
W_PHRASE = 0.3

# How much of the best possible BM25 score a query word / word pair the FAQ never uses counts
# for (x the largest idf): an unknown word is strong evidence the FAQ does not cover the question.
UNKNOWN_WORD = 1.0
UNKNOWN_PAIR = 0.0

# Question scaffolding left out of the fuzzy comparison, where shared "có ... không" would
# otherwise make any short message look like a near-copy of some phrasing.
STOPWORDS: frozenset[str] = frozenset(
    "co khong the nao thi o duoc bi dau sao gi phai la cua cho ma va voi roi nhu neu khi nhung".split()
)

# Decision thresholds on the combined score.
ANSWER_AT = 60.0
ANSWER_MARGIN = 5.0
SUGGEST_AT = 35.0

# The fuzzy stage scans every phrasing while the FAQ is small; beyond this many entries it
# scores only the phrasings of the BM25 shortlist (a full token_set_ratio scan of 40,000
# phrasings costs ~100 ms).
FULL_SCAN_ENTRIES = 1000
SHORTLIST = 60

# An optional later stage (e.g. embeddings): query and ranked (entry id, score) -> rescored.
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
    id: str | None
    score: float
    suggestions: tuple[Suggestion, ...]


@dataclass(frozen=True, slots=True)
class Phrasing:
    """One way of asking an entry's question, prepared for both comparisons."""

    entry: int
    text: str  # normalised words for token_set_ratio
    terms: tuple[str, ...]  # its words and word pairs
    mass: float  # their summed idf


@dataclass(frozen=True, slots=True)
class FaqMatcher:
    """Precomputed matching data for one FAQ; immutable and safe to share between threads."""

    ids: tuple[str, ...]
    phrasings: tuple[Phrasing, ...]
    texts: tuple[str, ...]  # phrasing texts, for rapidfuzz's batch scan
    by_entry: tuple[tuple[int, ...], ...]  # entry number -> its phrasing numbers
    index: Bm25Index
    vocabulary: tuple[str, ...]  # known words, most frequent first
    known: frozenset[str]
    reranker: Reranker | None = None

    @classmethod
    def build(cls, faq: Faq, reranker: Reranker | None = None) -> FaqMatcher:
        """Normalise every phrasing and index every entry."""
        asked: list[tuple[int, list[str]]] = []
        docs: list[Counter[str]] = []
        frequency: Counter[str] = Counter()
        for number, entry in enumerate(faq.entries):
            doc: Counter[str] = Counter()
            for text in entry.phrasings:
                found = words(text)
                asked.append((number, found))
                _add(doc, found, W_PHRASING)
                frequency.update(found)
            for tag in entry.tags:
                _add(doc, words(tag), W_TAG)
            answer = words(entry.answer)
            _add(doc, answer, W_ANSWER)
            frequency.update(answer)
            docs.append(doc)
        index = Bm25Index.build(docs)
        phrasings = tuple(_phrasing(number, found, index) for number, found in asked)
        by_entry: list[list[int]] = [[] for _ in faq.entries]
        for position, phrasing in enumerate(phrasings):
            by_entry[phrasing.entry].append(position)
        return cls(
            ids=tuple(e.id for e in faq.entries),
            phrasings=phrasings,
            texts=tuple(p.text for p in phrasings),
            by_entry=tuple(tuple(p) for p in by_entry),
            index=index,
            vocabulary=tuple(w for w, _ in frequency.most_common() if w.isalpha()),
            known=frozenset(frequency),
            reranker=reranker,
        )

    def match(self, query: str) -> Match:
        """Rank the entries for a query and decide whether to answer, suggest or give up."""
        found = [self._correct(w) for w in words(query)]
        if not found:
            return Match("none", None, 0.0, ())
        ranked = self.rank(found)
        if self.reranker is not None:
            ranked = list(self.reranker(query, ranked))
        return _decide(ranked)

    def rank(self, found: list[str]) -> list[tuple[str, float]]:
        """Return (entry id, combined score) best first for normalised query words."""
        combined = {
            e: W_FUZZY * fuzzy + W_COVER * cover + W_PHRASE * phrase
            for e, (fuzzy, cover, phrase) in self.components(found).items()
        }
        best = heapq.nlargest(4, combined.items(), key=lambda item: item[1])
        return [(self.ids[e], round(score, 1)) for e, score in best]

    def components(self, found: list[str]) -> dict[int, tuple[float, float, float]]:
        """Return entry -> (fuzzy, query coverage, phrasing coverage), each 0..100."""
        pairs = _pairs(found)
        bm25 = self.index.scores(found + pairs)
        best = self.index.best(found, UNKNOWN_WORD) + self.index.best(pairs, UNKNOWN_PAIR)
        scale = 100 / (best or 1.0)
        fuzzy = self._fuzzy(" ".join(w for w in found if w not in STOPWORDS), bm25)
        asked = set(found) | set(pairs)
        result = {}
        for e, score in fuzzy.items():
            phrase = max(self._covered(p, asked) for p in self.by_entry[e])
            result[e] = (score, min(100.0, bm25.get(e, 0.0) * scale), phrase)
        return result

    def _covered(self, number: int, asked: set[str]) -> float:
        """Return the share (0..100) of a phrasing's idf mass that the query also has."""
        phrasing = self.phrasings[number]
        idf = self.index.idf
        return 100 * sum(idf[t] for t in phrasing.terms if t in asked) / phrasing.mass

    def _fuzzy(self, text: str, bm25: dict[int, float]) -> dict[int, float]:
        """Return entry -> best token_set_ratio over its phrasings."""
        best: dict[int, float] = {}
        if len(self.ids) <= FULL_SCAN_ENTRIES:
            scores = process.extract(
                text, self.texts, scorer=fuzz.token_set_ratio, processor=None, limit=None
            )
            for _, score, number in scores:
                owner = self.phrasings[number].entry
                best[owner] = max(best.get(owner, 0.0), score)
            return best
        for entry in heapq.nlargest(SHORTLIST, bm25, key=bm25.__getitem__):
            best[entry] = max(
                fuzz.token_set_ratio(text, self.texts[p]) for p in self.by_entry[entry]
            )
        return best

    def _correct(self, word: str) -> str:
        """Replace a non-word by a known word a single typo away (thuog -> thuong)."""
        # Real syllables are left alone: "mieng" is not a typo of "mien".
        if word in self.known or len(word) < 3 or not word.isalpha() or is_syllable(word):
            return word
        found = process.extractOne(
            word, self.vocabulary, scorer=Levenshtein.distance, score_cutoff=1
        )
        # A three-letter non-word may miss a letter (dug -> dung) but dropping one is a guess.
        if found is None or (len(word) == 3 and len(found[0]) < 4):
            return word
        return str(found[0])


def _phrasing(entry: int, found: list[str], index: Bm25Index) -> Phrasing:
    """Prepare one phrasing: fuzzy text, terms and their idf mass."""
    terms = tuple(dict.fromkeys(found + _pairs(found)))
    mass = sum(index.idf[t] for t in terms) or 1.0
    text = " ".join(w for w in found if w not in STOPWORDS)
    return Phrasing(entry, text, terms, mass)


def _add(doc: Counter[str], found: list[str], weight: float) -> None:
    """Add a field's words and adjacent-word pairs to a document's term weights."""
    for term in found + _pairs(found):
        doc[term] += weight


def _pairs(found: list[str]) -> list[str]:
    """Return adjacent word pairs: Vietnamese words are often two syllables."""
    return [f"{a}_{b}" for a, b in zip(found, found[1:], strict=False)]


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
