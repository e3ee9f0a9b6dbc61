"""Routing decisions over a national-size rule table: time per decision (target p95 <= 1 ms).

Rules: a ward group for each of 3,321 wards, a police group for "an ninh, trật tự" in every
ward, a mediation team per province (34), a denunciation group per ward, a fallback and a
supervisor. Queries draw wards (a tenth of them unbound), kinds and categories at random.

    .venv/bin/python bench/routing.py [--decisions 100000]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import time

from bot.kinds import Kind
from bot.routing import ANY, Role, RouteTable
from storage.routes import RouteRow

WARDS = 3321
PROVINCES = 34
CATEGORIES = ("dat-dai-xay-dung", "moi-truong", "an-ninh-trat-tu", "giao-thong", "khac")


def table() -> RouteTable:
    """Build the rule table."""
    rules = [RouteRow(Role.FALLBACK, ANY, ANY, ANY, -1, None)]
    rules.append(RouteRow(Role.SUPERVISOR, ANY, ANY, ANY, -2, None))
    for n in range(WARDS):
        ward = f"{n:05d}"
        if n % 10:  # every tenth ward has no group yet: the fallback catches it
            rules.append(RouteRow(Role.WARD, ward, ANY, ANY, -10_000 - n, None))
        rules.append(RouteRow(Role.CATEGORY, ward, "an-ninh-trat-tu", ANY, -20_000 - n, None))
        rules.append(RouteRow(Role.DENUNCIATION, ward, ANY, ANY, -30_000 - n, None))
    for n in range(PROVINCES):
        rules.append(RouteRow(Role.KIND, f"{n:05d}", ANY, Kind.MEDIATION, -40_000 - n, None))
    return RouteTable(rules)


def main(decisions: int) -> dict[str, float]:
    """Time `decisions` routing decisions one by one."""
    rng = random.Random(7)
    routes = table()
    kinds = list(Kind)
    queries = [
        (f"{rng.randrange(WARDS):05d}", rng.choice(kinds).value, rng.choice(CATEGORIES))
        for _ in range(decisions)
    ]
    timings = []
    for ward, kind, category in queries:
        start = time.perf_counter_ns()
        routes.route(ward, kind, category)
        timings.append(time.perf_counter_ns() - start)
    quantiles = statistics.quantiles(timings, n=100)
    return {
        "rules": len(routes.rules),
        "decisions": decisions,
        "p50_us": round(quantiles[49] / 1000, 2),
        "p95_us": round(quantiles[94] / 1000, 2),
        "max_us": round(max(timings) / 1000, 2),
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--decisions", type=int, default=100_000)
    figures = main(parser.parse_args().decisions)
    for key, value in figures.items():
        print(f"{key:>10}: {value}")
    print(json.dumps(figures))
