"""Morning digests for each group and escalation of overdue tickets, derived from the database.

Every run looks at the tickets and at what was already sent (the `digests` and `escalations`
tables, written in the same transaction as the messages), so a restart neither loses nor
repeats a reminder: a digest missed while the bot was down goes out when it is back.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from bot import officer_texts
from bot.deps import Deps
from bot.kinds import Kind
from bot.messages import Outgoing, escape
from bot.render import local_date
from bot.status import OPEN_STATUSES
from storage.reminders import RemindersRepository
from storage.tickets import TicketRow

SOON_WORKING_DAYS = 2
DIGEST_LINES = 15  # per section; the rest are counted, and /queue lists them all


class ReminderService:
    """Send what is due now: today's digests, first and second escalations."""

    def __init__(
        self, deps: Deps, repo: RemindersRepository, digest_at: time, again_hours: int
    ) -> None:
        self._d = deps
        self._repo = repo
        self._digest_at = digest_at
        self._again = again_hours * 3600.0

    async def run(self, now: float) -> None:
        """Send every reminder due at `now` (inside the caller's transaction)."""
        local = datetime.fromtimestamp(now, self._d.deadlines.timezone)
        await self._escalate(now, local.date())
        calendar = self._d.deadlines.calendar
        if local.time() >= self._digest_at and calendar.is_working_day(local.date()):
            await self._digests(now, local.date())

    async def _digests(self, now: float, day: date) -> None:
        soon = self._d.deadlines.calendar.add_working_days(day, SOON_WORKING_DAYS)
        due = await self._repo.open_due_by(soon.isoformat(), OPEN_STATUSES)
        counts = await self._repo.open_counts(OPEN_STATUSES)
        chats = {rule.chat_id for rule in self._d.routes.current.rules} | set(counts)
        done = await self._repo.digested(day.isoformat())
        for chat in sorted(chats - done):
            mine = [t for t in due if t.group_chat_id == chat]
            text = self._digest_text(day, counts.get(chat, 0), mine)
            await self._d.outbox.send(chat, Outgoing(text))
            await self._repo.mark_digest(chat, day.isoformat(), now)

    def _digest_text(self, day: date, open_count: int, due: list[TicketRow]) -> str:
        overdue = [t for t in due if t.due_date < day.isoformat()]
        soon = [t for t in due if t.due_date >= day.isoformat()]
        lines = [
            officer_texts.DIGEST_TITLE.format(
                day=day.strftime("%d/%m/%Y"), open=open_count, soon=len(soon), overdue=len(overdue)
            )
        ]
        for title, tickets in (
            (officer_texts.DIGEST_OVERDUE, overdue),
            (officer_texts.DIGEST_SOON, soon),
        ):
            if tickets:
                lines.append(title)
                lines += [self._line(t) for t in tickets[:DIGEST_LINES]]
                if len(tickets) > DIGEST_LINES:
                    lines.append(
                        officer_texts.DIGEST_MORE.format(count=len(tickets) - DIGEST_LINES)
                    )
        if not due:
            lines.append(officer_texts.DIGEST_CLEAR)
        return "\n".join(lines)

    async def _escalate(self, now: float, day: date) -> None:
        yesterday = (day - timedelta(days=1)).isoformat()
        overdue = await self._repo.open_due_by(yesterday, OPEN_STATUSES)
        if not overdue:
            return
        sent = await self._repo.escalations([t.id for t in overdue])
        for ticket in overdue:
            level, at = sent.get(ticket.id, (0, 0.0))
            if level == 0 or (level == 1 and now - at >= self._again):
                await self._send_escalation(ticket, level + 1)
                await self._repo.mark_escalated(ticket.id, level + 1, now)

    async def _send_escalation(self, ticket: TicketRow, level: int) -> None:
        """Tell the supervisors (or, with none bound, the admins) that a ticket is overdue."""
        template = officer_texts.ESCALATION_FIRST if level == 1 else officer_texts.ESCALATION_AGAIN
        text = template.format(line=self._line(ticket))
        supervisor = self._d.routes.current.supervisor()
        targets = [supervisor.chat_id] if supervisor else sorted(self._d.admin_ids)
        for chat in targets:
            await self._d.outbox.send(chat, Outgoing(text))
        if ticket.group_chat_id is not None and ticket.group_chat_id not in targets:
            notice = officer_texts.ESCALATED_GROUP.format(code=ticket.code, level=level)
            await self._d.outbox.send(ticket.group_chat_id, Outgoing(notice))

    def _line(self, ticket: TicketRow) -> str:
        """One ticket in a reminder: never who sent it."""
        return officer_texts.REMINDER_LINE.format(
            code=ticket.code,
            kind=Kind(ticket.kind).label,
            ward=escape(self._d.ward_name(ticket.ward_code)),
            due=local_date(ticket.due_date),
            handler=escape(ticket.handler_name or officer_texts.NO_HANDLER),
        )
