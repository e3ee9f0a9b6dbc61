"""Each figure of a period report against the hand-built data set of tests/report_data.py."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import date
from pathlib import Path

import pytest

from bot.deadlines import WorkingCalendar
from bot.kinds import Kind
from bot.reports.bulletins import BulletinCount, StoredBulletins
from bot.reports.figures import Report, Tally
from bot.reports.period import PeriodError, explicit, quarter
from storage.bulletins import BulletinRepository, NewBulletin
from storage.database import Database
from storage.reports import Scope
from tests.report_data import BA_DINH, HOAN_KIEM, NOW, at, loaded_database, make_builder

ALL = Scope()


class TwoBulletins:
    """A bulletin source that sent two bulletins to 150 recipients."""

    def __init__(self) -> None:
        self.asked: list[tuple[str, ...] | None] = []

    async def count(self, start: float, end: float, wards: tuple[str, ...] | None) -> BulletinCount:
        self.asked.append(wards)
        return BulletinCount(sent=2, recipients=150)


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = await loaded_database(tmp_path / "r.sqlite3")
    yield database
    await database.close()


async def _q3(db: Database, scope: Scope = ALL, now: float = NOW) -> Report:
    async with db.transaction():
        return await make_builder(db).build(quarter(2026, 3), scope, "các phường/xã", now)


EXPECTED_TOTAL = Tally(
    received=8, resolved=4, declined=1, on_time=4, late=1, overdue_open=1, transferred=1,
    replied=6, reply_days=8, reply_counted=6, resolve_days=24, resolve_counted=4, rated=3,
    satisfied=2,
)  # fmt: skip


async def test_totals_as_of_the_end_of_the_quarter(db: Database) -> None:
    report = await _q3(db)
    assert report.total == EXPECTED_TOTAL
    assert report.total.open == 3  # the denunciation, the mediation, the one resolved in October
    assert report.total.avg_reply_days == pytest.approx(8 / 6)
    assert report.total.avg_resolve_days == pytest.approx(6.0)
    assert str(report.cut) == "2026-09-30"


async def test_received_split_by_kind(db: Database) -> None:
    received = {kind: t.received for kind, t in (await _q3(db)).by_kind.items()}
    assert received == {
        Kind.FEEDBACK: 4,
        Kind.COMPLAINT: 1,
        Kind.DENUNCIATION: 1,
        Kind.MEDIATION: 1,
        Kind.QUESTION: 1,
    }


async def test_by_ward_counts_the_ward_a_ticket_was_filed_with(db: Database) -> None:
    by_ward = {name: t for name, t in (await _q3(db)).by_ward}
    assert list(by_ward) == ["Phường Ba Đình", "Phường Hoàn Kiếm"]  # most received first
    ba_dinh, hoan_kiem = by_ward["Phường Ba Đình"], by_ward["Phường Hoàn Kiếm"]
    assert (ba_dinh.received, ba_dinh.resolved, ba_dinh.transferred) == (6, 4, 1)
    assert (hoan_kiem.received, hoan_kiem.declined, hoan_kiem.resolved) == (2, 1, 0)
    assert ba_dinh + hoan_kiem == EXPECTED_TOTAL


async def test_by_category_and_by_month(db: Database) -> None:
    report = await _q3(db)
    by_category = {name: t.received for name, t in report.by_category}
    assert by_category == {
        "Môi trường, rác thải, vệ sinh": 4,
        "An ninh, trật tự": 1,
        "Giao thông, đường sá, chiếu sáng": 1,
        "Trật tự đô thị, lòng đường, vỉa hè": 1,
        "Đất đai, xây dựng": 1,
    }
    bars = {(b.month, b.kind): (b.received, b.resolved) for b in report.by_month}
    assert bars == {
        (202607, Kind.FEEDBACK): (3, 3),
        (202608, Kind.COMPLAINT): (1, 0),
        (202608, Kind.DENUNCIATION): (1, 0),
        (202608, Kind.QUESTION): (1, 1),
        (202609, Kind.FEEDBACK): (1, 0),  # resolved in October: not by the end of September
        (202609, Kind.MEDIATION): (1, 0),
    }


async def test_a_later_cut_off_counts_the_october_resolution(db: Database) -> None:
    async with db.transaction():
        period = explicit(quarter(2026, 3).first, date(2026, 10, 31))
        report = await make_builder(db).build(period, Scope(), "x", NOW)
    # The ticket filed on 1/10 joins; the one resolved on 5/10 now counts as resolved, late
    # (due 2/10), 10 working days after receipt.
    assert (report.total.received, report.total.resolved, report.total.late) == (9, 5, 2)
    assert report.total.resolve_days == 24 + 10
    assert str(report.cut) == "2026-10-15"  # never beyond today


async def test_ward_and_group_scopes(db: Database) -> None:
    hoan_kiem = await _q3(db, Scope(wards=(HOAN_KIEM,)))
    assert hoan_kiem.total.received == 2 and len(hoan_kiem.by_ward) == 1
    async with db.transaction():
        await db.execute("UPDATE tickets SET group_chat_id = -7 WHERE code IN ('AAAA-0001', "
                         "'AAAA-0003')")  # fmt: skip
    routed = await _q3(db, Scope(chat_id=-7))
    assert (routed.total.received, routed.total.resolved, routed.total.declined) == (2, 1, 1)
    both = await _q3(db, Scope(wards=(BA_DINH, HOAN_KIEM)))
    assert both.total == EXPECTED_TOTAL


async def test_law_dissemination_reach(db: Database) -> None:
    reach = (await _q3(db)).reach
    assert (reach.answered, reach.citizens, reach.unanswered) == (5, 4, 3)
    assert reach.topics == (("Cư trú", 3), ("Căn cước", 1), ("Đất đai", 1))
    assert reach.examples == ("goi … hoi ve tranh chap", "le phi truoc ba")  # no phone number
    assert (reach.bulletins, reach.recipients) == (0, 0)


async def test_feedback_given_later_moves_a_question(db: Database) -> None:
    async with db.transaction():  # "Chưa đúng" on the only question asker 2 had answered
        await db.execute("UPDATE faq_queries SET feedback = 'wrong' WHERE normalized = 'tam tru'")
    reach = (await _q3(db)).reach
    assert (reach.answered, reach.citizens, reach.unanswered) == (4, 3, 4)
    assert reach.topics[0] == ("Cư trú", 2)


async def test_bulletins_come_from_the_source_given(db: Database) -> None:
    source = TwoBulletins()
    async with db.transaction():
        report = await make_builder(db, source).build(
            quarter(2026, 3), Scope(wards=(BA_DINH,)), "Ba Đình", NOW
        )
    assert (report.reach.bulletins, report.reach.recipients) == (2, 150)
    assert source.asked == [(BA_DINH,)]


async def test_facts_backfilled_by_the_migration_give_the_same_report(tmp_path: Path) -> None:
    upgraded = await loaded_database(tmp_path / "old.sqlite3", before_reports=True)
    try:
        report = await _q3(upgraded)
    finally:
        await upgraded.close()
    assert report.total == EXPECTED_TOTAL


async def test_working_days_follow_a_calendar_change(db: Database) -> None:
    await _q3(db)  # counted once with the national calendar
    local_day_off = WorkingCalendar(frozenset({date(2026, 7, 7)}))  # an admin added a day off
    async with db.transaction():
        report = await make_builder(db, calendar=local_day_off).build(
            quarter(2026, 3), Scope(), "x", NOW
        )
    # 7/7 no longer counts: one reply (0001) and two resolutions (0001, 0008) spanned it.
    assert report.total.reply_days == 8 - 1 and report.total.resolve_days == 24 - 2


async def test_periods_in_the_future_are_refused(db: Database) -> None:
    async with db.transaction():
        with pytest.raises(PeriodError):
            await make_builder(db).build(quarter(2026, 4), Scope(), "x", at("2026-09-01 08:00"))


@pytest.mark.parametrize("before_reports", [False, True])
async def test_monthly_totals_match_the_facts(tmp_path: Path, before_reports: bool) -> None:
    db = await loaded_database(tmp_path / "m.sqlite3", before_reports=before_reports)
    packed = "resolved_declined, ontime_late, transferred_replied, rated_satisfied, counted, " \
             "working_days"  # fmt: skip
    sums = ", ".join(f"SUM({c})" for c in packed.split(", "))
    try:
        async with db.transaction():
            await make_builder(db).build(quarter(2026, 3), ALL, "x", NOW)  # counts working days
            for key, table in (("origin_ward", "report_ward_months"),
                               ("kind, category", "report_field_months")):  # fmt: skip
                kept = await db.fetch_all(
                    f"SELECT created_month, {key}, n, {packed} FROM {table} "
                    f"ORDER BY created_month, {key}"
                )
                counted = await db.fetch_all(
                    f"SELECT created_month, {key}, COUNT(*), {sums} FROM report_facts "
                    f"GROUP BY created_month, {key} ORDER BY created_month, {key}"
                )
                assert [tuple(r) for r in kept] == [tuple(r) for r in counted]
    finally:
        await db.close()


async def test_reports_count_the_bulletins_sent_and_citizens_reached(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "b.db")
    repo = BulletinRepository(db)
    async with db.transaction():
        for key, sent, at in (("00004", 40, 100.0), ("00008", 7, 100.0), ("00004", 5, 900.0)):
            bulletin = NewBulletin("ward", key, "Tin", None, None, 1, 1, sent)
            await db.execute(
                "UPDATE bulletins SET sent = ? WHERE id = ?",
                (sent, await repo.create(bulletin, at)),
            )
        source = StoredBulletins(repo)
        everywhere = await source.count(0.0, 500.0, None)
        one_ward = await source.count(0.0, 500.0, ("00004",))
    await db.close()
    assert (everywhere.sent, everywhere.recipients) == (2, 47)  # the third is after the period
    assert (one_ward.sent, one_ward.recipients) == (1, 40)
