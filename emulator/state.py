"""In-memory Telegram world: users, chats, messages, files and the update queue."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import time
from collections import deque
from typing import Any

from emulator.errors import ApiError, bad_request
from emulator.model import Call, Click, EmuChat, EmuUser, FileRecord, StoredMessage

_FIRST_USER_ID = 700_000_001
_FIRST_GROUP_ID = -1_001_000_000_001


class State:
    """Everything the fake Telegram knows; lives as long as the emulator, across bot restarts."""

    def __init__(self, bot: EmuUser, first_update_id: int = 1) -> None:
        self.bot = bot
        self.users: dict[int, EmuUser] = {bot.id: bot}
        self.chats: dict[int, EmuChat] = {}
        self.blocked: set[int] = set()
        self.files: dict[str, FileRecord] = {}
        self.callbacks: dict[str, tuple[int, int]] = {}  # query id -> (chat id, message id)
        self.answered: dict[str, dict[str, Any]] = {}
        self.commands: dict[str, list[dict[str, Any]]] = {}
        self.calls: list[Call] = []
        self.clicks: list[Click] = []
        self.loop: asyncio.AbstractEventLoop | None = None
        self._messages: dict[int, list[StoredMessage]] = {}
        self._index: dict[tuple[int, int], StoredMessage] = {}
        self._updates: deque[dict[str, Any]] = deque()
        self._update_ids = itertools.count(first_update_id)
        self._user_ids = itertools.count(_FIRST_USER_ID)
        self._group_ids = itertools.count(-_FIRST_GROUP_ID)
        self._file_ids = itertools.count(1)
        self._query_ids = itertools.count(1)
        self._arrived = asyncio.Event()

    # -- people and chats -------------------------------------------------

    def add_user(self, first_name: str, last_name: str | None, username: str | None) -> EmuUser:
        """Create a user together with their private chat."""
        user = EmuUser(next(self._user_ids), first_name, last_name, username)
        self.users[user.id] = user
        self.chats[user.id] = EmuChat(user.id, "private", user=user, members={user.id})
        return user

    def add_group(self, title: str, members: list[EmuUser], forum: bool = False) -> EmuChat:
        """Create a supergroup the bot administers (with topics, if `forum`)."""
        chat = EmuChat(-next(self._group_ids), "supergroup", title=title, is_forum=forum)
        chat.members = {m.id for m in members} | {self.bot.id}
        self.chats[chat.id] = chat
        return chat

    def chat(self, chat_id: Any) -> EmuChat:
        """Find a chat by id, answering as Telegram does when it is unknown."""
        try:
            return self.chats[int(chat_id)]
        except (KeyError, TypeError, ValueError):
            if chat_id is None or chat_id == "":
                raise bad_request("chat_id is empty") from None
            raise bad_request("chat not found") from None

    def check_reachable(self, chat: EmuChat) -> None:
        """Refuse to deliver to a user who blocked the bot."""
        if chat.id in self.blocked:
            raise ApiError(403, "Forbidden: bot was blocked by the user")

    # -- messages ---------------------------------------------------------

    def message(self, chat_id: int, message_id: Any) -> StoredMessage | None:
        """Return a live (not deleted) message, or None."""
        try:
            found = self._index.get((chat_id, int(message_id)))
        except (TypeError, ValueError):
            return None
        return None if found is None or found.deleted else found

    def messages(self, chat_id: int) -> list[StoredMessage]:
        """Return every message of a chat, oldest first."""
        return list(self._messages.get(chat_id, ()))

    def store(
        self,
        chat: EmuChat,
        sender: EmuUser,
        stored: StoredMessage,
        content: dict[str, Any],
    ) -> StoredMessage:
        """Give a message its id and Telegram JSON, and file it under its chat."""
        history = self._messages.setdefault(chat.id, [])
        stored.message_id = history[-1].message_id + 1 if history else 1
        stored.chat_id = chat.id
        stored.date = time.time()
        payload: dict[str, Any] = {
            "message_id": stored.message_id,
            "from": sender.to_json(),
            "chat": chat.to_json(),
            "date": int(stored.date),
            **content,
        }
        target = self._index.get((chat.id, stored.reply_to or 0))
        if target is not None:
            payload["reply_to_message"] = {
                k: v for k, v in target.payload.items() if k != "reply_to_message"
            }
        if stored.thread_id is not None:
            payload["message_thread_id"] = stored.thread_id
            payload["is_topic_message"] = True
        if stored.reply_markup and "inline_keyboard" in stored.reply_markup:
            payload["reply_markup"] = stored.reply_markup
        stored.payload = payload
        history.append(stored)
        self._index[(chat.id, stored.message_id)] = stored
        return stored

    # -- files and callback queries ---------------------------------------

    def new_file(
        self, kind: str, file_name: str | None = None, data: bytes | None = None
    ) -> FileRecord:
        """Register a file and return its record."""
        n = next(self._file_ids)
        record = FileRecord(f"EMU{kind[:3].upper()}{n:08d}", f"U{n:08d}", kind, file_name, data)
        self.files[record.file_id] = record
        return record

    def new_callback(self, chat_id: int, message_id: int) -> str:
        """Open a callback query that the bot must answer."""
        query_id = str(next(self._query_ids) + 4_000_000_000_000_000)
        self.callbacks[query_id] = (chat_id, message_id)
        return query_id

    # -- update queue -----------------------------------------------------

    def enqueue(self, update: dict[str, Any]) -> int:
        """Append an update, assigning its id, and wake long polls."""
        update_id = next(self._update_ids)
        self._updates.append({**update, "update_id": update_id})
        self._wake()
        return update_id

    def confirm(self, offset: int) -> None:
        """Forget updates the bot confirmed; negative offsets keep only the newest."""
        if offset < 0:
            while len(self._updates) > -offset:
                self._updates.popleft()
            return
        while self._updates and self._updates[0]["update_id"] < offset:
            self._updates.popleft()

    def drop_pending(self) -> None:
        """Forget every queued update."""
        self._updates.clear()

    def peek(self, limit: int) -> list[dict[str, Any]]:
        """Return up to `limit` unconfirmed updates, oldest first."""
        return list(itertools.islice(self._updates, limit))

    def pending(self) -> int:
        """Count updates not yet confirmed."""
        return len(self._updates)

    def bind(self, loop: asyncio.AbstractEventLoop) -> None:
        """Serve long polls on this loop; an emulator may be restarted on a new one."""
        self.loop = loop
        self._arrived = asyncio.Event()

    async def wait_updates(self, seconds: float) -> None:
        """Sleep until an update arrives or `seconds` pass."""
        # Take the event before looking at the queue: enqueue appends before it swaps
        # events, so an update from another thread can never slip between the two.
        event = self._arrived
        if self._updates or seconds <= 0:
            return
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(event.wait(), seconds)

    def _wake(self) -> None:
        """Release every waiting long poll, from the loop's thread or any other."""
        event, self._arrived = self._arrived, asyncio.Event()
        loop = self.loop
        try:
            running = asyncio.get_running_loop()
        except RuntimeError:
            running = None
        if loop is None or running is loop or loop.is_closed():
            event.set()
        else:
            loop.call_soon_threadsafe(event.set)
