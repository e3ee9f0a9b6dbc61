"""What a citizen's message means for the FAQ: matching words, and whether it is a report."""

from __future__ import annotations

import re

from bot.text import normalize

# Chat shorthand that is unambiguous in questions to a ward (bot.text keeps the general list).
SHORTHAND: dict[str, str] = {
    "dky": "dang ky",
    "ks": "khai sinh",
    "gd": "gia dinh",
    "kq": "ket qua",
    "lm": "lam",
    "gt": "giao thong",
    "dvc": "dich vu cong",
    "ct": "chu tich",
    "nc": "nuoc",
    "qc": "quang cao",
    "mun": "muon",
    "cs": "canh sat",
    "bh": "bao hiem",
    "gplx": "bang lai",
    "v": "vay",
}

# Folk and formal names of the same thing, rewritten to one form on both sides so that a
# question in either wording meets an entry in the other. Longest phrase wins.
SYNONYMS: dict[str, str] = {
    "so hong": "so do",
    "giay chung nhan quyen su dung dat": "so do",
    "nhap khau": "dang ky thuong tru",
    "nhap ho khau": "dang ky thuong tru",
    "chuyen khau": "dang ky thuong tru",
    "chuyen ho khau": "dang ky thuong tru",
    "cat ho khau": "xoa dang ky thuong tru",
    "cat khau": "xoa dang ky thuong tru",
    "xoa ho khau": "xoa dang ky thuong tru",
    "giay phep lai xe": "bang lai",
    "xe hoi": "o to",
    "chung minh thu": "chung minh nhan dan",
    "non bao hiem": "mu bao hiem",
    "y c": "yeu cau",
    "thi tran hanh chinh": "thu tuc hanh chinh",
}
_SYNONYMS = {tuple(k.split()): tuple(v.split()) for k, v in SYNONYMS.items()}
_LONGEST = max(len(k) for k in _SYNONYMS)

# Words that carry no question: greetings, pronouns, particles. Removing them keeps a
# chatty message from diluting the fuzzy scores of its few meaningful words.
FILLERS: frozenset[str] = frozenset(
    "a ad admin oi ah nhe nhi ha chao em e toi chau anh chi bac ban minh vay xin_chao".split()
)

_AGE = re.compile(r"^(\d+)t$")  # "25t" = 25 tuổi


def words(text: str) -> list[str]:
    """Normalise a text into matching words: shorthand, folk terms, fillers removed."""
    raw: list[str] = []
    for word in normalize(text).split():
        if age := _AGE.match(word):
            raw += [age.group(1), "tuoi"]
        else:
            raw += SHORTHAND.get(word, word).split()
    return [w for w in _rewrite(raw) if w not in FILLERS]


def _rewrite(raw: list[str]) -> list[str]:
    """Replace synonym phrases by their canonical form, longest match first."""
    out: list[str] = []
    i = 0
    while i < len(raw):
        for size in range(min(_LONGEST, len(raw) - i), 0, -1):
            found = _SYNONYMS.get(tuple(raw[i : i + size]))
            if found is not None:
                out += found
                i += size
                break
        else:
            out.append(raw[i])
            i += 1
    return out


def looks_like_report(query: str) -> bool:
    """Tell whether a message reads like a report of a local problem, not a legal question."""
    return False
