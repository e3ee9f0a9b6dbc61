"""Bulletins and their per-recipient deliveries."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, fields

from storage.database import Database, Row

# Final delivery outcomes, each with its counter column on `bulletins`.
OUTCOMES = ("sent", "failed", "blocked")


@dataclass(frozen=True, slots=True)
class Bulletin:
    """One bulletin and how far its sending has come."""

    id: int
    target_kind: str
    target_key: str
    text: str
    photo: str | None
    link: str | None
    admin_chat_id: int
    status: str
    planned: int
    created_at: float
    cursor: int | None
    fed_all: bool
    queued: int
    sent: int
    failed: int
    blocked: int
    progress_outbox_id: int | None
    reported_done: int
    reported_at: float

    @property
    def done(self) -> int:
        """Return how many recipients have a final outcome."""
        return self.sent + self.failed + self.blocked

    @property
    def in_outbox(self) -> int:
        """Return how many of its messages wait in the outbox."""
        return self.queued - self.done


@dataclass(frozen=True, slots=True)
class NewBulletin:
    """What an admin composed and confirmed."""

    target_kind: str
    target_key: str
    text: str
    photo: str | None
    link: str | None
    created_by: int
    admin_chat_id: int
    planned: int


_BULLETIN_COLUMNS = [f.name for f in fields(Bulletin)]


class BulletinRepository:
    """Create bulletins, queue their deliveries and count outcomes."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def totals(
        self, start: float, end: float, wards: tuple[str, ...] | None
    ) -> tuple[int, int]:
        """Return bulletins created in [start, end) and the citizens they reached.

        For some wards (not None), only bulletins addressed to one of those wards count.
        """
        chosen = None if wards is None else json.dumps(list(wards))
        row = await self._db.fetch_one(
            "SELECT COUNT(*) AS n, COALESCE(SUM(sent), 0) AS reached FROM bulletins "
            "WHERE created_at >= ? AND created_at < ? AND (? IS NULL OR (target_kind = 'ward' "
            "AND target_key IN (SELECT value FROM json_each(?))))",
            (start, end, chosen, chosen),
        )
        return (0, 0) if row is None else (int(row["n"]), int(row["reached"]))

    async def create(self, new: NewBulletin, now: float) -> int:
        """Store a confirmed bulletin, ready to send; return its id."""
        return await self._db.execute(
            "INSERT INTO bulletins (target_kind, target_key, text, photo, link, created_by, "
            "admin_chat_id, planned, created_at, reported_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                new.target_kind,
                new.target_key,
                new.text,
                new.photo,
                new.link,
                new.created_by,
                new.admin_chat_id,
                new.planned,
                now,
                now,
            ),
        )

    async def get(self, bulletin_id: int) -> Bulletin | None:
        """Return one bulletin."""
        row = await self._db.fetch_one("SELECT * FROM bulletins WHERE id = ?", (bulletin_id,))
        return None if row is None else _bulletin(row)

    async def sending(self) -> list[Bulletin]:
        """Return the bulletins still being sent, oldest first."""
        rows = await self._db.fetch_all(
            "SELECT * FROM bulletins WHERE status = 'sending' ORDER BY id"
        )
        return [_bulletin(r) for r in rows]

    async def set_progress_message(self, bulletin_id: int, outbox_id: int) -> None:
        """Remember the outbox row of the admin's progress message."""
        await self._db.execute(
            "UPDATE bulletins SET progress_outbox_id = ? WHERE id = ?", (outbox_id, bulletin_id)
        )

    async def add_deliveries(self, bulletin_id: int, chats: Sequence[int], fed_all: bool) -> None:
        """Record recipients whose messages are queued in this transaction; move the cursor.

        A chat that already has a delivery row makes this fail: never a second message.
        """
        await self._db.execute_many(
            "INSERT INTO bulletin_deliveries (bulletin_id, chat_id) VALUES (?, ?)",
            [(bulletin_id, chat) for chat in chats],
        )
        await self._db.execute(
            "UPDATE bulletins SET queued = queued + ?, cursor = COALESCE(?, cursor), "
            "fed_all = ? WHERE id = ?",
            (len(chats), chats[-1] if chats else None, int(fed_all), bulletin_id),
        )

    async def record_outcomes(self, outcomes: Sequence[tuple[int, int, str]]) -> None:
        """Record final (bulletin, chat, outcome) triples and add them to the counters."""
        if not outcomes:
            return
        await self._db.execute_many(
            "UPDATE bulletin_deliveries SET status = ? WHERE bulletin_id = ? AND chat_id = ?",
            [(outcome, bulletin, chat) for bulletin, chat, outcome in outcomes],
        )
        counts = Counter((bulletin, outcome) for bulletin, _, outcome in outcomes)
        for bulletin in {b for b, _, _ in outcomes}:
            await self._db.execute(
                "UPDATE bulletins SET sent = sent + ?, failed = failed + ?, "
                "blocked = blocked + ? WHERE id = ?",
                (*(counts[(bulletin, outcome)] for outcome in OUTCOMES), bulletin),
            )

    async def mark_reported(self, bulletin_id: int, done: int, now: float) -> None:
        """Note the progress last shown to the admin."""
        await self._db.execute(
            "UPDATE bulletins SET reported_done = ?, reported_at = ? WHERE id = ?",
            (done, now, bulletin_id),
        )

    async def finish(self, bulletin_id: int, now: float) -> None:
        """Mark a bulletin as sent to everyone it will reach."""
        await self._db.execute(
            "UPDATE bulletins SET status = 'done', finished_at = ? WHERE id = ?", (now, bulletin_id)
        )

    async def deliveries(self, bulletin_id: int) -> dict[str, int]:
        """Count a bulletin's deliveries by status."""
        rows = await self._db.fetch_all(
            "SELECT status, COUNT(*) AS n FROM bulletin_deliveries WHERE bulletin_id = ? "
            "GROUP BY status",
            (bulletin_id,),
        )
        return {str(r["status"]): int(r["n"]) for r in rows}


def _bulletin(row: Row) -> Bulletin:
    values = {name: row[name] for name in _BULLETIN_COLUMNS}
    values["fed_all"] = bool(values["fed_all"])  # stored as 0/1
    return Bulletin(**values)
