"""`danvan report`: a period report from the command line, as text, xlsx, csv or png."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from bot.config import load_settings
from bot.faq.model import Faq
from bot.reports.builder import ReportBuilder, local_today
from bot.reports.bulletins import NoBulletins
from bot.reports.desk import ALL_WARDS
from bot.reports.figures import Report
from bot.reports.listing import Cell, ticket_line, to_csv
from bot.reports.paragraph import plain, render
from bot.reports.period import Period, PeriodError, explicit, parse_chat_period, parse_date
from bot.services import Content, load_content
from storage.database import Database
from storage.faq import FaqRepository
from storage.reports import ReportRepository, Scope

FORMATS = ("text", "xlsx", "csv", "png")
BINARY = ("xlsx", "png")
ALL_TICKETS = 10**9


class UsageError(Exception):
    """A bad argument; the message is shown as is, and the exit code is 2."""


def add_command(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `report` to the command line."""
    report = sub.add_parser(
        "report",
        help="a period report (tickets and law dissemination)",
        description="Dates are local dates (Asia/Ho_Chi_Minh), both included. The CSV is the "
        "ticket list; the summary is in the text and the workbook.",
    )
    report.add_argument("--from", dest="first", metavar="DATE", help="first day, YYYY-MM-DD")
    report.add_argument("--to", dest="last", metavar="DATE", help="last day, YYYY-MM-DD")
    report.add_argument("--period", help='instead of dates: "quý 3 2026", "6 tháng", "năm 2025"')
    report.add_argument(
        "--ward", action="append", help="ward code or name (repeat for several; default: all)"
    )
    report.add_argument("--format", choices=FORMATS, default="text")
    report.add_argument("--out", help="file to write (required for xlsx and png)")
    report.add_argument("--db", help="database file (default: DANVAN_DB)")


def run(args: argparse.Namespace, out: TextIO | None = None) -> int:
    """Run `report`; return the exit code (2 on bad arguments, with a message on stderr)."""
    out = out or sys.stdout
    settings = load_settings(require_token=False)
    try:
        request = _request(args, settings.db_path)
        content = load_content(settings)
        wards = _wards(content, args.ward)
        data = asyncio.run(_produce(request, content, wards))
    except (UsageError, PeriodError) as exc:
        print(f"danvan report: lỗi / error: {exc}", file=sys.stderr)
        return 2
    if request.out is None:
        out.write(data.decode("utf-8-sig"))
    else:
        request.out.write_bytes(data)
    return 0


@dataclass(frozen=True, slots=True)
class Request:
    """What to report on, in which format, from which database to which file."""

    period: Period
    format: str
    db: Path
    out: Path | None


def _request(args: argparse.Namespace, default_db: Path) -> Request:
    """Check the arguments: a period (dates or a named one), a format and an existing database."""
    if args.period and (args.first or args.last):
        raise UsageError("give either --period or --from/--to, not both")
    if args.period:
        period = parse_chat_period(args.period, local_today(time.time()))
    elif args.first and args.last:
        period = explicit(parse_date(args.first), parse_date(args.last))
    else:
        raise UsageError("--from and --to are required (YYYY-MM-DD), or --period")
    if args.format in BINARY and not args.out:
        raise UsageError(f"--format {args.format} needs --out FILE")
    db = Path(args.db) if args.db else default_db
    if not db.is_file():
        raise UsageError(f"no database at {db} (không có cơ sở dữ liệu)")
    return Request(period, args.format, db, Path(args.out) if args.out else None)


def _wards(content: Content, names: list[str] | None) -> tuple[str, ...] | None:
    """Return the codes of the wards named (by code or name), or None for all."""
    if not names:
        return None
    codes = []
    for name in (part.strip() for item in names for part in item.split(",")):
        ward = content.wards.get(name) or content.wards.resolve(name).ward
        if ward is None:
            raise UsageError(f"unknown ward '{name}' (không tìm thấy phường/xã)")
        codes.append(ward.code)
    return tuple(dict.fromkeys(codes))


async def _produce(request: Request, content: Content, wards: tuple[str, ...] | None) -> bytes:
    """Open the database, build the report and render it in the requested format."""
    db = await Database.open(request.db)
    try:
        async with db.transaction():
            repo = ReportRepository(db)
            faq = await FaqRepository(db).active()
            topics = Faq.from_dict(json.loads(faq.content)) if faq else None
            builder = ReportBuilder(
                repo, content.wards, content.categories, content.deadlines.calendar,
                NoBulletins(), topics.topic_title if topics else str,
            )  # fmt: skip
            scope = Scope(wards=wards)
            label = ALL_WARDS if wards is None else ", ".join(map(content.wards.name_of, wards))
            now = time.time()
            report = await builder.build(request.period, scope, label, now)
            lines: list[list[Cell]] = []
            if request.format in ("xlsx", "csv"):
                window = builder.window(request.period, now)
                rows = await repo.tickets(scope, window, ALL_TICKETS)
                names = (content.wards.name_of, content.categories.name_of)
                lines = [ticket_line(r, window.cut, *names) for r in rows]
    finally:
        await db.close()
    return _render(report, request.format, lines, scoped=wards is not None)


def _render(report: Report, fmt: str, lines: list[list[Cell]], *, scoped: bool) -> bytes:
    text = render(report, wards_scoped=scoped, max_lines=10**6)
    from bot.reports.chart import png  # here, not at start-up: see ReportDesk
    from bot.reports.workbook import workbook

    if fmt == "xlsx":
        return workbook(report, text, lines)
    if fmt == "csv":
        return to_csv(lines)
    if fmt == "png":
        return png(report)
    return (plain(text) + "\n").encode()
