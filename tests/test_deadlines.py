"""Tests for bot.deadlines on the real content/deadlines.toml and Vietnam's 2026 calendar."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from bot.content import ContentError
from bot.deadlines import DeadlinePolicy, Unit, WorkingCalendar
from bot.kinds import Kind

DEADLINES_FILE = Path(__file__).resolve().parent.parent / "content" / "deadlines.toml"
VN = timezone(timedelta(hours=7))


@pytest.fixture(scope="module")
def policy() -> DeadlinePolicy:
    return DeadlinePolicy.from_file(DEADLINES_FILE)


def at(year: int, month: int, day: int, hour: int, minute: int) -> datetime:
    """Return a moment in Vietnam's local time."""
    return datetime(year, month, day, hour, minute, tzinfo=VN)


@pytest.mark.parametrize(
    ("kind", "days", "unit", "basis"),
    [
        (Kind.FEEDBACK, 10, Unit.WORKING, "Luật Tiếp công dân số 42/2013/QH13, Điều 28"),
        (Kind.COMPLAINT, 10, Unit.WORKING, "Nghị định 124/2020/NĐ-CP, Điều 16 khoản 1"),
        (Kind.DENUNCIATION, 7, Unit.WORKING, "Luật Tố cáo số 25/2018/QH14, Điều 24 khoản 1"),
        (Kind.MEDIATION, 3, Unit.CALENDAR, "Luật Hòa giải ở cơ sở số 35/2013/QH13, Điều 20"),
        (Kind.QUESTION, 5, Unit.WORKING, "Luật Phổ biến, giáo dục pháp luật số 14/2012/QH13"),
    ],
)
def test_real_policy(policy: DeadlinePolicy, kind: Kind, days: int, unit: Unit, basis: str) -> None:
    deadline = policy.for_kind(kind)
    assert (deadline.kind, deadline.days, deadline.unit) == (kind, days, unit)
    assert basis in deadline.basis
    assert deadline.clock


def test_real_policy_notes_and_header(policy: DeadlinePolicy) -> None:
    complaint = policy.for_kind(Kind.COMPLAINT)
    assert "Luật Khiếu nại số 02/2011/QH13, Điều 27" in complaint.basis
    assert "7 ngày làm việc" in complaint.note and "[chưa xác minh]" in complaint.note
    assert "chính sách của địa phương" in policy.for_kind(Kind.QUESTION).note
    assert policy.reviewed == date(2026, 11, 22)
    assert policy.timezone.key == "Asia/Ho_Chi_Minh"
    assert policy.calendar.extra_days_off == frozenset()
    assert policy.for_kind(Kind.FEEDBACK).period == "10 ngày làm việc"
    assert policy.for_kind(Kind.MEDIATION).period == "3 ngày"


CALENDAR = WorkingCalendar()


def test_tet_2026() -> None:
    # The official Tết 2026 break for civil servants is Sat 14 - Sun 22 Feb 2026.
    # The holidays package returns Mon 16 - Fri 20 Feb (Lunar New Year's Eve to the
    # fourth day); with the two weekends around them that is the same 14-22 Feb span.
    assert CALENDAR.is_working_day(date(2026, 2, 13))
    assert not any(CALENDAR.is_working_day(date(2026, 2, d)) for d in range(14, 23))
    assert CALENDAR.is_working_day(date(2026, 2, 23))
    assert CALENDAR.add_working_days(date(2026, 2, 13), 1) == date(2026, 2, 23)


def test_reunification_and_labour_day_2026() -> None:
    # Hùng Kings' day falls on Sun 26 Apr 2026; the package gives Mon 27 Apr off instead.
    off = [date(2026, 4, 27), date(2026, 4, 30), date(2026, 5, 1)]
    assert not any(CALENDAR.is_working_day(d) for d in off)
    assert CALENDAR.is_working_day(date(2026, 4, 28))
    assert CALENDAR.is_working_day(date(2026, 5, 4))


def test_national_day_2026_with_swapped_saturday() -> None:
    # What the holidays package returns (not checked against the official notice):
    # 1-2 Sep, plus Mon 31 Aug off in exchange for working Sat 22 Aug.
    assert not any(CALENDAR.is_working_day(date(2026, m, d)) for m, d in [(8, 31), (9, 1), (9, 2)])
    assert CALENDAR.is_working_day(date(2026, 8, 22))
    assert CALENDAR.add_working_days(date(2026, 8, 21), 1) == date(2026, 8, 22)
    assert CALENDAR.add_working_days(date(2026, 8, 28), 1) == date(2026, 9, 3)


def test_weekends_and_year_end() -> None:
    assert not CALENDAR.is_working_day(date(2026, 3, 14))  # Saturday
    assert not CALENDAR.is_working_day(date(2026, 3, 15))  # Sunday
    # 1 Jan 2027 is a Friday holiday.
    assert CALENDAR.add_working_days(date(2026, 12, 31), 1) == date(2027, 1, 4)
    assert CALENDAR.add_working_days(date(2026, 3, 13), 0) == date(2026, 3, 13)
    with pytest.raises(ValueError, match="negative"):
        CALENDAR.add_working_days(date(2026, 3, 13), -1)


def test_extra_days_off() -> None:
    calendar = WorkingCalendar(frozenset({date(2026, 3, 16)}))
    assert not calendar.is_working_day(date(2026, 3, 16))
    assert calendar.add_working_days(date(2026, 3, 13), 1) == date(2026, 3, 17)


@pytest.mark.parametrize(
    ("kind", "received", "due"),
    [
        # Friday evening: the count starts Monday; 10 working days end the Friday after.
        (Kind.FEEDBACK, at(2026, 3, 13, 19, 30), date(2026, 3, 27)),
        # Received on a Saturday: day 1 is Monday.
        (Kind.FEEDBACK, at(2026, 3, 14, 9, 0), date(2026, 3, 27)),
        # Received the Friday before Tết: nine days off, then ten working days.
        (Kind.COMPLAINT, at(2026, 2, 13, 16, 0), date(2026, 3, 6)),
        # Around 30/4-1/5: 28, 29 Apr, then 4-8 May.
        (Kind.DENUNCIATION, at(2026, 4, 24, 10, 0), date(2026, 5, 8)),
        # Around 2/9: 28 Aug, then 3, 4, 7, 8 Sep.
        (Kind.QUESTION, at(2026, 8, 27, 10, 0), date(2026, 9, 8)),
        # Calendar days run through weekends and holidays alike.
        (Kind.MEDIATION, at(2026, 2, 13, 16, 0), date(2026, 2, 16)),
        (Kind.MEDIATION, at(2026, 3, 13, 23, 59), date(2026, 3, 16)),
    ],
)
def test_due_date(policy: DeadlinePolicy, kind: Kind, received: datetime, due: date) -> None:
    assert policy.due_date(kind, received) == due


def test_due_date_uses_vietnam_time(policy: DeadlinePolicy) -> None:
    # 18:00 UTC on Thursday 12 March is 01:00 on Friday 13 March in Hà Nội.
    received = datetime(2026, 3, 12, 18, 0, tzinfo=UTC)
    assert policy.due_date(Kind.FEEDBACK, received) == date(2026, 3, 27)
    assert policy.due_date(Kind.MEDIATION, received) == date(2026, 3, 16)


def test_due_date_refuses_naive_datetimes(policy: DeadlinePolicy) -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        policy.due_date(Kind.FEEDBACK, datetime(2026, 3, 13, 10, 0))


REAL_TEXT = DEADLINES_FILE.read_text(encoding="utf-8")


def load_variant(tmp_path: Path, text: str) -> DeadlinePolicy:
    path = tmp_path / "deadlines.toml"
    path.write_text(text, encoding="utf-8")
    return DeadlinePolicy.from_file(path)


def line_of(text: str, needle: str) -> int:
    return text.splitlines().index(needle) + 1


def test_bad_unit_names_the_table_and_line(tmp_path: Path) -> None:
    text = REAL_TEXT.replace('unit = "calendar"', 'unit = "hours"')
    with pytest.raises(ContentError) as caught:
        load_variant(tmp_path, text)
    assert caught.value.line == line_of(text, "[hoa_giai]")
    assert caught.value.detail == "[hoa_giai]: unit 'hours' must be 'working' or 'calendar'"


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("days = 3\n", "days = 0\n", r"\[hoa_giai\]: days must be positive, not 0"),
        ("days = 3\n", 'days = "3"\n', "field 'days' must be an integer"),
        ("days = 3\n", "", "missing field 'days'"),
        ("[cau_hoi]", "[cau_hoi_khac]", r"unknown field 'cau_hoi_khac'"),
        ('timezone = "Asia/Ho_Chi_Minh"', 'timezone = "Asia/Hanoi_City"', "unknown timezone"),
        ("extra_days_off = []", 'extra_days_off = ["31/12/2026"]', "not a date like"),
        ("reviewed = 2026-11-22", 'reviewed = "22/11/2026"', "field 'reviewed' must be a date"),
        ('basis = "Luật Tố cáo', 'bases = "Luật Tố cáo', r"\[to_cao\]: unknown field 'bases'"),
    ],
)
def test_malformed_files(tmp_path: Path, old: str, new: str, message: str) -> None:
    assert old in REAL_TEXT
    with pytest.raises(ContentError, match=message):
        load_variant(tmp_path, REAL_TEXT.replace(old, new, 1))


def test_missing_kind(tmp_path: Path) -> None:
    text = REAL_TEXT[: REAL_TEXT.index("[cau_hoi]")]
    with pytest.raises(ContentError, match=r"missing table \[cau_hoi\]"):
        load_variant(tmp_path, text)


def test_extra_days_off_from_file(tmp_path: Path) -> None:
    text = REAL_TEXT.replace("extra_days_off = []", 'extra_days_off = [2026-03-16, "2026-03-17"]')
    policy = load_variant(tmp_path, text)
    assert policy.calendar.extra_days_off == {date(2026, 3, 16), date(2026, 3, 17)}
    # Friday 13 March: Monday and Tuesday off locally, so day 1 is Wednesday 18.
    assert policy.due_date(Kind.QUESTION, at(2026, 3, 13, 10, 0)) == date(2026, 3, 24)
