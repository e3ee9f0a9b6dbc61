"""Start-up against a Bot API that is down for a while, or that rejects the token."""

from __future__ import annotations

import asyncio
import dataclasses
import logging
from pathlib import Path

import pytest

from bot import application
from bot.application import build_application, run
from bot.config import BUNDLED_CONTENT, ConfigError, Secret
from bot.world import World
from handlers.http import AiohttpRequest


async def test_an_unreachable_api_is_retried_until_it_answers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(application, "CONNECT_RETRY_SECONDS", (0.05, 0.2))
    world = World(tmp_path / "d.sqlite3", BUNDLED_CONTENT)
    emu = world.emulator
    await emu.start()
    await emu.stop()  # its port now refuses connections, as a server does before its network
    stop = asyncio.Event()
    with caplog.at_level(logging.WARNING, logger="bot.application"):
        task = asyncio.create_task(run(build_application(world.settings()), stop))
        await asyncio.sleep(0.4)
        assert not task.done() and caplog.text.count("cannot be reached") >= 2
        await emu.start()  # the same port comes up
        user = emu.add_user("Lan")
        emu.send_text(user.id, user, "/start")
        await emu.wait_for_bot_messages(user.id, 1, timeout=10)
    stop.set()
    await task
    await emu.stop()


async def test_a_stop_while_waiting_for_the_api_ends_cleanly(tmp_path: Path) -> None:
    world = World(tmp_path / "d.sqlite3", BUNDLED_CONTENT)
    await world.emulator.start()
    await world.emulator.stop()
    stop = asyncio.Event()
    app = build_application(world.settings())
    task = asyncio.create_task(run(app, stop))
    await asyncio.sleep(0.2)
    stop.set()
    await asyncio.wait_for(task, 2.0)  # not after the whole backoff
    assert isinstance(app.bot.request, AiohttpRequest) and not app.bot.request.is_open
    assert not (tmp_path / "d.sqlite3").exists()  # nothing was opened


async def test_a_rejected_token_stops_start_up_with_one_line(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    world = World(tmp_path / "d.sqlite3", BUNDLED_CONTENT)
    async with world.emulator:
        settings = dataclasses.replace(world.settings(), token=Secret("999:wrong-secret"))
        app = build_application(settings)
        with pytest.raises(ConfigError, match="TELEGRAM_BOT_TOKEN was rejected") as raised:
            await run(app, asyncio.Event())
    assert isinstance(app.bot.request, AiohttpRequest) and not app.bot.request.is_open
    assert "wrong-secret" not in str(raised.value) + caplog.text and "\n" not in str(raised.value)
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
