"""Ward resolution over the national directory and the pre-2025 names: latency and hits.

    .venv/bin/python bench/wards.py [--queries 3000] [--seed 7]

Queries are drawn (seeded) from the package's data the way citizens write: current names
with diacritics or without, with typos, old pre-2025 names (with their old district now and
then), abbreviations ("p.", "x.", "tt", "p7 q5") and names followed by the province. Each is
timed from text to decision (search + pick), the bot's cost per typed ward.
"""

from __future__ import annotations

import argparse
import random
import statistics
import string
import time
from collections import Counter
from collections.abc import Callable

from bot.directory import NationalDirectory, national_directory, strip_name_prefix
from bot.text import fold
from bot.ward_places import national_index
from bot.ward_search import WardIndex
from bot.wards import CANDIDATE_MIN_SCORE, MAX_CANDIDATES, decide

Query = tuple[str, str, frozenset[str]]  # style, text, the codes that would be right
_SHORT = {"Phường": "p.", "Xã": "x.", "Thị trấn": "tt", "Đặc khu": "đặc khu"}


def _typo(rng: random.Random, text: str) -> str:
    """Make one slip: a letter dropped, doubled, swapped with the next, or replaced."""
    letters = [i for i, c in enumerate(text) if c.isalpha()]
    i = rng.choice(letters[1:] or letters)
    kind = rng.choice(["drop", "double", "swap", "replace"])
    if kind == "drop":
        return text[:i] + text[i + 1 :]
    if kind == "double":
        return text[:i] + text[i] + text[i:]
    if kind == "swap" and i + 1 < len(text):
        return text[:i] + text[i + 1] + text[i] + text[i + 2 :]
    return text[:i] + rng.choice(string.ascii_lowercase) + text[i + 1 :]


def _abbreviated(name: str) -> str:
    """Write a unit's name with its short prefix: "p. Ba Đình"."""
    for long, short in _SHORT.items():
        if name.startswith(long + " "):
            return f"{short} {name[len(long) + 1 :]}"
    return name


def queries(directory: NationalDirectory, count: int, seed: int) -> list[Query]:
    """Draw a mix of citizen-style queries with the answers that would be right."""
    rng = random.Random(seed)
    wards, legacy = directory.wards, directory.legacy

    def current(make: Callable[[str], str], style: str) -> Query:
        ward = rng.choice(wards)
        text = make(ward.name)
        if style == "province":  # the name, then the ward's own province
            text = f"{text}, {fold(ward.province)}"
        return style, text, frozenset({ward.code})

    def old(make: Callable[[str, str], str], style: str) -> Query:
        unit = rng.choice(legacy)
        return style, make(unit.name, unit.district), frozenset(unit.wards)

    makers: list[Callable[[], Query]] = [
        lambda: current(lambda n: n, "accented"),
        lambda: current(lambda n: strip_name_prefix(n), "accented"),
        lambda: current(fold, "plain"),
        lambda: current(lambda n: fold(strip_name_prefix(n)), "plain"),
        lambda: current(lambda n: _typo(rng, fold(n)), "typo"),
        lambda: current(_abbreviated, "abbrev"),
        lambda: current(fold, "province"),
        lambda: old(lambda n, _: n, "old"),
        lambda: old(lambda n, _: fold(strip_name_prefix(n)), "old"),
        lambda: old(lambda n, d: f"{_abbreviated(n)} {d}", "old+district"),
        lambda: old(lambda n, _: _typo(rng, fold(n)), "old+typo"),
    ]
    return [rng.choice(makers)() for _ in range(count)]


def run(index: WardIndex, mix: list[Query]) -> tuple[list[float], list[float], Counter[str]]:
    """Resolve every query; return wall and CPU milliseconds, and counts by style."""
    wall: list[float] = []
    cpu: list[float] = []
    counts = Counter[str]()
    for style, text, right in mix:
        start, start_cpu = time.perf_counter(), time.thread_time()
        matches = index.search(text, MAX_CANDIDATES, CANDIDATE_MIN_SCORE)
        resolution = decide(matches)
        wall.append(1000 * (time.perf_counter() - start))
        cpu.append(1000 * (time.thread_time() - start_cpu))
        counts[style] += 1
        counts[f"{style} found"] += any(m.ward.code in right for m in matches)
        if resolution.ward is not None:
            counts[f"{style} right"] += resolution.ward.code in right
            counts[f"{style} wrong"] += resolution.ward.code not in right
    return wall, cpu, counts


def main() -> None:
    """Time the load, then every query; print percentiles and hit rates by style."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--queries", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    started = time.perf_counter()
    directory = national_directory()
    loaded = time.perf_counter()
    index = national_index()
    built = time.perf_counter()
    took = 1000 * (loaded - started), 1000 * (built - loaded)
    print(f"load: directory {took[0]:.0f} ms, index {took[1]:.0f} ms")
    print(
        f"      {len(directory.provinces)} provinces, {len(directory.wards)} wards, "
        f"{len(directory.legacy)} old units"
    )
    mix = queries(directory, args.queries, args.seed)
    for _, text, _ in mix[:200]:  # warm caches as a running bot would have them
        index.search(text, MAX_CANDIDATES, CANDIDATE_MIN_SCORE)
    wall, cpu, counts = run(index, mix)
    # Wall time includes whatever else the machine runs; CPU time is this code's own cost.
    for label, values in (("wall", wall), ("cpu", cpu)):
        cuts = statistics.quantiles(values, n=100)
        print(
            f"per query, {label} time: p50 {cuts[49]:.2f} ms, p95 {cuts[94]:.2f} ms, "
            f"p99 {cuts[98]:.2f} ms, max {max(values):.2f} ms"
        )
    print(f"{'style':14} {'n':>5} {'in top 5':>9} {'resolved right':>15} {'resolved wrong':>15}")
    for style in sorted(k for k in counts if " " not in k):
        n = counts[style]
        found, right, wrong = (counts[f"{style} {k}"] / n for k in ("found", "right", "wrong"))
        print(f"{style:14} {n:5} {found:9.1%} {right:15.1%} {wrong:15.1%}")


if __name__ == "__main__":
    main()
