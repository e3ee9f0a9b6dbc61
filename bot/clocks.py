"""A ticket's legal clocks: acceptance (thụ lý), complex cases and extensions.

Acceptance is its own action («Thụ lý»), not the officer's «Nhận xử lý». Claiming only says who
works on a ticket; acceptance is the competent person's decision, after checking the conditions
(Luật Khiếu nại 2011, Điều 27; Luật Tố cáo 2018, Điều 24), that starts the resolution period.
An officer picks a denunciation up to screen it, and screening may end in a refusal, so claiming
must not start the resolution clock.
"""

from __future__ import annotations

from dataclasses import replace

from bot import officer_texts, texts
from bot.deadlines import ClockState
from bot.deps import Actor, Deps
from bot.kinds import Kind
from bot.messages import Outgoing, escape
from bot.render import local_date
from bot.status import Status
from bot.tickets import TicketService
from storage.tickets import TicketRow


class ClockService:
    """Change a ticket's clock, keep it in history, and tell the citizen the new due date."""

    def __init__(self, deps: Deps, tickets: TicketService) -> None:
        self._d = deps
        self._tickets = tickets

    def state(self, ticket: TicketRow) -> ClockState:
        """Return the clock a ticket runs on now."""
        return self._d.deadlines.state(ticket)

    async def accept(self, ticket: TicketRow, officer: Actor) -> str:
        """Record acceptance today and start the clock that runs from it; return the notice."""
        if ticket.accepted_on is not None:
            return officer_texts.ALREADY_ACCEPTED.format(
                code=ticket.code, on=local_date(ticket.accepted_on)
            )
        if self.state(ticket).next is None:  # the kind has no acceptance step
            return texts.STALE_BUTTON
        today = self._d.deadlines.local_date(self._d.clock())
        changes: dict[str, object] = {"accepted_on": today.isoformat(), "extensions": 0}
        if ticket.status == Status.RECEIVED:
            changes["status"] = Status.IN_PROGRESS
        if ticket.handler_id is None:  # whoever accepts it handles it, as with a first answer
            changes |= {"handler_id": officer.id, "handler_name": officer.name}
        state = self._d.deadlines.state(
            replace(ticket, accepted_on=today.isoformat(), extensions=0)
        )
        detail = f"ngày {local_date(today)}; hạn {state.clock.label} {local_date(state.due)}"
        ticket = await self._apply(ticket, officer, "accepted", detail, state, changes)
        notice = officer_texts.ACCEPTED_CITIZEN.format(
            kind=Kind(ticket.kind).label,
            code=ticket.code,
            on=local_date(today),
            label=escape(state.clock.label),
            due=local_date(state.due),
            period=escape(state.period()),
            basis=escape(state.clock.basis),
        )
        await self._tell_citizen(ticket, notice)
        return officer_texts.ACCEPTED.format(
            code=ticket.code,
            on=local_date(today),
            label=state.clock.label,
            due=local_date(state.due),
        )

    async def mark_complex(self, ticket: TicketRow, officer: Actor, reason: str) -> str:
        """Give the running clock its complex-case period; return the text for the group."""
        now = self.state(ticket)
        refusal = self._complex_refusal(ticket, now)
        if refusal:
            return refusal
        state = self._d.deadlines.state(replace(ticket, is_complex=1))
        old, new = local_date(ticket.due_date), local_date(state.due)
        label = escape(state.clock.label)
        days = state.clock.total_days(is_complex=True)
        detail = f"{days} {state.clock.unit.label}; hạn {state.clock.label} {new} (trước đây {old})"
        detail += f"; lý do: {reason}" if reason else ""
        ticket = await self._apply(ticket, officer, "complex", detail, state, {"is_complex": 1})
        notice = officer_texts.COMPLEX_CITIZEN.format(
            kind=Kind(ticket.kind).label,
            code=ticket.code,
            label=label,
            period=escape(state.period()),
            due=new,
            old=old,
            reason=officer_texts.REASON_LINE.format(reason=escape(reason)) if reason else "",
            basis=escape(state.clock.basis),
        )
        await self._tell_citizen(ticket, notice)
        return officer_texts.COMPLEX_GROUP.format(code=ticket.code, label=label, due=new, old=old)

    async def extend(self, ticket: TicketRow, officer: Actor, reason: str) -> str:
        """Extend the running clock once more, within the law's limit; return the group's text."""
        now = self.state(ticket)
        clock, kind = now.clock, Kind(ticket.kind)
        if clock.max_extensions == 0:
            refusal = officer_texts.EXTEND_NOT_ALLOWED.format(
                label=escape(clock.label), kind=_lower(kind.label), basis=escape(clock.basis)
            )
            return refusal + (officer_texts.EXTEND_USE_COMPLEX if clock.complex_days else "")
        if now.extensions >= clock.max_extensions:
            return officer_texts.EXTEND_LIMIT.format(
                code=ticket.code,
                label=escape(clock.label),
                n=now.extensions,
                max=clock.max_extensions,
                basis=escape(clock.basis),
            )
        n = now.extensions + 1
        state = self._d.deadlines.state(replace(ticket, extensions=n))
        old, new = local_date(ticket.due_date), local_date(state.due)
        detail = f"lần {n}/{clock.max_extensions}; hạn {clock.label} {new} (trước đây {old})"
        ticket = await self._apply(
            ticket, officer, "extended", f"{detail}; lý do: {reason}", state, {"extensions": n}
        )
        notice = officer_texts.EXTENDED_CITIZEN.format(
            label=escape(clock.label),
            kind=_lower(kind.label),
            code=ticket.code,
            n=n,
            max=clock.max_extensions,
            days=clock.extension_days,
            unit=clock.unit.label,
            due=new,
            old=old,
            reason=escape(reason),
            basis=escape(clock.basis),
        )
        await self._tell_citizen(ticket, notice)
        return officer_texts.EXTENDED_GROUP.format(
            code=ticket.code,
            label=escape(clock.label),
            n=n,
            max=clock.max_extensions,
            due=new,
            old=old,
        )

    def _complex_refusal(self, ticket: TicketRow, now: ClockState) -> str | None:
        """Say why a ticket cannot be marked complex now, or None if it can."""
        kind = Kind(ticket.kind)
        if now.clock.complex_days is None:
            upcoming = now.next
            if upcoming is not None and upcoming.complex_days is not None:
                return officer_texts.ACCEPT_FIRST.format(code=ticket.code)
            return officer_texts.COMPLEX_NOT_ALLOWED.format(
                kind=kind.label, label=escape(now.clock.label)
            )
        if now.is_complex:
            return officer_texts.ALREADY_COMPLEX.format(
                code=ticket.code, label=escape(now.clock.label), due=local_date(ticket.due_date)
            )
        return None

    async def _apply(
        self,
        ticket: TicketRow,
        officer: Actor,
        action: str,
        detail: str,
        state: ClockState,
        changes: dict[str, object],
    ) -> TicketRow:
        """Store the new clock and due date, append history, and refresh the card."""
        changes["due_date"] = state.due.isoformat()
        ticket = await self._d.tickets.update(ticket.id, self._d.clock(), **changes)
        await self._d.record(ticket.id, officer, action, detail)
        await self._tickets.refresh_card(ticket)
        return ticket

    async def _tell_citizen(self, ticket: TicketRow, text: str) -> None:
        await self._d.outbox.send(
            ticket.citizen_chat_id, Outgoing(text), ticket_id=ticket.id, link="status"
        )


def _lower(label: str) -> str:
    """Lower a kind's label for use mid-sentence: "Tố cáo" -> "tố cáo"."""
    return label[:1].lower() + label[1:]
