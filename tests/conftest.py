"""Shared fixtures: a running bot wired to the local Bot API emulator."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.config import BUNDLED_CONTENT
from bot.world import World
from emulator.model import EmuChat, EmuUser


@pytest.fixture
async def world(tmp_path: Path) -> AsyncIterator[World]:
    """Start the emulator and the bot on a fresh database."""
    async with World(tmp_path / "danvan.sqlite3", BUNDLED_CONTENT) as running:
        yield running


@pytest.fixture
async def ward_group(world: World) -> tuple[EmuChat, EmuUser]:
    """Return an officers' group bound to Phường Ba Đình, and one officer in it."""
    officer = world.emulator.add_user("Bình", last_name="Trần")
    group = world.emulator.add_group("UBND Phường Ba Đình", members=[world.admin, officer])
    await world.say(group.id, world.admin, "/bind_ward Ba Đình")
    return group, officer
