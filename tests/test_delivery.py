"""Outgoing messages survive 429, 5xx, timeouts and blocked users, and are split when long."""

from __future__ import annotations

import asyncio
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

from bot.config import BUNDLED_CONTENT
from bot.demo import confirm, fill_feedback, submit_feedback
from bot.world import World
from emulator import Fault
from emulator.model import EmuChat, EmuUser
from storage.outbox import OutboxItem


async def test_throttled_chat_does_not_stall_others(
    world: World, ward_group: tuple[EmuChat, EmuUser]
) -> None:
    group, _ = ward_group
    citizen = world.emulator.add_user("Oanh")
    await fill_feedback(world, citizen, "Ba Đình", "Chó thả rông không rọ mõm ở công viên.")
    world.emulator.faults.add(
        Fault(method="sendMessage", kind="429", retry_after=1, chat_id=citizen.id, times=1)
    )
    code = await confirm(world, citizen)
    sends = [
        c
        for c in world.emulator.calls_of("sendMessage")
        if c.params["chat_id"] in (citizen.id, group.id)
    ]
    throttled = next(c for c in sends if not c.ok)
    card = next(
        c
        for c in sends
        if c.ok and c.params["chat_id"] == group.id and code in str(c.params.get("text"))
    )
    retried = [
        c for c in sends if c.ok and c.params["chat_id"] == citizen.id and c.at > throttled.at
    ]
    assert card.at - throttled.at < 0.5  # the group got its card while the citizen's chat waited
    assert retried and retried[0].at - throttled.at >= 1.0  # retry_after was honoured
    receipts = [
        m for m in world.emulator.bot_messages(citizen.id) if "Mã tra cứu" in (m.plain_text or "")
    ]
    assert len(receipts) == 1


async def test_server_errors_and_timeouts_are_retried_once_delivered(tmp_path: Path) -> None:
    async with World(tmp_path / "db.sqlite3", BUNDLED_CONTENT, http_timeout=1.0) as world:
        group = world.emulator.add_group("UBND Phường Ba Đình", members=[world.admin])
        await world.say(group.id, world.admin, "/bind_ward Ba Đình")
        citizen = world.emulator.add_user("Phúc")
        faults = world.emulator.faults
        faults.add(Fault(method="sendMessage", kind="500", chat_id=group.id, times=1))
        faults.add(
            Fault(method="sendMessage", kind="timeout", delay=1.5, chat_id=group.id, times=1)
        )
        code = await submit_feedback(world, citizen, "Ba Đình", "Mất điện cả khu phố từ sáng.")
        await world.idle(within=15)
        cards = [m for m in world.emulator.bot_messages(group.id) if code in (m.plain_text or "")]
        assert len(cards) == 1
        failed = [c for c in world.emulator.calls_of("sendMessage") if not c.ok]
        assert len(failed) == 2


async def test_blocked_citizen_is_reported_to_officers(
    world: World, ward_group: tuple[EmuChat, EmuUser]
) -> None:
    group, officer = ward_group
    citizen = world.emulator.add_user("Quân")
    code = await submit_feedback(world, citizen, "Ba Đình", "Xe tải đỗ chắn lối vào ngõ 5.")
    world.emulator.block_bot(citizen.id)
    await world.say(
        group.id, officer, "Đã cử trật tự đô thị.", reply_to=world.card(group.id, code).message_id
    )
    notice = world.last(group.id).plain_text or ""
    assert "Không gửi được tới công dân" in notice and "chặn bot" in notice


async def test_long_answer_is_split_not_dropped(
    world: World, ward_group: tuple[EmuChat, EmuUser]
) -> None:
    group, officer = ward_group
    citizen = world.emulator.add_user("Sơn")
    code = await submit_feedback(world, citizen, "Ba Đình", "Hỏi về thủ tục xin cấp phép sửa nhà.")
    before = len(world.emulator.bot_messages(citizen.id))
    answer = " ".join(f"đoạn{i} <&>" for i in range(700))  # ~4.6k characters, escaped to more
    await world.say(group.id, officer, answer, reply_to=world.card(group.id, code).message_id)
    parts = world.emulator.bot_messages(citizen.id)[before:]
    assert len(parts) >= 2
    joined = " ".join((m.plain_text or "") for m in parts)
    assert "đoạn0 <&>" in joined and "đoạn699 <&>" in joined
    assert all(len(m.plain_text or "") <= 4096 for m in parts)


async def test_a_stop_mid_round_loses_no_outcome(tmp_path: Path) -> None:
    db = tmp_path / "db.sqlite3"
    async with World(db, BUNDLED_CONTENT) as world:
        citizens = [world.emulator.add_user(f"Hỏi {n}") for n in range(5)]
        repo = world.services.deps.outbox_repo
        take, in_round = repo.take, asyncio.Event()

        async def slow_take(*args: Any, **kwargs: Any) -> tuple[list[OutboxItem], bool]:
            # Once the replies are out, hold the next round (which records them) in its
            # transaction, so that the stop lands there.
            if all(world.emulator.bot_messages(c.id) for c in citizens):
                in_round.set()
                await asyncio.sleep(0.3)
            return await take(*args, **kwargs)

        repo.take = slow_take  # type: ignore[method-assign]
        for citizen in citizens:
            world.emulator.send_text(citizen.id, citizen, "/help")
        await asyncio.wait_for(in_round.wait(), 10)
        await world.stop_bot()
        with closing(sqlite3.connect(db)) as conn:
            (in_flight,) = conn.execute(
                "SELECT COUNT(*) FROM outbox WHERE status = 'pending' AND sending_at IS NOT NULL"
            ).fetchone()
        assert in_flight == 0  # the replies' outcomes were written, so none is sent again
        await world.start_bot()
        await world.idle()
        assert all(len(world.emulator.bot_messages(c.id)) == 1 for c in citizens)
