"""Storage on real SQLite: migrations recorded, WAL, foreign keys, append-only history."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from storage.database import Database
from storage.outbox import OutboxRepository


async def test_migrations_are_recorded_once(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "a.db")
    async with db.transaction():
        names = [r["name"] for r in await db.fetch_all("SELECT name FROM schema_migrations")]
        mode = await db.fetch_one("PRAGMA journal_mode")
        fk = await db.fetch_one("PRAGMA foreign_keys")
    shipped = sorted(
        f.name for f in (Path(__file__).parents[1] / "storage/migrations").glob("*.sql")
    )
    assert names == shipped and names[:3] == [
        "0001_initial.sql",
        "0002_faq.sql",
        "0003_routing.sql",
    ]
    assert mode is not None and mode[0] == "wal" and fk is not None and fk[0] == 1
    assert await db.migrate() == []
    await db.close()


async def test_history_is_append_only_and_keys_are_enforced(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "b.db")
    with pytest.raises(sqlite3.IntegrityError):
        async with db.transaction():
            await db.execute(
                "INSERT INTO ticket_events (ticket_id, at, actor, action)"
                " VALUES (99, 0, 'system', 'x')"
            )
    async with db.transaction():
        await db.execute(
            "INSERT INTO tickets (code, source_key, kind, ward_code, category, description, status,"
            " citizen_chat_id, created_at, updated_at, due_date) VALUES"
            " ('AAAA-BBBB', 's', 'cau_hoi', 'w', 'c', 'd', 'received', 1, 0, 0, '2026-01-01')"
        )
        await db.execute(
            "INSERT INTO ticket_events (ticket_id, at, actor, action) VALUES (1, 0, 'system', 'x')"
        )
    for statement in ("UPDATE ticket_events SET action = 'y'", "DELETE FROM ticket_events"):
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            async with db.transaction():
                await db.execute(statement)
    await db.close()


async def test_access_outside_a_transaction_is_a_bug(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "c.db")
    with pytest.raises(RuntimeError, match="outside"):
        await db.fetch_all("SELECT 1")
    await db.close()


async def test_commit_hooks_run_after_commit_and_never_after_rollback(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "h.db")
    ran: list[str] = []
    async with db.transaction():
        db.on_commit(lambda: ran.append("outer"))
        async with db.transaction():  # a nested block joins the outer transaction
            db.on_commit(lambda: ran.append("inner"))
        assert ran == []  # nothing has committed yet
    assert ran == ["outer", "inner"]
    with pytest.raises(ValueError, match="undo"):
        async with db.transaction():
            db.on_commit(lambda: ran.append("rolled back"))
            raise ValueError("undo")
    assert ran == ["outer", "inner"]
    await db.close()


async def test_outbox_flags_calls_in_flight_at_a_crash(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "d.db")
    outbox = OutboxRepository(db)
    async with db.transaction():
        for chat in (1, 1, 2):
            await outbox.enqueue(chat, "send", {"text": "x"}, 0.0)
        taken = await outbox.due(1.0, 10, set())
    assert [i.chat_id for i in taken] == [1, 2]  # one per chat, oldest first
    async with db.transaction():
        assert await outbox.due(1.0, 10, {1, 2}) == []
        await outbox.mark_sent_many([(taken[0].id, 10)], 2.0)
        assert await outbox.recover_in_flight() == 1  # chat 2's call was never confirmed
        row = await db.fetch_one("SELECT ambiguous FROM outbox WHERE id = ?", (taken[1].id,))
    assert row is not None and row["ambiguous"] == 1
    await db.close()
