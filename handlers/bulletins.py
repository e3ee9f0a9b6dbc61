"""Subscription and reception-schedule handlers."""

from __future__ import annotations

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler, filters

from handlers.admin import admin_chat
from handlers.context import BotApp, BotContext
from handlers.parse import command_argument

PRIVATE = filters.ChatType.PRIVATE


async def subscribe(update: Update, context: BotContext) -> None:
    """Show the chat's opt-ins, or opt in to a typed ward (`/subscribe Ba Đình`)."""
    if update.effective_chat:
        argument = command_argument(update.effective_message)
        await context.services.subscriptions.subscribe_text(update.effective_chat.id, argument)


async def unsubscribe(update: Update, context: BotContext) -> None:
    """Stop every bulletin to this chat."""
    if update.effective_chat:
        await context.services.subscriptions.stop_all(update.effective_chat.id)


async def schedule(update: Update, context: BotContext) -> None:
    """Show a ward's reception schedule (`/schedule Ba Đình`), or the wards that have one."""
    if update.effective_chat:
        argument = command_argument(update.effective_message)
        await context.services.schedule.command(update.effective_chat.id, argument)


async def schedule_set(update: Update, context: BotContext) -> None:
    """Publish a ward's reception schedule (admins): the ward, then the text on new lines."""
    if (chat := await admin_chat(update, context)) is not None and update.effective_user:
        argument = command_argument(update.effective_message)
        await context.services.schedule.publish_schedule(chat, update.effective_user.id, argument)


async def sessions_set(update: Update, context: BotContext) -> None:
    """Publish a ward's dialogue sessions (admins): the ward, then one session a line."""
    if (chat := await admin_chat(update, context)) is not None and update.effective_user:
        argument = command_argument(update.effective_message)
        await context.services.schedule.publish_sessions(chat, update.effective_user.id, argument)


async def button(update: Update, context: BotContext) -> None:
    """Handle subscription ("s:") and schedule ("l:") buttons."""
    query, chat, user = update.callback_query, update.effective_chat, update.effective_user
    if query is None or chat is None or user is None:
        return
    services = context.services
    prefix, _, rest = (query.data or "").partition(":")
    message_id = query.message.message_id if query.message is not None else None
    if prefix == "s" and rest:
        notice = await services.subscriptions.button(chat.id, message_id, rest.split(":"))
    else:
        notice = await services.schedule.button(chat.id, rest)
    await services.deps.outbox.answer_callback(chat.id, query.id, notice[:190])


def register(app: BotApp) -> None:
    """Add the handlers."""
    app.add_handlers(
        [
            CommandHandler("subscribe", subscribe, filters=PRIVATE),
            CommandHandler("unsubscribe", unsubscribe, filters=PRIVATE),
            CommandHandler("schedule", schedule, filters=PRIVATE),
            CommandHandler("schedule_set", schedule_set),
            CommandHandler("sessions_set", sessions_set),
            CallbackQueryHandler(button, pattern=r"^(s|l):"),
        ]
    )
