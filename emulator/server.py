"""BotApiEmulator: a fake Telegram Bot API on localhost for the real PTB client."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from datetime import tzinfo
from types import TracebackType
from typing import Any
from urllib.parse import unquote

from emulator import transcript
from emulator.errors import ApiError, bad_request
from emulator.http import HttpServer, Request, Response
from emulator.limits import RateLimit, is_limited
from emulator.methods import BY_LOWER_NAME, scope_key
from emulator.model import Call, EmuUser, Fault, FaultSet, StoredMessage
from emulator.params import decode
from emulator.people import PeopleMixin
from emulator.sending import Method
from emulator.state import State

_log = logging.getLogger(__name__)
_MAX_POLL_LIMIT = 100
_POLL_STEP = 0.01


class BotApiEmulator(PeopleMixin):
    """Serve the Bot API over HTTP and let tests act as Telegram users."""

    def __init__(
        self,
        token: str = "123456:TEST",  # noqa: S107 - a fake token for a fake server
        bot_username: str = "danvan_test_bot",
        host: str = "127.0.0.1",
        port: int = 0,
        first_update_id: int = 1,
    ) -> None:
        self.token = token
        self.bot_id = int(token.split(":", 1)[0])
        self.bot_username = bot_username
        self.host, self.port = host, port
        self.faults = FaultSet()
        self.rate_limit: RateLimit | None = None
        bot = EmuUser(self.bot_id, "Dân Vận Bot", username=bot_username, is_bot=True)
        self._state = State(bot, first_update_id)
        self._http = HttpServer(self._handle)
        self._watchers: list[Callable[[Call], None]] = []

    # -- lifecycle ---------------------------------------------------------

    async def start(self) -> None:
        """Start listening; `base_url` is valid afterwards."""
        self._state.bind(asyncio.get_running_loop())
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

    def limit_rate(self, per_second: float | None, burst: float | None = None) -> None:
        """Refuse messages beyond `per_second` overall with 429 (None lifts the limit).

        `burst` messages may go at once (default: one second's worth); `rate_limit.refused`
        counts the refusals.
        """
        self.rate_limit = None if per_second is None else RateLimit(per_second, burst)

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
        except ValueError:
            return self._answer(name, {}, bad_request("can't parse request body"))
        fault = self.faults.take(name, params)
        if fault is not None:
            return await self._fault(name, params, fault)
        if self.rate_limit is not None and is_limited(name):
            retry_after = self.rate_limit.admit()
            if retry_after is not None:
                msg = f"Too Many Requests: retry after {retry_after}"
                return self._answer(name, params, ApiError(429, msg, retry_after))
        return self._answer(name, params, await self._call(name, method, params))

    async def _call(self, name: str, method: Method, params: dict[str, Any]) -> Any:
        """Run a method; return its result or the ApiError it failed with."""
        try:
            if name == "getUpdates":
                return await self._get_updates(params)
            return method(self._state, params)
        except ApiError as err:
            return err
        except Exception as err:
            # An emulator bug: answer 500 so the bot sees a failure instead of a hang.
            _log.exception("emulator failed on %s %r", name, params)
            return ApiError(500, f"Internal Server Error: emulator bug: {err!r}")

    def _answer(self, name: str, params: dict[str, Any], result: Any) -> Response:
        """Record the call, tell the watchers, and build its response."""
        ok = not isinstance(result, ApiError)
        call = Call(name, params, time.time(), ok)
        self._state.calls.append(call)
        for watcher in self._watchers:
            watcher(call)
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

    # -- inspection --------------------------------------------------------

    def watch(self, watcher: Callable[[Call], None]) -> None:
        """Call `watcher` with each answered Bot API call (to wait on events without polling)."""
        self._watchers.append(watcher)

    @property
    def calls(self) -> list[Call]:
        """Return every Bot API call so far, oldest first."""
        return list(self._state.calls)

    def calls_of(self, method: str) -> list[Call]:
        """Return the calls of one method."""
        return [c for c in self._state.calls if c.method == method]

    def file_data(self, file_id: str) -> bytes | None:
        """Return the bytes of an uploaded file, if the emulator has them."""
        record = self._state.files.get(file_id)
        return None if record is None else record.data

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

    async def press_when_shown(
        self,
        user: EmuUser,
        data: str,
        timeout: float = 5.0,  # noqa: ASYNC109
    ) -> None:
        """Wait for a bot message carrying this button in the user's chat, then press it."""
        found: list[int] = []

        def has_button() -> bool:
            for message in reversed(self.bot_messages(user.id)):
                rows = (message.reply_markup or {}).get("inline_keyboard", [])
                if any(b.get("callback_data") == data for row in rows for b in row):
                    found.append(message.message_id)
                    return True
            return False

        await self.wait_for(has_button, timeout, what=f"button {data}")
        self.click(user.id, user, found[0], data)

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
