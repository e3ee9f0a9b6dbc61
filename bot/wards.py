"""The wards this deployment serves, and what citizens mean when they name one."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from bot.content import Entry, array_entries, load_toml
from bot.directory import (
    CURRENT_PREFIXES,
    NationalDirectory,
    Ward,
    national_directory,
    strip_name_prefix,
)
from bot.ward_places import aliases_for, national_index, national_places
from bot.ward_search import Alias, WardIndex, WardMatch

__all__ = ["Ward", "WardDirectory", "WardMatch", "WardResolution"]

# Exact or one-typo names score >= 85; a current name leads an old name it shares (the new
# Cửa Nam vs the old ward of that name, split between several new wards) by 10 >= 8.
RESOLVE_MIN_SCORE = 85.0
RESOLVE_MIN_LEAD = 8.0
CANDIDATE_MIN_SCORE = 60.0
CANDIDATE_MAX_GAP = 20.0
MAX_CANDIDATES = 5

_CODE = re.compile(r"^\d{5}$")
_CODENAME = re.compile(r"^[a-z0-9]+(?:_[a-z0-9]+)*$")
_FIELDS = ("code", "name", "codename", "province", "legacy_names")


@dataclass(frozen=True, slots=True)
class WardResolution:
    """The ward a text clearly names, the plausible ones to offer, and unserved ones it names."""

    ward: Ward | None
    candidates: list[WardMatch]
    elsewhere: tuple[WardMatch, ...] = ()

    @property
    def match(self) -> WardMatch | None:
        """Return how the chosen ward was found (by its name or an old one), if one was."""
        if self.ward is None:
            return None
        return next((m for m in self.candidates if m.ward == self.ward), None)


class WardDirectory:
    """The wards served, looked up by code or by what people call them, old names included."""

    def __init__(self, wards: Iterable[Ward], national: NationalDirectory | None = None) -> None:
        self._wards = tuple(wards)
        self._by_code = {ward.code: ward for ward in self._wards}
        if len(self._by_code) != len(self._wards):
            raise ValueError("duplicate ward codes")
        # Without the national directory only the wards' own and listed names are known.
        self._national = national

    @classmethod
    def from_file(cls, path: Path) -> WardDirectory:
        """Load the served wards from a TOML file of [[ward]] tables, checked against the nation."""
        path = Path(path)
        national = national_directory()
        wards: list[Ward] = []
        first_seen: dict[object, str] = {}
        for entry in array_entries(path, load_toml(path), "ward"):
            ward = _read_ward(entry)
            for field, key in (("code", ward.code), ("name", (ward.province, ward.name))):
                if key in first_seen:
                    shown = ward.code if field == "code" else ward.name
                    raise entry.error(
                        f"duplicate {field} '{shown}' (already used by {first_seen[key]})"
                    )
                first_seen[key] = entry.label
            wards.append(_with_national_names(entry, ward, national))
        return cls(wards, national)

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
        """Return the served wards text may name, best first, one match per ward."""
        return self._index.search(text, limit, min_score)

    def resolve(self, text: str) -> WardResolution:
        """Pick the ward text names when one is clearly best; else offer candidates."""
        matches = self.search(text, limit=MAX_CANDIDATES, min_score=CANDIDATE_MIN_SCORE)
        resolution = decide(matches)
        if resolution.ward is not None or self._national is None:
            return resolution
        best = matches[0].score if matches else 0.0
        # A ward the deployment does not serve is worth mentioning only if it fits clearly better.
        elsewhere = tuple(
            match
            for match in national_index().search(text, MAX_CANDIDATES, RESOLVE_MIN_SCORE)
            if match.ward.code not in self._by_code and match.score >= best + RESOLVE_MIN_LEAD
        )
        return WardResolution(None, resolution.candidates, elsewhere)

    def warm(self) -> None:
        """Index the names now, not when the first citizen types one (about 0.3 s)."""
        _ = self._index
        if self._national is not None:
            national_index()

    @cached_property
    def _index(self) -> WardIndex:
        """Index the served wards' names on first use."""
        if self._national is None:
            aliases = [Alias(w) for w in self._wards]
            aliases += [Alias(w, name) for w in self._wards for name in w.legacy_names]
            return WardIndex(aliases)
        return WardIndex(aliases_for(self._national, self._wards), national_places())


def decide(matches: list[WardMatch]) -> WardResolution:
    """Choose the best match if it is sure and clearly ahead; keep the close ones to offer."""
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
    if not name.startswith(CURRENT_PREFIXES) or not strip_name_prefix(name):
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


def _with_national_names(entry: Entry, ward: Ward, national: NationalDirectory) -> Ward:
    """Check a listed ward against the national directory; add its official old names."""
    official = national.ward(ward.code)
    if official is None or (official.name, official.province) != (ward.name, ward.province):
        found = f"{official.name}, {official.province}" if official else "no ward"
        raise entry.error(
            f"'{ward.name}, {ward.province}' does not match code {ward.code} in the national "
            f"directory ({found}); regenerate the file with `danvan wards import`"
        )
    extra = tuple(name for name in ward.legacy_names if name not in official.legacy_names)
    return Ward(ward.code, ward.name, ward.province, ward.codename, official.legacy_names + extra)
