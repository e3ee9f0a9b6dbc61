"""Which chat handles a ticket: routing rules, decided in memory, stored in the database.

Rules are few (a handful per ward) and read on every new ticket, so the whole table lives in
memory and is swapped whole when an admin changes it, after the change commits.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from bot.kinds import Kind
from storage.database import Database
from storage.routes import RouteRow, RoutesRepository

ANY = ""


class Role(StrEnum):
    """What a rule routes; `route` tries them from the most specific to the fallback."""

    DENUNCIATION = "denunciation"  # tố cáo: the ward's designated handlers, never the general group
    CATEGORY = "category"  # a field (e.g. an ninh trật tự → the ward police's group)
    KIND = "kind"  # a kind (e.g. hòa giải → the mediation team)
    WARD = "ward"  # the ward's officers' group
    FALLBACK = "fallback"  # wards nobody has bound yet (e.g. the province's Ban Dân vận)
    SUPERVISOR = "supervisor"  # escalations and transfers upwards


@dataclass(frozen=True, slots=True)
class Route:
    """Where a ticket goes, and which rule sent it there."""

    chat_id: int
    thread_id: int | None
    rule: RouteRow

    @property
    def reveals_identity(self) -> bool:
        """Tell whether this chat may see a denouncer's identity (designated handlers only)."""
        return self.rule.role == Role.DENUNCIATION


class RouteTable:
    """An immutable set of rules, indexed for constant-time decisions."""

    def __init__(self, rules: Iterable[RouteRow]) -> None:
        self.rules = tuple(rules)
        self._by_key = {(r.role, r.ward_code, r.category, r.kind): r for r in self.rules}

    def route(self, ward_code: str, kind: str, category: str) -> Route | None:
        """Return the chat for a new ticket, or None when no rule fits (admins are told)."""
        if kind == Kind.DENUNCIATION:
            keys = [(Role.DENUNCIATION, ward_code, ANY, ANY), (Role.DENUNCIATION, ANY, ANY, ANY)]
        else:
            keys = [
                (Role.CATEGORY, ward_code, category, ANY),
                (Role.CATEGORY, ANY, category, ANY),
                (Role.KIND, ward_code, ANY, kind),
                (Role.KIND, ANY, ANY, kind),
                (Role.WARD, ward_code, ANY, ANY),
                (Role.FALLBACK, ANY, ANY, ANY),
            ]
        for key in keys:
            if (rule := self._by_key.get(key)) is not None:
                return Route(rule.chat_id, rule.thread_id, rule)
        return None

    def supervisor(self) -> Route | None:
        """Return the supervisors' chat, if bound."""
        rule = self._by_key.get((Role.SUPERVISOR, ANY, ANY, ANY))
        return None if rule is None else Route(rule.chat_id, rule.thread_id, rule)

    def of_chat(self, chat_id: int) -> list[RouteRow]:
        """Return the rules that send tickets to a chat."""
        return [rule for rule in self.rules if rule.chat_id == chat_id]

    def is_forum(self, chat_id: int) -> bool:
        """Tell whether a chat has topics (each ticket then gets its own)."""
        return any(rule.forum for rule in self.of_chat(chat_id))

    def reveals_identity_in(self, chat_id: int) -> bool:
        """Tell whether a chat is bound as designated handlers of denunciations."""
        return any(rule.role == Role.DENUNCIATION for rule in self.of_chat(chat_id))


class LiveRoutes:
    """Hold the current route table; changes are stored first and swapped in on commit."""

    def __init__(self, repo: RoutesRepository, db: Database) -> None:
        self._repo = repo
        self._db = db
        self._table = RouteTable(())

    @property
    def current(self) -> RouteTable:
        """Return the table to decide with."""
        return self._table

    async def load(self, defaults: Iterable[RouteRow], now: float) -> None:
        """Load the stored rules, seeding them from content defaults the first time."""
        if await self._repo.is_empty():
            for rule in defaults:
                await self._repo.put(rule, 0, now)
        await self._reload()

    async def stored_of_chat(self, chat_id: int) -> list[RouteRow]:
        """Return the rules that send tickets to a chat as stored in this transaction (`current`
        holds the committed ones: a binding earlier in the same batch is not in it yet)."""
        return await self._repo.of_chat(chat_id)

    async def put(self, rule: RouteRow, by: int, now: float) -> RouteTable:
        """Store a rule; return the table that will route once the transaction commits."""
        await self._repo.put(rule, by, now)
        return await self._reload()

    async def delete(self, role: str, ward_code: str, category: str, kind: str) -> bool:
        """Remove a rule; tell whether it existed."""
        removed = await self._repo.delete(role, ward_code, category, kind)
        await self._reload()
        return removed

    async def _reload(self) -> RouteTable:
        table = RouteTable(await self._repo.all())
        self._db.on_commit(lambda: self._swap(table))
        return table

    def _swap(self, table: RouteTable) -> None:
        self._table = table
