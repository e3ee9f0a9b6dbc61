"""Merging duplicates: a report closes as merged into another, and its citizen follows that one.

Every citizen on a merged ticket (its own, and anyone who followed it) becomes a follower of
the ticket it was merged into, so the officers' answer there reaches them all. A merged ticket
keeps its own status (`merged`), so period reports count it as received and closed as a
duplicate, never as resolved twice.
"""

from __future__ import annotations

import re

from bot import texts
from bot.codes import parse_code
from bot.deps import Actor, Deps
from bot.hot import texts as hot_texts
from bot.hot.alerts import HotIssues
from bot.kinds import Kind
from bot.messages import Outgoing, escape
from bot.status import Status
from bot.tickets import TicketService
from storage.tickets import TicketRow

# Complaints, denunciations and mediations are each a procedure of their own, for one person.
MERGEABLE = frozenset({Kind.FEEDBACK.value, Kind.QUESTION.value})
_MEDIA_ONLY = re.compile(r"^\[\w+\]$")  # how history records an answer that was only a file


class MergeService:
    """Merge a group's duplicate tickets, by command or from a hot-issue alert."""

    def __init__(self, deps: Deps, tickets: TicketService, hot: HotIssues) -> None:
        self._d = deps
        self._tickets = tickets
        self._hot = hot

    async def command(self, chat_id: int, officer: Actor, text: str) -> None:
        """Handle `/merge CODE_INTO CODE_FROM...` sent in a group."""
        codes = text.split()
        if len(codes) < 2:
            await self._say(chat_id, hot_texts.MERGE_USAGE)
            return
        target = await self._here(chat_id, codes[0])
        refused = _refusal(target, None)
        if target is None or refused:
            await self._say(chat_id, _refused(codes[0], refused))
            return
        sources, notes = [], []
        for code in codes[1:]:
            ticket = await self._here(chat_id, code)
            if ticket is not None and not _refusal(ticket, target):
                sources.append(ticket)
            else:
                notes.append(_refused(code, _refusal(ticket, target)))
        if sources:
            notes.insert(0, await self.merge(target, sources, officer))
        await self._say(chat_id, "\n".join(notes))

    async def merge_issue(self, chat_id: int, officer: Actor, issue_id: int, target_id: int) -> str:
        """Merge the open tickets of a hot-issue alert into one; return the button's notice."""
        issue = await self._hot.repo.get(issue_id)
        if issue is None or issue.chat_id != chat_id:
            return texts.NOT_THIS_GROUP
        tickets = await self._hot.repo.tickets(issue_id)
        target = next((t for t in tickets if t.id == target_id), None)
        # Like /merge: the kept ticket must still be this group's (it may have moved on since).
        if target is None or target.group_chat_id != chat_id or _refusal(target, None):
            return texts.STALE_BUTTON
        sources = [t for t in tickets if t.group_chat_id == chat_id and not _refusal(t, target)]
        if not sources:
            return hot_texts.MERGE_NOTHING
        await self._say(chat_id, await self.merge(target, sources, officer))
        return hot_texts.BTN_MERGE_ALL.format(code=target.code)

    async def merge(self, target: TicketRow, sources: list[TicketRow], officer: Actor) -> str:
        """Merge tickets into `target` and tell their citizens; return the group's notice."""
        for source in sources:
            await self._merge_one(target, source, officer)
        await self._hot.refresh_for([target.id, *(s.id for s in sources)])
        people = len(await self._d.citizens_of(target))
        codes = ", ".join(f"<code>{s.code}</code>" for s in sources)
        return hot_texts.MERGE_DONE.format(codes=codes, code=target.code, people=people)

    async def _merge_one(self, target: TicketRow, source: TicketRow, officer: Actor) -> None:
        now = self._d.clock()
        source = await self._d.tickets.update(source.id, now, status=Status.MERGED.value)
        await self._hot.repo.add_merge(source.id, target.id, now)
        await self._d.record(source.id, officer, "merged", target.code)
        await self._d.record(target.id, officer, "merged_in", source.code)
        await self._tickets.refresh_card(source)
        told = Outgoing(hot_texts.MERGED_CITIZEN.format(code=source.code, into=target.code))
        answer = await self._last_answer(target)
        for chat in await self._d.citizens_of(source):
            if chat == target.citizen_chat_id:
                continue  # the same citizen filed both: they hear about the target anyway
            added = await self._d.followers.add(target.id, chat, "merge", now)
            await self._d.outbox.send(chat, told, ticket_id=target.id, link="status")
            if added and answer is not None:
                await self._d.outbox.send(chat, answer, ticket_id=target.id, link="answer")

    async def _last_answer(self, target: TicketRow) -> Outgoing | None:
        """Return the ward's latest written answer on a ticket, for citizens who join it late."""
        events = await self._d.tickets.events(target.id)
        answers = [e.detail for e in events if e.action == "answered" and e.detail]
        if not answers or _MEDIA_ONLY.match(answers[-1]):
            return None
        ward = escape(self._d.ward_name(target.ward_code))
        text = hot_texts.MERGED_LAST_ANSWER.format(
            ward=ward, code=target.code, text=escape(answers[-1])
        )
        return Outgoing(text)

    async def _here(self, chat_id: int, code_text: str) -> TicketRow | None:
        code = parse_code(code_text)
        ticket = None if code is None else await self._d.tickets.by_code(code)
        return ticket if ticket is not None and ticket.group_chat_id == chat_id else None

    async def _say(self, chat_id: int, text: str) -> None:
        await self._d.outbox.send(chat_id, Outgoing(text))


def _refusal(ticket: TicketRow | None, target: TicketRow | None) -> str | None:
    """Return why a ticket cannot be merged (into `target`, or kept as the target), or None."""
    if ticket is None:
        return hot_texts.MERGE_NOT_HERE
    if not Status(ticket.status).is_open:
        return hot_texts.MERGE_CLOSED
    if ticket.kind not in MERGEABLE:
        return hot_texts.MERGE_KIND
    if target is not None and ticket.id == target.id:
        return hot_texts.MERGE_SAME
    if target is not None and ticket.kind != target.kind:
        return hot_texts.MERGE_OTHER_KIND
    return None


def _refused(code_text: str, reason: str | None) -> str:
    return hot_texts.MERGE_REFUSED.format(code=escape(code_text), reason=reason or "")
