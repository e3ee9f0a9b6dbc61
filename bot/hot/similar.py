"""Tell which reports are about the same incident: the same place and the same problem.

Plain word overlap is not enough: reports about one lane share its name with every other
report about that lane, and "ngập" with every flood in the ward. So a report is read into its
content words and word pairs (place names are mostly pairs: "doi_can"), the problems it names
(bot.hot.lexicon: ngập, lụt and úng are one problem) and its places: numbered ones (ngõ 12,
tổ 9) and named ones (the words after "phố", "gần", "tập thể"...). Two reports score by the
share of their weighted words in common, plus a bonus for a shared problem and for a shared
place, and much less when they name different problems or different places.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from bot.faq.intent import words
from bot.hot.lexicon import GENERIC, NOT_NAMES, PLACE_UNITS, PLACE_WORDS, PROBLEMS, REWRITES

# Tuned on tests/hot_cases.py TUNING and on bench/hot_issues.py's synthetic wards (pairwise F1),
# then measured on HELD_OUT (README, "Hot issues").
THRESHOLD = 0.4  # (average) score at which reports are about one incident
SHARED_PROBLEM = 0.2  # added when both name the same problem
SHARED_PLACE = 0.2  # added when both name the same place
OTHER_PROBLEM = 0.3  # factor when both name problems, none in common
UNKNOWN_PROBLEM = 0.7  # factor when only one names a problem the lexicon knows
OTHER_PLACE = 0.3  # factor when both name places, none in common
OTHER_NUMBER = 0.1  # factor for the same kind of numbered place with other numbers (ngõ 7, 34)
# A word's weight falls when many reports of the ward use it: log((n + BACKGROUND) / df), at
# most CAP. BACKGROUND stands for the reports not in view, so that five reports of one flood,
# alone in a new ward, do not make "ngập" worthless; the cap keeps a word only one report uses
# (which no other can share) from outweighing those that several share.
BACKGROUND = 200
CAP = 2.5
# First word of each problem phrase -> the lengths of the phrases it starts.
_PHRASE_SIZES: dict[str, tuple[int, ...]] = {}
for _phrase in PROBLEMS:
    _first, _size = _phrase.split()[0], len(_phrase.split())
    _PHRASE_SIZES[_first] = tuple(sorted({*_PHRASE_SIZES.get(_first, ()), _size}, reverse=True))
_PLACE_TRIGGERS = PLACE_WORDS | PLACE_UNITS


@dataclass(frozen=True, slots=True)
class Profile:
    """What a report says, as matching needs it."""

    terms: frozenset[str]  # content words and word pairs
    problems: frozenset[str]
    places: frozenset[str]  # numbered ("@ngo12") and named ("doi_can") places
    numbers: Mapping[str, frozenset[str]]  # place unit -> numbers given ("ngo" -> {"12"})


# Reports are read once, when first seen (each costs ~0.1 ms and keeps ~3 KB): enough for the
# open reports of many wards within the window.
@lru_cache(maxsize=4096)
def profile(text: str) -> Profile:
    """Read a report's words, problems and places."""
    joined = f" {' '.join(words(text))} "
    for long, short in REWRITES:
        joined = joined.replace(long, short)
    found = joined.split()
    problems, covered = _problems(found)
    terms = {w for w in found if w not in GENERIC and not w.isdigit()}
    terms.update(f"{a}_{b}" for a, b in pairwise(found) if not _generic(a, b))
    places, numbers = _places(found, covered)
    return Profile(frozenset(terms), frozenset(problems), frozenset(places), numbers)


def _generic(a: str, b: str) -> bool:
    return a in GENERIC and b in GENERIC


def _problems(found: list[str]) -> tuple[set[str], set[int]]:
    """Return the problems a text names, and the positions of the words naming them."""
    problems: set[str] = set()
    covered: set[int] = set()
    for at, word in enumerate(found):
        for size in _PHRASE_SIZES.get(word, ()):  # longest first
            phrase = " ".join(found[at : at + size])
            if at in covered or phrase not in PROBLEMS:
                continue
            if not (at and found[at - 1] == "khong"):
                problems.add(PROBLEMS[phrase])
            covered.update(range(at, at + size))
            break
    return problems, covered


def _places(found: list[str], covered: set[int]) -> tuple[set[str], dict[str, frozenset[str]]]:
    """Return the places a text names, and the numbers of its numbered places by unit."""
    places: set[str] = set()
    numbers: dict[str, set[str]] = {}
    for at, word in enumerate(found):
        if word.isdigit() and not (at and found[at - 1] in PLACE_UNITS):
            # A bare number before a name is a house number: "karaoke 45 Liễu Giai".
            names = [_name(found, at + 1, 1, covered)]
            if names[0]:
                numbers.setdefault("so", set()).add(word)
                places.add(f"@so{word}")
        elif word not in _PLACE_TRIGGERS:
            continue
        elif _numbered(found, at):
            number = found[at + 1]
            numbers.setdefault(word, set()).add(number)
            places.add(f"@{word}{number}")
            # A name follows or leads a number: "ngõ 12 Đội Cấn", "Vĩnh Phúc ngõ 34".
            names = [_name(found, at + 2, 1, covered), _name(found, at - 1, -1, covered)]
        else:
            names = [_name(found, at + 1, 1, covered)]
        for name in names:
            places.update(name if len(name) == 1 else _pairs(name))
    return places, {unit: frozenset(n) for unit, n in numbers.items()}


def _numbered(found: list[str], at: int) -> bool:
    return found[at] in PLACE_UNITS and at + 1 < len(found) and found[at + 1].isdigit()


def _name(found: list[str], at: int, step: int, covered: set[int]) -> list[str]:
    """Return the words of the place name starting at `at`, read in direction `step`."""
    name: list[str] = []
    while 0 <= at < len(found) and len(name) < 3:
        word = found[at]
        if at in covered or word in NOT_NAMES or word in PLACE_WORDS or word.isdigit():
            break
        if _numbered(found, at):
            break
        name.append(word)
        at += step
    return name[::step]


def _pairs(name: list[str]) -> list[str]:
    return [f"{a}_{b}" for a, b in pairwise(name)]


class Weights:
    """Word weights for one set of reports (a ward's), by how many of them use each word."""

    def __init__(self, profiles: Iterable[Profile]) -> None:
        counted = list(profiles)
        df = Counter(term for p in counted for term in p.terms)
        top = math.log(len(counted) + BACKGROUND + 1)
        self._weights = {t: min(CAP, top - math.log(n + 0.5)) for t, n in df.items()}

    def total(self, p: Profile) -> float:
        """Return the weight of all a report's words (one of the reports weighed)."""
        return sum(map(self._weights.__getitem__, p.terms))

    def similarity(self, a: Profile, b: Profile, totals: tuple[float, float]) -> float:
        """Return how likely two of the reports weighed are about the same incident (`totals`:
        their weights)."""
        shared = sum(map(self._weights.__getitem__, a.terms & b.terms))
        score = 2 * shared / (totals[0] + totals[1] or 1.0)
        if a.problems and b.problems:
            score = score + SHARED_PROBLEM if a.problems & b.problems else score * OTHER_PROBLEM
        elif a.problems or b.problems:
            score *= UNKNOWN_PROBLEM
        if a.places and b.places:
            score = score + SHARED_PLACE if a.places & b.places else score * OTHER_PLACE
        for unit in a.numbers.keys() & b.numbers.keys():
            if not a.numbers[unit] & b.numbers[unit]:
                score *= OTHER_NUMBER
        return score


def best_matches(
    query: Profile, candidates: Sequence[tuple[int, Profile]], limit: int = 3
) -> list[tuple[int, float]]:
    """Return the candidates about the same incident as `query`, most similar first."""
    weights = Weights([query, *(p for _, p in candidates)])
    mine = weights.total(query)
    scored = [
        (key, weights.similarity(query, p, (mine, weights.total(p)))) for key, p in candidates
    ]
    found = sorted((s for s in scored if s[1] >= THRESHOLD), key=lambda s: -s[1])
    return found[:limit]
