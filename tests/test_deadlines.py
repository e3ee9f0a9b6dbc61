"""Tests for bot.deadlines on the real content/deadlines.toml and Vietnam's 2026 calendar."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from bot.cli import main
from bot.content import ContentError
from bot.deadline_file import load_policy
from bot.deadlines import DeadlinePolicy, Start
from bot.kinds import Kind
from bot.workdays import EndRule, Unit, WorkingCalendar, _national_days_off

DEADLINES_FILE = Path(__file__).resolve().parent.parent / "content" / "deadlines.toml"
VN = timezone(timedelta(hours=7))


@pytest.fixture(scope="module")
def policy() -> DeadlinePolicy:
    return load_policy(DEADLINES_FILE)


def at(year: int, month: int, day: int, hour: int, minute: int) -> datetime:
    """Return a moment in Vietnam's local time."""
    return datetime(year, month, day, hour, minute, tzinfo=VN)


@pytest.mark.parametrize(
    ("kind", "clocks", "basis"),
    [
        (Kind.FEEDBACK, [("response", 10, Unit.WORKING)], "Tiếp công dân số 42/2013/QH13, Điều 28"),
        (
            Kind.COMPLAINT,
            [("acceptance", 10, Unit.WORKING), ("resolution", 30, Unit.CALENDAR)],
            "Nghị định 124/2020/NĐ-CP, Điều 16 khoản 1",
        ),
        (
            Kind.DENUNCIATION,
            [("acceptance", 7, Unit.WORKING), ("resolution", 30, Unit.CALENDAR)],
            "Luật Tố cáo số 25/2018/QH14, Điều 24 khoản 1",
        ),
        (
            Kind.MEDIATION,
            [("start", 3, Unit.CALENDAR)],
            "Hòa giải ở cơ sở số 35/2013/QH13, Điều 20",
        ),
        (Kind.QUESTION, [("answer", 5, Unit.WORKING)], "Phổ biến, giáo dục pháp luật số 14/2012"),
    ],
)
def test_real_policy(
    policy: DeadlinePolicy, kind: Kind, clocks: list[tuple[str, int, Unit]], basis: str
) -> None:
    found = policy.clocks[kind]
    assert [(c.name, c.days, c.unit) for c in found] == clocks
    assert [c.start for c in found] == [Start.RECEIPT, Start.ACCEPTANCE][: len(clocks)]
    assert basis in found[0].basis
    assert all(c.kind is kind and c.label and c.title for c in found)
    assert policy.for_kind(kind) is found[0]


def test_real_policy_second_clocks(policy: DeadlinePolicy) -> None:
    complaint = policy.after_acceptance(Kind.COMPLAINT)
    assert complaint is not None and complaint.complex_days == 45
    assert complaint.max_extensions == 0 and "Khiếu nại số 02/2011/QH13, Điều 28" in complaint.basis
    denunciation = policy.after_acceptance(Kind.DENUNCIATION)
    assert denunciation is not None and denunciation.complex_days is None
    assert (denunciation.max_extensions, denunciation.extension_days) == (2, 30)
    assert "Luật Tố cáo số 25/2018/QH14, Điều 30" in denunciation.basis
    screening = policy.for_kind(Kind.DENUNCIATION)
    # 7 working days, "không quá 10 ngày làm việc" when verification needs several places.
    assert screening.total_days(extensions=screening.max_extensions) == 10
    assert policy.after_acceptance(Kind.FEEDBACK) is None


def test_real_policy_notes_and_header(policy: DeadlinePolicy) -> None:
    complaint = policy.for_kind(Kind.COMPLAINT)
    assert "Luật Khiếu nại số 02/2011/QH13, Điều 27" in complaint.basis
    assert "7 ngày làm việc" in complaint.note and "[chưa xác minh]" in complaint.note
    assert "chính sách của địa phương" in policy.for_kind(Kind.QUESTION).note
    assert policy.reviewed == date(2026, 11, 23)
    assert policy.timezone.key == "Asia/Ho_Chi_Minh"
    assert policy.end_rule is EndRule.NEXT_WORKING_DAY
    # Tết Dương lịch 2026, swapped by 12729/VPCP-KGVX; the package does not know it.
    assert policy.calendar == WorkingCalendar(
        frozenset({date(2026, 1, 2)}), frozenset({date(2026, 1, 10)})
    )
    assert policy.for_kind(Kind.FEEDBACK).period == "10 ngày làm việc"
    assert policy.for_kind(Kind.MEDIATION).period == "3 ngày"


CALENDAR = WorkingCalendar()


def test_tet_2026() -> None:
    # The official break for civil servants is Sat 14 - Sun 22 Feb 2026 (9 days); the package
    # gives Mon 16 - Fri 20 Feb, which with the weekends around them is the same span.
    assert CALENDAR.is_working_day(date(2026, 2, 13))
    assert not any(CALENDAR.is_working_day(date(2026, 2, d)) for d in range(14, 23))
    assert CALENDAR.is_working_day(date(2026, 2, 23))
    assert CALENDAR.add_working_days(date(2026, 2, 13), 1) == date(2026, 2, 23)
    assert CALENDAR.add_working_days(date(2026, 2, 17), 1) == date(2026, 2, 23)


def test_reunification_and_labour_day_2026() -> None:
    # Hùng Kings' day falls on Sun 26 Apr 2026; Mon 27 Apr is the day in lieu.
    off = [date(2026, 4, 27), date(2026, 4, 30), date(2026, 5, 1)]
    assert not any(CALENDAR.is_working_day(d) for d in off)
    assert CALENDAR.is_working_day(date(2026, 4, 28))
    assert CALENDAR.is_working_day(date(2026, 5, 4))


def test_national_day_2026_with_swapped_saturday() -> None:
    # As the package has it: 1-2 Sep, plus Mon 31 Aug off in exchange for working Sat 22 Aug.
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


def test_extra_days_off_and_working_days() -> None:
    calendar = WorkingCalendar(
        extra_days_off=frozenset({date(2026, 3, 16)}),
        extra_working_days=frozenset({date(2026, 11, 24), date(2026, 3, 14)}),
    )
    assert not calendar.is_working_day(date(2026, 3, 16))
    assert calendar.add_working_days(date(2026, 3, 13), 1) == date(2026, 3, 14)
    assert calendar.add_working_days(date(2026, 3, 13), 2) == date(2026, 3, 17)
    # Ngày Văn hóa Việt Nam: off by the package, back to work if the admin says so.
    assert not CALENDAR.is_working_day(date(2026, 11, 24))
    assert calendar.is_working_day(date(2026, 11, 24))


def test_period_end_rolls_calendar_days_off_forward() -> None:
    rule, keep = EndRule.NEXT_WORKING_DAY, EndRule.KEEP
    # 30 days after Thu 12 Mar 2026 is Sat 11 Apr: the period ends Mon 13 Apr.
    assert CALENDAR.period_end(date(2026, 3, 12), 30, Unit.CALENDAR, rule) == date(2026, 4, 13)
    assert CALENDAR.period_end(date(2026, 3, 12), 30, Unit.CALENDAR, keep) == date(2026, 4, 11)
    # 45 days is Sun 26 Apr (Hùng Kings), then Mon 27 Apr in lieu: Tue 28 Apr.
    assert CALENDAR.period_end(date(2026, 3, 12), 45, Unit.CALENDAR, rule) == date(2026, 4, 28)
    assert CALENDAR.period_end(date(2026, 3, 12), 10, Unit.WORKING, keep) == date(2026, 3, 26)


@pytest.mark.parametrize(
    ("kind", "received", "due"),
    [
        # Friday evening: the count starts Monday; 10 working days end the Friday after.
        (Kind.FEEDBACK, at(2026, 3, 13, 19, 30), date(2026, 3, 27)),
        # Received on a Saturday: day 1 is Monday.
        (Kind.FEEDBACK, at(2026, 3, 14, 9, 0), date(2026, 3, 27)),
        # Received the Friday before Tết: nine days off, then ten working days.
        (Kind.COMPLAINT, at(2026, 2, 13, 16, 0), date(2026, 3, 6)),
        # Received on the first day of Tết: the same.
        (Kind.COMPLAINT, at(2026, 2, 17, 10, 0), date(2026, 3, 6)),
        # Around 30/4-1/5: 28, 29 Apr, then 4-8 May.
        (Kind.DENUNCIATION, at(2026, 4, 24, 10, 0), date(2026, 5, 8)),
        # Around 2/9: 28 Aug, then 3, 4, 7, 8 Sep.
        (Kind.QUESTION, at(2026, 8, 27, 10, 0), date(2026, 9, 8)),
        # Three plain days from Fri 13 Feb end on Mon 16 Feb, in Tết: the next working day.
        (Kind.MEDIATION, at(2026, 2, 13, 16, 0), date(2026, 2, 23)),
        (Kind.MEDIATION, at(2026, 3, 13, 23, 59), date(2026, 3, 16)),
    ],
)
def test_due_date(policy: DeadlinePolicy, kind: Kind, received: datetime, due: date) -> None:
    assert policy.due_date(kind, received) == due
    assert policy.due_date(kind, received.timestamp()) == due


def test_due_date_uses_vietnam_time(policy: DeadlinePolicy) -> None:
    # 18:00 UTC on Thursday 12 March is 01:00 on Friday 13 March in Hà Nội.
    received = datetime(2026, 3, 12, 18, 0, tzinfo=UTC)
    assert policy.due_date(Kind.FEEDBACK, received) == date(2026, 3, 27)
    assert policy.due_date(Kind.MEDIATION, received) == date(2026, 3, 16)


def test_due_date_refuses_naive_datetimes(policy: DeadlinePolicy) -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        policy.due_date(Kind.FEEDBACK, datetime(2026, 3, 13, 10, 0))


@dataclass(frozen=True)
class Facts:
    kind: str
    received_on: str = "2026-03-02"
    accepted_on: str | None = None
    is_complex: int = 0
    extensions: int = 0


def test_state_of_a_complaint(policy: DeadlinePolicy) -> None:
    waiting = policy.state(Facts("khieu_nai"))
    assert (waiting.clock.name, waiting.due, waiting.started) == (
        "acceptance",
        date(2026, 3, 16),
        date(2026, 3, 2),
    )
    assert waiting.next is not None and waiting.next.name == "resolution"
    # A complex flag set before acceptance does not touch the acceptance clock.
    assert policy.state(Facts("khieu_nai", is_complex=1)).due == date(2026, 3, 16)
    accepted = policy.state(Facts("khieu_nai", accepted_on="2026-03-12"))
    assert (accepted.clock.name, accepted.due, accepted.next) == (
        "resolution",
        date(2026, 4, 13),
        None,
    )
    assert accepted.period() == "30 ngày"
    complex_case = policy.state(Facts("khieu_nai", accepted_on="2026-03-12", is_complex=1))
    assert complex_case.due == date(2026, 4, 28)
    assert complex_case.period() == "45 ngày, vụ việc phức tạp"


def test_state_of_a_denunciation(policy: DeadlinePolicy) -> None:
    screening = policy.state(Facts("to_cao", extensions=1))
    assert screening.due == policy.calendar.add_working_days(date(2026, 3, 2), 10)
    dues = [
        policy.state(Facts("to_cao", accepted_on="2026-03-12", extensions=n)).due for n in range(4)
    ]
    # 30, 60 and 90 days from 12 Mar; a fourth extension is beyond the law and not counted.
    assert dues == [date(2026, 4, 13), date(2026, 5, 11), date(2026, 6, 10), date(2026, 6, 10)]
    twice = policy.state(Facts("to_cao", accepted_on="2026-03-12", extensions=2))
    assert twice.period() == "30 ngày + gia hạn 2/2 lần × 30 ngày"
    # Complex has no meaning for a denunciation's clock: extensions are its way.
    assert not policy.state(Facts("to_cao", accepted_on="2026-03-12", is_complex=1)).is_complex


def test_one_clock_kinds_ignore_acceptance(policy: DeadlinePolicy) -> None:
    state = policy.state(Facts("phan_anh", accepted_on="2026-03-12"))
    assert (state.clock.name, state.due, state.accepted_on) == (
        "response",
        date(2026, 3, 16),
        date(2026, 3, 12),
    )


REAL_TEXT = DEADLINES_FILE.read_text(encoding="utf-8")


def load_variant(tmp_path: Path, text: str) -> DeadlinePolicy:
    path = tmp_path / "deadlines.toml"
    path.write_text(text, encoding="utf-8")
    return load_policy(path)


def line_of(text: str, needle: str, nth: int = 1) -> int:
    lines = [n for n, line in enumerate(text.splitlines(), start=1) if line == needle]
    return lines[nth - 1]


def test_bad_unit_names_the_clock_and_line(tmp_path: Path) -> None:
    text = REAL_TEXT.replace(
        'unit = "calendar"\nfrom = "receipt"', 'unit = "hours"\nfrom = "receipt"'
    )
    with pytest.raises(ContentError) as caught:
        load_variant(tmp_path, text)
    assert caught.value.line == line_of(text, "[[hoa_giai.clock]]")
    assert caught.value.detail == "hoa_giai.clock #1: unit 'hours' must be 'working' or 'calendar'"
    assert str(caught.value).startswith(f"{tmp_path / 'deadlines.toml'}:{caught.value.line}: ")


def test_second_clock_errors_point_at_it(tmp_path: Path) -> None:
    text = REAL_TEXT.replace("complex_days = 45", "complex_days = 30")
    with pytest.raises(ContentError, match="complex_days") as caught:
        load_variant(tmp_path, text)
    assert caught.value.line == line_of(text, "[[khieu_nai.clock]]", nth=2)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("\ndays = 3\n", "\ndays = 0\n", r"hoa_giai.clock #1: days must be positive, not 0"),
        ("\ndays = 3\n", '\ndays = "3"\n', "field 'days' must be an integer"),
        ("\ndays = 3\n", "\n", "missing field 'days'"),
        ("[[cau_hoi.clock]]", "[[cau_hoi_khac.clock]]", r"unknown field 'cau_hoi_khac'"),
        ('timezone = "Asia/Ho_Chi_Minh"', 'timezone = "Asia/Hanoi_City"', "unknown timezone"),
        ("    2026-01-02,", '    "02/01/2026",', "not a date like"),
        ("reviewed = 2026-11-23", 'reviewed = "23/11/2026"', "field 'reviewed' must be a date"),
        ('basis = "Luật Tố cáo', 'bases = "Luật Tố cáo', r"to_cao.clock #1: unknown field 'bases'"),
        ('name = "start"', 'name = "Bắt đầu"', "must be lowercase letters"),
        ('\nend_on_day_off = "next_working_day"', '\nend_on_day_off = "soon"', "'keep'"),
        ("extension_days = 30\n", "", "max_extensions and extension_days go together"),
        ("max_extensions = 2", "max_extensions = -1", "must not be negative"),
        (
            'name = "resolution"\nlabel = "giải quyết"\ntitle = "Giải quyết khiếu nại lần đầu"',
            'name = "acceptance"\nlabel = "giải quyết"\ntitle = "Giải quyết khiếu nại lần đầu"',
            "already used by the first clock",
        ),
        (
            'from = "acceptance"\nmax_extensions = 2',
            'from = "receipt"\nmax_extensions = 2',
            r"to_cao.clock #2: the second clock must run from 'acceptance'",
        ),
        (
            'days = 10\nunit = "working"\nfrom = "receipt"\nbasis = "Luật Tiếp',
            'days = 10\nunit = "working"\nfrom = "acceptance"\nbasis = "Luật Tiếp',
            r"phan_anh.clock #1: the first clock must run from 'receipt'",
        ),
        (
            "\nextra_working_days = [",
            "\nx = 1\nextra_working_days = [",
            "unknown field 'x'",
        ),
    ],
)
def test_malformed_files(tmp_path: Path, old: str, new: str, message: str) -> None:
    assert old in REAL_TEXT
    with pytest.raises(ContentError, match=message):
        load_variant(tmp_path, REAL_TEXT.replace(old, new, 1))


def test_missing_kind(tmp_path: Path) -> None:
    text = REAL_TEXT[: REAL_TEXT.index("[[cau_hoi.clock]]")]
    with pytest.raises(ContentError, match=r"no clock for 'cau_hoi': add a \[\[cau_hoi.clock\]\]"):
        load_variant(tmp_path, text)


def test_third_clock_and_stray_keys(tmp_path: Path) -> None:
    third = (
        '\n[[cau_hoi.clock]]\nname = "x"\nlabel = "x"\ntitle = "x"\ndays = 1\nunit = "working"\n'
    )
    third += 'from = "acceptance"\nbasis = "x"\n'
    with pytest.raises(ContentError, match="at most two clocks"):
        load_variant(tmp_path, REAL_TEXT + third.replace('"x"', '"y"', 1) + third)
    with pytest.raises(ContentError, match=r"'cau_hoi' must only hold \[\[cau_hoi.clock\]\]"):
        load_variant(tmp_path, REAL_TEXT + "\n[cau_hoi]\ndays = 5\n")


def test_extra_days_from_file(tmp_path: Path) -> None:
    text = REAL_TEXT.replace("    2026-01-02,", '    2026-03-16, "2026-03-17",')
    text = text.replace("    2026-01-10,", "    2026-11-24,")
    text = text.replace('end_on_day_off = "next_working_day"', 'end_on_day_off = "keep"')
    policy = load_variant(tmp_path, text)
    assert policy.calendar.extra_days_off == {date(2026, 3, 16), date(2026, 3, 17)}
    assert policy.calendar.extra_working_days == {date(2026, 11, 24)}
    # Friday 13 March: Monday and Tuesday off locally, so day 1 is Wednesday 18.
    assert policy.due_date(Kind.QUESTION, at(2026, 3, 13, 10, 0)) == date(2026, 3, 24)
    assert policy.due_date(Kind.MEDIATION, at(2026, 2, 13, 16, 0)) == date(2026, 2, 16)
    both = text.replace("    2026-11-24,", "    2026-03-16,")
    with pytest.raises(ContentError, match="2026-03-16 is in both"):
        load_variant(tmp_path, both)


def test_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["deadlines", "check"]) == 0
    assert "ok, 7 clocks, reviewed 2026-11-23" in capsys.readouterr().out
    args = ["deadlines", "due", "khieu_nai", "2026-03-02", "--accepted", "2026-03-12", "--complex"]
    assert main(args) == 0
    assert (
        capsys.readouterr().out
        == "resolution: hạn giải quyết 2026-04-28 (45 ngày, vụ việc phức tạp)\n"
    )
    bad = tmp_path / "deadlines.toml"
    bad.write_text(REAL_TEXT.replace("days = 7", 'days = "7"'), encoding="utf-8")
    assert main(["deadlines", "check", str(bad)]) == 2
    error = capsys.readouterr().err
    assert f"{bad}:{line_of(REAL_TEXT, '[[to_cao.clock]]')}: to_cao.clock #1: field 'days'" in error


def test_warm_works_out_this_and_next_years_days_off() -> None:
    # The first computation of a year costs ~0.1 s of CPU: start-up pays it, not a citizen.
    _national_days_off.cache_clear()
    WorkingCalendar().warm(date(2031, 5, 1))
    computed = _national_days_off.cache_info().misses
    assert WorkingCalendar().is_working_day(date(2031, 9, 2)) is False  # Quốc khánh
    WorkingCalendar().add_working_days(date(2032, 2, 5), 10)  # across Tết 2032
    assert _national_days_off.cache_info().misses == computed == 2
