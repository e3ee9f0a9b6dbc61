"""Waiting helpers: a wait that a stop cuts short, and backoff between failed tries."""

from __future__ import annotations

import asyncio
import time

from bot.waiting import Backoff


async def test_backoff_doubles_up_to_its_ceiling_and_resets() -> None:
    retry = Backoff(0.01, 0.03)
    stop = asyncio.Event()
    seen = []
    for _ in range(4):
        seen.append(retry.next)
        await retry.wait(stop)
    assert seen == [0.01, 0.02, 0.03, 0.03]
    retry.reset()
    assert retry.next == 0.01


async def test_a_stop_cuts_a_backoff_wait_short() -> None:
    retry = Backoff(30.0, 60.0)
    stop = asyncio.Event()
    asyncio.get_running_loop().call_later(0.05, stop.set)
    started = time.monotonic()
    await retry.wait(stop)
    assert time.monotonic() - started < 5.0
