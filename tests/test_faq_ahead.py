"""Reading questions ahead in the worker process: same answers, and the bot copes without it."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from bot.config import BUNDLED_CONTENT
from bot.faq.ahead import ReadAhead
from bot.faq.reading import read_question
from bot.world import World
from tests.test_faq_worker import QUESTIONS, seeded


async def test_readings_ahead_equal_readings_here(tmp_path: Path) -> None:
    version, matcher = await seeded(tmp_path / "db.sqlite3")
    ahead = ReadAhead(tmp_path / "db.sqlite3")
    await ahead.start()
    try:
        for text in QUESTIONS:
            ahead.submit(version, text)
        await asyncio.sleep(0)
        # Taken in another order than asked: each turn gets its own question's reading.
        for text in reversed(QUESTIONS):
            reading = await ahead.take(version, text)
            if reading is None:  # the worker was still starting: wait for it, once
                ahead.submit(version, text)
                reading = await asyncio.wait_for(_patient_take(ahead, version, text), 10)
            assert reading == read_question(matcher, text)
        assert await ahead.take(version, QUESTIONS[0]) is None  # each reading serves one turn
        assert await ahead.take(version, "never asked") is None
    finally:
        await ahead.close()
    assert not ahead.running


async def _patient_take(ahead: ReadAhead, version: int, text: str) -> object:
    while (reading := await ahead.take(version, text)) is None:
        ahead.submit(version, text)
        await asyncio.sleep(0.05)
    return reading


async def test_a_version_the_worker_cannot_load_is_read_here(tmp_path: Path) -> None:
    version, _ = await seeded(tmp_path / "db.sqlite3")
    ahead = ReadAhead(tmp_path / "db.sqlite3")
    await ahead.start()
    try:
        ahead.submit(version, QUESTIONS[0])
        await asyncio.wait_for(_patient_take(ahead, version, QUESTIONS[0]), 10)  # worker is up
        ahead.submit(version + 1, QUESTIONS[0])
        assert await ahead.take(version + 1, QUESTIONS[0]) is None
        assert not ahead._lagging  # the worker said so; the turn did not just time out
    finally:
        await ahead.close()


async def test_a_dead_worker_costs_no_answer(tmp_path: Path) -> None:
    version, _ = await seeded(tmp_path / "db.sqlite3")
    ahead = ReadAhead(tmp_path / "db.sqlite3")
    await ahead.start()
    assert ahead._process is not None
    ahead._process.kill()
    await ahead._process.wait()
    ahead.submit(version, QUESTIONS[0])  # not running: nothing is queued, nothing raises
    assert await ahead.take(version, QUESTIONS[0]) is None
    await ahead.close()


async def test_citizens_questions_are_answered_through_the_worker(tmp_path: Path) -> None:
    async with World(tmp_path / "danvan.sqlite3", BUNDLED_CONTENT, faq_worker=True) as world:
        ahead = world.services.read_ahead
        assert ahead is not None
        version = world.services.live_faq.current.version
        ahead.submit(version, "xin chào")
        await asyncio.wait_for(_patient_take(ahead, version, "xin chào"), 10)  # worker is up
        before = ahead.taken
        citizen = world.emulator.add_user("Hạnh")
        for text in QUESTIONS[:3]:
            await world.say(citizen.id, citizen, text)
        async with world.services.db.transaction():
            rows = await world.services.db.fetch_all(
                "SELECT decision, entry_id FROM faq_queries ORDER BY id"
            )
        matcher = world.services.live_faq.current.matcher
        expected = [read_question(matcher, text) for text in QUESTIONS[:3]]
        assert [(r["decision"], r["entry_id"]) for r in rows] == [
            (e.match.decision, e.match.id) for e in expected
        ]
        assert "khai sinh" in (world.emulator.bot_messages(citizen.id)[0].plain_text or "").lower()
        assert ahead.taken == before + 3  # each was read by the worker, none here


async def test_a_dead_worker_is_started_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    version, matcher = await seeded(tmp_path / "db.sqlite3")
    monkeypatch.setattr("bot.faq.ahead.RESTART_AFTER", 0.0)
    ahead = ReadAhead(tmp_path / "db.sqlite3")
    await ahead.start(version)
    try:
        assert ahead._process is not None
        ahead._process.kill()
        await ahead._process.wait()
        ahead.submit(version, QUESTIONS[0])  # finds it dead: starts another
        reading = await asyncio.wait_for(_patient_take(ahead, version, QUESTIONS[0]), 10)
        assert reading == read_question(matcher, QUESTIONS[0])
    finally:
        await ahead.close()
    assert not ahead.running
