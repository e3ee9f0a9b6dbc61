"""`/report` in a chat: the text, then the chart as a photo and the workbook as a document."""

from __future__ import annotations

import asyncio
from dataclasses import replace

from bot.deps import Deps
from bot.kinds import Kind
from bot.messages import Outgoing, escape
from bot.reports import wording as w
from bot.reports.builder import ReportBuilder, local_today
from bot.reports.figures import Report
from bot.reports.listing import Cell, ticket_line
from bot.reports.paragraph import render
from bot.reports.period import PeriodError, parse_chat_period
from storage.reports import ReportRepository, Scope

LIST_LIMIT = 20_000  # tickets in a workbook sent in a chat; `danvan report` lists them all
ALL_WARDS = "các phường/xã"
ROUTED_HERE = "các đơn chuyển đến nhóm này"


class ReportDesk:
    """Answer `/report [period]`: admins in private get all wards, a group its own."""

    def __init__(self, deps: Deps, builder: ReportBuilder, repo: ReportRepository) -> None:
        self._d = deps
        self._builder = builder
        self._repo = repo

    async def for_admin(self, chat_id: int, argument: str) -> None:
        """Report on every ward (the sender is an admin, in a private chat)."""
        await self._report(chat_id, argument, Scope(), ALL_WARDS, reveal=True)

    async def for_group(self, chat_id: int, argument: str) -> None:
        """Report on the wards a group is bound to, else on the tickets routed to it."""
        table = self._d.routes.current
        rules = await self._d.routes.stored_of_chat(chat_id)  # a binding earlier in this batch too
        if not rules:
            await self._d.outbox.send(chat_id, Outgoing(w.UNBOUND_GROUP))
            return
        wards = sorted({rule.ward_code for rule in rules if rule.ward_code})
        if wards:
            scope = Scope(wards=tuple(wards))
            label = ", ".join(self._d.ward_name(code) for code in wards)
        else:
            scope, label = Scope(chat_id=chat_id), ROUTED_HERE
        # The list names no one, but a tố cáo's existence stays with its designated handlers.
        reveal = table.reveals_identity_in(chat_id)
        await self._report(chat_id, argument, scope, label, reveal=reveal)

    async def _report(
        self, chat_id: int, argument: str, scope: Scope, label: str, *, reveal: bool
    ) -> None:
        now = self._d.clock()
        try:
            period = parse_chat_period(argument, local_today(now))
            report = await self._builder.build(period, scope, label, now)
        except PeriodError:
            await self._d.outbox.send(chat_id, Outgoing(w.USAGE))
            return
        scoped = scope != Scope()
        if scoped:
            # Unanswered questions are quoted from citizens anywhere, in their own words (names
            # included): only an admin's private report shows them.
            report = replace(report, reach=replace(report.reach, examples=()))
        text = render(report, wards_scoped=scoped)
        await self._d.outbox.send(chat_id, Outgoing(text))
        # Shortened before escaping, so the cut never splits an entity (captions: 1024 chars).
        short = label if len(label) <= 300 else label[:299] + "…"
        caption = w.CAPTION_CHART.format(period=escape(period.label), scope=escape(short))
        # Imported here: Pillow and openpyxl (which pulls in numpy where installed) would add
        # ~0.1 s and ~12 MB to every start of a bot that may never be asked for a report.
        from bot.reports.chart import png
        from bot.reports.workbook import workbook

        chart = await asyncio.to_thread(png, report)
        await self._d.outbox.file(chat_id, "photo", "bieu-do.png", chart, caption)
        lines, more = await self._lines(report, scope, reveal)
        book = await asyncio.to_thread(workbook, report, text, lines, more)
        name = f"bao-cao-{period.first:%Y%m%d}-{period.last:%Y%m%d}.xlsx"
        await self._d.outbox.file(chat_id, "document", name, book, w.CAPTION_WORKBOOK)

    async def _lines(
        self, report: Report, scope: Scope, reveal: bool
    ) -> tuple[list[list[Cell]], int]:
        """Return the ticket list (without tố cáo where they may not be shown) and how many
        tickets did not fit."""
        window = self._builder.window(report.period, self._d.clock())
        rows = await self._repo.tickets(scope, window, LIST_LIMIT)
        more = report.total.received - len(rows) if len(rows) == LIST_LIMIT else 0
        shown = [row for row in rows if reveal or row["kind"] != Kind.DENUNCIATION]
        return [
            ticket_line(row, window.cut, self._d.ward_name, self._d.category_name) for row in shown
        ], more
