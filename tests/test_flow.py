"""End to end through the emulator: the citizen, the officers' group and back."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from bot.config import BUNDLED_CONTENT
from bot.demo import play, run_demo, submit_feedback
from bot.world import World
from emulator.model import EmuChat, EmuUser


async def test_full_scenario_reaches_everyone(world: World) -> None:
    citizen, group, _officer = await play(world)
    emu = world.emulator
    code = world.receipt_code(citizen.id)
    card = world.card(group.id, code)
    assert "Đã giải quyết" in (card.plain_text or "") and "Bình Trần" in (card.plain_text or "")
    assert card.edits >= 2 and not (card.reply_markup or {}).get("inline_keyboard")
    assert "ngõ 12 phố Đội Cấn &lt;3 ngày" in (card.text or "")  # user text escaped in HTML
    copies = [m for m in emu.bot_messages(group.id) if m.copied_from is not None]
    assert len(copies) == 1 and copies[0].copied_from is not None
    assert copies[0].copied_from[0] == citizen.id
    answer = world.find(citizen.id, "Phường Ba Đình trả lời")
    assert "tổ vệ sinh thu gom" in (answer.plain_text or "")
    assert world.find(group.id, "Đã gửi tới công dân").reply_to is not None
    assert "Đã thu gom xong" in (world.find(group.id, "Công dân bổ sung").plain_text or "")
    assert "hài lòng" in (world.last(group.id).plain_text or "")
    async with world.services.db.transaction():
        ticket = await world.services.deps.tickets.by_code(code)
        assert ticket is not None
        events = await world.services.deps.tickets.events(ticket.id)
    assert ticket.status == "resolved" and ticket.rating == "satisfied"
    assert [e.action for e in events] == [
        "created",
        "claimed",
        "answered",
        "follow_up",
        "resolved",
        "rated",
    ]
    assert events[1].actor_name == "Bình Trần"


async def test_commands_are_registered(world: World) -> None:
    names = {c["command"] for c in world.emulator.commands}
    assert {"start", "new", "status", "cancel", "help"} <= names
    scopes = world.emulator.commands_by_scope
    (groups,) = [menu for key, menu in scopes.items() if '"all_group_chats"' in key]
    assert {"queue", "assign", "extend"} <= {c["command"] for c in groups}


async def test_status_shows_own_tickets_only(
    world: World, ward_group: tuple[EmuChat, EmuUser]
) -> None:
    alice = world.emulator.add_user("Alice")
    bob = world.emulator.add_user("Bob")
    code = await submit_feedback(world, alice, "Ba Đình", "Đèn đường tổ 5 hỏng đã một tuần.")
    await world.say(alice.id, alice, "/status")
    assert code in (world.last(alice.id).plain_text or "")
    await world.say(alice.id, alice, f"/status {code.lower()}")
    history = world.last(alice.id).plain_text or ""
    assert "Lịch sử xử lý" in history and "Tiếp nhận" in history
    await world.say(bob.id, bob, f"/status {code}")
    assert "Không tìm thấy" in (world.last(bob.id).plain_text or "")
    await world.say(bob.id, bob, "/status")
    assert "chưa gửi yêu cầu nào" in (world.last(bob.id).plain_text or "")


async def test_note_stays_internal_and_queue_lists_open(
    world: World, ward_group: tuple[EmuChat, EmuUser]
) -> None:
    group, officer = ward_group
    citizen = world.emulator.add_user("Cường")
    code = await submit_feedback(world, citizen, "ba dinh", "Vỉa hè bị lấn chiếm trước số 7.")
    before = len(world.emulator.bot_messages(citizen.id))
    card = world.card(group.id, code)
    await world.say(group.id, officer, "#note đã gọi tổ trưởng", reply_to=card.message_id)
    assert len(world.emulator.bot_messages(citizen.id)) == before
    assert "ghi chú nội bộ" in (world.last(group.id).plain_text or "")
    await world.say(group.id, officer, "/queue")
    assert code in (world.last(group.id).plain_text or "")
    await world.say(group.id, officer, f"/ticket {code}")
    assert "đã gọi tổ trưởng" in (world.last(group.id).plain_text or "")


async def test_demo_runs_twice_on_the_same_database(tmp_path: Path) -> None:
    db = tmp_path / "demo.sqlite3"
    for _ in range(2):
        transcript = await run_demo(db, BUNDLED_CONTENT)
        assert "Công dân đánh giá" in transcript and "hài lòng" in transcript
        assert "đã gửi xong.\n   Gửi được: 1" in transcript  # the bulletin, on either run
        assert "Đối thoại sắp tới" in transcript
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT COUNT(*) FROM tickets").fetchone() == (2,)


async def test_a_question_taken_for_a_follow_up_can_be_asked_instead(
    world: World, ward_group: tuple[EmuChat, EmuUser]
) -> None:
    group, officer = ward_group
    citizen = world.emulator.add_user("Nga")
    code = await submit_feedback(world, citizen, "Ba Đình", "Đèn đường ngõ 4 tắt cả tuần.")
    card = world.card(group.id, code)
    await world.say(group.id, officer, "Điện lực sẽ thay bóng mai.", reply_to=card.message_id)
    # Plain text while the answered ticket waits for the citizen counts as a follow-up...
    await world.say(citizen.id, citizen, "lam cccd can giay to gi")
    assert "thông tin bổ sung" in (world.last(citizen.id).plain_text or "")
    await world.press(citizen.id, citizen, "Không phải bổ sung")
    # ...until the citizen says it was a new question: then the FAQ answers it.
    assert "Căn cứ" in (world.last(citizen.id).plain_text or "")
    assert "không phải bổ sung" in (world.last(group.id).plain_text or "")
    ticket = await world.ticket(code)
    async with world.services.db.transaction():
        events = await world.services.deps.tickets.events(ticket.id)
    assert [e.action for e in events][-2:] == ["follow_up", "follow_up_retracted"]
