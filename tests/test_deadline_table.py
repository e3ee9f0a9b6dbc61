"""The bot's deadlines against the calendar and the due dates worked out by hand (bench/)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bench.deadlines import (
    DEADLINES_FILE,
    FIRST,
    LAST,
    HandCalendar,
    calendar_differences,
    known_dates,
    sweep,
)
from bot.deadline_file import load_policy
from bot.deadlines import DeadlinePolicy


@pytest.fixture(scope="module")
def policy() -> DeadlinePolicy:
    return load_policy(DEADLINES_FILE)


@pytest.fixture(scope="module")
def hand() -> HandCalendar:
    return HandCalendar.load()


def test_calendar_matches_the_hand_calendar_every_day(
    policy: DeadlinePolicy, hand: HandCalendar
) -> None:
    # A newer holidays package or an edit of content/deadlines.toml that moves a day off shows
    # up here: check the official notice, then fix bench/vn_calendar.tsv or the content file.
    assert calendar_differences(policy, hand) == []
    assert (LAST - FIRST).days + 1 == 912


def test_hand_calendar_is_well_formed(hand: HandCalendar) -> None:
    assert set(hand.status.values()) == {"verified", "proposal", "unverified"}
    for day, works in hand.exceptions.items():
        assert works == (day.weekday() >= 5), f"{day} is not an exception to Monday-Friday"
    # Tết 2026 as announced: Saturday 14 to Sunday 22 February, nothing worked in between.
    assert not any(hand.works(date(2026, 2, d)) for d in range(14, 23))
    with pytest.raises(ValueError, match="outside the hand calendar"):
        hand.works(date(2028, 7, 1))


def test_known_dates(policy: DeadlinePolicy) -> None:
    cases = known_dates(policy)
    assert len(cases) >= 30
    wrong = [(case, expected, got, why) for case, expected, got, why in cases if expected != got]
    assert wrong == []


def test_every_day_of_two_years_every_clock(policy: DeadlinePolicy, hand: HandCalendar) -> None:
    count, differ, _ = sweep(policy, hand)
    assert count == 730 * 11  # 5 one-variant clocks + complaint 1 + 2 + denunciation 2 + 3
    assert differ == []


def test_the_tables_catch_a_missing_swap(tmp_path: Path, hand: HandCalendar) -> None:
    # Without the 2026 New Year swap (2/1 off, Saturday 10/1 worked) the package alone is wrong.
    text = DEADLINES_FILE.read_text(encoding="utf-8")
    text = text.replace("    2026-01-02,", "").replace("    2026-01-10,", "")
    path = tmp_path / "deadlines.toml"
    path.write_text(text, encoding="utf-8")
    policy = load_policy(path)
    assert [line[:10] for line in calendar_differences(policy, hand)] == [
        "2026-01-02",
        "2026-01-10",
    ]
    assert sum(expected != got for _, expected, got, _ in known_dates(policy)) == 2
    assert len(sweep(policy, hand)[1]) > 0
