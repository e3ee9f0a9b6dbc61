"""Typed callback context: handlers reach the domain through `context.services`."""

from __future__ import annotations

import time
from typing import Any

from telegram.ext import Application, CallbackContext, ContextTypes, ExtBot, JobQueue, filters

from bot.config import Settings
from bot.outbox import Clock
from bot.services import Services

# New messages only: PTB hands edited messages to handlers too (CommandHandler by default), and
# an edited command or file would be acted on a second time.
NEW = filters.UpdateType.MESSAGE
PRIVATE = filters.ChatType.PRIVATE & NEW


class AppState:
    """What the application keeps for its whole life (PTB's bot_data, typed)."""

    def __init__(self) -> None:
        self.settings: Settings | None = None
        self.services: Services | None = None
        self.clock: Clock = time.time  # tests move it to a chosen day to check legal deadlines


class BotContext(CallbackContext[ExtBot[Any], dict[Any, Any], dict[Any, Any], AppState]):
    """Callback context with typed access to the domain services."""

    @property
    def services(self) -> Services:
        """Return the services opened in post_init."""
        services = self.bot_data.services
        if services is None:
            raise RuntimeError("services are not open yet (post_init has not run)")
        return services


BotApp = Application[
    ExtBot[Any], BotContext, dict[Any, Any], dict[Any, Any], AppState, JobQueue[BotContext]
]
CONTEXT_TYPES = ContextTypes(context=BotContext, bot_data=AppState)
