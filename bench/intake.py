"""Citizens filing reports through the whole intake conversation: step latency, tickets per second.

Each citizen walks the conversation as a person does (/new, kind, ward, category, description,
contact skipped, confirm), sending each step once the bot has shown what it needs (closed
loop); new citizens start at a fixed rate, spread over ten wards, each bound to its own officers'
group. A step's latency runs from the citizen's message or button press until the bot's first
message, edit or button answer in that chat. Cards are not timed: Telegram lets a bot post 20
messages a minute in one group, and the bot keeps to that (PTB's rate limiter), so at these
rates the cards queue by design.

    .venv/bin/python bench/intake.py [--starts 25] [--seconds 20] [--warmup 2]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

# bench/, run as a script
from process_stats import cpu_seconds, harness_collector_paused, peak_rss_mb

from bot import texts
from bot.hot import texts as hot_texts
from emulator import BotApiEmulator
from emulator.bot_process import running_bot
from emulator.model import Call, EmuUser

# Served by the bundled content; each gets its own officers' group, as in a deployment.
WARDS = [
    "Ba Đình", "Hoàn Kiếm", "Cửa Nam", "Ngọc Hà", "Giảng Võ",
    "Hai Bà Trưng", "Đống Đa", "Tây Hồ", "Cầu Giấy", "Yên Hòa",
]  # fmt: skip
ASKS_WARD = "Sự việc thuộc phường/xã nào?"  # texts.ASK_WARD and ASK_WARD_TYPED begin so
ASKS_DESCRIPTION = texts.ASK_DESCRIPTION[:17]
RECEIPT = "Mã tra cứu: "  # in texts.RECEIPT, before the code
# Replies the bot makes to a step: any of these calls, to the citizen's chat.
ANSWERS = {"sendMessage", "editMessageText", "editMessageReplyMarkup", "answerCallbackQuery"}
PLACES = ["ngõ 12 Đội Cấn", "phố Kim Mã", "ngõ 35 Liễu Giai", "phố Quán Thánh", "hẻm 8 Ngọc Hà"]
PROBLEMS = ["rác thải đổ trộm", "nước thải tràn ra đường", "đèn chiếu sáng hỏng", "khói đốt rác"]


@dataclass
class Chats:
    """Who is waiting for which chat, woken by the emulator's calls instead of polling."""

    waiting: dict[int, asyncio.Event] = field(default_factory=dict)
    answered_at: dict[int, float] = field(default_factory=dict)
    queries: dict[str, int] = field(default_factory=dict)  # callback query id -> its chat

    def see(self, call: Call) -> None:
        """Note a bot call: wake whoever waits on its chat."""
        if not call.ok or call.method not in ANSWERS:
            return
        chat = call.params.get("chat_id")
        if call.method == "answerCallbackQuery":
            chat = self.queries.pop(str(call.params.get("callback_query_id")), None)
        if isinstance(chat, int) and chat in self.waiting:
            self.answered_at.setdefault(chat, call.at)
            self.waiting[chat].set()


class Citizen:
    """One citizen's conversation: act, then wait until the bot shows what comes next."""

    def __init__(self, emu: BotApiEmulator, chats: Chats, user: EmuUser, number: int) -> None:
        self.emu, self.chats, self.user = emu, chats, user
        self.event = chats.waiting.setdefault(user.id, asyncio.Event())
        self.number = number
        self.latencies: list[float] = []

    async def file(self) -> None:
        """Walk the conversation from /new to the receipt."""
        place, problem = PLACES[self.number % 5], PROBLEMS[self.number % 4]
        await self.say("/new", until=self.has_button("Phản ánh, kiến nghị"))
        await self.press("Phản ánh, kiến nghị", until=self.has_text(ASKS_WARD))
        await self.say(WARDS[self.number % len(WARDS)], until=self.has_button("Môi trường"))
        await self.press("Môi trường", until=self.has_text(ASKS_DESCRIPTION))
        description = f"{problem.capitalize()} ở {place}, lần {self.number}, đề nghị xử lý."
        await self.say(description, until=self.has_button(texts.CONTINUE))
        offered = self.has_button(hot_texts.BTN_SEND_NEW)
        await self.press(texts.CONTINUE, until=lambda: offered() or self.asks_phone())
        if offered():  # the ward already has a report like it: file this one anyway
            await self.press(hot_texts.BTN_SEND_NEW, until=self.asks_phone)
        await self.say(texts.SKIP, until=self.has_button(texts.CONFIRM))
        await self.press(texts.CONFIRM, until=self.has_text(RECEIPT))

    async def say(self, text: str, until: Callable[[], bool]) -> None:
        """Send a text and wait for the bot."""
        await self.step(lambda: self.emu.send_text(self.user.id, self.user, text), until)

    async def press(self, label: str, until: Callable[[], bool]) -> None:
        """Press the newest button with this label and wait for the bot."""
        message_id, data = self.button(label)

        def click() -> None:
            query = self.emu.click(self.user.id, self.user, message_id, data)
            self.chats.queries[query] = self.user.id

        await self.step(click, until)

    async def step(self, act: Callable[[], object], until: Callable[[], bool]) -> None:
        """Act; keep the time to the bot's first answer; wait until `until` holds."""
        self.chats.answered_at.pop(self.user.id, None)
        self.event.clear()
        began = time.time()
        act()
        while not until():
            await asyncio.wait_for(self.event.wait(), timeout=30)
            self.event.clear()
        self.latencies.append(self.chats.answered_at[self.user.id] - began)

    def newest(self) -> tuple[str, list[tuple[int, str, str]]]:
        """Return the newest bot message's text and every button of the bot's last messages."""
        messages = self.emu.bot_messages(self.user.id)[-3:]
        buttons = [
            (m.message_id, b["text"], b.get("callback_data", ""))
            for m in messages
            for row in (m.reply_markup or {}).get("inline_keyboard", [])
            for b in row
        ]
        return (messages[-1].plain_text or "") if messages else "", buttons

    def button(self, label: str) -> tuple[int, str]:
        """Return the newest button whose label contains `label`: its message and data."""
        for message_id, text, data in reversed(self.newest()[1]):
            if label in text:
                return message_id, data
        raise LookupError(f"no button {label!r} for citizen {self.number}")

    def has_button(self, label: str) -> Callable[[], bool]:
        """Return a check: does one of the bot's last messages carry this button?"""
        return lambda: any(label in text for _, text, _ in self.newest()[1])

    def has_text(self, start: str) -> Callable[[], bool]:
        """Return a check: does the bot's newest message contain this text?"""
        return lambda: start in self.newest()[0]

    def asks_phone(self) -> bool:
        """Tell whether the bot's newest message asks for a phone number."""
        return texts.ASK_PHONE_OPTIONAL[:20] in self.newest()[0]


async def run_citizens(
    emu: BotApiEmulator, chats: Chats, starts: float, seconds: float, first: int
) -> list[Citizen]:
    """Start `starts` citizens a second for `seconds`; return them once all have filed."""
    citizens, tasks = [], []
    began = time.monotonic()
    for n in range(int(starts * seconds)):
        delay = began + n / starts - time.monotonic()
        if delay > 0:
            await asyncio.sleep(delay)
        user = emu.add_user(f"Công dân {first + n}")
        citizen = Citizen(emu, chats, user, first + n)
        citizens.append(citizen)
        tasks.append(asyncio.create_task(citizen.file()))
    await asyncio.gather(*tasks)
    return citizens


async def main(starts: float, seconds: float, warmup: float) -> dict[str, float]:
    """Run the benchmark and return its figures."""
    with tempfile.TemporaryDirectory() as folder:
        async with BotApiEmulator() as emu:
            chats = Chats()
            emu.watch(chats.see)
            admin = emu.add_user("Quản trị")
            groups = [emu.add_group(f"Cán bộ phường {w}", members=[admin]) for w in WARDS]
            settings = {"DANVAN_ADMIN_IDS": str(admin.id), "DANVAN_LOG_LEVEL": "WARNING"}
            settings["DANVAN_SEND_RATE"] = "100000"  # the emulator is not Telegram
            db = Path(folder) / "bench.sqlite3"
            async with running_bot(emu, db, settings) as bot:
                await emu.wait_for(lambda: bool(emu.commands), timeout=30, what="bot start")
                for ward, group in zip(WARDS, groups, strict=True):
                    emu.send_text(group.id, admin, f"/bind_ward {ward}")
                    await emu.wait_for_bot_messages(group.id, 1, timeout=30)
                await run_citizens(emu, chats, starts, warmup, first=0)  # caches, lazy paths
                with harness_collector_paused():
                    began, cpu_before = time.time(), cpu_seconds(bot.pid)
                    citizens = await run_citizens(emu, chats, starts, seconds, first=100_000)
                    elapsed = time.time() - began
                rss, cpu = peak_rss_mb(bot.pid), cpu_seconds(bot.pid) - cpu_before
    steps = sorted(x for c in citizens for x in c.latencies)
    return _figures(len(citizens), steps, elapsed, rss, cpu)


def _figures(
    tickets: int, steps: list[float], elapsed: float, rss: float, cpu: float
) -> dict[str, float]:
    quantiles = statistics.quantiles(steps, n=100, method="inclusive")
    return {
        "tickets": tickets,
        "tickets_per_s": round(tickets / elapsed, 1),
        "steps_per_s": round(len(steps) / elapsed, 1),
        "step_p50_ms": round(quantiles[49] * 1000, 1),
        "step_p99_ms": round(quantiles[98] * 1000, 1),
        "step_max_ms": round(steps[-1] * 1000, 1),
        "bot_peak_rss_mb": round(rss, 1),
        "bot_cpu_ms_per_step": round(cpu * 1000 / len(steps), 2),
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--starts", type=float, default=25.0, help="citizens starting a second")
    parser.add_argument("--seconds", type=float, default=20.0, help="how long to start them")
    parser.add_argument(
        "--warmup", type=float, default=2.0, help="seconds of citizens first, not measured"
    )
    args = parser.parse_args()
    figures = asyncio.run(main(args.starts, args.seconds, args.warmup))
    for key, value in figures.items():
        print(f"{key:>20}: {value}")
    print(json.dumps(figures))
