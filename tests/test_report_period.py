"""Report periods as officers type them, and dates as the command line takes them."""

from __future__ import annotations

from datetime import date

import pytest

from bot.reports.period import PeriodError, parse_chat_period, parse_date

TODAY = date(2026, 11, 23)  # in the fourth quarter
SPAN = "từ ngày 01/07/2026 đến ngày 15/08/2026"


@pytest.mark.parametrize(
    ("text", "first", "last", "label"),
    [
        ("", "2026-10-01", "2026-12-31", "quý IV năm 2026"),
        ("quý", "2026-10-01", "2026-12-31", "quý IV năm 2026"),
        ("quy truoc", "2026-07-01", "2026-09-30", "quý III năm 2026"),
        ("quý 3 2026", "2026-07-01", "2026-09-30", "quý III năm 2026"),
        ("Quý I/2025", "2025-01-01", "2025-03-31", "quý I năm 2025"),
        ("6 tháng", "2026-01-01", "2026-06-30", "6 tháng đầu năm 2026"),
        ("6 thang 2025", "2025-01-01", "2025-06-30", "6 tháng đầu năm 2025"),
        ("9 tháng", "2026-01-01", "2026-09-30", "9 tháng năm 2026"),
        ("năm", "2026-01-01", "2026-12-31", "năm 2026"),
        ("năm trước", "2025-01-01", "2025-12-31", "năm 2025"),
        ("tháng 2 2024", "2024-02-01", "2024-02-29", "tháng 2/2024"),
        ("tháng trước", "2026-10-01", "2026-10-31", "tháng 10/2026"),
        ("01/07/2026 15/08/2026", "2026-07-01", "2026-08-15", SPAN),
        ("2026-07-01 đến 2026-08-15", "2026-07-01", "2026-08-15", SPAN),
    ],
)  # fmt: skip
def test_periods(text: str, first: str, last: str, label: str) -> None:
    period = parse_chat_period(text, TODAY)
    assert (period.first.isoformat(), period.last.isoformat(), period.label) == (
        first,
        last,
        label,
    )


@pytest.mark.parametrize(
    "text",
    [
        "tuần",
        "quý 5",
        "tháng 13",
        "31/02/2026 01/03/2026",
        "năm 0000",
        "quý 1 0000",
        "tháng 12 9999",
        "01/01/2026 31/12/9999",
    ],
)
def test_periods_not_understood(text: str) -> None:
    with pytest.raises(PeriodError):
        parse_chat_period(text, TODAY)


def test_a_period_must_not_end_before_it_starts() -> None:
    with pytest.raises(PeriodError, match="before it starts"):
        parse_chat_period("01/08/2026 01/07/2026", TODAY)


def test_dates_for_the_command_line() -> None:
    assert parse_date("2026-03-31") == date(2026, 3, 31)
    for bad in ("2026-13-01", "31-03-2026", "hôm qua"):
        with pytest.raises(PeriodError):
            parse_date(bad)
