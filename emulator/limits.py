"""Telegram's overall limit on a bot's messages, enforced the way a flood limit is: 429s."""

from __future__ import annotations

import math
import time
from collections.abc import Callable

# Methods that put a message into a chat count against the limit; chat actions do not.
LIMITED_PREFIXES = ("send", "copy", "forward")
UNLIMITED = frozenset({"sendChatAction"})


def is_limited(method: str) -> bool:
    """Tell whether a Bot API method sends a message (and so counts against the limit)."""
    return method.startswith(LIMITED_PREFIXES) and method not in UNLIMITED


class RateLimit:
    """A leaky bucket: up to `burst` messages at once, refilled at `per_second`.

    A message that finds the bucket full is refused with the whole seconds until it would fit,
    as Telegram's 429 carries retry_after.
    """

    def __init__(
        self,
        per_second: float,
        burst: float | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if per_second <= 0:
            raise ValueError("per_second must be positive")
        self.per_second = per_second
        self.burst = max(1.0, per_second if burst is None else burst)
        self._clock = clock
        self._level = 0.0
        self._at = clock()
        self.refused = 0

    def admit(self) -> int | None:
        """Count one message; return None if it may go, else its retry_after in seconds."""
        now = self._clock()
        self._level = max(0.0, self._level - (now - self._at) * self.per_second)
        self._at = now
        if self._level + 1 <= self.burst:
            self._level += 1
            return None
        self.refused += 1
        return max(1, math.ceil((self._level + 1 - self.burst) / self.per_second))
