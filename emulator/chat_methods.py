"""Chat lookups and housekeeping: members, admins, pins, reactions, bulk deletes."""

from __future__ import annotations

from typing import Any

from emulator.errors import bad_request
from emulator.params import get_int
from emulator.sending import Method
from emulator.state import State

_ADMIN_RIGHTS = (
    "can_manage_chat",
    "can_delete_messages",
    "can_manage_video_chats",
    "can_restrict_members",
    "can_promote_members",
    "can_change_info",
    "can_invite_users",
    "can_post_stories",
    "can_edit_stories",
    "can_delete_stories",
    "can_pin_messages",
)


def get_chat(st: State, p: dict[str, Any]) -> Any:
    """Return ChatFullInfo with the fields PTB requires."""
    chat = st.chat(p.get("chat_id"))
    gifts = ("unlimited_gifts", "limited_gifts", "unique_gifts", "premium_subscription")
    return {
        **chat.to_json(),
        "accent_color_id": 0,
        "max_reaction_count": 11,
        "accepted_gift_types": {**dict.fromkeys(gifts, False), "gifts_from_channels": False},
    }


def get_chat_member(st: State, p: dict[str, Any]) -> Any:
    """Tell a user's status in a chat: the bot administers, members are members."""
    chat = st.chat(p.get("chat_id"))
    user = st.users.get(get_int(p, "user_id"))
    if user is None:
        raise bad_request("user not found")
    if user.id == st.bot.id and chat.type != "private":
        return {
            "status": "administrator",
            "user": user.to_json(),
            **dict.fromkeys(_ADMIN_RIGHTS, True),
            "can_be_edited": False,
            "is_anonymous": False,
        }
    status = "member" if user.id in chat.members or user.id == st.bot.id else "left"
    return {"status": status, "user": user.to_json()}


def pin_chat_message(st: State, p: dict[str, Any]) -> Any:
    """Pin a message that exists; pins are not tracked further."""
    chat = st.chat(p.get("chat_id"))
    if st.message(chat.id, p.get("message_id")) is None:
        raise bad_request("message to pin not found")
    return True


def delete_messages(st: State, p: dict[str, Any]) -> Any:
    """Mark several messages deleted, skipping ones already gone, as Telegram does."""
    chat = st.chat(p.get("chat_id"))
    ids = p.get("message_ids")
    if not isinstance(ids, list) or not 1 <= len(ids) <= 100:
        raise bad_request("message_ids must be a non-empty array")
    for message_id in ids:
        message = st.message(chat.id, message_id)
        if message is not None:
            message.deleted = True
    return True


def get_chat_administrators(st: State, p: dict[str, Any]) -> Any:
    """List the administrators of a group: the bot only."""
    chat = st.chat(p.get("chat_id"))
    if chat.type == "private":
        raise bad_request("there are no administrators in the private chat")
    return [get_chat_member(st, {"chat_id": chat.id, "user_id": st.bot.id})]


def in_known_chat(st: State, p: dict[str, Any]) -> Any:
    """Accept a call about a chat the emulator knows."""
    st.chat(p.get("chat_id"))
    return True


def get_chat_menu_button(st: State, p: dict[str, Any]) -> Any:
    """Report the default menu button."""
    return {"type": "commands"}


def accept(st: State, p: dict[str, Any]) -> Any:
    """Accept a call that changes nothing the emulator tracks."""
    return True


CHAT_METHODS: dict[str, Method] = {
    "getChat": get_chat,
    "getChatMember": get_chat_member,
    "pinChatMessage": pin_chat_message,
    "unpinChatMessage": in_known_chat,
    "unpinAllChatMessages": in_known_chat,
    "deleteMessages": delete_messages,
    "getChatAdministrators": get_chat_administrators,
    "leaveChat": in_known_chat,
    "setMessageReaction": in_known_chat,
    "setChatMenuButton": accept,
    "getChatMenuButton": get_chat_menu_button,
    "setMyDescription": accept,
    "setMyShortDescription": accept,
    "setMyName": accept,
}
