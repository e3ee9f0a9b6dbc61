"""A bulletin to many subscribers through the Bot API emulator, at a configured send rate.

The bot runs as its own process with DANVAN_SEND_RATE set to `--rate`; the emulator enforces
that same rate overall (a leaky bucket holding `--burst` seconds of messages) and answers
anything faster with 429, as Telegram does. An admin composes and confirms the bulletin through
the emulator like a person; meanwhile a citizen asks the bot something every half second, to
show that conversation is not stuck behind the bulletin. Reported, from the first to the last
bulletin message Telegram accepted: the bulletin's rate, the rate of every message (the
bulletin takes what conversation leaves) against the configured one, the 429s, the citizen's
reply latency, and the bot's peak memory and CPU.

    .venv/bin/python bench/bulletin.py [--subscribers 100000] [--rate 500] [--burst 1.0]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import tempfile
import time
from asyncio.subprocess import Process
from contextlib import AbstractAsyncContextManager
from pathlib import Path

from process_stats import cpu_seconds, peak_rss_mb  # bench/, run as a script

from emulator import BotApiEmulator
from emulator.bot_process import running_bot
from emulator.limits import is_limited
from emulator.model import EmuUser
from storage.database import Database

WARD = "00004"  # Phường Ba Đình
TEXT = (
    "Từ ngày 01/7/2026, Luật sửa đổi Luật Tiếp công dân, Luật Khiếu nại, Luật Tố cáo có hiệu "
    "lực: Chủ tịch UBND phường tiếp công dân định kỳ ít nhất 02 ngày mỗi tháng; công dân có "
    "thể được tiếp trực tuyến. Lịch tiếp cụ thể: gõ «lịch tiếp dân phường Ba Đình»."
)


async def seed(db_path: Path, chats: list[int]) -> None:
    """Create the database and opt every chat in to the ward (as if each had tapped it)."""
    db = await Database.open(db_path)
    async with db.transaction():
        await db.execute_many(
            "INSERT INTO subscriptions (scope, key, chat_id, created_at) VALUES ('ward', ?, ?, 0)",
            [(WARD, chat) for chat in chats],
        )
    await db.close()


def running(
    emu: BotApiEmulator, db: Path, admin: EmuUser, rate: int
) -> AbstractAsyncContextManager[Process]:
    """Run `python -m bot run` against the emulator at the configured send rate, in the block."""
    settings = {
        "DANVAN_ADMIN_IDS": str(admin.id),
        "DANVAN_SEND_RATE": str(rate),
        "DANVAN_LOG_LEVEL": "WARNING",
    }
    return running_bot(emu, db, settings)


async def say(emu: BotApiEmulator, user: EmuUser, text: str) -> None:
    """Send a text and wait for the bot's answer."""
    before = len(emu.bot_messages(user.id))
    emu.send_text(user.id, user, text)
    await emu.wait_for_bot_messages(user.id, before + 1, timeout=30)


async def compose(emu: BotApiEmulator, admin: EmuUser) -> None:
    """Compose the bulletin as an admin would, up to the preview."""
    await say(emu, admin, "/bulletin")
    await emu.press_when_shown(admin, "b:k:w", 30)
    await say(emu, admin, "Ba Đình")
    await say(emu, admin, TEXT)
    await emu.press_when_shown(admin, "b:nolink", 30)
    await emu.press_when_shown(admin, "b:send", 30)  # waits for the preview, then confirms


async def probe(emu: BotApiEmulator, asker: EmuUser, done: asyncio.Event) -> list[float]:
    """Ask /help every half second until `done`; return each reply's latency."""
    latencies = []
    while not done.is_set():
        before = len(emu.bot_messages(asker.id))
        sent = time.monotonic()
        emu.send_text(asker.id, asker, "/help")
        await emu.wait_for_bot_messages(asker.id, before + 1, timeout=60)
        latencies.append(time.monotonic() - sent)
        await asyncio.sleep(0.5)
    return latencies


def finished(emu: BotApiEmulator, admin: EmuUser) -> bool:
    """Tell whether the admin got the final counts."""
    return any("đã gửi xong" in (m.plain_text or "") for m in emu.bot_messages(admin.id))


async def main(subscribers: int, rate: int, burst: float) -> dict[str, float]:
    """Run the benchmark and return its figures."""
    with tempfile.TemporaryDirectory() as folder:
        db_path = Path(folder) / "bench.sqlite3"
        async with BotApiEmulator() as emu:
            admin, asker = emu.add_user("Quản trị"), emu.add_user("Người hỏi")
            users = [emu.add_user(f"Dân {n}") for n in range(subscribers)]
            await seed(db_path, [u.id for u in users])
            async with running(emu, db_path, admin, rate) as bot:
                await emu.wait_for(lambda: bool(emu.commands), timeout=60, what="bot start")
                emu.limit_rate(rate, burst=max(1.0, rate * burst))
                await compose(emu, admin)
                cpu_before, emu_cpu_before = cpu_seconds(bot.pid), time.process_time()
                done = asyncio.Event()
                asking = asyncio.create_task(probe(emu, asker, done))
                await emu.wait_for(
                    lambda: finished(emu, admin), timeout=subscribers / rate * 3 + 60
                )
                done.set()
                latencies = sorted(await asking)
                usage = {
                    "bot_cpu_s": cpu_seconds(bot.pid) - cpu_before,
                    "emulator_cpu_s": time.process_time() - emu_cpu_before,
                    "bot_peak_rss_mb": peak_rss_mb(bot.pid),
                }
            return figures(emu, {u.id for u in users}, rate, latencies, usage)


def figures(
    emu: BotApiEmulator,
    chats: set[int],
    rate: int,
    latencies: list[float],
    usage: dict[str, float],
) -> dict[str, float]:
    """Compute the rates (bulletin alone, and every message in its time span) and the rest."""
    bulletin = [c for c in emu.calls_of("sendMessage") if c.ok and c.params["chat_id"] in chats]
    start, end = bulletin[0].at, bulletin[-1].at
    overall = [c for c in emu.calls if c.ok and is_limited(c.method) and start <= c.at <= end]
    seconds = end - start
    limit = emu.rate_limit
    assert limit is not None
    delivered = len({c.params["chat_id"] for c in bulletin})
    return {
        "subscribers": len(chats),
        "delivered": delivered,
        "duplicates": len(bulletin) - delivered,
        "seconds": round(seconds, 1),
        "configured_per_s": rate,
        "bulletin_per_s": round((len(bulletin) - 1) / seconds, 1),
        "all_messages_per_s": round((len(overall) - 1) / seconds, 1),
        "share_of_configured": round((len(overall) - 1) / seconds / rate, 3),
        "http_429": limit.refused,
        "reply_p50_ms": round(statistics.median(latencies) * 1000, 1),
        "reply_max_ms": round(latencies[-1] * 1000, 1),
        "bot_peak_rss_mb": round(usage["bot_peak_rss_mb"], 1),
        "bot_cpu_ms_per_message": round(usage["bot_cpu_s"] * 1000 / len(overall), 3),
        "emulator_cpu_ms_per_message": round(usage["emulator_cpu_s"] * 1000 / len(overall), 3),
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subscribers", type=int, default=100_000)
    parser.add_argument("--rate", type=int, default=500, help="DANVAN_SEND_RATE, messages/s")
    parser.add_argument(
        "--burst", type=float, default=1.0, help="seconds of messages the emulator lets burst"
    )
    args = parser.parse_args()
    result = asyncio.run(main(args.subscribers, args.rate, args.burst))
    for key, value in result.items():
        print(f"{key:>24}: {value}")
    print(json.dumps(result))
