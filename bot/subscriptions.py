"""Citizens choose the bulletins they get: by ward and by legal topic, changed at any time."""

from __future__ import annotations

from bot import bulletin_texts as bt
from bot import texts
from bot.bulletins import Audiences
from bot.deps import Deps
from bot.messages import Button, Outgoing, button_number, escape
from storage.subscriptions import TOPIC, WARD, SubscriptionRepository

WARDS_PER_PAGE = 10
Rows = tuple[tuple[Button, ...], ...]


class SubscriptionDesk:
    """Show, toggle and drop a citizen's opt-ins; lists are edited in place as they change."""

    def __init__(self, deps: Deps, repo: SubscriptionRepository, audiences: Audiences) -> None:
        self._d = deps
        self._repo = repo
        self._audiences = audiences

    async def show(self, chat_id: int, message_id: int | None = None) -> None:
        """Show what the chat gets, with ways to change it (editing `message_id`, if given)."""
        mine = await self._repo.of_chat(chat_id)
        lines = [
            bt.SUBS_WARD_LINE.format(name=escape(ward.name))
            for ward in self._d.wards.all()
            if (WARD, ward.code) in mine
        ] + [
            bt.SUBS_TOPIC_LINE.format(title=escape(title))
            for topic, title in self._audiences.topics()
            if (TOPIC, topic) in mine
        ]
        current = bt.SUBS_CURRENT.format(lines="\n".join(lines)) if lines else bt.SUBS_NONE
        rows: list[tuple[Button, ...]] = [
            (Button(bt.SUBS_BY_WARD, "s:w:0"),),
            (Button(bt.SUBS_BY_TOPIC, "s:t"),),
        ]
        if mine:
            rows.append((Button(bt.SUBS_STOP_ALL, "s:off"),))
        await self._put(
            chat_id, message_id, Outgoing(bt.SUBS_OVERVIEW.format(current=current), tuple(rows))
        )

    async def button(self, chat_id: int, message_id: int | None, parts: list[str]) -> str:
        """Handle a subscription button ("s:..."); return the notice for the button press."""
        action, args = parts[0], parts[1:]
        if action == "menu":  # from a bulletin: a new message, the bulletin stays as it is
            await self.show(chat_id)
        elif action == "home":
            await self.show(chat_id, message_id)
        elif action == "w" and len(args) == 1 and (page := button_number(args[0])) is not None:
            await self._wards_page(chat_id, message_id, page)
        elif action == "tw" and len(args) == 2 and (page := button_number(args[1])) is not None:
            return await self._toggle_ward(chat_id, message_id, args[0], page)
        elif action == "t":
            await self._topics_page(chat_id, message_id)
        elif action == "tt" and len(args) == 1:
            return await self._toggle_topic(chat_id, message_id, args[0])
        elif action in ("off", "stop"):
            await self._repo.remove_all([chat_id])
            await self._put(
                chat_id, message_id if action == "off" else None, Outgoing(bt.SUBS_STOPPED)
            )
        elif action == "add" and len(args) == 1 and (ward := self._d.wards.get(args[0])):
            await self._repo.add(chat_id, WARD, ward.code, self._d.clock())
            await self.show(chat_id)
            return bt.SUBS_ON.format(name=ward.name)
        else:
            return texts.STALE_BUTTON
        return ""

    async def subscribe_text(self, chat_id: int, text: str) -> None:
        """Handle `/subscribe [ward]`: opt in to a typed ward, or show the choices."""
        if not text.strip():
            await self.show(chat_id)
            return
        found = self._d.wards.resolve(text)
        if found.ward is not None:
            await self._repo.add(chat_id, WARD, found.ward.code, self._d.clock())
            await self._d.outbox.send(
                chat_id, Outgoing(bt.SUBS_ON.format(name=escape(found.ward.name)))
            )
            await self.show(chat_id)
        elif found.candidates:
            rows = tuple((Button(m.ward.name, f"s:add:{m.ward.code}"),) for m in found.candidates)
            await self._d.outbox.send(chat_id, Outgoing(bt.SUBS_WARD_CHOOSE, rows))
        else:
            text = bt.SUBS_WARD_UNKNOWN.format(text=escape(text[:100]))
            await self._d.outbox.send(chat_id, Outgoing(text))

    async def stop_all(self, chat_id: int) -> None:
        """Handle `/unsubscribe`: drop every opt-in of the chat."""
        removed = await self._repo.remove_all([chat_id])
        await self._d.outbox.send(
            chat_id, Outgoing(bt.SUBS_STOPPED if removed else bt.SUBS_NOTHING)
        )

    async def _toggle_ward(self, chat_id: int, message_id: int | None, code: str, page: int) -> str:
        ward = self._d.wards.get(code)
        if ward is None:
            return texts.STALE_BUTTON
        on = await self._toggle(chat_id, WARD, code)
        await self._wards_page(chat_id, message_id, page)
        return (bt.SUBS_ON if on else bt.SUBS_OFF).format(name=ward.name)

    async def _toggle_topic(self, chat_id: int, message_id: int | None, topic: str) -> str:
        title = dict(self._audiences.topics()).get(topic)
        if title is None:
            return texts.STALE_BUTTON
        on = await self._toggle(chat_id, TOPIC, topic)
        await self._topics_page(chat_id, message_id)
        return (bt.SUBS_ON if on else bt.SUBS_OFF).format(name=title)

    async def _toggle(self, chat_id: int, scope: str, key: str) -> bool:
        """Flip one opt-in; tell whether it is now on."""
        if (scope, key) in await self._repo.of_chat(chat_id):
            await self._repo.remove(chat_id, scope, key)
            return False
        await self._repo.add(chat_id, scope, key, self._d.clock())
        return True

    async def _wards_page(self, chat_id: int, message_id: int | None, page: int) -> None:
        wards = self._d.wards.all()
        pages = max(1, -(-len(wards) // WARDS_PER_PAGE))
        page = min(page, pages - 1)
        mine = await self._repo.of_chat(chat_id)
        shown = wards[page * WARDS_PER_PAGE : (page + 1) * WARDS_PER_PAGE]
        buttons = [
            Button(_mark((WARD, w.code) in mine, w.name), f"s:tw:{w.code}:{page}") for w in shown
        ]
        rows: list[tuple[Button, ...]] = [
            tuple(buttons[i : i + 2]) for i in range(0, len(buttons), 2)
        ]
        nav = []
        if page > 0:
            nav.append(Button(bt.SUBS_PREV, f"s:w:{page - 1}"))
        if page < pages - 1:
            nav.append(Button(bt.SUBS_NEXT, f"s:w:{page + 1}"))
        rows += (
            [tuple(nav), (Button(bt.SUBS_BACK, "s:home"),)]
            if nav
            else [(Button(bt.SUBS_BACK, "s:home"),)]
        )
        text = bt.SUBS_PICK_WARD.format(page=page + 1, pages=pages)
        await self._put(chat_id, message_id, Outgoing(text, tuple(rows)))

    async def _topics_page(self, chat_id: int, message_id: int | None) -> None:
        mine = await self._repo.of_chat(chat_id)
        rows: list[tuple[Button, ...]] = [
            (Button(_mark((TOPIC, topic) in mine, title), f"s:tt:{topic}"),)
            for topic, title in self._audiences.topics()
        ]
        rows.append((Button(bt.SUBS_BACK, "s:home"),))
        await self._put(chat_id, message_id, Outgoing(bt.SUBS_PICK_TOPIC, tuple(rows)))

    async def _put(self, chat_id: int, message_id: int | None, message: Outgoing) -> None:
        """Edit the message the button was on, or send a new one."""
        if message_id is None:
            await self._d.outbox.send(chat_id, message)
        else:
            await self._d.outbox.edit(chat_id, message_id, message)


def _mark(on: bool, label: str) -> str:
    return f"✅ {label}" if on else label
