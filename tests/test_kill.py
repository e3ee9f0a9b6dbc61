"""kill -9 mid-stream: every submission exists once and every citizen got one receipt."""

from __future__ import annotations

import asyncio
import random
import signal
import sqlite3
from pathlib import Path

from bot.config import BUNDLED_CONTENT
from emulator import BotApiEmulator
from emulator.bot_process import start_bot_process
from emulator.model import EmuUser
from tests.crashes import allowed_copies

CITIZENS = 12
STEP_TIMEOUT = 30.0


async def start_bot(
    emu: BotApiEmulator, db: Path, admin: EmuUser, send_rate: int = 1000
) -> asyncio.subprocess.Process:
    """Run `python -m bot run` as a separate process pointed at the emulator."""
    settings = {
        "DANVAN_ADMIN_IDS": str(admin.id),
        "DANVAN_CONTENT": str(BUNDLED_CONTENT),
        "DANVAN_SEND_RATE": str(send_rate),
        "DANVAN_LOG_LEVEL": "ERROR",
    }
    # Run in the test's folder, so that no developer's .env reaches the bot.
    return await start_bot_process(emu, db, settings, cwd=db.parent, quiet=True)


class Citizen:
    """A citizen who files one phản ánh, waiting for each answer of the bot."""

    def __init__(self, emu: BotApiEmulator, user: EmuUser) -> None:
        self.emu, self.user, self.chat = emu, user, user.id

    async def file(self) -> None:
        """Go through the whole intake, tolerating a bot that dies and comes back."""
        await self._send("/new")
        await self._click("i:kind:phan_anh")
        await self._expect("phường/xã nào")
        await self._send("Ba Đình")
        await self._click("i:cat:moi-truong")
        await self._expect("mô tả sự việc")
        await self._send(f"Phản ánh số {self.chat}: rác thải ở đầu ngõ.")
        await self._click("i:done")
        await self._expect("số điện thoại")
        await self._send("Bỏ qua")
        await self._click("i:ok")
        await self._expect("Mã tra cứu")

    async def _send(self, text: str) -> None:
        self.emu.send_text(self.chat, self.user, text)

    async def _click(self, data: str) -> None:
        message = await self._wait_button(data)
        self.emu.click(self.chat, self.user, message, data)

    async def _wait_button(self, data: str) -> int:
        found: list[int] = []

        def has_button() -> bool:
            for message in reversed(self.emu.bot_messages(self.chat)):
                rows = (message.reply_markup or {}).get("inline_keyboard", [])
                if any(b.get("callback_data") == data for row in rows for b in row):
                    found.append(message.message_id)
                    return True
            return False

        await self.emu.wait_for(has_button, STEP_TIMEOUT, what=f"button {data}")
        return found[0]

    async def _expect(self, fragment: str) -> None:
        await self.emu.wait_for(
            lambda: any(fragment in (m.plain_text or "") for m in self.emu.bot_messages(self.chat)),
            STEP_TIMEOUT,
            what=fragment,
        )


def crashes_in_flight(conn: sqlite3.Connection) -> dict[int, int]:
    """Return, per chat, how many kills its receipt was in flight at (an extra copy each)."""
    rows = conn.execute("SELECT chat_id, ambiguous FROM outbox WHERE link = 'receipt'")
    return {int(chat): int(n) for chat, n in rows}


def card_codes(emu: BotApiEmulator, group: int) -> set[str]:
    """Return the tickets that have a card in the group."""
    texts = (m.plain_text or "" for m in emu.bot_messages(group))
    return {t.split("· ", 1)[1][:9] for t in texts if "Trạng thái" in t}


def receipts(emu: BotApiEmulator, chat: int) -> int:
    """Count the receipts a chat received."""
    return sum("Mã tra cứu" in (m.plain_text or "") for m in emu.bot_messages(chat))


async def test_kill_9_loses_nothing_and_duplicates_nothing(tmp_path: Path) -> None:
    db = tmp_path / "danvan.sqlite3"
    async with BotApiEmulator() as emu:
        admin = emu.add_user("Admin")
        group = emu.add_group("UBND Phường Ba Đình", members=[admin])
        bot = await start_bot(emu, db, admin)
        emu.send_text(group.id, admin, "/bind_ward Ba Đình")
        await emu.wait_for_bot_messages(group.id, 1, timeout=STEP_TIMEOUT)
        citizens = [Citizen(emu, emu.add_user(f"Công dân {i}")) for i in range(CITIZENS)]
        stream = asyncio.gather(*(c.file() for c in citizens))
        for threshold in (CITIZENS // 3, 2 * CITIZENS // 3):
            # Citizens served, not receipts seen: the receipts a restart sends again must not
            # bring the next kill forward to the moment they are still in flight.
            await emu.wait_for(
                lambda t=threshold: sum(receipts(emu, c.chat) > 0 for c in citizens) >= t,
                STEP_TIMEOUT,
            )
            await asyncio.sleep(random.uniform(0, 0.2))  # any moment, not one chosen to be safe
            bot.send_signal(signal.SIGKILL)
            await bot.wait()
            bot = await start_bot(emu, db, admin)
        await asyncio.wait_for(stream, STEP_TIMEOUT * 2)
        await emu.wait_for(lambda: len(card_codes(emu, group.id)) >= CITIZENS, STEP_TIMEOUT)
        bot.send_signal(signal.SIGTERM)
        await bot.wait()
        got = {c.chat: receipts(emu, c.chat) for c in citizens}
        cards = card_codes(emu, group.id)
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT citizen_chat_id, COUNT(*) FROM tickets GROUP BY 1").fetchall()
        pending = conn.execute("SELECT COUNT(*) FROM inbox WHERE status != 'done'").fetchone()
        in_flight = crashes_in_flight(conn)
    assert sorted(rows) == sorted((c.chat, 1) for c in citizens)  # every submission, once
    assert pending == (0,)
    assert len(cards) == CITIZENS
    # Exactly one receipt each. The one exception the Bot API forces on any bot: a receipt in
    # flight at a kill (counted by the outbox) may arrive once more per such kill, never zero.
    assert got == allowed_copies(got, in_flight)
