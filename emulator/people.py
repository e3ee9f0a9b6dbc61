"""The test-facing half of the emulator: people who write, send files and press buttons."""

from __future__ import annotations

import time
from typing import Any

from emulator import actions
from emulator.content import contact_content, location_content, media_content
from emulator.model import EmuChat, EmuUser
from emulator.state import State


class PeopleMixin:
    """Act as Telegram users: every action stores a message and enqueues one update."""

    _state: State

    def add_user(
        self, first_name: str, last_name: str | None = None, username: str | None = None
    ) -> EmuUser:
        """Create a user; their private chat id equals their user id."""
        return self._state.add_user(first_name, last_name, username)

    def add_group(
        self, title: str, members: list[EmuUser] | None = None, *, forum: bool = False
    ) -> EmuChat:
        """Create a supergroup with the bot as administrator (a forum with topics, if asked)."""
        return self._state.add_group(title, members or [], forum)

    def topics(self, chat_id: int) -> dict[int, str]:
        """Return a forum's open topics: thread id -> name."""
        return dict(self._state.chats[chat_id].topics)

    def delete_topic(self, chat_id: int, thread_id: int) -> None:
        """Delete a forum topic with its messages, as an admin of the group can."""
        del self._state.chats[chat_id].topics[thread_id]
        for message in self._state.messages(chat_id):
            if message.thread_id == thread_id:
                message.deleted = True

    def add_member(self, chat_id: int, user: EmuUser) -> None:
        """Add a user to a group."""
        self._state.chats[chat_id].members.add(user.id)

    def remove_member(self, chat_id: int, user: EmuUser, by: EmuUser | None = None) -> None:
        """Remove a user from a group (or let them leave): Telegram posts a service message."""
        self._state.chats[chat_id].members.discard(user.id)
        content = {"left_chat_member": user.to_json()}
        actions.user_message(self._state, chat_id, by or user, "left_chat_member", content)

    def block_bot(self, user_id: int) -> None:
        """Make the user block the bot: sends to them fail with 403."""
        self._state.blocked.add(user_id)

    def unblock_bot(self, user_id: int) -> None:
        """Undo block_bot."""
        self._state.blocked.discard(user_id)

    def send_text(
        self,
        chat_id: int,
        user: EmuUser,
        text: str,
        reply_to: int | None = None,
        thread_id: int | None = None,
    ) -> dict[str, Any]:
        """Send a text (or a /command) as the user, in a forum topic if given; return its JSON."""
        content = actions.text_content(text)
        return actions.user_message(
            self._state, chat_id, user, "text", content, text, reply_to, thread_id
        )

    def send_service(
        self,
        chat_id: int,
        user: EmuUser,
        kind: str,
        content: dict[str, Any],
        thread_id: int | None = None,
    ) -> dict[str, Any]:
        """Post a service message (topic closed, message pinned…) caused by the user."""
        return actions.user_message(
            self._state, chat_id, user, kind, {kind: content}, None, None, thread_id
        )

    def edit_sent(
        self, sent: dict[str, Any], text: str | None = None, caption: str | None = None
    ) -> int:
        """Edit a message the user sent (its JSON as returned when sent), as Telegram reports an
        edit: an `edited_message` update. Return its update id."""
        edited = {**sent, "edit_date": int(time.time())}
        if text is not None:
            edited["text"] = text
        if caption is not None:
            edited["caption"] = caption
        return self._state.enqueue({"edited_message": edited})

    def _send_file(
        self,
        chat_id: int,
        user: EmuUser,
        kind: str,
        caption: str | None,
        name: str | None = None,
        data: bytes | None = None,
        reply_to: int | None = None,
    ) -> dict[str, Any]:
        """Send a file of some kind as the user."""
        content = media_content(self._state.new_file(kind, name, data))
        if caption:
            content["caption"] = caption
        return actions.user_message(self._state, chat_id, user, kind, content, caption, reply_to)

    def send_photo(self, chat_id: int, user: EmuUser, caption: str | None = None) -> dict[str, Any]:
        """Send a photo as the user."""
        return self._send_file(chat_id, user, "photo", caption)

    def send_document(
        self,
        chat_id: int,
        user: EmuUser,
        file_name: str = "a.pdf",
        caption: str | None = None,
        data: bytes | None = None,
    ) -> dict[str, Any]:
        """Send a document (with its bytes, if given, for the bot to download) as the user."""
        return self._send_file(chat_id, user, "document", caption, file_name, data)

    def send_voice(self, chat_id: int, user: EmuUser) -> dict[str, Any]:
        """Send a voice note as the user."""
        return self._send_file(chat_id, user, "voice", None)

    def send_video(self, chat_id: int, user: EmuUser, caption: str | None = None) -> dict[str, Any]:
        """Send a video as the user."""
        return self._send_file(chat_id, user, "video", caption)

    def send_sticker(
        self, chat_id: int, user: EmuUser, reply_to: int | None = None
    ) -> dict[str, Any]:
        """Send a sticker as the user (in reply to a message, if given)."""
        return self._send_file(chat_id, user, "sticker", None, reply_to=reply_to)

    def send_location(
        self, chat_id: int, user: EmuUser, latitude: float, longitude: float
    ) -> dict[str, Any]:
        """Share a location as the user."""
        content = location_content(latitude, longitude)
        return actions.user_message(self._state, chat_id, user, "location", content)

    def send_contact(
        self,
        chat_id: int,
        user: EmuUser,
        phone: str = "0901234567",
        first_name: str | None = None,
        contact_user_id: int | None = None,
    ) -> dict[str, Any]:
        """Share a contact as the user; by default their own."""
        owner = user.id if contact_user_id is None else contact_user_id
        content = contact_content(phone, first_name or user.first_name, None, owner)
        return actions.user_message(self._state, chat_id, user, "contact", content)

    def click(self, chat_id: int, user: EmuUser, message_id: int, callback_data: str) -> str:
        """Press an inline button on a bot message; return the callback query id."""
        return actions.click(self._state, chat_id, user, message_id, callback_data)

    def inject_update(self, payload: dict[str, Any]) -> int:
        """Enqueue a raw update; its update_id is assigned here and returned."""
        return self._state.enqueue(payload)
