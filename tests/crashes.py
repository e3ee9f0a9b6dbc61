"""What a chat may receive when the bot is killed mid-send: the Bot API has no idempotency key."""

from __future__ import annotations


def allowed_copies(got: dict[int, int], in_flight: dict[int, int]) -> dict[int, int]:
    """Return, per chat, the copies it may hold: one, plus one per kill its call was in flight at
    (as the outbox counted); never none.

    Compared with `got`, any chat that got nothing, or more than its kills explain, differs.
    """
    return {chat: min(n, 1 + in_flight[chat]) if n >= 1 else 1 for chat, n in got.items()}
