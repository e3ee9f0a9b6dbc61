"""Queue what the bot owes people, inside the transaction that decided it."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from typing import Any

from bot.messages import Outgoing, split_html
from storage.outbox import FILE_METHODS, OutboxRepository

Clock = Callable[[], float]
# Button answers get their own queue per chat, so a throttled chat never holds them back.
_CALLBACK_QUEUE_OFFSET = 2**60
POPUP_LIMIT = 190  # characters of a button's popup (Telegram allows 200)
_TAG = re.compile(r"<[^>]*>")


def callback_queue(chat_id: int) -> int:
    """Return the outbox queue key for button answers in one chat (never a real chat id)."""
    return chat_id - _CALLBACK_QUEUE_OFFSET


def follow_up(
    chat_id: int, message: Outgoing, *, ticket_id: int | None = None, link: str | None = None
) -> dict[str, Any]:
    """Describe a message to queue later, when an earlier one is delivered or fails."""
    return {
        "chat_id": chat_id,
        "method": "send",
        "payload": message.to_payload(),
        "ticket_id": ticket_id,
        "link": link,
    }


class Outbox:
    """Queue messages; a channel's sender delivers them in order per chat, with retries."""

    def __init__(self, repo: OutboxRepository, clock: Clock, wake: Callable[[], None]) -> None:
        self._repo = repo
        self._clock = clock
        self._wake = wake

    async def send(
        self,
        chat_id: int,
        message: Outgoing,
        *,
        ticket_id: int | None = None,
        link: str | None = None,
        on_success: dict[str, Any] | None = None,
        on_failure: dict[str, Any] | None = None,
    ) -> int:
        """Queue a text message, split into several if it is over the size limit; return the
        outbox id of its (last) part."""
        parts = split_html(message.text)
        queued = 0
        for index, part in enumerate(parts):
            last = index == len(parts) - 1
            payload = message.to_payload() | {"text": part}
            if not last:
                payload |= {"buttons": [], "contact_button": None, "keyboard": []}
            queued = await self._repo.enqueue(
                chat_id,
                "send",
                payload,
                self._clock(),
                ticket_id=ticket_id,
                link=link,
                on_success=on_success if last else None,
                on_failure=on_failure if last else None,
            )
        self._wake()
        return queued

    async def send_tracked(self, chat_id: int, message: Outgoing) -> int:
        """Queue one short text message and return its outbox id (to edit it later)."""
        if len(split_html(message.text)) > 1:
            raise ValueError("a tracked message must fit in one message")
        item_id = await self._repo.enqueue(chat_id, "send", message.to_payload(), self._clock())
        self._wake()
        return item_id

    async def send_photo(self, chat_id: int, photo: str, message: Outgoing) -> None:
        """Queue a photo (the channel's file reference) with the message as its caption."""
        payload = message.to_payload() | {"photo": photo}
        await self._repo.enqueue(chat_id, "photo", payload, self._clock())
        self._wake()

    async def send_bulk(
        self, bulletin_id: int, chats: list[int], message: Outgoing, photo: str | None
    ) -> None:
        """Queue one bulletin to many chats, in the low-priority lane."""
        payload = message.to_payload()
        method = "send" if photo is None else "photo"
        if photo is not None:
            payload["photo"] = photo
        await self._repo.enqueue_bulk(bulletin_id, chats, method, payload, self._clock())
        self._wake()

    async def copy(
        self,
        chat_id: int,
        from_chat_id: int,
        message_id: int,
        *,
        reply_to: int | None = None,
        ticket_id: int | None = None,
        link: str | None = None,
        on_success: dict[str, Any] | None = None,
        on_failure: dict[str, Any] | None = None,
    ) -> None:
        """Queue a copy of a chat message (a photo, a file, a location) without its sender."""
        payload = {"from_chat_id": from_chat_id, "message_id": message_id, "reply_to": reply_to}
        await self._repo.enqueue(
            chat_id,
            "copy",
            payload,
            self._clock(),
            ticket_id=ticket_id,
            link=link,
            on_success=on_success,
            on_failure=on_failure,
        )
        self._wake()

    async def file(
        self, chat_id: int, method: str, filename: str, data: bytes, caption: str = ""
    ) -> None:
        """Queue a photo or a document (`method`) with an HTML caption; the bytes are kept in the
        database with the call, so a restart sends it all the same."""
        if method not in FILE_METHODS:
            raise ValueError(f"not a file method: {method!r}")
        outbox_id = await self._repo.enqueue(chat_id, method, {"caption": caption}, self._clock())
        await self._repo.attach_file(outbox_id, filename, data)
        self._wake()

    async def edit_card(self, chat_id: int, ticket_id: int, message: Outgoing) -> None:
        """Queue a new text for a ticket's card in a group (the card is found at send time)."""
        await self._repo.enqueue(
            chat_id, "edit_card", message.to_payload(), self._clock(), ticket_id=ticket_id
        )
        self._wake()

    async def edit(self, chat_id: int, message_id: int, message: Outgoing) -> None:
        """Queue a new text for one message the bot sent earlier (e.g. a page of a list)."""
        payload = message.to_payload() | {"message_id": message_id}
        await self._repo.enqueue(chat_id, "edit", payload, self._clock())
        self._wake()

    async def edit_queued(self, chat_id: int, outbox_id: int, message: Outgoing) -> None:
        """Queue a new text for a message queued earlier (found at send time, once it is sent:
        the chat's messages go out in order)."""
        payload = message.to_payload() | {"outbox_id": outbox_id}
        await self._repo.enqueue(chat_id, "edit", payload, self._clock())
        self._wake()

    async def answer_callback(
        self, chat_id: int, callback_id: str, text: str, *, alert: bool = False
    ) -> None:
        """Queue the answer to a button press (the small notice on the user's screen)."""
        payload = {"callback_id": callback_id, "text": popup_text(text), "alert": alert}
        await self._repo.enqueue(callback_queue(chat_id), "answer_callback", payload, self._clock())
        self._wake()

    async def queue_follow_up(self, spec: dict[str, Any]) -> None:
        """Queue a message described by `follow_up`."""
        await self._repo.enqueue(
            int(spec["chat_id"]),
            str(spec["method"]),
            dict(spec["payload"]),
            self._clock(),
            ticket_id=spec.get("ticket_id"),
            link=spec.get("link"),
        )
        self._wake()


def popup_text(notice: str) -> str:
    """Turn a notice written as HTML into the plain text of a button's popup (Telegram shows
    it as it is, and cuts it at 200 characters)."""
    # User text in notices is escaped, so every "<" left is one of the templates' tags.
    return html.unescape(_TAG.sub("", notice))[:POPUP_LIMIT]
