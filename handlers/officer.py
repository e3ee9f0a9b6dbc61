"""Officer handlers: the ward's group chat."""

from __future__ import annotations

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot import texts
from bot.deps import Actor
from bot.messages import Outgoing, button_number
from handlers.context import NEW, PRIVATE, BotApp, BotContext
from handlers.parse import actor, command_argument, offered, to_inbound

GROUPS = filters.ChatType.GROUPS & NEW  # an edited /extend would use a second extension
# Officers' commands, refused politely in a private chat.
GROUP_COMMANDS = ["queue", "officer", "assign", "transfer", "extend", "gia_han", "complex"]
GROUP_COMMANDS += ["phuc_tap", "merge"]


async def queue(update: Update, context: BotContext) -> None:
    """Show the group's open tickets, overdue first."""
    if update.effective_chat:
        await context.services.officers.queue(update.effective_chat.id, page=1)


async def ticket(update: Update, context: BotContext) -> None:
    """Show one ticket of the group's wards with its history."""
    if update.effective_chat:
        code = command_argument(update.effective_message)
        await context.services.officers.ticket(update.effective_chat.id, code)


async def register_officer(update: Update, context: BotContext) -> None:
    """Register the sender as one of the group's officers."""
    chat, user = update.effective_chat, update.effective_user
    if chat is not None and user is not None:
        officer = actor(user, "officer")
        await context.services.officers.register(chat.id, officer, user.username)


async def member_left(update: Update, context: BotContext) -> None:
    """Forget an officer who left or was removed from the group."""
    message, chat = update.effective_message, update.effective_chat
    if message is not None and chat is not None and message.left_chat_member is not None:
        await context.services.officers.left(chat.id, message.left_chat_member.id)


async def assign(update: Update, context: BotContext) -> None:
    """Assign a ticket to an officer, or list the group's officers, least loaded first."""
    if update.effective_chat:
        boss = actor(update.effective_user, "officer")
        argument = command_argument(update.effective_message)
        await context.services.officers.assign_command(update.effective_chat.id, boss, argument)


async def transfer(update: Update, context: BotContext) -> None:
    """Start transferring a ticket to a ward named in the command."""
    if update.effective_chat:
        argument = command_argument(update.effective_message)
        await context.services.officers.transfer_command(update.effective_chat.id, argument)


async def extend(update: Update, context: BotContext) -> None:
    """Extend a ticket's running clock: `/extend CODE reason`."""
    if update.effective_chat:
        officer = actor(update.effective_user, "officer")
        text = command_argument(update.effective_message)
        await context.services.officers.extend(update.effective_chat.id, officer, text)


async def complex_case(update: Update, context: BotContext) -> None:
    """Mark a ticket a complex case: `/complex CODE [reason]`."""
    if update.effective_chat:
        officer = actor(update.effective_user, "officer")
        text = command_argument(update.effective_message)
        await context.services.officers.mark_complex(update.effective_chat.id, officer, text)


async def merge(update: Update, context: BotContext) -> None:
    """Merge duplicate tickets into one: `/merge CODE_INTO CODE_FROM...`."""
    if update.effective_chat:
        officer = actor(update.effective_user, "officer")
        argument = command_argument(update.effective_message)
        await context.services.merges.command(update.effective_chat.id, officer, argument)


async def reply(update: Update, context: BotContext) -> None:
    """Relay an officer's reply to a ticket message, or take it as a requested reason."""
    inbound = to_inbound(update)
    if inbound is not None:
        await context.services.officers.receive(inbound, actor(update.effective_user, "officer"))


async def button(update: Update, context: BotContext) -> None:
    """Handle card, transfer, queue and hot-issue buttons; only in the ticket's group."""
    query, chat = update.callback_query, update.effective_chat
    if query is None or chat is None:
        return
    if chat.type == chat.PRIVATE:
        notice = texts.GROUP_ONLY
    else:
        officer = actor(update.effective_user, "officer")
        # A page turn rewrites its message: only the queue's own buttons may do that.
        edit = query.message.message_id if query.message and offered(query) else None
        notice = await _press(context, chat.id, officer, (query.data or "").split(":"), edit)
    await context.services.deps.outbox.answer_callback(chat.id, query.id, notice)


async def _press(
    context: BotContext, chat_id: int, officer: Actor, parts: list[str], edit: int | None
) -> str:
    """Run one button of the group; forged or garbled data gets the stale-button notice."""
    services, (prefix, *args) = context.services, parts
    numbers = [button_number(arg) for arg in args]
    pair = _pair(numbers)
    if prefix == "t" and len(args) == 2 and (ticket_id := numbers[1]) is not None:
        return await services.officers.act(chat_id, officer, args[0], ticket_id)
    if prefix == "tw" and len(args) == 2 and (ticket_id := numbers[0]) is not None:
        return await services.officers.pick_transfer(chat_id, ticket_id, args[1])
    if prefix == "as" and pair is not None:
        return await services.officers.assign_button(chat_id, officer, *pair)
    if prefix == "hm" and pair is not None:
        return await services.merges.merge_issue(chat_id, officer, *pair)
    if prefix == "q" and len(args) == 1 and (page := numbers[0]) is not None and edit:
        await services.officers.queue(chat_id, page, edit=edit)
        return ""
    return texts.STALE_BUTTON


def _pair(numbers: list[int | None]) -> tuple[int, int] | None:
    """Return the two numbers of "prefix:N:M" data, or None if that is not what it holds."""
    if len(numbers) == 2 and numbers[0] is not None and numbers[1] is not None:
        return numbers[0], numbers[1]
    return None


async def group_only(update: Update, context: BotContext) -> None:
    """Refuse an officers' command sent in a private chat."""
    if update.effective_chat:
        await context.services.deps.outbox.send(
            update.effective_chat.id, Outgoing(texts.GROUP_ONLY)
        )


async def private_only(update: Update, context: BotContext) -> None:
    """Refuse a citizen's command sent in a group."""
    if update.effective_chat:
        await context.services.deps.outbox.send(
            update.effective_chat.id, Outgoing(texts.PRIVATE_ONLY)
        )


def register(app: BotApp) -> None:
    """Add the officer handlers."""
    app.add_handlers(
        [
            CommandHandler("queue", queue, filters=GROUPS),
            CommandHandler("ticket", ticket, filters=GROUPS),
            CommandHandler("officer", register_officer, filters=GROUPS),
            CommandHandler("assign", assign, filters=GROUPS),
            CommandHandler("transfer", transfer, filters=GROUPS),
            CommandHandler("merge", merge, filters=GROUPS),
            MessageHandler(GROUPS & filters.StatusUpdate.LEFT_CHAT_MEMBER, member_left),
            # Vietnamese aliases: officers type "gia_han" and "phuc_tap" more readily.
            CommandHandler(["extend", "gia_han"], extend, filters=GROUPS),
            CommandHandler(["complex", "phuc_tap"], complex_case, filters=GROUPS),
            CommandHandler(GROUP_COMMANDS, group_only, filters=PRIVATE),
            CommandHandler(["new", "status", "cancel"], private_only, filters=GROUPS),
            CallbackQueryHandler(button, pattern=r"^(t|tw|q|as|hm):"),
            # Service messages (topic closed, message pinned…) are nobody's answer.
            MessageHandler(
                GROUPS & ~filters.StatusUpdate.ALL & (filters.REPLY | filters.IS_TOPIC_MESSAGE),
                reply,
            ),
        ]
    )
