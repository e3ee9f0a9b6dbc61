"""Render a chat as a readable transcript, for demos and failing-test output."""

from __future__ import annotations

from datetime import datetime, tzinfo
from typing import Any

from emulator.content import content_kind
from emulator.markup import button_rows
from emulator.model import Click, StoredMessage
from emulator.state import State

INDENT = "   "


def render(st: State, chat_id: int, title: str | None = None, tz: tzinfo | None = None) -> str:
    """Return the chat's messages and button presses in time order."""
    lines: list[str] = [f"── {title} ──"] if title else []
    events: list[tuple[float, int, StoredMessage | Click]] = [
        (m.date, i, m) for i, m in enumerate(st.messages(chat_id))
    ]
    events += [(c.at, 0, c) for c in st.clicks if c.chat_id == chat_id]
    # Stable on ties: a click never precedes the message it was made on.
    events.sort(key=lambda e: (e[0], isinstance(e[2], Click), e[1]))
    for at, _, event in events:
        stamp = datetime.fromtimestamp(at, tz).strftime("%H:%M:%S")
        if isinstance(event, Click):
            lines.append(f"[{stamp}] 👆 {event.user.first_name} bấm [{event.label}]")
        else:
            lines.extend(_message_lines(st, event, stamp))
    return "\n".join(lines)


def _message_lines(st: State, message: StoredMessage, stamp: str) -> list[str]:
    """Render one message with its marks and keyboard."""
    if message.from_bot:
        who = "🤖 Bot"
    else:
        user = st.users.get(message.sender_id)
        who = f"👤 {user.first_name if user else message.sender_id}"
    body = _body(message)
    if message.reply_to is not None:
        body = f"↩ #{message.reply_to} {body}"
    if message.edits:
        body += " (đã sửa)"
    if message.deleted:
        body += " (đã xóa)"
    first, *rest = body.split("\n")
    lines = [f"[{stamp}] {who}: {first}"]
    lines += [INDENT + line for line in rest]
    lines += [
        INDENT + " ".join(f"[{label}]" for label in row)
        for row in button_rows(message.reply_markup)
    ]
    return lines


def _body(message: StoredMessage) -> str:
    """Describe what a message holds, media included."""
    payload = message.payload
    text = message.plain_text or ""
    body = _describe(content_kind(payload), payload, text)
    if message.kind == "copy" and message.copied_from is not None:
        body = f"📋 (bản sao #{message.copied_from[1]}) {body}"
    elif message.kind == "forward":
        sender = payload.get("forward_origin", {}).get("sender_user", {})
        body = f"↪ (chuyển tiếp từ {sender.get('first_name', '?')}) {body}"
    return body


def _describe(kind: str, payload: dict[str, Any], text: str) -> str:
    """Return a short human description of one content kind."""
    caption = f": {text}" if text else ""
    if kind == "text":
        return text
    if kind == "document":
        return f"📄 {payload['document'].get('file_name', 'tệp')}{caption}"
    if kind == "location":
        point = payload["location"]
        return f"📍 {point['latitude']}, {point['longitude']}"
    if kind == "contact":
        contact = payload["contact"]
        return f"📞 {contact['first_name']} {contact['phone_number']}"
    labels = {
        "photo": "📷 Ảnh",
        "voice": "🎤 Tin nhắn thoại",
        "video": "🎬 Video",
        "sticker": "🙂 Sticker",
    }
    return labels.get(kind, f"[{kind}]") + caption
