"""Citizen messages through the Bot API emulator + real PTB + SQLite: throughput and latency.

The bot runs as its own process (as in production), so its peak RSS is its own. Messages are
injected open-loop at a fixed rate, spread over many private chats; a message's latency runs
from its injection until the bot's reply to that chat reaches the emulator. `--questions` sets
the share of free-text questions (taken from bench/faq_queries.tsv, answered from the FAQ);
the rest are commands (/status, /help).

    .venv/bin/python bench/messages.py [--rate 200] [--seconds 20] [--questions 0.5] [--warmup 2]
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import json
import statistics
import tempfile
import time
from asyncio.subprocess import Process
from contextlib import AbstractAsyncContextManager
from pathlib import Path

# bench/, run as a script
from process_stats import cpu_seconds, harness_collector_paused, peak_rss_mb

from emulator import BotApiEmulator
from emulator.bot_process import running_bot
from emulator.model import EmuUser


def running(emu: BotApiEmulator, db: Path) -> AbstractAsyncContextManager[Process]:
    """Run `python -m bot run` against the emulator while in the block."""
    settings = {
        "DANVAN_SEND_RATE": "100000",  # the emulator is not Telegram; measure the bot itself
        "DANVAN_LOG_LEVEL": "WARNING",
    }
    return running_bot(emu, db, settings)


def questions() -> list[str]:
    """Return citizens' questions from the labelled FAQ query set (each gets an FAQ reply)."""
    path = Path(__file__).with_name("faq_queries.tsv")
    with path.open(encoding="utf-8") as handle:
        return [row["query"] for row in csv.DictReader(handle, delimiter="\t")]


async def inject(
    emu: BotApiEmulator, users: list[EmuUser], rate: float, seconds: float, share: float
) -> list[tuple[int, float]]:
    """Send messages at `rate` per second for `seconds`; return (chat, sent_at) in order.

    A `share` of them are free-text questions (answered from the FAQ), the rest commands.
    """
    asked = questions()
    sent: list[tuple[int, float]] = []
    start = time.monotonic()
    total = int(rate * seconds)
    for n in range(total):
        due = start + n / rate
        delay = due - time.monotonic()
        if delay > 0:
            await asyncio.sleep(delay)
        user = users[n % len(users)]
        command = "/status" if n % 2 else "/help"
        text = asked[n % len(asked)] if n % 100 < share * 100 else command
        emu.send_text(user.id, user, text)
        sent.append((user.id, time.time()))
    return sent


def replies_by_chat(emu: BotApiEmulator) -> dict[int, list[float]]:
    """Return when each chat received each bot message so far."""
    replies: dict[int, list[float]] = {}
    for call in emu.calls_of("sendMessage"):
        if call.ok:
            replies.setdefault(int(call.params["chat_id"]), []).append(call.at)
    return replies


def latencies(
    emu: BotApiEmulator, sent: list[tuple[int, float]], earlier: dict[int, int]
) -> list[float]:
    """Pair each message with its chat's next bot reply (one reply per message, in order).

    `earlier` holds how many replies each chat had before these messages (the warm-up's).
    """
    replies = replies_by_chat(emu)
    seen = dict(earlier)
    result = []
    for chat, at in sent:
        index = seen.get(chat, 0)
        seen[chat] = index + 1
        chat_replies = replies.get(chat, [])
        if index < len(chat_replies):
            result.append(chat_replies[index] - at)
    return result


async def warm_up(
    emu: BotApiEmulator, users: list[EmuUser], rate: float, seconds: float, share: float
) -> dict[int, int]:
    """Offer the same mix for a while first, unmeasured; return each chat's replies so far."""
    # A fresh process fills its caches (word normalisation, PTB's lazy paths, the worker's
    # index) in its first second of traffic; the target is about sustained load.
    if seconds > 0:
        sent = await inject(emu, users, rate, seconds, share)
        expected = len(sent) + 1
        await emu.wait_for(
            lambda: sum(c.ok for c in emu.calls_of("sendMessage")) >= expected, timeout=120
        )
    return {chat: len(times) for chat, times in replies_by_chat(emu).items()}


async def main(
    rate: float, seconds: float, citizens: int, share: float, warmup: float
) -> dict[str, float]:
    """Run the benchmark and return its figures."""
    with tempfile.TemporaryDirectory() as folder:
        async with BotApiEmulator() as emu:
            users = [emu.add_user(f"Công dân {i}") for i in range(citizens)]
            async with running(emu, Path(folder) / "bench.sqlite3") as bot:
                await emu.wait_for(lambda: bool(emu.commands), timeout=30, what="bot start")
                warm = users[0]
                emu.send_text(warm.id, warm, "/start")
                await emu.wait_for_bot_messages(warm.id, 1, timeout=30)
                earlier = await warm_up(emu, users, rate, warmup, share)
                with harness_collector_paused():
                    began, cpu_before = time.time(), cpu_seconds(bot.pid)
                    sent = await inject(emu, users, rate, seconds, share)
                    expected = len(sent) + sum(earlier.values())
                    await emu.wait_for(
                        lambda: sum(c.ok for c in emu.calls_of("sendMessage")) >= expected,
                        timeout=120,
                    )
                finished = max(c.at for c in emu.calls_of("sendMessage"))
                rss = peak_rss_mb(bot.pid)
                cpu = cpu_seconds(bot.pid) - cpu_before
                lat = sorted(latencies(emu, sent, earlier))
    quantiles = statistics.quantiles(lat, n=100)
    return {
        "messages": len(sent),
        "offered_rate": rate,
        "question_share": share,
        "handled_per_s": round(len(lat) / (finished - began), 1),
        "p50_ms": round(quantiles[49] * 1000, 1),
        "p99_ms": round(quantiles[98] * 1000, 1),
        "max_ms": round(lat[-1] * 1000, 1),
        "bot_peak_rss_mb": round(rss, 1),
        "bot_cpu_ms_per_message": round(cpu * 1000 / len(sent), 2),
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rate", type=float, default=200.0, help="messages per second offered")
    parser.add_argument("--seconds", type=float, default=20.0, help="how long to offer them")
    parser.add_argument("--citizens", type=int, default=500, help="distinct private chats")
    parser.add_argument(
        "--questions", type=float, default=0.0, help="share of FAQ questions (0..1), rest commands"
    )
    parser.add_argument(
        "--warmup", type=float, default=2.0, help="seconds of the same mix first, not measured"
    )
    args = parser.parse_args()
    figures = asyncio.run(main(args.rate, args.seconds, args.citizens, args.questions, args.warmup))
    for key, value in figures.items():
        print(f"{key:>16}: {value}")
    print(json.dumps(figures))
