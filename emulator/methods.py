"""Bot API methods other than sending: edits, deletes, callbacks, commands, lookups."""

from __future__ import annotations

import json
import re
import time
from typing import Any

from emulator.chat_methods import CHAT_METHODS, accept
from emulator.errors import bad_request
from emulator.markup import check_reply_markup
from emulator.model import StoredMessage
from emulator.params import get_str
from emulator.sending import (
    MAX_CAPTION,
    MAX_TEXT,
    SENDING,
    TOO_LONG_CAPTION,
    TOO_LONG_TEXT,
    Method,
    formatted,
)
from emulator.state import State

NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly "
    "the same as a current content and reply markup of the message"
)
QUERY_INVALID = "query is too old and response timeout expired or query ID is invalid"
_COMMAND = re.compile(r"[a-z0-9_]{1,32}")


def _inline(markup: Any) -> dict[str, Any] | None:
    """Keep a markup only if it is an inline keyboard, the kind a message carries."""
    return markup if isinstance(markup, dict) and "inline_keyboard" in markup else None


def _editable(st: State, p: dict[str, Any]) -> StoredMessage:
    """Find the bot message an edit method targets."""
    if p.get("inline_message_id"):
        raise bad_request("message to edit not found")
    chat = st.chat(p.get("chat_id"))
    message = st.message(chat.id, p.get("message_id"))
    if message is None:
        raise bad_request("message to edit not found")
    if not message.from_bot:
        raise bad_request("message can't be edited")
    return message


def _apply_edit(
    message: StoredMessage, changes: dict[str, Any], markup: dict[str, Any] | None
) -> dict[str, Any]:
    """Record an edit; like Telegram, an edit without reply_markup drops the inline keyboard."""
    check_reply_markup(markup)
    if markup is not None or _inline(message.reply_markup) is not None:
        message.reply_markup = markup
    message.edits += 1
    # A fresh dict, so updates that already carry the old version keep it.
    payload = {**message.payload, **changes, "edit_date": int(time.time())}
    payload.pop("reply_markup", None)
    if markup is not None:
        payload["reply_markup"] = markup
    message.payload = payload
    return payload


def edit_message_text(st: State, p: dict[str, Any]) -> Any:
    """Replace the text of a bot message."""
    message = _editable(st, p)
    if "text" not in message.payload:
        raise bad_request("there is no text in the message to edit")
    raw, plain = formatted(p, "text", MAX_TEXT, TOO_LONG_TEXT)
    if raw is None or not plain.strip():
        raise bad_request("message text is empty")
    markup = _inline(p.get("reply_markup"))
    if raw == message.text and markup == _inline(message.reply_markup):
        raise bad_request(NOT_MODIFIED)
    message.text, message.plain_text = raw, plain
    return _apply_edit(message, {"text": plain}, markup)


def edit_message_caption(st: State, p: dict[str, Any]) -> Any:
    """Replace the caption of a bot media message."""
    message = _editable(st, p)
    if "text" in message.payload:
        raise bad_request("there is no caption in the message to edit")
    raw, plain = formatted(p, "caption", MAX_CAPTION, TOO_LONG_CAPTION)
    markup = _inline(p.get("reply_markup"))
    if raw == message.text and markup == _inline(message.reply_markup):
        raise bad_request(NOT_MODIFIED)
    message.text, message.plain_text = raw, (plain if raw is not None else None)
    payload = _apply_edit(message, {"caption": plain}, markup)
    if not plain:
        payload.pop("caption", None)
    return payload


def edit_message_reply_markup(st: State, p: dict[str, Any]) -> Any:
    """Replace or remove the inline keyboard of a bot message."""
    message = _editable(st, p)
    markup = _inline(p.get("reply_markup"))
    if markup == _inline(message.reply_markup):
        raise bad_request(NOT_MODIFIED)
    return _apply_edit(message, {}, markup)


def delete_message(st: State, p: dict[str, Any]) -> Any:
    """Mark a message deleted; it stays visible to inspection."""
    chat = st.chat(p.get("chat_id"))
    message = st.message(chat.id, p.get("message_id"))
    if message is None:
        raise bad_request("message to delete not found")
    message.deleted = True
    return True


def answer_callback_query(st: State, p: dict[str, Any]) -> Any:
    """Answer a button press once, as Telegram allows."""
    query_id = get_str(p, "callback_query_id")
    if query_id not in st.callbacks or query_id in st.answered:
        raise bad_request(QUERY_INVALID)
    st.answered[query_id] = dict(p)
    return True


def scope_key(p: dict[str, Any]) -> str:
    """Key commands by scope and language, as Telegram stores them."""
    scope = p.get("scope") or {"type": "default"}
    return json.dumps(scope, sort_keys=True) + "|" + get_str(p, "language_code")


def set_my_commands(st: State, p: dict[str, Any]) -> Any:
    """Store the command menu for a scope."""
    commands = p.get("commands")
    if not isinstance(commands, list):
        raise bad_request("can't parse commands JSON object")
    for command in commands:
        if not _COMMAND.fullmatch(str(command.get("command", ""))):
            raise bad_request("BOT_COMMAND_INVALID")
        if not 1 <= len(str(command.get("description", ""))) <= 256:
            raise bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
    st.commands[scope_key(p)] = [dict(c) for c in commands]
    return True


def get_my_commands(st: State, p: dict[str, Any]) -> Any:
    """Return the command menu of a scope."""
    return st.commands.get(scope_key(p), [])


def delete_my_commands(st: State, p: dict[str, Any]) -> Any:
    """Forget the command menu of a scope."""
    st.commands.pop(scope_key(p), None)
    return True


def get_me(st: State, p: dict[str, Any]) -> Any:
    """Describe the bot itself."""
    return {
        **st.bot.to_json(),
        "can_join_groups": True,
        "can_read_all_group_messages": False,
        "supports_inline_queries": False,
    }


def get_file(st: State, p: dict[str, Any]) -> Any:
    """Describe a stored file and where to download it."""
    record = st.files.get(get_str(p, "file_id"))
    if record is None:
        raise bad_request("wrong file_id or the file is temporarily unavailable")
    size = len(record.data) if record.data is not None else 2048
    return {
        "file_id": record.file_id,
        "file_unique_id": record.file_unique_id,
        "file_size": size,
        "file_path": f"{record.kind}s/{record.file_id}",
    }


def get_webhook_info(st: State, p: dict[str, Any]) -> Any:
    """Report that no webhook is set."""
    return {"url": "", "has_custom_certificate": False, "pending_update_count": st.pending()}


def delete_webhook(st: State, p: dict[str, Any]) -> Any:
    """Acknowledge; drop the queued updates when asked to."""
    if p.get("drop_pending_updates") is True:
        st.drop_pending()
    return True


METHODS: dict[str, Method] = {
    **SENDING,
    **CHAT_METHODS,
    "editMessageText": edit_message_text,
    "editMessageCaption": edit_message_caption,
    "editMessageReplyMarkup": edit_message_reply_markup,
    "deleteMessage": delete_message,
    "answerCallbackQuery": answer_callback_query,
    "setMyCommands": set_my_commands,
    "getMyCommands": get_my_commands,
    "deleteMyCommands": delete_my_commands,
    "getMe": get_me,
    "getFile": get_file,
    "getWebhookInfo": get_webhook_info,
    "getUpdates": accept,  # long polling is async; the server answers it itself
    "deleteWebhook": delete_webhook,
    "logOut": accept,
    "close": accept,
}
# Telegram matches method names case-insensitively.
BY_LOWER_NAME: dict[str, tuple[str, Method]] = {
    name.lower(): (name, method) for name, method in METHODS.items()
}
