"""Turn outbox rows into Bot API calls."""

from __future__ import annotations

import warnings
from typing import Any

from telegram import (
    ForceReply,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InputFile,
    KeyboardButton,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
    ReplyParameters,
)
from telegram.constants import ParseMode
from telegram.error import BadRequest

from handlers.context import BotApp
from storage.outbox import FILE_METHODS, OutboxItem

Markup = InlineKeyboardMarkup | ReplyKeyboardMarkup | ReplyKeyboardRemove | ForceReply | None


async def call(
    app: BotApp, item: OutboxItem, card_id: int | None, thread: int | None = None
) -> int | None:
    """Make the call an outbox row describes (in a forum topic, if given); return the id of
    the message sent, if any."""
    bot, p = app.bot, item.payload
    if item.method == "send":
        return await _send_message(app, item.chat_id, p, thread)
    if item.method == "copy":
        copied = await bot.copy_message(
            item.chat_id,
            p["from_chat_id"],
            p["message_id"],
            reply_parameters=reply(p),
            message_thread_id=thread,
        )
        return copied.message_id
    if item.method in ("edit", "edit_card"):
        message_id = card_id if item.method == "edit_card" else p.get("message_id")
        if message_id is None:
            raise BadRequest("card message not found")
        inline = markup(p)
        await bot.edit_message_text(
            p["text"],
            item.chat_id,
            message_id,
            parse_mode=ParseMode.HTML,
            reply_markup=inline if isinstance(inline, InlineKeyboardMarkup) else None,
        )
        return None
    if item.method in FILE_METHODS:
        return await _send_file(app, item, thread)
    if item.method == "answer_callback":
        await bot.answer_callback_query(p["callback_id"], p["text"] or None, show_alert=p["alert"])
        return None
    raise ValueError(f"unknown outbox method {item.method!r}")


async def _send_file(app: BotApp, item: OutboxItem, thread: int | None) -> int:
    """Upload a photo or document kept with the outbox call."""
    p = item.payload
    if "data" not in p:
        raise BadRequest("the file to send is gone")
    upload = InputFile(p["data"], filename=p["filename"])
    send = app.bot.send_photo if item.method == "photo" else app.bot.send_document
    sent = await send(
        item.chat_id,
        upload,
        caption=p.get("caption") or None,
        parse_mode=ParseMode.HTML,
        message_thread_id=thread,
    )
    return sent.message_id


async def create_topic(app: BotApp, chat_id: int, name: str) -> int:
    """Open a forum topic and return its thread id."""
    topic = await app.bot.create_forum_topic(chat_id, name)
    return topic.message_thread_id


def is_topic_gone(exc: BadRequest) -> bool:
    """Tell whether Telegram refused a message because its forum topic was deleted."""
    return "thread not found" in exc.message.lower()


async def _send_message(app: BotApp, chat_id: int, p: dict[str, Any], thread: int | None) -> int:
    """Send a text without building PTB objects from the reply: only its id is needed."""
    kwargs: dict[str, Any] = {
        "chat_id": chat_id,
        "text": p["text"],
        "parse_mode": ParseMode.HTML,
        "link_preview_options": {"is_disabled": True},
    }
    if thread is not None:
        kwargs["message_thread_id"] = thread
    if (keyboard := markup(p)) is not None:
        kwargs["reply_markup"] = keyboard
    if (parameters := reply(p)) is not None:
        kwargs["reply_parameters"] = parameters
    with warnings.catch_warnings():  # PTB suggests send_message; it would parse the whole reply
        warnings.simplefilter("ignore")
        result = await app.bot.do_api_request("sendMessage", api_kwargs=kwargs)
    if not isinstance(result, dict) or "message_id" not in result:
        raise BadRequest(f"unexpected sendMessage result: {type(result).__name__}")
    return int(result["message_id"])


def markup(p: dict[str, Any]) -> Markup:
    """Build the reply markup a payload asks for."""
    if p.get("buttons"):
        rows = [
            [InlineKeyboardButton(label, callback_data=data) for label, data in row]
            for row in p["buttons"]
        ]
        return InlineKeyboardMarkup(rows)
    if p.get("contact_button"):
        keys = [[KeyboardButton(p["contact_button"], request_contact=True)]]
        keys += [[KeyboardButton(label)] for label in p.get("keyboard", [])]
        return ReplyKeyboardMarkup(keys, resize_keyboard=True, one_time_keyboard=True)
    if p.get("remove_keyboard"):
        return ReplyKeyboardRemove()
    if p.get("force_reply"):
        return ForceReply(selective=True)
    return None


def reply(p: dict[str, Any]) -> ReplyParameters | None:
    """Build the reply parameters of a payload (never fail if the original is gone)."""
    reply_to = p.get("reply_to")
    if reply_to is None:
        return None
    return ReplyParameters(int(reply_to), allow_sending_without_reply=True)
