"""The emulator can enforce Telegram's overall message limit, answering 429 with retry_after."""

from __future__ import annotations

import pytest
from telegram import Bot
from telegram.error import RetryAfter

from emulator import BotApiEmulator
from emulator.limits import RateLimit, is_limited


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_bucket_admits_a_burst_then_refills_at_the_rate() -> None:
    clock = FakeClock()
    limit = RateLimit(2.0, burst=3, clock=clock)
    assert [limit.admit() for _ in range(4)] == [None, None, None, 1]
    clock.now += 0.5  # one message's worth leaks out
    assert limit.admit() is None
    assert limit.admit() == 1
    clock.now += 10
    assert [limit.admit() for _ in range(3)] == [None, None, None]
    assert limit.refused == 2


def test_retry_after_covers_the_wait_in_whole_seconds() -> None:
    clock = FakeClock()
    limit = RateLimit(0.5, burst=1, clock=clock)
    assert limit.admit() is None
    assert limit.admit() == 2  # one message leaks out every two seconds


def test_only_messages_count() -> None:
    assert is_limited("sendMessage") and is_limited("sendPhoto") and is_limited("copyMessage")
    assert not is_limited("sendChatAction") and not is_limited("getUpdates")
    assert not is_limited("answerCallbackQuery")


async def test_messages_over_the_limit_get_429(emu: BotApiEmulator, bot: Bot) -> None:
    an = emu.add_user("An")
    emu.limit_rate(1.0, burst=2)
    await bot.send_message(an.id, "một")
    await bot.send_message(an.id, "hai")
    with pytest.raises(RetryAfter) as caught:
        await bot.send_message(an.id, "ba")
    assert caught.value.retry_after in (1, 1.0) or caught.value.retry_after.total_seconds() == 1
    await bot.send_chat_action(an.id, "typing")  # not a message: never refused
    assert emu.rate_limit is not None and emu.rate_limit.refused == 1
    assert [m.plain_text for m in emu.bot_messages(an.id)] == ["một", "hai"]
    emu.limit_rate(None)
    await bot.send_message(an.id, "bốn")
