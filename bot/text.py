"""Normalise Vietnamese text as citizens type it, for matching (wards now, FAQs later)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

# Đ/đ are letters of their own, not D plus a mark, so NFD leaves them alone; the
# Icelandic eth (Ð U+00D0, ð U+00F0) looks identical and turns up in pasted text.
# lower() maps Đ to đ and Ð to ð.
_D_LOWER = ("đ", "ð")
# Grave, acute, circumflex, tilde, breve, hook above, horn, dot below.
_VIETNAMESE_MARKS = ("\u0300", "\u0301", "\u0302", "\u0303", "\u0306", "\u0309", "\u031b", "\u0323")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")

_ALNUM_RUN = re.compile(r"[^\W_]+")
# ASCII bytes other than letters and digits become spaces; bytes >= 0x80 (parts of UTF-8
# sequences) stay.
_SEPARATORS = bytes(c if c > 127 or chr(c).isalnum() else 32 for c in range(256))

# Chat abbreviations, folded. Left out on purpose: ambiguous ones such as
# "a"/"e"/"c" (anh/em/chị, but "a" is also the particle "ạ"), "dt" (điện thoại or
# diện tích), "dk" (đăng ký or điều kiện), "mk" (mình or mật khẩu), "bh" (bảo hiểm,
# bảo hành or bao giờ) and "hong" (không or hồng, as in sổ hồng).
ABBREVIATIONS: dict[str, str] = {
    # không, được, gì, như thế nào, bao nhiêu ...
    "ko": "khong",
    "k": "khong",
    "kh": "khong",
    "kg": "khong",
    "khg": "khong",
    "hok": "khong",
    "dc": "duoc",
    "j": "gi",
    "ntn": "nhu the nao",
    "bn": "bao nhieu",
    "bnh": "bao nhieu",
    "bgio": "bao gio",
    "r": "roi",
    "vs": "voi",
    "trc": "truoc",
    "ng": "nguoi",
    "mik": "minh",
    "cx": "cung",
    "sdt": "so dien thoai",
    "dky": "dang ky",
    "kq": "ket qua",
    "cty": "cong ty",
    "ad": "admin",
    # administrative units
    "p": "phuong",
    "x": "xa",
    "tt": "thi tran",
    "q": "quan",
    "tp": "thanh pho",
    "ubnd": "uy ban nhan dan",
    "hdnd": "hoi dong nhan dan",
    "mttq": "mat tran to quoc",
    # papers and services
    "cccd": "can cuoc cong dan",
    "cmnd": "chung minh nhan dan",
    "hk": "ho khau",
    "bhxh": "bao hiem xa hoi",
    "bhyt": "bao hiem y te",
    "gpxd": "giay phep xay dung",
    "gcn": "giay chung nhan",
    "qsdd": "quyen su dung dat",
    "tthc": "thu tuc hanh chinh",
}

# Telex vowel keys (aa = â, aw = ă, ee = ê, oo = ô, ow = ơ, uw = ư) and tone keys.
_TELEX_PAIRS = (("aa", "a"), ("aw", "a"), ("ee", "e"), ("oo", "o"), ("ow", "o"), ("uw", "u"))
_TELEX_TONES = "sfrxj"

# Words that look like Telex leftovers but are real: Vietnamese words with "oo"
# (xoong = saucepan, boong = deck) and loanwords that would lose their last letter.
KNOWN_WORDS: frozenset[str] = frozenset(
    {"xoong", "boong", "soong", "goong", "bus", "box", "gas", "max", "tax", "sos", "bar", "car"}
)

# A folded Vietnamese syllable: onset, vowel cluster, final. Used to accept a
# stripped token only when the result could be Vietnamese.
_ONSET = r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?"
_NUCLEI_OPEN = (
    "a e i o u y ai ao au ay eo eu ia iu oa oe oi ua ue ui uu uy ya"
    " ieu yeu oai oay oeo uay uoi uou uya uyu"
)
# These only occur before a final consonant (tiên, yên, muốn, tuyết).
_NUCLEI_CLOSED = "ie ye uo uye oo"
_FINAL = r"(?:ch|ng|nh|[cmnpt])"
_SYLLABLE = re.compile(
    rf"^{_ONSET}(?:(?:{'|'.join(_NUCLEI_OPEN.split())}){_FINAL}?"
    rf"|(?:{'|'.join(_NUCLEI_CLOSED.split())}){_FINAL})$"
)


def fold(text: str) -> str:
    """Lowercase, drop diacritics, map đ to d and collapse whitespace."""
    return " ".join(_bare(text).split())


def tokens(text: str) -> list[str]:
    """Fold text and split it into alphanumeric tokens."""
    bare = _bare(text, compose=False)
    odd = () if bare.isascii() else set(_NON_ASCII.findall(bare))
    for c in odd:
        if not c.isalnum():  # dashes, quotes, ellipses
            bare = bare.replace(c, " ")
    # A byte table splits text ~4x faster than a regex (it matters when indexing answers);
    # UTF-8 encodes non-ASCII letters (other scripts, ² in m²) in bytes >= 0x80 only.
    joined = bare.encode().translate(_SEPARATORS).decode()
    return (unicodedata.normalize("NFC", joined) if odd else joined).split()


def _bare(text: str, *, compose: bool = True) -> str:
    """Lowercase, drop diacritics and map đ to d; leave whitespace as it is."""
    lowered = text.lower()
    for letter in _D_LOWER:
        lowered = lowered.replace(letter, "d")
    # NFD gives the same result for NFC and NFD input, so the keyboard's choice is moot.
    # Deleting the eight Vietnamese marks with str.replace is ~3x faster than a per-character
    # test (it matters when indexing thousands of FAQ answers); other marks are rare.
    decomposed = unicodedata.normalize("NFD", lowered)
    for mark in _VIETNAMESE_MARKS:
        decomposed = decomposed.replace(mark, "")
    if not decomposed.isascii():
        found = set(_NON_ASCII.findall(decomposed))
        others = {ord(c): None for c in found if unicodedata.combining(c)}
        decomposed = decomposed.translate(others) if others else decomposed
    return unicodedata.normalize("NFC", decomposed) if compose else decomposed


def expand_abbreviations(words: Iterable[str]) -> list[str]:
    """Replace chat abbreviations by the words they stand for."""
    expanded: list[str] = []
    for word in words:
        expanded.extend(ABBREVIATIONS.get(word, word).split())
    return expanded


def is_syllable(token: str) -> bool:
    """Tell whether a folded token is shaped like a Vietnamese syllable."""
    return _SYLLABLE.match(token) is not None


def strip_telex(token: str) -> str:
    """Remove Telex or VNI typing leftovers from a folded token when unambiguous."""
    if token in KNOWN_WORDS or not token.isascii() or not token.isalnum():
        return token
    if any(c.isdigit() for c in token):
        return _strip_vni(token)
    candidate = "d" + token[2:] if token.startswith("dd") else token
    for pair, vowel in _TELEX_PAIRS:
        candidate = candidate.replace(pair, vowel)
    # Telex accepts the horn/breve key after the whole vowel group, before the tone key
    # ("thoiwf" = thời); a bare trailing w is more often English (new, show).
    if len(candidate) > 3 and candidate[-2] == "w" and candidate[-1] in _TELEX_TONES:
        candidate = candidate[:-2] + candidate[-1]
    if candidate[-1] in _TELEX_TONES and is_syllable(candidate[:-1]):
        candidate = candidate[:-1]
    return candidate if candidate != token and is_syllable(candidate) else token


def _strip_vni(token: str) -> str:
    """Remove VNI mark digits (1-5 tones, 6-8 vowel marks, 9 for đ) from a token."""
    digits = [c for c in token if c.isdigit()]
    # A leading digit, 0, or a repeated mark is a number or a code (q1, p12, 2026), not VNI;
    # except 7 twice, the horn on both letters of ươ ("du7o71c" = được).
    repeated = len(digits) - len(set(digits)) - (digits.count("7") == 2)
    if token[0].isdigit() or "0" in digits or repeated:
        return token
    letters = "".join(c for c in token if not c.isdigit())
    # One letter and a digit is more likely a code (a4 paper, b2 licence) than a word.
    if len(letters) < 2 or ("9" in digits and not letters.startswith("d")):
        return token
    return letters if is_syllable(letters) else token


def normalize(text: str) -> str:
    """Fold, tokenise, undo Telex/VNI leftovers and expand abbreviations."""
    return " ".join(expand_abbreviations(strip_telex(t) for t in tokens(text)))
