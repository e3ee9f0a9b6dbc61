"""Tests for the FAQ matcher on the bundled content and the labelled query set."""

from __future__ import annotations

import dataclasses
import re
import time
import unicodedata
from collections import Counter
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import pytest

from bot.faq import matcher as matcher_module
from bot.faq.bm25 import Bm25Index
from bot.faq.intent import JOINED, LONG_TEXT, words, words_many
from bot.faq.loader import load_faq
from bot.faq.matcher import FaqMatcher, Match, looks_like_report
from bot.faq.model import Faq, FaqEntry
from bot.text import fold, strip_telex, tokens

ROOT = Path(__file__).resolve().parent.parent
LOST_CARD = "can-cuoc/mat-the-cap-lai"
# bench/faq_eval.py measured 90.3 % answered with the right entry and 4.0 % (3 of 75)
# unanswerable queries answered; a regression of more than 3 points fails here.
MEASURED_TOP1 = 90.3


@pytest.fixture(scope="module")
def faq() -> Faq:
    """Return the bundled FAQ."""
    return load_faq(ROOT / "content" / "faq")


@pytest.fixture(scope="module")
def matcher(faq: Faq) -> FaqMatcher:
    """Return a matcher over the bundled FAQ."""
    return FaqMatcher.build(faq)


def labelled() -> list[tuple[str, str | None, str]]:
    """Return (style, expected id or None, query) from bench/faq_queries.tsv."""
    rows = (ROOT / "bench" / "faq_queries.tsv").read_text(encoding="utf-8").splitlines()[1:]
    found = []
    for row in rows:
        style, expected, query = row.split("\t", 2)
        found.append((style, None if expected == "-" else expected, query))
    return found


@pytest.mark.parametrize(
    "query",
    [
        "Bị mất thẻ căn cước thì làm lại thế nào?",  # the entry's own question
        "bi mat the can cuoc thi lam lai the nao",  # no diacritics
        "BỊ MẤT THẺ CĂN CƯỚC THÌ LÀM LẠI THẾ NÀO",
        "bij maats thee cawn cuwowcs thif lamf laij ntn",  # Telex leftovers
        "lam lai cccd bi mat",  # abbreviations
    ],
)
def test_lost_card_is_answered(matcher: FaqMatcher, query: str) -> None:
    found = matcher.match(query)
    assert (found.decision, found.id) == ("answer", LOST_CARD)
    assert LOST_CARD not in {s.id for s in found.suggestions}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("d9a8ng ky1 ta5m tru1 o73 d9a6u", "cu-tru/dang-ky-tam-tru"),  # VNI leftovers
        ("đăng kí thường trú cần giấy tờ gì", "cu-tru/dang-ky-thuong-tru"),  # kí for ký
        ("muốn nhập khẩu về nhà chồng thì làm sao", "cu-tru/dang-ky-thuong-tru"),  # folk term
        ("sổ hồng mua bán sang tên thế nào", "dat-dai-xay-dung/sang-ten-so-do"),
        ("uống bia xong lái xe hơi bị phạt bao nhiêu", "giao-thong/nong-do-con-o-to"),
        ("ko đội nón bh bị phạt bn", "giao-thong/mu-bao-hiem"),  # nón bảo hiểm, a helmet
    ],
)
def test_spellings_and_folk_terms(matcher: FaqMatcher, query: str, expected: str) -> None:
    found = matcher.match(query)
    assert (found.decision, found.id) == ("answer", expected)


@pytest.mark.parametrize(
    "query",
    [
        "bot ơi hôm nay trời mưa ko",
        "hihi",
        "",
        "???",
        "còn đó không?",  # folded, "con do khong" would look like nồng độ cồn
        "vâng",  # folded, "vang" would look like tạm vắng
        "cảm ơn ad nhiều nha",
    ],
)
def test_small_talk_gets_nothing(matcher: FaqMatcher, query: str) -> None:
    found = matcher.match(query)
    assert (found.decision, found.id, found.suggestions) == ("none", None, ())


@pytest.mark.parametrize(
    "query",
    [
        "bố mẹ mất không để lại di chúc thì chia thừa kế thế nào",
        "viết di chúc tay có cần công chứng không",
        "muốn ly hôn đơn phương thì nộp đơn ở tòa nào",
        "bh xe may bat buoc mua o dau",  # insurance, not a helmet (mũ bảo hiểm)
    ],
)
def test_uncovered_legal_topic_is_not_answered(matcher: FaqMatcher, query: str) -> None:
    assert matcher.match(query).decision != "answer"


def test_match_shape(matcher: FaqMatcher) -> None:
    for _, _, query in labelled()[::7]:
        found = matcher.match(query)
        assert 0 <= found.score <= 100
        assert len(found.suggestions) <= 3
        scores = [s.score for s in found.suggestions]
        assert scores == sorted(scores, reverse=True)
        if found.decision == "none":
            assert (found.id, found.suggestions) == (None, ())
        elif found.decision == "suggest":
            assert found.suggestions[0].id == found.id


def test_matcher_is_immutable(matcher: FaqMatcher) -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        matcher.ids = ()  # type: ignore[misc]


def test_reranker_seam(faq: Faq) -> None:
    def last_first(query: str, ranked: Sequence[tuple[str, float]]) -> list[tuple[str, float]]:
        return [(entry, 99.0 - n) for n, (entry, _) in enumerate(reversed(ranked))]

    plain = FaqMatcher.build(faq).match("lam lai cccd bi mat")
    reranked = FaqMatcher.build(faq, reranker=last_first).match("lam lai cccd bi mat")
    assert reranked.decision == "answer" and reranked.id != plain.id


def test_big_faq_uses_the_shortlist() -> None:
    # Above FULL_SCAN_ENTRIES the fuzzy stage only sees the BM25 shortlist: it must still
    # find an exact question among many near-identical ones.
    count = matcher_module.FULL_SCAN_ENTRIES + 50
    topics = ["tạm trú", "thường trú", "khai sinh", "kết hôn", "căn cước", "sổ đỏ"]
    entries = tuple(
        FaqEntry(
            id=f"t/e{n}",
            topic="t",
            question=f"Thủ tục {topics[n % 6]} số {n} ở phường {n % 17} cần gì?",
            answer=f"Mang giấy tờ về {topics[n % 6]} đến bộ phận một cửa, hồ sơ số {n}.",
            legal_basis=("Luật",),
            reviewed=date(2026, 1, 1),
        )
        for n in range(count)
    )
    big = FaqMatcher.build(Faq(topics=(("t", "T"),), entries=entries))
    assert big.match("thu tuc ket hon so 123 o phuong 4 can gi").id == "t/e123"


def test_bm25_built_without_long_postings_scores_the_same() -> None:
    docs = [Counter(["tam", "tru", "nha"]), Counter(["tam", "vang"]), Counter(["tam", "tru"])]
    full = Bm25Index.build(docs)
    short = Bm25Index.build(docs, longest=2)
    assert "tam" in full.postings and "tam" not in short.postings  # listed by all three
    for terms in (["tam", "tru"], ["vang", "nha", "tam"]):
        assert short.scores(terms, longest=2) == full.scores(terms, longest=2)
        assert short.score(terms, 0) == full.score(terms, 0)


@pytest.fixture(scope="module")
def outcomes(matcher: FaqMatcher) -> tuple[list[tuple[str | None, Match]], float]:
    """Match the whole labelled set once; return (expected, match) pairs and the seconds taken."""
    rows = labelled()
    start = time.perf_counter()
    found = [(expected, matcher.match(query)) for _, expected, query in rows]
    return found, time.perf_counter() - start


def test_whole_query_set_guard(outcomes: tuple[list[tuple[str | None, Match]], float]) -> None:
    found, _ = outcomes
    answerable = [(e, m) for e, m in found if e is not None]
    right = sum(m.decision == "answer" and m.id == e for e, m in answerable)
    unanswerable = [m for e, m in found if e is None]
    answered = sum(m.decision == "answer" for m in unanswerable)
    assert 100 * right / len(answerable) >= MEASURED_TOP1 - 3
    assert 100 * answered / len(unanswerable) <= 5


@pytest.mark.parametrize(
    "text",
    [
        "Phường Đức Xuân – Ðà Nẵng… “cccd/cmnd” (số 12)",
        "m² đất ở xã, 中文 và 한국어, ＡＢＣ１２ naïve İstanbul",
        unicodedata.normalize("NFD", "đăng ký thường trú—tạm trú"),
        "tab\tnew\nline_under a\u0338b",
    ],
)
def test_fast_tokens_agree_with_the_regex_definition(text: str) -> None:
    # bot.text.tokens splits with a byte table for speed; it must equal the plain definition.
    assert tokens(text) == re.findall(r"[^\W_]+", fold(text))


TRICKY_TEXTS = [
    "Phường Đức Xuân – Ðà Nẵng… “cccd/cmnd” (số 12)",
    "m² đất ở xã, 中文 và 한국어, ＡＢＣ１２ naïve İstanbul ΟΔΟΣ; οδός ΑΣ.Β",
    unicodedata.normalize("NFD", "nhập khẩu—cắt hộ khẩu; sổ hồng"),
    "a\u037eb c\u00a0d e\u2000f \u1100\u1161 \u0bc6\u0bbe a\u0338b",  # ; nbsp jamo Tamil
    "Giấy chứng nhận quyền sử dụng đất,sổ hồng.nhập hộ khẩu!xe hơi",
    "dky thuog tru ko ad ơi, 25t, ddawng kys",
    "",
    "   ",
]


def test_bulk_words_agree_with_words_one_by_one(faq: Faq) -> None:
    # words_many normalises each distinct piece once, short texts joined and long ones one by
    # one; either way it must give exactly what words gives.
    short = TRICKY_TEXTS + [p for e in faq.entries for p in e.phrasings]
    long = [e.answer for e in faq.entries] + [" ".join(TRICKY_TEXTS) * 9]
    assert sum(map(len, short)) < LONG_TEXT * len(short)  # the joined path
    assert sum(map(len, long)) >= LONG_TEXT * len(long)  # the one-by-one path
    assert len(short * 4) > 2 * JOINED  # short texts joined in several batches
    for texts in (short, long, short + long, short * 4):
        assert words_many(texts) == [words(text) for text in texts]
    assert words_many([]) == []


@pytest.mark.parametrize(
    ("token", "stripped"),
    [("thoiwf", "thoi"), ("du7o71c", "duoc"), ("cu7o71c", "cuoc"), ("new", "new")],
)
def test_more_typing_leftovers(token: str, stripped: str) -> None:
    assert strip_telex(token) == stripped


@pytest.mark.parametrize(
    "text",
    [
        "đèn đường tổ 5 hỏng",
        "rác bốc mùi ngõ 12",
        "karaoke ồn đến 12h đêm",
        "den duong to 5 hong",
        "cống bị tắc ngập cả đường",
        "ổ gà to ở đầu ngõ 45 nguy hiểm lắm",
        "Đèn đường ngõ nhà tôi hỏng cả tháng nay thì báo ai sửa?",
    ],
)
def test_reports(text: str) -> None:
    assert looks_like_report(text)


@pytest.mark.parametrize(
    "text",
    [
        "Hàng xóm hát karaoke ồn ào thì xử lý thế nào?",
        "Vứt rác bừa bãi ra đường bị phạt bao nhiêu?",
        "đăng ký thường trú cần giấy tờ gì",
        "lam lai cccd bi mat",
        "sổ hồng bị mất thì làm sao",
        "bot ơi hôm nay trời mưa ko",
    ],
)
def test_not_reports(text: str) -> None:
    assert not looks_like_report(text)
