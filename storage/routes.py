"""Routing rules and the officers registered in each group."""

from __future__ import annotations

import json
from dataclasses import dataclass

from storage.database import Database, Row


@dataclass(frozen=True, slots=True)
class RouteRow:
    """One routing rule: tickets matching role/ward/category/kind go to chat (and topic)."""

    role: str
    ward_code: str  # '' = any ward
    category: str  # '' = any category
    kind: str  # '' = any kind
    chat_id: int
    thread_id: int | None
    forum: bool = False  # the chat is a forum: each ticket gets its own topic


@dataclass(frozen=True, slots=True)
class OfficerRow:
    """An officer registered in a group, with the tickets they handle now."""

    chat_id: int
    user_id: int
    name: str
    username: str | None
    open_tickets: int


class RoutesRepository:
    """Store routing rules; the table is small and read whole."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def all(self) -> list[RouteRow]:
        """Return every rule."""
        rows = await self._db.fetch_all(
            "SELECT role, ward_code, category, kind, chat_id, thread_id, forum FROM routes "
            "ORDER BY id"
        )
        return [_route(r) for r in rows]

    async def of_chat(self, chat_id: int) -> list[RouteRow]:
        """Return the rules that send tickets to a chat, as stored now (this transaction's)."""
        rows = await self._db.fetch_all(
            "SELECT role, ward_code, category, kind, chat_id, thread_id, forum FROM routes "
            "WHERE chat_id = ? ORDER BY id",
            (chat_id,),
        )
        return [_route(r) for r in rows]

    async def put(self, rule: RouteRow, by: int, now: float) -> None:
        """Add a rule, or point an existing one at another chat."""
        await self._db.execute(
            "INSERT INTO routes (role, ward_code, category, kind, chat_id, thread_id, forum, "
            "bound_by, bound_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (role, ward_code, category, kind) DO UPDATE SET "
            "chat_id = excluded.chat_id, thread_id = excluded.thread_id, forum = excluded.forum, "
            "bound_by = excluded.bound_by, bound_at = excluded.bound_at",
            (
                rule.role,
                rule.ward_code,
                rule.category,
                rule.kind,
                rule.chat_id,
                rule.thread_id,
                rule.forum,
                by,
                now,
            ),
        )

    async def delete(self, role: str, ward_code: str, category: str, kind: str) -> bool:
        """Remove one rule; tell whether it existed."""
        count = await self._db.execute_rowcount(
            "DELETE FROM routes WHERE role = ? AND ward_code = ? AND category = ? AND kind = ?",
            (role, ward_code, category, kind),
        )
        return count > 0

    async def is_empty(self) -> bool:
        """Tell whether no rule was ever stored (content defaults then seed the table)."""
        return await self._db.fetch_one("SELECT 1 FROM routes LIMIT 1") is None


def _route(row: Row) -> RouteRow:
    return RouteRow(**(dict(row) | {"forum": bool(row["forum"])}))


class OfficersRepository:
    """Who serves in which group; registration happens inside the group."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def register(
        self, chat_id: int, user_id: int, name: str, username: str | None, now: float
    ) -> None:
        """Register (or re-register) an officer in a group."""
        await self._db.execute(
            "INSERT INTO officers (chat_id, user_id, name, username, registered_at) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (chat_id, user_id) DO UPDATE SET "
            "name = excluded.name, username = excluded.username, "
            "registered_at = excluded.registered_at, left_at = NULL",
            (chat_id, user_id, name, username, now),
        )

    async def leave(self, chat_id: int, user_id: int, now: float) -> bool:
        """Mark an officer as gone from a group; tell whether they were registered."""
        count = await self._db.execute_rowcount(
            "UPDATE officers SET left_at = ? WHERE chat_id = ? AND user_id = ? AND left_at IS NULL",
            (now, chat_id, user_id),
        )
        return count > 0

    async def in_group(self, chat_id: int, open_statuses: tuple[str, ...]) -> list[OfficerRow]:
        """Return a group's current officers, least loaded first (then by name)."""
        rows = await self._db.fetch_all(
            "SELECT o.chat_id, o.user_id, o.name, o.username, "
            "(SELECT COUNT(*) FROM tickets t WHERE t.handler_id = o.user_id "
            "AND t.status IN (SELECT value FROM json_each(?))) AS open_tickets "
            "FROM officers o WHERE o.chat_id = ? AND o.left_at IS NULL "
            "ORDER BY open_tickets, o.name, o.user_id",
            (json.dumps(list(open_statuses)), chat_id),
        )
        return [OfficerRow(**dict(r)) for r in rows]
