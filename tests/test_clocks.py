"""Legal clocks through the emulator: acceptance, complex complaints, denunciation extensions."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from bot.config import BUNDLED_CONTENT
from bot.demo import confirm, submit_feedback
from bot.world import World
from emulator.model import EmuChat, EmuUser
from storage.tickets import EventRow, TicketRow

VN = timezone(timedelta(hours=7))


class ShiftedClock:
    """Real time moved to a chosen day, so the bot's legal deadlines can be checked."""

    def __init__(self, start: datetime) -> None:
        self.offset = 0.0
        self.move_to(start)

    def move_to(self, moment: datetime) -> None:
        self.offset = moment.timestamp() - time.time()

    def __call__(self) -> float:
        return time.time() + self.offset


MONDAY_2_MARCH = datetime(2026, 3, 2, 9, 0, tzinfo=VN)
THURSDAY_12_MARCH = datetime(2026, 3, 12, 10, 0, tzinfo=VN)


@pytest.fixture
def clock() -> ShiftedClock:
    return ShiftedClock(MONDAY_2_MARCH)


@pytest.fixture
async def world(tmp_path: Path, clock: ShiftedClock) -> AsyncIterator[World]:
    """The bot on a fresh database, with its clock on Monday 2 March 2026."""
    async with World(tmp_path / "danvan.sqlite3", BUNDLED_CONTENT, clock=clock) as running:
        yield running


async def file_with_identity(world: World, citizen: EmuUser, kind: str, text: str) -> str:
    """Walk a citizen through intake of a khiếu nại or tố cáo and return the tracking code."""
    chat = citizen.id
    await world.say(chat, citizen, "/new")
    await world.press(chat, citizen, kind)
    await world.press(chat, citizen, "Ba Đình")
    await world.press(chat, citizen, "Đất đai")
    await world.say(chat, citizen, text)
    await world.press(chat, citizen, "Tiếp tục")
    await world.say(chat, citizen, "Đỗ Thị Ánh")
    await world.say(chat, citizen, "12 Liễu Giai, Ba Đình")
    await world.say(chat, citizen, "0901 234 567")
    return await confirm(world, citizen)


async def stored(world: World, code: str) -> tuple[TicketRow, list[EventRow]]:
    async with world.services.db.transaction():
        ticket = await world.services.deps.tickets.by_code(code)
        assert ticket is not None
        return ticket, await world.services.deps.tickets.events(ticket.id)


def text_of(world: World, chat: int) -> str:
    return world.last(chat).plain_text or ""


def card_of(world: World, chat: int, code: str) -> tuple[str, list[str]]:
    card = world.card(chat, code)
    buttons = [
        b["text"] for row in (card.reply_markup or {}).get("inline_keyboard", []) for b in row
    ]
    return card.plain_text or "", buttons


async def test_complaint_accepted_then_complex(
    world: World, ward_group: tuple[EmuChat, EmuUser], clock: ShiftedClock
) -> None:
    group, officer = ward_group
    citizen = world.emulator.add_user("Ánh")
    code = await file_with_identity(world, citizen, "Khiếu nại", "Quyết định thu hồi đất sai.")
    receipt = world.find(citizen.id, "Mã tra cứu").plain_text or ""
    # Ten working days from Monday 2 March: 3-6, 9-13, 16 March.
    assert "Hạn thụ lý hoặc thông báo không thụ lý đơn khiếu nại: 16/03/2026" in receipt
    assert "10 ngày làm việc kể từ ngày tiếp nhận" in receipt
    assert "thời hạn giải quyết là 30 ngày kể từ ngày thụ lý, vụ việc phức tạp 45 ngày" in receipt
    card, buttons = card_of(world, group.id, code)
    assert "Hạn thụ lý: 16/03/2026 (10 ngày làm việc)" in card and "📋 Thụ lý" in buttons

    await world.say(group.id, officer, f"/complex {code} Nhiều hộ liên quan")
    assert "chưa được thụ lý" in text_of(world, group.id)

    clock.move_to(THURSDAY_12_MARCH)
    await world.press(group.id, officer, "Thụ lý")
    told = text_of(world, citizen.id)
    # 30 days from 12 March is Saturday 11 April: the period ends on Monday 13 April.
    assert "đã được thụ lý ngày 12/03/2026" in told and "Hạn giải quyết: 13/04/2026" in told
    card, buttons = card_of(world, group.id, code)
    assert "Thụ lý: 12/03/2026 · Hạn giải quyết: 13/04/2026 (30 ngày)" in card
    assert "Đang xử lý · Bình Trần" in card and "📋 Thụ lý" not in buttons

    await world.say(group.id, officer, f"/extend {code} Cần thêm thời gian")
    assert "không được gia hạn" in text_of(world, group.id) and "/complex" in text_of(
        world, group.id
    )
    await world.say(group.id, officer, f"/phuc_tap {code.lower()}  Nhiều hộ liên quan, cần đo đạc")
    # 45 days is Sunday 26 April (Giỗ Tổ), Monday 27 April is the day in lieu: Tuesday 28 April.
    assert "hạn giải quyết mới 28/04/2026 (trước đây 13/04/2026)" in text_of(world, group.id)
    told = text_of(world, citizen.id)
    assert "vụ việc phức tạp" in told and "Hạn mới: 28/04/2026 (trước đây: 13/04/2026)" in told
    assert "Lý do: Nhiều hộ liên quan, cần đo đạc" in told
    card, _ = card_of(world, group.id, code)
    assert "Hạn giải quyết: 28/04/2026 (45 ngày, vụ việc phức tạp)" in card
    await world.say(group.id, officer, f"/complex {code}")
    assert "đã được xác định là vụ việc phức tạp" in text_of(world, group.id)

    await world.say(citizen.id, citizen, f"/status {code}")
    status = text_of(world, citizen.id)
    assert "hạn giải quyết 28/04/2026" in status
    assert "Thụ lý: ngày 12/03/2026" in status and "Vụ việc phức tạp: 45 ngày" in status
    ticket, events = await stored(world, code)
    assert (ticket.accepted_on, ticket.is_complex, ticket.due_date) == (
        "2026-03-12",
        1,
        "2026-04-28",
    )
    assert [e.action for e in events][-2:] == ["accepted", "complex"]


async def test_denunciation_extended_twice_then_refused(
    world: World, ward_group: tuple[EmuChat, EmuUser], clock: ShiftedClock
) -> None:
    general, officer = ward_group
    # Tố cáo only ever reach the designated handlers' own group.
    group = world.emulator.add_group("Tổ giải quyết tố cáo", members=[world.admin, officer])
    await world.say(group.id, world.admin, "/bind_denunciations")
    citizen = world.emulator.add_user("Phúc")
    code = await file_with_identity(world, citizen, "Tố cáo", "Cán bộ địa chính nhận tiền.")
    receipt = world.find(citizen.id, "Mã tra cứu").plain_text or ""
    assert "Hạn thụ lý hoặc không thụ lý tố cáo" in receipt and ": 11/03/2026" in receipt
    assert "có thể gia hạn tối đa 2 lần, mỗi lần 30 ngày" in receipt

    # Screening: 7 working days, up to 10 when verification needs several places.
    await world.say(group.id, officer, f"/gia_han {code} Cần xác minh tại nhiều nơi")
    assert "hạn mới 16/03/2026" in text_of(world, group.id)
    assert "gia hạn lần 1/1, thêm 3 ngày làm việc" in text_of(world, citizen.id)
    await world.say(group.id, officer, f"/extend {code} Cần xác minh thêm")
    assert "đã được gia hạn thụ lý 1/1 lần" in text_of(world, group.id)

    clock.move_to(THURSDAY_12_MARCH)
    await world.press(group.id, officer, "Thụ lý")
    assert "Hạn giải quyết: 13/04/2026" in text_of(world, citizen.id)
    for n, due, reason in [
        (1, "11/05/2026", "Vụ việc phức tạp"),
        (2, "10/06/2026", "Rất phức tạp"),
    ]:
        await world.say(group.id, officer, f"/extend {code} {reason}")
        assert f"gia hạn giải quyết lần {n}/2, hạn mới {due}" in text_of(world, group.id)
        told = text_of(world, citizen.id)
        assert f"được gia hạn lần {n}/2, thêm 30 ngày" in told and f"Hạn mới: {due}" in told
        assert f"Lý do: {reason}" in told and "Luật Tố cáo số 25/2018/QH14, Điều 30" in told
    told_before = len(world.emulator.bot_messages(citizen.id))
    await world.say(group.id, officer, f"/extend {code} Thêm lần nữa")
    refusal = text_of(world, group.id)
    assert "đã được gia hạn giải quyết 2/2 lần" in refusal and "không thể gia hạn thêm" in refusal
    assert len(world.emulator.bot_messages(citizen.id)) == told_before

    card, _ = card_of(world, group.id, code)
    assert "Hạn giải quyết: 10/06/2026 (30 ngày + gia hạn 2/2 lần × 30 ngày)" in card
    general_texts = [m.plain_text or "" for m in world.emulator.bot_messages(general.id)]
    assert not any("Đỗ Thị Ánh" in t or "0901234567" in t for t in general_texts)
    ticket, events = await stored(world, code)
    assert (ticket.extensions, ticket.due_date) == (2, "2026-06-10")
    extended = [e.detail or "" for e in events if e.action == "extended"]
    assert len(extended) == 3 and "lý do: Rất phức tạp" in extended[-1]


async def test_commands_refuse_wrong_place_code_or_kind(
    world: World, ward_group: tuple[EmuChat, EmuUser]
) -> None:
    group, officer = ward_group
    citizen = world.emulator.add_user("Quang")
    code = await submit_feedback(world, citizen, "Ba Đình", "Cống thoát nước tắc ở tổ 4.")
    card, buttons = card_of(world, group.id, code)
    assert "Hạn trả lời: " in card and "📋 Thụ lý" not in buttons  # one clock, no acceptance
    world.emulator.click(group.id, officer, world.card(group.id, code).message_id, "t:accept:1")
    await world.idle()
    answers = world.emulator.calls_of("answerCallbackQuery")
    assert "không còn hiệu lực" in str(answers[-1].params.get("text"))
    await world.say(group.id, officer, "/extend")
    assert "Cách dùng: /extend" in text_of(world, group.id)
    await world.say(group.id, officer, f"/extend {code} ok")
    assert "Cách dùng: /extend" in text_of(world, group.id)  # a reason is required
    await world.say(group.id, officer, "/complex ZZZZ-ZZZZ")
    assert "không thuộc phường/xã của nhóm này" in text_of(world, group.id)
    await world.say(group.id, officer, f"/extend {code} Chờ ý kiến đơn vị điện lực")
    assert "Hạn trả lời của phản ánh, kiến nghị không được gia hạn" in text_of(world, group.id)
    await world.say(group.id, officer, f"/complex {code}")
    assert "không có thời hạn riêng cho vụ việc phức tạp" in text_of(world, group.id)
    await world.say(officer.id, officer, f"/extend {code} Lý do")
    assert "chỉ dùng trong nhóm" in text_of(world, officer.id)
    rogue = world.emulator.add_group("Nhóm khác", members=[officer])
    await world.say(rogue.id, officer, f"/extend {code} Lý do bất kỳ")
    assert "không thuộc phường/xã của nhóm này" in text_of(world, rogue.id)
    await world.press(group.id, officer, "Đã giải quyết")
    await world.say(group.id, officer, f"/extend {code} Lý do bất kỳ")
    assert "đã kết thúc" in text_of(world, group.id)
    ticket, _ = await stored(world, code)
    assert (ticket.extensions, ticket.is_complex) == (0, 0)


async def test_transfer_restarts_the_first_clock(
    world: World, ward_group: tuple[EmuChat, EmuUser], clock: ShiftedClock
) -> None:
    group, officer = ward_group
    other = world.emulator.add_group("UBND Phường Ngọc Hà", members=[world.admin, officer])
    await world.say(other.id, world.admin, "/bind_ward Ngọc Hà")
    citizen = world.emulator.add_user("Sơn")
    code = await file_with_identity(world, citizen, "Khiếu nại", "Quyết định xử phạt không đúng.")
    await world.press(group.id, officer, "Thụ lý")
    clock.move_to(THURSDAY_12_MARCH)
    await world.press(group.id, officer, "Chuyển phường")
    await world.press(group.id, officer, "Ngọc Hà")
    reason = "Quyết định do UBND phường Ngọc Hà ban hành."
    world.emulator.send_text(group.id, officer, reason, reply_to=world.last(group.id).message_id)
    await world.idle()
    # Ngọc Hà counts from its own receipt on 12 March: 13, 16-20, 23-26 March.
    assert "Hạn thụ lý tại Phường Ngọc Hà: 26/03/2026" in text_of(world, citizen.id)
    card, buttons = card_of(world, other.id, code)
    assert "Hạn thụ lý: 26/03/2026" in card and "📋 Thụ lý" in buttons
    ticket, _ = await stored(world, code)
    assert (ticket.received_on, ticket.accepted_on) == ("2026-03-12", None)
