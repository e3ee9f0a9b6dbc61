"""Message content objects (photo, document, ...) as the Bot API shapes them."""

from __future__ import annotations

import mimetypes
from typing import Any

from emulator.model import FileRecord

MEDIA_KINDS = ("photo", "document", "voice", "video", "sticker")
# Keys of a message that carry what was said, as opposed to who/where/when.
CONTENT_KEYS = frozenset(
    {
        "text",
        "entities",
        "caption",
        "caption_entities",
        "photo",
        "document",
        "voice",
        "video",
        "audio",
        "animation",
        "sticker",
        "location",
        "contact",
    }
)
_KIND_KEYS = ("text", *MEDIA_KINDS, "location", "contact", "audio", "animation")
_DEFAULT_SIZE = 2048


def media_content(record: FileRecord) -> dict[str, Any]:
    """Return the message field for a file, e.g. {"photo": [PhotoSize]}."""
    base: dict[str, Any] = {
        "file_id": record.file_id,
        "file_unique_id": record.file_unique_id,
        "file_size": len(record.data) if record.data is not None else _DEFAULT_SIZE,
    }
    kind = record.kind
    if kind == "photo":
        return {"photo": [{**base, "width": 1280, "height": 960}]}
    if kind == "voice":
        return {"voice": {**base, "duration": 3, "mime_type": "audio/ogg"}}
    if kind == "video":
        return {"video": {**base, "width": 1280, "height": 720, "duration": 5}}
    if kind == "sticker":
        sticker = {"type": "regular", "width": 512, "height": 512, "emoji": "👍"}
        return {"sticker": {**base, **sticker, "is_animated": False, "is_video": False}}
    name = record.file_name or "file.bin"
    mime = mimetypes.guess_type(name)[0] or "application/octet-stream"
    return {kind: {**base, "file_name": name, "mime_type": mime}}


def location_content(latitude: float, longitude: float) -> dict[str, Any]:
    """Return the message field for a location."""
    return {"location": {"latitude": latitude, "longitude": longitude}}


def contact_content(
    phone: str, first_name: str, last_name: str | None, user_id: int | None
) -> dict[str, Any]:
    """Return the message field for a shared contact."""
    contact: dict[str, Any] = {"phone_number": phone, "first_name": first_name}
    if last_name:
        contact["last_name"] = last_name
    if user_id is not None:
        contact["user_id"] = user_id
    return {"contact": contact}


def content_of(payload: dict[str, Any]) -> dict[str, Any]:
    """Pick the content fields of a message, as a copy would carry them."""
    return {k: v for k, v in payload.items() if k in CONTENT_KEYS}


def content_kind(payload: dict[str, Any]) -> str:
    """Name what a message holds: "text", "photo", ..., or "other"."""
    for key in _KIND_KEYS:
        if key in payload:
            return key
    return "other"
