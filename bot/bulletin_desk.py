"""Admins compose a bulletin in their private chat: target, content, link, preview, send."""

from __future__ import annotations

from typing import Any

from bot import bulletin_texts as bt
from bot import texts
from bot.broadcast import Broadcaster
from bot.bulletins import (
    PROVINCE_TARGET,
    TOPIC_TARGET,
    WARD_TARGET,
    Audiences,
    Target,
    bulletin_message,
    limit_for,
    progress_message,
    text_room,
    valid_link,
    visible_length,
)
from bot.deps import Deps
from bot.messages import Button, Outgoing, button_number, escape
from storage.bulletins import BulletinRepository, NewBulletin
from storage.subscriptions import SubscriptionRepository

STATE = "bulletin"
Draft = dict[str, Any]


class BulletinDesk:
    """Walk an admin through a bulletin; nothing is sent before they confirm the preview."""

    def __init__(
        self,
        deps: Deps,
        audiences: Audiences,
        subscriptions: SubscriptionRepository,
        repo: BulletinRepository,
        broadcaster: Broadcaster,
    ) -> None:
        self._d = deps
        self._audiences = audiences
        self._subs = subscriptions
        self._repo = repo
        self._broadcaster = broadcaster

    async def start(self, chat_id: int, admin_id: int) -> None:
        """Begin a new bulletin (dropping any unfinished draft of this chat)."""
        await self._save(chat_id, admin_id, {"step": "target"})
        rows = (
            (Button(bt.COMPOSE_BY_WARD, "b:k:w"),),
            (Button(bt.COMPOSE_BY_PROVINCE, "b:k:p"),),
            (Button(bt.COMPOSE_BY_TOPIC, "b:k:t"),),
        )
        await self._d.outbox.send(chat_id, Outgoing(bt.COMPOSE_TARGET, rows))

    async def composing(self, chat_id: int) -> bool:
        """Tell whether the chat is in the middle of a bulletin."""
        return await self._draft(chat_id) is not None

    async def button(self, chat_id: int, admin_id: int, parts: list[str]) -> str:
        """Handle a composing button ("b:..."); return the notice for the button press."""
        draft = await self._draft(chat_id)
        if draft is None or not parts:
            return texts.STALE_BUTTON
        action, arg = parts[0], ":".join(parts[1:])
        if action == "k" and draft["step"] == "target":
            await self._pick_kind(chat_id, admin_id, draft, arg)
        elif action in ("w", "p", "t") and draft["step"] in ("target", "ward"):
            return await self._choose(chat_id, admin_id, draft, action, arg)
        elif action == "nolink" and draft["step"] == "link":
            await self._preview(chat_id, admin_id, draft)
        elif action == "send" and draft["step"] == "confirm":
            return await self._confirm(chat_id, admin_id, draft)
        elif action == "cancel":
            await self._d.states.delete(chat_id)
            await self._d.outbox.send(chat_id, Outgoing(bt.COMPOSE_DISCARDED))
        else:
            return texts.STALE_BUTTON
        return ""

    async def receive(
        self, chat_id: int, admin_id: int, text: str, photo: str | None, other_media: bool
    ) -> None:
        """Take what the admin typed or sent at the current step."""
        draft = await self._draft(chat_id)
        if draft is None:
            return
        step = draft["step"]
        if step == "ward" and text and not photo and not other_media:
            await self._type_ward(chat_id, admin_id, draft, text)
        elif step == "content":
            await self._content(chat_id, admin_id, draft, text, photo, other_media)
        elif step == "link" and text and not photo and not other_media:
            if (link := valid_link(text)) is None:
                await self._say(chat_id, bt.COMPOSE_BAD_LINK)
                return
            await self._add_link(chat_id, admin_id, draft, link)
        else:
            await self._say(chat_id, bt.COMPOSE_EXPECT_BUTTON)

    async def _pick_kind(self, chat_id: int, admin_id: int, draft: Draft, kind: str) -> None:
        if kind == "w":
            await self._save(chat_id, admin_id, draft | {"step": "ward"})
            await self._say(chat_id, bt.COMPOSE_ASK_WARD)
            return
        if kind == "p":
            provinces = self._audiences.provinces()
            rows = tuple((Button(p, f"b:p:{n}"),) for n, p in enumerate(provinces))
            await self._d.outbox.send(chat_id, Outgoing(bt.COMPOSE_PICK_PROVINCE, rows))
            return
        rows = tuple((Button(t, f"b:t:{i}"),) for i, t in self._audiences.topics())
        await self._d.outbox.send(chat_id, Outgoing(bt.COMPOSE_PICK_TOPIC, rows))

    async def _type_ward(self, chat_id: int, admin_id: int, draft: Draft, text: str) -> None:
        """Take the ward the admin typed, or offer the close matches."""
        found = self._d.wards.resolve(text)
        if found.ward is not None:
            await self._choose(chat_id, admin_id, draft, "w", found.ward.code)
        elif found.candidates:
            rows = tuple((Button(m.ward.name, f"b:w:{m.ward.code}"),) for m in found.candidates)
            await self._d.outbox.send(chat_id, Outgoing(bt.COMPOSE_WARD_CHOOSE, rows))
        else:
            await self._say(chat_id, bt.COMPOSE_WARD_UNKNOWN.format(text=escape(text[:100])))

    async def _choose(
        self, chat_id: int, admin_id: int, draft: Draft, action: str, arg: str
    ) -> str:
        """Set the target from a ward, province or topic button."""
        key = arg
        if action == "p":
            provinces = self._audiences.provinces()
            index = button_number(arg)
            if index is None or not 0 <= index < len(provinces):
                return texts.STALE_BUTTON
            key = provinces[index]
        kind = {"w": WARD_TARGET, "p": PROVINCE_TARGET, "t": TOPIC_TARGET}[action]
        label = self._audiences.label(Target(kind, key))
        if label is None:
            return texts.STALE_BUTTON
        await self._save(chat_id, admin_id, draft | {"step": "content", "kind": kind, "key": key})
        prompt = bt.COMPOSE_ASK_CONTENT.format(
            label=escape(label), text=text_room(None), caption=text_room("photo")
        )
        await self._say(chat_id, prompt)
        return ""

    async def _content(
        self,
        chat_id: int,
        admin_id: int,
        draft: Draft,
        text: str,
        photo: str | None,
        other_media: bool,
    ) -> None:
        """Check the bulletin's text (or photo and caption) and ask for a link."""
        if other_media:
            await self._say(chat_id, bt.COMPOSE_ONLY_PHOTO)
            return
        if not text.strip():
            await self._say(chat_id, bt.COMPOSE_NEED_TEXT)
            return
        limit = text_room(photo)
        if len(text) > limit:
            await self._say(chat_id, bt.COMPOSE_TOO_LONG.format(length=len(text), limit=limit))
            return
        await self._save(chat_id, admin_id, draft | {"step": "link", "text": text, "photo": photo})
        rows = ((Button(bt.COMPOSE_NO_LINK, "b:nolink"),),)
        await self._d.outbox.send(chat_id, Outgoing(bt.COMPOSE_ASK_LINK, rows))

    async def _add_link(self, chat_id: int, admin_id: int, draft: Draft, link: str) -> None:
        """Add the link if the bulletin still fits Telegram's limit with it."""
        target = Target(draft["kind"], draft["key"])
        message = bulletin_message(self._audiences.label(target) or "", draft["text"], link)
        length, limit = visible_length(message), limit_for(draft.get("photo"))
        if length > limit:
            await self._say(chat_id, bt.COMPOSE_TOO_LONG.format(length=length, limit=limit))
            return
        await self._preview(chat_id, admin_id, draft | {"link": link})

    async def _preview(self, chat_id: int, admin_id: int, draft: Draft) -> None:
        """Show the bulletin exactly as recipients will see it, and whom it reaches now."""
        target = Target(draft["kind"], draft["key"])
        label = self._audiences.label(target) or target.key
        message = bulletin_message(label, draft["text"], draft.get("link"))
        await self._save(chat_id, admin_id, draft | {"step": "confirm"})
        if draft.get("photo"):
            await self._d.outbox.send_photo(chat_id, draft["photo"], message)
        else:
            await self._d.outbox.send(chat_id, message)
        count = await self._subs.count(self._audiences.audience(target))
        rows = ((Button(bt.COMPOSE_SEND, "b:send"), Button(bt.COMPOSE_DISCARD, "b:cancel")),)
        text = bt.COMPOSE_PREVIEW.format(label=escape(label), count=count)
        await self._d.outbox.send(chat_id, Outgoing(text, rows))

    async def _confirm(self, chat_id: int, admin_id: int, draft: Draft) -> str:
        """Store the bulletin and hand it to the broadcaster; report progress in one message."""
        target = Target(draft["kind"], draft["key"])
        label = self._audiences.label(target)
        if label is None:
            return texts.STALE_BUTTON
        count = await self._subs.count(self._audiences.audience(target))
        if count == 0:
            await self._say(chat_id, bt.COMPOSE_NOBODY.format(label=escape(label)))
            return ""
        new = NewBulletin(
            target.kind, target.key, draft["text"], draft.get("photo"), draft.get("link"),
            created_by=admin_id, admin_chat_id=chat_id, planned=count,
        )  # fmt: skip
        bulletin_id = await self._repo.create(new, self._d.clock())
        bulletin = await self._repo.get(bulletin_id)
        assert bulletin is not None
        progress = await self._d.outbox.send_tracked(chat_id, progress_message(bulletin, label))
        await self._repo.set_progress_message(bulletin_id, progress)
        await self._d.states.delete(chat_id)
        self._d.db.on_commit(self._broadcaster.wake)
        return bt.COMPOSE_STARTED

    async def _draft(self, chat_id: int) -> Draft | None:
        state = await self._d.states.get(chat_id)
        return state.data if state is not None and state.state == STATE else None

    async def _save(self, chat_id: int, admin_id: int, draft: Draft) -> None:
        await self._d.states.put(chat_id, admin_id, STATE, draft, self._d.clock())

    async def _say(self, chat_id: int, text: str) -> None:
        await self._d.outbox.send(chat_id, Outgoing(text))
