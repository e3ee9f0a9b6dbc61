"""Small asyncio helpers shared by the bot's loops."""

from __future__ import annotations

import asyncio
import contextlib


async def wait_event(event: asyncio.Event, seconds: float) -> None:
    """Wait until `event` is set or `seconds` pass, whichever comes first."""
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(event.wait(), seconds)


class Backoff:
    """Waits between failed tries: `first` seconds, doubling up to `longest`; a success resets."""

    def __init__(self, first: float, longest: float) -> None:
        self._first, self._longest = first, longest
        self.next = first  # what the coming wait will be (for the log line announcing it)

    async def wait(self, stop: asyncio.Event) -> None:
        """Wait the next delay, or until `stop` is set; then double the delay."""
        await wait_event(stop, self.next)
        self.next = min(self.next * 2, self._longest)

    def reset(self) -> None:
        """Start over from the first delay (the last try succeeded)."""
        self.next = self._first
