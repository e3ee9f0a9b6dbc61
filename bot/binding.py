"""Admins bind chats to routing rules from inside the chat, and see the whole table."""

from __future__ import annotations

from dataclasses import dataclass

from bot import officer_texts
from bot.deps import Actor, Deps
from bot.kinds import Kind
from bot.messages import Outgoing, escape
from bot.routing import ANY, Role, RouteTable
from bot.status import OPEN_STATUSES
from bot.tickets import TicketService
from storage.routes import RouteRow


@dataclass(frozen=True, slots=True)
class BoundChat:
    """Where a binding command came from: the chat, its topic if any, whether it is a forum."""

    chat_id: int
    thread_id: int | None
    forum: bool


class BindingDesk:
    """Turn binding commands into rules; tickets waiting for a rule are posted at once."""

    def __init__(self, deps: Deps, tickets: TicketService) -> None:
        self._d = deps
        self._tickets = tickets

    async def bind(self, chat: BoundChat, admin: Actor, role: Role, argument: str) -> None:
        """Bind this chat for one role; the argument names the ward, category or kind."""
        chat_id = chat.chat_id
        rule = self._parse(chat, role, argument.strip())
        if isinstance(rule, str):
            await self._say(chat_id, rule)
            return
        if (conflict := await self._conflict(rule)) is not None:
            await self._say(chat_id, conflict)
            return
        table = await self._d.routes.put(rule, admin.id or 0, self._d.clock())
        await self._say(chat_id, officer_texts.BOUND_RULE.format(rule=escape(self.describe(rule))))
        await self._post_waiting(table)

    async def unbind(self, chat_id: int) -> None:
        """Remove every rule that sends tickets to this chat."""
        rules = await self._d.routes.stored_of_chat(chat_id)
        for rule in rules:
            await self._d.routes.delete(rule.role, rule.ward_code, rule.category, rule.kind)
        await self._say(chat_id, officer_texts.UNBOUND.format(count=len(rules)))

    async def table(self, chat_id: int) -> None:
        """Send the routing table, most specific rules first."""
        order = list(Role)
        rules = sorted(self._d.routes.current.rules, key=lambda r: order.index(Role(r.role)))
        if not rules:
            await self._say(chat_id, officer_texts.ROUTES_EMPTY)
            return
        lines = [officer_texts.ROUTES_TITLE]
        lines += [
            officer_texts.ROUTES_LINE.format(rule=escape(self.describe(r)), chat=r.chat_id)
            for r in rules
        ]
        await self._say(chat_id, "\n".join(lines))

    def describe(self, rule: RouteRow) -> str:
        """Say in words what a rule routes."""
        parts = [officer_texts.ROLE_NAMES[rule.role]]
        if rule.category:
            parts.append(self._d.category_name(rule.category))
        if rule.kind:
            parts.append(Kind(rule.kind).label)
        parts.append(
            self._d.ward_name(rule.ward_code) if rule.ward_code else officer_texts.ALL_WARDS
        )
        if rule.thread_id is not None:
            parts.append(officer_texts.IN_TOPIC.format(topic=rule.thread_id))
        return " · ".join(parts)

    def _parse(self, chat: BoundChat, role: Role, argument: str) -> RouteRow | str:
        """Build the rule a command asks for, or return the message explaining what is wrong."""
        first, _, rest = argument.partition(" ")
        category = kind = ANY
        ward_text = argument
        if role is Role.CATEGORY:
            if self._d.categories.get(first) is None:
                ids = ", ".join(c.id for c in self._d.categories.all())
                return officer_texts.BIND_CATEGORY_USAGE.format(ids=escape(ids))
            category, ward_text = first, rest
        elif role is Role.KIND:
            if first not in Kind.__members__.values():
                return officer_texts.BIND_KIND_USAGE.format(ids=", ".join(Kind))
            kind, ward_text = first, rest
        elif role in (Role.FALLBACK, Role.SUPERVISOR):
            ward_text = ""
        ward = self._ward(ward_text, required=role is Role.WARD)
        if ward is None or ward.startswith(" "):
            return ward.strip() if ward else officer_texts.BIND_USAGE
        return RouteRow(role, ward, category, kind, chat.chat_id, chat.thread_id, chat.forum)

    def _ward(self, text: str, *, required: bool) -> str | None:
        """Return a ward code ('' for any), None if required and missing, or ' ' + a refusal."""
        if not text.strip():
            return None if required else ANY
        resolution = self._d.wards.resolve(text)
        if resolution.ward is not None:
            return resolution.ward.code
        names = ", ".join(m.ward.name for m in resolution.candidates) or "—"
        return " " + officer_texts.BIND_AMBIGUOUS.format(text=escape(text), names=escape(names))

    async def _conflict(self, rule: RouteRow) -> str | None:
        """Refuse to mix denunciations with general routing in one chat (identities show)."""
        others = await self._d.routes.stored_of_chat(rule.chat_id)
        secret = rule.role == Role.DENUNCIATION
        if any((r.role == Role.DENUNCIATION) != secret for r in others):
            return officer_texts.BIND_DENUNCIATION_CONFLICT
        return None

    async def _post_waiting(self, table: RouteTable) -> None:
        """Post the open tickets that had no group and that the new table routes."""
        for ticket in await self._d.tickets.unrouted(OPEN_STATUSES):
            route = table.route(ticket.ward_code, ticket.kind, ticket.category)
            if route is not None:
                await self._tickets.post_card(
                    ticket, route.chat_id, note=None, reveal=route.reveals_identity
                )

    async def _say(self, chat_id: int, text: str) -> None:
        await self._d.outbox.send(chat_id, Outgoing(text))
