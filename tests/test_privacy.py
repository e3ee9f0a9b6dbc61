"""A denouncer's identity reaches only the designated handlers and admins; never logs."""

from __future__ import annotations

import logging

import pytest

from bot.world import World
from emulator.model import EmuChat, EmuUser

NAME, ADDRESS, PHONE = "Phạm Văn Tố", "Số 9 ngõ Hòa Bình, Phường Ba Đình", "0912345678"


async def denounce(world: World, citizen: EmuUser) -> str:
    """File a tố cáo with full identity, sharing the phone by the contact button."""
    chat = citizen.id
    await world.say(chat, citizen, "/new")
    await world.press(chat, citizen, "Tố cáo")
    await world.press(chat, citizen, "Ba Đình")
    await world.press(chat, citizen, "An ninh")
    await world.say(chat, citizen, "Cán bộ địa chính nhận tiền để làm nhanh hồ sơ đất.")
    await world.press(chat, citizen, "Tiếp tục")
    await world.say(chat, citizen, NAME)
    await world.say(chat, citizen, ADDRESS)
    world.emulator.send_contact(chat, citizen, phone=PHONE, first_name="Tố")
    await world.idle()
    await world.press(chat, citizen, "Gửi")
    return world.receipt_code(chat)


async def test_denunciation_waits_for_designated_handlers_never_the_general_group(
    world: World, ward_group: tuple[EmuChat, EmuUser]
) -> None:
    group, _ = ward_group
    code = await denounce(world, world.emulator.add_user("Tố", last_name="Phạm"))
    assert not [m for m in world.emulator.messages(group.id) if code in (m.text or "")]
    warning = world.last(world.admin.id).plain_text or ""
    assert code in warning and "/bind_denunciations" in warning
    handler = world.emulator.add_user("Thanh", last_name="Tra")
    secret = world.emulator.add_group("Tổ giải quyết tố cáo", members=[world.admin, handler])
    await world.say(secret.id, world.admin, "/bind_denunciations Ba Đình")
    assert NAME in (world.card(secret.id, code).plain_text or "")  # posted once bound
    await world.say(group.id, world.admin, "/bind_denunciations")  # the general group: refused
    assert "nhóm riêng" in (world.last(group.id).plain_text or "")


async def test_denouncer_identity_only_for_designated_handlers_never_in_logs(
    world: World, ward_group: tuple[EmuChat, EmuUser], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    group, officer = ward_group
    handler = world.emulator.add_user("Thanh", last_name="Tra")
    secret = world.emulator.add_group("Tổ giải quyết tố cáo", members=[world.admin, handler])
    await world.say(secret.id, world.admin, "/bind_denunciations")
    citizen = world.emulator.add_user("Tố", last_name="Phạm")
    code = await denounce(world, citizen)
    card = world.card(secret.id, code)
    assert NAME in (card.plain_text or "") and PHONE in (card.plain_text or "")
    await world.press(secret.id, handler, "Nhận xử lý")
    await world.say(group.id, officer, f"/ticket {code}")
    assert "không thuộc" in (world.last(group.id).plain_text or "")
    for message in world.emulator.bot_messages(group.id):
        for value in (NAME, ADDRESS, PHONE, "Phạm"):
            assert value not in (message.text or ""), message.text
    for record in caplog.records:
        for value in (NAME, ADDRESS, PHONE):
            assert value not in record.getMessage()
    await world.say(world.admin.id, world.admin, f"/ticket {code}")
    shown = world.last(world.admin.id).plain_text or ""
    assert NAME in shown and PHONE in shown and ADDRESS in shown
    await world.say(officer.id, officer, f"/ticket {code}")
    assert "chỉ quản trị viên" in (world.last(officer.id).plain_text or "")
    async with world.services.db.transaction():
        ticket = await world.services.deps.tickets.by_code(code)
        assert ticket is not None
        events = await world.services.deps.tickets.events(ticket.id)
    assert "identity_viewed" in [e.action for e in events]


async def test_identity_kinds_require_name_address_and_own_phone(world: World) -> None:
    citizen = world.emulator.add_user("Khải")
    chat = citizen.id
    await world.say(chat, citizen, "/new")
    await world.press(chat, citizen, "Khiếu nại")
    await world.say(chat, citizen, "ba đình")
    await world.press(chat, citizen, "Đất đai")
    await world.say(chat, citizen, "Quyết định thu hồi đất không đúng diện tích.")
    await world.press(chat, citizen, "Tiếp tục")
    assert "họ và tên" in (world.last(chat).plain_text or "")
    await world.say(chat, citizen, "A")
    assert "Họ tên cần" in (world.last(chat).plain_text or "")
    await world.say(chat, citizen, "Lê Văn Khải")
    await world.say(chat, citizen, "Số 1 phố Kim Mã")
    keyboard = world.last(chat).reply_markup or {}
    labels = [b["text"] for row in keyboard.get("keyboard", []) for b in row]
    assert labels == ["📱 Chia sẻ số điện thoại"]  # no "skip" for a complaint
    world.emulator.send_contact(chat, citizen, phone="0987654321", contact_user_id=999)
    await world.idle()
    assert "của chính bạn" in (world.last(chat).plain_text or "")
    await world.say(chat, citizen, "12345")
    assert "chưa đúng" in (world.last(chat).plain_text or "")
    await world.say(chat, citizen, "+84 987 654 321")
    summary = world.last(chat).plain_text or ""
    assert "Lê Văn Khải · 0987654321 · Số 1 phố Kim Mã" in summary
