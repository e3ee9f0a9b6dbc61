"""The bulletin lane takes what conversation leaves of the rate, and backs off on 429."""

from __future__ import annotations

from bot.pacing import LanePacer


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def drain(pacer: LanePacer, clock: FakeClock, seconds: float, conversation: int = 0) -> int:
    """Start bulletin messages whenever allowed, in 1 ms steps; return how many started."""
    started = 0
    for step in range(int(seconds * 1000)):
        clock.now += 0.001
        if conversation and step % (1000 // conversation) == 0:
            pacer.spend(1)
        allowed = pacer.available()
        pacer.take(allowed, waiting=True)
        started += allowed
    return started


def test_the_lane_keeps_to_the_rate() -> None:
    clock = FakeClock()
    pacer = LanePacer(30.0, clock=clock)
    started = drain(pacer, clock, 10.0)
    assert 298 <= started <= 300  # the rate, with no burst at the start


def test_the_lane_catches_up_after_a_hold_up_but_never_starts_with_a_burst() -> None:
    clock = FakeClock()
    pacer = LanePacer(100.0, clock=clock)
    clock.now += 2.0  # nothing was waiting all along
    assert pacer.available() == 1
    pacer.take(1, waiting=True)
    clock.now += 2.0  # bulletins waited, but the event loop was held up for two seconds
    assert pacer.available() == 50  # half a second of sending, to catch up
    pacer.take(10, waiting=False)  # all there was
    clock.now += 2.0
    assert pacer.available() == 1


def test_conversation_goes_first_and_the_lane_yields() -> None:
    clock = FakeClock()
    pacer = LanePacer(30.0, clock=clock)
    started = drain(pacer, clock, 10.0, conversation=10)
    assert 195 <= started <= 205  # 30/s overall, of which conversation took 10/s
    pacer.spend(15)  # a burst of replies
    assert pacer.available() == 0
    assert 0.4 < pacer.wait() < 0.6  # half a second of sending pushed back


def test_a_429_pauses_the_lane_and_halves_its_rate_until_it_recovers() -> None:
    clock = FakeClock()
    pacer = LanePacer(100.0, clock=clock)
    pacer.throttled(2.0)
    pacer.throttled(2.0)  # the other calls in flight get 429 too: one slowdown per pause
    assert pacer.rate == 50.0
    assert pacer.available() == 0 and 1.99 < pacer.wait() <= 2.0
    assert drain(pacer, clock, 1.9) == 0
    assert drain(pacer, clock, 1.0) > 0
    assert 50.0 <= pacer.rate < 54.0  # 5 % a second
    drain(pacer, clock, 20.0)
    assert pacer.rate == 100.0


def test_after_a_429_the_lane_falls_to_what_telegram_accepted() -> None:
    clock = FakeClock()
    pacer = LanePacer(1000.0, clock=clock)
    for _ in range(60):  # Telegram lets 30 a second through
        clock.now += 1 / 30
        pacer.delivered()
    pacer.throttled(1.0)
    assert 29.0 <= pacer.rate <= 31.0
