"""Deliver the outbox to Telegram: in order per chat, chats in parallel, retried durably."""

from __future__ import annotations

import asyncio
import logging
import warnings
from datetime import timedelta
from typing import Any

from telegram import (
    ForceReply,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
    ReplyParameters,
)
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, RetryAfter, TelegramError

from bot.messages import escape
from bot.services import Services
from bot.waiting import wait_event
from handlers.context import BotApp
from storage.outbox import OutboxItem

log = logging.getLogger(__name__)
MAX_IN_FLIGHT = 32
MAX_BACKOFF = 300.0
Markup = InlineKeyboardMarkup | ReplyKeyboardMarkup | ReplyKeyboardRemove | ForceReply | None


class Sender:
    """Send what the domain queued; one call in flight per chat keeps each chat in order."""

    def __init__(self, app: BotApp, services: Services) -> None:
        self._app = app
        self._services = services
        self._busy: set[int] = set()
        self._tasks: set[asyncio.Task[None]] = set()

    async def run(self, stop: asyncio.Event) -> None:
        """Deliver until stopped, waking on new messages, finished sends or due retries."""
        outbox, ready = self._services.deps.outbox_repo, self._services.outbox_ready
        async with self._services.db.transaction():
            if recovered := await outbox.recover_in_flight():
                log.warning("%d message(s) were in flight at the last crash; resending", recovered)
        while not stop.is_set():
            ready.clear()
            free = MAX_IN_FLIGHT - len(self._busy)
            items: list[OutboxItem] = []
            next_due: float | None = None
            if free > 0:
                async with self._services.db.transaction():
                    items = await outbox.due(self._services.deps.clock(), free, self._busy)
                    next_due = await outbox.next_due_at()
            for item in items:
                self._busy.add(item.chat_id)
                task = asyncio.create_task(self._deliver(item))
                self._tasks.add(task)
                task.add_done_callback(self._tasks.discard)
            if not items:
                delay = 1.0 if next_due is None else next_due - self._services.deps.clock()
                await wait_event(ready, max(0.01, min(delay, 1.0)))

    async def drain(self) -> None:
        """Wait for calls in flight to finish."""
        if self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)

    async def _deliver(self, item: OutboxItem) -> None:
        try:
            message_id = await self._call(item)
        except RetryAfter as exc:
            await self._retry(item, _retry_after(exc), "429", whole_chat=True)
        except Forbidden as exc:
            await self._fail(
                item, exc.message, reason="người dùng đã chặn bot hoặc rời cuộc trò chuyện"
            )
        except BadRequest as exc:
            if "not modified" in exc.message:
                await self._done(item, None)
            else:
                await self._fail(item, exc.message, reason=exc.message)
        except TelegramError as exc:  # TimedOut, NetworkError (5xx, connection): try again later
            await self._retry(item, min(2.0**item.attempts, MAX_BACKOFF), type(exc).__name__)
        except Exception as exc:
            log.exception("outbox item %s failed", item.id)
            await self._retry(item, MAX_BACKOFF, type(exc).__name__)
        else:
            await self._done(item, message_id)
        finally:
            self._busy.discard(item.chat_id)
            self._services.outbox_ready.set()

    async def _call(self, item: OutboxItem) -> int | None:
        bot, p = self._app.bot, item.payload
        if item.method == "send":
            sent = await bot.send_message(
                item.chat_id,
                p["text"],
                parse_mode=ParseMode.HTML,
                reply_markup=_markup(p),
                reply_parameters=_reply(p),
                disable_web_page_preview=True,
            )
            return sent.message_id
        if item.method == "copy":
            copied = await bot.copy_message(
                item.chat_id, p["from_chat_id"], p["message_id"], reply_parameters=_reply(p)
            )
            return copied.message_id
        if item.method in ("edit", "edit_card"):
            return await self._edit(item)
        if item.method == "answer_callback":
            await bot.answer_callback_query(
                p["callback_id"], p["text"] or None, show_alert=p["alert"]
            )
            return None
        raise ValueError(f"unknown outbox method {item.method!r}")

    async def _edit(self, item: OutboxItem) -> int | None:
        p = item.payload
        message_id = p.get("message_id")
        if item.method == "edit_card" and item.ticket_id is not None:
            async with self._services.db.transaction():
                message_id = await self._services.deps.links.find(
                    item.ticket_id, "card", item.chat_id
                )
        if message_id is None:
            raise BadRequest("card message not found")
        markup = _markup(p)
        await self._app.bot.edit_message_text(
            p["text"],
            item.chat_id,
            message_id,
            parse_mode=ParseMode.HTML,
            reply_markup=markup if isinstance(markup, InlineKeyboardMarkup) else None,
        )
        return None

    async def _done(self, item: OutboxItem, message_id: int | None) -> None:
        deps = self._services.deps
        async with self._services.db.transaction():
            await deps.outbox_repo.mark_sent(item.id, message_id, deps.clock())
            if message_id is not None and item.ticket_id is not None and item.link:
                await deps.links.add(item.chat_id, message_id, item.ticket_id, item.link)
            if item.on_success:
                await deps.outbox.queue_follow_up(item.on_success)

    async def _fail(self, item: OutboxItem, error: str, reason: str) -> None:
        log.warning("outbox item %s to chat %s failed for good: %s", item.id, item.chat_id, error)
        deps = self._services.deps
        async with self._services.db.transaction():
            await deps.outbox_repo.mark_failed(item.id, error[:500])
            if item.on_failure:
                spec = dict(item.on_failure)
                payload = dict(spec["payload"])
                payload["text"] = str(payload["text"]).replace("{reason}", escape(reason))
                await deps.outbox.queue_follow_up(spec | {"payload": payload})

    async def _retry(
        self, item: OutboxItem, delay: float, error: str, *, whole_chat: bool = False
    ) -> None:
        deps = self._services.deps
        not_before = deps.clock() + delay
        async with self._services.db.transaction():
            await deps.outbox_repo.retry_later(item.id, not_before, error)
            if whole_chat:
                await deps.outbox_repo.delay_chat(item.chat_id, not_before)


def _markup(p: dict[str, Any]) -> Markup:
    if p.get("buttons"):
        rows = [
            [InlineKeyboardButton(label, callback_data=data) for label, data in row]
            for row in p["buttons"]
        ]
        return InlineKeyboardMarkup(rows)
    if p.get("contact_button"):
        keys = [[KeyboardButton(p["contact_button"], request_contact=True)]]
        keys += [[KeyboardButton(label)] for label in p.get("keyboard", [])]
        return ReplyKeyboardMarkup(keys, resize_keyboard=True, one_time_keyboard=True)
    if p.get("remove_keyboard"):
        return ReplyKeyboardRemove()
    if p.get("force_reply"):
        return ForceReply(selective=True)
    return None


def _reply(p: dict[str, Any]) -> ReplyParameters | None:
    reply_to = p.get("reply_to")
    if reply_to is None:
        return None
    return ReplyParameters(int(reply_to), allow_sending_without_reply=True)


def _retry_after(exc: RetryAfter) -> float:
    with warnings.catch_warnings():  # PTB 22 warns that the type will become a timedelta
        warnings.simplefilter("ignore")
        value: object = exc.retry_after
    if isinstance(value, timedelta):
        return value.total_seconds()
    return float(value)  # type: ignore[arg-type]
