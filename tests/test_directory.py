"""The national directory from vietnam-provinces and the resolver over it, on the real data."""

from __future__ import annotations

import unicodedata
from collections import Counter

import pytest

from bot.directory import national_directory
from bot.ward_places import index_for, national_index
from bot.wards import CANDIDATE_MIN_SCORE, MAX_CANDIDATES, WardResolution, decide


def resolve(text: str) -> WardResolution:
    return decide(national_index().search(text, MAX_CANDIDATES, CANDIDATE_MIN_SCORE))


def named(text: str) -> tuple[str, str] | None:
    ward = resolve(text).ward
    return None if ward is None else (ward.name, ward.province)


def test_whole_directory_is_loaded() -> None:
    directory = national_directory()
    assert len(directory.provinces) == 34
    assert len(directory.wards) == 3321
    # NQ 202/2025/QH15: 2,621 xã, 687 phường and 13 đặc khu.
    kinds = Counter(ward.name.split()[0] for ward in directory.wards)
    assert kinds == {"Xã": 2621, "Phường": 687, "Đặc": 13}
    assert {ward.province for ward in directory.wards} == {p.name for p in directory.provinces}
    assert len({ward.code for ward in directory.wards}) == 3321
    assert national_directory() is directory  # loaded once


def test_every_old_unit_leads_to_current_wards() -> None:
    directory = national_directory()
    assert len(directory.legacy) == 10023
    for unit in directory.legacy:
        assert unit.wards and all(directory.ward(code) is not None for code in unit.wards)
        assert unicodedata.is_normalized("NFC", unit.name)
    split = [unit for unit in directory.legacy if len(unit.wards) > 1]
    assert 400 < len(split) < 500  # an old unit split between two to five new wards


def test_old_to_new_examples() -> None:
    directory = national_directory()

    def successors(name: str, district: str) -> list[str]:
        unit = next(u for u in directory.legacy if (u.name, u.district) == (name, district))
        return [directory.ward(code).name for code in unit.wards]  # type: ignore[union-attr]

    assert successors("Phường Trúc Bạch", "Quận Ba Đình") == ["Phường Ba Đình"]
    assert successors("Phường Sông Cầu", "Thành Phố Bắc Kạn") == ["Phường Bắc Kạn"]
    assert successors("Phường Cửa Nam", "Quận Hoàn Kiếm") == [
        "Phường Ba Đình",
        "Phường Hoàn Kiếm",
        "Phường Cửa Nam",
        "Phường Văn Miếu - Quốc Tử Giám",
    ]
    ba_dinh = directory.ward("00004")
    assert ba_dinh is not None and "Phường Kim Mã" in ba_dinh.legacy_names


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Hà Nội", "01"),
        ("ha noi", "01"),
        ("TP. Hà Nội", "01"),
        ("1", "01"),
        ("01", "01"),
        ("Thành phố Hồ Chí Minh", "79"),
        ("ho chi minh", "79"),
        ("tỉnh Đắk Lắk", "66"),
    ],
)
def test_province_by_name_or_code(text: str, code: str) -> None:
    province = national_directory().province(text)
    assert province is not None and province.code == code


def test_unknown_province() -> None:
    assert national_directory().province("Hà Tây") is None
    assert national_directory().province("99") is None


@pytest.mark.parametrize(
    ("text", "name", "province"),
    [
        ("P. Đức Xuân", "Phường Đức Xuân", "Thái Nguyên"),
        ("phuong duc xuan", "Phường Đức Xuân", "Thái Nguyên"),
        ("ba dimh ha noi", "Phường Ba Đình", "Thành phố Hà Nội"),  # typo and province
        ("ba đình, tp hà nội", "Phường Ba Đình", "Thành phố Hà Nội"),
        ("hoankiem", "Phường Hoàn Kiếm", "Thành phố Hà Nội"),
        ("phuong 2 bao loc", "Phường 2 Bảo Lộc", "Lâm Đồng"),  # numbered current ward
        ("tan thanh, lang son", "Xã Tân Thành", "Lạng Sơn"),
        ("xã tân tiến, tỉnh tuyên quang", "Xã Tân Tiến", "Tuyên Quang"),
        ("đặc khu phú quốc", "Đặc khu Phú Quốc", "An Giang"),
    ],
)
def test_current_names(text: str, name: str, province: str) -> None:
    assert named(text) == (name, province)


@pytest.mark.parametrize(
    ("text", "name", "legacy"),
    [
        ("phuong 7 quan 5", "Phường An Đông", "Phường 7"),
        ("f7 q5", "Phường An Đông", "Phường 7"),
        ("p.7, q. Phú Nhuận", "Phường Cầu Kiệu", "Phường 7"),
        ("ben nghe", "Phường Sài Gòn", "Phường Bến Nghé"),
        ("quận 1, bến nghé", "Phường Sài Gòn", "Phường Bến Nghé"),
        ("trúc bạch", "Phường Ba Đình", "Phường Trúc Bạch"),
        ("toi o phuong hang bai quan hoan kiem", "Phường Cửa Nam", "Phường Hàng Bài"),
        ("duc xuan bac kan", "Phường Đức Xuân", None),  # the old province names the place
    ],
)
def test_old_names_resolve_to_the_current_ward(text: str, name: str, legacy: str | None) -> None:
    resolution = resolve(text)
    match = resolution.match
    assert resolution.ward is not None and resolution.ward.name == name
    assert match is not None and match.legacy_name == legacy
    assert match.via == ("name" if legacy is None else "legacy")


def test_the_unit_typed_picks_between_old_units_of_one_name() -> None:
    thai_nguyen = national_directory().province("Thái Nguyên")
    assert thai_nguyen is not None
    index = index_for(national_directory().in_province(thai_nguyen))
    by_unit = {}
    for text in ("phường sông cầu", "thị trấn sông cầu", "sông cầu"):
        by_unit[text] = decide(index.search(text, MAX_CANDIDATES, CANDIDATE_MIN_SCORE))
    assert by_unit["phường sông cầu"].ward is not None
    assert by_unit["phường sông cầu"].ward.name == "Phường Bắc Kạn"
    assert by_unit["thị trấn sông cầu"].ward is not None
    assert by_unit["thị trấn sông cầu"].ward.name == "Xã Đồng Hỷ"
    assert by_unit["sông cầu"].ward is None  # both old units fit as well
    assert {m.ward.name for m in by_unit["sông cầu"].candidates[:2]} == {
        "Phường Bắc Kạn",
        "Xã Đồng Hỷ",
    }


@pytest.mark.parametrize(
    ("province", "typed", "name", "other", "bare"),
    [
        ("Quảng Ngãi", "Xã Ba Tơ", "Xã Ba Tơ", "Xã Ba Tô", "xa ba to"),
        ("Quảng Ngãi", "xã ba tô", "Xã Ba Tô", "Xã Ba Tơ", "xa ba to"),
        ("Tây Ninh", "Tân Thạnh", "Xã Tân Thạnh", "Xã Tân Thành", "tan thanh"),
        ("Thái Nguyên", "Văn Lăng", "Xã Văn Lăng", "Xã Văn Lang", "van lang"),
    ],
)
def test_diacritics_pick_between_names_that_fold_alike(
    province: str, typed: str, name: str, other: str, bare: str
) -> None:
    place = national_directory().province(province)
    assert place is not None
    index = index_for(national_directory().in_province(place))
    chosen = decide(index.search(typed, MAX_CANDIDATES, CANDIDATE_MIN_SCORE))
    assert chosen.ward is not None and chosen.ward.name == name
    assert other in [m.ward.name for m in chosen.candidates]  # still offered
    # Without diacritics both fit equally, so the citizen is asked.
    unsure = decide(index.search(bare, MAX_CANDIDATES, CANDIDATE_MIN_SCORE))
    assert unsure.ward is None
    assert {name, other} <= {m.ward.name for m in unsure.candidates}


def test_tone_placement_does_not_count_as_a_difference() -> None:
    assert named("Phường Thủy Nguyên") == named("Phường Thuỷ Nguyên") is not None


@pytest.mark.parametrize(
    ("text", "least"),
    [
        ("tan thanh", 5),  # a current name in seven provinces
        ("phuong 7", 5),  # an old name in many old districts
        ("cua nam", 4),  # the new Cửa Nam, and the old one split between four wards
        ("nguyen du ha noi", 3),  # an old ward split between three
    ],
)
def test_ambiguous_names_offer_candidates(text: str, least: int) -> None:
    resolution = resolve(text)
    names = {m.ward.code for m in resolution.candidates}
    assert len(names) >= least
    if text != "cua nam":
        assert resolution.ward is None


def test_a_current_name_beats_old_units_of_that_name() -> None:
    resolution = resolve("cua nam")
    assert resolution.ward is not None and resolution.ward.code == "00073"
    old = [m for m in resolution.candidates if m.via == "legacy"]
    assert {m.legacy_name for m in old} == {"Phường Cửa Nam"}
    assert all(m.score == resolution.candidates[0].score - 10 for m in old)


@pytest.mark.parametrize("text", ["xyz", "phường", "p.", "quận 3", "zzzz qqqq", "17"])
def test_nothing_certain(text: str) -> None:
    assert resolve(text).ward is None


def test_a_number_matches_only_itself() -> None:
    matches = national_index().search("p17 quận gò vấp", MAX_CANDIDATES, CANDIDATE_MIN_SCORE)
    assert (matches[0].legacy_name, matches[0].legacy_district) == ("Phường 17", "Quận Gò Vấp")
    assert all(m.legacy_name in (None, "Phường 17") for m in matches)


def test_a_place_that_fits_nothing_is_ignored() -> None:
    # Quận 3's Phường 7 was merged in 2020, before the table: the district cannot narrow.
    resolution = resolve("phuong 7 quan 3")
    assert resolution.ward is None
    assert {m.legacy_name for m in resolution.candidates} >= {"Phường 7"}
