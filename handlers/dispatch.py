"""Durable intake of updates: fetch, store, then confirm; handle each in one transaction.

The poller stores what it fetched and handles it in the same transaction, so an update does
not queue twice for the one database connection (once to be stored, once to be handled). The
dispatcher handles what the poller left: updates stored before a restart, the rest of a batch
that ran out of time, and the one-by-one retries after a failure.
"""

from __future__ import annotations

import asyncio
import contextvars
import json
import logging
import warnings
from collections.abc import Awaitable, Callable
from typing import Any

from telegram import Update
from telegram.error import NetworkError, TimedOut

from bot import texts
from bot.messages import Outgoing
from bot.waiting import Backoff, wait_event
from handlers.context import BotApp, BotContext
from storage.inbox import InboxItem

log = logging.getLogger(__name__)
JSONDict = dict[str, Any]
MAX_ATTEMPTS = 3
BATCH = 100
# A batch shares one transaction (far fewer database round trips), but its replies wait for
# its commit and the sender and poller wait for the database: a batch stops taking updates
# once it has run this long, which bounds what a busy moment adds to every reply's latency.
BATCH_SECONDS = 0.02

# The error handler reports a failed handler here, so the update's transaction rolls back.
_failures: contextvars.ContextVar[list[BaseException] | None] = contextvars.ContextVar(
    "danvan_failures", default=None
)


async def record_error(update: object, context: BotContext) -> None:
    """Note a handler's exception (never the update's content, which may name a denouncer)."""
    failures = _failures.get()
    error = context.error or RuntimeError("unknown handler error")
    if failures is not None:
        failures.append(error)
    update_id = update.update_id if isinstance(update, Update) else None
    log.error("update %s failed: %s", update_id, type(error).__name__, exc_info=error)


async def poll(app: BotApp, stop: asyncio.Event, parsed: dict[int, JSONDict]) -> None:
    """Fetch updates, store and handle them before the next fetch confirms them to Telegram.

    Updates are fetched as JSON and stored as they came; `parsed` keeps the decoded JSON of
    those left to the dispatcher, so it is not decoded twice (after a restart, the stored text
    is decoded).
    """
    services = app.bot_data.services
    assert services is not None
    settings = services.settings
    async with services.db.transaction():
        last = await services.deps.inbox.max_update_id()
    offset = None if last is None else last + 1
    retry = Backoff(1.0, 30.0)
    while not stop.is_set():
        try:
            updates = await _get_updates(app, offset, settings.poll_timeout, settings.http_timeout)
        except (TimedOut, NetworkError) as exc:
            log.warning(
                "getUpdates failed (%s); retrying in %.0f s", type(exc).__name__, retry.next
            )
            await retry.wait(stop)
            continue
        retry.reset()
        if not updates:
            continue
        for update in updates:  # the FAQ worker reads questions while this waits for the lock
            if (text := _private_text(update)) is not None:
                services.faq.read_ahead(text)
        await take_in(app, updates, parsed)
        offset = updates[-1]["update_id"] + 1  # only now, stored, may the next fetch confirm them


async def take_in(app: BotApp, updates: list[JSONDict], parsed: dict[int, JSONDict]) -> None:
    """Store fetched updates and handle them in one transaction (all stored, or none).

    If a handler fails, that transaction rolls back: the updates are then stored on their
    own and handled one by one, so only the failing one is rolled back.
    """
    services = app.bot_data.services
    assert services is not None
    rows = [(u["update_id"], json.dumps(u, ensure_ascii=False)) for u in updates]
    fetched = {u["update_id"]: u for u in updates}
    selected: list[InboxItem] = []

    async def store() -> None:
        await services.deps.inbox.add_many(rows, services.deps.clock())

    async def store_then_select() -> list[InboxItem]:
        await store()
        selected.extend(await services.deps.inbox.pending(BATCH))
        # Only those still to handle: a repeat of a handled update is never taken.
        parsed.update(
            {i.update_id: fetched[i.update_id] for i in selected if i.update_id in fetched}
        )
        return selected

    tried: list[InboxItem] = []
    if await _run(app, store_then_select, tried, parsed) is not None:
        async with services.db.transaction():
            await store()
        for item in tried:
            await handle_stored(app, item.update_id, item.payload, item.attempts)
        services.inbox_ready.set()  # any it did not reach
    elif len(tried) < len(selected) or len(selected) == BATCH:
        services.inbox_ready.set()  # more are waiting: the dispatcher takes them


async def _get_updates(
    app: BotApp, offset: int | None, wait: int, http_timeout: float
) -> list[JSONDict]:
    """Long-poll getUpdates for the raw JSON (PTB's objects would be built, serialised, rebuilt)."""
    kwargs: JSONDict = {"timeout": wait, "allowed_updates": Update.ALL_TYPES}
    if offset is not None:
        kwargs["offset"] = offset
    with warnings.catch_warnings():  # PTB suggests get_updates, which returns parsed objects
        warnings.simplefilter("ignore")
        result = await app.bot.do_api_request(
            "getUpdates", api_kwargs=kwargs, read_timeout=wait + http_timeout
        )
    if not isinstance(result, list) or not all(_is_update(u) for u in result):
        raise NetworkError(f"unexpected getUpdates result: {type(result).__name__}")
    return result


def _private_text(update: JSONDict) -> str | None:
    """Return the text of a private message that is not a command: maybe a question."""
    message = update.get("message")
    if not isinstance(message, dict) or (message.get("chat") or {}).get("type") != "private":
        return None
    text = message.get("text")
    return text if isinstance(text, str) and not text.startswith("/") else None


def _is_update(value: object) -> bool:
    return isinstance(value, dict) and isinstance(value.get("update_id"), int)


async def dispatch(app: BotApp, stop: asyncio.Event, parsed: dict[int, JSONDict]) -> None:
    """Handle stored updates in order, each atomically with everything it changes and sends."""
    services = app.bot_data.services
    assert services is not None
    while not stop.is_set():
        services.inbox_ready.clear()
        tried: list[InboxItem] = []
        error = await _run(app, lambda: services.deps.inbox.pending(BATCH), tried, parsed)
        if error is not None:  # one of them failed: again one by one, so only it rolls back
            for item in tried:
                await handle_stored(app, item.update_id, item.payload, item.attempts)
        elif not tried:
            await wait_event(services.inbox_ready, 1.0)


async def handle_stored(app: BotApp, update_id: int, payload: str, attempts: int) -> None:
    """Run one stored update through the handlers; on failure roll back and count the attempt."""
    services = app.bot_data.services
    assert services is not None

    async def if_pending() -> list[InboxItem]:
        # Handled already (a repeat, or a batch that committed): running it again changes nothing.
        pending = await services.deps.inbox.still_pending([update_id])
        return [InboxItem(update_id, payload, attempts)] if pending else []

    error = await _run(app, if_pending, [], {})
    if error is not None:
        await _record_failure(app, update_id, payload, attempts, error)


async def _run(
    app: BotApp,
    select: Callable[[], Awaitable[list[InboxItem]]],
    tried: list[InboxItem],
    parsed: dict[int, JSONDict],
) -> Exception | None:
    """Handle the selected updates in one transaction, all or nothing; return what undid them.

    Stops taking updates after BATCH_SECONDS; `tried` receives those it took (the rest stay
    pending for the next round).
    """
    services = app.bot_data.services
    assert services is not None
    failures: list[BaseException] = []
    token = _failures.set(failures)
    clock = asyncio.get_running_loop().time
    try:
        async with services.db.transaction():
            started = clock()
            for item in await select():
                if tried and clock() - started > BATCH_SECONDS:
                    break
                tried.append(item)
                await _process(app, item, parsed, failures)
            await services.deps.inbox.mark_done([item.update_id for item in tried])
    except Exception as exc:  # rolled back: nothing of these updates happened
        return exc
    finally:
        _failures.reset(token)
    return None


async def _process(
    app: BotApp, item: InboxItem, parsed: dict[int, JSONDict], failures: list[BaseException]
) -> None:
    """Run one update through the handlers; raise what a handler reported."""
    data = parsed.pop(item.update_id, None)
    update = Update.de_json(data if data is not None else json.loads(item.payload), app.bot)
    await app.process_update(update)
    if failures:
        raise failures[0]


async def _record_failure(
    app: BotApp, update_id: int, payload: str, attempts: int, exc: Exception
) -> None:
    services = app.bot_data.services
    assert services is not None
    give_up = attempts + 1 >= MAX_ATTEMPTS
    async with services.db.transaction():
        await services.deps.inbox.record_failure(update_id, type(exc).__name__, give_up)
        chat_id = _chat_of(payload)
        if give_up and chat_id is not None:
            # The update stays stored as 'failed' for an operator; the person is told politely.
            await services.deps.outbox.send(chat_id, Outgoing(texts.INTERNAL_ERROR))


def _chat_of(payload: str) -> int | None:
    data = json.loads(payload)
    for key in ("message", "edited_message", "callback_query"):
        part = data.get(key)
        if isinstance(part, dict):
            chat = (part.get("message") or part).get("chat") or {}
            if isinstance(chat.get("id"), int):
                return int(chat["id"])
    return None
