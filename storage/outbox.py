"""Durable outbox: every message the bot owes, written with the change that caused it."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from storage.database import Database, Row

FILE_METHODS = ("photo", "document")  # calls that upload a file kept in outbox_files


@dataclass(frozen=True, slots=True)
class OutboxItem:
    """One pending Bot API call."""

    id: int
    chat_id: int
    method: str
    payload: dict[str, Any]
    ticket_id: int | None
    link: str | None
    on_success: dict[str, Any] | None
    on_failure: dict[str, Any] | None
    attempts: int
    bulletin_id: int | None = None  # set for the low-priority lane of bulletin messages


class OutboxRepository:
    """Queue outgoing calls and hand out, per chat, the oldest one that is due."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def enqueue(
        self,
        chat_id: int,
        method: str,
        payload: dict[str, Any],
        now: float,
        *,
        ticket_id: int | None = None,
        link: str | None = None,
        on_success: dict[str, Any] | None = None,
        on_failure: dict[str, Any] | None = None,
    ) -> int:
        """Queue one call and return its id; `link` names what the sent message means for its
        ticket."""
        return await self._db.execute(
            "INSERT INTO outbox (chat_id, method, payload, ticket_id, link, on_success, on_failure,"
            " not_before, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                chat_id,
                method,
                json.dumps(payload, ensure_ascii=False),
                ticket_id,
                link,
                _dump(on_success),
                _dump(on_failure),
                now,
                now,
            ),
        )

    async def attach_file(self, outbox_id: int, filename: str, data: bytes) -> None:
        """Keep the file a queued photo or document call uploads."""
        await self._db.execute(
            "INSERT INTO outbox_files (outbox_id, filename, data) VALUES (?, ?, ?)",
            (outbox_id, filename, data),
        )

    async def drop_files(self, outbox_ids: list[int]) -> None:
        """Forget the files of calls that are done (sent, or failed for good)."""
        await self._db.execute_many(
            "DELETE FROM outbox_files WHERE outbox_id = ?", [(i,) for i in outbox_ids]
        )

    async def enqueue_bulk(
        self, bulletin_id: int, chats: list[int], method: str, payload: dict[str, Any], now: float
    ) -> None:
        """Queue the same call of one bulletin to many chats, in a single round trip."""
        data = json.dumps(payload, ensure_ascii=False)
        await self._db.execute_many(
            "INSERT INTO outbox (chat_id, method, payload, bulletin_id, not_before, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [(chat, method, data, bulletin_id, now, now) for chat in chats],
        )

    async def take(
        self, now: float, limit: int, busy_chats: set[int], bulk_limit: int | None = None
    ) -> tuple[list[OutboxItem], bool]:
        """Take the head of each due chat queue (skipping chats in flight), marking it in flight.

        Conversation comes first; at most `bulk_limit` bulletin messages (None: no cap) fill
        what is left. Also tell whether bulletin messages were due beyond the cap.
        """
        rows = await self._db.fetch_all(
            "SELECT o.* FROM outbox o JOIN (SELECT MIN(id) AS id FROM outbox "
            "WHERE status = 'pending' GROUP BY chat_id) h ON o.id = h.id "
            "WHERE o.not_before <= ? ORDER BY o.bulletin_id IS NOT NULL, o.id LIMIT ?",
            (now, limit + len(busy_chats)),
        )
        items: list[OutboxItem] = []
        bulk_left = limit if bulk_limit is None else bulk_limit
        held = False
        for row in rows:
            if len(items) == limit:
                break
            if row["chat_id"] in busy_chats:
                continue
            if row["bulletin_id"] is not None:
                if bulk_left <= 0:
                    held = True
                    break  # bulletin rows come last: nothing else follows
                bulk_left -= 1
            items.append(_item(row))
        await self._db.execute_many(
            "UPDATE outbox SET sending_at = ? WHERE id = ?", [(now, item.id) for item in items]
        )
        for item in items:
            if item.method in FILE_METHODS:
                await self._load_file(item)
        return items, held

    async def message_ids(self, outbox_ids: list[int]) -> dict[int, int]:
        """Return the chat message id of each of these calls that was sent."""
        rows = await self._db.fetch_all(
            "SELECT id, message_id FROM outbox WHERE message_id IS NOT NULL "
            "AND id IN (SELECT value FROM json_each(?))",
            (json.dumps(outbox_ids),),
        )
        return {int(r["id"]): int(r["message_id"]) for r in rows}

    async def _load_file(self, item: OutboxItem) -> None:
        """Put a file call's bytes and name into its payload (in memory only)."""
        row = await self._db.fetch_one(
            "SELECT filename, data FROM outbox_files WHERE outbox_id = ?", (item.id,)
        )
        if row is not None:
            item.payload["filename"] = str(row["filename"])
            item.payload["data"] = bytes(row["data"])

    async def message_id(self, item_id: int) -> int | None:
        """Return the id of the message a delivered call produced (None until delivered)."""
        row = await self._db.fetch_one("SELECT message_id FROM outbox WHERE id = ?", (item_id,))
        return None if row is None or row["message_id"] is None else int(row["message_id"])

    async def release(self, ids: list[int]) -> None:
        """Return calls taken but never started to the queue (not in flight after all)."""
        await self._db.execute_many(
            "UPDATE outbox SET sending_at = NULL WHERE id = ?", [(item_id,) for item_id in ids]
        )

    async def recover_in_flight(self) -> int:
        """After a crash, count a crash against each call in flight and send it again.

        `ambiguous` counts the crashes a call was in flight at: Telegram may hold up to that
        many extra copies of it (the Bot API has no idempotency key).
        """
        return await self._db.execute_rowcount(
            "UPDATE outbox SET ambiguous = ambiguous + 1, sending_at = NULL "
            "WHERE status = 'pending' AND sending_at IS NOT NULL"
        )

    async def next_due_at(self) -> float | None:
        """Return when the earliest pending call becomes due."""
        row = await self._db.fetch_one(
            "SELECT MIN(not_before) AS t FROM outbox WHERE status = 'pending'"
        )
        return None if row is None or row["t"] is None else float(row["t"])

    async def mark_sent_many(self, sent: list[tuple[int, int | None]], now: float) -> None:
        """Record delivered calls: (outbox id, message id) pairs."""
        await self._db.execute_many(
            "UPDATE outbox SET status = 'sent', sent_at = ?, message_id = ?, "
            "attempts = attempts + 1 WHERE id = ?",
            [(now, message_id, item_id) for item_id, message_id in sent],
        )

    async def retry_later(self, item_id: int, not_before: float, error: str) -> None:
        """Push a call back after a transient failure."""
        await self._db.execute(
            "UPDATE outbox SET attempts = attempts + 1, not_before = ?, error = ?, "
            "sending_at = NULL WHERE id = ?",
            (not_before, error, item_id),
        )

    async def delay_chat(self, chat_id: int, not_before: float) -> None:
        """Hold every pending call to one chat (Telegram asked us to slow down there)."""
        await self._db.execute(
            "UPDATE outbox SET not_before = MAX(not_before, ?) "
            "WHERE status = 'pending' AND chat_id = ?",
            (not_before, chat_id),
        )

    async def mark_failed(self, item_id: int, error: str) -> None:
        """Give up on a call that can never succeed."""
        await self._db.execute(
            "UPDATE outbox SET status = 'failed', error = ?, attempts = attempts + 1 WHERE id = ?",
            (error, item_id),
        )


def _dump(value: dict[str, Any] | None) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False)


def _load(value: str | None) -> dict[str, Any] | None:
    return None if value is None else dict(json.loads(value))


def _item(row: Row) -> OutboxItem:
    return OutboxItem(
        id=row["id"],
        chat_id=row["chat_id"],
        method=row["method"],
        payload=dict(json.loads(row["payload"])),
        ticket_id=row["ticket_id"],
        link=row["link"],
        on_success=_load(row["on_success"]),
        on_failure=_load(row["on_failure"]),
        attempts=row["attempts"],
        bulletin_id=row["bulletin_id"],
    )
