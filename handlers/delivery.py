"""Deliver the outbox to Telegram: in order per chat, chats in parallel, retried durably."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
import warnings
from dataclasses import dataclass, replace
from datetime import timedelta

from telegram.error import BadRequest, Forbidden, RetryAfter, TelegramError

from bot.messages import escape
from bot.pacing import LanePacer
from bot.services import Services
from bot.waiting import wait_event
from handlers.calls import call, create_topic, is_topic_gone
from handlers.context import BotApp
from handlers.topics import TopicChange, TopicPlan, plan_topics, record_topic_changes
from storage.outbox import FILE_METHODS, OutboxItem

log = logging.getLogger(__name__)
MAX_IN_FLIGHT = 32
IN_FLIGHT_SECONDS = 0.2  # at high send rates, calls in flight cover this much of sending
RESERVED_IN_FLIGHT = 8  # calls in flight a bulletin may not take: they stay for conversation
BULK_MAX_ATTEMPTS = 5  # a bulletin message that keeps failing (not 429) is given up
MAX_BACKOFF = 300.0
BLOCKED = "người dùng đã chặn bot hoặc rời cuộc trò chuyện"


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of one call: sent (with the message id), to retry, or failed for good."""

    item: OutboxItem
    message_id: int | None = None
    retry_in: float | None = None
    whole_chat: bool = False
    error: str | None = None
    reason: str | None = None
    topic: TopicChange | None = None  # a forum topic opened, or found deleted, on the way


@dataclass(frozen=True, slots=True)
class Round:
    """What one round of the sender took: calls, their card ids and topics; whether it took all
    it could (more may be due), or else when the next call is due; whether bulletin messages
    were held back (for want of tokens or places in flight)."""

    items: list[OutboxItem]
    cards: dict[int, int | None]
    topics: dict[int, TopicPlan]
    full: bool
    next_due: float | None
    bulk_held: bool


def in_flight_limit(rate: float) -> int:
    """Return how many calls may be in flight at once for a send rate (at least MAX_IN_FLIGHT).

    A call holds its place for a round trip and its wait in the rate limiter, so at hundreds
    of messages a second a fixed number of places, not the rate, would bound a bulletin.
    """
    return max(MAX_IN_FLIGHT, math.ceil(rate * IN_FLIGHT_SECONDS) + RESERVED_IN_FLIGHT)


class Sender:
    """Send what the domain queued; one call in flight per chat keeps each chat in order.

    Outcomes are written in bulk, in the same transaction that takes the next calls: database
    round trips, not Telegram, would otherwise bound throughput. A chat stays busy until its
    outcome is written, so its next message can never overtake or repeat the previous one.

    Bulletin messages form a low-priority lane: they come after conversation in each take,
    paced by a LanePacer to what conversation leaves of the send rate.
    """

    def __init__(self, app: BotApp, services: Services) -> None:
        self._app = app
        self._services = services
        self._busy: set[int] = set()
        self._tasks: set[asyncio.Task[None]] = set()
        self._outcomes: list[Outcome] = []
        self._pacer = LanePacer(services.settings.send_rate)
        self._bulk_in_flight = 0
        self._max_in_flight = in_flight_limit(services.settings.send_rate)
        self._round: asyncio.Future[Round] | None = None

    async def run(self, stop: asyncio.Event) -> None:
        """Deliver until stopped, waking on new messages, finished sends or due retries."""
        repo, ready = self._services.deps.outbox_repo, self._services.outbox_ready
        async with self._services.db.transaction():
            if recovered := await repo.recover_in_flight():
                log.warning("%d message(s) were in flight at the last crash; resending", recovered)
        while not stop.is_set():
            ready.clear()
            # Shielded: a stop landing mid-round must neither lose the outcomes it took (their
            # calls would be sent again) nor strand calls it marked in flight; drain() ends it.
            self._round = asyncio.ensure_future(self._take_round())
            taken = await asyncio.shield(self._round)
            self._round = None
            self._pace(taken.items, taken.bulk_held)
            for item in taken.items:
                self._start(item, taken.cards.get(item.id), taken.topics.get(item.id))
            if taken.full:
                continue
            # Everything due is under way; wait for news, the next due call or the next token.
            now = self._services.deps.clock()
            delay = 1.0 if taken.next_due is None else taken.next_due - now
            if taken.bulk_held:  # bulletins wait for the pacer, not for a due time
                delay = max(delay, self._pacer.wait())
            await wait_event(ready, max(0.005, min(delay, 1.0)))

    async def _take_round(self) -> Round:
        """Record outcomes and take the next calls, in one transaction."""
        repo = self._services.deps.outbox_repo
        async with self._services.db.transaction():
            await self._record(self._take_outcomes())
            free = self._max_in_flight - len(self._busy)
            now = self._services.deps.clock()
            bulk_room = self._max_in_flight - RESERVED_IN_FLIGHT - self._bulk_in_flight
            bulk = min(self._pacer.available(), bulk_room)
            items, held = await repo.take(now, free, self._busy, bulk) if free > 0 else ([], False)
            cards = await self._card_ids(items)
            topics = await plan_topics(self._services, items)
            full = free > 0 and len(items) >= free
            next_due = None if full else await repo.next_due_at()
        return Round(items, cards, topics, full, next_due, held)

    async def drain(self) -> None:
        """Finish the round under way, wait for calls in flight and record their outcomes."""
        stranded: list[OutboxItem] = []
        if self._round is not None:
            with contextlib.suppress(Exception):
                stranded = (await self._round).items  # taken, but stopped before they started
        if self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)
        async with self._services.db.transaction():
            await self._services.deps.outbox_repo.release([item.id for item in stranded])
            await self._record(self._take_outcomes())

    def _pace(self, items: list[OutboxItem], bulk_held: bool) -> None:
        """Charge the calls about to start to the pacer (button answers are not messages)."""
        bulk = sum(1 for item in items if item.bulletin_id is not None)
        self._pacer.take(bulk, waiting=bulk_held)
        self._bulk_in_flight += bulk
        self._pacer.spend(
            sum(1 for i in items if i.bulletin_id is None and i.method != "answer_callback")
        )

    def _start(self, item: OutboxItem, card_id: int | None, topic: TopicPlan | None) -> None:
        self._busy.add(item.chat_id)
        task = asyncio.create_task(self._deliver(item, card_id, topic))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _card_ids(self, items: list[OutboxItem]) -> dict[int, int | None]:
        """Find the message an edit is for, when it was not known at queue time: a ticket's
        card, or a message queued earlier (both known once sent)."""
        deps = self._services.deps
        found: dict[int, int | None] = {
            item.id: await deps.links.find(item.ticket_id, "card", item.chat_id)
            for item in items
            if item.method == "edit_card" and item.ticket_id is not None
        }
        queued = {item.id: int(item.payload["outbox_id"]) for item in items if _edits_queued(item)}
        if queued:
            sent = await deps.outbox_repo.message_ids(list(queued.values()))
            found |= {item_id: sent.get(outbox_id) for item_id, outbox_id in queued.items()}
        return found

    async def _deliver(
        self, item: OutboxItem, card_id: int | None, topic: TopicPlan | None
    ) -> None:
        """Make one call (opening the ticket's forum topic first if needed); keep the outcome."""
        opened: TopicChange | None = None
        thread = None if topic is None else topic.thread
        try:
            if topic is not None and thread is None:
                thread = await create_topic(self._app, item.chat_id, topic.name)
                opened = TopicChange(topic.ticket_id, item.chat_id, thread)
            outcome = await self._attempt(item, card_id, thread, topic)
        except BadRequest as exc:  # no longer a forum, or no right to manage topics
            log.warning(
                "no topic for outbox item %s (%s); sending it to the General topic", item.id, exc
            )
            outcome = await self._attempt(item, card_id, None, None)
        except TelegramError as exc:  # the topic could not be opened: try again later
            retry_in = min(0.5 * 2.0**item.attempts, MAX_BACKOFF)
            outcome = Outcome(item, retry_in=retry_in, error=type(exc).__name__)
        self._outcomes.append(outcome if opened is None else replace(outcome, topic=opened))
        if item.bulletin_id is None:
            # A bulletin's outcome waits for the next round, which the pacer brings within a
            # token's time (at most a second): a round per bulletin message costs a transaction.
            self._services.outbox_ready.set()

    async def _attempt(
        self, item: OutboxItem, card_id: int | None, thread: int | None, topic: TopicPlan | None
    ) -> Outcome:
        """Make the call and say what became of it."""
        try:
            message_id = await call(self._app, item, card_id, thread)
            if item.bulletin_id is not None:
                self._pacer.delivered()
            return Outcome(item, message_id=message_id)
        except RetryAfter as exc:
            if item.bulletin_id is not None:
                self._pacer.throttled(_retry_after(exc))
            return Outcome(item, retry_in=_retry_after(exc), whole_chat=True, error="429")
        except Forbidden as exc:
            return Outcome(item, error=exc.message, reason=BLOCKED)
        except BadRequest as exc:
            if topic is not None and is_topic_gone(exc):  # deleted by an officer: reopen, retry
                gone = TopicChange(topic.ticket_id, item.chat_id, None)
                return Outcome(item, retry_in=0.0, error=exc.message, topic=gone)
            if "not modified" in exc.message:  # an identical edit is a success
                return Outcome(item)
            return Outcome(item, error=exc.message, reason=exc.message)
        except TelegramError as exc:  # TimedOut, NetworkError (5xx, connection): try again later
            if item.bulletin_id is not None and item.attempts + 1 >= BULK_MAX_ATTEMPTS:
                return Outcome(item, error=type(exc).__name__, reason=type(exc).__name__)
            retry_in = min(0.5 * 2.0**item.attempts, MAX_BACKOFF)
            return Outcome(item, retry_in=retry_in, error=type(exc).__name__)
        except Exception as exc:  # a bug must not stop delivery of everything else
            log.exception("outbox item %s failed", item.id)
            return Outcome(item, retry_in=MAX_BACKOFF, error=type(exc).__name__)

    def _take_outcomes(self) -> list[Outcome]:
        outcomes, self._outcomes = self._outcomes, []
        return outcomes

    async def _record(self, outcomes: list[Outcome]) -> None:
        """Write outcomes (inside the caller's transaction) and free their chats."""
        deps, now = self._services.deps, self._services.deps.clock()
        sent = [o for o in outcomes if o.error is None]
        await deps.outbox_repo.mark_sent_many([(o.item.id, o.message_id) for o in sent], now)
        await deps.links.add_many(
            [
                (o.item.chat_id, o.message_id, o.item.ticket_id, o.item.link)
                for o in sent
                if o.message_id is not None and o.item.ticket_id is not None and o.item.link
            ]
        )
        await record_topic_changes(self._services, [o.topic for o in outcomes if o.topic])
        done = [o.item.id for o in outcomes if o.item.method in FILE_METHODS and o.retry_in is None]
        if done:
            await deps.outbox_repo.drop_files(done)
        await self._record_bulletins(outcomes)
        for outcome in outcomes:
            await self._follow_up(outcome, now)
            self._busy.discard(outcome.item.chat_id)
            if outcome.item.bulletin_id is not None:
                self._bulk_in_flight -= 1

    async def _record_bulletins(self, outcomes: list[Outcome]) -> None:
        """Count bulletin deliveries that reached an end; opt out those who blocked the bot."""
        final = [
            (o.item.bulletin_id, o.item.chat_id, _bulletin_outcome(o))
            for o in outcomes
            if o.item.bulletin_id is not None and o.retry_in is None
        ]
        blocked = [o.item.chat_id for o in outcomes if o.reason == BLOCKED]
        await self._services.broadcaster.record(final, blocked)

    async def _follow_up(self, outcome: Outcome, now: float) -> None:
        deps, item = self._services.deps, outcome.item
        if outcome.error is None:
            if item.on_success:
                await deps.outbox.queue_follow_up(item.on_success)
        elif outcome.retry_in is not None:
            await deps.outbox_repo.retry_later(item.id, now + outcome.retry_in, outcome.error)
            if outcome.whole_chat:
                await deps.outbox_repo.delay_chat(item.chat_id, now + outcome.retry_in)
        else:
            # Never the chat: a denouncer's Telegram id must not reach the logs.
            log.warning("outbox item %s failed: %s", item.id, outcome.error)
            await deps.outbox_repo.mark_failed(item.id, outcome.error[:500])
            if item.on_failure:
                payload = dict(item.on_failure["payload"])
                reason = escape(outcome.reason or outcome.error)
                payload["text"] = str(payload["text"]).replace("{reason}", reason)
                await deps.outbox.queue_follow_up(item.on_failure | {"payload": payload})


def _edits_queued(item: OutboxItem) -> bool:
    """Tell whether an item edits a message that was queued, not yet known, at the time."""
    return item.method == "edit" and "outbox_id" in item.payload


def _bulletin_outcome(outcome: Outcome) -> str:
    if outcome.error is None:
        return "sent"
    return "blocked" if outcome.reason == BLOCKED else "failed"


def _retry_after(exc: RetryAfter) -> float:
    with warnings.catch_warnings():  # PTB 22 warns that the type will become a timedelta
        warnings.simplefilter("ignore")
        value: object = exc.retry_after
    if isinstance(value, timedelta):
        return value.total_seconds()
    return float(value)  # type: ignore[arg-type]
