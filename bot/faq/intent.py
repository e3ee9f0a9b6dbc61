"""What a citizen's message means for the FAQ: its matching words, and whether it is a report."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from itertools import chain, compress, count

from bot.text import expand_abbreviations, strip_telex, tokens

# Chat shorthand that is clear in a question to the ward, though too ambiguous for bot.text's
# general list ("ct" is also công ty, "v" also vậy or về, "bh" also bảo hành or bao giờ).
SHORTHAND: dict[str, str] = {
    "ks": "khai sinh",
    "gd": "gia dinh",
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

# Folk and formal names of the same thing, rewritten to one form on both sides (FAQ and
# query) so that a question in either wording meets an entry in the other.
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
    "xe con": "o to",  # the traffic law's own word for a car
    "chung minh thu": "chung minh nhan dan",
    # A helmet is not insurance: "bảo hiểm bắt buộc xe máy" must not meet the helmet entries.
    "mu bao hiem": "mu mubaohiem",
    "non bao hiem": "mu mubaohiem",
    "bo nhau": "ly hon",
    "lang ma": "chui boi",
    "chui mang": "chui boi",
    "y c": "yeu cau",
    "thi tran hanh chinh": "thu tuc hanh chinh",  # "tt" read as thị trấn by bot.text
}


# Words that carry no question: greetings, pronouns, particles (only unambiguous ones once
# folded: "ban" may be bạn, bán or bản, "anh" anh or ảnh, "vay" vậy or vay). Dropping them
# keeps a chatty message from diluting the fuzzy scores of its few meaningful words.
# fmt: off
FILLERS: frozenset[str] = frozenset({
    "a", "ad", "admin", "oi", "ah", "nhe", "nhi", "em", "e", "toi", "chau", "minh",
})
# fmt: on

# Texts of this many characters on average are normalised one by one, shorter ones joined,
# JOINED at a time: a batch's pieces (dropped once looked up) fit in the memory the last batch
# freed, where 40,000 questions joined at once fault in ~45 MB of fresh pages (~10 % slower).
LONG_TEXT = 200
JOINED = 500
# Joins short texts: a token that normalisation keeps as it is (digits first: not VNI, not
# Telex) and that no synonym phrase contains.
_SEPARATOR = "0sep0"
_AGE = re.compile(r"^(\d+)t$")  # "25t" = 25 tuổi
# Short i and long y are spelling variants after a consonant (ký/kí, lý/lí, mỹ/mĩ).
_FINAL_Y = re.compile(r"(?<=[^aeiouy\d])y$")


def _spell(word: str) -> str:
    """Unify the i/y spelling variant of one folded word."""
    return _FINAL_Y.sub("i", word)


def _phrase(text: str) -> tuple[str, ...]:
    """Return a synonym table phrase as normalised words."""
    return tuple(_spell(w) for w in text.split())


# Synonym phrases by their first two words, longest first. Looking up word pairs rather than
# first words skips most false starts ("so", "giay", "xe" begin phrases and much else).
_SYNONYMS: dict[tuple[str, str], list[tuple[tuple[str, ...], tuple[str, ...]]]] = {}
for _key, _value in sorted(SYNONYMS.items(), key=lambda kv: -len(kv[0])):
    _words = _phrase(_key)
    if len(_words) < 2:
        raise ValueError(f"synonym {_key!r} is one word: put it in SHORTHAND")
    _SYNONYMS.setdefault((_words[0], _words[1]), []).append((_words, _phrase(_value)))
_FIRST_WORDS = frozenset(first for first, _ in _SYNONYMS)


@lru_cache(maxsize=1 << 16)
def _word(token: str) -> tuple[str, ...]:
    """Normalise one folded token: Telex/VNI leftovers, abbreviations, ages, spelling."""
    if age := _AGE.match(token):
        return (age.group(1), "tuoi")
    found = expand_abbreviations([strip_telex(token)])
    spelled = (_spell(w) for part in found for w in SHORTHAND.get(part, part).split())
    return tuple(w for w in spelled if w not in FILLERS)


def words_many(texts: Sequence[str]) -> list[list[str]]:
    """Return `words` of many texts, folding each distinct piece of them only once."""
    # Folding works character by character and never joins characters across whitespace, so
    # a text may be cut there first and each distinct piece normalised once: a FAQ's 8 MB of
    # answers holds only some thousands of distinct pieces.
    if sum(map(len, texts)) < LONG_TEXT * len(texts):
        normal = _Pieces()
        # Short texts (questions, tags) are normalised joined, then cut at a separator: the
        # calls per text would cost more than the pass that finds the cuts.
        found: list[list[str]] = []
        for start in range(0, len(texts), JOINED):
            found += _cut(_joined_words(texts[start : start + JOINED], normal), _SEPARATOR)
        return found
    return list(words_each(texts))


def _joined_words(texts: Sequence[str], normal: _Pieces) -> list[str]:
    """Return the words of texts joined by the separator, the separators among them."""
    return _synonyms(_normal_words(f" {_SEPARATOR} ".join(texts), normal))


def words_each(texts: Iterable[str]) -> Iterator[list[str]]:
    """Yield `words` of each text in turn, folding each distinct piece of them only once."""
    # One at a time, so that a caller can use each text's words while they are in the cache
    # (and their memory serves the next text: 10,000 answers' words at once take 15 MB).
    normal = _Pieces()
    for text in texts:
        yield _synonyms(_normal_words(text, normal))


def _cut(found: list[str], separator: str) -> list[list[str]]:
    """Return the runs of words between the separators."""
    runs = []
    start = 0
    # list.count and list.index compare in C, with no call per word (half the time of
    # compress over map(str.__eq__, ...)).
    for _ in range(found.count(separator)):
        end = found.index(separator, start)
        runs.append(found[start:end])
        start = end + 1
    runs.append(found[start:])
    return runs


def _normal_words(text: str, normal: _Pieces) -> list[str]:
    """Return a text's normalised words before synonyms, with pieces folded through `normal`."""
    # Pieces are lowered (in `tokens`) one distinct piece at a time; lowering is per character
    # but for capital sigma, whose final form depends on the next letter, past punctuation.
    # Punctuation inside a piece ("phường," "(số") is left to `tokens` too.
    # Split as UTF-8 bytes: cutting Vietnamese text into str pieces costs ~40 % more (each new
    # str is scanned for its widest character). bytes.split cuts at ASCII whitespace only; any
    # other whitespace inside a piece is a separator to `tokens`, so the words are the same.
    pieces = (text.lower() if "Σ" in text else text).encode().split()
    return list(chain.from_iterable(map(normal.__getitem__, pieces)))


class _Pieces(dict[bytes, tuple[str, ...]]):
    """Pieces of text (UTF-8) -> their matching words, each computed on first use."""

    def __missing__(self, piece: bytes) -> tuple[str, ...]:
        found = self[piece] = tuple(chain.from_iterable(map(_word, tokens(piece.decode()))))
        return found


def words(text: str) -> list[str]:
    """Normalise a text into matching words: as bot.text, plus shorthand, folk terms, no fillers."""
    return _synonyms(list(chain.from_iterable(map(_word, tokens(text)))))


def _synonyms(found: list[str]) -> list[str]:
    """Rewrite the synonym phrases among normalised words to their canonical form."""
    # Hashing a string is cached, hashing a pair is not: filter by first word, then by pair.
    firsts = compress(count(), map(_FIRST_WORDS.__contains__, found))
    last = len(found) - 1
    starts = [i for i in firsts if i < last and (found[i], found[i + 1]) in _SYNONYMS]
    return _rewrite(found, starts) if starts else found


def _rewrite(found: list[str], starts: list[int]) -> list[str]:
    """Replace the synonym phrases that begin at some of `starts` by their canonical form."""
    out: list[str] = []
    done = 0
    for i in starts:
        if i < done:
            continue
        for phrase, canonical in _SYNONYMS[found[i], found[i + 1]]:
            if tuple(found[i : i + len(phrase)]) == phrase:
                out += found[done:i]
                out += canonical
                done = i + len(phrase)
                break
    return out + found[done:]


# A message made only of these words (with their marks: "còn đó" is not "cồn độ") is small
# talk, whatever the folded words would match: greetings, thanks, "are you there?".
# fmt: off
SMALL_TALK: frozenset[str] = frozenset({
    "vâng", "dạ", "ạ", "à", "ừ", "ừm", "ờ", "ok", "oke", "okay", "ô", "kê", "cảm", "cám", "ơn",
    "thanks", "thank", "you", "alo", "lô", "chào", "xin", "hi", "hello", "hihi", "haha",
    "hehe", "còn", "đó", "đấy", "đâu", "không", "ko", "k", "có", "ai", "ở", "bot", "ad",
    "admin", "ơi", "em", "anh", "chị", "bạn", "nhé", "nha", "nhỉ", "hả", "ủa", "thế", "vậy",
    "rồi", "r", "hiểu", "biết", "được", "đc", "tốt", "quá", "lắm", "nhiều", "chúc", "ngủ",
    "ngon", "buổi", "sáng", "trưa", "tối", "mình", "tôi", "test",
})
# fmt: on
_WORD = re.compile(r"[^\W_]+")


def is_small_talk(query: str) -> bool:
    """Tell whether a message is only greetings, thanks or chat, with nothing to look up."""
    found = _WORD.findall(unicodedata.normalize("NFC", query).lower())
    return bool(found) and all(w in SMALL_TALK for w in found)


# Reports name a problem, and a thing or a place. Folded forms are used where they are
# unambiguous; the others are checked with their marks, which folding would merge (hỏng and
# hồng, vỡ and vợ, cháy and chạy, đèn and đến, chó and cho, cống and công).
_PROBLEM = re.compile(
    r"\b((?<!so )hong|bi tac|tac nghen|ngap|boc mui|hoi thoi|mui hoi|on ao|on qua|ro ri"
    r"|sut lun|o ga|do trom|mat dien|mat nuoc|dut|chap dien|xa thai|xa rac|un u|tran ra|do nat"
    r"|nghieng)\b"
)
_PROBLEM_MARKED = re.compile(r"\b(hỏng|vỡ|cháy|ồn|đổ|gãy|tối om|bẩn|ô nhiễm)\b")
_THING = re.compile(
    r"\b(den duong|duong|ngo|hem|ong nuoc|day dien|cot dien|rac|nuoc thai|cay|via he|muong"
    r"|ho ga|karaoke|loa|khoi|bui|xuong)\b"
)
_THING_MARKED = re.compile(r"\b(đèn|cống|mương|cột|chó|quán|cầu)\b")
_PLACE = re.compile(
    r"\b((to|ngo|ngach|hem|kiet|so nha|khu pho|thon|xom|ap|khu|duong|pho) \d+"
    r"|dau ngo|cuoi ngo|truoc nha|sau nha|(nha|ngo|xom|khu|pho) (toi|em|minh)"
    r"|\d+ ?(h|gio)( dem| sang| toi)?|dem nao cung|ca (tuan|thang|ngay) nay"
    r"|may (hom|ngay|tuan) nay)\b"
)
# A legal question asks about penalties, papers or rules, not about a place to fix.
_LEGAL = re.compile(
    r"\b(phat|thu tuc|giay to|ho so|quy dinh|luat|le phi|dieu kien|co duoc khong|co bi)\b"
)
_QUESTION = re.compile(r"\b(the nao|lam sao|ra sao|bao nhieu|co phai|khong)$")


def looks_like_report(query: str) -> bool:
    """Tell whether a message reads like a report of a local problem, not a legal question."""
    marked = unicodedata.normalize("NFC", query).lower()
    folded = " ".join(expand_abbreviations(tokens(marked)))
    problem = _PROBLEM.search(folded) or _PROBLEM_MARKED.search(marked)
    thing = _THING.search(folded) or _THING_MARKED.search(marked)
    place = _PLACE.search(folded)
    if not problem or not (thing or place) or _LEGAL.search(folded):
        return False
    # A general question ("... thì xử lý thế nào?") is a report only when it says where.
    return place is not None or not ("?" in marked or _QUESTION.search(folded))
