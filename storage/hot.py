"""Hot issues: recent open tickets of a ward, the alerts sent about them, and merges."""

from __future__ import annotations

import json
from dataclasses import dataclass, fields

from storage.database import Database
from storage.tickets import TicketRow, ticket_from_row


@dataclass(frozen=True, slots=True)
class HotIssueRow:
    """An alert a group got about similar tickets of one ward."""

    id: int
    chat_id: int
    ward_code: str
    outbox_id: int | None  # the alert message, edited as the issue grows
    created_at: float
    updated_at: float
    notified: int  # the count the group was last notified of with a message of its own


@dataclass(frozen=True, slots=True)
class OpenReport:
    """What matching reads of an open report (its full row is loaded only if it is shown)."""

    id: int
    citizen_chat_id: int
    description: str


_ISSUE_COLUMNS = ", ".join(f"h.{f.name}" for f in fields(HotIssueRow))


class HotIssuesRepository:
    """Read a ward's recent open tickets; record alerts and the tickets they counted."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def recent_open(
        self,
        ward_code: str,
        group: int | None,
        since: float,
        kinds: tuple[str, ...],
        statuses: tuple[str, ...],
    ) -> list[OpenReport]:
        """Return a ward's open tickets of some kinds filed since `since` (in `group` if given)."""
        rows = await self._db.fetch_all(
            "SELECT id, citizen_chat_id, description FROM tickets "
            "WHERE ward_code = ? AND created_at >= ? "
            "AND kind IN (SELECT value FROM json_each(?)) "
            "AND status IN (SELECT value FROM json_each(?)) "
            "AND (? IS NULL OR group_chat_id = ?) ORDER BY id",
            (ward_code, since, json.dumps(kinds), json.dumps(statuses), group, group),
        )
        return [OpenReport(*r) for r in rows]

    async def issue_of(self, chat_id: int, ticket_ids: list[int]) -> HotIssueRow | None:
        """Return a group's earliest alert that counted any of these tickets."""
        issues = await self._issues(
            "h.chat_id = ? AND t.ticket_id IN (SELECT value FROM json_each(?))",
            (chat_id, json.dumps(ticket_ids)),
        )
        return issues[0] if issues else None

    async def issues_with(self, ticket_ids: list[int]) -> list[HotIssueRow]:
        """Return the alerts that counted any of these tickets."""
        return await self._issues(
            "t.ticket_id IN (SELECT value FROM json_each(?))", (json.dumps(ticket_ids),)
        )

    async def get(self, issue_id: int) -> HotIssueRow | None:
        """Return one alert."""
        issues = await self._issues("h.id = ?", (issue_id,))
        return issues[0] if issues else None

    async def _issues(self, where: str, params: tuple[object, ...]) -> list[HotIssueRow]:
        rows = await self._db.fetch_all(
            f"SELECT DISTINCT {_ISSUE_COLUMNS} FROM hot_issues h "  # noqa: S608 - our columns
            f"JOIN hot_issue_tickets t ON t.issue_id = h.id WHERE {where} ORDER BY h.id",
            params,
        )
        return [HotIssueRow(*(r[f.name] for f in fields(HotIssueRow))) for r in rows]

    async def create(self, chat_id: int, ward_code: str, now: float, notified: int) -> int:
        """Record an alert for a group (its message is queued next); return its id."""
        return await self._db.execute(
            "INSERT INTO hot_issues (chat_id, ward_code, created_at, updated_at, notified) "
            "VALUES (?, ?, ?, ?, ?)",
            (chat_id, ward_code, now, now, notified),
        )

    async def set_message(self, issue_id: int, outbox_id: int) -> None:
        """Remember the queued alert message, to edit it later."""
        await self._db.execute(
            "UPDATE hot_issues SET outbox_id = ? WHERE id = ?", (outbox_id, issue_id)
        )

    async def add_tickets(self, issue_id: int, ticket_ids: list[int]) -> None:
        """Count more tickets in an alert."""
        await self._db.execute_many(
            "INSERT OR IGNORE INTO hot_issue_tickets (issue_id, ticket_id) VALUES (?, ?)",
            [(issue_id, ticket_id) for ticket_id in ticket_ids],
        )

    async def ticket_ids(self, issue_id: int) -> set[int]:
        """Return the ids of the tickets an alert counted."""
        rows = await self._db.fetch_all(
            "SELECT ticket_id FROM hot_issue_tickets WHERE issue_id = ?", (issue_id,)
        )
        return {int(r[0]) for r in rows}

    async def tickets(self, issue_id: int) -> list[TicketRow]:
        """Return the tickets an alert counted, oldest first."""
        rows = await self._db.fetch_all(
            "SELECT k.* FROM hot_issue_tickets t JOIN tickets k ON k.id = t.ticket_id "
            "WHERE t.issue_id = ? ORDER BY k.created_at, k.id",
            (issue_id,),
        )
        return [ticket_from_row(r) for r in rows]

    async def touch(self, issue_id: int, now: float, notified: int) -> None:
        """Record that an alert was updated (and the count last notified)."""
        await self._db.execute(
            "UPDATE hot_issues SET updated_at = ?, notified = ? WHERE id = ?",
            (now, notified, issue_id),
        )

    async def add_merge(self, ticket_id: int, into_id: int, now: float) -> None:
        """Record that a ticket was merged into another."""
        await self._db.execute(
            "INSERT INTO merges (ticket_id, into_id, at) VALUES (?, ?, ?)",
            (ticket_id, into_id, now),
        )

    async def merged_into(self, ticket_id: int) -> int | None:
        """Return the ticket a ticket was merged into, if it was."""
        row = await self._db.fetch_one(
            "SELECT into_id FROM merges WHERE ticket_id = ?", (ticket_id,)
        )
        return None if row is None else int(row["into_id"])
