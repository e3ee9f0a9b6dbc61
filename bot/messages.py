"""Channel-neutral outgoing messages: HTML text, buttons, and splitting to the size limit."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Any

TEXT_LIMIT = 4096
CALLBACK_DATA_LIMIT = 64


@dataclass(frozen=True, slots=True)
class Button:
    """An inline button: a label and the data the bot gets back when it is pressed."""

    label: str
    data: str

    def __post_init__(self) -> None:
        if len(self.data.encode()) > CALLBACK_DATA_LIMIT:
            raise ValueError(f"button data over {CALLBACK_DATA_LIMIT} bytes: {self.data!r}")


@dataclass(frozen=True, slots=True)
class Outgoing:
    """One message to send: HTML text, inline buttons, and an optional reply keyboard."""

    text: str
    buttons: tuple[tuple[Button, ...], ...] = ()
    reply_to: int | None = None
    contact_button: str | None = None  # label of a "share my phone number" keyboard button
    keyboard: tuple[str, ...] = ()  # plain reply-keyboard buttons shown with the contact button
    remove_keyboard: bool = False
    force_reply: bool = False  # open the reply box, so the answer is linked to this message

    def to_payload(self) -> dict[str, Any]:
        """Serialize for the outbox."""
        return {
            "text": self.text,
            "buttons": [[[b.label, b.data] for b in row] for row in self.buttons],
            "reply_to": self.reply_to,
            "contact_button": self.contact_button,
            "keyboard": list(self.keyboard),
            "remove_keyboard": self.remove_keyboard,
            "force_reply": self.force_reply,
        }


# A number a button's data carries: ASCII digits that fit SQLite's integers. str.isdigit would
# also take "²" (int() then fails) and 40 digits (SQLite then overflows).
_NUMBER = re.compile(r"-?[0-9]{1,18}")


def button_number(text: str) -> int | None:
    """Return the number in a piece of button data, or None if it is not one (forged, garbled)."""
    return int(text) if _NUMBER.fullmatch(text) else None


def escape(text: str | None) -> str:
    """Escape user text for HTML messages."""
    return html.escape(text or "", quote=False)


def split_html(text: str, limit: int = TEXT_LIMIT) -> list[str]:
    """Split HTML text into parts under `limit`, at line breaks, then spaces, never inside markup.

    Tags in this project's messages open and close on one line, so a line boundary is always a
    safe place to cut; a single over-long line is user text, escaped, with no tags inside.
    """
    if len(text) <= limit:
        return [text]
    parts: list[str] = []
    current = ""
    for line in text.split("\n"):
        pieces = _split_line(line, limit) if len(line) > limit else [line]
        for piece in pieces:
            candidate = piece if not current else f"{current}\n{piece}"
            if len(candidate) <= limit:
                current = candidate
            else:
                parts.append(current)
                current = piece
    if current:
        parts.append(current)
    return [p for p in parts if p.strip()]


def _split_line(line: str, limit: int) -> list[str]:
    pieces: list[str] = []
    while len(line) > limit:
        cut = line.rfind(" ", 0, limit)
        if cut <= 0:
            cut = limit
            amp = line.rfind("&", max(0, cut - 8), cut)
            if amp != -1 and ";" not in line[amp:cut]:
                cut = amp  # never split an entity such as &amp;
        pieces.append(line[:cut])
        line = line[cut:].lstrip(" ")
    pieces.append(line)
    return pieces
