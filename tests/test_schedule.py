"""Admins publish reception schedules and dialogue sessions; citizens ask for them."""

from __future__ import annotations

from datetime import datetime

import pytest

from bot.schedule import parse_sessions
from bot.world import World
from emulator.model import EmuUser

SCHEDULE = (
    "/schedule_set Ba Đình\n"
    "Thứ Năm hằng tuần, 8:00–11:00, Phòng tiếp công dân UBND phường (12 Đội Cấn).\n"
    "Chủ tịch UBND phường tiếp công dân định kỳ ngày 15 & 30 hằng tháng."
)
SESSIONS = (
    "/sessions_set p ba dinh\n"
    "01/08/2099 14h | Hội trường UBND phường | Lấy ý kiến về bãi đỗ xe <ngõ 5>\n"
    "20/07/2099 08:00 | Nhà văn hóa tổ dân phố 5 | Đối thoại về chỉnh trang ngõ 12"
)


def last(world: World, chat: int) -> str:
    return world.last(chat).plain_text or ""


@pytest.fixture
async def published(world: World) -> World:
    await world.say(world.admin.id, world.admin, SCHEDULE)
    await world.say(world.admin.id, world.admin, SESSIONS)
    return world


@pytest.mark.parametrize(
    "question",
    [
        "lịch tiếp dân phường Ba Đình",
        "lich tiep dan phuong ba dinh",
        "lich tiep dan p ba dinh",
        "Cho hỏi lịch tiếp công dân ở P. Ba Đình với ạ",
        "ba dinh tiep dan khi nao",
        "lịch đối thoại phường badinh",
        "phường ba đình có lịch đối thoại không",
    ],
)
async def test_citizens_ask_in_their_own_words(published: World, question: str) -> None:
    world = published
    citizen = world.emulator.add_user("Hỏi lịch")
    await world.say(citizen.id, citizen, question)
    shown = last(world, citizen.id)
    assert shown.startswith("🗓 Lịch tiếp công dân · Phường Ba Đình")
    assert "12 Đội Cấn" in shown and "ngày 15 & 30" in shown
    sessions = shown.split("Đối thoại sắp tới")[1]
    assert sessions.index("20/07/2099") < sessions.index("01/08/2099")  # soonest first
    assert "Thứ Hai 20/07/2099, 08:00 · Nhà văn hóa tổ dân phố 5" in sessions
    assert "bãi đỗ xe <ngõ 5>" in sessions


async def test_a_ward_whose_name_holds_a_common_word(world: World) -> None:
    admin = world.admin
    await world.say(admin.id, admin, "/schedule_set Cửa Nam\nThứ Ba, 8:00–11:00.")
    citizen = world.emulator.add_user("Hỏi Cửa Nam")
    await world.say(citizen.id, citizen, "lịch tiếp dân phường Cửa Nam")  # "của" is a filler
    assert last(world, citizen.id).startswith("🗓 Lịch tiếp công dân · Phường Cửa Nam")


async def test_a_general_question_still_gets_the_faq(published: World) -> None:
    world = published
    citizen = world.emulator.add_user("Hỏi luật")
    await world.say(citizen.id, citizen, "Lịch tiếp công dân của Chủ tịch UBND phường, xã thế nào?")
    assert "Luật Tiếp công dân" in last(world, citizen.id)


async def test_menu_lists_the_wards_that_published(published: World) -> None:
    world = published
    citizen = world.emulator.add_user("Dùng menu")
    await world.say(citizen.id, citizen, "/start")
    await world.press(citizen.id, citizen, "Lịch tiếp công dân")
    buttons = world.last(citizen.id).reply_markup or {}
    labels = [b["text"] for row in buttons["inline_keyboard"] for b in row]
    assert labels == ["Phường Ba Đình"]
    await world.press(citizen.id, citizen, "Phường Ba Đình")
    assert "12 Đội Cấn" in last(world, citizen.id)
    await world.say(citizen.id, citizen, "/schedule hoan kiem")
    assert "Phường Hoàn Kiếm chưa công bố lịch tiếp công dân" in last(world, citizen.id)
    await world.say(citizen.id, citizen, "lịch tiếp dân")
    assert "Xem lịch tiếp công dân của phường/xã nào?" in last(world, citizen.id)


async def test_publishing_is_for_admins_and_checked_line_by_line(world: World) -> None:
    stranger = world.emulator.add_user("Không phải admin")
    await world.say(stranger.id, stranger, SCHEDULE)
    assert "chỉ quản trị viên" in last(world, stranger.id)
    admin: EmuUser = world.admin
    bad = (
        "/sessions_set Ba Đình\n"
        "20/07/2099 08:00 | Nhà văn hóa\n"
        "31/02/2099 08:00 | Hội trường | Ngày không có thật\n"
        "01/01/2020 08:00 | Hội trường | Đã qua"
    )
    await world.say(admin.id, admin, bad)
    errors = last(world, admin.id)
    assert "Chưa lưu gì" in errors and "Dòng 2: cần «ngày giờ | địa điểm | nội dung»" in errors
    assert "Dòng 3: «31/02/2099 08:00» không phải ngày giờ" in errors and "Dòng 4" in errors
    await world.say(admin.id, admin, "/schedule_set Phường Không Có\nLịch")
    assert "Chưa xác định được phường/xã «Phường Không Có»" in last(world, admin.id)
    await world.say(admin.id, admin, "/schedule_set Ba Đình")
    assert "Cách dùng" in last(world, admin.id)
    await world.say(admin.id, admin, SCHEDULE)
    await world.say(admin.id, admin, "/schedule_set Ba Đình\nxóa")
    assert "Đã gỡ lịch tiếp công dân của Phường Ba Đình" in last(world, admin.id)
    await world.say(stranger.id, stranger, "lịch tiếp dân phường Ba Đình")
    assert "chưa công bố lịch tiếp công dân" in last(world, stranger.id)


def test_sessions_are_read_in_order_and_past_ones_refused() -> None:
    now = datetime(2026, 7, 1, 9, 0)
    sessions, errors = parse_sessions(
        "15/07/2026 8h30 | A | a\n\n2/7/2026 14:00 | B | b\n1/7/2026 8:00 | C | c", now
    )
    assert [s.starts_at for s in sessions] == ["2026-07-02 14:00", "2026-07-15 08:30"]
    assert errors == ["Dòng 5: 1/7/2026 8:00 đã qua."]
