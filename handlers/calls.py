"""Turn outbox rows into Bot API calls."""

from __future__ import annotations

import json
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
# Parameters given as strings reach the wire as they are: encoding them here skips building
# and serialising PTB objects on every call (~50 µs; a bulletin makes one per recipient).
_NO_PREVIEW = json.dumps({"is_disabled": True})


async def call(
    app: BotApp, item: OutboxItem, card_id: int | None, thread: int | None = None
) -> int | None:
    """Make the call an outbox row describes (in a forum topic, if given); return the id of
    the message sent, if any."""
    bot, p = app.bot, item.payload
    if item.method == "send":
        return await _send_message(app, item.chat_id, p, thread)
    if item.method == "photo" and "photo" in p:  # by file reference (bulletins)
        return await _send_photo(app, item.chat_id, p)
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
        found_later = item.method == "edit_card" or "outbox_id" in p
        message_id = card_id if found_later else p.get("message_id")
        if message_id is None:
            raise BadRequest("message to edit not found")
        inline = markup(p)
        await bot.edit_message_text(
            p["text"],
            item.chat_id,
            message_id,
            parse_mode=ParseMode.HTML,
            reply_markup=inline if isinstance(inline, InlineKeyboardMarkup) else None,
        )
        return None
    if item.method in FILE_METHODS:  # with its bytes, kept beside the outbox row (reports)
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
    """Send an HTML text, in a forum topic if given."""
    kwargs: dict[str, Any] = {
        "chat_id": chat_id,
        "text": p["text"],
        "parse_mode": ParseMode.HTML,
        "link_preview_options": _NO_PREVIEW,
    }
    if thread is not None:
        kwargs["message_thread_id"] = thread
    if (keyboard := _sent_markup(p)) is not None:
        kwargs["reply_markup"] = keyboard
    if (parameters := reply(p)) is not None:
        kwargs["reply_parameters"] = parameters
    return await _post(app, "sendMessage", kwargs)


async def _send_photo(app: BotApp, chat_id: int, p: dict[str, Any]) -> int:
    """Send a photo by its file reference, with an HTML caption and buttons."""
    kwargs: dict[str, Any] = {
        "chat_id": chat_id,
        "photo": p["photo"],
        "caption": p["text"],
        "parse_mode": ParseMode.HTML,
    }
    if (keyboard := _sent_markup(p)) is not None:
        kwargs["reply_markup"] = keyboard
    return await _post(app, "sendPhoto", kwargs)


async def _post(app: BotApp, method: str, kwargs: dict[str, Any]) -> int:
    """Make a sending call without building PTB objects from the reply: only its id is needed."""
    with warnings.catch_warnings():  # PTB suggests its send_* methods, which parse the reply
        warnings.simplefilter("ignore")
        result = await app.bot.do_api_request(method, api_kwargs=kwargs)
    if not isinstance(result, dict) or "message_id" not in result:
        raise BadRequest(f"unexpected {method} result: {type(result).__name__}")
    return int(result["message_id"])


def _sent_markup(p: dict[str, Any]) -> Markup | str:
    """Return a new message's markup: inline buttons as the JSON PTB would send, else objects."""
    if not p.get("buttons"):
        return markup(p)
    rows = [[{"text": label, "callback_data": data} for label, data in row] for row in p["buttons"]]
    return json.dumps({"inline_keyboard": rows})


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
