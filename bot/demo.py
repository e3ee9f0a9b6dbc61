"""A whole scenario offline: the Bot API emulator and the real bot, on loopback."""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
import time
from datetime import datetime, timedelta
from pathlib import Path
from types import TracebackType
from typing import Any
from zoneinfo import ZoneInfo

from bot.application import build_application, run
from bot.config import Secret, Settings
from bot.hot import texts as hot_texts
from bot.outbox import Clock
from bot.services import Services
from emulator import BotApiEmulator, StoredMessage
from emulator.model import EmuChat, EmuUser
from storage.tickets import TicketRow

TZ = ZoneInfo("Asia/Ho_Chi_Minh")


class World:
    """The emulator, a bot wired to it, and helpers to act as citizens and officers."""

    def __init__(
        self,
        db_path: Path,
        content_dir: Path,
        *,
        send_rate: int = 1000,
        http_timeout: float = 5.0,
        clock: Clock = time.time,
        group_rate: int = 6000,
        faq_worker: bool = False,
    ) -> None:
        # A database from an earlier run has seen update ids from 1 on; a real Telegram never
        # reuses them, so the emulator continues after the highest one stored.
        self.emulator = BotApiEmulator(first_update_id=_next_update_id(db_path))
        self._db_path = db_path
        self._content_dir = content_dir
        self._send_rate = send_rate
        self._group_rate = group_rate
        self._http_timeout = http_timeout
        self._clock = clock
        self._faq_worker = faq_worker
        self._stop = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self.admin = self.emulator.add_user("Quản trị", last_name="Viên")
        self.admin_ids: frozenset[int] = frozenset({self.admin.id})

    async def __aenter__(self) -> World:
        await self.emulator.start()
        try:
            await self.start_bot()
        except BaseException:
            await self.emulator.stop()
            raise
        return self

    async def __aexit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.stop_bot()
        await self.emulator.stop()

    def settings(self) -> Settings:
        """Return the settings of a bot pointed at the emulator."""
        return Settings(
            token=Secret(self.emulator.token),
            base_url=self.emulator.base_url,
            db_path=self._db_path,
            admin_ids=self.admin_ids,
            content_dir=self._content_dir,
            send_rate=float(self._send_rate),
            group_rate=float(self._group_rate),  # the emulator does not limit groups
            poll_timeout=2,
            http_timeout=self._http_timeout,
            # Scenarios run in seconds on the real clock: tests drive reminders at chosen times.
            reminder_interval=365 * 24 * 3600,
            faq_worker=self._faq_worker,
        )

    async def start_bot(self) -> None:
        """Start the bot in this process and wait until it has registered its commands."""
        self._stop = asyncio.Event()
        app = build_application(self.settings(), self._clock)
        self.app = app
        registered = len(self.emulator.calls_of("setMyCommands"))
        task = asyncio.create_task(run(app, self._stop))
        self._task = task

        def menu_set() -> bool:  # the default menu comes last (the groups' one comes first)
            calls = self.emulator.calls_of("setMyCommands")[registered:]
            return any("scope" not in c.params for c in calls)

        await self.emulator.wait_for(lambda: menu_set() or task.done(), what="setMyCommands")
        if task.done():
            self._task = None
            task.result()  # start-up failed (e.g. malformed content): raise its error here
            raise RuntimeError("the bot stopped during start-up")

    async def stop_bot(self) -> None:
        """Stop the bot cleanly."""
        if self._task is not None:
            self._stop.set()
            await self._task
            self._task = None

    @property
    def services(self) -> Services:
        """Return the running bot's services."""
        services = self.app.bot_data.services
        assert services is not None
        return services

    async def idle(self, within: float = 10.0) -> None:
        """Wait until every update is handled and every queued message delivered."""
        # The emulator holds an update until the bot confirms it, which it does only once it is
        # stored, and a message stays pending in the outbox until its outcome is recorded, so
        # the state alone says when all is done; polling finely keeps every step of a test short
        # (20 ms steps made up a quarter of the suite's time).
        deadline = time.monotonic() + within
        while time.monotonic() < deadline:
            if self.emulator.pending_update_count() == 0 and await self._queues_empty():
                await asyncio.sleep(0.005)
                if self.emulator.pending_update_count() == 0 and await self._queues_empty():
                    return
            await asyncio.sleep(0.005)
        raise TimeoutError("the bot did not become idle")

    async def _queues_empty(self) -> bool:
        db = self.services.db
        async with db.transaction():
            inbox = await db.fetch_one("SELECT COUNT(*) AS n FROM inbox WHERE status = 'pending'")
            outbox = await db.fetch_one("SELECT COUNT(*) AS n FROM outbox WHERE status = 'pending'")
            sending = await db.fetch_one(
                "SELECT COUNT(*) AS n FROM bulletins WHERE status = 'sending'"
            )
        counts = (inbox, outbox, sending)
        return all(row is not None and row["n"] == 0 for row in counts)

    # --- acting as people ----------------------------------------------------------------------

    async def say(self, chat: int, user: EmuUser, text: str, reply_to: int | None = None) -> None:
        """Send a text as a person and wait for the bot to finish reacting."""
        self.emulator.send_text(chat, user, text, reply_to=reply_to)
        await self.idle()

    async def press(self, chat: int, user: EmuUser, label: str) -> None:
        """Press the newest button whose label contains `label`, and wait for the bot."""
        message, data = self.find_button(chat, label)
        self.emulator.click(chat, user, message.message_id, data)
        await self.idle()

    def find_button(self, chat: int, label: str) -> tuple[StoredMessage, str]:
        """Return the newest bot message with a matching inline button, and its data."""
        for message in reversed(self.emulator.bot_messages(chat)):
            for row in (message.reply_markup or {}).get("inline_keyboard", []):
                for button in row:
                    if label.lower() in button["text"].lower():
                        return message, str(button["callback_data"])
        raise LookupError(f"no button {label!r} in chat {chat}")

    async def ticket(self, code: str) -> TicketRow:
        """Return a ticket as stored now."""
        async with self.services.db.transaction():
            ticket = await self.services.deps.tickets.by_code(code)
        if ticket is None:
            raise LookupError(f"no ticket {code}")
        return ticket

    def card(self, chat: int, code: str) -> StoredMessage:
        """Return the card of a ticket in an officers' group."""
        for message in self.emulator.bot_messages(chat):
            text = message.plain_text or ""
            if code in text and "Trạng thái:" in text:
                return message
        raise LookupError(f"no card for {code} in chat {chat}")

    def receipt_code(self, chat: int) -> str:
        """Return the tracking code from the newest receipt in a citizen's chat."""
        receipt = self.find(chat, "Mã tra cứu")
        return (receipt.plain_text or "").split("Mã tra cứu: ")[1][:9]

    def last(self, chat: int) -> StoredMessage:
        """Return the newest bot message in a chat."""
        return self.emulator.bot_messages(chat)[-1]

    def find(self, chat: int, fragment: str) -> StoredMessage:
        """Return the newest bot message containing `fragment`."""
        for message in reversed(self.emulator.bot_messages(chat)):
            if fragment in (message.plain_text or ""):
                return message
        raise LookupError(f"no bot message with {fragment!r} in chat {chat}")


def _next_update_id(db_path: Path) -> int:
    """Return one more than the highest update id an existing database has stored."""
    if not db_path.is_file():
        return 1
    with contextlib.closing(sqlite3.connect(db_path)) as conn:
        try:
            row = conn.execute("SELECT MAX(update_id) FROM inbox").fetchone()
        except sqlite3.OperationalError:  # not a database of ours (yet)
            return 1
    return int(row[0] or 0) + 1


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
    "World",
    "confirm",
    "fill_feedback",
    "offers_similar",
    "play",
    "play_bulletin",
    "run_demo",
    "submit_feedback",
]
