"""The same update twice changes nothing; a failing handler is rolled back, retried, reported."""

from __future__ import annotations

from typing import Any

import pytest
from telegram import Bot

from bot.demo import submit_feedback
from bot.messages import Outgoing
from bot.world import World
from emulator.model import EmuChat, EmuUser
from handlers.dispatch import MAX_ATTEMPTS, handle_stored


async def test_same_update_twice_relays_once(
    world: World, ward_group: tuple[EmuChat, EmuUser]
) -> None:
    group, officer = ward_group
    citizen = world.emulator.add_user("Tâm")
    code = await submit_feedback(world, citizen, "Ba Đình", "Hố ga mất nắp trước trường học.")
    await world.stop_bot()
    card = world.card(group.id, code)
    world.emulator.send_text(group.id, officer, "Đã lắp nắp mới.", reply_to=card.message_id)
    async with Bot(world.emulator.token, base_url=world.emulator.base_url) as probe:
        (update,) = await probe.get_updates(timeout=0)  # read without confirming
    await world.start_bot()
    await world.idle()
    relayed = [
        m for m in world.emulator.bot_messages(citizen.id) if "Đã lắp nắp mới" in (m.text or "")
    ]
    assert len(relayed) == 1
    await handle_stored(world.app, update.update_id, update.to_json(), 0)
    await world.idle()
    again = [
        m for m in world.emulator.bot_messages(citizen.id) if "Đã lắp nắp mới" in (m.text or "")
    ]
    assert len(again) == 1
    async with world.services.db.transaction():
        await world.services.deps.inbox.add_many([(update.update_id, update.to_json())], 0.0)
        assert not await world.services.deps.inbox.still_pending([update.update_id])
        ticket = await world.services.deps.tickets.by_code(code)
        assert ticket is not None
        events = await world.services.deps.tickets.events(ticket.id)
    assert [e.action for e in events].count("answered") == 1


async def test_failing_handler_rolls_back_and_apologises(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    citizen = world.emulator.add_user("Uyên")

    async def broken(chat_id: int) -> None:
        await world.services.deps.outbox.send(chat_id, Outgoing("nửa chừng"))
        raise RuntimeError("boom")

    monkeypatch.setattr(world.services.views, "my_tickets", broken)
    await world.say(citizen.id, citizen, "/status")
    texts = [m.plain_text or "" for m in world.emulator.bot_messages(citizen.id)]
    assert "nửa chừng" not in texts  # the half-done work was rolled back
    assert any("hệ thống gặp sự cố" in t for t in texts)
    async with world.services.db.transaction():
        row = await world.services.db.fetch_one("SELECT status, attempts, error FROM inbox")
    assert row is not None
    assert (row["status"], row["attempts"], row["error"]) == (
        "failed",
        MAX_ATTEMPTS,
        "RuntimeError",
    )


async def test_failure_in_a_fetched_batch_rolls_back_only_its_update(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = world.emulator.add_user("Vy"), world.emulator.add_user("Khoa")
    views = type(world.services.views)  # patched on the class: a restart builds new services
    real = views.my_tickets

    async def broken_for_first(self: Any, chat_id: int) -> None:
        if chat_id == first.id:
            raise RuntimeError("boom")
        await real(self, chat_id)

    monkeypatch.setattr(views, "my_tickets", broken_for_first)
    await world.stop_bot()
    world.emulator.send_text(first.id, first, "/status")
    world.emulator.send_text(second.id, second, "/status")
    await world.start_bot()  # both arrive in one getUpdates: stored and handled together
    await world.idle()
    assert world.emulator.bot_messages(second.id)  # the other update was not held back
    failed = [m.plain_text or "" for m in world.emulator.bot_messages(first.id)]
    assert any("hệ thống gặp sự cố" in t for t in failed)
    async with world.services.db.transaction():
        rows = await world.services.db.fetch_all("SELECT update_id, status FROM inbox")
    assert sorted(r["status"] for r in rows) == ["done", "failed"]
