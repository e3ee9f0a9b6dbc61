"""Citizen handlers: the private chat with the bot."""

from __future__ import annotations

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot import texts
from bot.messages import Outgoing, button_number, escape
from handlers.context import PRIVATE, BotApp, BotContext
from handlers.parse import command_argument, display_name, to_inbound


async def start(update: Update, context: BotContext) -> None:
    """Greet the citizen and show the menu."""
    if update.effective_chat:
        name = display_name(update.effective_user)
        await context.services.citizens.greet(update.effective_chat.id, name)


async def new_ticket(update: Update, context: BotContext) -> None:
    """Start the intake conversation."""
    if update.effective_chat and update.effective_user:
        await context.services.intake.start(update.effective_chat.id, update.effective_user.id)


async def cancel(update: Update, context: BotContext) -> None:
    """Cancel the draft or pending question."""
    if update.effective_chat:
        await context.services.intake.cancel(update.effective_chat.id)


async def status(update: Update, context: BotContext) -> None:
    """Show the citizen's tickets, or one of them with `/status CODE`."""
    if update.effective_chat is None:
        return
    code = command_argument(update.effective_message)
    views = context.services.views
    if code:
        await views.citizen_ticket(update.effective_chat.id, code)
    else:
        await views.my_tickets(update.effective_chat.id)


async def help_text(update: Update, context: BotContext) -> None:
    """Explain how to use the bot."""
    if update.effective_chat:
        await context.services.deps.outbox.send(update.effective_chat.id, Outgoing(texts.HELP))


async def message(update: Update, context: BotContext) -> None:
    """Route any other private message (text, media, contact) to the citizen desk."""
    inbound = to_inbound(update)
    if inbound is not None:
        await context.services.citizens.receive(inbound)


async def button(update: Update, context: BotContext) -> None:
    """Handle menu, intake and rating buttons pressed in a private chat."""
    query, chat, user = update.callback_query, update.effective_chat, update.effective_user
    if query is None or chat is None or user is None:
        return
    services, data = context.services, query.data or ""
    prefix, _, rest = data.partition(":")
    notice = ""
    if chat.type != chat.PRIVATE:  # only forged data brings a citizen's button to a group
        notice = texts.STALE_BUTTON
    elif prefix == "m" and rest in ("new", "mine", "help", "faq", "subs", "sched"):
        await _menu(rest, update, context)
    elif prefix == "i":
        notice = await services.intake.choose(chat.id, user.id, rest, f"tg:{update.update_id}")
    elif prefix == "r" and (parsed := _rating(rest)) is not None:
        notice = await services.citizens.rate(chat.id, user.id, *parsed)
    elif prefix == "nf" and (event_id := button_number(rest)) is not None:
        notice = await services.citizens.not_a_follow_up(chat.id, user.id, event_id)
    elif prefix == "f" and rest:
        notice = await services.faq.button(chat.id, user.id, rest.split(":"))
    else:
        notice = texts.STALE_BUTTON
    await services.deps.outbox.answer_callback(chat.id, query.id, notice)


async def _menu(item: str, update: Update, context: BotContext) -> None:
    if item == "new":
        await new_ticket(update, context)
    elif item == "mine":
        await status(update, context)
    elif item == "help":
        await help_text(update, context)
    elif item == "subs" and update.effective_chat:
        await context.services.subscriptions.show(update.effective_chat.id)
    elif item == "sched" and update.effective_chat:
        await context.services.schedule.menu(update.effective_chat.id)
    elif update.effective_chat:
        await context.services.faq.button(update.effective_chat.id, 0, ["t", "-1"])


async def unknown_command(update: Update, context: BotContext) -> None:
    """Say that a command is not one the bot knows (a draft in progress stays as it is)."""
    message, chat = update.effective_message, update.effective_chat
    if message and message.text and chat:
        word = message.text.split()[0][:50]
        reply = Outgoing(texts.UNKNOWN_COMMAND.format(command=escape(word)))
        await context.services.deps.outbox.send(chat.id, reply)


async def edited(update: Update, context: BotContext) -> None:
    """Say that an edit is not taken in, so a correction is sent again rather than lost."""
    if update.effective_chat:
        reply = Outgoing(texts.EDIT_NOT_TAKEN)
        await context.services.deps.outbox.send(update.effective_chat.id, reply)


def _rating(rest: str) -> tuple[int, bool] | None:
    number, _, value = rest.partition(":")
    ticket_id = button_number(number)
    if ticket_id is None or value not in ("0", "1"):
        return None
    return ticket_id, value == "1"


def register(app: BotApp) -> None:
    """Add the citizen handlers."""
    app.add_handlers(
        [
            CommandHandler("start", start, filters=PRIVATE),
            CommandHandler("new", new_ticket, filters=PRIVATE),
            CommandHandler("cancel", cancel, filters=PRIVATE),
            CommandHandler("status", status, filters=PRIVATE),
            CommandHandler("help", help_text, filters=PRIVATE),
            CallbackQueryHandler(button, pattern=r"^(m|i|r|f|nf):"),
            MessageHandler(PRIVATE & ~filters.COMMAND, message),
            MessageHandler(filters.ChatType.PRIVATE & filters.UpdateType.EDITED_MESSAGE, edited),
        ]
    )


def register_fallback(app: BotApp) -> None:
    """Answer commands no handler took; added after every other handler."""
    app.add_handler(MessageHandler(PRIVATE & filters.COMMAND, unknown_command))
