"""`/report [period]`: admins in a private chat (all wards), or in an officers' group (its own)."""

from __future__ import annotations

from telegram import Update
from telegram.ext import CommandHandler

from handlers.admin import admin_chat
from handlers.context import NEW, BotApp, BotContext
from handlers.parse import command_argument


async def report(update: Update, context: BotContext) -> None:
    """Send a period report: the text, a chart and a workbook."""
    chat = update.effective_chat
    if chat is None:
        return
    argument = command_argument(update.effective_message)
    if chat.type != chat.PRIVATE:
        await context.services.reports.for_group(chat.id, argument)
    elif await admin_chat(update, context) is not None:
        await context.services.reports.for_admin(chat.id, argument)


def register(app: BotApp) -> None:
    """Add the report command."""
    app.add_handler(CommandHandler("report", report, filters=NEW))
