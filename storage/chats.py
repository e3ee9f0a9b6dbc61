"""Per-chat facts: message links and conversation states."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from storage.database import Database


@dataclass(frozen=True, slots=True)
class MessageLink:
    """What a chat message means: which ticket, and for what."""

    ticket_id: int
    purpose: str


@dataclass(frozen=True, slots=True)
class ChatState:
    """Where a chat's conversation stands (an intake draft, or a question the bot asked)."""

    chat_id: int
    user_id: int
    state: str
    data: dict[str, Any]
    updated_at: float


class MessageLinks:
    """Map sent and received chat messages to tickets."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def add(self, chat_id: int, message_id: int, ticket_id: int, purpose: str) -> None:
        """Remember what a message is about."""
        await self._db.execute(
            "INSERT OR REPLACE INTO message_links (chat_id, message_id, ticket_id, purpose) "
            "VALUES (?, ?, ?, ?)",
            (chat_id, message_id, ticket_id, purpose),
        )

    async def add_many(self, links: list[tuple[int, int | None, int | None, str | None]]) -> None:
        """Remember many (chat, message, ticket, purpose) links at once."""
        await self._db.execute_many(
            "INSERT OR REPLACE INTO message_links (chat_id, message_id, ticket_id, purpose) "
            "VALUES (?, ?, ?, ?)",
            links,
        )

    async def get(self, chat_id: int, message_id: int) -> MessageLink | None:
        """Return what a message is about, if the bot knows."""
        row = await self._db.fetch_one(
            "SELECT ticket_id, purpose FROM message_links WHERE chat_id = ? AND message_id = ?",
            (chat_id, message_id),
        )
        return None if row is None else MessageLink(row["ticket_id"], row["purpose"])

    async def find(self, ticket_id: int, purpose: str, chat_id: int) -> int | None:
        """Return the latest message of one purpose for a ticket in a chat."""
        row = await self._db.fetch_one(
            "SELECT MAX(message_id) AS m FROM message_links "
            "WHERE ticket_id = ? AND purpose = ? AND chat_id = ?",
            (ticket_id, purpose, chat_id),
        )
        return None if row is None or row["m"] is None else int(row["m"])


class ChatStates:
    """Store one conversation state per chat, so drafts survive restarts."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def get(self, chat_id: int) -> ChatState | None:
        """Return a chat's state."""
        row = await self._db.fetch_one("SELECT * FROM chat_states WHERE chat_id = ?", (chat_id,))
        if row is None:
            return None
        return ChatState(
            row["chat_id"], row["user_id"], row["state"], json.loads(row["data"]), row["updated_at"]
        )

    async def put(
        self, chat_id: int, user_id: int, state: str, data: dict[str, Any], now: float
    ) -> None:
        """Save a chat's state."""
        await self._db.execute(
            "INSERT OR REPLACE INTO chat_states (chat_id, user_id, state, data, updated_at) "
            "VALUES (?, ?, ?, ?, ?)",
            (chat_id, user_id, state, json.dumps(data, ensure_ascii=False), now),
        )

    async def delete(self, chat_id: int) -> None:
        """Forget a chat's state."""
        await self._db.execute("DELETE FROM chat_states WHERE chat_id = ?", (chat_id,))

    async def older_than(self, before: float) -> list[ChatState]:
        """Return states untouched since `before` (abandoned drafts)."""
        rows = await self._db.fetch_all(
            "SELECT chat_id FROM chat_states WHERE updated_at < ?", (before,)
        )
        states = [await self.get(int(r["chat_id"])) for r in rows]
        return [s for s in states if s is not None]
