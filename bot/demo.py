"""A whole scenario offline: the Bot API emulator and the real bot, on loopback."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from bot.hot import texts as hot_texts
from bot.world import World
from emulator.model import EmuChat, EmuUser

TZ = ZoneInfo("Asia/Ho_Chi_Minh")


async def fill_feedback(world: World, citizen: EmuUser, ward_text: str, text: str) -> None:
    """Walk a citizen through intake of a phản ánh, up to the summary."""
    chat = citizen.id
    await world.say(chat, citizen, "/start")
    await world.press(chat, citizen, "Gửi phản ánh")
    await world.press(chat, citizen, "Phản ánh, kiến nghị")
    await world.say(chat, citizen, ward_text)
    await world.press(chat, citizen, "Môi trường")
    await world.say(chat, citizen, text)
    world.emulator.send_photo(chat, citizen, caption="Ảnh chụp sáng nay")
    await world.idle()
    await world.press(chat, citizen, "Tiếp tục")
    if offers_similar(world, chat):  # the ward has a report like it: file this one anyway
        await world.press(chat, citizen, hot_texts.BTN_SEND_NEW)
    await world.say(chat, citizen, "Bỏ qua")


def offers_similar(world: World, chat: int) -> bool:
    """Tell whether the bot's newest message in a chat offers to follow a similar report."""
    buttons = (world.last(chat).reply_markup or {}).get("inline_keyboard", [])
    return any(b["text"] == hot_texts.BTN_SEND_NEW for row in buttons for b in row)


async def confirm(world: World, citizen: EmuUser) -> str:
    """Press «Gửi» on the summary and return the tracking code from the receipt."""
    await world.press(citizen.id, citizen, "Gửi")
    return world.receipt_code(citizen.id)


async def submit_feedback(world: World, citizen: EmuUser, ward_text: str, text: str) -> str:
    """Walk a citizen through intake of a phản ánh and return the tracking code."""
    await fill_feedback(world, citizen, ward_text, text)
    return await confirm(world, citizen)


async def play(world: World) -> tuple[EmuUser, EmuChat, EmuUser]:
    """Play the core scenario: submit, card, claim, answer, follow-up, resolve, rate."""
    emu = world.emulator
    citizen = emu.add_user("Lan", last_name="Nguyễn")
    officer = emu.add_user("Bình", last_name="Trần")
    group = emu.add_group("Cán bộ UBND Phường Ba Đình", members=[world.admin, officer])
    await world.say(group.id, world.admin, "/bind_ward Ba Đình")
    code = await submit_feedback(
        world,
        citizen,
        "phuong ba dinh",
        "Rác thải đổ trộm ở đầu ngõ 12 phố Đội Cấn <3 ngày nay chưa được thu gom, bốc mùi.",
    )
    await world.press(group.id, officer, "Nhận xử lý")
    card = world.card(group.id, code)
    await world.say(
        group.id,
        officer,
        "Phường đã giao tổ vệ sinh thu gom trong chiều nay. Cảm ơn bạn!",
        reply_to=card.message_id,
    )
    answer = world.find(citizen.id, "trả lời")
    await world.say(
        citizen.id, citizen, "Đã thu gom xong, cảm ơn phường!", reply_to=answer.message_id
    )
    await world.press(group.id, officer, "Đã giải quyết")
    await world.press(citizen.id, citizen, "Hài lòng")
    return citizen, group, officer


SCHEDULE = (
    "/schedule_set Ba Đình\n"
    "Thứ Năm hằng tuần, 8:00–11:00, Phòng tiếp công dân UBND phường.\n"
    "Chủ tịch UBND phường tiếp công dân định kỳ ngày 15 hằng tháng."
)
BULLETIN = (
    "Từ 01/7/2026, Chủ tịch UBND phường tiếp công dân định kỳ ít nhất 02 ngày mỗi tháng; "
    "công dân có thể được tiếp trực tuyến (Luật 136/2025/QH15)."
)


async def play_bulletin(world: World, citizen: EmuUser) -> None:
    """The citizen opts in; the admin publishes a schedule and sends a bulletin; she asks."""
    admin, chat = world.admin, citizen.id
    await world.say(chat, citizen, "/subscribe ba dinh")  # opting in twice changes nothing
    await world.say(admin.id, admin, SCHEDULE)
    when = (datetime.now(TZ) + timedelta(days=10)).strftime("%d/%m/%Y")
    sessions = f"/sessions_set Ba Đình\n{when} 08:00 | Nhà văn hóa tổ 5 | Chỉnh trang ngõ 12"
    await world.say(admin.id, admin, sessions)
    await world.say(admin.id, admin, "/bulletin")
    await world.press(admin.id, admin, "Một phường/xã")
    await world.say(admin.id, admin, "ba dinh")
    await world.say(admin.id, admin, BULLETIN)
    await world.say(admin.id, admin, "https://thuvienphapluat.vn/van-ban/136-2025-QH15")
    await world.press(admin.id, admin, "Gửi bản tin")
    await world.say(chat, citizen, "lich tiep dan phuong ba dinh")


async def run_demo(db_path: Path, content_dir: Path) -> str:
    """Play the scenario and return a readable transcript of both chats."""
    async with World(db_path, content_dir) as world:
        citizen, group, _ = await play(world)
        await play_bulletin(world, citizen)
        admin = world.admin.id
        parts = [
            world.emulator.transcript(citizen.id, title="Trò chuyện riêng của công dân", tz=TZ),
            world.emulator.transcript(group.id, title=group.title or "", tz=TZ),
            world.emulator.transcript(admin, title="Trò chuyện riêng của quản trị viên", tz=TZ),
            f"Cơ sở dữ liệu: {db_path}",
        ]
    return "\n\n".join(parts)


__all__: list[Any] = [
    "confirm",
    "fill_feedback",
    "offers_similar",
    "play",
    "play_bulletin",
    "run_demo",
    "submit_feedback",
]
