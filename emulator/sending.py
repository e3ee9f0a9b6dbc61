"""Bot API methods that put a new message into a chat."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from emulator.content import (
    contact_content,
    content_of,
    location_content,
    media_content,
)
from emulator.errors import bad_request
from emulator.http import Upload
from emulator.markup import EntityError, check_reply_markup, plain_text
from emulator.model import EmuChat, FileRecord, StoredMessage
from emulator.params import get_float, get_str
from emulator.state import State

MAX_TEXT = 4096
MAX_CAPTION = 1024
TOO_LONG_TEXT = "message is too long"
TOO_LONG_CAPTION = "message caption is too long"

Method = Callable[[State, dict[str, Any]], Any]


def formatted(p: dict[str, Any], key: str, limit: int, too_long: str) -> tuple[str | None, str]:
    """Return the raw field and its parsed plain text, refusing bad markup or length."""
    raw = p.get(key)
    if raw is None:
        return None, ""
    raw = str(raw)
    try:
        plain = plain_text(raw, p.get("parse_mode"))
    except EntityError as err:
        raise bad_request(f"can't parse entities: {err}") from None
    # Telegram trims surrounding whitespace before it measures.
    if len(plain.strip()) > limit:
        raise bad_request(too_long)
    return raw, plain


def reply_target(st: State, chat: EmuChat, p: dict[str, Any]) -> int | None:
    """Resolve which message a bot message replies to, as Telegram checks it."""
    params = p.get("reply_parameters")
    if isinstance(params, dict):
        target = params.get("message_id")
        allow = bool(params.get("allow_sending_without_reply"))
    else:
        target = p.get("reply_to_message_id")
        allow = bool(p.get("allow_sending_without_reply"))
    if target is None:
        return None
    if st.message(chat.id, target) is None:
        if allow:
            return None
        raise bad_request("message to be replied not found")
    return int(target)


def deliver(
    st: State,
    p: dict[str, Any],
    chat: EmuChat,
    kind: str,
    content: dict[str, Any],
    text: tuple[str | None, str],
    copied_from: tuple[int, int] | None = None,
) -> StoredMessage:
    """Validate markup and reply, then store a bot message in the chat."""
    markup = p.get("reply_markup")
    check_reply_markup(markup)
    reply_to = reply_target(st, chat, p)
    st.check_reachable(chat)
    thread = topic_of(chat, p)
    replied = None if reply_to is None else st.message(chat.id, reply_to)
    if thread is None and replied is not None:  # a reply goes to the topic of what it answers
        thread = replied.thread_id
    raw, plain = text
    stored = StoredMessage(
        message_id=0,
        chat_id=chat.id,
        from_bot=True,
        sender_id=st.bot.id,
        kind=kind,
        text=raw,
        plain_text=plain if raw is not None else None,
        reply_markup=markup if isinstance(markup, dict) else None,
        reply_to=reply_to,
        copied_from=copied_from,
        thread_id=thread,
    )
    return st.store(chat, st.bot, stored, content)


def topic_of(chat: EmuChat, p: dict[str, Any]) -> int | None:
    """Return the forum topic a message goes to; a deleted topic is refused as Telegram does."""
    thread = p.get("message_thread_id")
    if thread is None or not chat.is_forum:
        return None
    if int(thread) not in chat.topics:
        raise bad_request("message thread not found")
    return int(thread)


def create_forum_topic(st: State, p: dict[str, Any]) -> Any:
    """Open a topic in a forum supergroup; its id is that of the service message opening it."""
    chat = st.chat(p.get("chat_id"))
    if not chat.is_forum:
        raise bad_request("the chat is not a forum")
    name = str(p.get("name") or "")
    if not 1 <= len(name) <= 128:
        raise bad_request("TOPIC_TITLE_EMPTY" if not name else "topic name is too long")
    icon = {"name": name, "icon_color": 7322096}
    opened = StoredMessage(0, chat.id, True, st.bot.id, "forum_topic_created")
    stored = st.store(chat, st.bot, opened, {"forum_topic_created": icon})
    stored.thread_id = stored.message_id
    stored.payload |= {"message_thread_id": stored.message_id, "is_topic_message": True}
    chat.topics[stored.message_id] = name
    return {"message_thread_id": stored.message_id, **icon}


def send_message(st: State, p: dict[str, Any]) -> Any:
    """Send a text message."""
    chat = st.chat(p.get("chat_id"))
    raw, plain = formatted(p, "text", MAX_TEXT, TOO_LONG_TEXT)
    if raw is None or not plain.strip():
        raise bad_request("message text is empty")
    return deliver(st, p, chat, "text", {"text": plain}, (raw, plain)).payload


def resolve_file(st: State, kind: str, value: Any) -> FileRecord:
    """Find or register the file a send method refers to."""
    if isinstance(value, Upload):
        return st.new_file(kind, value.filename, value.data)
    if not value:
        raise bad_request(f"there is no {kind} in the request")
    if isinstance(value, str) and value in st.files:
        known = st.files[value]
        return known if known.kind == kind else st.new_file(kind, known.file_name, known.data)
    if isinstance(value, str) and value.startswith(("http://", "https://")):
        return st.new_file(kind, value.rsplit("/", 1)[-1] or None)
    raise bad_request("wrong file identifier/HTTP URL specified")


def media_sender(kind: str) -> Method:
    """Build the send method for one kind of file."""

    def send(st: State, p: dict[str, Any]) -> Any:
        """Send one file with an optional caption."""
        chat = st.chat(p.get("chat_id"))
        record = resolve_file(st, kind, p.get(kind))
        raw, plain = formatted(p, "caption", MAX_CAPTION, TOO_LONG_CAPTION)
        content = media_content(record)
        if plain:
            content["caption"] = plain
        return deliver(st, p, chat, kind, content, (raw, plain)).payload

    return send


def send_location(st: State, p: dict[str, Any]) -> Any:
    """Send a map point."""
    chat = st.chat(p.get("chat_id"))
    content = location_content(get_float(p, "latitude"), get_float(p, "longitude"))
    return deliver(st, p, chat, "location", content, (None, "")).payload


def send_contact(st: State, p: dict[str, Any]) -> Any:
    """Send a phone contact."""
    chat = st.chat(p.get("chat_id"))
    phone, first = get_str(p, "phone_number"), get_str(p, "first_name")
    if not phone or not first:
        raise bad_request("phone_number and first_name must be non-empty")
    content = contact_content(phone, first, p.get("last_name"), None)
    return deliver(st, p, chat, "contact", content, (None, "")).payload


def _source(st: State, p: dict[str, Any], verb: str) -> tuple[EmuChat, StoredMessage]:
    """Find the message a copy or forward takes from."""
    source_chat = st.chat(p.get("from_chat_id"))
    source = st.message(source_chat.id, p.get("message_id"))
    if source is None:
        raise bad_request(f"message to {verb} not found")
    return source_chat, source


def copy_message(st: State, p: dict[str, Any]) -> Any:
    """Copy a message without a link to the original; return its MessageId."""
    chat = st.chat(p.get("chat_id"))
    source_chat, source = _source(st, p, "copy")
    content = content_of(source.payload)
    text: tuple[str | None, str] = (source.text, source.plain_text or "")
    if "caption" in p and "text" not in content:
        text = formatted(p, "caption", MAX_CAPTION, TOO_LONG_CAPTION)
        content.pop("caption", None)
        if text[1]:
            content["caption"] = text[1]
    origin = (source_chat.id, source.message_id)
    stored = deliver(st, p, chat, "copy", content, text, copied_from=origin)
    return {"message_id": stored.message_id}


def forward_message(st: State, p: dict[str, Any]) -> Any:
    """Forward a message, keeping who wrote it."""
    chat = st.chat(p.get("chat_id"))
    source_chat, source = _source(st, p, "forward")
    origin = {
        "type": "user",
        "sender_user": source.payload["from"],
        "date": source.payload["date"],
    }
    content = {**content_of(source.payload), "forward_origin": origin}
    text = (source.text, source.plain_text or "")
    where = (source_chat.id, source.message_id)
    return deliver(st, p, chat, "forward", content, text, copied_from=where).payload


def copy_messages(st: State, p: dict[str, Any]) -> Any:
    """Copy several messages in order; return their MessageIds."""
    ids = p.get("message_ids")
    if not isinstance(ids, list) or not 1 <= len(ids) <= 100:
        raise bad_request("message_ids must be a non-empty array")
    single = {k: v for k, v in p.items() if k != "message_ids"}
    return [copy_message(st, {**single, "message_id": one}) for one in sorted(ids)]


def send_media_group(st: State, p: dict[str, Any]) -> Any:
    """Send an album; files come as file_ids, URLs or attach://<part> uploads."""
    chat = st.chat(p.get("chat_id"))
    items = p.get("media")
    if not isinstance(items, list) or not 1 <= len(items) <= 10:
        raise bad_request("media must be an array of 1-10 InputMedia")
    album = str(st.new_file("album").file_unique_id)
    sent = []
    for item in items:
        kind, value = str(item.get("type")), item.get("media")
        if isinstance(value, str) and value.startswith("attach://"):
            value = p.get(value.removeprefix("attach://"))
        record = resolve_file(st, kind, value)
        raw, plain = formatted(item, "caption", MAX_CAPTION, TOO_LONG_CAPTION)
        content = {**media_content(record), "media_group_id": album}
        if plain:
            content["caption"] = plain
        sent.append(deliver(st, p, chat, kind, content, (raw, plain)).payload)
    return sent


def send_chat_action(st: State, p: dict[str, Any]) -> Any:
    """Show "typing…" and the like; nothing is stored."""
    chat = st.chat(p.get("chat_id"))
    if not p.get("action"):
        raise bad_request("action is empty")
    st.check_reachable(chat)
    return True


SENDING: dict[str, Method] = {
    "sendMessage": send_message,
    "sendPhoto": media_sender("photo"),
    "sendDocument": media_sender("document"),
    "sendVoice": media_sender("voice"),
    "sendVideo": media_sender("video"),
    "sendSticker": media_sender("sticker"),
    "sendLocation": send_location,
    "sendContact": send_contact,
    "copyMessage": copy_message,
    "copyMessages": copy_messages,
    "sendMediaGroup": send_media_group,
    "forwardMessage": forward_message,
    "sendChatAction": send_chat_action,
    "createForumTopic": create_forum_topic,
}
