"""The live FAQ: the active stored version and its matcher, swapped whole on every update.

The database is the one source of truth: the active row of `faq_versions`. The bundled
`content/faq/` seeds version 1 on first start; `/faq_reload` and confirmed uploads publish new
versions; a rollback publishes a copy of an older one, so history only grows.
"""

from __future__ import annotations

import asyncio
import json
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from bot.faq.loader import load_faq
from bot.faq.matcher import FaqMatcher, Reranker
from bot.faq.model import Faq
from storage.database import Database
from storage.faq import FaqRepository

log = logging.getLogger(__name__)

# Builds the optional semantic stage for one FAQ (slow the first time: it embeds every
# phrasing); returns None when `stop()` turns true first.
SemanticBuilder = Callable[[Faq, Callable[[], bool]], Reranker | None]


@dataclass(frozen=True, slots=True)
class Snapshot:
    """One version of the FAQ with its matcher; never changed, only replaced."""

    version: int
    faq: Faq
    matcher: FaqMatcher


class LiveFaq:
    """Hold the current snapshot; a query takes one reference and so never sees half an update."""

    def __init__(
        self, repo: FaqRepository, db: Database, semantic: SemanticBuilder | None = None
    ) -> None:
        self._repo = repo
        self._db = db
        self._snapshot: Snapshot | None = None
        self._semantic = semantic
        self._tasks: set[asyncio.Task[None]] = set()
        self._closing = threading.Event()

    @property
    def current(self) -> Snapshot:
        """Return the snapshot to answer with."""
        if self._snapshot is None:
            raise RuntimeError("the FAQ is not loaded yet")
        return self._snapshot

    async def start(self, seed: Path, now: float) -> Snapshot:
        """Load the active version, seeding it from the bundled content the first time."""
        active = await self._repo.active()
        if active is None:
            faq = load_faq(seed)
            return await self.publish(faq, f"seed: {seed.name}/", None, now)
        faq = Faq.from_dict(json.loads(active.content))
        return await self._install(active.id, faq)

    async def publish(self, faq: Faq, source: str, by: int | None, now: float) -> Snapshot:
        """Store `faq` as a new active version and start answering with it."""
        content = json.dumps(faq.to_dict(), ensure_ascii=False)
        version = await self._repo.publish(content, len(faq.entries), source, by, now)
        return await self._install(version, faq)

    async def rollback(self, version: int, by: int | None, now: float) -> Snapshot | None:
        """Publish a copy of an older version; None if there is no such version."""
        old = await self._repo.version(version)
        if old is None:
            return None
        faq = Faq.from_dict(json.loads(old.content))
        return await self.publish(faq, f"rollback to v{version}", by, now)

    async def close(self) -> None:
        """Stop building the semantic stage (between two batches of phrasings)."""
        self._closing.set()
        if self._tasks:
            await asyncio.wait(self._tasks)

    async def semantic_ready(self) -> None:
        """Wait until the semantic stage of the current version is built (or given up)."""
        if self._tasks:
            await asyncio.wait(self._tasks)

    async def _install(self, version: int, faq: Faq) -> Snapshot:
        """Build the version's matcher, and answer with it once its transaction commits."""
        # Building the index is CPU work that grows with the FAQ: keep the event loop free.
        matcher = await asyncio.to_thread(FaqMatcher.build, faq)
        snapshot = Snapshot(version, faq, matcher)
        self._db.on_commit(lambda: self._swap(snapshot))
        return snapshot

    def _swap(self, snapshot: Snapshot) -> None:
        """Answer with `snapshot` (its transaction committed), then add its semantic stage."""
        self._snapshot = snapshot
        if self._semantic is not None:
            # The lexical matcher answers at once; the semantic stage joins it when its
            # phrasings are embedded (minutes for a big FAQ the first time, then cached).
            task = asyncio.create_task(self._add_semantic(snapshot, self._semantic))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    async def _add_semantic(self, snapshot: Snapshot, build: SemanticBuilder) -> None:
        """Build the semantic stage in a thread, then swap it into the snapshot if still live."""

        def superseded() -> bool:
            return self._closing.is_set() or self._snapshot is not snapshot

        try:
            reranker = await asyncio.to_thread(build, snapshot.faq, superseded)
        except Exception:
            log.exception("FAQ v%d: semantic stage failed; answering without it", snapshot.version)
            return
        if reranker is not None and not superseded():
            matcher = replace(snapshot.matcher, reranker=reranker)
            self._snapshot = replace(snapshot, matcher=matcher)
            log.info("FAQ v%d: semantic stage on", snapshot.version)
