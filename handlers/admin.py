"""Admin handlers: binding groups to wards and seeing tickets in full."""

from __future__ import annotations

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler, filters

from bot import texts
from bot.messages import Outgoing
from handlers.context import BotApp, BotContext
from handlers.parse import actor, command_argument


async def admin_chat(update: Update, context: BotContext) -> int | None:
    """Return the chat id when an admin sent the update; otherwise refuse politely."""
    chat, user = update.effective_chat, update.effective_user
    if chat is None or user is None:
        return None
    if not context.services.admins.is_admin(user.id):
        await context.services.deps.outbox.send(chat.id, Outgoing(texts.ADMINS_ONLY))
        return None
    return chat.id


async def bind_ward(update: Update, context: BotContext) -> None:
    """Bind the group this is sent in to a ward (admins only, in a group)."""
    chat, user, services = update.effective_chat, update.effective_user, context.services
    if chat is None or user is None or await admin_chat(update, context) is None:
        return
    if chat.type == chat.PRIVATE:
        await services.deps.outbox.send(chat.id, Outgoing(texts.GROUP_ONLY))
    else:
        argument = command_argument(update.effective_message)
        await services.admins.bind_ward(chat.id, actor(user, "admin"), argument)


async def private_ticket(update: Update, context: BotContext) -> None:
    """Show a ticket with the sender's identity to an admin, in private."""
    if (chat := await admin_chat(update, context)) is None:
        return
    argument = command_argument(update.effective_message)
    admin = actor(update.effective_user, "admin")
    await context.services.admins.ticket(chat, admin, argument)


async def unknown_button(update: Update, context: BotContext) -> None:
    """Answer a button whose data the bot does not know (forged or from an old version)."""
    query, chat = update.callback_query, update.effective_chat
    if query is not None and chat is not None:
        await context.services.deps.outbox.answer_callback(chat.id, query.id, texts.STALE_BUTTON)


def register(app: BotApp) -> None:
    """Add the admin handlers, and the catch-all for unknown buttons."""
    app.add_handlers(
        [
            CommandHandler("bind_ward", bind_ward),
            CommandHandler("ticket", private_ticket, filters=filters.ChatType.PRIVATE),
            CallbackQueryHandler(unknown_button),
        ]
    )
