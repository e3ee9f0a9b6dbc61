"""Logging that never carries personal data or the token."""

from __future__ import annotations

import logging

# These libraries log payloads below WARNING: aiosqlite every SQL parameter, PTB every request
# body and update, httpx every URL (which holds the bot token). A denouncer's name must never
# reach a log, whatever level an operator picks, so they are clamped here.
PAYLOAD_LOGGERS = ("aiosqlite", "telegram", "httpx", "httpcore", "apscheduler")


def quiet_payload_loggers() -> None:
    """Keep the libraries that log message contents at WARNING and above."""
    for name in PAYLOAD_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)


def configure(level: str) -> None:
    """Set up console logging at `level` for the bot's own modules."""
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    quiet_payload_loggers()
