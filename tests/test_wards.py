"""Tests for bot.wards on the real content/wards.toml."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from bot.content import ContentError
from bot.wards import Ward, WardDirectory

WARDS_FILE = Path(__file__).resolve().parent.parent / "content" / "wards.toml"


@pytest.fixture(scope="module")
def wards() -> WardDirectory:
    return WardDirectory.from_file(WARDS_FILE)


def resolved(wards: WardDirectory, text: str) -> str | None:
    ward = wards.resolve(text).ward
    return None if ward is None else ward.name


def test_file_order_and_count(wards: WardDirectory) -> None:
    names = [ward.short_name for ward in wards.all()]
    assert names == [
        "Ba Đình",
        "Hoàn Kiếm",
        "Cửa Nam",
        "Ngọc Hà",
        "Giảng Võ",
        "Hai Bà Trưng",
        "Đống Đa",
        "Tây Hồ",
        "Cầu Giấy",
        "Yên Hòa",
        "Bát Tràng",
        "Sóc Sơn",
    ]
    assert {ward.province for ward in wards.all()} == {"Thành phố Hà Nội"}


def test_get_by_code(wards: WardDirectory) -> None:
    ba_dinh = wards.get("00004")
    assert ba_dinh == Ward(
        code="00004",
        name="Phường Ba Đình",
        province="Thành phố Hà Nội",
        codename="phuong_ba_dinh",
        legacy_names=ba_dinh.legacy_names if ba_dinh else (),
    )
    assert ba_dinh is not None and "Phường Trúc Bạch" in ba_dinh.legacy_names
    cua_nam = wards.get("00073")  # 00082 in vietnam-provinces 2026.x
    assert cua_nam is not None and cua_nam.codename == "phuong_cua_nam"
    assert wards.get("00082") is None
    assert wards.get("4") is None


def test_short_name_of_a_commune(wards: WardDirectory) -> None:
    soc_son = wards.get("00376")
    assert soc_son is not None
    assert (soc_son.name, soc_son.short_name) == ("Xã Sóc Sơn", "Sóc Sơn")
    assert "Thị trấn Sóc Sơn" in soc_son.legacy_names


def test_stored_names_are_nfc(wards: WardDirectory) -> None:
    for ward in wards.all():
        for name in (ward.name, *ward.legacy_names):
            assert unicodedata.is_normalized("NFC", name)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Ba Đình", "Phường Ba Đình"),
        ("P. Ba Đình", "Phường Ba Đình"),
        ("p ba dinh", "Phường Ba Đình"),
        ("phuong ba dinh", "Phường Ba Đình"),
        (unicodedata.normalize("NFD", "Phường Ba Đình"), "Phường Ba Đình"),
        ("ba dimh", "Phường Ba Đình"),  # typo
        ("badinh", "Phường Ba Đình"),
        ("phường ba đình, hà nội", "Phường Ba Đình"),
        ("hoam kiem", "Phường Hoàn Kiếm"),
        ("HOÀN KIẾM", "Phường Hoàn Kiếm"),
        ("x. bát tràng", "Xã Bát Tràng"),
        ("xa bat trang", "Xã Bát Tràng"),
        ("tt soc son", "Xã Sóc Sơn"),
        ("ddoongs ddaf", "Phường Đống Đa"),  # Telex leftovers
        ("yen hoa", "Phường Yên Hòa"),
        ("Yên Hoà", "Phường Yên Hòa"),  # old tone placement
        ("2 ba trung", None),  # too far from "Hai Bà Trưng" to be sure
    ],
)
def test_resolve_current_names(wards: WardDirectory, text: str, name: str | None) -> None:
    assert resolved(wards, text) == name


@pytest.mark.parametrize(
    ("text", "name", "legacy"),
    [
        ("Trúc Bạch", "Phường Ba Đình", "Phường Trúc Bạch"),
        ("phuong hang bai", "Phường Cửa Nam", "Phường Hàng Bài"),
        ("Trâu Quỳ", "Xã Bát Tràng", "Thị trấn Trâu Quỳ"),
        ("dich vong hau", "Phường Cầu Giấy", "Phường Dịch Vọng Hậu"),
    ],
)
def test_resolve_old_names(wards: WardDirectory, text: str, name: str, legacy: str) -> None:
    resolution = wards.resolve(text)
    assert resolution.ward is not None and resolution.ward.name == name
    best = resolution.candidates[0]
    assert (best.via, best.legacy_name, best.score) == ("legacy", legacy, 90.0)


def test_current_name_beats_the_old_ward_of_the_same_name(wards: WardDirectory) -> None:
    # The old Phường Cửa Nam was split between Ba Đình, Hoàn Kiếm and the new Cửa Nam.
    resolution = wards.resolve("cua nam")
    assert resolution.ward is not None and resolution.ward.name == "Phường Cửa Nam"
    assert [(m.ward.short_name, m.via, m.score) for m in resolution.candidates] == [
        ("Cửa Nam", "name", 100.0),
        ("Ba Đình", "legacy", 90.0),
        ("Hoàn Kiếm", "legacy", 90.0),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Điện Biên", ["Ba Đình", "Hoàn Kiếm"]),  # old ward split in two
        ("kim ma", ["Ba Đình", "Ngọc Hà", "Giảng Võ"]),
        ("hang trong", ["Hoàn Kiếm", "Cửa Nam"]),
        ("hoan kiem ba dinh", ["Ba Đình", "Hoàn Kiếm"]),  # two names in one message
    ],
)
def test_ambiguous_names_offer_candidates(
    wards: WardDirectory, text: str, expected: list[str]
) -> None:
    resolution = wards.resolve(text)
    assert resolution.ward is None
    assert [m.ward.short_name for m in resolution.candidates] == expected


def test_a_near_miss_is_offered_not_chosen(wards: WardDirectory) -> None:
    resolution = wards.resolve("truc bac")
    assert resolution.ward is None
    assert [(m.ward.short_name, m.legacy_name) for m in resolution.candidates] == [
        ("Ba Đình", "Phường Trúc Bạch")
    ]


def test_candidates_far_behind_the_best_are_dropped(wards: WardDirectory) -> None:
    # "Xã Mai Đình" (now Sóc Sơn) shares a syllable with Ba Đình and scores 70.
    assert any(m.ward.short_name == "Sóc Sơn" for m in wards.search("ba dinh"))
    assert [m.ward.short_name for m in wards.resolve("ba dinh").candidates] == ["Ba Đình"]


@pytest.mark.parametrize("text", ["", " ", "b", "Đ", "?!", "phuong", "p.", "xã", "ba", "xyz"])
def test_no_match(wards: WardDirectory, text: str) -> None:
    assert wards.resolve(text).candidates == []
    assert wards.resolve(text).ward is None


def test_search_is_sorted_and_limited(wards: WardDirectory) -> None:
    matches = wards.search("dong", limit=3, min_score=0)
    assert len(matches) == 3
    assert [m.score for m in matches] == sorted((m.score for m in matches), reverse=True)
    assert len({m.ward.code for m in wards.search("dong", limit=20, min_score=0)}) == 12


def test_prefix_alone_does_not_match_every_ward(wards: WardDirectory) -> None:
    # Every name starts with "Phường"; typing it must not lift them all.
    scores = {m.ward.short_name: m.score for m in wards.search("phuong hoan kiem", min_score=0)}
    assert scores["Hoàn Kiếm"] == 100.0
    assert max(s for name, s in scores.items() if name != "Hoàn Kiếm") < 70


def test_phuong_as_a_name_syllable() -> None:
    directory = WardDirectory(
        [
            Ward("00352", "Phường Phương Liệt", "Thành phố Hà Nội", "phuong_phuong_liet"),
            Ward("00004", "Phường Ba Đình", "Thành phố Hà Nội", "phuong_ba_dinh"),
        ]
    )
    for text in ("phuong liet", "phường phương liệt", "p phuong liet"):
        assert resolved(directory, text) == "Phường Phương Liệt"


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "wards.toml"
    path.write_text(text, encoding="utf-8")
    return path


BA_DINH = """
[[ward]]
code = "00004"
name = "Phường Ba Đình"
codename = "phuong_ba_dinh"
province = "Thành phố Hà Nội"
"""


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", r"wards.toml: no \[\[ward\]\] entries"),
        (
            BA_DINH + BA_DINH,
            r"wards.toml:8: ward #2: duplicate code '00004' \(already used by ward #1\)",
        ),
        (BA_DINH.replace('code = "00004"\n', ""), "wards.toml:2: ward #1: missing field 'code'"),
        (BA_DINH.replace('"00004"', "4"), "field 'code' must be a string, not an integer"),
        (BA_DINH.replace('"00004"', '"4"'), "code '4' must be 5 digits"),
        (
            BA_DINH.replace("Phường Ba", "Ba"),
            "name 'Ba Đình' must start with Phường, Xã or Đặc khu",
        ),
        (BA_DINH.replace("phuong_ba_dinh", "Phuong Ba Dinh"), "codename 'Phuong Ba Dinh' must"),
        (BA_DINH + 'legacy_names = "Phường Trúc Bạch"\n', "'legacy_names' must be a list"),
        (BA_DINH + "population = 1\n", "unknown field 'population'"),
        (BA_DINH.replace("province", "provinc"), "unknown field 'provinc'"),
    ],
)
def test_malformed_files(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(ContentError, match=message):
        WardDirectory.from_file(write(tmp_path, text))


def test_duplicate_name(tmp_path: Path) -> None:
    text = BA_DINH + BA_DINH.replace("00004", "00005")
    with pytest.raises(ContentError, match="ward #2: duplicate name 'Phường Ba Đình'"):
        WardDirectory.from_file(write(tmp_path, text))


def test_a_codename_may_repeat_within_a_province(tmp_path: Path) -> None:
    # Thái Nguyên has both Xã Văn Lang and Xã Văn Lăng: one codename, two wards.
    text = "".join(
        f'[[ward]]\ncode = "{code}"\nname = "{name}"\ncodename = "xa_van_lang"\n'
        f'province = "Thái Nguyên"\n'
        for code, name in (("02143", "Xã Văn Lang"), ("05665", "Xã Văn Lăng"))
    )
    wards = WardDirectory.from_file(write(tmp_path, text))
    assert [w.name for w in wards.all()] == ["Xã Văn Lang", "Xã Văn Lăng"]


@pytest.mark.parametrize(
    ("old", "new", "found"),
    [
        ('"00004"', '"00008"', "Phường Ngọc Hà, Thành phố Hà Nội"),
        ('"00004"', '"99999"', "no ward"),
        ("Thành phố Hà Nội", "Huế", "Phường Ba Đình, Thành phố Hà Nội"),
    ],
)
def test_a_ward_must_match_the_national_directory(
    tmp_path: Path, old: str, new: str, found: str
) -> None:
    with pytest.raises(ContentError, match=f"does not match code .* \\({found}\\)"):
        WardDirectory.from_file(write(tmp_path, BA_DINH.replace(old, new)))
