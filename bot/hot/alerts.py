"""Alert a ward's group once when similar reports pile up, and keep that alert up to date.

Each report is grouped with its ward's similar open reports when it reaches its group. What
was alerted is in the database (`hot_issues`, written with the message), so the decision is
derived from it and a restart neither loses nor repeats an alert. The alert is edited as the
incident grows, and the group gets a short new message each time the count doubles.
"""

from __future__ import annotations

from bot.deps import Deps
from bot.hot import texts as hot_texts
from bot.hot.cluster import incident
from bot.hot.similar import profile
from bot.kinds import Kind
from bot.messages import Button, Outgoing, escape
from bot.render import excerpt, local_time
from bot.status import OPEN_STATUSES, Status
from storage.hot import HotIssueRow, HotIssuesRepository, OpenReport
from storage.tickets import TicketRow

# Phản ánh, kiến nghị are about public matters others see too; the other kinds are personal
# procedures (a complaint, a denunciation, a mediation) or questions the FAQ takes.
HOT_KINDS = (Kind.FEEDBACK.value,)
ALERT_LINES = 15  # tickets listed in an alert; the rest are counted


class HotIssues:
    """Group each new report with its ward's similar ones; alert the group once there are enough."""

    def __init__(
        self, deps: Deps, repo: HotIssuesRepository, window_days: int, threshold: int
    ) -> None:
        self._d = deps
        self.repo = repo
        self._window = window_days * 24 * 3600.0
        self._threshold = threshold

    async def recent(self, ward_code: str, group: int | None = None) -> list[OpenReport]:
        """Return a ward's open reports filed within the window (routed to `group`, if given)."""
        since = self._d.clock() - self._window
        return await self.repo.recent_open(ward_code, group, since, HOT_KINDS, OPEN_STATUSES)

    async def check(self, ticket: TicketRow) -> None:
        """Count a report that reached its group; alert the group, or update its alert, when
        the incident has enough reports."""
        group = ticket.group_chat_id
        if group is None or ticket.kind not in HOT_KINDS:
            return
        same = _incident(await self.recent(ticket.ward_code, group), ticket.id)
        if not same:
            return
        issue = await self.repo.issue_of(group, same)
        if issue is not None:
            await self._grow(issue, same)
        elif len(same) >= self._threshold:
            await self._open(group, ticket.ward_code, await self._d.tickets.get_many(same))

    async def refresh_for(self, ticket_ids: list[int]) -> None:
        """Bring the alerts counting any of these tickets up to date (statuses, followers)."""
        for issue in await self.repo.issues_with(ticket_ids):
            await self._refresh(issue)

    async def _open(self, group: int, ward_code: str, same: list[TicketRow]) -> None:
        issue_id = await self.repo.create(group, ward_code, self._d.clock(), len(same))
        await self.repo.add_tickets(issue_id, [t.id for t in same])
        alert = await self._alert(issue_id, group, ward_code, same)
        await self.repo.set_message(issue_id, await self._d.outbox.send(group, alert))

    async def _grow(self, issue: HotIssueRow, same: list[int]) -> None:
        known = await self.repo.ticket_ids(issue.id)
        new = [ticket_id for ticket_id in same if ticket_id not in known]
        if not new:
            return
        await self.repo.add_tickets(issue.id, new)
        await self._refresh(issue)
        count, notified = len(known) + len(new), issue.notified
        if count >= 2 * notified:  # a new message, not only an edit, which nobody is told of
            ward = escape(self._d.ward_name(issue.ward_code))
            await self._d.outbox.send(
                issue.chat_id, Outgoing(hot_texts.HOT_GREW.format(ward=ward, count=count))
            )
            notified = count
        await self.repo.touch(issue.id, self._d.clock(), notified)

    async def _refresh(self, issue: HotIssueRow) -> None:
        """Queue an edit of the alert so that it lists its tickets as they are now."""
        if issue.outbox_id is None:
            return
        tickets = await self.repo.tickets(issue.id)
        alert = await self._alert(issue.id, issue.chat_id, issue.ward_code, tickets)
        await self._d.outbox.edit_queued(issue.chat_id, issue.outbox_id, alert)

    async def _alert(
        self, issue_id: int, group: int, ward_code: str, tickets: list[TicketRow]
    ) -> Outgoing:
        """Render an alert: the count and the tickets (code, date, status, start of the text),
        never who sent them."""
        following = await self._d.followers.count([t.id for t in tickets], "intake")
        lines = [
            hot_texts.HOT_LINE.format(
                code=t.code,
                day=local_time(t.created_at),
                status=Status(t.status).label if t.group_chat_id == group else hot_texts.MOVED,
                excerpt=excerpt(t.description, 80),
            )
            for t in tickets[:ALERT_LINES]
        ]
        more = len(tickets) - ALERT_LINES
        text = hot_texts.HOT_ALERT.format(
            ward=escape(self._d.ward_name(ward_code)),
            count=len(tickets),
            followers=hot_texts.HOT_FOLLOWERS.format(count=following) if following else "",
            lines="\n".join(lines),
            more=hot_texts.HOT_MORE.format(count=more) if more > 0 else "",
        )
        still_open = [t for t in tickets if Status(t.status).is_open and t.group_chat_id == group]
        if len(still_open) < 2:
            return Outgoing(text)
        target = still_open[0]  # the first report: the others are merged into it
        button = Button(
            hot_texts.BTN_MERGE_ALL.format(code=target.code), f"hm:{issue_id}:{target.id}"
        )
        return Outgoing(text, ((button,),))


def _incident(recent: list[OpenReport], ticket_id: int) -> list[int]:
    """Return the ids of the reports about the same incident as one of them (none if it is
    alone)."""
    at = next((i for i, t in enumerate(recent) if t.id == ticket_id), None)
    if at is None:  # filed before the window (e.g. transferred in from another ward)
        return []
    return [recent[i].id for i in incident([profile(t.description) for t in recent], at)]
