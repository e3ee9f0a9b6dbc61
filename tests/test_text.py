"""Tests for bot.text: folding, tokens, Telex/VNI leftovers and chat abbreviations."""

from __future__ import annotations

import unicodedata

import pytest

from bot.text import expand_abbreviations, fold, is_syllable, normalize, strip_telex, tokens


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Phường Đức Xuân", "phuong duc xuan"),
        ("hoà", "hoa"),
        ("hòa", "hoa"),
        ("thuỷ thủy", "thuy thuy"),
        ("ĐĂNG KÝ THƯỜNG TRÚ", "dang ky thuong tru"),
        ("Ðà Nẵng", "da nang"),  # U+00D0, the lookalike of Đ
        ("  Hộ \t khẩu\n ", "ho khau"),
        ("", ""),
    ],
)
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_fold_gives_the_same_for_nfc_and_nfd() -> None:
    text = "Đăng ký tạm trú ở phường Hoàn Kiếm"
    nfd = unicodedata.normalize("NFD", text)
    assert nfd != text
    assert fold(nfd) == fold(text) == "dang ky tam tru o phuong hoan kiem"


def test_tokens_split_on_punctuation() -> None:
    assert tokens("P.Ba Đình, Hà Nội!! cccd/cmnd (số 12)") == [
        "p",
        "ba",
        "dinh",
        "ha",
        "noi",
        "cccd",
        "cmnd",
        "so",
        "12",
    ]


def test_tokens_of_nfd_text_stay_whole() -> None:
    # rapidfuzz's default processor breaks NFD text apart; ours must not.
    assert tokens(unicodedata.normalize("NFD", "đăng ký thường trú")) == [
        "dang",
        "ky",
        "thuong",
        "tru",
    ]


def test_expand_abbreviations() -> None:
    words = ["ko", "dc", "j", "ntn", "bn", "p", "x", "tt", "q", "ubnd", "cccd", "nha"]
    expected = (
        "khong duoc gi nhu the nao bao nhieu phuong xa thi tran quan "
        "uy ban nhan dan can cuoc cong dan nha"
    )
    assert " ".join(expand_abbreviations(words)) == expected


def test_ambiguous_abbreviations_are_left_alone() -> None:
    # "hong" may be không or hồng (sổ hồng); "a" may be anh or the particle ạ.
    assert expand_abbreviations(["so", "hong", "a"]) == ["so", "hong", "a"]


@pytest.mark.parametrize(
    ("token", "stripped"),
    [
        ("ddawng", "dang"),  # Telex đăng
        ("kys", "ky"),  # Telex ký
        ("d9a8ng", "dang"),  # VNI đăng
        ("ky1", "ky"),  # VNI ký
        ("caaps", "cap"),  # cấp
        ("nguwowif", "nguoi"),  # người
        ("dduowcj", "duoc"),  # được
        ("khoong", "khong"),  # không
        ("hoaf", "hoa"),  # hoà
        ("ta5m", "tam"),  # VNI tạm
    ],
)
def test_strip_telex_leftovers(token: str, stripped: str) -> None:
    assert strip_telex(token) == stripped


@pytest.mark.parametrize(
    "token",
    [
        "dang",  # already clean
        "xoong",  # a real word with "oo"
        "bus",  # loanword
        "q1",  # quận 1
        "p12",  # phường 12
        "a4",  # paper size
        "2026",
        "covid19",
        "sms",
        "thanks",
        "google",
        "ios",
        "yes",
        "x",  # abbreviation for xã
        "vs",
        "tw",  # no Telex pair to undo
    ],
)
def test_strip_telex_leaves_other_tokens_alone(token: str) -> None:
    assert strip_telex(token) == token


@pytest.mark.parametrize("syllable", ["a", "nguyen", "khuya", "quyet", "nghieng", "xoong", "oai"])
def test_syllables(syllable: str) -> None:
    assert is_syllable(syllable)


@pytest.mark.parametrize("word", ["", "tie", "ye", "thank", "gp", "io", "golf", "fa", "dd"])
def test_not_syllables(word: str) -> None:
    assert not is_syllable(word)


def test_normalize_a_telex_message() -> None:
    assert normalize("ddawng kys thuowngf tru ntn vay ad, o p Ba Đình") == (
        "dang ky thuong tru nhu the nao vay admin o phuong ba dinh"
    )


def test_normalize_a_vni_message_and_abbreviations() -> None:
    assert normalize("d9a8ng ky1 ta5m tru1 ko dc a?") == "dang ky tam tru khong duoc a"


def test_normalize_agrees_across_spellings() -> None:
    spellings = [
        "Làm CCCD ở UBND phường được không?",
        "lam cccd o ubnd p dc ko",
        unicodedata.normalize("NFD", "làm căn cước công dân ở ủy ban nhân dân phường được không"),
    ]
    expected = "lam can cuoc cong dan o uy ban nhan dan phuong duoc khong"
    assert {normalize(s) for s in spellings} == {expected}
