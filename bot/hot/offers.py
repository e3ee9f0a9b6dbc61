"""At intake, show a citizen the open reports like theirs, and let them follow one instead.

A follower hears everything the ticket's citizen hears about it (status, answers), without
filing a duplicate the officers would have to answer again. What they are shown of the other
report is its code, status and the start of its text (phone numbers masked), never its sender.
"""

from __future__ import annotations

from bot import texts
from bot.deps import CITIZEN, Deps
from bot.hot import texts as hot_texts
from bot.hot.alerts import HOT_KINDS, HotIssues
from bot.hot.similar import best_matches, profile
from bot.intake_prompts import Draft
from bot.messages import Button, Outgoing, button_number
from bot.render import excerpt
from bot.status import Status

SHOWN = 3  # reports offered at most


class SimilarOffers:
    """Find the open reports like a draft; make the citizen a follower of the one they pick."""

    def __init__(self, deps: Deps, hot: HotIssues) -> None:
        self._d = deps
        self._hot = hot

    async def offer(self, chat_id: int, draft: Draft) -> bool:
        """Show the open reports like the draft and ask: follow one, or send anyway? Tell
        whether there were any (the draft then waits at step "similar")."""
        if draft.get("kind") not in HOT_KINDS or draft.get("similar_done"):
            return False
        candidates = [
            t for t in await self._hot.recent(draft["ward"]) if t.citizen_chat_id != chat_id
        ]
        matches = best_matches(
            profile(draft["text"]),
            [(i, profile(t.description)) for i, t in enumerate(candidates)],
            SHOWN,
        )
        if not matches:
            return False
        found = {
            t.id: t for t in await self._d.tickets.get_many([candidates[i].id for i, _ in matches])
        }
        shown = [found[candidates[i].id] for i, _ in matches]  # most alike first
        draft["step"], draft["offered"] = "similar", [t.id for t in shown]
        lines = "\n".join(
            hot_texts.SIMILAR_LINE.format(
                code=t.code, status=Status(t.status).label, excerpt=excerpt(t.description)
            )
            for t in shown
        )
        rows = [
            (Button(hot_texts.BTN_FOLLOW.format(code=t.code), f"i:follow:{t.id}"),) for t in shown
        ]
        rows += [(Button(hot_texts.BTN_SEND_NEW, "i:new"),), (Button(texts.CANCEL, "i:cancel"),)]
        await self._d.outbox.send(
            chat_id, Outgoing(hot_texts.SIMILAR_FOUND.format(lines=lines), tuple(rows))
        )
        return True

    async def follow(self, chat_id: int, draft: Draft, value: str) -> str:
        """Make the citizen follow an offered report and drop the draft; return the notice."""
        offered = draft.get("offered", [])
        ticket_id = button_number(value)
        ticket = None if ticket_id is None else await self._d.tickets.get(ticket_id)
        if ticket is None or ticket.id not in offered or not Status(ticket.status).is_open:
            return texts.STALE_BUTTON
        await self._d.states.delete(chat_id)
        if await self._d.followers.add(ticket.id, chat_id, "intake", self._d.clock()):
            await self._d.record(ticket.id, CITIZEN, "followed")
            await self._hot.refresh_for([ticket.id])  # the alert counts its followers
        following = hot_texts.FOLLOWING.format(code=ticket.code, status=Status(ticket.status).label)
        await self._d.outbox.send(chat_id, Outgoing(following), ticket_id=ticket.id, link="status")
        return ticket.code
