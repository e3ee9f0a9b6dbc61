"""Moving a ticket: to another ward, or up to the supervisors' group, always with a reason."""

from __future__ import annotations

from bot import officer_texts, texts
from bot.deps import Actor, Deps
from bot.messages import Button, Outgoing, escape
from bot.render import card_text, local_date
from bot.status import Status
from bot.tickets import TicketService
from storage.tickets import TicketRow

UP = "^"  # the transfer target meaning "the supervisors' group"
MAX_WARD_BUTTONS = 12  # beyond this, officers name the ward: /transfer CODE ward
REASON_PREFIX = "transfer:"  # message-link purpose of the question asking for the reason


class TransferService:
    """Offer targets, ask for the reason, then move the ticket and tell everyone."""

    def __init__(self, deps: Deps, tickets: TicketService) -> None:
        self._d = deps
        self._tickets = tickets

    async def offer(self, ticket: TicketRow, group: int) -> None:
        """Offer the other wards (when few) and the supervisors as buttons."""
        others = [w for w in self._d.wards.all() if w.code != ticket.ward_code]
        rows: list[tuple[Button, ...]] = []
        if len(others) <= MAX_WARD_BUTTONS:
            rows += [(Button(w.name, f"tw:{ticket.id}:{w.code}"),) for w in others]
        supervisor = self._d.routes.current.supervisor()
        if supervisor is not None and supervisor.chat_id != group:
            rows.append((Button(officer_texts.BTN_TRANSFER_UP, f"tw:{ticket.id}:{UP}"),))
        hint = officer_texts.TRANSFER_BY_COMMAND.format(code=ticket.code) if len(others) else ""
        if not rows:
            await self._d.outbox.send(group, Outgoing(hint or officer_texts.NO_OTHER_WARD))
            return
        ask = Outgoing(officer_texts.ASK_TRANSFER_WARD.format(code=ticket.code) + hint, tuple(rows))
        await self._d.outbox.send(group, ask, ticket_id=ticket.id, link="transfer_prompt")

    def target_name(self, target: str) -> str | None:
        """Return the display name of a transfer target, or None if it is not valid now."""
        if target == UP:
            return officer_texts.SUPERVISORS if self._d.routes.current.supervisor() else None
        ward = self._d.wards.get(target)
        return None if ward is None else ward.name

    async def ask_reason(self, ticket: TicketRow, group: int, target: str) -> str:
        """Ask the group for the reason; a reply to that question makes the transfer."""
        name = self.target_name(target)
        if name is None or target == ticket.ward_code:
            return texts.STALE_BUTTON
        ask = Outgoing(
            officer_texts.ASK_TRANSFER_REASON.format(code=ticket.code, target=escape(name)),
            force_reply=True,
        )
        await self._d.outbox.send(group, ask, ticket_id=ticket.id, link=REASON_PREFIX + target)
        return officer_texts.TRANSFER_REASON_ASKED

    async def transfer(self, ticket: TicketRow, officer: Actor, target: str, reason: str) -> None:
        """Move the ticket to `target` with the officer's reason, once it is still possible."""
        if not Status(ticket.status).is_open or self.target_name(target) is None:
            return
        if target == UP:
            await self._escalate(ticket, officer, reason)
        elif target != ticket.ward_code:
            await self._to_ward(ticket, officer, target, reason)
        else:
            return
        await self._tickets.refresh_alerts(ticket)  # an alert of the old group lists it as gone

    async def _to_ward(
        self, ticket: TicketRow, officer: Actor, ward_code: str, reason: str
    ) -> None:
        old_name, new_name = self._d.ward_name(ticket.ward_code), self._d.ward_name(ward_code)
        old_group = ticket.group_chat_id
        # The receiving ward's clock starts on the day it receives the ticket.
        ticket = await self._moved(
            ticket,
            officer,
            f"{old_name} → {new_name}: {reason}",
            ward_code=ward_code,
            **self._tickets.restart_clock(ticket),
        )
        await self._close_old_card(ticket, old_group, new_name, old_name)
        await self._tickets.publish(
            ticket, note=officer_texts.TRANSFERRED_IN.format(ward=escape(old_name))
        )
        clock = self._d.deadlines.state(ticket)
        new_due = officer_texts.TRANSFER_NEW_DUE.format(
            label=escape(clock.clock.label),
            ward=escape(new_name),
            due=local_date(ticket.due_date),
            period=escape(clock.period()),
        )
        await self._tell_citizen(ticket, old_name, new_name, reason, new_due)

    async def _escalate(self, ticket: TicketRow, officer: Actor, reason: str) -> None:
        supervisor = self._d.routes.current.supervisor()
        assert supervisor is not None  # checked by target_name
        ward = self._d.ward_name(ticket.ward_code)
        old_group = ticket.group_chat_id
        ticket = await self._moved(
            ticket, officer, f"{ward} → {officer_texts.SUPERVISORS}: {reason}"
        )
        await self._close_old_card(ticket, old_group, officer_texts.SUPERVISORS, ward)
        note = officer_texts.ESCALATED_IN.format(ward=escape(ward), reason=escape(reason))
        await self._tickets.post_card(ticket, supervisor.chat_id, note=note)
        await self._tell_citizen(ticket, ward, officer_texts.SUPERVISORS, reason)

    async def _moved(
        self, ticket: TicketRow, officer: Actor, detail: str, **changes: object
    ) -> TicketRow:
        """Reset the ticket for its new handlers and record the move."""
        ticket = await self._d.tickets.update(
            ticket.id,
            self._d.clock(),
            status=Status.RECEIVED.value,
            handler_id=None,
            handler_name=None,
            **changes,
        )
        await self._d.record(ticket.id, officer, "transferred", detail)
        return ticket

    async def _close_old_card(
        self, ticket: TicketRow, old_group: int | None, new_name: str, old_name: str
    ) -> None:
        """Edit the card in the group it leaves, so nobody acts on it there any more."""
        if old_group is None:
            return
        moved = officer_texts.TRANSFERRED_GROUP.format(code=ticket.code, ward=escape(new_name))
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
        await self._d.outbox.send(old_group, Outgoing(moved))

    async def _tell_citizen(
        self, ticket: TicketRow, old: str, new: str, reason: str, new_due: str = ""
    ) -> None:
        notice = texts.TRANSFERRED_CITIZEN.format(
            code=ticket.code, old=escape(old), new=escape(new), reason=escape(reason)
        )
        await self._d.tell_citizens(ticket, Outgoing(notice + new_due))
