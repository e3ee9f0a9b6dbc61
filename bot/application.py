"""Wire the Telegram application and run it: the one place that knows all the parts."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import time
from typing import cast

from telegram import BotCommand, BotCommandScopeAllGroupChats
from telegram.error import BadRequest, InvalidToken, NetworkError, TelegramError
from telegram.ext import AIORateLimiter, ApplicationBuilder

from bot import texts
from bot.config import ConfigError, Settings
from bot.logs import quiet_payload_loggers
from bot.outbox import Clock
from bot.services import open_services
from bot.waiting import Backoff
from handlers import admin, bulletins, citizen, faq_admin, officer, reports
from handlers.context import CONTEXT_TYPES, BotApp, BotContext
from handlers.delivery import Sender, in_flight_limit
from handlers.dispatch import JSONDict, dispatch, poll, record_error
from handlers.http import AiohttpRequest

log = logging.getLogger(__name__)
INBOX_RETENTION_SECONDS = 2 * 24 * 3600  # Telegram re-delivers for at most 24 h
CONNECT_RETRY_SECONDS = (1.0, 60.0)  # first wait, then doubling up to the second


def build_application(settings: Settings, clock: Clock = time.time) -> BotApp:
    """Build the application: handlers by role, rate limiter, no PTB updater (we poll durably)."""
    quiet_payload_loggers()
    limiter = AIORateLimiter(
        overall_max_rate=settings.send_rate,
        overall_time_period=1,
        group_max_rate=settings.group_rate,
        group_time_period=60,
        max_retries=0,
    )
    app = cast(
        BotApp,
        ApplicationBuilder()
        .token(settings.token.reveal())
        .base_url(settings.base_url)
        .base_file_url(settings.base_file_url)
        .context_types(CONTEXT_TYPES)
        .updater(None)
        .rate_limiter(limiter)
        .request(_request(settings, in_flight_limit(settings.send_rate) + 8))
        .get_updates_request(_request(settings, 2))
        .post_init(_post_init)
        .post_shutdown(_post_shutdown)
        .build(),
    )
    app.bot_data.settings = settings
    app.bot_data.clock = clock
    faq_admin.register(app)
    reports.register(app)
    bulletins.register(app)
    citizen.register(app)
    officer.register(app)
    admin.register(app)
    citizen.register_fallback(app)
    app.add_error_handler(record_error)
    return app


def _request(settings: Settings, pool_size: int) -> AiohttpRequest:
    timeout = settings.http_timeout
    return AiohttpRequest(
        read_timeout=timeout, write_timeout=timeout, connect_timeout=timeout, pool_size=pool_size
    )


async def _post_init(app: BotApp) -> None:
    """Open the database, load content, register commands and schedule housekeeping."""
    settings = app.bot_data.settings
    assert settings is not None
    services = await open_services(settings, app.bot_data.clock)
    app.bot_data.services = services
    await services.start()
    # The ward directory and the FAQ index are hundreds of thousands of long-lived objects: left
    # to the cyclic collector, each full collection walks them all (a pause of tens of ms).
    gc.collect()
    gc.freeze()
    commands = [BotCommand(name, description) for name, description in texts.COMMANDS.items()]
    in_groups = [BotCommand(name, text) for name, text in texts.GROUP_COMMANDS.items()]
    try:
        await app.bot.set_my_commands(in_groups, scope=BotCommandScopeAllGroupChats())
        await app.bot.set_my_commands(commands)  # last: the harness waits for the default menu
    except TelegramError as exc:  # the menu is a convenience; the bot works without it
        log.warning("setMyCommands failed: %s", exc)
    if app.job_queue is not None:
        app.job_queue.run_repeating(_expire_drafts, interval=60, first=1)
        app.job_queue.run_repeating(_purge_inbox, interval=3600, first=60)
        every = settings.reminder_interval
        app.job_queue.run_repeating(_send_reminders, interval=every, first=min(every, 5))


async def _post_shutdown(app: BotApp) -> None:
    """Close the database."""
    if app.bot_data.services is not None:
        await app.bot_data.services.close()
        app.bot_data.services = None


async def _expire_drafts(context: BotContext) -> None:
    services = context.services
    async with services.db.transaction():
        await services.intake.expire(services.settings.draft_timeout_minutes)


async def _send_reminders(context: BotContext) -> None:
    services = context.services
    async with services.db.transaction():
        await services.reminders.run(services.deps.clock())


async def _purge_inbox(context: BotContext) -> None:
    services = context.services
    async with services.db.transaction():
        before = services.deps.clock() - INBOX_RETENTION_SECONDS
        await services.deps.inbox.purge(before)


async def run(app: BotApp, stop: asyncio.Event) -> None:
    """Run until `stop` is set: poll, dispatch and deliver, then shut down cleanly."""
    if not await _connect(app, stop):
        return
    try:
        if app.post_init is not None:
            await app.post_init(app)
        await app.bot.delete_webhook(drop_pending_updates=False)
        await app.start()
        services = app.bot_data.services
        assert services is not None
        sender = Sender(app, services)
        parsed: dict[int, JSONDict] = {}
        tasks = [
            asyncio.create_task(poll(app, stop, parsed), name="poll"),
            asyncio.create_task(dispatch(app, stop, parsed), name="dispatch"),
            asyncio.create_task(sender.run(stop), name="deliver"),
            asyncio.create_task(services.broadcaster.run(stop), name="bulletins"),
        ]
        await _until_stopped(stop, tasks)
        await sender.drain()
        await app.stop()
    finally:
        await app.shutdown()
        if app.post_shutdown is not None:
            await app.post_shutdown(app)


async def _connect(app: BotApp, stop: asyncio.Event) -> bool:
    """Initialise the application, which checks the token with getMe; return False if stopped.

    A server that boots before its network is common: an unreachable Bot API is retried with
    backoff, one log line a try. A rejected token stops start-up with one clear line.
    """
    retry = Backoff(*CONNECT_RETRY_SECONDS)
    while not stop.is_set():
        try:
            await app.initialize()
            return True
        except InvalidToken:
            await app.bot.shutdown()
            raise ConfigError(
                "TELEGRAM_BOT_TOKEN was rejected by the Bot API: copy the token BotFather gave "
                "the bot again (or /revoke and use the new one)"
            ) from None  # PTB's own message quotes the token: never repeat it
        except NetworkError as exc:  # TimedOut too; not BadRequest, which getMe never gets
            if isinstance(exc, BadRequest):
                await app.bot.shutdown()
                raise
            log.warning(
                "the Bot API cannot be reached (%s); retrying in %.0f s",
                type(exc).__name__,
                retry.next,
            )
            await retry.wait(stop)
    await app.bot.shutdown()
    return False


async def _until_stopped(stop: asyncio.Event, tasks: list[asyncio.Task[None]]) -> None:
    """Wait for `stop`; a loop that dies unexpectedly stops the bot rather than hiding."""
    stopper = asyncio.create_task(stop.wait())
    await asyncio.wait([stopper, *tasks], return_when=asyncio.FIRST_COMPLETED)
    stop.set()
    for task in tasks:
        task.cancel()
    for task in tasks:
        with contextlib.suppress(asyncio.CancelledError):
            await task  # re-raises what made a loop die
