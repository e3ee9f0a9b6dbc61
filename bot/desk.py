"""Where incoming messages and button presses go: the citizen desk and the officers' desk."""

from __future__ import annotations

from bot import texts
from bot.clocks import ClockService
from bot.codes import parse_code
from bot.deps import Actor, Deps
from bot.faq.desk import FaqDesk
from bot.inbound import Inbound
from bot.intake import ATTACHMENT_KINDS, IntakeService
from bot.messages import Button, Outgoing, escape
from bot.relay import RelayService
from bot.status import Status
from bot.tickets import TicketService
from bot.views import ViewService
from storage.tickets import TicketRow

MENU = (
    (Button(texts.MENU_NEW, "m:new"),),
    (Button(texts.MENU_FAQ, "m:faq"),),
    (Button(texts.MENU_MINE, "m:mine"), Button(texts.MENU_HELP, "m:help")),
)
# Replies to these ticket messages in a group go to the citizen.
_RELAYED_PURPOSES = frozenset({"card", "card_more", "attachment", "followup"})


class CitizenDesk:
    """Decide what a citizen's message means: a draft step, a follow-up, a reason, or a question."""

    def __init__(
        self, deps: Deps, intake: IntakeService, relay: RelayService, faq: FaqDesk
    ) -> None:
        self._d = deps
        self._intake = intake
        self._relay = relay
        self._faq = faq

    async def greet(self, chat_id: int, name: str) -> None:
        """Send the greeting and the main menu."""
        text = texts.GREETING.format(name=escape(name or "bạn"))
        await self._d.outbox.send(chat_id, Outgoing(text, MENU))

    async def receive(self, message: Inbound) -> None:
        """Route one private message from a citizen."""
        if await self._reply_to_ticket(message):
            return
        state = await self._d.states.get(message.chat_id)
        if state is not None and state.state == "reopen_reason":
            await self._reopen(message, int(state.data["ticket_id"]))
            return
        if await self._intake.message(message, state):
            return
        if message.media is not None and message.media not in ATTACHMENT_KINDS:
            await self._say(message.chat_id, texts.UNSUPPORTED_MEDIA)
            return
        waiting = await self._relay.waiting_ticket(message.chat_id)
        if waiting is not None:
            await self._relay.citizen_follow_up(waiting, message)
        elif message.media is None and message.clean_text:
            await self._faq.ask(message.chat_id, message.user_id, message.clean_text)
        else:
            await self._d.outbox.send(message.chat_id, Outgoing(texts.FREE_TEXT_HINT, MENU))

    async def rate(self, chat_id: int, user_id: int, ticket_id: int, satisfied: bool) -> str:
        """Record a rating button press; return the notice for the button."""
        ticket = await self._d.tickets.get(ticket_id)
        if ticket is None:
            return texts.STALE_BUTTON
        return await self._relay.rate(ticket, chat_id, user_id, satisfied)

    async def _reply_to_ticket(self, message: Inbound) -> bool:
        if message.reply_to is None:
            return False
        link = await self._d.links.get(message.chat_id, message.reply_to)
        ticket = None if link is None else await self._d.tickets.get(link.ticket_id)
        if ticket is None or ticket.citizen_chat_id != message.chat_id:
            return False
        await self._relay.citizen_follow_up(ticket, message)
        return True

    async def _reopen(self, message: Inbound, ticket_id: int) -> None:
        ticket = await self._d.tickets.get(ticket_id)
        if not message.clean_text or ticket is None:
            await self._say(message.chat_id, texts.NOT_IN_STEP.format(expected=texts.EXPECT_TEXT))
            return
        await self._relay.reopen(ticket, message.chat_id, message.clean_text)

    async def _say(self, chat_id: int, text: str) -> None:
        await self._d.outbox.send(chat_id, Outgoing(text))


class OfficerDesk:
    """Act on tickets from an officers' group, only for the wards bound to that group."""

    def __init__(
        self,
        deps: Deps,
        tickets: TicketService,
        relay: RelayService,
        views: ViewService,
        clocks: ClockService,
    ) -> None:
        self._d = deps
        self._tickets = tickets
        self._relay = relay
        self._views = views
        self._clocks = clocks

    async def receive(self, message: Inbound, officer: Actor) -> None:
        """Handle a group message: replies to the bot's ticket messages go to the citizen."""
        if message.reply_to is None:
            return  # officers' own discussion is none of the bot's business
        link = await self._d.links.get(message.chat_id, message.reply_to)
        if link is None:
            return
        ticket = await self._ticket_here(message.chat_id, link.ticket_id)
        if ticket is None:
            return
        if link.purpose == "decline_prompt":
            await self._decline(ticket, officer, message)
        elif link.purpose in _RELAYED_PURPOSES:
            await self._relay.officer_message(ticket, officer, message)

    async def act(self, chat_id: int, officer: Actor, action: str, ticket_id: int) -> str:
        """Run a card button; return the notice shown to the officer who pressed it."""
        ticket = await self._ticket_here(chat_id, ticket_id)
        if ticket is None:
            return texts.NOT_THIS_GROUP
        if not Status(ticket.status).is_open:
            status = Status(ticket.status).label.lower()
            return texts.TICKET_CLOSED.format(code=ticket.code, status=status)
        if action == "claim":
            return await self._tickets.claim(ticket, officer)
        if action == "resolve":
            return await self._tickets.resolve(ticket, officer)
        if action == "accept":
            return await self._clocks.accept(ticket, officer)
        if action == "decline":
            await self._tickets.ask_decline_reason(ticket, chat_id)
            return texts.BTN_DECLINE
        if action == "transfer":
            await self._tickets.ask_transfer(ticket, chat_id)
            return texts.BTN_TRANSFER
        return texts.STALE_BUTTON

    async def transfer(self, chat_id: int, officer: Actor, ticket_id: int, ward_code: str) -> str:
        """Move a ticket to the ward an officer picked."""
        ticket = await self._ticket_here(chat_id, ticket_id)
        if ticket is None:
            return texts.NOT_THIS_GROUP
        if not Status(ticket.status).is_open or self._d.wards.get(ward_code) is None:
            return texts.STALE_BUTTON
        if ward_code == ticket.ward_code:
            return texts.STALE_BUTTON
        return await self._tickets.transfer(ticket, officer, ward_code)

    async def queue(self, chat_id: int, page: int, edit: int | None = None) -> None:
        """Show the group's open tickets."""
        wards = await self._d.bindings.wards_of(chat_id)
        if not wards:
            await self._d.outbox.send(chat_id, Outgoing(texts.GROUP_NOT_BOUND))
            return
        await self._views.queue(chat_id, wards, page, edit)

    async def ticket(self, chat_id: int, code_text: str) -> None:
        """Show one ticket of the group's wards."""
        wards = await self._d.bindings.wards_of(chat_id)
        if not wards:
            await self._d.outbox.send(chat_id, Outgoing(texts.GROUP_NOT_BOUND))
            return
        if not code_text.strip():
            await self._d.outbox.send(chat_id, Outgoing(texts.TICKET_USAGE))
            return
        await self._views.group_ticket(chat_id, wards, code_text)

    async def extend(self, chat_id: int, officer: Actor, text: str) -> None:
        """Run `/extend CODE reason`: extend the running clock; the citizen hears the reason."""
        found = await self._command_ticket(chat_id, text, texts.EXTEND_USAGE, need_reason=True)
        if found is not None:
            ticket, reason = found
            await self._say(chat_id, await self._clocks.extend(ticket, officer, reason))

    async def mark_complex(self, chat_id: int, officer: Actor, text: str) -> None:
        """Run `/complex CODE [reason]`: give the case its longer complex-case period."""
        found = await self._command_ticket(chat_id, text, texts.COMPLEX_USAGE, need_reason=False)
        if found is not None:
            ticket, reason = found
            await self._say(chat_id, await self._clocks.mark_complex(ticket, officer, reason))

    async def _command_ticket(
        self, chat_id: int, text: str, usage: str, *, need_reason: bool
    ) -> tuple[TicketRow, str] | None:
        """Read "CODE reason" for an open ticket of this group, or answer why not."""
        code_text, _, reason = text.strip().partition(" ")
        code, reason = parse_code(code_text), " ".join(reason.split())
        if code is None or (need_reason and len(reason) < 3):
            await self._say(chat_id, usage)
            return None
        ticket = await self._d.tickets.by_code(code)
        if ticket is None or await self._d.bindings.group_for(ticket.ward_code) != chat_id:
            await self._say(chat_id, texts.NOT_THIS_GROUP)
            return None
        if not Status(ticket.status).is_open:
            status = Status(ticket.status).label.lower()
            await self._say(chat_id, texts.TICKET_CLOSED.format(code=ticket.code, status=status))
            return None
        return ticket, reason

    async def _say(self, chat_id: int, text: str) -> None:
        await self._d.outbox.send(chat_id, Outgoing(text))

    async def _ticket_here(self, chat_id: int, ticket_id: int) -> TicketRow | None:
        ticket = await self._d.tickets.get(ticket_id)
        if ticket is None or await self._d.bindings.group_for(ticket.ward_code) != chat_id:
            return None
        return ticket

    async def _decline(self, ticket: TicketRow, officer: Actor, message: Inbound) -> None:
        if not Status(ticket.status).is_open:
            return
        reason = message.clean_text
        if len(reason) < 3:
            await self._tickets.ask_decline_reason(ticket, message.chat_id)
            return
        await self._tickets.decline(ticket, officer, reason)


class AdminDesk:
    """Admin commands: bind groups to wards, see a ticket in full."""

    def __init__(self, deps: Deps, tickets: TicketService, views: ViewService) -> None:
        self._d = deps
        self._tickets = tickets
        self._views = views

    def is_admin(self, user_id: int) -> bool:
        """Tell whether a user may run admin commands."""
        return user_id in self._d.admin_ids

    async def bind_ward(self, chat_id: int, admin: Actor, text: str) -> None:
        """Bind this group to a ward and post the ward's open tickets that had no group."""
        if not text.strip():
            await self._say(chat_id, texts.BIND_USAGE)
            return
        resolution = self._d.wards.resolve(text)
        if resolution.ward is None:
            names = ", ".join(m.ward.name for m in resolution.candidates) or "—"
            await self._say(
                chat_id, texts.BIND_AMBIGUOUS.format(text=escape(text), names=escape(names))
            )
            return
        ward = resolution.ward
        await self._d.bindings.bind(ward.code, chat_id, admin.id or 0, self._d.clock())
        await self._say(chat_id, texts.BOUND.format(ward=escape(ward.name)))
        for ticket in await self._unposted(ward.code, chat_id):
            await self._tickets.publish(ticket)

    async def ticket(self, chat_id: int, admin: Actor, code_text: str) -> None:
        """Show a ticket in full, identity included, in the admin's private chat."""
        if not code_text.strip():
            await self._say(chat_id, texts.TICKET_USAGE)
            return
        await self._views.admin_ticket(chat_id, admin, code_text)

    async def _unposted(self, ward_code: str, chat_id: int) -> list[TicketRow]:
        rows, _ = await self._d.tickets.open_for_ward(
            ward_code, tuple(s.value for s in Status if s.is_open), 0, 10_000
        )
        return [t for t in rows if await self._d.links.find(t.id, "card", chat_id) is None]

    async def _say(self, chat_id: int, text: str) -> None:
        await self._d.outbox.send(chat_id, Outgoing(text))
