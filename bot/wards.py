"""The wards this deployment serves, and fuzzy lookup of the names citizens use for them."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from rapidfuzz import fuzz

from bot.content import Entry, array_entries, load_toml
from bot.text import normalize, tokens

# The kind of unit leads every official name; "Thị trấn" only survives in legacy names.
CURRENT_PREFIXES = ("Phường ", "Xã ", "Đặc khu ")
NAME_PREFIXES = (*CURRENT_PREFIXES, "Thị trấn ")
# The same prefixes after normalize(); "p", "x", "tt" expand to these.
_FOLDED_PREFIXES = (("phuong",), ("xa",), ("dac", "khu"), ("thi", "tran"))

# Tuned on tests/test_wards.py: exact or one-typo names score >= 85, and a current
# name beats an old name it shares (new Cửa Nam vs the old ward of that name,
# now split between three new wards) by LEGACY_PENALTY >= RESOLVE_MIN_LEAD.
RESOLVE_MIN_SCORE = 85.0
RESOLVE_MIN_LEAD = 8.0
CANDIDATE_MIN_SCORE = 60.0
CANDIDATE_MAX_GAP = 20.0
MAX_CANDIDATES = 5
LEGACY_PENALTY = 10.0
# A name found among other words ("ba dinh ha noi") is less sure than the name alone:
# as unsure as an exact old name, so "láng hạ" offers both Phường Láng and the wards
# that the old Phường Láng Hạ went to.
EXTRA_WORDS_PENALTY = 10.0

_CODE = re.compile(r"^\d{5}$")
_CODENAME = re.compile(r"^[a-z0-9]+(?:_[a-z0-9]+)*$")
_FIELDS = ("code", "name", "codename", "province", "legacy_names")


@dataclass(frozen=True, slots=True)
class Ward:
    """A ward or commune after the 2025 reform."""

    code: str
    name: str
    province: str
    codename: str
    legacy_names: tuple[str, ...] = ()

    @property
    def short_name(self) -> str:
        """Return the name without its unit prefix: "Ba Đình" for "Phường Ba Đình"."""
        return _strip_name_prefix(self.name)


@dataclass(frozen=True, slots=True)
class WardMatch:
    """One ward a citizen's text may mean, and how sure that is (0-100)."""

    ward: Ward
    score: float
    via: Literal["name", "legacy"]
    legacy_name: str | None = None


@dataclass(frozen=True, slots=True)
class WardResolution:
    """The ward a text clearly names, if any, and the plausible ones to offer."""

    ward: Ward | None
    candidates: list[WardMatch]


@dataclass(frozen=True, slots=True)
class _Key:
    """A normalised, prefix-free name to match against."""

    ward: Ward
    text: str
    legacy_name: str | None


class WardDirectory:
    """The wards served, looked up by code or by what people call them."""

    def __init__(self, wards: Iterable[Ward]) -> None:
        self._wards = tuple(wards)
        self._by_code = {ward.code: ward for ward in self._wards}
        if len(self._by_code) != len(self._wards):
            raise ValueError("duplicate ward codes")
        self._keys = tuple(_keys_for(self._wards))

    @classmethod
    def from_file(cls, path: Path) -> WardDirectory:
        """Load wards from a TOML file of [[ward]] tables."""
        path = Path(path)
        wards: list[Ward] = []
        # Codes are digits and codenames letters, so one dict catches both kinds of repeat.
        first_seen: dict[str, str] = {}
        for entry in array_entries(path, load_toml(path), "ward"):
            ward = _read_ward(entry)
            for field, value in (("code", ward.code), ("codename", ward.codename)):
                if value in first_seen:
                    raise entry.error(
                        f"duplicate {field} '{value}' (already used by {first_seen[value]})"
                    )
                first_seen[value] = entry.label
            wards.append(ward)
        return cls(wards)

    def all(self) -> tuple[Ward, ...]:
        """Return every ward, in file order."""
        return self._wards

    def get(self, code: str) -> Ward | None:
        """Return the ward with this code, if served."""
        return self._by_code.get(code)

    def name_of(self, code: str) -> str:
        """Return a ward's display name (its code if the ward left the served list)."""
        ward = self._by_code.get(code)
        return ward.name if ward else code

    def search(
        self, text: str, limit: int = MAX_CANDIDATES, min_score: float = 50.0
    ) -> list[WardMatch]:
        """Return the wards text may name, best first, one match per ward."""
        words = _query_words(text)
        if not words:
            return []
        best: dict[str, WardMatch] = {}
        for key in self._keys:
            score = max(_score(query, key.text) for query in _query_forms(words, key.text))
            if key.legacy_name is not None:
                score -= LEGACY_PENALTY
            current = best.get(key.ward.code)
            if current is None or score > current.score:
                via: Literal["name", "legacy"] = "name" if key.legacy_name is None else "legacy"
                best[key.ward.code] = WardMatch(key.ward, round(score, 1), via, key.legacy_name)
        # sorted() is stable and best keeps file order, so ties stay in file order.
        ranked = sorted(best.values(), key=lambda match: -match.score)
        return [match for match in ranked if match.score >= min_score][:limit]

    def resolve(self, text: str) -> WardResolution:
        """Pick the ward text names when one is clearly best; else offer candidates."""
        matches = self.search(text, limit=MAX_CANDIDATES, min_score=CANDIDATE_MIN_SCORE)
        if not matches:
            return WardResolution(None, [])
        top = matches[0].score
        # Far behind the best, a candidate only shares a syllable ("Mai Đình" for "Ba Đình").
        candidates = [match for match in matches if top - match.score <= CANDIDATE_MAX_GAP]
        runner_up = matches[1].score if len(matches) > 1 else 0.0
        clear = top >= RESOLVE_MIN_SCORE and top - runner_up >= RESOLVE_MIN_LEAD
        return WardResolution(matches[0].ward if clear else None, candidates)


def _read_ward(entry: Entry) -> Ward:
    """Build a Ward from one [[ward]] table, validating its fields."""
    entry.check_keys(_FIELDS)
    code = entry.require_str("code")
    if not _CODE.match(code):
        raise entry.error(f"code '{code}' must be 5 digits, as a string (\"00004\")")
    name = entry.require_str("name")
    if not name.startswith(CURRENT_PREFIXES) or not _strip_name_prefix(name):
        raise entry.error(f"name '{name}' must start with Phường, Xã or Đặc khu")
    codename = entry.require_str("codename")
    if not _CODENAME.match(codename):
        raise entry.error(f"codename '{codename}' must be lowercase ASCII words joined by _")
    return Ward(
        code=code,
        name=name,
        province=entry.require_str("province"),
        codename=codename,
        legacy_names=entry.optional_str_list("legacy_names"),
    )


def _strip_name_prefix(name: str) -> str:
    """Remove a leading unit word such as "Phường " from a display name."""
    for prefix in NAME_PREFIXES:
        if name.startswith(prefix):
            return name.removeprefix(prefix).strip()
    return name


def _strip_prefix(words: list[str]) -> list[str]:
    """Remove one leading unit prefix from normalised words."""
    for prefix in _FOLDED_PREFIXES:
        if tuple(words[: len(prefix)]) == prefix:
            return words[len(prefix) :]
    return words


def _query_forms(words: list[str], key: str) -> list[str]:
    """Return the query without its unit prefix, and as typed if key starts with it."""
    stripped = _strip_prefix(words)
    forms = [" ".join(stripped)]
    # "Phương" is also a name syllable: "phuong liet" may be Phường Phương Liệt.
    if len(stripped) < len(words) and key.split()[:1] == words[:1]:
        forms.append(" ".join(words))
    return forms


def _keys_for(wards: Iterable[Ward]) -> Iterable[_Key]:
    """Yield the prefix-free normalised names of each ward, current then legacy."""
    for ward in wards:
        yield _Key(ward, " ".join(_strip_prefix(normalize(ward.name).split())), None)
        for legacy in ward.legacy_names:
            text = " ".join(_strip_prefix(normalize(legacy).split()))
            if text:
                yield _Key(ward, text, legacy)


def _query_words(text: str) -> list[str]:
    """Return the normalised words of a query, or none if it is too short to name a ward."""
    if len("".join(tokens(text))) < 2:
        return []
    words = normalize(text).split()
    # A bare unit word ("phuong", "p") names no ward in particular.
    return words if _strip_prefix(words) else []


def _score(query: str, key: str) -> float:
    """Score how well query names key: whole, or as a run of words inside a longer query."""
    best = fuzz.ratio(query, key)
    words = query.split()
    size = len(key.split())
    # Windows one word shorter or longer absorb merged or split words ("badinh").
    for width in (size - 1, size, size + 1):
        if not 0 < width < len(words):
            continue
        for start in range(len(words) - width + 1):
            window = " ".join(words[start : start + width])
            best = max(best, fuzz.ratio(window, key) - EXTRA_WORDS_PENALTY)
    return max(best, 0.0)
