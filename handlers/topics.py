"""Forum groups: each ticket gets its own topic, opened on its first message and reopened if
an officer deletes it (the message that found it gone is retried there, never lost)."""

from __future__ import annotations

from dataclasses import dataclass

from bot import officer_texts
from bot.kinds import Kind
from bot.services import Services
from storage.outbox import OutboxItem

TOPIC_NAME_LIMIT = 128  # Telegram's limit for a topic name
_IN_TOPIC = frozenset({"send", "copy"})  # edits and button answers stay where their message is


@dataclass(frozen=True, slots=True)
class TopicPlan:
    """Where a message about a ticket goes in a forum: its topic, or a new one to open."""

    ticket_id: int
    thread: int | None  # None: open the topic first
    name: str


@dataclass(frozen=True, slots=True)
class TopicChange:
    """What delivery learnt about a ticket's topic: opened (thread) or found deleted (None)."""

    ticket_id: int
    chat_id: int
    thread: int | None


async def plan_topics(services: Services, items: list[OutboxItem]) -> dict[int, TopicPlan]:
    """Return, per outbox item bound for a ticket's forum group, the topic to post it in."""
    routes, tickets = services.deps.routes.current, services.deps.tickets
    plans: dict[int, TopicPlan] = {}
    for item in items:
        if item.ticket_id is None or item.method not in _IN_TOPIC:
            continue
        if not routes.is_forum(item.chat_id):
            continue
        ticket = await tickets.get(item.ticket_id)
        if ticket is None or ticket.group_chat_id != item.chat_id:
            continue  # e.g. the note left behind when a ticket moved on: the General topic
        ward = services.deps.ward_name(ticket.ward_code)
        name = f"{ticket.code} · {Kind(ticket.kind).label} · {ward}"
        plans[item.id] = TopicPlan(ticket.id, ticket.thread_id, name[:TOPIC_NAME_LIMIT])
    return plans


async def record_topic_changes(services: Services, changes: list[TopicChange]) -> None:
    """Store opened topics; for a deleted one, forget it and post the card again in a new one."""
    deps = services.deps
    for change in changes:
        ticket = await deps.tickets.get(change.ticket_id)
        if ticket is None or ticket.group_chat_id != change.chat_id:
            continue  # it moved to another group while the call was made: that topic is not its
        await deps.tickets.set_topic(change.ticket_id, change.thread)
        if change.thread is None:
            await services.tickets.post_card(
                ticket, change.chat_id, note=officer_texts.TOPIC_REOPENED
            )
