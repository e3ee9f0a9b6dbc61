"""The intake's ward step with old names, split wards, unserved wards and a whole province."""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.cli import main
from bot.config import BUNDLED_CONTENT
from bot.world import World
from emulator.model import EmuUser


async def ask_ward(world: World, citizen: EmuUser) -> None:
    await world.say(citizen.id, citizen, "/new")
    await world.press(citizen.id, citizen, "Phản ánh, kiến nghị")


def texts_of(world: World, citizen: EmuUser) -> list[str]:
    return [m.plain_text or "" for m in world.emulator.bot_messages(citizen.id)]


async def draft_ward(world: World, citizen: EmuUser) -> str | None:
    async with world.services.db.transaction():
        state = await world.services.deps.states.get(citizen.id)
    return None if state is None else state.data.get("ward")


@pytest.fixture
async def province_world(tmp_path: Path) -> AsyncIterator[World]:
    """Run the bot serving all 92 wards of Thái Nguyên."""
    content = tmp_path / "content"
    shutil.copytree(BUNDLED_CONTENT, content)
    assert main(["wards", "import", "--province", "Thái Nguyên", "--content", str(content)]) == 0
    async with World(tmp_path / "danvan.sqlite3", content) as running:
        yield running


async def test_an_old_name_is_announced_with_its_new_ward(province_world: World) -> None:
    world = province_world
    citizen = world.emulator.add_user("Sơn")
    await ask_ward(world, citizen)
    question = world.last(citizen.id)
    assert "Hãy gõ tên phường/xã" in (question.plain_text or "")
    assert not (question.reply_markup or {}).get("inline_keyboard")  # 92 wards: typed, not tapped
    await world.say(citizen.id, citizen, "P. Sông Cầu")
    said = texts_of(world, citizen)
    # The ward found heads the next question, in one message.
    assert said[-1].startswith("📍 Phường Sông Cầu (Thành Phố Bắc Kạn) nay thuộc Phường Bắc Kạn.")
    assert "lĩnh vực" in said[-1]
    assert await draft_ward(world, citizen) == "01843"


async def test_a_ward_of_another_province_is_declined_politely(province_world: World) -> None:
    world = province_world
    citizen = world.emulator.add_user("Hà")
    await ask_ward(world, citizen)
    await world.say(citizen.id, citizen, "phường Ba Đình, Hà Nội")
    reply = texts_of(world, citizen)[-1]
    assert reply.startswith("Rất tiếc, Phường Ba Đình, Thành phố Hà Nội không thuộc địa bàn")
    assert await draft_ward(world, citizen) is None
    await world.say(citizen.id, citizen, "phuong duc xuan")
    assert texts_of(world, citizen)[-1].startswith("📍 Phường Đức Xuân\n")
    assert await draft_ward(world, citizen) == "01840"


async def test_an_old_ward_split_between_served_wards_asks_which(world: World) -> None:
    citizen = world.emulator.add_user("Mai")
    await ask_ward(world, citizen)
    await world.say(citizen.id, citizen, "kim ma")
    ask = world.last(citizen.id)
    assert (ask.plain_text or "").startswith("Phường Kim Mã (Quận Ba Đình) nay được chia")
    labels = [row[0]["text"] for row in (ask.reply_markup or {})["inline_keyboard"]]
    assert labels == [
        "Phường Ba Đình ← Phường Kim Mã",
        "Phường Ngọc Hà ← Phường Kim Mã",
        "Phường Giảng Võ ← Phường Kim Mã",
    ]
    await world.press(citizen.id, citizen, "Phường Ngọc Hà ←")
    assert await draft_ward(world, citizen) == "00008"
    assert "lĩnh vực" in texts_of(world, citizen)[-1]


async def test_an_old_name_in_the_demo_wards(world: World) -> None:
    citizen = world.emulator.add_user("Lan")
    await ask_ward(world, citizen)
    await world.say(citizen.id, citizen, "phuong truc bach")
    said = texts_of(world, citizen)[-1]
    assert said.startswith("📍 Phường Trúc Bạch (Quận Ba Đình) nay thuộc Phường Ba Đình.\n")
    assert await draft_ward(world, citizen) == "00004"


async def test_an_unserved_ward_of_the_same_city(world: World) -> None:
    citizen = world.emulator.add_user("Quân")
    await ask_ward(world, citizen)
    await world.say(citizen.id, citizen, "phường Láng")
    reply = world.last(citizen.id)
    assert "Phường Láng, Thành phố Hà Nội không thuộc địa bàn" in (reply.plain_text or "")
    # The served wards an old name "Láng Hạ" went to are still offered.
    labels = [row[0]["text"] for row in (reply.reply_markup or {})["inline_keyboard"]]
    assert labels == ["Phường Giảng Võ ← Phường Láng Hạ", "Phường Đống Đa ← Phường Láng Hạ"]
