"""Citizens who follow tickets they did not file."""

from __future__ import annotations

import json

from storage.database import Database
from storage.tickets import TicketRow, ticket_from_row


class FollowersRepository:
    """Who besides its citizen hears about a ticket."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def add(self, ticket_id: int, chat_id: int, via: str, now: float) -> bool:
        """Make a chat follow a ticket; tell whether it did not already."""
        added = await self._db.execute_rowcount(
            "INSERT OR IGNORE INTO followers (ticket_id, chat_id, via, since) VALUES (?, ?, ?, ?)",
            (ticket_id, chat_id, via, now),
        )
        return added > 0

    async def of_ticket(self, ticket_id: int) -> list[int]:
        """Return the chats following a ticket, in the order they began."""
        rows = await self._db.fetch_all(
            "SELECT chat_id FROM followers WHERE ticket_id = ? ORDER BY since, chat_id",
            (ticket_id,),
        )
        return [int(r["chat_id"]) for r in rows]

    async def follows(self, ticket_id: int, chat_id: int) -> bool:
        """Tell whether a chat follows a ticket."""
        row = await self._db.fetch_one(
            "SELECT 1 FROM followers WHERE ticket_id = ? AND chat_id = ?", (ticket_id, chat_id)
        )
        return row is not None

    async def followed_by(self, chat_id: int, limit: int = 20) -> list[TicketRow]:
        """Return the tickets a chat follows, newest first."""
        rows = await self._db.fetch_all(
            "SELECT t.* FROM followers f JOIN tickets t ON t.id = f.ticket_id "
            "WHERE f.chat_id = ? ORDER BY f.since DESC, t.id DESC LIMIT ?",
            (chat_id, limit),
        )
        return [ticket_from_row(r) for r in rows]

    async def count(self, ticket_ids: list[int], via: str) -> int:
        """Return how many chats follow any of some tickets one way (e.g. chosen at intake)."""
        row = await self._db.fetch_one(
            "SELECT COUNT(DISTINCT chat_id) AS n FROM followers "
            "WHERE via = ? AND ticket_id IN (SELECT value FROM json_each(?))",
            (via, json.dumps(ticket_ids)),
        )
        return 0 if row is None else int(row["n"])
