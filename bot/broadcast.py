"""Send confirmed bulletins: queue recipients a window at a time, report progress, finish.

A bulletin is never queued whole. Each round queues only as many messages as keep the outbox
about WINDOW_SECONDS ahead of the send rate, each with its delivery row, in one transaction,
and moves the bulletin's cursor. So a restart continues after the last chat queued and nobody
gets a bulletin twice (the delivery row's primary key forbids it), the outbox stays small, and
the sender's low-priority lane (`bot.pacing`) keeps citizens' replies ahead of it.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence

from bot.bulletins import Audiences, Target, bulletin_message, progress_message
from bot.deps import Deps
from bot.waiting import wait_event
from storage.bulletins import Bulletin, BulletinRepository
from storage.subscriptions import SubscriptionRepository

log = logging.getLogger(__name__)
WINDOW_SECONDS = 1.0  # messages queued ahead, in seconds of sending (covers a held-up tick)
MIN_WINDOW = 50
TICK_SECONDS = 0.1  # how often a bulletin being sent is topped up
IDLE_SECONDS = 5.0
REPORT_STEP = 0.10  # progress is shown every 10 % ...
REPORT_SECONDS = 60.0  # ... or every minute, whichever comes first


class Broadcaster:
    """Feed bulletins to the outbox, count their outcomes and keep the admin informed."""

    def __init__(
        self,
        deps: Deps,
        audiences: Audiences,
        subscriptions: SubscriptionRepository,
        repo: BulletinRepository,
        rate: float,
    ) -> None:
        self._d = deps
        self._audiences = audiences
        self._subs = subscriptions
        self._repo = repo
        self._window = max(MIN_WINDOW, int(rate * WINDOW_SECONDS))
        self.ready = asyncio.Event()

    def wake(self) -> None:
        """Look at the bulletins now (one was just confirmed)."""
        self.ready.set()

    async def run(self, stop: asyncio.Event) -> None:
        """Tick until stopped: often while a bulletin is being sent, rarely otherwise."""
        while not stop.is_set():
            self.ready.clear()
            async with self._d.db.transaction():
                busy = await self.tick()
            await wait_event(self.ready, TICK_SECONDS if busy else IDLE_SECONDS)

    async def tick(self) -> bool:
        """Top up the outbox, report progress and finish bulletins; tell whether any is left."""
        sending = await self._repo.sending()
        room = self._window - sum(b.in_outbox for b in sending)
        for bulletin in sending:
            if room <= 0:
                break
            if not bulletin.fed_all:
                room -= await self._feed(bulletin, room)
        for bulletin in await self._repo.sending():
            await self._report(bulletin)
        return bool(sending)

    async def record(self, final: Sequence[tuple[int, int, str]], blocked: Sequence[int]) -> None:
        """Count final delivery outcomes; opt out everyone who blocked the bot."""
        await self._repo.record_outcomes(final)
        if blocked:
            removed = await self._subs.remove_all(sorted(set(blocked)))
            if removed:
                log.info("%d opt-in(s) removed: the bot was blocked", removed)

    async def _feed(self, bulletin: Bulletin, room: int) -> int:
        """Queue the next recipients of a bulletin with their delivery rows; return how many."""
        target = Target(bulletin.target_kind, bulletin.target_key)
        chats = await self._subs.recipients(self._audiences.audience(target), bulletin.cursor, room)
        if chats:
            label = self._audiences.label(target) or target.key
            message = bulletin_message(label, bulletin.text, bulletin.link)
            await self._d.outbox.send_bulk(bulletin.id, chats, message, bulletin.photo)
        await self._repo.add_deliveries(bulletin.id, chats, fed_all=len(chats) < room)
        return len(chats)

    async def _report(self, bulletin: Bulletin) -> None:
        """Edit the admin's progress message when due; finish the bulletin when all is done."""
        now = self._d.clock()
        finished = bulletin.fed_all and bulletin.in_outbox == 0
        step = max(1, int(max(bulletin.planned, bulletin.queued) * REPORT_STEP))
        due = bulletin.done >= bulletin.reported_done + step or (
            now - bulletin.reported_at >= REPORT_SECONDS and bulletin.done > bulletin.reported_done
        )
        if not (finished or due):
            return
        target = Target(bulletin.target_kind, bulletin.target_key)
        label = self._audiences.label(target) or target.key
        duration = now - bulletin.created_at if finished else None
        message = progress_message(bulletin, label, duration)
        progress = bulletin.progress_outbox_id
        message_id = None if progress is None else await self._d.outbox_repo.message_id(progress)
        if message_id is not None:
            await self._d.outbox.edit(bulletin.admin_chat_id, message_id, message)
        if finished:
            await self._d.outbox.send(bulletin.admin_chat_id, message)  # a notification
            await self._repo.finish(bulletin.id, now)
        await self._repo.mark_reported(bulletin.id, bulletin.done, now)
