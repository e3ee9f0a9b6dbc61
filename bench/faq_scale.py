"""FAQ matcher at scale: 10,000 synthetic entries recombined from the real content.

    .venv/bin/python bench/faq_scale.py [--entries 10000] [--queries 2000] [--seed 7]

Questions, alternates, tags and answers are stitched from pieces of the bundled FAQ (question
halves, tag phrases, answer sentences), so word frequencies and lengths stay realistic. The
queries mix the labelled real queries with noisy variants of synthetic questions (diacritics
dropped, Telex leftovers, chat abbreviations, chatty padding). Prints build time, per-query
p50/p95/p99, peak RSS, and one JSON line.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import statistics
import sys
import time
import unicodedata
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.faq.loader import load_faq
from bot.faq.matcher import FaqMatcher
from bot.faq.model import Faq, FaqEntry
from bot.text import fold

ROOT = Path(__file__).resolve().parent.parent
PADDING = ["cho em hỏi", "ad ơi", "chào ad,", "nhờ ad tư vấn", "em cảm ơn ạ", "gấp lắm ạ"]
# Telex: a vowel mark is a key after its letter, the tone a key at the end of the word.
TELEX_MARKS = {"\u0302": "double", "\u0306": "w", "\u031b": "w"}
TELEX_TONES = {"\u0300": "f", "\u0301": "s", "\u0309": "r", "\u0303": "x", "\u0323": "j"}
SHORT = {"không": "ko", "được": "đc", "gì": "j", "như thế nào": "ntn", "bao nhiêu": "bn"}


class Pieces:
    """Fragments of the real content to recombine."""

    def __init__(self, faq: Faq) -> None:
        self.heads: list[str] = []
        self.tails: list[str] = []
        for entry in faq.entries:
            for text in entry.phrasings:
                parts = text.rstrip("?").split()
                cut = max(1, len(parts) // 2)
                self.heads.append(" ".join(parts[:cut]))
                self.tails.append(" ".join(parts[cut:]) + "?")
        self.tags = sorted({t for e in faq.entries for t in e.tags})
        self.sentences = [
            s.strip()
            for e in faq.entries
            for s in re.split(r"(?<=[.;:])\s+|\n", e.answer)
            if len(s.strip()) > 20
        ]
        self.topics = faq.topics
        self.answer_lengths = [len(e.answer) for e in faq.entries]


def synthesise(pieces: Pieces, count: int, rng: random.Random) -> Faq:
    """Return a FAQ of `count` entries stitched from real fragments."""
    entries = []
    for number in range(count):
        topic = rng.choice(pieces.topics)[0]

        def question() -> str:
            return f"{rng.choice(pieces.heads)} {rng.choice(pieces.tails)}"

        answer = _answer(pieces, rng)
        entries.append(
            FaqEntry(
                id=f"{topic}/synthetic-{number}",
                topic=topic,
                question=question(),
                answer=answer,
                legal_basis=("Luật tổng hợp (synthetic)",),
                reviewed=date(2026, 11, 22),
                alternates=tuple(question() for _ in range(3)),
                tags=tuple(rng.sample(pieces.tags, rng.randint(3, 6))),
            )
        )
    return Faq(topics=pieces.topics, entries=tuple(entries))


def _answer(pieces: Pieces, rng: random.Random) -> str:
    """Return sentences adding up to the length of a randomly chosen real answer."""
    target = rng.choice(pieces.answer_lengths)
    sentences: list[str] = []
    while sum(len(s) + 1 for s in sentences) < target:
        sentences.append(rng.choice(pieces.sentences))
    return " ".join(sentences)


def noisy(text: str, rng: random.Random) -> str:
    """Return a question as citizens type it: one or two kinds of noise."""
    kinds = rng.sample(["fold", "telex", "short", "pad", "plain"], 2)
    if "short" in kinds:
        for long, short in SHORT.items():
            text = text.replace(long, short)
    if "telex" in kinds:
        text = " ".join(telex(word) for word in text.lower().split())
    if "fold" in kinds:
        text = fold(text)
    if "pad" in kinds:
        text = f"{rng.choice(PADDING)} {text} {rng.choice(PADDING)}"
    return text


def telex(word: str) -> str:
    """Return a word as typed in Telex without the keyboard's conversion (được -> dduwowcj)."""
    letters: list[str] = []
    tone = ""
    for c in unicodedata.normalize("NFD", word.replace("đ", "dd")):
        if c in TELEX_TONES:
            tone = TELEX_TONES[c]
        elif c in TELEX_MARKS:
            letters.append(letters[-1] if TELEX_MARKS[c] == "double" else "w")
        else:
            letters.append(c)
    return "".join(letters) + tone


def queries(faq: Faq, count: int, rng: random.Random) -> list[tuple[str, str]]:
    """Mix real labelled queries (source "") with noisy synthetic questions (source phrasing)."""
    rows = (ROOT / "bench" / "faq_queries.tsv").read_text(encoding="utf-8").splitlines()[1:]
    mixed: list[tuple[str, str]] = []
    while len(mixed) < count:
        if len(mixed) % 2:
            mixed.append((rng.choice(rows).split("\t", 2)[2], ""))
        else:
            source = rng.choice(rng.choice(faq.entries).phrasings)
            mixed.append((noisy(source, rng), source))
    return mixed


def main() -> None:
    """Build a matcher over synthetic entries and time it and its queries."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=2_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    faq = synthesise(Pieces(load_faq(ROOT / "content" / "faq")), args.entries, rng)
    answer_chars = statistics.mean(len(e.answer) for e in faq.entries)
    start = time.perf_counter()
    matcher = FaqMatcher.build(faq)
    build = time.perf_counter() - start
    asked = queries(faq, args.queries, rng)
    latencies = []
    hits = known = 0
    for text, source in asked:
        start = time.perf_counter()
        found = matcher.match(text)
        latencies.append((time.perf_counter() - start) * 1000)
        if source:  # a sanity check that the shortcuts at this size still find it
            known += 1
            entry = faq.get(found.id) if found.id else None
            hits += entry is not None and source in entry.phrasings
    latencies.sort()
    cut = statistics.quantiles(latencies, n=100)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(f"{args.entries} entries ({len(matcher.texts)} phrasings, answers "
          f"{answer_chars:.0f} chars on average); build {build:.2f} s")  # fmt: skip
    print(f"{len(asked)} queries: p50 {cut[49]:.2f} ms, p95 {cut[94]:.2f} ms, "
          f"p99 {cut[98]:.2f} ms, max {latencies[-1]:.2f} ms; peak RSS {rss:.0f} MiB")  # fmt: skip
    recall = 100 * hits / known
    print(f"noisy synthetic questions ranked first an entry asking the same: {recall:.1f} %")
    print(json.dumps({
        "entries": args.entries, "build_s": round(build, 3), "queries": len(asked),
        "p50_ms": round(cut[49], 3), "p95_ms": round(cut[94], 3), "p99_ms": round(cut[98], 3),
        "peak_rss_mib": round(rss, 1), "synthetic_rank1": round(recall, 1),
    }))  # fmt: skip


if __name__ == "__main__":
    main()
