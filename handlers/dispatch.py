"""Durable intake of updates: fetch, store, then confirm; handle each in one transaction."""

from __future__ import annotations

import asyncio
import contextvars
import json
import logging

from telegram import Update
from telegram.error import NetworkError, TimedOut

from bot import texts
from bot.messages import Outgoing
from bot.waiting import wait_event
from handlers.context import BotApp, BotContext
from storage.inbox import InboxItem

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 3
BATCH = 100

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


async def poll(app: BotApp, stop: asyncio.Event, parsed: dict[int, Update]) -> None:
    """Fetch updates and store them before the next fetch confirms them to Telegram.

    The stored JSON is the truth; `parsed` merely hands the dispatcher the objects already
    built, so each update is parsed once (after a restart, the stored JSON is parsed instead).
    """
    services = app.bot_data.services
    assert services is not None
    async with services.db.transaction():
        last = await services.deps.inbox.max_update_id()
    offset = None if last is None else last + 1
    backoff = 1.0
    while not stop.is_set():
        try:
            updates = await app.bot.get_updates(
                offset=offset,
                timeout=services.settings.poll_timeout,
                allowed_updates=Update.ALL_TYPES,
            )
        except (TimedOut, NetworkError) as exc:
            log.warning("getUpdates failed (%s); retrying in %.0f s", type(exc).__name__, backoff)
            await wait_event(stop, backoff)
            backoff = min(backoff * 2, 30.0)
            continue
        backoff = 1.0
        if not updates:
            continue
        async with services.db.transaction():
            await services.deps.inbox.add_many(
                [(u.update_id, u.to_json()) for u in updates], services.deps.clock()
            )
        offset = updates[-1].update_id + 1
        parsed.update({u.update_id: u for u in updates})
        services.inbox_ready.set()


async def dispatch(app: BotApp, stop: asyncio.Event, parsed: dict[int, Update]) -> None:
    """Handle stored updates in order, each atomically with everything it changes and sends."""
    services = app.bot_data.services
    assert services is not None
    while not stop.is_set():
        services.inbox_ready.clear()
        async with services.db.transaction():
            items = await services.deps.inbox.pending(BATCH)
        if not items:
            await wait_event(services.inbox_ready, 1.0)
        elif not await _handle_batch(app, items, parsed):
            for item in items:  # something failed: again one by one, so only it rolls back
                parsed.pop(item.update_id, None)
                await handle_stored(app, item.update_id, item.payload, item.attempts)


async def _handle_batch(app: BotApp, items: list[InboxItem], parsed: dict[int, Update]) -> bool:
    """Handle a batch in one transaction (far fewer database round trips); False on any failure."""
    return await _run(app, items, parsed) is None


async def handle_stored(app: BotApp, update_id: int, payload: str, attempts: int) -> None:
    """Run one stored update through the handlers; on failure roll back and count the attempt."""
    error = await _run(app, [InboxItem(update_id, payload, attempts)], {})
    if error is not None:
        await _record_failure(app, update_id, payload, attempts, error)


async def _run(app: BotApp, items: list[InboxItem], parsed: dict[int, Update]) -> Exception | None:
    """Handle updates in one transaction, all or nothing; return the error that undid them."""
    services = app.bot_data.services
    assert services is not None
    failures: list[BaseException] = []
    token = _failures.set(failures)
    try:
        async with services.db.transaction():
            pending = await services.deps.inbox.still_pending([item.update_id for item in items])
            for item in items:
                if item.update_id not in pending:
                    continue  # handled already: running it again must change nothing
                update = parsed.pop(item.update_id, None)
                if update is None:
                    update = Update.de_json(json.loads(item.payload), app.bot)
                await app.process_update(update)
                if failures:
                    raise failures[0]
            await services.deps.inbox.mark_done([item.update_id for item in items])
    except Exception as exc:  # rolled back: nothing of these updates happened
        return exc
    finally:
        _failures.reset(token)
    return None


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


async def _sleep_or_stop(stop: asyncio.Event, seconds: float) -> None:
    await wait_event(stop, seconds)
