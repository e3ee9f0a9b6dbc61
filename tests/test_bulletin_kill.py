"""kill -9 twice while a bulletin goes out: everyone gets it, and only a call in flight at a
kill (counted by the outbox) can arrive again."""

from __future__ import annotations

import asyncio
import random
import signal
import sqlite3
from pathlib import Path

from emulator import BotApiEmulator
from emulator.model import EmuUser
from storage.database import Database
from tests.crashes import allowed_copies
from tests.test_kill import STEP_TIMEOUT, start_bot

SUBSCRIBERS = 600
HEADER = "📢 Bản tin phổ biến pháp luật"


async def seed(db_path: Path, users: list[EmuUser]) -> None:
    """Opt the citizens in to Phường Ba Đình before the bot first starts."""
    db = await Database.open(db_path)
    async with db.transaction():
        await db.execute_many(
            "INSERT INTO subscriptions (scope, key, chat_id, created_at) VALUES ('ward', ?, ?, 0)",
            [("00004", user.id) for user in users],
        )
    await db.close()


async def say(emu: BotApiEmulator, user: EmuUser, text: str) -> None:
    """Send a text and wait for the bot's answer."""
    before = len(emu.bot_messages(user.id))
    emu.send_text(user.id, user, text)
    await emu.wait_for_bot_messages(user.id, before + 1, timeout=STEP_TIMEOUT)


def copies(emu: BotApiEmulator, chat: int) -> int:
    """Count the bulletins a chat received."""
    return sum((m.plain_text or "").startswith(HEADER) for m in emu.bot_messages(chat))


async def test_kill_9_mid_bulletin_reaches_everyone_once(tmp_path: Path) -> None:
    db = tmp_path / "danvan.sqlite3"
    async with BotApiEmulator() as emu:
        admin = emu.add_user("Admin")
        users = [emu.add_user(f"Dân {n}") for n in range(SUBSCRIBERS)]
        await seed(db, users)
        bot = await start_bot(emu, db, admin, send_rate=200)  # three seconds of sending
        await say(emu, admin, "/bulletin")
        await emu.press_when_shown(admin, "b:k:w", STEP_TIMEOUT)
        await say(emu, admin, "Ba Đình")
        await say(emu, admin, "Bản tin gửi qua hai lần bot bị tắt đột ngột.")
        await emu.press_when_shown(admin, "b:nolink", STEP_TIMEOUT)
        await emu.press_when_shown(admin, "b:send", STEP_TIMEOUT)
        for threshold in (SUBSCRIBERS // 4, SUBSCRIBERS // 2):
            await emu.wait_for(
                lambda t=threshold: sum(copies(emu, u.id) > 0 for u in users) >= t, STEP_TIMEOUT
            )
            await asyncio.sleep(random.uniform(0, 0.2))  # any moment, not one chosen to be safe
            bot.send_signal(signal.SIGKILL)
            await bot.wait()
            bot = await start_bot(emu, db, admin, send_rate=200)
        await emu.wait_for(
            lambda: any("đã gửi xong" in (m.plain_text or "") for m in emu.bot_messages(admin.id)),
            STEP_TIMEOUT,
        )
        bot.send_signal(signal.SIGTERM)
        await bot.wait()
        got = {u.id: copies(emu, u.id) for u in users}
        final = emu.bot_messages(admin.id)[-1].plain_text or ""
    with sqlite3.connect(db) as conn:
        statuses = dict(conn.execute("SELECT status, COUNT(*) FROM bulletin_deliveries GROUP BY 1"))
        in_flight = {
            int(chat): int(n)
            for chat, n in conn.execute(
                "SELECT chat_id, ambiguous FROM outbox WHERE bulletin_id IS NOT NULL"
            )
        }
    assert statuses == {"sent": SUBSCRIBERS}  # one delivery row each, all delivered
    assert f"Gửi được: {SUBSCRIBERS}" in final
    # Once each; a bulletin in flight at a kill may arrive once more per such kill (the Bot API
    # has no idempotency key), and the outbox counts those kills.
    assert got == allowed_copies(got, in_flight)
