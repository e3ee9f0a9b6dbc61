"""The Bot API emulator and the real bot in one process, with helpers to act as people.

Tests and the demo drive the bot through it exactly as Telegram users would.
"""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
import time
from pathlib import Path
from types import TracebackType

from bot.application import build_application, run
from bot.config import Secret, Settings
from bot.outbox import Clock
from bot.services import Services
from emulator import BotApiEmulator, StoredMessage
from emulator.model import EmuUser
from storage.tickets import TicketRow


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
