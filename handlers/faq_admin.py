"""Admin handlers for the FAQ: reload, upload, history, rollback, drafts (private chat only)."""

from __future__ import annotations

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot import texts
from bot.faq import texts as faq_texts
from bot.messages import Outgoing, button_number
from handlers.admin import admin_chat
from handlers.citizen import message as citizen_message
from handlers.context import PRIVATE, BotApp, BotContext
from handlers.parse import actor, command_argument


async def reload(update: Update, context: BotContext) -> None:
    """Publish the FAQ folder on disk as a new version (no restart)."""
    if (chat := await admin_chat(update, context)) is None:
        return
    folder = context.services.settings.content_dir / "faq"
    await context.services.faq_admin.reload(chat, actor(update.effective_user, "admin"), folder)


async def history(update: Update, context: BotContext) -> None:
    """List FAQ versions."""
    if (chat := await admin_chat(update, context)) is None:
        return
    await context.services.faq_admin.history(chat)


async def rollback(update: Update, context: BotContext) -> None:
    """Restore an older FAQ version (as a new one)."""
    if (chat := await admin_chat(update, context)) is None:
        return
    argument = command_argument(update.effective_message)
    await context.services.faq_admin.rollback(chat, actor(update.effective_user, "admin"), argument)


async def upload(update: Update, context: BotContext) -> None:
    """Take a .yaml or .xlsx FAQ file from an admin and show a preview."""
    message = update.effective_message
    if message is None or not message.document:
        return
    if (chat := await admin_chat(update, context)) is None:
        return
    document = message.document
    name = document.file_name or "upload"
    if not name.lower().endswith((".yaml", ".yml", ".xlsx")):
        await context.services.deps.outbox.send(chat, Outgoing(faq_texts.FAQ_UPLOAD_TYPES))
        return
    if (document.file_size or 0) > 2 * 1024 * 1024:
        await context.services.deps.outbox.send(
            chat, Outgoing(faq_texts.FAQ_UPLOAD_TOO_BIG.format(limit=2048))
        )
        return
    data = bytes(await (await document.get_file()).download_as_bytearray())
    await context.services.faq_admin.upload(chat, name, data)


async def button(update: Update, context: BotContext) -> None:
    """Apply or drop an upload ("fa:ok"/"fa:no"), or make a draft entry ("fd:<ticket>")."""
    query = update.callback_query
    if query is None or update.effective_chat is None:
        return
    chat, services = update.effective_chat.id, context.services
    admin = actor(update.effective_user, "admin")
    data = query.data or ""
    if not services.admins.is_admin(admin.id or 0) or update.effective_chat.type != "private":
        notice = texts.ADMINS_ONLY
    elif data.startswith(("fa:ok:", "fa:no:")):
        notice = await services.faq_admin.decide(chat, admin, data[3:5] == "ok", data[6:])
    elif data.startswith("fd:") and (event_id := button_number(data[3:])) is not None:
        notice = await services.faq_admin.make_draft(chat, admin, event_id)
    else:
        notice = texts.STALE_BUTTON
    await services.deps.outbox.answer_callback(chat, query.id, notice)


def register(app: BotApp) -> None:
    """Add the FAQ admin handlers."""
    app.add_handlers(
        [
            CommandHandler("faq_reload", reload, filters=PRIVATE),
            CommandHandler("faq_history", history, filters=PRIVATE),
            CommandHandler("faq_rollback", rollback, filters=PRIVATE),
            CallbackQueryHandler(button, pattern=r"^(fa|fd):"),
            # Before the citizen's catch-all, which would take every document as an attachment.
            MessageHandler(PRIVATE & filters.Document.ALL, document),
        ]
    )


async def document(update: Update, context: BotContext) -> None:
    """Take an admin's document as an FAQ upload, unless the admin is filing a ticket."""
    user, chat = update.effective_user, update.effective_chat
    services = context.services
    if user is None or chat is None:
        return
    if services.admins.is_admin(user.id) and not await services.intake.has_draft(chat.id):
        await upload(update, context)
    else:
        await citizen_message(update, context)
