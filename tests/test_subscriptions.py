"""Citizens opt in and out of bulletins by ward and topic, from the menu or by command."""

from __future__ import annotations

import pytest

from bot.world import World
from emulator.model import EmuUser


async def opt_ins(world: World, chat: int) -> set[tuple[str, str]]:
    async with world.services.db.transaction():
        rows = await world.services.db.fetch_all(
            "SELECT scope, key FROM subscriptions WHERE chat_id = ?", (chat,)
        )
    return {(r["scope"], r["key"]) for r in rows}


def text(world: World, chat: int) -> str:
    return world.last(chat).plain_text or ""


async def open_menu(world: World, citizen: EmuUser) -> None:
    await world.say(citizen.id, citizen, "/start")
    await world.press(citizen.id, citizen, "Nhận bản tin")


async def test_a_citizen_picks_wards_and_topics_from_the_menu(world: World) -> None:
    citizen = world.emulator.add_user("Hoa")
    await open_menu(world, citizen)
    assert "chưa đăng ký nhận bản tin nào" in text(world, citizen.id)
    overview = world.last(citizen.id)
    await world.press(citizen.id, citizen, "Theo phường/xã")
    await world.press(citizen.id, citizen, "Phường Ba Đình")
    page = world.last(citizen.id)
    assert page.message_id == overview.message_id  # the list is edited in place
    assert world.find_button(citizen.id, "✅ Phường Ba Đình")
    await world.press(citizen.id, citizen, "Quay lại")
    await world.press(citizen.id, citizen, "Theo chủ đề")
    await world.press(citizen.id, citizen, "Cư trú")
    await world.press(citizen.id, citizen, "Quay lại")
    assert await opt_ins(world, citizen.id) == {("ward", "00004"), ("topic", "cu-tru")}
    shown = text(world, citizen.id)
    assert "• Phường Ba Đình" in shown and "• Chủ đề: Cư trú" in shown
    await world.press(citizen.id, citizen, "Theo chủ đề")
    await world.press(citizen.id, citizen, "✅ Cư trú")  # pressed again: off
    assert await opt_ins(world, citizen.id) == {("ward", "00004")}
    answers = list(world.emulator.answered_callbacks.values())
    assert answers[-1]["text"] == "Đã hủy đăng ký: Cư trú"


async def test_ward_pages_turn(world: World) -> None:
    citizen = world.emulator.add_user("Tùng")
    await open_menu(world, citizen)
    await world.press(citizen.id, citizen, "Theo phường/xã")
    assert "trang 1/2" in text(world, citizen.id)
    await world.press(citizen.id, citizen, "Sau")
    assert "trang 2/2" in text(world, citizen.id)
    with pytest.raises(LookupError):
        world.find_button(citizen.id, "Sau")
    await world.press(citizen.id, citizen, "Xã Sóc Sơn")
    assert await opt_ins(world, citizen.id) == {("ward", "00376")}
    assert "trang 2/2" in text(world, citizen.id)  # the toggle stays on its page


async def test_typed_ward_and_the_easy_ways_out(world: World) -> None:
    citizen = world.emulator.add_user("Minh")
    await world.say(citizen.id, citizen, "/subscribe p. ba dinh")
    assert "Đã đăng ký: Phường Ba Đình" in world.find(citizen.id, "Đã đăng ký").plain_text
    await world.say(citizen.id, citizen, "/subscribe hoan kiem")
    assert await opt_ins(world, citizen.id) == {("ward", "00004"), ("ward", "00070")}
    await world.say(citizen.id, citizen, "/subscribe Phường Không Có")
    assert "Chưa tìm thấy phường/xã «Phường Không Có»" in text(world, citizen.id)
    await world.say(citizen.id, citizen, "/unsubscribe")
    assert "ngừng nhận mọi bản tin" in text(world, citizen.id)
    assert await opt_ins(world, citizen.id) == set()
    await world.say(citizen.id, citizen, "/unsubscribe")
    assert "chưa đăng ký nhận bản tin nào" in text(world, citizen.id)
    await open_menu(world, citizen)
    await world.press(citizen.id, citizen, "Theo phường/xã")
    await world.press(citizen.id, citizen, "Phường Ba Đình")
    await world.press(citizen.id, citizen, "Quay lại")
    await world.press(citizen.id, citizen, "Ngừng nhận tất cả")
    assert await opt_ins(world, citizen.id) == set()
