"""Citizens' opt-ins to bulletins, by ward and by FAQ topic."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from storage.database import Database

WARD = "ward"
TOPIC = "topic"
_BEFORE_ANY_CHAT = -(2**63)


@dataclass(frozen=True, slots=True)
class Audience:
    """Who a bulletin goes to: the subscribers of one scope, to any of some keys."""

    scope: str
    keys: tuple[str, ...]


class SubscriptionRepository:
    """Store, list and count opt-ins; take recipients in chat id order, a chunk at a time."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def of_chat(self, chat_id: int) -> set[tuple[str, str]]:
        """Return a chat's (scope, key) opt-ins."""
        rows = await self._db.fetch_all(
            "SELECT scope, key FROM subscriptions WHERE chat_id = ?", (chat_id,)
        )
        return {(r["scope"], r["key"]) for r in rows}

    async def add(self, chat_id: int, scope: str, key: str, now: float) -> None:
        """Opt a chat in (again is harmless)."""
        await self._db.execute(
            "INSERT OR IGNORE INTO subscriptions (scope, key, chat_id, created_at) "
            "VALUES (?, ?, ?, ?)",
            (scope, key, chat_id, now),
        )

    async def remove(self, chat_id: int, scope: str, key: str) -> None:
        """Opt a chat out of one scope and key."""
        await self._db.execute(
            "DELETE FROM subscriptions WHERE scope = ? AND key = ? AND chat_id = ?",
            (scope, key, chat_id),
        )

    async def remove_all(self, chats: Sequence[int]) -> int:
        """Opt chats out of everything; return how many opt-ins went."""
        removed = 0
        for chat_id in chats:
            removed += await self._db.execute_rowcount(
                "DELETE FROM subscriptions WHERE chat_id = ?", (chat_id,)
            )
        return removed

    async def count(self, audience: Audience) -> int:
        """Count the distinct chats an audience reaches."""
        row = await self._db.fetch_one(
            "SELECT COUNT(DISTINCT chat_id) AS n FROM subscriptions "
            "WHERE scope = ? AND key IN (SELECT value FROM json_each(?))",
            (audience.scope, json.dumps(audience.keys)),
        )
        return int(row["n"]) if row else 0

    async def recipients(self, audience: Audience, after: int | None, limit: int) -> list[int]:
        """Return the next `limit` distinct chats of an audience after chat id `after`."""
        start = _BEFORE_ANY_CHAT if after is None else after
        if len(audience.keys) == 1:  # the primary key yields them in order: no sort, no scan
            sql = (
                "SELECT chat_id FROM subscriptions WHERE scope = ? AND key = ? AND chat_id > ? "
                "ORDER BY chat_id LIMIT ?"
            )
            params: tuple[object, ...] = (audience.scope, audience.keys[0], start, limit)
        else:  # walk chats in order from the cursor (the index covers scope and key)
            sql = (
                "SELECT DISTINCT chat_id FROM subscriptions INDEXED BY subscriptions_chat "
                "WHERE chat_id > ? AND scope = ? AND key IN (SELECT value FROM json_each(?)) "
                "ORDER BY chat_id LIMIT ?"
            )
            params = (start, audience.scope, json.dumps(audience.keys), limit)
        return [int(r["chat_id"]) for r in await self._db.fetch_all(sql, params)]

    async def keys_with_subscribers(self, scope: str) -> dict[str, int]:
        """Return, per key of a scope, how many chats opted in."""
        rows = await self._db.fetch_all(
            "SELECT key, COUNT(*) AS n FROM subscriptions WHERE scope = ? GROUP BY key", (scope,)
        )
        return {str(r["key"]): int(r["n"]) for r in rows}
