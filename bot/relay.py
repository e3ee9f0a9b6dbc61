"""The conversation between a citizen and the ward: answers, notes, follow-ups, ratings."""

from __future__ import annotations

from typing import Any

from bot import officer_texts, texts
from bot.deps import CITIZEN, Actor, Deps
from bot.faq.admin import FaqAdmin
from bot.hot import texts as hot_texts
from bot.inbound import Inbound
from bot.kinds import Kind
from bot.messages import Button, Outgoing, escape
from bot.outbox import follow_up
from bot.status import Status
from bot.tickets import TicketService
from storage.tickets import TicketRow

NOTE_PREFIX = "#note"
REOPEN_STATE = "reopen_reason"  # the chat's next message is why it is not satisfied
WAITING_SECONDS = 3 * 24 * 3600  # a citizen's plain text counts as a follow-up this long


class RelayService:
    """Carry messages between the officers' group and the citizen, keeping history."""

    def __init__(self, deps: Deps, tickets: TicketService, faq_admin: FaqAdmin) -> None:
        self._d = deps
        self._tickets = tickets
        self._faq_admin = faq_admin

    async def officer_message(self, ticket: TicketRow, officer: Actor, message: Inbound) -> None:
        """Relay an officer's reply to the citizen, or keep it as an internal note."""
        text = message.clean_text
        if text.lower().startswith(NOTE_PREFIX):
            await self._d.record(ticket.id, officer, "note", text[len(NOTE_PREFIX) :].strip())
            saved = Outgoing(
                officer_texts.NOTE_SAVED.format(code=ticket.code), reply_to=message.message_id
            )
            await self._d.outbox.send(message.chat_id, saved)
            return
        await self._deliver_answer(ticket, message)
        now = self._d.clock()
        await self._d.record(ticket.id, officer, "answered", text or f"[{message.media}]")
        if Kind(ticket.kind) is Kind.QUESTION and text:
            await self._faq_admin.offer_draft(ticket.id, ticket.code)
        if Status(ticket.status).is_open:
            changes: dict[str, object] = {"status": Status.ANSWERED}
            if ticket.handler_id is None:
                changes |= {"handler_id": officer.id, "handler_name": officer.name}
            ticket = await self._d.tickets.update(ticket.id, now, **changes)
            await self._tickets.status_changed(ticket)

    async def _deliver_answer(self, ticket: TicketRow, message: Inbound) -> None:
        """Send an officer's answer to the citizen and to the ticket's followers; the group
        hears once whether it reached the citizen."""
        followers = await self._d.followers.of_ticket(ticket.id)
        delivered = (
            hot_texts.DELIVERED_FOLLOWERS.format(code=ticket.code, count=len(followers))
            if followers
            else officer_texts.DELIVERED.format(code=ticket.code)
        )
        done = follow_up(message.chat_id, Outgoing(delivered, reply_to=message.message_id))
        failed = follow_up(
            message.chat_id,
            Outgoing(
                officer_texts.NOT_DELIVERED.format(code=ticket.code, reason="{reason}"),
                reply_to=message.message_id,
            ),
        )
        await self._answer(ticket.citizen_chat_id, ticket, message, (done, failed))
        for chat in followers:
            await self._answer(chat, ticket, message, (None, None))

    async def _answer(
        self,
        chat: int,
        ticket: TicketRow,
        message: Inbound,
        outcome: tuple[dict[str, Any] | None, dict[str, Any] | None],
    ) -> None:
        """Send an officer's answer (a text, or a header and a copy of the media) to one chat;
        `outcome`: the follow-ups for the group once it is delivered, or has failed."""
        done, failed = outcome
        ward = escape(self._d.ward_name(ticket.ward_code))
        if message.media is None:
            answer = texts.ANSWER_FROM_WARD.format(
                ward=ward, code=ticket.code, text=escape(message.text)
            )
            await self._d.outbox.send(
                chat,
                Outgoing(answer),
                ticket_id=ticket.id,
                link="answer",
                on_success=done,
                on_failure=failed,
            )
            return
        header = Outgoing(texts.ANSWER_MEDIA_HEADER.format(ward=ward, code=ticket.code))
        await self._d.outbox.send(chat, header, ticket_id=ticket.id, link="answer")
        await self._d.outbox.copy(
            chat,
            message.chat_id,
            message.message_id,
            ticket_id=ticket.id,
            link="answer",
            on_success=done,
            on_failure=failed,
        )

    async def citizen_follow_up(
        self, ticket: TicketRow, message: Inbound, *, loose: bool = False
    ) -> None:
        """Add a citizen's message to a ticket and show it to the ward's officers.

        A `loose` one (plain text while the ticket waits, not a reply) may be a new question
        instead: its acknowledgement offers to take it back and ask it as one.
        """
        detail = message.clean_text or f"[{message.media}]"
        # A follower's words are told apart: to officers, and kept out of the history the
        # ticket's own citizen sees (they are someone else's).
        follower = message.chat_id != ticket.citizen_chat_id
        action = "follower_note" if follower else "follow_up"
        event_id = await self._d.record(ticket.id, CITIZEN, action, detail)
        if message.media is not None:
            await self._d.tickets.add_attachment(
                ticket.id, message.media, message.chat_id, message.message_id, message.text
            )
        if ticket.group_chat_id is not None:
            await self._show_follow_up(ticket.group_chat_id, ticket, message, follower)
        undo = ((Button(texts.BTN_NOT_FOLLOW_UP, f"nf:{event_id}"),),)
        ack = Outgoing(
            texts.FOLLOW_UP_ADDED.format(code=ticket.code),
            undo if loose and message.media is None else (),
            reply_to=message.message_id,
        )
        await self._d.outbox.send(message.chat_id, ack, ticket_id=ticket.id, link="status")

    async def retract_follow_up(self, chat_id: int, event_id: int) -> str | None:
        """Take back a loose follow-up the citizen says was a new question; return its text."""
        event = await self._d.tickets.event(event_id)
        ticket = None if event is None else await self._d.tickets.get(event.ticket_id)
        if event is None or ticket is None or ticket.citizen_chat_id != chat_id:
            return None
        history = await self._d.tickets.events(ticket.id)
        mark = f"#{event_id}"
        if event.action != "follow_up" or any(e.detail == mark for e in history):
            return None  # not a follow-up, or already taken back
        await self._d.record(ticket.id, CITIZEN, "follow_up_retracted", mark)
        if ticket.group_chat_id is not None:
            notice = texts.FOLLOW_UP_RETRACTED_GROUP.format(code=ticket.code)
            await self._d.outbox.send(ticket.group_chat_id, Outgoing(notice), ticket_id=ticket.id)
        return event.detail

    async def _show_follow_up(
        self, group: int, ticket: TicketRow, message: Inbound, follower: bool
    ) -> None:
        who = officer_texts.FOLLOWER if follower else officer_texts.CITIZEN
        if message.media is None:
            text = officer_texts.CITIZEN_FOLLOW_UP.format(
                who=who, code=ticket.code, text=escape(message.text)
            )
            await self._d.outbox.send(group, Outgoing(text), ticket_id=ticket.id, link="followup")
            return
        header = Outgoing(officer_texts.CITIZEN_FOLLOW_UP_MEDIA.format(who=who, code=ticket.code))
        await self._d.outbox.send(group, header, ticket_id=ticket.id, link="followup")
        await self._d.outbox.copy(
            group, message.chat_id, message.message_id, ticket_id=ticket.id, link="followup"
        )

    async def waiting_ticket(self, chat_id: int) -> TicketRow | None:
        """Return the ticket that waits for this citizen's reply (recently answered), if any."""
        since = self._d.clock() - WAITING_SECONDS
        for ticket in await self._d.tickets.for_citizen(chat_id, limit=5):
            if ticket.status == Status.ANSWERED and ticket.updated_at >= since:
                return ticket
        return None

    async def rate(self, ticket: TicketRow, chat_id: int, user_id: int, satisfied: bool) -> str:
        """Record the citizen's rating; "not satisfied" asks for a reason to reopen, once."""
        if ticket.citizen_chat_id != chat_id:
            return texts.NOT_YOUR_TICKET
        if ticket.status != Status.RESOLVED or ticket.rating is not None:
            return texts.ALREADY_RATED
        if not satisfied and not ticket.reopened:
            ask = Outgoing(texts.ASK_REOPEN_REASON.format(code=ticket.code), force_reply=True)
            await self._d.states.put(
                chat_id, user_id, REOPEN_STATE, {"ticket_id": ticket.id}, self._d.clock()
            )
            await self._d.outbox.send(chat_id, ask)
            return texts.RATE_BAD
        rating = "satisfied" if satisfied else "unsatisfied"
        label = officer_texts.RATING_GOOD if satisfied else officer_texts.RATING_BAD
        if await self.awaits_reason(chat_id) == ticket.id:  # 👎 pressed first: not waited for now
            await self._d.states.delete(chat_id)
        await self._d.tickets.update(ticket.id, self._d.clock(), rating=rating)
        await self._d.record(ticket.id, CITIZEN, "rated", label)
        reply = (
            texts.THANKS_RATING if satisfied else texts.ALREADY_REOPENED.format(code=ticket.code)
        )
        await self._d.outbox.send(chat_id, Outgoing(reply))
        await self._tell_group(
            ticket, officer_texts.RATED_GROUP.format(code=ticket.code, rating=label)
        )
        return label

    async def awaits_reason(self, chat_id: int) -> int | None:
        """Return the ticket whose reopening waits for this chat's reason, if any."""
        state = await self._d.states.get(chat_id)
        if state is None or state.state != REOPEN_STATE:
            return None
        return int(state.data["ticket_id"])

    async def reopen(self, ticket: TicketRow, chat_id: int, reason: str) -> bool:
        """Reopen a resolved ticket once, with the citizen's reason; tell whether it still could
        be (it may have been rated or reopened since the reason was asked for)."""
        await self._d.states.delete(chat_id)
        if ticket.status != Status.RESOLVED or ticket.rating is not None or ticket.reopened:
            return False
        now = self._d.clock()
        status = Status.IN_PROGRESS if ticket.handler_id is not None else Status.RECEIVED
        # The rating stays empty so the citizen can rate the second resolution too.
        ticket = await self._d.tickets.update(ticket.id, now, status=status, reopened=1)
        await self._d.record(ticket.id, CITIZEN, "rated", officer_texts.RATING_BAD)
        await self._d.record(ticket.id, CITIZEN, "reopened", reason)
        await self._tickets.status_changed(ticket)
        await self._tell_group(
            ticket,
            officer_texts.REOPENED_GROUP.format(code=ticket.code, reason=escape(reason)),
            link=True,
        )
        notice = Outgoing(texts.REOPENED_CITIZEN.format(code=ticket.code))
        await self._d.outbox.send(chat_id, notice, ticket_id=ticket.id, link="status")
        told = Outgoing(hot_texts.REOPENED_FOLLOWER.format(code=ticket.code))
        for chat in await self._d.followers.of_ticket(ticket.id):
            await self._d.outbox.send(chat, told, ticket_id=ticket.id, link="status")
        return True

    async def _tell_group(self, ticket: TicketRow, text: str, *, link: bool = False) -> None:
        if (group := ticket.group_chat_id) is not None:
            await self._d.outbox.send(
                group,
                Outgoing(text),
                ticket_id=ticket.id if link else None,
                link="followup" if link else None,
            )
