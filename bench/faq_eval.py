"""FAQ matcher accuracy on the labelled query set, against a plain rapidfuzz baseline.

    .venv/bin/python bench/faq_eval.py [--queries bench/faq_queries.tsv] [--content content/faq]
                                       [--errors tune|held|all] [--semantic [--cold]]

--semantic adds the optional embedding stage (needs `pip install -e '.[semantic]'`): the
matcher is measured without it and with it, in the same run, with its load time, its cost per
query and the process's peak RSS. Embeddings are cached in data/bench-faq-embeddings.bin;
--cold deletes that file first, to time embedding every phrasing.

Top-1 counts a query as right only when the matcher ANSWERS it with the expected entry; rank-1
when the expected entry is ranked first whatever the decision; top-3 when it is the answered
or suggested entry or one of the suggestions. Unanswerable queries (style `none`) count as
wrong when answered. Tuning half = data lines 1, 3, 5 ... (1-based); held-out = 2, 4, 6 ...
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from rapidfuzz import fuzz, process, utils

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.faq import matcher as matcher_module
from bot.faq.intent import is_small_talk, words
from bot.faq.loader import load_faq
from bot.faq.matcher import FaqMatcher, Match, Suggestion
from bot.faq.model import Faq

BASELINE_ANSWER_AT = 85.0
BASELINE_SUGGEST_AT = 60.0
BASELINE_RULE = (
    "baseline: fuzz.WRatio via process.extract over raw question+alternates "
    "(rapidfuzz default_process only: lowercase, punctuation out; no folding), best phrasing "
    f"per entry; answer if top >= {BASELINE_ANSWER_AT:g}, suggest top 3 if >= "
    f"{BASELINE_SUGGEST_AT:g}, else none"
)


@dataclass(frozen=True, slots=True)
class Query:
    """One labelled query."""

    line: int  # 1-based data line (header excluded)
    style: str
    expected: str | None
    text: str

    @property
    def tuning(self) -> bool:
        """Tell whether the query is in the tuning half (odd data lines)."""
        return self.line % 2 == 1


def read_queries(path: Path) -> list[Query]:
    """Read the TSV query set."""
    rows = path.read_text(encoding="utf-8").splitlines()[1:]
    found = []
    for number, row in enumerate(rows, start=1):
        style, expected, text = row.split("\t", 2)
        found.append(Query(number, style, None if expected == "-" else expected, text))
    return found


def baseline(faq: Faq) -> Callable[[str], Match]:
    """Return the naive matcher the issue compares against."""
    texts = [p for e in faq.entries for p in e.phrasings]
    owners = [e.id for e in faq.entries for _ in e.phrasings]

    def match(query: str) -> Match:
        best: dict[str, float] = {}
        found = process.extract(
            query, texts, scorer=fuzz.WRatio, processor=utils.default_process, limit=None
        )
        for _, score, number in found:
            best[owners[number]] = max(best.get(owners[number], 0.0), score)
        ranked = sorted(best.items(), key=lambda item: -item[1])[:3]
        top_id, top = ranked[0]
        picks = tuple(Suggestion(i, s) for i, s in ranked)
        if top >= BASELINE_ANSWER_AT:
            return Match("answer", top_id, top, picks[1:])
        if top >= BASELINE_SUGGEST_AT:
            return Match("suggest", top_id, top, picks)
        return Match("none", None, top, ())

    return match


@dataclass(frozen=True, slots=True)
class Outcome:
    """One query's result."""

    query: Query
    match: Match
    seconds: float

    @property
    def top1(self) -> bool:
        """Answered with the expected entry."""
        return self.match.decision == "answer" and self.match.id == self.query.expected

    @property
    def rank1(self) -> bool:
        """Expected entry ranked first, whatever the decision."""
        return self.match.id == self.query.expected

    @property
    def top3(self) -> bool:
        """Expected entry answered, suggested, or among the runners-up."""
        ids = {self.match.id, *(s.id for s in self.match.suggestions)}
        return self.match.decision != "none" and self.query.expected in ids


def run(queries: list[Query], match: Callable[[str], Match]) -> list[Outcome]:
    """Match every query and time each."""
    outcomes = []
    for query in queries:
        start = time.perf_counter()
        result = match(query.text)
        outcomes.append(Outcome(query, result, time.perf_counter() - start))
    return outcomes


def pct(part: int, whole: int) -> float:
    """Return a percentage with one decimal."""
    return round(100 * part / whole, 1) if whole else 0.0


def summary(outcomes: list[Outcome]) -> dict[str, float]:
    """Return n, top-1, rank-1, top-3 and the decision mix of some outcomes."""
    n = len(outcomes)
    mix = {d: sum(o.match.decision == d for o in outcomes) for d in ("answer", "suggest", "none")}
    return {
        "n": n,
        "top1": pct(sum(o.top1 for o in outcomes), n),
        "rank1": pct(sum(o.rank1 for o in outcomes), n),
        "top3": pct(sum(o.top3 for o in outcomes), n),
        **{d: pct(k, n) for d, k in mix.items()},
    }


def table(title: str, outcomes: list[Outcome]) -> dict[str, dict[str, float]]:
    """Print per-style and overall figures; return them."""
    styles = sorted({o.query.style for o in outcomes} - {"none"})
    answerable = [o for o in outcomes if o.query.expected is not None]
    rows = {s: summary([o for o in answerable if o.query.style == s]) for s in styles}
    rows["ANSWERABLE"] = summary(answerable)
    unanswerable = [o for o in outcomes if o.query.expected is None]
    rows["none"] = summary(unanswerable)
    print(f"\n{title}")
    print(f"{'style':<11}{'n':>5}{'top1%':>8}{'rank1%':>8}{'top3%':>8}  answer/suggest/none %")
    for name, row in rows.items():
        if name == "none":
            print(f"{'none':<11}{row['n']:>5}{'':>24}  {_mix(row)}  <- answered = wrong")
            continue
        print(
            f"{name:<11}{row['n']:>5}{row['top1']:>8}{row['rank1']:>8}{row['top3']:>8}  {_mix(row)}"
        )
    return rows


def _mix(row: dict[str, float]) -> str:
    return f"{row['answer']:5.1f} /{row['suggest']:5.1f} /{row['none']:5.1f}"


def halves(outcomes: list[Outcome]) -> dict[str, dict[str, float]]:
    """Return the summaries of the tuning and held-out halves (answerable, unanswerable)."""
    found = {}
    for name, tuning in (("tuning", True), ("held-out", False)):
        half = [o for o in outcomes if o.query.tuning == tuning]
        answerable = summary([o for o in half if o.query.expected is not None])
        answered = summary([o for o in half if o.query.expected is None])["answer"]
        found[name] = {**answerable, "none_answered": answered}
    return found


def show_errors(outcomes: list[Outcome], which: str) -> None:
    """Print the misses of one half (or all) for error analysis."""
    for o in outcomes:
        if which != "all" and o.query.tuning != (which == "tune"):
            continue
        ok = o.top1 if o.query.expected else o.match.decision != "answer"
        if not ok:
            alt = ", ".join(f"{s.id}={s.score}" for s in o.match.suggestions)
            print(f"[{o.query.style}] {o.query.text}\n   want {o.query.expected} got "
                  f"{o.match.decision} {o.match.id}={o.match.score} | {alt}")  # fmt: skip


def with_semantic(
    faq: Faq, matcher: FaqMatcher, queries: list[Query], cold: bool
) -> tuple[FaqMatcher, list[Outcome]]:
    """Add the semantic stage to the matcher, timing its load; return it and its outcomes."""
    from bot.faq.embeddings import E5Embedder, EmbeddingCache
    from bot.faq.semantic import SemanticReranker, unsure

    cache = EmbeddingCache(Path("data/bench-faq-embeddings.bin"))
    if cold:
        cache.path.unlink(missing_ok=True)
    rss = _rss_mib()
    start = time.perf_counter()
    embedder = E5Embedder()
    loaded = time.perf_counter()
    reranker = SemanticReranker.build(faq, embedder, cache)
    built = time.perf_counter()
    assert reranker is not None
    phrasings = sum(len(e.phrasings) for e in faq.entries)
    print(f"semantic stage: model loaded in {loaded - start:.2f} s; {2 * phrasings} phrasing "
          f"vectors ({'computed' if cold else 'from the cache if present'}) in "
          f"{built - loaded:.2f} s; peak RSS {rss:.0f} -> {_rss_mib():.0f} MiB")  # fmt: skip
    semantic = replace(matcher, reranker=reranker)
    outcomes = run(queries, semantic.match)
    asked = [o.seconds * 1000 for o in outcomes if unsure(matcher.rank(_words(matcher, o)))]
    asked.sort()
    if asked:
        print(f"semantic stage ran on {len(asked)} of {len(outcomes)} queries: per such query "
              f"p50 {statistics.median(asked):.1f} ms, "
              f"p95 {asked[int(0.95 * (len(asked) - 1))]:.1f} ms")  # fmt: skip
    return semantic, outcomes


def _words(matcher: FaqMatcher, outcome: Outcome) -> list[str]:
    """Return the matcher's query words for an outcome (as `FaqMatcher.match` finds them)."""
    if is_small_talk(outcome.query.text):
        return []
    return [matcher._correct(w) for w in words(outcome.query.text)]


def print_semantic_delta(lexical: list[Outcome], semantic: list[Outcome]) -> None:
    """Print what the semantic stage changed, per half: queries fixed and broken."""
    for name, tuning in (("tuning", True), ("held-out", False)):
        pairs = [(a, b) for a, b in zip(lexical, semantic, strict=True) if a.query.tuning == tuning]
        fixed = sum(b.top1 and not a.top1 for a, b in pairs if a.query.expected)
        broken = sum(a.top1 and not b.top1 for a, b in pairs if a.query.expected)
        answered = sum(
            (b.match.decision == "answer") - (a.match.decision == "answer")
            for a, b in pairs
            if a.query.expected is None
        )
        print(f"  semantic vs lexical, {name}: top-1 fixed {fixed}, broken {broken}; "
              f"unanswerable answered {answered:+d}")  # fmt: skip


def _rss_mib() -> float:
    """Return this process's peak RSS so far, in MiB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    """Evaluate the matcher and the baseline; print tables and a JSON line."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--queries", type=Path, default=Path("bench/faq_queries.tsv"))
    parser.add_argument("--content", type=Path, default=Path("content/faq"))
    parser.add_argument("--errors", choices=("tune", "held", "all"))
    parser.add_argument("--semantic", action="store_true", help="also measure the semantic stage")
    parser.add_argument("--cold", action="store_true", help="recompute the cached embeddings")
    args = parser.parse_args()
    faq = load_faq(args.content)
    queries = read_queries(args.queries)
    start = time.perf_counter()
    matcher = FaqMatcher.build(faq)
    build_ms = (time.perf_counter() - start) * 1000
    ours = run(queries, matcher.match)
    theirs = run(queries, baseline(faq))
    lexical = ours
    if args.semantic:
        matcher, ours = with_semantic(faq, matcher, queries, args.cold)
    if args.errors:
        show_errors(ours, args.errors)
    print("top1 = answered with the expected entry; rank1 = expected entry ranked first (answer")
    print("or first suggestion); top3 = expected entry answered or among the suggestions")
    stages = "token_set_ratio + BM25" + (" + semantic re-ranking" if args.semantic else "")
    rows = table(
        f"MATCHER (normalise, {stages}; answer >= {matcher_module.ANSWER_AT:g},"
        f" suggest >= {matcher_module.SUGGEST_AT:g})",
        ours,
    )
    base = table(f"BASELINE ({BASELINE_RULE})", theirs)
    split = halves(ours)
    base_split = halves(theirs)
    print("\nhalves (tuning = odd data lines, used to choose the weights and thresholds):")
    for name, row in split.items():
        print(f"  {name:<9} top-1 {row['top1']:5.1f}%  rank-1 {row['rank1']:5.1f}%  "
              f"unanswerable answered {row['none_answered']:4.1f}%   "
              f"(baseline top-1 {base_split[name]['top1']:5.1f}%)")  # fmt: skip
    tune, held = split["tuning"]["top1"], split["held-out"]["top1"]
    latency = sorted(o.seconds * 1000 for o in ours)
    p50 = statistics.median(latency)
    p95 = latency[int(0.95 * (len(latency) - 1))]
    print(f"matcher build {build_ms:.1f} ms; per query p50 {p50:.2f} ms, p95 {p95:.2f} ms")
    if args.semantic:
        print_semantic_delta(lexical, ours)
    headline = {
        "top1": rows["ANSWERABLE"]["top1"],
        "rank1": rows["ANSWERABLE"]["rank1"],
        "top3": rows["ANSWERABLE"]["top3"],
        "none_answered": rows["none"]["answer"],
        "top1_tuning": tune,
        "top1_heldout": held,
        "baseline_top1": base["ANSWERABLE"]["top1"],
        "baseline_top3": base["ANSWERABLE"]["top3"],
        "baseline_none_answered": base["none"]["answer"],
        "p50_ms": round(p50, 3),
        "p95_ms": round(p95, 3),
        "semantic": args.semantic,
    }
    print(json.dumps(headline))


if __name__ == "__main__":
    main()
