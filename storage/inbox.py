"""Durable inbox: updates are stored before they are confirmed to Telegram."""

from __future__ import annotations

from dataclasses import dataclass

from storage.database import Database


@dataclass(frozen=True, slots=True)
class InboxItem:
    """One stored update waiting to be handled."""

    update_id: int
    payload: str
    attempts: int


class InboxRepository:
    """Store incoming updates once and hand them out in order."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def add_many(self, updates: list[tuple[int, str]], now: float) -> None:
        """Store a batch of updates, dropping any seen before."""
        await self._db.execute_many(
            "INSERT OR IGNORE INTO inbox (update_id, payload, received_at) VALUES (?, ?, ?)",
            [(update_id, payload, now) for update_id, payload in updates],
        )

    async def pending(self, limit: int) -> list[InboxItem]:
        """Return the oldest updates not yet handled."""
        rows = await self._db.fetch_all(
            "SELECT update_id, payload, attempts FROM inbox WHERE status = 'pending' "
            "ORDER BY update_id LIMIT ?",
            (limit,),
        )
        return [InboxItem(r["update_id"], r["payload"], r["attempts"]) for r in rows]

    async def still_pending(self, update_ids: list[int]) -> set[int]:
        """Return which of these updates still wait to be handled (one query for a batch)."""
        marks = ", ".join("?" for _ in update_ids)
        rows = await self._db.fetch_all(
            f"SELECT update_id FROM inbox WHERE status = 'pending' AND update_id IN ({marks})",  # noqa: S608
            update_ids,
        )
        return {int(r["update_id"]) for r in rows}

    async def mark_done(self, update_ids: list[int]) -> None:
        """Mark updates handled and drop their content, keeping the ids to refuse repeats."""
        await self._db.execute_many(
            "UPDATE inbox SET status = 'done', payload = NULL WHERE update_id = ?",
            [(update_id,) for update_id in update_ids],
        )

    async def record_failure(self, update_id: int, error: str, give_up: bool) -> None:
        """Count a failed attempt; after the last one keep the update aside as failed."""
        await self._db.execute(
            "UPDATE inbox SET attempts = attempts + 1, error = ?, "
            "status = CASE WHEN ? THEN 'failed' ELSE status END WHERE update_id = ?",
            (error, give_up, update_id),
        )

    async def max_update_id(self) -> int | None:
        """Return the highest update id ever stored."""
        row = await self._db.fetch_one("SELECT MAX(update_id) AS m FROM inbox")
        return None if row is None or row["m"] is None else int(row["m"])

    async def purge(self, before: float) -> int:
        """Forget handled updates older than `before` (Telegram re-sends for at most 24 h)."""
        return await self._db.execute_rowcount(
            "DELETE FROM inbox WHERE status = 'done' AND received_at < ?", (before,)
        )
