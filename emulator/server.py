"""BotApiEmulator: a fake Telegram Bot API on localhost for the real PTB client."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from datetime import tzinfo
from types import TracebackType
from typing import Any
from urllib.parse import unquote

from emulator import actions, transcript
from emulator.content import contact_content, location_content, media_content
from emulator.errors import ApiError
from emulator.http import HttpServer, Request, Response
from emulator.methods import BY_LOWER_NAME, scope_key
from emulator.model import Call, EmuChat, EmuUser, Fault, FaultSet, StoredMessage
from emulator.params import decode
from emulator.state import State

_MAX_POLL_LIMIT = 100
_POLL_STEP = 0.01


class BotApiEmulator:
    """Serve the Bot API over HTTP and let tests act as Telegram users."""

    def __init__(
        self,
        token: str = "123456:TEST",  # noqa: S107 - a fake token for a fake server
        bot_username: str = "danvan_test_bot",
        host: str = "127.0.0.1",
        port: int = 0,
    ) -> None:
        self.token = token
        self.bot_id = int(token.split(":", 1)[0])
        self.bot_username = bot_username
        self.host, self.port = host, port
        self.faults = FaultSet()
        bot = EmuUser(self.bot_id, "Dân Vận Bot", username=bot_username, is_bot=True)
        self._state = State(bot)
        self._http = HttpServer(self._handle)

    # -- lifecycle ---------------------------------------------------------

    async def start(self) -> None:
        """Start listening; `base_url` is valid afterwards."""
        self._state.loop = asyncio.get_running_loop()
        self.port = await self._http.start(self.host, self.port)

    async def stop(self) -> None:
        """Stop listening and drop open connections; the state is kept."""
        await self._http.stop()

    async def __aenter__(self) -> BotApiEmulator:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.stop()

    @property
    def base_url(self) -> str:
        """Return the URL prefix PTB appends token and method to."""
        return f"http://{self.host}:{self.port}/bot"

    @property
    def base_file_url(self) -> str:
        """Return the URL prefix for file downloads."""
        return f"http://{self.host}:{self.port}/file/bot"

    # -- request handling --------------------------------------------------

    async def _handle(self, request: Request) -> Response | None:
        """Route one HTTP request to a Bot API method, applying any fault."""
        path = unquote(request.path.partition("?")[0])
        prefix, _, rest = path.lstrip("/").partition("/")
        if prefix == "file" and rest.startswith(f"bot{self.token}/"):
            return self._download(rest)
        if prefix != f"bot{self.token}":
            return Response.json(401, ApiError(401, "Unauthorized").payload())
        found = BY_LOWER_NAME.get(rest.lower())
        if found is None:
            return Response.json(404, ApiError(404, "Not Found").payload())
        name, method = found
        try:
            params = decode(request.form())
        except ApiError as err:
            return self._answer(name, {}, err)
        fault = self.faults.take(name, params)
        if fault is not None:
            return await self._fault(name, params, fault)
        try:
            if name == "getUpdates":
                result = await self._get_updates(params)
            else:
                result = method(self._state, params)
        except ApiError as err:
            return self._answer(name, params, err)
        return self._answer(name, params, result)

    def _answer(self, name: str, params: dict[str, Any], result: Any) -> Response:
        """Record the call and build its response."""
        ok = not isinstance(result, ApiError)
        self._state.calls.append(Call(name, params, time.time(), ok))
        if isinstance(result, ApiError):
            return Response.json(result.code, result.payload())
        return Response.json(200, {"ok": True, "result": result})

    async def _fault(self, name: str, params: dict[str, Any], fault: Fault) -> Response | None:
        """Fail a request the way the fault says, without applying it."""
        if fault.kind == "429":
            msg = f"Too Many Requests: retry after {fault.retry_after}"
            return self._answer(name, params, ApiError(429, msg, fault.retry_after))
        if fault.kind in ("500", "502"):
            text = "Internal Server Error" if fault.kind == "500" else "Bad Gateway"
            return self._answer(name, params, ApiError(int(fault.kind), text))
        self._state.calls.append(Call(name, params, time.time(), False))
        if fault.kind == "timeout":
            await asyncio.sleep(fault.delay)
        return None  # close the connection without a response

    async def _get_updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        """Confirm by offset, then long-poll for updates."""
        st = self._state
        offset = params.get("offset")
        if isinstance(offset, int) and offset != 0:
            st.confirm(offset)
        limit = params.get("limit")
        limit = limit if isinstance(limit, int) and 1 <= limit <= _MAX_POLL_LIMIT else 100
        timeout = params.get("timeout")
        wait = float(timeout) if isinstance(timeout, int | float) else 0.0
        await st.wait_updates(wait)
        return st.peek(limit)

    def _download(self, path: str) -> Response:
        """Serve a stored file's bytes at /file/bot<token>/<file_path>."""
        file_id = path.rsplit("/", 1)[-1]
        record = self._state.files.get(file_id)
        if record is None:
            return Response.json(404, ApiError(404, "Not Found").payload())
        data = record.data if record.data is not None else b"\0" * 2048
        return Response(200, data, content_type="application/octet-stream")

    # -- the people --------------------------------------------------------

    def add_user(
        self, first_name: str, last_name: str | None = None, username: str | None = None
    ) -> EmuUser:
        """Create a user; their private chat id equals their user id."""
        return self._state.add_user(first_name, last_name, username)

    def add_group(self, title: str, members: list[EmuUser] | None = None) -> EmuChat:
        """Create a supergroup with the bot as administrator."""
        return self._state.add_group(title, members or [])

    def add_member(self, chat_id: int, user: EmuUser) -> None:
        """Add a user to a group."""
        self._state.chats[chat_id].members.add(user.id)

    def block_bot(self, user_id: int) -> None:
        """Make the user block the bot: sends to them fail with 403."""
        self._state.blocked.add(user_id)

    def unblock_bot(self, user_id: int) -> None:
        """Undo block_bot."""
        self._state.blocked.discard(user_id)

    def send_text(
        self, chat_id: int, user: EmuUser, text: str, reply_to: int | None = None
    ) -> dict[str, Any]:
        """Send a text (or a /command) as the user; return the message JSON."""
        content = actions.text_content(text)
        return actions.user_message(self._state, chat_id, user, "text", content, text, reply_to)

    def _send_file(
        self, chat_id: int, user: EmuUser, kind: str, caption: str | None, name: str | None = None
    ) -> dict[str, Any]:
        """Send a file of some kind as the user."""
        content = media_content(self._state.new_file(kind, name))
        if caption:
            content["caption"] = caption
        return actions.user_message(self._state, chat_id, user, kind, content, caption)

    def send_photo(self, chat_id: int, user: EmuUser, caption: str | None = None) -> dict[str, Any]:
        """Send a photo as the user."""
        return self._send_file(chat_id, user, "photo", caption)

    def send_document(
        self, chat_id: int, user: EmuUser, file_name: str = "a.pdf", caption: str | None = None
    ) -> dict[str, Any]:
        """Send a document as the user."""
        return self._send_file(chat_id, user, "document", caption, file_name)

    def send_voice(self, chat_id: int, user: EmuUser) -> dict[str, Any]:
        """Send a voice note as the user."""
        return self._send_file(chat_id, user, "voice", None)

    def send_video(self, chat_id: int, user: EmuUser, caption: str | None = None) -> dict[str, Any]:
        """Send a video as the user."""
        return self._send_file(chat_id, user, "video", caption)

    def send_sticker(self, chat_id: int, user: EmuUser) -> dict[str, Any]:
        """Send a sticker as the user."""
        return self._send_file(chat_id, user, "sticker", None)

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

    # -- inspection --------------------------------------------------------

    @property
    def calls(self) -> list[Call]:
        """Return every Bot API call so far, oldest first."""
        return list(self._state.calls)

    def calls_of(self, method: str) -> list[Call]:
        """Return the calls of one method."""
        return [c for c in self._state.calls if c.method == method]

    def messages(self, chat_id: int) -> list[StoredMessage]:
        """Return every message of a chat, users' and bot's, oldest first."""
        return self._state.messages(chat_id)

    def bot_messages(self, chat_id: int) -> list[StoredMessage]:
        """Return the bot's messages in a chat, oldest first."""
        return [m for m in self._state.messages(chat_id) if m.from_bot]

    def pending_update_count(self) -> int:
        """Count updates the bot has not confirmed yet."""
        return self._state.pending()

    @property
    def commands(self) -> list[dict[str, Any]]:
        """Return the default-scope command menu from setMyCommands."""
        return list(self._state.commands.get(scope_key({}), []))

    @property
    def commands_by_scope(self) -> dict[str, list[dict[str, Any]]]:
        """Return every command menu, keyed by JSON scope and language."""
        return dict(self._state.commands)

    @property
    def answered_callbacks(self) -> dict[str, dict[str, Any]]:
        """Return answerCallbackQuery parameters by callback query id."""
        return dict(self._state.answered)

    def transcript(self, chat_id: int, title: str | None = None, tz: tzinfo | None = None) -> str:
        """Render a chat as readable text."""
        return transcript.render(self._state, chat_id, title, tz)

    # The `timeout` argument is part of the API tests call; asyncio.timeout would not fit.
    async def wait_for(
        self,
        predicate: Callable[[], bool],
        timeout: float = 5.0,  # noqa: ASYNC109
        what: str | None = None,
    ) -> None:
        """Poll `predicate` until it holds, or raise TimeoutError saying what was awaited."""
        deadline = time.monotonic() + timeout
        while not predicate():
            if time.monotonic() >= deadline:
                name = what or getattr(predicate, "__name__", repr(predicate))
                recent = ", ".join(c.method for c in self._state.calls[-8:]) or "none"
                raise TimeoutError(
                    f"condition {name} still false after {timeout}s; "
                    f"pending updates: {self.pending_update_count()}; last calls: {recent}"
                )
            await asyncio.sleep(_POLL_STEP)

    async def wait_for_bot_messages(
        self,
        chat_id: int,
        count: int,
        timeout: float = 5.0,  # noqa: ASYNC109
    ) -> list[StoredMessage]:
        """Wait until the chat holds at least `count` bot messages, and return them."""
        try:
            await self.wait_for(
                lambda: len(self.bot_messages(chat_id)) >= count,
                timeout,
                what=f"{count} bot message(s) in chat {chat_id}",
            )
        except TimeoutError as err:
            raise TimeoutError(f"{err}\n{self.transcript(chat_id)}") from None
        return self.bot_messages(chat_id)
