"""Admin handlers: binding groups to wards and seeing tickets in full."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot import texts
from bot.binding import BoundChat
from bot.messages import Outgoing
from bot.routing import Role
from handlers.context import NEW, PRIVATE, BotApp, BotContext
from handlers.parse import actor, command_argument

BIND_COMMANDS = (
    ("ward", Role.WARD),
    ("category", Role.CATEGORY),
    ("kind", Role.KIND),
    ("denunciations", Role.DENUNCIATION),
    ("fallback", Role.FALLBACK),
    ("supervisor", Role.SUPERVISOR),
)


async def admin_chat(update: Update, context: BotContext) -> int | None:
    """Return the chat id when an admin sent the update; otherwise refuse politely."""
    chat, user = update.effective_chat, update.effective_user
    if chat is None or user is None:
        return None
    if not context.services.admins.is_admin(user.id):
        await context.services.deps.outbox.send(chat.id, Outgoing(texts.ADMINS_ONLY))
        return None
    return chat.id


async def _in_group_as_admin(update: Update, context: BotContext) -> int | None:
    """Return the group's id when an admin sent the command in a group; else refuse."""
    chat = update.effective_chat
    if chat is None or await admin_chat(update, context) is None:
        return None
    if chat.type == chat.PRIVATE:
        await context.services.deps.outbox.send(chat.id, Outgoing(texts.GROUP_ONLY))
        return None
    return chat.id


def _binder(role: Role) -> Callable[[Update, BotContext], Coroutine[Any, Any, None]]:
    """Make the handler of one /bind_… command."""

    async def bind(update: Update, context: BotContext) -> None:
        if (chat := await _in_group_as_admin(update, context)) is None:
            return
        message = update.effective_message
        forum = bool(update.effective_chat and update.effective_chat.is_forum)
        thread = message.message_thread_id if message and message.is_topic_message else None
        admin = actor(update.effective_user, "admin")
        argument = command_argument(message)
        bound = BoundChat(chat, thread, forum)
        await context.services.admins.binding.bind(bound, admin, role, argument)

    bind.__doc__ = f"Bind the group this is sent in as {role.value} (admins only)."
    return bind


async def unbind(update: Update, context: BotContext) -> None:
    """Remove every routing rule of the group this is sent in (admins only)."""
    if (chat := await _in_group_as_admin(update, context)) is not None:
        await context.services.admins.binding.unbind(chat)


async def routes(update: Update, context: BotContext) -> None:
    """Show the routing table (admins only, anywhere)."""
    if (chat := await admin_chat(update, context)) is not None:
        await context.services.admins.binding.table(chat)


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
            *(
                CommandHandler(f"bind_{name}", _binder(role), filters=NEW)
                for name, role in BIND_COMMANDS
            ),
            CommandHandler("unbind", unbind, filters=NEW),
            CommandHandler("routes", routes, filters=NEW),
            CommandHandler("ticket", private_ticket, filters=PRIVATE),
            CallbackQueryHandler(unknown_button),
        ]
    )
