"""What people do in Telegram: each action stores a message and enqueues one update."""

from __future__ import annotations

import time
from typing import Any

from emulator.markup import command_entities
from emulator.model import Click, EmuChat, EmuUser, StoredMessage
from emulator.state import State


def _chat_for(st: State, chat_id: int, user: EmuUser) -> EmuChat:
    """Find the chat a user acts in, refusing impossible setups early."""
    chat = st.chats.get(chat_id)
    if chat is None:
        raise ValueError(f"unknown chat {chat_id}; create it with add_user/add_group")
    if chat.type == "private" and chat.id != user.id:
        raise ValueError(f"{user.first_name} cannot write in the private chat of {chat_id}")
    # Someone writing in a group has evidently joined it.
    chat.members.add(user.id)
    return chat


def user_message(
    st: State,
    chat_id: int,
    user: EmuUser,
    kind: str,
    content: dict[str, Any],
    text: str | None = None,
    reply_to: int | None = None,
    thread_id: int | None = None,
) -> dict[str, Any]:
    """Store a user's message and enqueue the update the bot will receive."""
    chat = _chat_for(st, chat_id, user)
    if thread_id is not None and thread_id not in chat.topics:
        raise ValueError(f"topic {thread_id} is not open in chat {chat_id}")
    # In a topic, a message that replies to nothing replies to the topic's opening message.
    reply_to = thread_id if reply_to is None else reply_to
    if reply_to is not None and st.message(chat.id, reply_to) is None:
        raise ValueError(f"message {reply_to} does not exist in chat {chat_id}")
    if chat.type == "private":
        # Writing to a bot again is how a user unblocks it.
        st.blocked.discard(chat.id)
    stored = StoredMessage(
        message_id=0,
        chat_id=chat.id,
        from_bot=False,
        sender_id=user.id,
        kind=kind,
        text=text,
        plain_text=text,
        reply_to=reply_to,
        thread_id=thread_id,
    )
    st.store(chat, user, stored, content)
    st.enqueue({"message": stored.payload})
    return stored.payload


def text_content(text: str) -> dict[str, Any]:
    """Return the content of a text message, with the command entity when it is one."""
    if not text:
        raise ValueError("Telegram clients cannot send empty text")
    content: dict[str, Any] = {"text": text}
    entities = command_entities(text)
    if entities:
        content["entities"] = entities
    return content


def click(st: State, chat_id: int, user: EmuUser, message_id: int, data: str) -> str:
    """Press an inline button of a bot message; return the callback query id."""
    message = st.message(chat_id, message_id)
    if message is None or not message.from_bot:
        raise ValueError(f"no bot message {message_id} in chat {chat_id} to click")
    query_id = st.new_callback(chat_id, message_id)
    query = {
        "id": query_id,
        "from": user.to_json(),
        "message": dict(message.payload),
        "chat_instance": f"{abs(chat_id) * 31 % 10**12}",
        "data": data,
    }
    st.enqueue({"callback_query": query})
    label = _label_of(message.reply_markup, data)
    st.clicks.append(Click(time.time(), chat_id, user, message_id, label, data))
    return query_id


def _label_of(markup: dict[str, Any] | None, data: str) -> str:
    """Return the text of the button carrying `data`, or the data itself."""
    for row in (markup or {}).get("inline_keyboard", []):
        for button in row:
            if button.get("callback_data") == data:
                return str(button.get("text", data))
    return data
