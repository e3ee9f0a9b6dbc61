"""Decode Bot API form parameters into the types the API documents."""

from __future__ import annotations

import json
import re
from typing import Any

from emulator.errors import bad_request

# Fields that are free text for people: never reinterpreted as numbers or JSON.
_TEXT_KEYS = frozenset(
    {
        "text",
        "caption",
        "callback_query_id",
        "callback_data",
        "description",
        "short_description",
        "title",
        "name",
        "first_name",
        "last_name",
        "phone_number",
        "address",
        "question",
        "url",
        "action",
        "parse_mode",
        "emoji",
        "language_code",
        "file_id",
        "photo",
        "document",
        "voice",
        "video",
        "audio",
        "sticker",
        "animation",
        "video_note",
        "thumbnail",
        "vcard",
        "business_connection_id",
    }
)
_INT = re.compile(r"-?[0-9]{1,19}")
_FLOAT = re.compile(r"-?[0-9]+\.[0-9]*(?:[eE][-+]?[0-9]+)?")


def decode(raw: dict[str, Any]) -> dict[str, Any]:
    """Turn form strings into ints, floats, bools and nested JSON where the API means them."""
    return {key: _decode_value(key, value) for key, value in raw.items()}


def _decode_value(key: str, value: Any) -> Any:
    """Decode one field value."""
    if not isinstance(value, str) or key in _TEXT_KEYS:
        return value
    if value[:1] in ("{", "["):
        try:
            return json.loads(value)
        except ValueError:
            raise bad_request(f"can't parse {key} JSON object") from None
    if value in ("true", "false"):
        return value == "true"
    if _INT.fullmatch(value):
        return int(value)
    if _FLOAT.fullmatch(value):
        return float(value)
    return value


def get_int(params: dict[str, Any], key: str) -> int:
    """Read a required integer field, refusing it as Telegram does when missing."""
    value = params.get(key)
    if isinstance(value, bool) or value is None or value == "":
        raise bad_request(f"{key} is empty")
    try:
        return int(value)
    except (TypeError, ValueError):
        raise bad_request(f"{key} is invalid") from None


def get_float(params: dict[str, Any], key: str) -> float:
    """Read a required number field."""
    value = params.get(key)
    if isinstance(value, bool) or value is None:
        raise bad_request(f"{key} is empty")
    try:
        return float(value)
    except (TypeError, ValueError):
        raise bad_request(f"{key} is invalid") from None


def get_str(params: dict[str, Any], key: str) -> str:
    """Read a text field, empty when missing."""
    value = params.get(key)
    return "" if value is None else str(value)
