"""Telegram-style parsing of formatted text and checks on keyboards."""

from __future__ import annotations

import html
import re
from typing import Any

from emulator.errors import bad_request

ALLOWED_TAGS = frozenset(
    {
        "b",
        "strong",
        "i",
        "em",
        "u",
        "ins",
        "s",
        "strike",
        "del",
        "a",
        "code",
        "pre",
        "tg-spoiler",
        "span",
        "blockquote",
        "tg-emoji",
    }
)
MAX_CALLBACK_DATA = 64
_SPECIAL = re.compile(r"[<&]")
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)((?:\s[^<>]*)?)>")
_ENTITY = re.compile(r"&(?:amp|lt|gt|quot|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});")
_MD_ESCAPE = re.compile(r"\\(.)")
_MD_MARKS = re.compile(r"[*_~`|]")


class EntityError(ValueError):
    """Formatted text that Telegram would refuse to parse."""


def plain_text(text: str, parse_mode: str | None) -> str:
    """Return the text a reader sees once formatting is parsed away."""
    mode = (parse_mode or "").lower()
    if not mode:
        return text
    if mode == "html":
        return parse_html(text)
    if mode in ("markdown", "markdownv2"):
        # Only approximated: formatting marks dropped, escapes resolved.
        return _MD_ESCAPE.sub(r"\1", _MD_MARKS.sub("", text))
    raise bad_request("unsupported parse_mode")


def parse_html(text: str) -> str:
    """Strip Telegram HTML down to plain text, refusing what Telegram refuses."""
    out: list[str] = []
    stack: list[str] = []
    pos = 0
    while (found := _SPECIAL.search(text, pos)) is not None:
        start = found.start()
        out.append(text[pos:start])
        if text[start] == "&":
            entity = _ENTITY.match(text, start)
            if entity is None:
                raise EntityError(f"Unsupported HTML entity at byte offset {_offset(text, start)}")
            out.append(html.unescape(entity.group()))
            pos = entity.end()
        else:
            pos = _take_tag(text, start, stack)
    out.append(text[pos:])
    if stack:
        raise EntityError(f'Can\'t find end tag corresponding to start tag "{stack[-1]}"')
    return "".join(out)


def _take_tag(text: str, start: int, stack: list[str]) -> int:
    """Check the tag at `start` against the open-tag stack and return where it ends."""
    tag = _TAG.match(text, start)
    if tag is None:
        raise EntityError(f'Unsupported start tag "" at byte offset {_offset(text, start)}')
    closing, name, attrs = tag.group(1), tag.group(2).lower(), tag.group(3)
    if name not in ALLOWED_TAGS or (
        name == "span" and not closing and "tg-spoiler" not in attrs.replace("'", '"')
    ):
        kind = "end" if closing else "start"
        raise EntityError(f'Unsupported {kind} tag "{name}" at byte offset {_offset(text, start)}')
    if not closing:
        stack.append(name)
    elif not stack or stack[-1] != name:
        expected = f'expected "</{stack[-1]}>", ' if stack else ""
        raise EntityError(
            f'Unmatched end tag at byte offset {_offset(text, start)}, {expected}found "</{name}>"'
        )
    else:
        stack.pop()
    return tag.end()


def _offset(text: str, index: int) -> int:
    """Return the UTF-8 byte offset Telegram reports for a character index."""
    return len(text[:index].encode("utf-8"))


def check_reply_markup(markup: Any) -> None:
    """Refuse inline keyboards Telegram would refuse."""
    if not isinstance(markup, dict):
        return
    rows = markup.get("inline_keyboard")
    if rows is None:
        return
    if not isinstance(rows, list):
        raise bad_request('field "inline_keyboard" of the InlineKeyboardMarkup must be an Array')
    for row in rows:
        for button in row:
            data = button.get("callback_data")
            if data is not None and not 1 <= len(str(data).encode("utf-8")) <= MAX_CALLBACK_DATA:
                raise bad_request("BUTTON_DATA_INVALID")
            if not button.get("text"):
                raise bad_request("text buttons are unallowed in the inline keyboard")


def button_rows(markup: dict[str, Any] | None) -> list[list[str]]:
    """Return the button labels of any keyboard, row by row."""
    if not markup:
        return []
    rows = markup.get("inline_keyboard") or markup.get("keyboard") or []
    return [[b if isinstance(b, str) else str(b.get("text", "")) for b in row] for row in rows]


def command_entities(text: str) -> list[dict[str, Any]]:
    """Return the bot_command entity Telegram attaches to text starting with '/'."""
    if not text.startswith("/") or len(text) < 2:
        return []
    token = text.split(maxsplit=1)[0]
    return [{"type": "bot_command", "offset": 0, "length": utf16_len(token)}]


def utf16_len(text: str) -> int:
    """Count UTF-16 code units, the unit Telegram measures entities in."""
    return len(text.encode("utf-16-le")) // 2
