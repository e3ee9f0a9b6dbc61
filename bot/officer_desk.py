"""The officers' desk: what a group bound by a routing rule can do with its tickets."""

from __future__ import annotations

from bot import officer_texts, texts
from bot.clocks import ClockService
from bot.codes import parse_code
from bot.deps import Actor, Deps
from bot.inbound import Inbound
from bot.messages import Button, Outgoing, escape
from bot.relay import RelayService
from bot.status import OPEN_STATUSES, Status
from bot.tickets import TicketService
from bot.transfers import REASON_PREFIX, TransferService
from bot.views import ViewService
from storage.chats import MessageLink
from storage.tickets import TicketRow

# Replies to these ticket messages in a group go to the citizen.
_RELAYED_PURPOSES = frozenset({"card", "card_more", "attachment", "followup", "topic"})
MIN_REASON = 3  # characters; "ok" is not a reason a citizen can act on


class OfficerDesk:
    """Act on tickets from the group each ticket was routed to, and only from there."""

    def __init__(
        self,
        deps: Deps,
        tickets: TicketService,
        relay: RelayService,
        views: ViewService,
        transfers: TransferService,
        clocks: ClockService,
    ) -> None:
        self._d = deps
        self._tickets = tickets
        self._relay = relay
        self._views = views
        self._transfers = transfers
        self._clocks = clocks

    async def receive(self, message: Inbound, officer: Actor) -> None:
        """Handle a group message: replies to the bot's ticket messages go to the citizen, and
        so does every message in a ticket's forum topic."""
        if message.media == "unsupported":
            return  # a service note (topic closed, message pinned…), not an officer's answer
        link = None
        if message.reply_to is not None:
            link = await self._d.links.get(message.chat_id, message.reply_to)
        if link is None and message.thread_id is not None:
            topic = await self._d.tickets.by_topic(message.chat_id, message.thread_id)
            link = None if topic is None else MessageLink(topic.id, "topic")
        if link is None:
            return  # officers' own discussion is none of the bot's business
        ticket = await self._ticket_here(message.chat_id, link.ticket_id)
        if ticket is None:
            return
        if link.purpose == "decline_prompt":
            await self._decline(ticket, officer, message)
        elif link.purpose.startswith(REASON_PREFIX):
            await self._transfer(ticket, officer, message, link.purpose[len(REASON_PREFIX) :])
        elif link.purpose in _RELAYED_PURPOSES and (message.text or "").startswith("/"):
            # A mistyped command (/extnd …) in reply to a card is not an answer to relay.
            notice = officer_texts.COMMAND_NOT_RELAYED.format(code=ticket.code)
            await self._d.outbox.send(message.chat_id, Outgoing(notice))
        elif link.purpose in _RELAYED_PURPOSES:
            await self._relay.officer_message(ticket, officer, message)

    async def act(self, chat_id: int, officer: Actor, action: str, ticket_id: int) -> str:
        """Run a card button; return the notice shown to the officer who pressed it."""
        ticket = await self._ticket_here(chat_id, ticket_id)
        if ticket is None:
            return texts.NOT_THIS_GROUP
        if not Status(ticket.status).is_open:
            status = Status(ticket.status).label.lower()
            return officer_texts.TICKET_CLOSED.format(code=ticket.code, status=status)
        if action == "claim":
            return await self._tickets.claim(ticket, officer)
        if action == "resolve":
            return await self._tickets.resolve(ticket, officer)
        if action == "accept":
            return await self._clocks.accept(ticket, officer)
        if action == "decline":
            await self._tickets.ask_decline_reason(ticket, chat_id)
            return officer_texts.BTN_DECLINE
        if action == "transfer":
            await self._transfers.offer(ticket, chat_id)
            return officer_texts.BTN_TRANSFER
        return texts.STALE_BUTTON

    async def pick_transfer(self, chat_id: int, ticket_id: int, target: str) -> str:
        """Take the target an officer picked and ask for the reason."""
        ticket = await self._ticket_here(chat_id, ticket_id)
        if ticket is None:
            return texts.NOT_THIS_GROUP
        if not Status(ticket.status).is_open:
            return texts.STALE_BUTTON
        return await self._transfers.ask_reason(ticket, chat_id, target)

    async def transfer_command(self, chat_id: int, text: str) -> None:
        """Handle `/transfer CODE ward name`: find the ward, then ask for the reason."""
        code_text, _, ward_text = text.strip().partition(" ")
        ticket = await self._ticket_by_code(chat_id, code_text)
        if ticket is None:
            return
        resolution = self._d.wards.resolve(ward_text) if ward_text.strip() else None
        if resolution is None or resolution.ward is None:
            names = ", ".join(m.ward.name for m in resolution.candidates) if resolution else ""
            usage = officer_texts.TRANSFER_USAGE + (
                officer_texts.TRANSFER_CANDIDATES.format(names=escape(names)) if names else ""
            )
            await self._say(chat_id, usage)
            return
        notice = await self._transfers.ask_reason(ticket, chat_id, resolution.ward.code)
        if notice != officer_texts.TRANSFER_REASON_ASKED:
            await self._say(chat_id, notice)

    async def queue(self, chat_id: int, page: int, edit: int | None = None) -> None:
        """Show the group's open tickets."""
        if not await self._bound(chat_id):
            await self._say(chat_id, texts.GROUP_NOT_BOUND)
            return
        await self._views.queue(chat_id, page, edit)

    async def ticket(self, chat_id: int, code_text: str) -> None:
        """Show one ticket of this group."""
        if not await self._bound(chat_id):
            await self._say(chat_id, texts.GROUP_NOT_BOUND)
            return
        if not code_text.strip():
            await self._say(chat_id, officer_texts.TICKET_USAGE)
            return
        await self._views.group_ticket(chat_id, code_text)

    async def extend(self, chat_id: int, officer: Actor, text: str) -> None:
        """Run `/extend CODE reason`: extend the running clock; the citizen hears the reason."""
        found = await self._command_ticket(
            chat_id, text, officer_texts.EXTEND_USAGE, need_reason=True
        )
        if found is not None:
            ticket, reason = found
            await self._say(chat_id, await self._clocks.extend(ticket, officer, reason))

    async def mark_complex(self, chat_id: int, officer: Actor, text: str) -> None:
        """Run `/complex CODE [reason]`: give the case its longer complex-case period."""
        found = await self._command_ticket(
            chat_id, text, officer_texts.COMPLEX_USAGE, need_reason=False
        )
        if found is not None:
            ticket, reason = found
            await self._say(chat_id, await self._clocks.mark_complex(ticket, officer, reason))

    async def _command_ticket(
        self, chat_id: int, text: str, usage: str, *, need_reason: bool
    ) -> tuple[TicketRow, str] | None:
        """Read "CODE reason" for an open ticket of this group, or answer why not."""
        code_text, _, reason = text.strip().partition(" ")
        reason = " ".join(reason.split())
        if parse_code(code_text) is None or (need_reason and len(reason) < MIN_REASON):
            await self._say(chat_id, usage)
            return None
        ticket = await self._ticket_by_code(chat_id, code_text)
        if ticket is None:
            return None
        if not Status(ticket.status).is_open:
            status = Status(ticket.status).label.lower()
            await self._say(
                chat_id, officer_texts.TICKET_CLOSED.format(code=ticket.code, status=status)
            )
            return None
        return ticket, reason

    async def register(self, chat_id: int, officer: Actor, username: str | None) -> None:
        """Register the sender as an officer of this group (sent from inside it)."""
        if officer.id is None or not await self._bound(chat_id):
            await self._say(chat_id, texts.GROUP_NOT_BOUND)
            return
        name = officer.name or str(officer.id)
        await self._d.officers.register(chat_id, officer.id, name, username, self._d.clock())
        await self._say(chat_id, officer_texts.OFFICER_REGISTERED.format(name=escape(name)))

    async def _bound(self, chat_id: int) -> bool:
        """Tell whether tickets are routed to a chat, counting a binding earlier in this batch."""
        return bool(await self._d.routes.stored_of_chat(chat_id))

    async def left(self, chat_id: int, user_id: int) -> None:
        """Forget a member who left the group as one of its officers."""
        await self._d.officers.leave(chat_id, user_id, self._d.clock())

    async def assign_command(self, chat_id: int, boss: Actor, text: str) -> None:
        """Handle `/assign CODE [officer]`: assign, or offer the officers (least loaded first)."""
        code_text, _, who = text.strip().partition(" ")
        ticket = await self._ticket_by_code(chat_id, code_text)
        if ticket is None:
            return
        officers = await self._d.officers.in_group(chat_id, OPEN_STATUSES)
        if not officers:
            await self._say(chat_id, officer_texts.NO_OFFICERS)
            return
        wanted = who.strip().lstrip("@").casefold()
        chosen = [o for o in officers if wanted and wanted in (o.username or "").casefold()]
        chosen = chosen or [o for o in officers if wanted and wanted in o.name.casefold()]
        if len(chosen) == 1:
            await self._say(chat_id, await self._assign(ticket, boss, chosen[0].user_id))
            return
        rows = tuple(
            (
                Button(
                    officer_texts.ASSIGN_OPTION.format(
                        name=o.name,
                        load=o.open_tickets,
                        hint=officer_texts.ASSIGN_HINT if n == 0 else "",
                    ),
                    f"as:{ticket.id}:{o.user_id}",
                ),
            )
            for n, o in enumerate(officers[:10])
        )
        await self._d.outbox.send(
            chat_id, Outgoing(officer_texts.ASK_ASSIGN.format(code=ticket.code), rows)
        )

    async def assign_button(self, chat_id: int, boss: Actor, ticket_id: int, user_id: int) -> str:
        """Assign from the officer list; return the notice for whoever pressed."""
        ticket = await self._ticket_here(chat_id, ticket_id)
        if ticket is None:
            return texts.NOT_THIS_GROUP
        return await self._assign(ticket, boss, user_id)

    async def _assign(self, ticket: TicketRow, boss: Actor, user_id: int) -> str:
        if not Status(ticket.status).is_open or ticket.group_chat_id is None:
            return texts.STALE_BUTTON
        officers = await self._d.officers.in_group(ticket.group_chat_id, OPEN_STATUSES)
        officer = next((o for o in officers if o.user_id == user_id), None)
        if officer is None:
            return texts.STALE_BUTTON
        return await self._tickets.assign(ticket, boss, Actor("officer", user_id, officer.name))

    async def _ticket_here(self, chat_id: int, ticket_id: int) -> TicketRow | None:
        ticket = await self._d.tickets.get(ticket_id)
        if ticket is None or ticket.group_chat_id != chat_id:
            return None
        return ticket

    async def _ticket_by_code(self, chat_id: int, code_text: str) -> TicketRow | None:
        """Find a ticket of this group by code, or say why not."""
        code = parse_code(code_text)
        if code is None:
            await self._say(chat_id, texts.CODE_INVALID)
            return None
        ticket = await self._d.tickets.by_code(code)
        if ticket is None or ticket.group_chat_id != chat_id:
            # Whether the code exists elsewhere is none of this group's business.
            await self._say(chat_id, texts.NOT_THIS_GROUP)
            return None
        return ticket

    async def _decline(self, ticket: TicketRow, officer: Actor, message: Inbound) -> None:
        if not Status(ticket.status).is_open:
            return
        if len(message.clean_text) < MIN_REASON:
            await self._tickets.ask_decline_reason(ticket, message.chat_id)
            return
        await self._tickets.decline(ticket, officer, message.clean_text)

    async def _transfer(
        self, ticket: TicketRow, officer: Actor, message: Inbound, target: str
    ) -> None:
        if len(message.clean_text) < MIN_REASON:
            await self._transfers.ask_reason(ticket, message.chat_id, target)
            return
        await self._transfers.transfer(ticket, officer, target, message.clean_text)

    async def _say(self, chat_id: int, text: str) -> None:
        await self._d.outbox.send(chat_id, Outgoing(text))
