"""Bulletin, subscription and reception-schedule handlers."""

from __future__ import annotations

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot import texts
from handlers.admin import admin_chat
from handlers.citizen import message as citizen_message
from handlers.context import NEW, PRIVATE, BotApp, BotContext
from handlers.parse import command_argument, media_kind


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


async def bulletin(update: Update, context: BotContext) -> None:
    """Start composing a bulletin (admins, in private)."""
    if (chat := await admin_chat(update, context)) is not None and update.effective_user:
        await context.services.bulletins.start(chat, update.effective_user.id)


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
    """Handle subscription ("s:"), schedule ("l:") and composing ("b:") buttons."""
    query, chat, user = update.callback_query, update.effective_chat, update.effective_user
    if query is None or chat is None or user is None:
        return
    services = context.services
    prefix, _, rest = (query.data or "").partition(":")
    message_id = query.message.message_id if query.message is not None else None
    if prefix == "s" and rest:
        notice = await services.subscriptions.button(chat.id, message_id, rest.split(":"))
    elif prefix == "l" and rest:
        notice = await services.schedule.button(chat.id, rest)
    elif not services.admins.is_admin(user.id) or chat.type != chat.PRIVATE:
        notice = texts.ADMINS_ONLY
    else:
        notice = await services.bulletins.button(chat.id, user.id, rest.split(":"))
    await services.deps.outbox.answer_callback(chat.id, query.id, notice)


async def compose(update: Update, context: BotContext) -> None:
    """Take an admin's message for the bulletin being composed; anything else as a citizen's."""
    message, user, chat = update.effective_message, update.effective_user, update.effective_chat
    services = context.services
    if message is None or user is None or chat is None:
        return
    if not services.admins.is_admin(user.id) or not await services.bulletins.composing(chat.id):
        await citizen_message(update, context)
        return
    photo = message.photo[-1].file_id if message.photo else None
    other = media_kind(message) not in (None, "photo")
    text = message.text if message.text is not None else message.caption or ""
    await services.bulletins.receive(chat.id, user.id, text, photo, other)


def register(app: BotApp) -> None:
    """Add the handlers (before the citizen's catch-all, which would take composing text)."""
    app.add_handlers(
        [
            CommandHandler("subscribe", subscribe, filters=PRIVATE),
            CommandHandler("unsubscribe", unsubscribe, filters=PRIVATE),
            CommandHandler("schedule", schedule, filters=PRIVATE),
            CommandHandler("bulletin", bulletin, filters=PRIVATE),
            CommandHandler("schedule_set", schedule_set, filters=NEW),
            CommandHandler("sessions_set", sessions_set, filters=NEW),
            CallbackQueryHandler(button, pattern=r"^(s|l|b):"),
            MessageHandler(PRIVATE & ~filters.COMMAND, compose),
        ]
    )
