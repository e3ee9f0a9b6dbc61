"""Turn Telegram updates into the domain's channel-neutral values."""

from __future__ import annotations

from telegram import CallbackQuery, Message, Update, User

from bot.deps import Actor
from bot.inbound import Inbound

# Checked in order; the first attribute present names the message's media.
_MEDIA = (
    "photo",
    "document",
    "voice",
    "video",
    "audio",
    "location",
    "contact",
    "venue",
    "sticker",
    "animation",
    "video_note",
    "poll",
    "dice",
    "game",
    "story",
)


def media_kind(message: Message) -> str | None:
    """Name the kind of media a message carries, or None for plain text."""
    for name in _MEDIA:
        if getattr(message, name, None):
            return "location" if name == "venue" else name
    if message.text is None and message.caption is None:
        return "unsupported"
    return None


def display_name(user: User | None) -> str:
    """Return a person's name as Telegram shows it."""
    return "" if user is None else user.full_name


def to_inbound(update: Update) -> Inbound | None:
    """Convert a message update; None if it has no message, chat or sender."""
    message, user, chat = update.effective_message, update.effective_user, update.effective_chat
    if message is None or user is None or chat is None:
        return None
    contact = message.contact
    return Inbound(
        chat_id=chat.id,
        user_id=user.id,
        message_id=message.message_id,
        source_key=f"tg:{update.update_id}",
        user_name=display_name(user),
        text=message.text if message.text is not None else message.caption,
        media=media_kind(message),
        reply_to=message.reply_to_message.message_id if message.reply_to_message else None,
        contact_phone=contact.phone_number if contact else None,
        contact_is_own=bool(contact and contact.user_id == user.id),
        thread_id=message.message_thread_id if message.is_topic_message else None,
    )


def actor(user: User | None, role: str) -> Actor:
    """Describe the person behind an update."""
    if user is None:
        return Actor(role, None, None)
    return Actor(role, user.id, user.full_name)


def command_argument(message: Message | None) -> str:
    """Return what follows the command word in a message."""
    if message is None or not message.text:
        return ""
    _, _, rest = message.text.partition(" ")
    return rest.strip()


def offered(query: CallbackQuery) -> bool:
    """Tell whether the pressed data is one of its message's buttons.

    Clients can send any callback data. A message too old for Telegram to include cannot be
    checked, so it counts as not offered.
    """
    message = query.message
    if not isinstance(message, Message):
        return False
    markup = message.reply_markup
    rows = markup.inline_keyboard if markup is not None else ()
    return any(button.callback_data == query.data for row in rows for button in row)
