"""A ticket's life: submission, card in the ward's group, claim, resolve, decline, transfer."""

from __future__ import annotations

from dataclasses import dataclass

from bot import officer_texts, texts
from bot.codes import new_code
from bot.deps import CITIZEN, Actor, Deps
from bot.hot import texts as hot_texts
from bot.hot.alerts import HotIssues
from bot.kinds import Kind
from bot.messages import Button, Outgoing, escape
from bot.render import CARD_DESCRIPTION_LIMIT, card_buttons, card_text, clock_terms, local_date
from bot.status import Status
from storage.tickets import TicketRow


@dataclass(frozen=True, slots=True)
class Attachment:
    """A citizen's message kept as an attachment (photo, file, voice, location...)."""

    kind: str
    chat_id: int
    message_id: int
    caption: str | None = None


@dataclass(frozen=True, slots=True)
class NewTicket:
    """What a citizen confirmed at the end of intake."""

    kind: Kind
    ward_code: str
    category: str
    description: str
    attachments: tuple[Attachment, ...] = ()
    contact_name: str | None = None
    contact_phone: str | None = None
    contact_address: str | None = None


class TicketService:
    """Change tickets, record every change in history, and tell the people concerned."""

    def __init__(self, deps: Deps, hot: HotIssues) -> None:
        self._d = deps
        self._hot = hot

    async def submit(self, new: NewTicket, citizen_chat_id: int, source_key: str) -> TicketRow:
        """Create a ticket once per source event, send the receipt and publish the card."""
        existing = await self._d.tickets.by_source(source_key)
        if existing is not None:
            return existing
        now = self._d.clock()
        ticket = await self._d.tickets.insert(
            {
                "code": await self._unused_code(),
                "source_key": source_key,
                "kind": new.kind.value,
                "ward_code": new.ward_code,
                "category": new.category,
                "description": new.description,
                "status": Status.RECEIVED.value,
                "citizen_chat_id": citizen_chat_id,
                "contact_name": new.contact_name,
                "contact_phone": new.contact_phone,
                "contact_address": new.contact_address,
                "created_at": now,
                "updated_at": now,
                "received_on": self._d.deadlines.local_date(now).isoformat(),
                "due_date": self._d.deadlines.due_date(new.kind, now).isoformat(),
            }
        )
        for item in new.attachments:
            await self._d.tickets.add_attachment(
                ticket.id, item.kind, item.chat_id, item.message_id, item.caption
            )
        await self._d.record(ticket.id, CITIZEN, "created")
        await self._d.outbox.send(
            citizen_chat_id, self._receipt(ticket), ticket_id=ticket.id, link="receipt"
        )
        await self.publish(ticket)
        return ticket

    async def publish(self, ticket: TicketRow, *, note: str | None = None) -> TicketRow:
        """Route a ticket and post its card and attachments there; warn admins if no rule fits."""
        route = self._d.routes.current.route(ticket.ward_code, ticket.kind, ticket.category)
        if route is None:
            await self._warn_unrouted(ticket)
            return await self._unroute(ticket)
        ticket = await self.post_card(ticket, route.chat_id, note=note)
        await self._hot.check(ticket)  # one report more about an incident the group knows?
        return ticket

    async def post_card(
        self, ticket: TicketRow, group: int, *, note: str | None, reveal: bool | None = None
    ) -> TicketRow:
        """Make `group` the ticket's group and post its card and attachments there."""
        if ticket.group_chat_id != group:
            # A topic belongs to its group: in another forum that thread is another ticket's.
            ticket = await self._d.tickets.update(
                ticket.id, self._d.clock(), group_chat_id=group, thread_id=None
            )
        card = await self.render_card(ticket, reveal=reveal)
        if note:
            card = Outgoing(f"{note}\n{card.text}", card.buttons)
        await self._d.outbox.send(group, card, ticket_id=ticket.id, link="card")
        for item in await self._d.tickets.attachments(ticket.id):
            await self._d.outbox.copy(
                group, item.chat_id, item.message_id, ticket_id=ticket.id, link="attachment"
            )
        if len(ticket.description) > CARD_DESCRIPTION_LIMIT:
            rest = escape(ticket.description[CARD_DESCRIPTION_LIMIT:])
            await self._d.outbox.send(group, Outgoing(rest), ticket_id=ticket.id, link="card_more")
        return ticket

    async def _unroute(self, ticket: TicketRow) -> TicketRow:
        """Take a ticket from the group it leaves: binding a group posts it (only if it has none),
        and its old group must no longer answer for it."""
        if ticket.group_chat_id is None:
            return ticket
        return await self._d.tickets.update(
            ticket.id, self._d.clock(), group_chat_id=None, thread_id=None
        )

    async def _warn_unrouted(self, ticket: TicketRow) -> None:
        """Tell admins, in private, that a ticket waits for a rule (it is posted on binding)."""
        if Kind(ticket.kind) is Kind.DENUNCIATION:
            template = officer_texts.UNROUTED_DENUNCIATION_ADMIN
        else:
            template = officer_texts.UNBOUND_WARD_ADMIN
        warning = template.format(
            ward=escape(self._d.ward_name(ticket.ward_code)), code=ticket.code
        )
        for admin in sorted(self._d.admin_ids):
            await self._d.outbox.send(admin, Outgoing(warning))

    async def render_card(self, ticket: TicketRow, *, reveal: bool | None = None) -> Outgoing:
        """Build the current card of a ticket (`reveal`: its group's role, if not yet live)."""
        attachments = len(await self._d.tickets.attachments(ticket.id))
        clock = self._d.deadlines.state(ticket)
        text = card_text(
            ticket,
            self._d.ward_name(ticket.ward_code),
            self._d.category_name(ticket.category),
            attachments,
            self._d.clock(),
            hint=True,
            reveal=self._reveals_identity(ticket) if reveal is None else reveal,
            clock=clock,
        )
        # While a later clock waits for acceptance, the card offers «Thụ lý».
        return Outgoing(text, card_buttons(ticket, accept=clock.next is not None))

    def _reveals_identity(self, ticket: TicketRow) -> bool:
        """Tell whether the ticket's group are a denunciation's designated handlers."""
        group = ticket.group_chat_id
        return group is not None and self._d.routes.current.reveals_identity_in(group)

    async def refresh_card(self, ticket: TicketRow) -> None:
        """Queue an edit so the group's card shows the ticket as it is now."""
        if ticket.group_chat_id is not None:
            card = await self.render_card(ticket)
            await self._d.outbox.edit_card(ticket.group_chat_id, ticket.id, card)

    async def status_changed(self, ticket: TicketRow) -> None:
        """Show a new status (or group) on the card and on any hot-issue alert listing it."""
        await self.refresh_card(ticket)
        await self.refresh_alerts(ticket)

    async def refresh_alerts(self, ticket: TicketRow) -> None:
        """Bring the hot-issue alerts listing a ticket up to date."""
        await self._hot.refresh_for([ticket.id])

    async def claim(self, ticket: TicketRow, officer: Actor) -> str:
        """Make an officer the ticket's handler; return the notice for the officer."""
        if ticket.handler_id is not None and ticket.handler_id != officer.id:
            return officer_texts.ALREADY_CLAIMED.format(name=escape(ticket.handler_name))
        ticket = await self._hand_to(ticket, officer, officer, "claimed", None)
        return officer_texts.CLAIMED.format(code=ticket.code)

    async def assign(self, ticket: TicketRow, by: Actor, officer: Actor) -> str:
        """Make `officer` the handler on someone else's decision; return the group's notice."""
        if ticket.handler_id == officer.id:
            return officer_texts.ALREADY_CLAIMED.format(name=escape(ticket.handler_name))
        ticket = await self._hand_to(ticket, by, officer, "assigned", officer.name)
        return officer_texts.ASSIGNED.format(code=ticket.code, name=escape(officer.name or ""))

    async def _hand_to(
        self, ticket: TicketRow, by: Actor, officer: Actor, action: str, detail: str | None
    ) -> TicketRow:
        """Set the handler, record who decided it, and tell the citizen it is being handled."""
        status = Status.IN_PROGRESS if ticket.status == Status.RECEIVED else Status(ticket.status)
        ticket = await self._change(
            ticket,
            by,
            action,
            detail=detail,
            status=status,
            handler_id=officer.id,
            handler_name=officer.name,
        )
        await self._d.tell_citizens(
            ticket, Outgoing(texts.STATUS_IN_PROGRESS.format(code=ticket.code))
        )
        return ticket

    async def resolve(self, ticket: TicketRow, officer: Actor) -> str:
        """Close a ticket as resolved and ask the citizen to rate it."""
        ticket = await self._change(ticket, officer, "resolved", status=Status.RESOLVED)
        ask = Outgoing(
            texts.RESOLVED_ASK_RATING.format(code=ticket.code),
            (
                (
                    Button(texts.RATE_GOOD, f"r:{ticket.id}:1"),
                    Button(texts.RATE_BAD, f"r:{ticket.id}:0"),
                ),
            ),
        )
        await self._d.outbox.send(ticket.citizen_chat_id, ask, ticket_id=ticket.id, link="status")
        told = Outgoing(hot_texts.RESOLVED_FOLLOWER.format(code=ticket.code))
        for chat in await self._d.followers.of_ticket(ticket.id):  # only its citizen rates it
            await self._d.outbox.send(chat, told, ticket_id=ticket.id, link="status")
        return officer_texts.RESOLVED_DONE.format(code=ticket.code)

    async def ask_decline_reason(self, ticket: TicketRow, group: int) -> None:
        """Ask the group for the reason; a reply to that question declines the ticket."""
        ask = Outgoing(officer_texts.ASK_DECLINE_REASON.format(code=ticket.code), force_reply=True)
        await self._d.outbox.send(group, ask, ticket_id=ticket.id, link="decline_prompt")

    async def decline(self, ticket: TicketRow, officer: Actor, reason: str) -> None:
        """Close a ticket as outside the ward's competence and tell the citizen why."""
        ticket = await self._change(
            ticket, officer, "declined", detail=reason, status=Status.DECLINED
        )
        notice = texts.DECLINED_CITIZEN.format(
            code=ticket.code,
            ward=escape(self._d.ward_name(ticket.ward_code)),
            reason=escape(reason),
        )
        await self._d.tell_citizens(ticket, Outgoing(notice))
        if ticket.group_chat_id is not None:
            declined = Outgoing(officer_texts.DECLINED_GROUP.format(code=ticket.code))
            await self._d.outbox.send(ticket.group_chat_id, declined)

    async def _change(
        self,
        ticket: TicketRow,
        actor: Actor,
        action: str,
        *,
        detail: str | None = None,
        **changes: object,
    ) -> TicketRow:
        now = self._d.clock()
        if changes:
            ticket = await self._d.tickets.update(ticket.id, now, **changes)
        await self._d.record(ticket.id, actor, action, detail)
        if "status" in changes:
            await self.status_changed(ticket)
        else:
            await self.refresh_card(ticket)
        return ticket

    def restart_clock(self, ticket: TicketRow) -> dict[str, object]:
        """Return the changes that start a ticket's first clock again, received today."""
        # A ward that gets a ticket from another counts from its own receipt (Luật Khiếu nại
        # 2011, Điều 27; Luật Tố cáo 2018, Điều 24 khoản 2: the competent body accepts it).
        now = self._d.clock()
        return {
            "received_on": self._d.deadlines.local_date(now).isoformat(),
            "accepted_on": None,
            "is_complex": 0,
            "extensions": 0,
            "due_date": self._d.deadlines.due_date(Kind(ticket.kind), now).isoformat(),
        }

    def _receipt(self, ticket: TicketRow) -> Outgoing:
        kind = Kind(ticket.kind)
        first, later = self._d.deadlines.for_kind(kind), self._d.deadlines.after_acceptance(kind)
        then = ""
        if later is not None:
            then = texts.RECEIPT_THEN.format(
                label=escape(later.label),
                terms=escape(clock_terms(later)),
                basis=escape(later.basis),
            )
        text = texts.RECEIPT.format(
            kind=kind.label,
            code=ticket.code,
            ward=escape(self._d.ward_name(ticket.ward_code)),
            clock_lower=escape(first.title[:1].lower() + first.title[1:]),
            due=local_date(ticket.due_date),
            terms=escape(clock_terms(first)),
            basis=escape(first.basis),
            then=then,
        )
        return Outgoing(text)

    async def _unused_code(self) -> str:
        while True:
            code = new_code()
            if not await self._d.tickets.code_exists(code):
                return code
