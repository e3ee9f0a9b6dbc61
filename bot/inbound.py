"""A message as the domain sees it, whatever channel it came from."""

from __future__ import annotations

from dataclasses import dataclass

MAX_TEXT = 4096


@dataclass(frozen=True, slots=True)
class Inbound:
    """One message from a person to the bot."""

    chat_id: int
    user_id: int
    message_id: int
    source_key: str  # unique per channel event, so handling it twice changes nothing
    user_name: str = ""
    text: str | None = None  # text, or the caption of a media message
    media: str | None = None  # photo, document, voice, video, audio, location, contact...
    reply_to: int | None = None
    contact_phone: str | None = None
    contact_is_own: bool = False
    thread_id: int | None = None  # the forum topic it was posted in

    @property
    def clean_text(self) -> str:
        """Return the text stripped of surrounding blanks."""
        return (self.text or "").strip()
