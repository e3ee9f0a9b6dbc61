"""Read-only views: a citizen's tickets, a ward's queue, one ticket with its history."""

from __future__ import annotations

import math

from bot import officer_texts, texts
from bot.codes import parse_code
from bot.deps import Actor, Deps
from bot.hot import texts as hot_texts
from bot.kinds import Kind
from bot.messages import Button, Outgoing, escape
from bot.render import card_text, citizen_line, history_text, local_date, ticket_summary, today
from bot.status import OPEN_STATUSES, Status
from storage.tickets import TicketRow

QUEUE_PAGE_SIZE = 10


class ViewService:
    """Show tickets to the people entitled to see them, and nobody else."""

    def __init__(self, deps: Deps) -> None:
        self._d = deps

    async def my_tickets(self, chat_id: int) -> None:
        """Send a citizen the list of their own tickets."""
        tickets = await self._d.tickets.for_citizen(chat_id)
        followed = await self._d.followers.followed_by(chat_id)
        if not tickets and not followed:
            await self._d.outbox.send(chat_id, Outgoing(texts.NO_TICKETS))
            return
        lines = [texts.MY_TICKETS] if tickets else []
        lines += [self._summary(t) for t in tickets]
        if followed:
            lines.append(hot_texts.FOLLOWED_TICKETS)
            lines += [self._summary(t) for t in followed]
        lines.append(texts.MY_TICKETS_HINT)
        await self._d.outbox.send(chat_id, Outgoing("\n".join(lines)))

    async def citizen_ticket(self, chat_id: int, code_text: str) -> None:
        """Send a citizen one of their tickets with its history (one they follow, without it);
        never anyone else's."""
        code = parse_code(code_text)
        if code is None:
            await self._d.outbox.send(chat_id, Outgoing(texts.CODE_INVALID))
            return
        ticket = await self._d.tickets.by_code(code)
        if ticket is None or chat_id not in await self._d.citizens_of(ticket):
            await self._d.outbox.send(
                chat_id, Outgoing(texts.TICKET_NOT_FOUND.format(code=escape(code_text)))
            )
            return
        text = self._summary(ticket)
        if ticket.citizen_chat_id == chat_id:
            events = await self._d.tickets.events(ticket.id)
            text += "\n\n" + history_text(events, for_citizen=True)
        else:  # the history holds what its citizen wrote: theirs to see, not a follower's
            text += "\n" + hot_texts.FOLLOWER_VIEW
        await self._d.outbox.send(chat_id, Outgoing(text), ticket_id=ticket.id, link="status")

    def _summary(self, ticket: TicketRow) -> str:
        """One ticket in a citizen's list: code, kind, ward, status and the clock running now."""
        clock = self._d.deadlines.state(ticket)
        return ticket_summary(ticket, self._d.ward_name(ticket.ward_code), clock)

    async def queue(self, chat_id: int, page: int, edit: int | None) -> None:
        """Send (or turn to) one page of a group's open tickets, overdue first."""
        _, total = await self._d.tickets.open_in_group(chat_id, OPEN_STATUSES, 0, 0)
        pages = max(1, math.ceil(total / QUEUE_PAGE_SIZE))
        page = min(max(page, 1), pages)
        shown, _ = await self._d.tickets.open_in_group(
            chat_id, OPEN_STATUSES, (page - 1) * QUEUE_PAGE_SIZE, QUEUE_PAGE_SIZE
        )
        title = await self._group_title(chat_id)
        message = Outgoing(self._queue_text(title, shown, total, page, pages), _pager(page, pages))
        if edit is None:
            await self._d.outbox.send(chat_id, message)
        else:
            await self._d.outbox.edit(chat_id, edit, message)

    async def _group_title(self, chat_id: int) -> str:
        """Name what a group handles: its wards, or else its roles (as stored in this batch)."""
        rules = await self._d.routes.stored_of_chat(chat_id)
        wards = [self._d.ward_name(r.ward_code) for r in rules if r.ward_code]
        return ", ".join(dict.fromkeys(wards)) or ", ".join(
            officer_texts.ROLE_NAMES[r.role] for r in rules
        )

    def _queue_text(
        self, title: str, shown: list[TicketRow], total: int, page: int, pages: int
    ) -> str:
        head = officer_texts.QUEUE_TITLE.format(
            ward=escape(title), total=total, page=page, pages=pages
        )
        if not shown:
            return f"{head}\n{officer_texts.QUEUE_EMPTY}"
        now = today(self._d.clock())
        lines = [head]
        for t in shown:
            lines.append(
                officer_texts.QUEUE_LINE.format(
                    mark="⚠️" if t.due_date < now else "•",
                    code=t.code,
                    kind=Kind(t.kind).label,
                    due=local_date(t.due_date),
                    status=Status(t.status).label,
                )
            )
        return "\n".join(lines)

    async def group_ticket(self, chat_id: int, code_text: str) -> None:
        """Show officers one ticket of their group (a denouncer's identity as on its card)."""
        ticket = await self._find(chat_id, code_text, group=chat_id)
        if ticket is None:
            return
        reveal = self._d.routes.current.reveals_identity_in(chat_id)
        await self._d.outbox.send(chat_id, Outgoing(await self._details(ticket, reveal=reveal)))

    async def admin_ticket(self, chat_id: int, admin: Actor, code_text: str) -> None:
        """Show an admin, in private, one ticket with the sender's identity (access is logged)."""
        ticket = await self._find(chat_id, code_text)
        if ticket is None:
            return
        if Kind(ticket.kind) is Kind.DENUNCIATION:
            await self._d.record(ticket.id, admin, "identity_viewed")
        identity = officer_texts.IDENTITY_FOR_ADMIN.format(
            identity=citizen_line(ticket, reveal=True)
        )
        text = f"{await self._details(ticket)}\n\n{identity}"
        await self._d.outbox.send(chat_id, Outgoing(text))

    async def _find(
        self, chat_id: int, code_text: str, *, group: int | None = None
    ) -> TicketRow | None:
        """Return the ticket a typed code names (one of `group`'s, if given), else say why not."""
        code = parse_code(code_text)
        ticket = None if code is None else await self._d.tickets.by_code(code)
        if ticket is not None and group is not None and ticket.group_chat_id != group:
            ticket = None
        if ticket is None:
            if code is None:
                reply = texts.CODE_INVALID
            elif group is not None:
                # The same answer whether the code exists elsewhere or not: none of this
                # group's business (a valid code would otherwise be confirmed to anyone guessing).
                reply = texts.NOT_THIS_GROUP
            else:
                reply = texts.TICKET_NOT_FOUND.format(code=escape(code_text))
            await self._d.outbox.send(chat_id, Outgoing(reply))
        return ticket

    async def _details(self, ticket: TicketRow, *, reveal: bool = False) -> str:
        attachments = len(await self._d.tickets.attachments(ticket.id))
        card = card_text(
            ticket,
            self._d.ward_name(ticket.ward_code),
            self._d.category_name(ticket.category),
            attachments,
            self._d.clock(),
            hint=False,
            reveal=reveal,
            clock=self._d.deadlines.state(ticket),
        )
        events = await self._d.tickets.events(ticket.id)
        return f"{card}\n\n{history_text(events, for_citizen=False)}"


def _pager(page: int, pages: int) -> tuple[tuple[Button, ...], ...]:
    row = []
    if page > 1:
        row.append(Button(officer_texts.BTN_PREV, f"q:{page - 1}"))
    if page < pages:
        row.append(Button(officer_texts.BTN_NEXT, f"q:{page + 1}"))
    return (tuple(row),) if row else ()
