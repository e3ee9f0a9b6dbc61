"""Read citizens' questions in a worker process, ahead of their turn.

The bot handles updates one after another, and matching a question is the biggest piece of
CPU work in that line. The poller hands each private text message here as soon as it is
fetched; the worker (a process, so on another core) reads it while the updates before it are
handled, and the FAQ desk takes the reading when the question's turn comes. Whenever anything
is amiss (no worker yet, a version it cannot load, a slow reply) the desk reads the question
itself, as it would without a worker: the worker changes when the work is done, never the answer.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import logging
import sys
import time
from pathlib import Path

from bot.faq.reading import Reading, from_wire

log = logging.getLogger(__name__)
WAIT = 0.1  # longest a question's turn waits for its reading, while the worker keeps up
LIMIT = 256  # readings under way at most; beyond, messages are not read ahead
STALE = 60.0  # a reading nobody took in this long was not a question (an intake reply, say)
RESTART_AFTER = 30.0  # a worker that died is started again no sooner than this
STOP_WAIT = 2.0

Key = tuple[int, str]  # (FAQ version, question text)


class ReadAhead:
    """A worker process reading questions, and the readings under way or ready."""

    def __init__(self, db_path: Path) -> None:
        self._db_path = db_path
        self._process: asyncio.subprocess.Process | None = None
        self._listener: asyncio.Task[None] | None = None
        self._restart: asyncio.Task[None] | None = None
        self._numbers = itertools.count(1)
        self._pending: dict[int, asyncio.Future[Reading | None]] = {}
        # Per question, its readings in the order asked, with when each was asked. Keys keep
        # their first-asked order, so the stalest come first.
        self._ahead: dict[Key, list[tuple[float, asyncio.Future[Reading | None]]]] = {}
        self._lagging = False  # a turn timed out: until the worker replies again, do not wait
        self._started_at = -RESTART_AFTER
        self._version: int | None = None  # the latest asked for: a restarted worker loads it
        self._closed = False
        self.taken = 0  # readings the worker supplied (the rest were read in the bot)

    @property
    def running(self) -> bool:
        """Tell whether the worker process is up."""
        return self._process is not None and self._process.returncode is None

    async def start(self, version: int | None = None) -> None:
        """Start the worker process; it builds FAQ `version` before anything else."""
        self._started_at = time.monotonic()
        self._version = version if version is not None else self._version
        preload = [] if self._version is None else [str(self._version)]
        self._process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot.faq.worker", str(self._db_path), *preload,
            stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
        )  # fmt: skip
        self._listener = asyncio.create_task(self._listen(self._process))

    def submit(self, version: int, text: str) -> None:
        """Start reading `text` against FAQ `version`, if the worker can take it."""
        now = time.monotonic()
        self._forget_stale(now)
        if not self.running:
            self._restart_later(now)
            return
        if len(self._pending) >= LIMIT:
            return
        assert self._process is not None and self._process.stdin is not None
        self._version = version
        number = next(self._numbers)
        future: asyncio.Future[Reading | None] = asyncio.get_running_loop().create_future()
        self._pending[number] = future
        self._ahead.setdefault((version, text), []).append((now, future))
        request = {"id": number, "version": version, "text": text}
        self._process.stdin.write(json.dumps(request).encode() + b"\n")

    async def take(self, version: int, text: str) -> Reading | None:
        """Return the reading of a question read ahead, or None (then read it yourself)."""
        queued = self._ahead.get((version, text))
        if not queued:
            return None
        _, future = queued.pop(0)
        if not queued:
            del self._ahead[version, text]
        if not future.done() and self._lagging:
            return None
        try:
            reading = await asyncio.wait_for(asyncio.shield(future), WAIT)
        except TimeoutError:
            self._lagging = True
            return None
        self.taken += reading is not None
        return reading

    async def close(self) -> None:
        """Stop the worker: it ends when its input closes (killed if it does not)."""
        self._closed = True
        if self._restart is not None and not self._restart.done():
            self._restart.cancel()
            with contextlib.suppress(asyncio.CancelledError, OSError):
                await self._restart
        process, self._process = self._process, None
        if process is not None and process.returncode is None:
            assert process.stdin is not None
            process.stdin.close()
            try:
                await asyncio.wait_for(process.wait(), STOP_WAIT)
            except TimeoutError:
                process.kill()
                await process.wait()
        if self._listener is not None:
            self._listener.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._listener
        self._fail_pending()
        log.info("FAQ worker stopped; it read %d question(s) ahead", self.taken)

    async def _listen(self, process: asyncio.subprocess.Process) -> None:
        """Hand each reply to the turn waiting for it; when the worker ends, fail the rest."""
        assert process.stdout is not None
        async for line in process.stdout:
            self._settle(line)
        if not self._closed:
            log.warning("the FAQ worker stopped; questions are read in the bot's process")
        self._fail_pending()

    def _settle(self, line: bytes) -> None:
        self._lagging = False
        try:
            reply = json.loads(line)
            future = self._pending.pop(int(reply["id"]))
        except (ValueError, KeyError, TypeError):
            log.warning("unexpected line from the FAQ worker ignored")
            return
        reading = None
        if "reading" in reply:
            try:
                reading = from_wire(reply["reading"])
            except ValueError:
                log.warning("malformed reading from the FAQ worker ignored")
        else:
            log.warning("the FAQ worker could not read a question: %s", reply.get("error"))
        if not future.done():
            future.set_result(reading)

    def _fail_pending(self) -> None:
        for future in self._pending.values():
            if not future.done():
                future.set_result(None)
        self._pending.clear()

    def _forget_stale(self, now: float) -> None:
        while self._ahead:
            key = next(iter(self._ahead))
            queued = self._ahead[key]
            if now - queued[0][0] < STALE:
                return
            del self._ahead[key]

    def _restart_later(self, now: float) -> None:
        if self._closed or now - self._started_at < RESTART_AFTER:
            return
        self._started_at = now
        self._restart = asyncio.create_task(self.start())
        self._restart.add_done_callback(_report_start_failure)


def _report_start_failure(task: asyncio.Task[None]) -> None:
    if not task.cancelled() and task.exception() is not None:
        log.warning("the FAQ worker could not start: %s", type(task.exception()).__name__)
