"""The intake conversation: kind → ward → category → description → contact → confirm."""

from __future__ import annotations

import re
from dataclasses import replace

from bot import texts
from bot.deps import Deps
from bot.hot import texts as hot_texts
from bot.hot.offers import SimilarOffers
from bot.inbound import Inbound
from bot.intake_prompts import (
    CLEARED_BY_EDIT,
    EDITABLE,
    Draft,
    first_missing,
    prompt_for,
    ward_found,
    ward_retry,
)
from bot.kinds import Kind
from bot.messages import Button, Outgoing, escape
from bot.relay import REOPEN_STATE
from bot.tickets import Attachment, NewTicket, TicketService
from storage.chats import ChatState

STATE = "intake"
MAX_DESCRIPTION = 8000
MAX_ATTACHMENTS = 10
ATTACHMENT_KINDS = frozenset({"photo", "document", "voice", "video", "audio", "location"})
_PHONE = re.compile(r"^(?:\+?84|0)(\d{9,10})$")


def parse_phone(text: str) -> str | None:
    """Return a Vietnamese phone number in 0xxxxxxxxx form, or None."""
    digits = re.sub(r"[\s.\-()]", "", text)
    match = _PHONE.match(digits)
    return None if match is None else "0" + match.group(1)


class IntakeService:
    """Walk a citizen through a submission; the draft lives in the database between messages."""

    def __init__(self, deps: Deps, tickets: TicketService, similar: SimilarOffers) -> None:
        self._d = deps
        self._tickets = tickets
        self._similar = similar

    async def start(
        self,
        chat_id: int,
        user_id: int,
        *,
        kind: Kind | None = None,
        text: str = "",
        faq_log: int | None = None,
    ) -> None:
        """Begin a new draft (replacing any earlier one), maybe with its kind and words known."""
        draft: Draft = {"step": "kind", "text": text.strip(), "attachments": []}
        if faq_log is not None:
            draft["faq_log"] = faq_log  # the logged question this draft came from
        if kind is None:
            await self._save(chat_id, user_id, draft)
            await self._prompt(chat_id, draft)
            return
        draft["kind"] = kind.value
        await self._advance(chat_id, user_id, draft, "ward")

    async def has_draft(self, chat_id: int) -> bool:
        """Tell whether the chat is in the middle of an intake."""
        return await self._draft(chat_id) is not None

    async def cancel(self, chat_id: int) -> bool:
        """Drop the chat's draft or pending question; tell whether there was one."""
        state = await self._d.states.get(chat_id)
        await self._d.states.delete(chat_id)
        message = texts.CANCELLED if state else texts.NOTHING_TO_CANCEL
        await self._d.outbox.send(chat_id, Outgoing(message, remove_keyboard=True))
        return state is not None

    async def expire(self, timeout_minutes: int) -> int:
        """Cancel drafts untouched for too long, telling each citizen politely."""
        stale = await self._d.states.older_than(self._d.clock() - timeout_minutes * 60)
        for state in stale:
            await self._d.states.delete(state.chat_id)
            if state.state == STATE:
                notice = texts.DRAFT_EXPIRED.format(minutes=timeout_minutes)
                await self._d.outbox.send(state.chat_id, Outgoing(notice, remove_keyboard=True))
            elif state.state == REOPEN_STATE:  # told its reason would reopen the ticket
                ticket = await self._d.tickets.get(int(state.data["ticket_id"]))
                if ticket is not None:
                    notice = texts.REOPEN_REASON_EXPIRED.format(code=ticket.code)
                    await self._d.outbox.send(state.chat_id, Outgoing(notice))
        return len(stale)

    async def choose(self, chat_id: int, user_id: int, choice: str, source_key: str) -> str:
        """Handle a pressed intake button; return the short notice for the button press."""
        draft = await self._draft(chat_id)
        if draft is None:
            return texts.STALE_BUTTON
        name, _, value = choice.partition(":")
        handler = {
            "kind": self._set_kind,
            "ward": self._set_ward,
            "cat": self._set_category,
            "done": self._finish_description,
            "follow": self._follow,
            "new": self._send_new,
            "skip": self._skip_phone,
            "ok": self._confirm,
            "edit": self._edit,
            "cancel": self._cancel_button,
        }.get(name)
        if handler is None:
            return texts.STALE_BUTTON
        draft["_source"] = source_key
        return await handler(chat_id, user_id, draft, value)

    async def message(self, message: Inbound, state: ChatState | None) -> bool:
        """Handle a message if the chat's state is a draft; tell whether it did."""
        if state is None or state.state != STATE:
            return False
        draft = state.data
        step = draft["step"]
        if step == "ward" and message.media is None:
            await self._type_ward(message, draft)
        elif step == "description":
            await self._add_description(message, draft)
        elif step in ("name", "address") and message.media is None:
            await self._type_identity(message, draft, step)
        elif step == "phone":
            await self._give_phone(message, draft)
        else:
            expected = (
                texts.EXPECT_BUTTON
                if step in ("kind", "category", "similar", "confirm")
                else texts.EXPECT_TEXT
            )
            await self._say(message.chat_id, texts.NOT_IN_STEP.format(expected=expected))
        return True

    # --- steps -------------------------------------------------------------------------------

    # Each button acts only at its own step: a button left on an earlier message (or from a
    # draft begun again) would otherwise rewind the draft or skip a step it needs.
    async def _set_kind(self, chat_id: int, user_id: int, draft: Draft, value: str) -> str:
        if draft.get("step") != "kind" or value not in {k.value for k in Kind}:
            return texts.STALE_BUTTON
        draft["kind"] = value
        await self._advance(chat_id, user_id, draft, "ward")
        return Kind(value).label

    async def _set_ward(self, chat_id: int, user_id: int, draft: Draft, value: str) -> str:
        ward = self._d.wards.get(value)
        if draft.get("step") != "ward" or ward is None:
            return texts.STALE_BUTTON
        draft["ward"] = ward.code
        await self._advance(chat_id, user_id, draft, "category")
        return ward.name

    async def _type_ward(self, message: Inbound, draft: Draft) -> None:
        resolution = self._d.wards.resolve(message.clean_text)
        if resolution.ward is None:
            retry = ward_retry(resolution, message.clean_text, self._d)
            await self._d.outbox.send(message.chat_id, retry)
            return
        draft["ward"] = resolution.ward.code
        # One message, the ward found above the next question: a citizen's phone rings once.
        lead = ward_found(resolution)
        await self._advance(message.chat_id, message.user_id, draft, "category", lead)

    async def _set_category(self, chat_id: int, user_id: int, draft: Draft, value: str) -> str:
        category = self._d.categories.get(value)
        if draft.get("step") != "category" or category is None:
            return texts.STALE_BUTTON
        draft["category"] = category.id
        await self._advance(chat_id, user_id, draft, "description")
        return category.name

    async def _add_description(self, message: Inbound, draft: Draft) -> None:
        if message.media is not None and message.media not in ATTACHMENT_KINDS:
            await self._say(message.chat_id, texts.UNSUPPORTED_MEDIA)
            return
        added = message.clean_text
        if len(draft["text"]) + len(added) > MAX_DESCRIPTION:
            await self._say(
                message.chat_id, texts.DESCRIPTION_TOO_LONG.format(limit=MAX_DESCRIPTION)
            )
            return
        if message.media is not None:
            if len(draft["attachments"]) >= MAX_ATTACHMENTS:
                await self._say(
                    message.chat_id, texts.TOO_MANY_ATTACHMENTS.format(limit=MAX_ATTACHMENTS)
                )
                return
            draft["attachments"].append(
                [message.media, message.chat_id, message.message_id, message.text]
            )
        if added:
            draft["text"] = f"{draft['text']}\n{added}".strip()
        await self._save(message.chat_id, message.user_id, draft)
        count = len(draft["attachments"]) + (1 if draft["text"] else 0)
        ask = Outgoing(
            texts.DESCRIPTION_ADDED.format(count=count), ((Button(texts.CONTINUE, "i:done"),),)
        )
        await self._d.outbox.send(message.chat_id, ask)

    async def _finish_description(self, chat_id: int, user_id: int, draft: Draft, _: str) -> str:
        if draft.get("step") != "description":
            return texts.STALE_BUTTON
        if len(draft["text"]) < 5:
            await self._say(chat_id, texts.DESCRIPTION_EMPTY)
            return texts.DESCRIPTION_EMPTY
        if await self._similar.offer(chat_id, draft):  # the same incident was reported already
            await self._save(chat_id, user_id, draft)
            return texts.CONTINUE
        await self._advance(chat_id, user_id, draft, _contact_step(draft))
        return texts.CONTINUE

    async def _follow(self, chat_id: int, user_id: int, draft: Draft, value: str) -> str:
        if draft.get("step") != "similar":
            return texts.STALE_BUTTON
        return await self._similar.follow(chat_id, draft, value)

    async def _send_new(self, chat_id: int, user_id: int, draft: Draft, _: str) -> str:
        if draft.get("step") != "similar":
            return texts.STALE_BUTTON
        draft["similar_done"] = True  # asked once per draft
        await self._advance(chat_id, user_id, draft, _contact_step(draft))
        return hot_texts.BTN_SEND_NEW

    async def _type_identity(self, message: Inbound, draft: Draft, step: str) -> None:
        value = " ".join(message.clean_text.split())
        low, high, error = (
            (2, 100, texts.NAME_INVALID) if step == "name" else (5, 300, texts.ADDRESS_INVALID)
        )
        if not low <= len(value) <= high:
            await self._say(message.chat_id, error)
            return
        draft[step] = value
        await self._advance(
            message.chat_id, message.user_id, draft, "address" if step == "name" else "phone"
        )

    async def _give_phone(self, message: Inbound, draft: Draft) -> None:
        if message.contact_phone is not None:
            if not message.contact_is_own:
                await self._say(message.chat_id, texts.CONTACT_NOT_OWN)
                return
            phone = parse_phone(message.contact_phone) or message.contact_phone
        elif message.clean_text == texts.SKIP and not Kind(draft["kind"]).needs_identity:
            await self._skip_phone(message.chat_id, message.user_id, draft, "")
            return
        else:
            typed = parse_phone(message.clean_text) if message.media is None else None
            if typed is None:
                await self._say(message.chat_id, texts.PHONE_INVALID)
                return
            phone = typed
        draft["phone"] = phone
        await self._d.outbox.send(
            message.chat_id, Outgoing(f"📱 {escape(phone)}", remove_keyboard=True)
        )
        await self._advance(message.chat_id, message.user_id, draft, "confirm")

    async def _skip_phone(self, chat_id: int, user_id: int, draft: Draft, _: str) -> str:
        if draft.get("step") != "phone" or Kind(draft["kind"]).needs_identity:
            return texts.STALE_BUTTON
        draft["phone"] = None
        await self._d.outbox.send(chat_id, Outgoing(texts.PHONE_SKIPPED, remove_keyboard=True))
        await self._advance(chat_id, user_id, draft, "confirm")
        return texts.SKIP

    async def _confirm(self, chat_id: int, user_id: int, draft: Draft, _: str) -> str:
        if draft.get("step") != "confirm":
            return texts.STALE_BUTTON
        new = NewTicket(
            kind=Kind(draft["kind"]),
            ward_code=draft["ward"],
            category=draft["category"],
            description=draft["text"],
            attachments=tuple(Attachment(*a) for a in draft["attachments"]),
            contact_name=draft.get("name"),
            contact_phone=draft.get("phone"),
            contact_address=draft.get("address"),
        )
        await self._d.states.delete(chat_id)
        ticket = await self._tickets.submit(new, chat_id, draft["_source"])
        if isinstance(draft.get("faq_log"), int):
            await self._d.faq.link_ticket(draft["faq_log"], ticket.id)
        return ticket.code

    async def _edit(self, chat_id: int, user_id: int, draft: Draft, value: str) -> str:
        if draft.get("step") != "confirm":  # the summary's button and the menu it opens
            return texts.STALE_BUTTON
        if not value:
            rows = tuple((Button(label, f"i:edit:{key}"),) for key, label in EDITABLE.items())
            await self._d.outbox.send(chat_id, Outgoing(texts.ASK_EDIT, rows))
            return texts.EDIT
        if value not in EDITABLE:
            return texts.STALE_BUTTON
        for key in CLEARED_BY_EDIT[value]:
            draft.pop(key, None)
        if value == "desc":
            draft["text"], draft["attachments"] = "", []
        draft["editing"] = True
        await self._advance(chat_id, user_id, draft, "confirm")
        return texts.EDIT

    async def _cancel_button(self, chat_id: int, user_id: int, draft: Draft, _: str) -> str:
        await self.cancel(chat_id)
        return texts.CANCEL

    # --- plumbing ----------------------------------------------------------------------------

    async def _advance(
        self, chat_id: int, user_id: int, draft: Draft, step: str, lead: str = ""
    ) -> None:
        """Move to `step` (its question under `lead`, if given); while editing, go to the first
        missing field, then the summary."""
        if draft.get("editing"):
            step = first_missing(draft) or "confirm"
        if step == "confirm":
            draft.pop("editing", None)
        draft["step"] = step
        await self._save(chat_id, user_id, draft)
        await self._prompt(chat_id, draft, lead)

    async def _prompt(self, chat_id: int, draft: Draft, lead: str = "") -> None:
        prompt = prompt_for(draft, self._d)
        if lead:
            prompt = replace(prompt, text=f"{lead}\n\n{prompt.text}")
        await self._d.outbox.send(chat_id, prompt)

    async def _draft(self, chat_id: int) -> Draft | None:
        state = await self._d.states.get(chat_id)
        return None if state is None or state.state != STATE else state.data

    async def _save(self, chat_id: int, user_id: int, draft: Draft) -> None:
        data = {k: v for k, v in draft.items() if not k.startswith("_")}
        await self._d.states.put(chat_id, user_id, STATE, data, self._d.clock())

    async def _say(self, chat_id: int, text: str) -> None:
        await self._d.outbox.send(chat_id, Outgoing(text))


def _contact_step(draft: Draft) -> str:
    """Return the first contact step: identity for the kinds the law requires it for."""
    return "name" if Kind(draft["kind"]).needs_identity else "phone"
