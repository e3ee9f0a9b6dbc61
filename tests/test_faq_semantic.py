"""The optional semantic stage: combination logic, cache and wiring (a fake model), then the
real model when its package is installed."""

from __future__ import annotations

import math
import zlib
from array import array
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import pytest

from bot.config import ConfigError, load_settings
from bot.faq import embeddings
from bot.faq.embeddings import EmbeddingCache
from bot.faq.intent import words
from bot.faq.live import LiveFaq
from bot.faq.matcher import FaqMatcher
from bot.faq.model import Faq, FaqEntry
from bot.faq.semantic import PER_COSINE, SemanticReranker, combine, unsure, view
from storage.database import Database
from storage.faq import FaqRepository

DIM = 64


class FakeEmbedder:
    """Bag of words hashed into DIM dimensions, unit length; records what it embeds."""

    name = "fake/bag-of-words"

    def __init__(self) -> None:
        self.calls: list[list[str]] = []

    def embed(self, texts: Sequence[str]) -> list[array[float]]:
        self.calls.append(list(texts))
        found = []
        for text in texts:
            vector = [0.0] * DIM
            for word in text.lower().split():
                vector[zlib.crc32(word.encode()) % DIM] += 1.0
            norm = math.sqrt(sum(x * x for x in vector)) or 1.0
            found.append(array("f", [x / norm for x in vector]))
        return found


def dot(a: Sequence[float], b: Sequence[float]) -> float:
    return sum(x * y for x, y in zip(a, b, strict=True))


def entry(entry_id: str, question: str, *alternates: str) -> FaqEntry:
    return FaqEntry(
        id=entry_id,
        topic=entry_id.split("/")[0],
        question=question,
        answer="Trả lời.",
        legal_basis=("Luật thử 2026",),
        reviewed=date(2026, 11, 22),
        alternates=alternates,
    )


FAQ = Faq(
    topics=(("ho-tich", "Hộ tịch"),),
    entries=(
        entry("ho-tich/khai-sinh", "Đăng ký khai sinh cho con ở đâu?", "làm giấy khai sinh"),
        entry("ho-tich/khai-tu", "Đăng ký khai tử cho người mất thế nào?"),
        entry("ho-tich/ket-hon", "Đăng ký kết hôn cần giấy tờ gì?"),
    ),
)


def test_combine_lowers_candidates_by_how_far_they_trail_the_closest() -> None:
    ranked = [("a", 58.0), ("b", 55.0), ("c", 41.0)]
    cosines = {"a": 0.85, "b": 0.90, "c": 0.89}
    assert combine(ranked, cosines) == [
        ("b", 55.0),  # the closest keeps its lexical score
        ("a", round(58.0 - PER_COSINE * 0.05, 1)),
        ("c", round(41.0 - PER_COSINE * 0.01, 1)),
    ]


def test_combine_never_raises_a_score() -> None:
    ranked = [("a", 59.0), ("b", 44.0), ("c", 43.0), ("d", 40.5)]
    cosines = {"a": 0.70, "b": 0.95, "c": 0.91, "d": 0.80}
    before = dict(ranked)
    assert all(score <= before[entry] for entry, score in combine(ranked, cosines))


@pytest.mark.parametrize(
    ("ranked", "expected"),
    [
        ([("a", 75.0), ("b", 50.0)], False),  # confident and clear
        ([("a", 59.9), ("b", 30.0)], True),  # a suggestion
        ([("a", 75.0), ("b", 71.0)], True),  # a near-tie
        ([("a", 50.0)], False),  # nothing to re-order
    ],
)
def test_unsure(ranked: list[tuple[str, float]], expected: bool) -> None:
    assert unsure(ranked) is expected


def test_view_keeps_marked_text_and_normalises_unmarked() -> None:
    assert view("Đăng ký khai sinh ở đâu?") == ("Đăng ký khai sinh ở đâu?", True)
    assert view("dky khai sinh o dau ko ad") == ("dang ki khai sinh o dau khong", False)


def test_reranker_leaves_a_sure_ranking_alone_and_reorders_an_unsure_one(
    tmp_path: Path,
) -> None:
    fake = FakeEmbedder()
    reranker = SemanticReranker.build(FAQ, fake, EmbeddingCache(tmp_path / "e.bin"))
    assert reranker is not None
    fake.calls.clear()
    sure = [("ho-tich/khai-tu", 80.0), ("ho-tich/khai-sinh", 50.0)]
    assert reranker("khai tử", sure) == sure
    assert fake.calls == []  # the model is not asked when the lexical stage is sure
    tie = [("ho-tich/khai-tu", 62.0), ("ho-tich/khai-sinh", 61.0)]
    first, second = reranker("làm giấy khai sinh", tie)
    assert first == ("ho-tich/khai-sinh", 61.0) and second[0] == "ho-tich/khai-tu"
    assert second[1] < 62.0
    assert fake.calls == [["làm giấy khai sinh"]]


def test_matcher_applies_the_reranker_before_deciding(tmp_path: Path) -> None:
    reranker = SemanticReranker.build(FAQ, FakeEmbedder(), EmbeddingCache(tmp_path / "e.bin"))
    lexical = FaqMatcher.build(FAQ)
    semantic = FaqMatcher.build(FAQ, reranker=reranker)
    for query in ("dang ky khai sinh o dau", "Đăng ký kết hôn cần gì?", "khai tu"):
        plain, reranked = lexical.match(query), semantic.match(query)
        assert reranked.score <= plain.score
        if not unsure(lexical.rank(words(query))):
            assert reranked == plain


def test_cache_embeds_each_text_once_across_restarts(tmp_path: Path) -> None:
    path = tmp_path / "cache" / "e.bin"
    first = FakeEmbedder()
    vectors = EmbeddingCache(path).embed(first, ["một", "hai", "một"])
    assert first.calls == [["một", "hai"]] and vectors is not None and len(vectors) == 3
    again = FakeEmbedder()  # a restart: a new process, the same file
    assert EmbeddingCache(path).embed(again, ["hai", "một"]) == [vectors[1], vectors[0]]
    assert again.calls == []
    changed = FakeEmbedder()
    EmbeddingCache(path).embed(changed, ["hai", "ba"])
    assert changed.calls == [["ba"]]


def test_cache_ignores_a_damaged_file(tmp_path: Path) -> None:
    path = tmp_path / "e.bin"
    path.write_bytes(b"not a cache")
    fake = FakeEmbedder()
    assert EmbeddingCache(path).embed(fake, ["một"]) is not None
    assert fake.calls == [["một"]]
    path.write_bytes(path.read_bytes()[:-3])  # truncated mid-vector
    fake.calls.clear()
    EmbeddingCache(path).embed(fake, ["một"])
    assert fake.calls == [["một"]]


def test_cache_stops_between_batches(tmp_path: Path) -> None:
    fake = FakeEmbedder()
    texts = [f"câu {n}" for n in range(embeddings.BATCH * 2)]
    assert EmbeddingCache(tmp_path / "e.bin").embed(fake, texts, stop=lambda: True) is None
    assert fake.calls == []


async def test_live_faq_adds_the_semantic_stage_after_answering_lexically(
    tmp_path: Path,
) -> None:
    db = await Database.open(tmp_path / "faq.db")
    built: list[Faq] = []

    def build(faq: Faq, stop: object) -> SemanticReranker | None:
        built.append(faq)
        return SemanticReranker.build(faq, FakeEmbedder(), EmbeddingCache(tmp_path / "e.bin"))

    live = LiveFaq(FaqRepository(db), db, build)
    try:
        async with db.transaction():
            snapshot = await live.publish(FAQ, "test", None, 0.0)
        assert snapshot.matcher.reranker is None  # answering before the model is ready
        await live.semantic_ready()
        assert built == [FAQ]
        assert isinstance(live.current.matcher.reranker, SemanticReranker)
        assert live.current.version == snapshot.version
    finally:
        await live.close()
        await db.close()


def test_setting_is_off_by_default_and_checked() -> None:
    assert load_settings({}, None, require_token=False).faq_semantic is False
    with pytest.raises(ConfigError, match="DANVAN_FAQ_SEMANTIC must be 0 or 1"):
        load_settings({"DANVAN_FAQ_SEMANTIC": "yes"}, None, require_token=False)


def test_setting_on_without_the_package_fails_in_one_line(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("bot.config.semantic_available", lambda: False)
    with pytest.raises(ConfigError) as error:
        load_settings({"DANVAN_FAQ_SEMANTIC": "1"}, None, require_token=False)
    message = str(error.value)
    assert "\n" not in message and "pip install 'danvan-bot[semantic]'" in message


def test_real_model_ranks_a_paraphrase_above_an_unrelated_question(tmp_path: Path) -> None:
    pytest.importorskip(embeddings.PACKAGE)
    model = embeddings.E5Embedder()
    query, near, far = model.embed(
        [
            "Con tôi mới sinh thì làm giấy khai sinh ở đâu?",
            "Đăng ký khai sinh cho trẻ sơ sinh ở cơ quan nào?",
            "Vượt đèn đỏ bị phạt bao nhiêu tiền?",
        ]
    )
    assert len(query) == 384
    assert abs(sum(x * x for x in query) - 1.0) < 1e-3
    assert dot(query, near) > dot(query, far)
    reranker = SemanticReranker.build(FAQ, model, EmbeddingCache(tmp_path / "e.bin"))
    assert reranker is not None
    tie = [("ho-tich/ket-hon", 61.0), ("ho-tich/khai-sinh", 60.5)]
    assert reranker("Làm giấy khai sinh cho con ở đâu?", tie)[0][0] == "ho-tich/khai-sinh"
