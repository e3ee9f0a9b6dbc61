"""What the reminders need: open tickets by deadline, and which reminders already went out."""

from __future__ import annotations

import json

from storage.database import Database
from storage.tickets import TicketRow, ticket_from_row


class RemindersRepository:
    """Read deadlines and record sent reminders, so a restart neither loses nor repeats one."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def open_due_by(self, last_day: str, open_statuses: tuple[str, ...]) -> list[TicketRow]:
        """Return routed open tickets due on or before `last_day` (ISO date), earliest first."""
        rows = await self._db.fetch_all(
            "SELECT * FROM tickets WHERE group_chat_id IS NOT NULL AND due_date <= ? "
            "AND status IN (SELECT value FROM json_each(?)) ORDER BY due_date, id",
            (last_day, json.dumps(list(open_statuses))),
        )
        return [ticket_from_row(r) for r in rows]

    async def open_counts(self, open_statuses: tuple[str, ...]) -> dict[int, int]:
        """Return each group's number of open tickets."""
        rows = await self._db.fetch_all(
            "SELECT group_chat_id AS chat, COUNT(*) AS n FROM tickets "
            "WHERE group_chat_id IS NOT NULL AND status IN (SELECT value FROM json_each(?)) "
            "GROUP BY group_chat_id",
            (json.dumps(list(open_statuses)),),
        )
        return {int(r["chat"]): int(r["n"]) for r in rows}

    async def digested(self, day: str) -> set[int]:
        """Return the groups that already got the digest of a day."""
        rows = await self._db.fetch_all("SELECT chat_id FROM digests WHERE day = ?", (day,))
        return {int(r["chat_id"]) for r in rows}

    async def mark_digest(self, chat_id: int, day: str, now: float) -> None:
        """Record a digest as sent (in the transaction that queued it)."""
        await self._db.execute(
            "INSERT INTO digests (chat_id, day, at) VALUES (?, ?, ?)", (chat_id, day, now)
        )

    async def escalations(self, ticket_ids: list[int]) -> dict[int, tuple[int, float]]:
        """Return ticket id -> (highest level, when) of the escalations already sent."""
        rows = await self._db.fetch_all(
            "SELECT ticket_id, MAX(level) AS level, MAX(at) AS at FROM escalations "
            "WHERE ticket_id IN (SELECT value FROM json_each(?)) GROUP BY ticket_id",
            (json.dumps(ticket_ids),),
        )
        return {int(r["ticket_id"]): (int(r["level"]), float(r["at"])) for r in rows}

    async def mark_escalated(self, ticket_id: int, level: int, now: float) -> None:
        """Record an escalation as sent (in the transaction that queued it)."""
        await self._db.execute(
            "INSERT INTO escalations (ticket_id, level, at) VALUES (?, ?, ?)",
            (ticket_id, level, now),
        )
