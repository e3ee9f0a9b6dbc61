"""Fixtures: a running emulator and a real PTB Bot pointed at it."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from telegram import Bot
from telegram.request import HTTPXRequest

from emulator import BotApiEmulator

# The emulator speaks plain HTTP on localhost; not loading the CA bundle saves ~50 ms per client.
_PLAIN_HTTP = {"verify": False}


@pytest.fixture
async def emu() -> AsyncIterator[BotApiEmulator]:
    async with BotApiEmulator(token="123456:TEST", bot_username="danvan_test_bot") as running:
        yield running


@pytest.fixture
async def bot(emu: BotApiEmulator) -> AsyncIterator[Bot]:
    # A short read timeout keeps fault tests fast; long polls add their own timeout on top.
    request = HTTPXRequest(read_timeout=0.5, connect_timeout=1.0, httpx_kwargs=_PLAIN_HTTP)
    polling = HTTPXRequest(httpx_kwargs=_PLAIN_HTTP)
    async with Bot(
        emu.token, base_url=emu.base_url, request=request, get_updates_request=polling
    ) as client:
        yield client
