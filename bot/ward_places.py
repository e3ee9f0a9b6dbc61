"""Places a citizen may name after a ward ("ba đình, hà nội", "phường 7 quận 3"), and the index."""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Iterable

from bot.directory import NationalDirectory, Ward, national_directory
from bot.ward_names import words_of
from bot.ward_search import Alias, Qualifier, WardIndex

# Words people use for the two largest cities besides their names.
_ALIASES = {
    "Thành phố Hồ Chí Minh": ("hcm", "tphcm", "thanh pho hcm", "sai gon", "sg"),
    "Thành phố Hà Nội": ("hn", "thanh pho hn"),
}
_PROVINCE_WORDS = (("thanh", "pho"), ("tinh",))
# Old districts count only with their unit word: "bắc quang" alone may be a ward's name.
_DISTRICT_SHORT = {("thi", "xa"): ("tx",)}  # "tp" and "q" already expand to their words

Places = dict[tuple[str, ...], Qualifier]


def place_qualifiers(directory: NationalDirectory) -> Places:
    """Map each way of writing a province, old province or old district to the wards in it."""
    places: Places = {}
    for province in directory.provinces:
        codes = frozenset(ward.code for ward in directory.in_province(province))
        phrases = [*_province_phrases(province.name), *_ALIASES.get(province.name, ())]
        _add(places, phrases, Qualifier(codes))
    old_provinces: dict[str, set[int]] = defaultdict(set)
    old_districts: dict[tuple[str, str], set[int]] = defaultdict(set)
    for position, unit in enumerate(directory.legacy):
        old_provinces[unit.province].add(position)
        old_districts[unit.province, unit.district].add(position)
    for name, ids in old_provinces.items():
        _add(places, _province_phrases(name), _legacy_place(directory, ids))
    for (_, district), ids in old_districts.items():
        _add(places, _district_phrases(district), _legacy_place(directory, ids))
    return places


def _legacy_place(directory: NationalDirectory, ids: set[int]) -> Qualifier:
    """Return the place made of these old units and the wards they went to."""
    codes = frozenset(code for i in ids for code in directory.legacy[i].wards)
    return Qualifier(codes, frozenset(ids))


def _add(places: Places, phrases: Iterable[str], place: Qualifier) -> None:
    """Record a place under each phrase; one phrase naming two places allows both."""
    for phrase in phrases:
        key = tuple(words_of(phrase))
        known = places.get(key)
        if known is None:
            places[key] = place
            continue
        ids = None
        if known.legacy_ids is not None and place.legacy_ids is not None:
            ids = known.legacy_ids | place.legacy_ids
        places[key] = Qualifier(known.codes | place.codes, ids)


def _province_phrases(name: str) -> list[str]:
    """Return a province's name with and without "Tỉnh"/"Thành phố"."""
    words = words_of(name)
    for prefix in _PROVINCE_WORDS:
        if tuple(words[: len(prefix)]) == prefix and len(words) > len(prefix):
            return [" ".join(words), " ".join(words[len(prefix) :])]
    # The current list writes provinces bare ("Tuyên Quang"); people add "tỉnh".
    return [" ".join(words), " ".join(["tinh", *words])]


def _district_phrases(name: str) -> list[str]:
    """Return an old district's name with its unit word, and with that word shortened."""
    words = words_of(name)
    phrases = [" ".join(words)]
    for prefix, short in _DISTRICT_SHORT.items():
        if tuple(words[: len(prefix)]) == prefix:
            phrases.append(" ".join([*short, *words[len(prefix) :]]))
    return phrases


def aliases_for(directory: NationalDirectory, wards: Iterable[Ward]) -> list[Alias]:
    """Return each ward's own name, then the old units that went to it, then other names."""
    aliases: list[Alias] = []
    for ward in wards:
        aliases.append(Alias(ward))
        known = set()
        for position in directory.legacy_of(ward.code):
            unit = directory.legacy[position]
            aliases.append(Alias(ward, unit.name, unit.district, position))
            known.add(unit.name)
        # Names a content file adds (local or older names) beyond the official table.
        aliases.extend(Alias(ward, name) for name in ward.legacy_names if name not in known)
    return aliases


def index_for(wards: Iterable[Ward]) -> WardIndex:
    """Build an index over some wards of the national directory, places understood."""
    directory = national_directory()
    return WardIndex(aliases_for(directory, wards), national_places())


@functools.cache
def national_places() -> Places:
    """Build the place table once, on first use."""
    return place_qualifiers(national_directory())


@functools.cache
def national_index() -> WardIndex:
    """Build the index over every current ward and old unit once, on first use."""
    return index_for(national_directory().wards)
