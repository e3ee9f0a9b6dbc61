"""Pace the bulletin lane: it gets what conversation leaves of the overall send rate."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable

# While bulletins wait, the lane may bank half a second of sending, to catch up after the
# event loop was held up; with nothing waiting it banks nothing, so a bulletin never starts
# with a burst.
BURST_SECONDS = 0.5
RECOVERY_PER_SECOND = 0.05  # after a 429, the rate climbs back by 5 % a second
MIN_RATE = 1.0


class LanePacer:
    """A token bucket at the overall send rate, which conversation draws on first.

    Every message started spends a token. Conversation never waits for one (it may run the
    bucket into debt); a bulletin message starts only with a token in hand. Bulletins thus fill
    the rate that conversation leaves, and a burst of replies pushes bulletins back instead of
    queueing behind them in the rate limiter. A 429 on a bulletin message means the bot as a
    whole went too fast: the lane pauses for retry_after and falls to half its rate, or to what
    Telegram accepted over the last second if that is less; then it climbs back by
    RECOVERY_PER_SECOND a second.
    """

    def __init__(self, rate: float, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._max = rate
        self._rate = rate
        self._at = clock()
        self._tokens = 0.0
        self._waiting = False  # bulletin messages are held back: the lane may bank tokens
        self._paused_until = 0.0
        self._delivered: deque[float] = deque()  # when bulletin messages got through, last 1 s
        self._first_delivered: float | None = None

    @property
    def rate(self) -> float:
        """Return the lane's current rate (messages per second)."""
        return self._rate

    def spend(self, count: int) -> None:
        """Count conversation messages started (they never wait)."""
        self._refill()
        self._tokens = max(self._tokens - count, -self._max)

    def available(self) -> int:
        """Return how many bulletin messages may start now."""
        now = self._refill()
        if now < self._paused_until:
            return 0
        return max(0, int(self._tokens))

    def take(self, count: int, waiting: bool) -> None:
        """Count bulletin messages started (at most `available()`); `waiting`: others were
        held back for want of tokens."""
        self._tokens -= count
        self._waiting = waiting

    def wait(self) -> float:
        """Return the seconds until the next bulletin message may start."""
        now = self._refill()
        if now < self._paused_until:
            return self._paused_until - now
        return max(0.0, (1.0 - self._tokens) / self._rate)

    def delivered(self) -> None:
        """Note a bulletin message that got through (what Telegram accepts, measured)."""
        now = self._clock()
        self._delivered.append(now)
        if self._first_delivered is None:
            self._first_delivered = now
        self._forget(now)

    def throttled(self, retry_after: float) -> None:
        """React to a 429 on a bulletin message: pause, and slow down once per pause."""
        now = self._refill()
        if now >= self._paused_until:
            rate = self._rate / 2
            if self._first_delivered is not None and now - self._first_delivered >= 1.0:
                self._forget(now)
                rate = min(rate, float(len(self._delivered)))  # accepted in the last second
            self._rate = max(MIN_RATE, rate)
        self._paused_until = max(self._paused_until, now + retry_after)
        self._tokens = min(self._tokens, 0.0)

    def _forget(self, now: float) -> None:
        while self._delivered and self._delivered[0] < now - 1.0:
            self._delivered.popleft()

    def _capacity(self) -> float:
        return max(1.0, self._rate * BURST_SECONDS)

    def _refill(self) -> float:
        # A pause banks nothing: the lane resumes at its rate, not with a burst.
        now = self._clock()
        elapsed = max(0.0, now - max(self._at, self._paused_until))
        self._at = now
        if self._rate < self._max:
            self._rate = min(self._max, self._rate * (1 + RECOVERY_PER_SECOND * elapsed))
        bank = self._capacity() if self._waiting else 1.0
        self._tokens = min(bank, self._tokens + elapsed * self._rate)
        return now
