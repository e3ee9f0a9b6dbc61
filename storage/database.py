"""The one owner of the SQLite connection: WAL, foreign keys, one writer, migrations."""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import logging
import sqlite3
from collections.abc import AsyncIterator, Callable, Iterable, Mapping
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Any

import aiosqlite

log = logging.getLogger(__name__)

Row = aiosqlite.Row

# Set while the current task (and what it awaits) holds the write transaction, so nested calls
# join it instead of deadlocking on the lock.
_in_transaction: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "danvan_in_transaction", default=False
)
# What the current transaction runs once it has committed (dropped if it rolls back).
_on_commit: contextvars.ContextVar[list[Callable[[], None]]] = contextvars.ContextVar(
    "danvan_on_commit"
)


class Database:
    """Own the connection; every read and write goes through `transaction()`."""

    def __init__(self, connection: aiosqlite.Connection) -> None:
        self._conn = connection
        self._lock = asyncio.Lock()

    @classmethod
    async def open(cls, path: str | Path) -> Database:
        """Open (creating if needed) the database at `path` and bring its schema up to date."""
        if str(path) != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        conn = await aiosqlite.connect(str(path), isolation_level=None)
        conn.row_factory = aiosqlite.Row
        for pragma in (
            "PRAGMA journal_mode=WAL",
            "PRAGMA foreign_keys=ON",
            # NORMAL is durable across process crashes in WAL mode; only an OS crash can lose the
            # last commits, and Telegram keeps unconfirmed updates for 24 h anyway.
            "PRAGMA synchronous=NORMAL",
            "PRAGMA busy_timeout=5000",
        ):
            await conn.execute(pragma)
        db = cls(conn)
        try:
            await db.migrate()
        except BaseException:
            await conn.close()  # its thread would otherwise keep the process alive
            raise
        return db

    async def close(self) -> None:
        """Close the connection after the current transaction ends."""
        async with self._lock:
            await self._conn.close()

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[Database]:
        """Run the block in one write transaction; nested blocks join the outer one."""
        if _in_transaction.get():
            yield self
            return
        async with self._lock:
            token = _in_transaction.set(True)
            hooks: list[Callable[[], None]] = []
            hooks_token = _on_commit.set(hooks)
            try:
                # BEGIN and COMMIT run in aiosqlite's thread even if this task is cancelled
                # while awaiting them, so a failure anywhere here must end in ROLLBACK.
                await self._conn.execute_fetchall("BEGIN IMMEDIATE")
                yield self
                await self._conn.execute_fetchall("COMMIT")
            except BaseException:
                await self._rollback()
                raise
            finally:
                _in_transaction.reset(token)
                _on_commit.reset(hooks_token)
        for hook in hooks:
            hook()

    def on_commit(self, hook: Callable[[], None]) -> None:
        """Run `hook` once the current transaction has committed; never if it rolls back.

        For state kept outside the database (caches, loaded content), so that memory never
        shows what the database does not hold.
        """
        self._require_transaction()
        _on_commit.get().append(hook)

    async def _rollback(self) -> None:
        """Roll back whatever is open; shielded so a second cancellation cannot skip it."""
        with contextlib.suppress(sqlite3.OperationalError):  # nothing was open
            await asyncio.shield(self._conn.execute_fetchall("ROLLBACK"))

    # Each call below is one round trip to aiosqlite's thread: those round trips, not SQLite,
    # bound throughput, so no call fetches and closes a cursor in separate steps.

    async def execute(self, sql: str, params: Iterable[Any] | Mapping[str, Any] = ()) -> int:
        """Run one statement inside the current transaction and return the last inserted row id."""
        self._require_transaction()
        row = await self._conn.execute_insert(sql, _bind(params))
        return int(row[0]) if row is not None else 0

    async def execute_rowcount(self, sql: str, params: Iterable[Any] = ()) -> int:
        """Run one statement and return how many rows it changed."""
        self._require_transaction()
        cursor = await self._conn.execute(sql, tuple(params))
        return cursor.rowcount  # sqlite3 frees the cursor with the object; closing costs a trip

    async def execute_many(self, sql: str, rows: Iterable[Iterable[Any]]) -> None:
        """Run one statement for many parameter rows, in a single round trip."""
        self._require_transaction()
        batch = [tuple(r) for r in rows]
        if batch:
            await self._conn.executemany(sql, batch)

    async def fetch_all(
        self, sql: str, params: Iterable[Any] | Mapping[str, Any] = ()
    ) -> list[Row]:
        """Return every row of a query (parameters by position, or by name from a mapping)."""
        self._require_transaction()
        return list(await self._conn.execute_fetchall(sql, _bind(params)))

    async def fetch_one(
        self, sql: str, params: Iterable[Any] | Mapping[str, Any] = ()
    ) -> Row | None:
        """Return the first row of a query, or None."""
        rows = await self.fetch_all(sql, params)
        return rows[0] if rows else None

    async def migrate(self) -> list[str]:
        """Apply pending numbered migrations, each in its own transaction; return their names."""
        async with self.transaction():
            await self.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations "
                "(name TEXT PRIMARY KEY, applied_at TEXT NOT NULL DEFAULT (datetime('now')))"
            )
            done = {
                row["name"] for row in await self.fetch_all("SELECT name FROM schema_migrations")
            }
        applied = []
        for name, sql in _migration_scripts():
            if name in done:
                continue
            await self._apply(name, sql)
            log.info("applied migration %s", name)
            applied.append(name)
        return applied

    async def _apply(self, name: str, sql: str) -> None:
        """Run one migration and record it, in one transaction and one round trip."""
        # executescript() commits whatever is open before it starts, so the script carries its
        # own BEGIN and COMMIT; a statement that fails leaves it open, to roll back.
        quoted = name.replace("'", "''")
        script = (
            f"BEGIN IMMEDIATE;\n{sql}\n;\n"
            f"INSERT INTO schema_migrations (name) VALUES ('{quoted}');\nCOMMIT;"
        )
        async with self._lock:
            try:
                await self._conn.executescript(script)
            except BaseException:
                await self._rollback()
                raise

    def _require_transaction(self) -> None:
        if not _in_transaction.get():
            raise RuntimeError("database access outside Database.transaction()")


def _bind(params: Iterable[Any] | Mapping[str, Any]) -> tuple[Any, ...] | dict[str, Any]:
    """Return parameters as sqlite3 takes them: by name from a mapping, else by position."""
    return dict(params) if isinstance(params, Mapping) else tuple(params)


def _migration_scripts() -> list[tuple[str, str]]:
    folder = resources.files("storage") / "migrations"
    scripts = [
        (f.name, f.read_text(encoding="utf-8")) for f in folder.iterdir() if f.name.endswith(".sql")
    ]
    return sorted(scripts)
