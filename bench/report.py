"""Time a period report over a million tickets (target: ≤ 2 s).

Loads tickets spread over one year across many wards, with their history (answers, resolutions,
declines, transfers, reopenings, ratings), into a database at the schema before reports (one
transaction, executemany), then upgrades it: migration 0005 derives `report_facts` from the
history, as it would for a deployment that already holds tickets. The first report counts the
working days of every ticket once; then each report is timed: calendar check, SQL aggregation,
roll-ups and the Vietnamese text. The chart and the workbook without its ticket list too.

    .venv/bin/python bench/report.py [--tickets 1000000] [--wards 168] [--runs 5] [--keep FILE]
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sqlite3
import statistics
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from bot.categories import CategoryList
from bot.config import BUNDLED_CONTENT
from bot.deadline_file import load_policy
from bot.reports.builder import ReportBuilder, day_start, local_today
from bot.reports.bulletins import NoBulletins
from bot.reports.chart import png
from bot.reports.figures import Report
from bot.reports.paragraph import render
from bot.reports.period import Period, explicit, year_period
from bot.reports.workbook import workbook
from bot.wards import Ward, WardDirectory
from storage.database import Database
from storage.reports import ReportRepository, Scope

YEAR = 2026
MIGRATIONS = Path(__file__).parents[1] / "storage" / "migrations"
KINDS = (("phan_anh", 60), ("cau_hoi", 15), ("khieu_nai", 10), ("hoa_giai", 8), ("to_cao", 7))
DAY = 86400.0


def generate(path: Path, tickets: int, wards: int, seed: int = 7) -> float:
    """Load tickets and history at the schema before 0005; return the seconds it took."""
    rng = random.Random(seed)
    categories = [c.id for c in CategoryList.from_file(BUNDLED_CONTENT / "categories.toml").all()]
    kinds = [k for k, weight in KINDS for _ in range(weight)]
    start = day_start(date(YEAR, 1, 1))
    began = time.perf_counter()
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    _schema_before_reports(conn)
    conn.execute("BEGIN")
    rows: list[tuple[object, ...]] = []
    events: list[tuple[object, ...]] = []
    for i in range(1, tickets + 1):
        created = start + rng.random() * 365 * DAY
        due = local_today(created) + timedelta(days=14)
        status, rating = _history(rng, i, created, events)
        rows.append((i, f"B{i:07d}", f"bench:{i}", rng.choice(kinds), f"{rng.randrange(wards):05d}",
                     rng.choice(categories), status, 1000 + i % 50000, created, created,
                     due.isoformat(), rating))  # fmt: skip
        events.append((i, created, "citizen", "created"))
    conn.executemany(
        "INSERT INTO tickets (id, code, source_key, kind, ward_code, category, description,"
        " status, citizen_chat_id, created_at, updated_at, due_date, rating)"
        " VALUES (?, ?, ?, ?, ?, ?, '', ?, ?, ?, ?, ?, ?)",
        rows,
    )
    events.sort()  # by ticket, then time: history is appended in order
    conn.executemany(
        "INSERT INTO ticket_events (ticket_id, at, actor, action) VALUES (?, ?, ?, ?)", events
    )
    conn.execute("COMMIT")
    conn.close()
    return time.perf_counter() - began


def _schema_before_reports(conn: sqlite3.Connection) -> None:
    """Apply the migrations that come before 0005, recorded as the bot records them."""
    conn.execute(
        "CREATE TABLE schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL "
        "DEFAULT (datetime('now')))"
    )
    for script in sorted(MIGRATIONS.glob("*.sql")):
        if script.name < "0005":
            conn.executescript(script.read_text(encoding="utf-8"))
            conn.execute("INSERT INTO schema_migrations (name) VALUES (?)", (script.name,))


def _history(
    rng: random.Random, ticket: int, created: float, events: list[tuple[object, ...]]
) -> tuple[str, str | None]:
    """Append a plausible history; return the ticket's status and rating."""
    roll = rng.random()
    if roll > 0.85:
        return "received", None
    answered = created + rng.uniform(0.1, 12) * DAY
    events.append((ticket, answered, "officer", "answered"))
    if roll < 0.03:
        events.append((ticket, answered + DAY, "officer", "transferred"))
    if roll > 0.75:
        return "answered", None
    closed = answered + rng.uniform(0, 20) * DAY
    action = "declined" if roll > 0.70 else "resolved"
    events.append((ticket, closed, "officer", action))
    if roll < 0.01:
        events.append((ticket, closed + 2 * DAY, "citizen", "rated"))
        events.append((ticket, closed + 2 * DAY, "citizen", "reopened"))
        return "in_progress", None
    if roll < 0.35:
        events.append((ticket, closed + DAY, "citizen", "rated"))
        return action, "satisfied" if roll < 0.30 else "unsatisfied"
    return action, None


async def _faq(db: Database, rng: random.Random, start: float, count: int) -> None:
    """Log FAQ questions over the year from 40,000 askers."""
    decisions = ("answer", "answer", "answer", "suggest", "none", "browse")
    await db.execute_many(
        "INSERT INTO faq_queries (at, normalized, decision, entry_id, score, asker)"
        " VALUES (?, ?, ?, ?, 80, ?)",
        [
            (start + rng.random() * 365 * DAY, f"cau hoi so {i % 997}", d,
             None if d == "none" else f"topic-{i % 11}/entry-{i % 97}", i % 40000)
            for i in range(count)
            for d in (decisions[i % len(decisions)],)
        ],
    )  # fmt: skip


async def time_report(path: Path, wards: int, runs: int) -> None:
    """Upgrade the database, then time the year's report and some other shapes of report."""
    began = time.perf_counter()
    db = await Database.open(path)  # applies 0005: report_facts from the history
    upgraded = time.perf_counter() - began
    async with db.transaction():
        logged = await db.fetch_one("SELECT COUNT(*) AS n FROM faq_queries")
        if logged is not None and not logged["n"]:
            await _faq(db, random.Random(11), day_start(date(YEAR, 1, 1)), 200_000)
    codes = tuple(f"{i:05d}" for i in range(wards))
    directory = WardDirectory(Ward(code, f"Phường {code}", "Bench", code) for code in codes)
    categories = CategoryList.from_file(BUNDLED_CONTENT / "categories.toml")
    policy = load_policy(BUNDLED_CONTENT / "deadlines.toml")
    builder = ReportBuilder(ReportRepository(db), directory, categories, policy.calendar,
                            NoBulletins(), str)  # fmt: skip
    year = year_period(YEAR)
    first, _ = await _timed(db, builder, year, Scope(), 1)  # counts every ticket's working days
    print(f"upgrade to 0005 (facts from history) {upgraded:.1f} s; first report {first[0]:.1f} s")
    times, report = await _timed(db, builder, year, Scope(), runs)
    print(f"tickets received: {report.total.received:,}; resolved {report.total.resolved:,}")
    _line("year, all wards (monthly totals)", times)
    shapes = (
        ("1 January to 15 December, all wards", explicit(year.first, date(YEAR, 12, 15)), Scope()),
        ("year, the 168 wards listed (facts)", year, Scope(wards=codes)),
        ("year, one ward", year, Scope(wards=codes[:1])),
    )
    for label, period, scope in shapes:
        _line(label, (await _timed(db, builder, period, scope, runs))[0])
    await db.close()
    began = time.perf_counter()
    png(report)
    chart = time.perf_counter() - began
    began = time.perf_counter()
    workbook(report, render(report, wards_scoped=False), [])
    print(
        f"chart PNG {chart:.2f} s; workbook without ticket list {time.perf_counter() - began:.2f} s"
    )


async def _timed(
    db: Database, builder: ReportBuilder, period: Period, scope: Scope, runs: int
) -> tuple[list[float], Report]:
    """Build and render a report `runs` times; return the durations and the report."""
    now, times = day_start(date(YEAR + 1, 1, 15)), []
    for _ in range(runs):
        began = time.perf_counter()
        async with db.transaction():
            report = await builder.build(period, scope, "các phường/xã", now)
        render(report, wards_scoped=scope != Scope())
        times.append(time.perf_counter() - began)
    return times, report


def _line(label: str, times: list[float]) -> None:
    print(f"{label}: median {statistics.median(times):.2f} s (min {min(times):.2f}, "
          f"max {max(times):.2f}, {len(times)} runs)")  # fmt: skip


def main() -> None:
    """Generate the data set and time the report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, default=1_000_000)
    parser.add_argument("--wards", type=int, default=168)  # a large province (HCMC has 168)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="database file to build once and reuse")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = args.keep or Path(folder) / "bench.sqlite3"
        if not path.exists():
            print(f"generated in {generate(path, args.tickets, args.wards):.1f} s")
        asyncio.run(time_report(path, args.wards, args.runs))


if __name__ == "__main__":
    main()
