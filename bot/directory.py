"""The national directory: 34 provinces, 3,321 wards, and the pre-2025 units each replaced."""

from __future__ import annotations

import functools
import importlib.util
import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from bot.text import fold

LEGACY_FILE = Path(__file__).resolve().parent / "data" / "legacy_wards.tsv"


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
        return strip_name_prefix(self.name)


@dataclass(frozen=True, slots=True)
class Province:
    """A province or centrally governed city after the 2025 reform."""

    code: str
    name: str
    codename: str


@dataclass(frozen=True, slots=True)
class LegacyUnit:
    """A pre-2025 commune, ward or town, and the current ward(s) it went to."""

    name: str
    district: str
    province: str
    wards: tuple[str, ...]


# The kind of unit leads every official name; "Thị trấn" only survives in legacy names.
CURRENT_PREFIXES = ("Phường ", "Xã ", "Đặc khu ")
NAME_PREFIXES = (*CURRENT_PREFIXES, "Thị trấn ")


def strip_name_prefix(name: str) -> str:
    """Remove a leading unit word such as "Phường " from a display name."""
    for prefix in NAME_PREFIXES:
        if name.startswith(prefix):
            return name.removeprefix(prefix).strip()
    return name


@dataclass(frozen=True)
class NationalDirectory:
    """Every current ward by code, every province, and every pre-2025 unit."""

    provinces: tuple[Province, ...]
    wards: tuple[Ward, ...]
    legacy: tuple[LegacyUnit, ...]
    _by_code: dict[str, Ward] = field(init=False, repr=False, compare=False)
    _legacy_of: dict[str, list[int]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        legacy_of: dict[str, list[int]] = defaultdict(list)
        for position, unit in enumerate(self.legacy):
            for code in unit.wards:
                legacy_of[code].append(position)
        object.__setattr__(self, "_by_code", {ward.code: ward for ward in self.wards})
        object.__setattr__(self, "_legacy_of", legacy_of)

    def ward(self, code: str) -> Ward | None:
        """Return the current ward with this code."""
        return self._by_code.get(code)

    def legacy_of(self, code: str) -> list[int]:
        """Return the positions in `legacy` of the old units that went (partly) to a ward."""
        return self._legacy_of.get(code, [])

    def province(self, text: str) -> Province | None:
        """Return the province named or numbered by text ("Hà Nội", "ha noi", "01", "1")."""
        wanted = text.strip()
        if wanted.isdigit():
            return next((p for p in self.provinces if int(p.code) == int(wanted)), None)
        folded = _province_key(wanted)
        for province in self.provinces:
            if folded in (_province_key(province.name), province.codename.replace("_", " ")):
                return province
        return None

    def in_province(self, province: Province) -> tuple[Ward, ...]:
        """Return the wards of one province, in the package's order."""
        return tuple(ward for ward in self.wards if ward.province == province.name)


def _province_key(name: str) -> str:
    """Fold a province name and drop "Tỉnh"/"Thành phố", so "TP. Hà Nội" is "ha noi"."""
    words = fold(name.replace(".", " ")).split()
    for prefix in (["thanh", "pho"], ["tinh"], ["tp"]):
        if words[: len(prefix)] == prefix and len(words) > len(prefix):
            return " ".join(words[len(prefix) :])
    return " ".join(words)


@functools.cache
def national_directory() -> NationalDirectory:
    """Load the directory once, on first use (about 50 ms)."""
    provinces, wards = _current_wards()
    legacy = _legacy_units()
    names: dict[str, list[str]] = defaultdict(list)
    for unit in legacy:
        for code in unit.wards:
            names[code].append(unit.name)
    # An old unit of the same name as its successor is not worth listing as a former name.
    with_legacy = tuple(
        Ward(w.code, w.name, w.province, w.codename, _others(names[w.code], w.name)) for w in wards
    )
    return NationalDirectory(provinces, with_legacy, legacy)


def _others(names: list[str], own: str) -> tuple[str, ...]:
    """Return names without repeats and without own."""
    return tuple(name for name in dict.fromkeys(names) if name != own)


def _current_wards() -> tuple[tuple[Province, ...], list[Ward]]:
    """Read the package's JSON data file (its documented data form)."""
    # find_spec locates the package without importing it: its __init__ builds a 3,321-member
    # enum, which costs about 130 ms that the JSON file does not.
    spec = importlib.util.find_spec("vietnam_provinces")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the vietnam-provinces package is not installed")
    path = Path(spec.submodule_search_locations[0]) / "data" / "nested-divisions.json"
    provinces: list[Province] = []
    wards: list[Ward] = []
    for entry in json.loads(path.read_text(encoding="utf-8")):
        province = Province(f"{entry['code']:02d}", entry["name"], entry["codename"])
        provinces.append(province)
        for ward in entry["wards"]:
            # A few names carry a doubled space in this release ("Xã  Xuân Giang").
            name = " ".join(ward["name"].split())
            wards.append(Ward(f"{ward['code']:05d}", name, province.name, ward["codename"]))
    return tuple(provinces), wards


def _legacy_units() -> tuple[LegacyUnit, ...]:
    """Read bot/data/legacy_wards.tsv (see scripts/legacy_wards.py)."""
    units = []
    with LEGACY_FILE.open(encoding="utf-8") as lines:
        for line in lines:
            if line.startswith("#"):
                continue
            province, district, name, codes = line.rstrip("\n").split("\t")
            units.append(LegacyUnit(name, district, province, tuple(codes.split())))
    return tuple(units)
