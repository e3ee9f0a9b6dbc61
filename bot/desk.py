"""Where citizens' messages and admins' commands go."""

from __future__ import annotations

from bot import bulletin_texts, officer_texts, texts
from bot.binding import BindingDesk
from bot.deps import Actor, Deps
from bot.faq.desk import FaqDesk
from bot.inbound import Inbound
from bot.intake import ATTACHMENT_KINDS, IntakeService
from bot.messages import Button, Outgoing, escape
from bot.relay import REOPEN_STATE, RelayService
from bot.schedule import ScheduleDesk
from bot.views import ViewService

MENU = (
    (Button(texts.MENU_NEW, "m:new"),),
    (Button(texts.MENU_FAQ, "m:faq"),),
    (
        Button(bulletin_texts.MENU_SUBSCRIBE, "m:subs"),
        Button(bulletin_texts.MENU_SCHEDULE, "m:sched"),
    ),
    (Button(texts.MENU_MINE, "m:mine"), Button(texts.MENU_HELP, "m:help")),
)


class CitizenDesk:
    """Decide what a citizen's message means: a draft step, a follow-up, a reason, or a question."""

    def __init__(
        self,
        deps: Deps,
        intake: IntakeService,
        relay: RelayService,
        faq: FaqDesk,
        schedule: ScheduleDesk,
    ) -> None:
        self._d = deps
        self._intake = intake
        self._relay = relay
        self._faq = faq
        self._schedule = schedule

    async def greet(self, chat_id: int, name: str) -> None:
        """Send the greeting and the main menu."""
        text = texts.GREETING.format(name=escape(name or "bạn"))
        await self._d.outbox.send(chat_id, Outgoing(text, MENU))

    async def receive(self, message: Inbound) -> None:
        """Route one private message from a citizen."""
        if await self._reply_to_ticket(message):
            return
        state = await self._d.states.get(message.chat_id)
        if state is not None and state.state == REOPEN_STATE:
            if await self._reopen(message, int(state.data["ticket_id"])):
                return
            state = None  # no longer to be reopened: the message is taken as any other
        if await self._intake.message(message, state):
            return
        if message.media is not None and message.media not in ATTACHMENT_KINDS:
            await self._say(message.chat_id, texts.UNSUPPORTED_MEDIA)
            return
        waiting = await self._relay.waiting_ticket(message.chat_id)
        if waiting is not None:
            await self._relay.citizen_follow_up(waiting, message, loose=True)
        elif message.media is None and message.clean_text:
            # "lịch tiếp dân phường Ba Đình" wants one ward's schedule, not the law on it.
            if not await self._schedule.answer(message.chat_id, message.clean_text):
                await self._faq.ask(message.chat_id, message.user_id, message.clean_text)
        else:
            await self._d.outbox.send(message.chat_id, Outgoing(texts.FREE_TEXT_HINT, MENU))

    async def not_a_follow_up(self, chat_id: int, user_id: int, event_id: int) -> str:
        """Take a loose follow-up back and ask it as a question; return the button notice."""
        if await self._intake.has_draft(chat_id):  # asking would replace the draft
            return texts.DRAFT_IN_PROGRESS
        text = await self._relay.retract_follow_up(chat_id, event_id)
        if not text:
            return texts.STALE_BUTTON
        await self._faq.ask(chat_id, user_id, text)
        return texts.FOLLOW_UP_RETRACTED

    async def rate(self, chat_id: int, user_id: int, ticket_id: int, satisfied: bool) -> str:
        """Record a rating button press; return the notice for the button."""
        ticket = await self._d.tickets.get(ticket_id)
        if ticket is None:
            return texts.STALE_BUTTON
        if not satisfied and await self._intake.has_draft(chat_id):  # asking why would replace it
            return texts.DRAFT_IN_PROGRESS
        return await self._relay.rate(ticket, chat_id, user_id, satisfied)

    async def _reply_to_ticket(self, message: Inbound) -> bool:
        if message.reply_to is None:
            return False
        link = await self._d.links.get(message.chat_id, message.reply_to)
        ticket = None if link is None else await self._d.tickets.get(link.ticket_id)
        if ticket is None or message.chat_id not in await self._d.citizens_of(ticket):
            return False
        if message.media is not None and message.media not in ATTACHMENT_KINDS:
            await self._say(message.chat_id, texts.UNSUPPORTED_MEDIA)  # no sticker to officers
            return True
        await self._relay.citizen_follow_up(ticket, message)
        return True

    async def _reopen(self, message: Inbound, ticket_id: int) -> bool:
        """Reopen a ticket with the message as the reason; tell whether the message was used."""
        ticket = await self._d.tickets.get(ticket_id)
        if ticket is None:
            await self._d.states.delete(message.chat_id)
            return False
        if not message.clean_text:
            await self._say(message.chat_id, texts.NOT_IN_STEP.format(expected=texts.EXPECT_TEXT))
            return True
        return await self._relay.reopen(ticket, message.chat_id, message.clean_text)

    async def _say(self, chat_id: int, text: str) -> None:
        await self._d.outbox.send(chat_id, Outgoing(text))


class AdminDesk:
    """Admin commands: routing (see `binding`), a ticket in full."""

    def __init__(self, deps: Deps, binding: BindingDesk, views: ViewService) -> None:
        self._d = deps
        self.binding = binding
        self._views = views

    def is_admin(self, user_id: int) -> bool:
        """Tell whether a user may run admin commands."""
        return user_id in self._d.admin_ids

    async def ticket(self, chat_id: int, admin: Actor, code_text: str) -> None:
        """Show a ticket in full, identity included, in the admin's private chat."""
        if not code_text.strip():
            await self._say(chat_id, officer_texts.TICKET_USAGE)
            return
        await self._views.admin_ticket(chat_id, admin, code_text)

    async def _say(self, chat_id: int, text: str) -> None:
        await self._d.outbox.send(chat_id, Outgoing(text))
