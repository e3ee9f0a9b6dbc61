"""Run the bot as its own process against the emulator, as in production (kill tests, benches)."""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import AsyncIterator, Mapping, Sequence
from contextlib import asynccontextmanager
from pathlib import Path

from emulator.server import BotApiEmulator


async def start_bot_process(
    emu: BotApiEmulator,
    db: Path,
    settings: Mapping[str, str],
    *,
    prefix: Sequence[str] = (),
    cwd: Path | None = None,
    quiet: bool = False,
) -> asyncio.subprocess.Process:
    """Start `python -m bot run` on `db` against `emu`, with extra DANVAN_* `settings`.

    `prefix` goes between the interpreter and `-m bot` (e.g. a profiler); `cwd` is where the bot
    looks for a `.env` file; `quiet` discards the bot's output.
    """
    env = os.environ | {
        "TELEGRAM_BOT_TOKEN": emu.token,
        "TELEGRAM_BASE_URL": emu.base_url,
        "DANVAN_DB": str(db),
        "DANVAN_POLL_TIMEOUT": "1",  # a stop or a kill is noticed within a second
        **settings,
    }
    output = asyncio.subprocess.DEVNULL if quiet else None
    return await asyncio.create_subprocess_exec(
        sys.executable, *prefix, "-m", "bot", "run",
        env=env, cwd=cwd, stdout=output, stderr=output,
    )  # fmt: skip


@asynccontextmanager
async def running_bot(
    emu: BotApiEmulator, db: Path, settings: Mapping[str, str]
) -> AsyncIterator[asyncio.subprocess.Process]:
    """Run the bot as `start_bot_process` does, and stop it on leaving, after a failure too.

    A benchmark that fails must not leave its bot polling an emulator that is gone. The words
    of BENCH_PROFILE, if set, go before `-m bot` (e.g. "-m cProfile -o bot.prof").
    """
    prefix = os.environ.get("BENCH_PROFILE", "").split()
    bot = await start_bot_process(emu, db, settings, prefix=prefix)
    try:
        yield bot
    finally:
        if bot.returncode is None:
            bot.terminate()
        await bot.wait()
