"""A ticket's life: submission, card in the ward's group, claim, resolve, decline, transfer."""

from __future__ import annotations

from dataclasses import dataclass

from bot import texts
from bot.codes import new_code
from bot.deps import CITIZEN, Actor, Deps
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

    def __init__(self, deps: Deps) -> None:
        self._d = deps

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

    async def publish(self, ticket: TicketRow, *, note: str | None = None) -> None:
        """Post a ticket's card and attachments to its ward's group, or warn admins if none."""
        group = await self._d.bindings.group_for(ticket.ward_code)
        if group is None:
            warning = texts.UNBOUND_WARD_ADMIN.format(
                ward=escape(self._d.ward_name(ticket.ward_code)), code=ticket.code
            )
            for admin in sorted(self._d.admin_ids):
                await self._d.outbox.send(admin, Outgoing(warning))
            return
        card = await self.render_card(ticket)
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

    async def render_card(self, ticket: TicketRow) -> Outgoing:
        """Build the current card of a ticket."""
        attachments = len(await self._d.tickets.attachments(ticket.id))
        clock = self._d.deadlines.state(ticket)
        text = card_text(
            ticket,
            self._d.ward_name(ticket.ward_code),
            self._d.category_name(ticket.category),
            attachments,
            self._d.clock(),
            hint=True,
            clock=clock,
        )
        # While a later clock waits for acceptance, the card offers «Thụ lý».
        return Outgoing(text, card_buttons(ticket, accept=clock.next is not None))

    async def refresh_card(self, ticket: TicketRow) -> None:
        """Queue an edit so the group's card shows the ticket as it is now."""
        group = await self._d.bindings.group_for(ticket.ward_code)
        if group is not None:
            await self._d.outbox.edit_card(group, ticket.id, await self.render_card(ticket))

    async def claim(self, ticket: TicketRow, officer: Actor) -> str:
        """Make an officer the ticket's handler; return the notice for the officer."""
        if ticket.handler_id is not None and ticket.handler_id != officer.id:
            return texts.ALREADY_CLAIMED.format(name=ticket.handler_name or "")
        status = Status.IN_PROGRESS if ticket.status == Status.RECEIVED else Status(ticket.status)
        ticket = await self._change(
            ticket,
            officer,
            "claimed",
            status=status,
            handler_id=officer.id,
            handler_name=officer.name,
        )
        await self._d.outbox.send(
            ticket.citizen_chat_id,
            Outgoing(texts.STATUS_IN_PROGRESS.format(code=ticket.code)),
            ticket_id=ticket.id,
            link="status",
        )
        return texts.CLAIMED.format(code=ticket.code)

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
        return texts.RESOLVED_DONE.format(code=ticket.code)

    async def ask_decline_reason(self, ticket: TicketRow, group: int) -> None:
        """Ask the group for the reason; a reply to that question declines the ticket."""
        ask = Outgoing(texts.ASK_DECLINE_REASON.format(code=ticket.code), force_reply=True)
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
        await self._d.outbox.send(
            ticket.citizen_chat_id, Outgoing(notice), ticket_id=ticket.id, link="status"
        )
        group = await self._d.bindings.group_for(ticket.ward_code)
        if group is not None:
            await self._d.outbox.send(
                group, Outgoing(texts.DECLINED_GROUP.format(code=ticket.code))
            )

    async def ask_transfer(self, ticket: TicketRow, group: int) -> None:
        """Offer the other wards as buttons."""
        others = [w for w in self._d.wards.all() if w.code != ticket.ward_code]
        if not others:
            await self._d.outbox.send(group, Outgoing(texts.NO_OTHER_WARD))
            return
        rows = tuple((Button(w.name, f"tw:{ticket.id}:{w.code}"),) for w in others)
        ask = Outgoing(texts.ASK_TRANSFER_WARD.format(code=ticket.code), rows)
        await self._d.outbox.send(group, ask, ticket_id=ticket.id, link="transfer_prompt")

    async def transfer(self, ticket: TicketRow, officer: Actor, ward_code: str) -> str:
        """Move a ticket to another ward's queue, telling the citizen and both groups."""
        old_code, old_group = ticket.ward_code, await self._d.bindings.group_for(ticket.ward_code)
        old_name, new_name = self._d.ward_name(old_code), self._d.ward_name(ward_code)
        ticket = await self._change(
            ticket,
            officer,
            "transferred",
            detail=f"{old_name} → {new_name}",
            refresh=False,
            status=Status.RECEIVED,
            ward_code=ward_code,
            handler_id=None,
            handler_name=None,
            **self._restart_clock(ticket),
        )
        moved = texts.TRANSFERRED_GROUP.format(code=ticket.code, ward=escape(new_name))
        if old_group is not None:
            old_card = card_text(
                ticket,
                old_name,
                self._d.category_name(ticket.category),
                0,
                self._d.clock(),
                hint=False,
                clock=self._d.deadlines.state(ticket),
            )
            await self._d.outbox.edit_card(old_group, ticket.id, Outgoing(f"{moved}\n\n{old_card}"))
        await self.publish(ticket, note=texts.TRANSFERRED_IN.format(ward=escape(old_name)))
        clock = self._d.deadlines.state(ticket)
        notice = texts.TRANSFERRED_CITIZEN.format(
            code=ticket.code, old=escape(old_name), new=escape(new_name)
        ) + texts.TRANSFER_NEW_DUE.format(
            label=escape(clock.clock.label),
            ward=escape(new_name),
            due=local_date(ticket.due_date),
            period=escape(clock.period()),
        )
        await self._d.outbox.send(
            ticket.citizen_chat_id, Outgoing(notice), ticket_id=ticket.id, link="status"
        )
        return moved

    async def _change(
        self,
        ticket: TicketRow,
        actor: Actor,
        action: str,
        *,
        detail: str | None = None,
        refresh: bool = True,
        **changes: object,
    ) -> TicketRow:
        now = self._d.clock()
        if changes:
            ticket = await self._d.tickets.update(ticket.id, now, **changes)
        await self._d.record(ticket.id, actor, action, detail)
        if refresh:
            await self.refresh_card(ticket)
        return ticket

    def _restart_clock(self, ticket: TicketRow) -> dict[str, object]:
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
