"""Fuzzy lookup of ward names, current and pre-2025, as citizens type them."""

from __future__ import annotations

import heapq
import itertools
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from rapidfuzz import fuzz, process

from bot.directory import Ward
from bot.text import tokens
from bot.ward_names import (
    accents_of,
    find_unit,
    name_accents,
    split_unit,
    words_of,
    words_of_many,
)

# Tuned on tests/test_wards.py and tests/test_directory.py: exact or one-typo names score
# >= 85, and a current name beats an old name it shares (the new Cửa Nam vs the old ward of
# that name, now split between several new wards) by LEGACY_PENALTY >= RESOLVE_MIN_LEAD.
LEGACY_PENALTY = 10.0
# A name found among other words ("hoan kiem ba dinh") is less sure than the name alone:
# as unsure as an exact old name.
EXTRA_WORDS_PENALTY = 10.0
# "Phường Sông Cầu" typed with its unit should pick the old Phường Sông Cầu over the old
# Thị trấn Sông Cầu; a lead this big is what resolving asks for.
UNIT_PENALTY = 8.0
# A name typed with diacritics picks Xã Ba Tơ over Xã Ba Tô (one province has both) when
# the letters alone match both exactly.
ACCENT_PENALTY = 8.0
MAX_QUERY_WORDS = 12
MAX_WINDOW = 5  # the longest name has five words once its unit is stripped


@dataclass(frozen=True, slots=True)
class WardMatch:
    """One ward a citizen's text may mean, and how sure that is (0-100)."""

    ward: Ward
    score: float
    via: Literal["name", "legacy"]
    legacy_name: str | None = None
    legacy_district: str | None = None


@dataclass(frozen=True, slots=True)
class Alias:
    """A name a ward is known by: its own (legacy_name None) or a pre-2025 unit's."""

    ward: Ward
    legacy_name: str | None = None
    legacy_district: str | None = None
    legacy_id: int = -1  # the unit's position in the national directory, for qualifiers


@dataclass(frozen=True, slots=True)
class Qualifier:
    """A place named after the ward ("hà nội", "quận 3"): which matches it allows."""

    codes: frozenset[str]  # current wards in that place
    legacy_ids: frozenset[int] | None = None  # old units in it; None: any whose ward is allowed

    def allows(self, code: str, legacy_id: int) -> bool:
        """Tell whether a match for this ward (via this old unit, if any) lies in the place."""
        if code not in self.codes:
            return False
        return legacy_id < 0 or self.legacy_ids is None or legacy_id in self.legacy_ids

    def __and__(self, other: Qualifier) -> Qualifier:
        """Return the place inside both ("phường 7, quận 5, tp hcm")."""
        if self.legacy_ids is None or other.legacy_ids is None:
            ids = self.legacy_ids if other.legacy_ids is None else other.legacy_ids
        else:
            ids = self.legacy_ids & other.legacy_ids
        return Qualifier(self.codes & other.codes, ids)


@dataclass(frozen=True, slots=True)
class _Typed:
    """What the citizen's words say beyond the name's letters: a unit, diacritics."""

    unit: str | None
    accents: frozenset[str] | None  # None: typed without diacritics

    def penalty(self, target: _Target, ward: Ward, exact: bool) -> float:
        """Return how much less a target fits for its old name, unit or diacritics."""
        penalty = LEGACY_PENALTY if target.legacy_name is not None else 0.0
        if self.unit is not None and target.unit is not None and target.unit != self.unit:
            penalty += UNIT_PENALTY
        name = target.legacy_name or ward.name
        if exact and self.accents is not None and not name_accents(name) <= self.accents:
            penalty += ACCENT_PENALTY
        return penalty


@dataclass(frozen=True, slots=True)
class _Target:
    """One ward a key leads to, and by which name (a unit word, an old unit)."""

    ward: int  # position in the index's ward list
    unit: str | None
    legacy_name: str | None
    legacy_district: str | None
    legacy_id: int


class WardIndex:
    """Names of a set of wards, ready to be searched in a few milliseconds."""

    def __init__(
        self, aliases: Iterable[Alias], qualifiers: dict[tuple[str, ...], Qualifier] | None = None
    ) -> None:
        self._wards: list[Ward] = []
        position: dict[str, int] = {}
        targets: dict[str, list[_Target]] = defaultdict(list)
        aliases = list(aliases)
        names = list(dict.fromkeys(alias.legacy_name or alias.ward.name for alias in aliases))
        key_of: dict[str, tuple[str | None, str]] = {}
        for name, words in zip(names, words_of_many(names), strict=True):
            unit, rest = split_unit(words)
            key_of[name] = (unit, " ".join(rest))
        for alias in aliases:
            where = position.setdefault(alias.ward.code, len(self._wards))
            if where == len(self._wards):
                self._wards.append(alias.ward)
            unit, text = key_of[alias.legacy_name or alias.ward.name]
            if text:
                targets[text].append(
                    _Target(where, unit, alias.legacy_name, alias.legacy_district, alias.legacy_id)
                )
        self._texts = list(targets)
        self._targets = list(targets.values())
        # Numbers and names of three letters or fewer match only exactly: "Phường 7" is not
        # "Phường 17", nor is "Xã Xy" what "xyz" means.
        self._exact_only = [text.isdigit() or len(text) <= 3 for text in self._texts]
        self._length = [len(text) for text in self._texts]
        self._qualifiers = qualifiers or {}
        self._postings: dict[str, list[int]] = defaultdict(list)
        self._by_first: dict[str, list[int]] = defaultdict(list)
        for key, text in enumerate(self._texts):
            parts = text.split()
            # Adjacent words joined too, so a window "badinh" finds "ba dinh".
            joined = [a + b for a, b in itertools.pairwise(parts)]
            for word in dict.fromkeys([*parts, *joined]):
                self._postings[word].append(key)
            self._by_first[parts[0]].append(key)
        self._width = [len(text.split()) for text in self._texts]

    @property
    def wards(self) -> tuple[Ward, ...]:
        """Return the indexed wards in the order they were given."""
        return tuple(self._wards)

    def search(self, text: str, limit: int = 5, min_score: float = 50.0) -> list[WardMatch]:
        """Return the wards text may name, best first, one match per ward."""
        if len("".join(tokens(text))) < 2:
            return []
        unit, words = find_unit(words_of(text)[:MAX_QUERY_WORDS])
        if not words:  # a bare unit word ("phuong", "p") names no ward in particular
            return []
        typed = _Typed(unit, None if text.isascii() else accents_of(text))
        core, qualifier = self._qualify(words)
        if qualifier is not None:
            matches = self._search(typed, core, qualifier, limit, min_score)
            if matches:
                return matches
        return self._search(typed, words, None, limit, min_score)

    def _qualify(self, words: list[str]) -> tuple[list[str], Qualifier | None]:
        """Peel up to two places ("quận 3", "tp hcm") off the end or the start of the words."""
        found: Qualifier | None = None
        for _ in range(2):
            for size in range(min(6, len(words) - 1), 0, -1):
                place = self._qualifiers.get(tuple(words[-size:]))
                rest = words[:-size]
                if place is None:
                    place, rest = self._qualifiers.get(tuple(words[:size])), words[size:]
                if place is not None:
                    found = place if found is None else found & place
                    words = rest
                    break
            else:
                break
        return words, found

    def _search(
        self,
        typed: _Typed,
        words: list[str],
        qualifier: Qualifier | None,
        limit: int,
        min_score: float,
    ) -> list[WardMatch]:
        """Rank wards by their best-scoring key, within the place if one was named."""
        best: dict[int, WardMatch] = {}
        floor = -1.0  # the limit-th best score so far: keys below it cannot enter the list
        scores, exact = self._key_scores(typed.unit, words, min_score)
        for key, score in sorted(scores.items(), key=lambda item: -item[1]):
            if score < floor:
                break
            for target in self._targets[key]:
                ward = self._wards[target.ward]
                if qualifier and not qualifier.allows(ward.code, target.legacy_id):
                    continue
                value = score - typed.penalty(target, ward, key in exact)
                current = best.get(target.ward)
                if current is None or value > current.score:
                    via: Literal["name", "legacy"] = (
                        "name" if target.legacy_name is None else "legacy"
                    )
                    best[target.ward] = WardMatch(
                        ward, value, via, target.legacy_name, target.legacy_district
                    )
            if len(best) >= limit:
                floor = heapq.nlargest(limit, (m.score for m in best.values()))[-1]
        # Ties keep the order the wards were given in.
        ranked = sorted(best.items(), key=lambda item: (-item[1].score, item[0]))
        return [
            WardMatch(m.ward, round(max(m.score, 0.0), 1), m.via, m.legacy_name, m.legacy_district)
            for _, m in ranked
            if m.score >= min_score
        ][:limit]

    def _key_scores(
        self, unit: str | None, words: list[str], min_score: float
    ) -> tuple[dict[int, float], set[int]]:
        """Score every key the words may name: whole, as typed, or as a run inside them."""
        scores: dict[int, float] = {}
        exact: set[int] = set()  # keys some part of the words spells letter for letter
        cutoff = max(min_score, 0.0)
        self._score_into(scores, exact, " ".join(words), None, cutoff, 0.0)
        if unit is not None:
            # "Phương" is also a name syllable: "phuong liet" may be Phường Phương Liệt.
            typed = " ".join([*unit.split(), *words])
            keys = self._by_first.get(unit.split()[0], [])
            self._score_into(scores, exact, typed, keys, cutoff, 0.0)
        for width in range(1, min(len(words), MAX_WINDOW + 1)):
            for start in range(len(words) - width + 1):
                window = words[start : start + width]
                penalty = EXTRA_WORDS_PENALTY
                keys = self._shortlist(window, cutoff + penalty)
                self._score_into(scores, exact, " ".join(window), keys, cutoff + penalty, penalty)
        return scores, exact

    def _shortlist(self, window: list[str], cutoff: float) -> list[int]:
        """Return keys sharing a word (or two joined) with a window that may reach cutoff."""
        keys: set[int] = set()
        for word in window:
            keys.update(self._postings.get(word, ()))
        width, size = len(window), len(" ".join(window))
        # ratio(a, b) <= 200 * min(|a|, |b|) / (|a| + |b|) bounds the key's length.
        cutoff = min(max(cutoff, 1.0), 100.0)
        low, high = size * cutoff / (200 - cutoff), size * (200 - cutoff) / cutoff
        return [
            key
            for key in keys
            if abs(self._width[key] - width) <= 1 and low <= self._length[key] <= high
        ]

    def _score_into(
        self,
        scores: dict[int, float],
        exact: set[int],
        query: str,
        keys: list[int] | None,
        cutoff: float,
        penalty: float,
    ) -> None:
        """Raise scores[key] to ratio(query, key) - penalty where that is at least cutoff."""
        if keys == []:
            return
        choices = self._texts if keys is None else [self._texts[key] for key in keys]
        found = process.extract(
            query, choices, scorer=fuzz.ratio, limit=None, score_cutoff=min(cutoff, 100.0)
        )
        for _, raw, position in found:
            key = position if keys is None else keys[position]
            if raw == 100.0:
                exact.add(key)
            elif self._exact_only[key]:
                continue
            score = raw - penalty
            if score > scores.get(key, -1.0):
                scores[key] = score
