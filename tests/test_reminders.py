"""Morning digests and escalations: derived from the database, never lost nor repeated."""

from __future__ import annotations

from datetime import date, datetime, time

from bot.demo import TZ, submit_feedback
from bot.world import World
from emulator.model import EmuChat, EmuUser


def at(day: date, hour: int, minute: int = 0) -> float:
    """Return the timestamp of a local (Asia/Ho_Chi_Minh) time."""
    return datetime.combine(day, time(hour, minute), TZ).timestamp()


async def remind(world: World, now: float) -> None:
    """Run the reminder job as the job queue would at `now`, and deliver what it queued."""
    async with world.services.db.transaction():
        await world.services.reminders.run(now)
    await world.idle()


async def test_digest_once_per_working_morning_even_across_a_restart(
    world: World, ward_group: tuple[EmuChat, EmuUser]
) -> None:
    group, _ = ward_group
    code = await submit_feedback(world, world.emulator.add_user("Mai"), "Ba Đình", "Ổ gà ngõ 3.")
    ticket = await world.ticket(code)
    due = date.fromisoformat(ticket.due_date)
    calendar = world.services.deps.deadlines.calendar
    # The last working day before the deadline, at 07:00 (before the digest) then 07:30.
    day = due
    while not (day < due and calendar.is_working_day(day)):
        day = date.fromordinal(day.toordinal() - 1)
    before = len(world.emulator.bot_messages(group.id))
    await remind(world, at(day, 7, 0))
    assert len(world.emulator.bot_messages(group.id)) == before  # not yet time
    await remind(world, at(day, 7, 30))
    digest = world.last(group.id).plain_text or ""
    assert "1 yêu cầu đang mở" in digest and "1 sắp đến hạn" in digest and code in digest
    assert "Mai" not in digest  # who sent it is never in a reminder
    await world.stop_bot()
    await world.start_bot()
    await remind(world, at(day, 9, 0))
    assert len(world.emulator.bot_messages(group.id)) == before + 1  # not repeated


async def test_overdue_escalates_once_then_again_after_the_set_time(
    world: World, ward_group: tuple[EmuChat, EmuUser]
) -> None:
    group, _ = ward_group
    upper = world.emulator.add_group("Lãnh đạo UBND", members=[world.admin])
    await world.say(upper.id, world.admin, "/bind_supervisor")
    code = await submit_feedback(world, world.emulator.add_user("Cúc"), "Ba Đình", "Nước bẩn.")
    ticket = await world.ticket(code)
    late = date.fromordinal(date.fromisoformat(ticket.due_date).toordinal() + 1)
    await remind(world, at(late, 6))
    first = [m for m in world.emulator.bot_messages(upper.id) if code in (m.text or "")]
    assert len(first) == 1 and "quá hạn" in (first[0].plain_text or "")
    assert "báo lên cấp trên (lần 1)" in (world.last(group.id).plain_text or "")
    await remind(world, at(late, 6, 30))  # the next run: nothing new
    await remind(world, at(late, 6) + 47 * 3600)
    assert len([m for m in world.emulator.bot_messages(upper.id) if code in (m.text or "")]) == 1
    await remind(world, at(late, 6) + 48 * 3600)
    again = [m for m in world.emulator.bot_messages(upper.id) if code in (m.text or "")]
    assert len(again) == 2 and "Nhắc lần 2" in (again[-1].plain_text or "")
    await remind(world, at(late, 6) + 30 * 24 * 3600)  # never a third time
    assert len([m for m in world.emulator.bot_messages(upper.id) if code in (m.text or "")]) == 2
