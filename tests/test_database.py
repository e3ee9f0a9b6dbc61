"""Storage on real SQLite: migrations recorded, WAL, foreign keys, append-only history."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from storage import database
from storage.bulletins import BulletinRepository, NewBulletin
from storage.database import Database
from storage.outbox import OutboxRepository

MIGRATIONS = Path(__file__).resolve().parent.parent / "storage" / "migrations"


async def test_migrations_are_recorded_once(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "a.db")
    async with db.transaction():
        names = [r["name"] for r in await db.fetch_all("SELECT name FROM schema_migrations")]
        mode = await db.fetch_one("PRAGMA journal_mode")
        fk = await db.fetch_one("PRAGMA foreign_keys")
    shipped = sorted(p.name for p in MIGRATIONS.glob("*.sql"))
    assert names == shipped and {"0001_initial.sql", "0004_deadlines.sql"} <= set(names)
    assert mode is not None and mode[0] == "wal" and fk is not None and fk[0] == 1
    assert await db.migrate() == []
    await db.close()


async def test_a_failing_migration_changes_nothing_and_is_not_recorded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "m.db"
    await (await Database.open(path)).close()
    shipped = database._migration_scripts()
    broken = "CREATE TABLE x (a INTEGER);\nINSERT INTO x VALUES (1);\nINSERT INTO nope VALUES (1);"
    monkeypatch.setattr(database, "_migration_scripts", lambda: [*shipped, ("9999_x.sql", broken)])
    with pytest.raises(sqlite3.OperationalError, match="nope"):
        await Database.open(path)
    with sqlite3.connect(path) as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        names = {r[0] for r in conn.execute("SELECT name FROM schema_migrations")}
    assert "x" not in tables and "9999_x.sql" not in names  # all of it undone
    fixed = broken.replace("nope", "x")
    monkeypatch.setattr(database, "_migration_scripts", lambda: [*shipped, ("9999_x.sql", fixed)])
    db = await Database.open(path)
    async with db.transaction():
        rows = await db.fetch_all("SELECT a FROM x")
    assert [r["a"] for r in rows] == [1, 1] and await db.migrate() == []
    await db.close()


async def test_deadline_migration_backfills_the_local_receipt_day(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    with sqlite3.connect(path) as conn:  # a database from before 0004
        conn.execute("CREATE TABLE schema_migrations (name TEXT PRIMARY KEY)")
        for script in sorted(MIGRATIONS.glob("*.sql")):
            if script.name < "0004":
                conn.executescript(script.read_text(encoding="utf-8"))
                conn.execute("INSERT INTO schema_migrations VALUES (?)", (script.name,))
        # 17:30 UTC on 13 March 2026 is 00:30 on 14 March in Vietnam.
        conn.execute(
            "INSERT INTO tickets (code, source_key, kind, ward_code, category, description, status,"
            " citizen_chat_id, created_at, updated_at, due_date) VALUES"
            " ('AAAA-BBBB', 's', 'to_cao', 'w', 'c', 'd', 'received', 1, 1773423000, 0,"
            " '2026-03-24')"
        )
    db = await Database.open(path)
    async with db.transaction():
        row = await db.fetch_one("SELECT * FROM tickets")
    await db.close()
    assert row is not None
    assert (row["received_on"], row["accepted_on"], row["is_complex"], row["extensions"]) == (
        "2026-03-14",
        None,
        0,
        0,
    )


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


async def test_outbox_counts_the_crashes_a_call_was_in_flight_at(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "d.db")
    outbox = OutboxRepository(db)
    async with db.transaction():
        for chat in (1, 1, 2):
            await outbox.enqueue(chat, "send", {"text": "x"}, 0.0)
        taken, _ = await outbox.take(1.0, 10, set())
    assert [i.chat_id for i in taken] == [1, 2]  # one per chat, oldest first
    async with db.transaction():
        assert await outbox.take(1.0, 10, {1, 2}) == ([], False)
        await outbox.mark_sent_many([(taken[0].id, 10)], 2.0)
        assert await outbox.recover_in_flight() == 1  # chat 2's call was never confirmed
        row = await db.fetch_one("SELECT ambiguous FROM outbox WHERE id = ?", (taken[1].id,))
        assert row is not None and row["ambiguous"] == 1
        again, _ = await outbox.take(3.0, 10, {1})
        assert [i.id for i in again] == [taken[1].id]  # resent after the restart...
        assert await outbox.recover_in_flight() == 1  # ...and in flight at a second crash
        row = await db.fetch_one("SELECT ambiguous FROM outbox WHERE id = ?", (taken[1].id,))
    assert row is not None and row["ambiguous"] == 2  # up to three copies, and it says so
    await db.close()


async def test_bulletin_messages_wait_behind_conversation_and_are_capped(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "e.db")
    outbox, bulletins = OutboxRepository(db), BulletinRepository(db)
    async with db.transaction():
        new = NewBulletin("ward", "00004", "tin", None, None, 1, 1, planned=5)
        bulletin = await bulletins.create(new, 0.0)
        await outbox.enqueue(1, "send", {"text": "trả lời"}, 0.0)
        await outbox.enqueue_bulk(bulletin, [10, 11, 12, 13, 14], "send", {"text": "tin"}, 0.0)
        await outbox.enqueue(2, "send", {"text": "trả lời"}, 0.0)
        taken, _ = await outbox.take(1.0, 10, set(), bulk_limit=2)
        assert [i.chat_id for i in taken] == [1, 2, 10, 11]
        assert [i.bulletin_id for i in taken] == [None, None, bulletin, bulletin]
        busy = {1, 2, 10, 11}  # in flight: the sender skips them
        items, _ = await outbox.take(1.0, 1, busy, bulk_limit=5)
        assert [i.chat_id for i in items] == [12]
        busy.add(12)
        items, held = await outbox.take(1.0, 10, busy, bulk_limit=1)
        assert [i.chat_id for i in items] == [13] and held  # chat 14 waits for a token
        items, held = await outbox.take(1.0, 10, busy | {13}, bulk_limit=5)
        assert [i.chat_id for i in items] == [14] and not held
    await db.close()


async def test_a_chat_can_never_be_queued_twice_for_one_bulletin(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "f.db")
    bulletins = BulletinRepository(db)
    async with db.transaction():
        new = NewBulletin("ward", "00004", "tin", None, None, 1, 1, planned=2)
        bulletin = await bulletins.create(new, 0.0)
        await bulletins.add_deliveries(bulletin, [10, 11], fed_all=False)
    with pytest.raises(sqlite3.IntegrityError):
        async with db.transaction():
            await bulletins.add_deliveries(bulletin, [11, 12], fed_all=True)
    async with db.transaction():
        again = await bulletins.get(bulletin)
    assert again is not None and (again.queued, again.cursor, again.fed_all) == (2, 11, False)
    await db.close()
