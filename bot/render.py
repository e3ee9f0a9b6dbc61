"""Render tickets as the texts people see: cards, receipts, histories, queues."""

from __future__ import annotations

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

from bot import officer_texts, texts
from bot.deadlines import ClockState, Deadline
from bot.kinds import Kind
from bot.messages import Button, escape
from bot.status import Status
from storage.tickets import EventRow, TicketRow

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
CARD_DESCRIPTION_LIMIT = 2500  # leaves room for the card's header within one 4096-char message
_KIND_ICONS = {
    Kind.FEEDBACK: "📣",
    Kind.COMPLAINT: "📄",
    Kind.DENUNCIATION: "🔒",
    Kind.MEDIATION: "🤝",
    Kind.QUESTION: "❓",
}
_EVENT_LABELS = {
    "created": "Tiếp nhận",
    "claimed": "Nhận xử lý",
    "answered": "Trả lời công dân",
    "note": "Ghi chú nội bộ",
    "follow_up": "Công dân bổ sung",
    "follower_note": "Người theo dõi bổ sung",
    "resolved": "Đã giải quyết",
    "declined": "Không thuộc thẩm quyền",
    "transferred": "Chuyển phường/xã",
    "reopened": "Mở lại",
    "rated": "Đánh giá",
    "identity_viewed": "Xem thông tin người gửi",
    "accepted": "Thụ lý",
    "complex": "Vụ việc phức tạp",
    "extended": "Gia hạn",
    "followed": "Có người dân theo dõi",
    "merged": "Gộp vào yêu cầu khác",
    "merged_in": "Gộp yêu cầu trùng vào đây",
}
_CITIZEN_EVENTS = {"created", "claimed", "answered", "follow_up", "resolved", "declined"}
_CITIZEN_EVENTS |= {"transferred", "reopened", "rated", "accepted", "complex", "extended"}
_CITIZEN_EVENTS |= {"merged"}
# Phone numbers (9 to 11 digits, maybe spaced or dotted) and e-mail addresses.
_CONTACTS = re.compile(r"(?<!\d)\+?\d(?:[\s.\-]?\d){8,10}(?!\d)|[\w.+-]+@[\w-]+\.[\w.]+")


def local_time(timestamp: float) -> str:
    """Format a timestamp as Vietnamese local time."""
    return datetime.fromtimestamp(timestamp, TZ).strftime("%H:%M %d/%m/%Y")


def local_date(day: str | date) -> str:
    """Format a date (or an ISO date) as dd/mm/yyyy."""
    return (date.fromisoformat(day) if isinstance(day, str) else day).strftime("%d/%m/%Y")


def today(timestamp: float) -> str:
    """Return the local date of a timestamp, ISO formatted."""
    return datetime.fromtimestamp(timestamp, TZ).date().isoformat()


def card_text(
    ticket: TicketRow,
    ward: str,
    category: str,
    attachments: int,
    now: float,
    *,
    hint: bool,
    reveal: bool = False,
    clock: ClockState | None = None,
) -> str:
    """Render the card officers see; a denouncer's identity only for designated handlers."""
    kind = Kind(ticket.kind)
    description = escape(ticket.description[:CARD_DESCRIPTION_LIMIT])
    if len(ticket.description) > CARD_DESCRIPTION_LIMIT:
        description += officer_texts.CARD_TRUNCATED
    status = Status(ticket.status)
    text = officer_texts.CARD.format(
        icon=_KIND_ICONS[kind],
        kind=kind.label,
        code=ticket.code,
        status=status.label,
        handler=officer_texts.CARD_HANDLER.format(name=escape(ticket.handler_name))
        if ticket.handler_name
        else "",
        ward=escape(ward),
        category=escape(category),
        received=local_time(ticket.created_at),
        deadline=deadline_text(clock, ticket.due_date)
        if clock
        else officer_texts.CARD_DUE.format(due=local_date(ticket.due_date)),
        overdue=officer_texts.CARD_OVERDUE
        if status.is_open and ticket.due_date < today(now)
        else "",
        citizen=citizen_line(ticket, reveal=reveal),
        attachments=attachments,
        description=description,
    )
    return text + (officer_texts.CARD_REPLY_HINT if hint and status.is_open else "")


def deadline_text(clock: ClockState, due: str) -> str:
    """Render the clock running now: "Hạn thụ lý: 16/03/2026 (10 ngày làm việc)"."""
    # The stored due date wins over a recomputed one: a later edit of the deadlines file applies
    # from a ticket's next clock event, not retroactively.
    text = officer_texts.CARD_DEADLINE.format(
        label=escape(clock.clock.label), due=local_date(due), period=escape(clock.period())
    )
    if clock.accepted_on is not None:
        text = officer_texts.CARD_ACCEPTED.format(on=local_date(clock.accepted_on)) + text
    return text


def clock_terms(clock: Deadline) -> str:
    """Render a clock's terms: "30 ngày kể từ ngày thụ lý, vụ việc phức tạp 45 ngày"."""
    unit = clock.unit.label
    text = f"{clock.period} {texts.SINCE[clock.start.value]}"
    if clock.complex_days:
        text += texts.TERMS_COMPLEX.format(days=clock.complex_days, unit=unit)
    if clock.max_extensions:
        text += texts.TERMS_EXTENSIONS.format(
            n=clock.max_extensions, days=clock.extension_days, unit=unit
        )
    return text


def citizen_line(ticket: TicketRow, *, reveal: bool) -> str:
    """Render who sent a ticket; for a denunciation only when `reveal` (its designated handlers,
    or admins in private)."""
    if Kind(ticket.kind) is Kind.DENUNCIATION and not reveal:
        return officer_texts.IDENTITY_HIDDEN
    parts = [ticket.contact_name, ticket.contact_phone, ticket.contact_address]
    shown = " · ".join(escape(p) for p in parts if p)
    return shown or officer_texts.NO_CONTACT


def card_buttons(ticket: TicketRow, *, accept: bool = False) -> tuple[tuple[Button, ...], ...]:
    """Return the officer buttons that make sense for a ticket's status and clock."""
    status = Status(ticket.status)
    if not status.is_open:
        return ()
    first = [Button(officer_texts.BTN_RESOLVE, f"t:resolve:{ticket.id}")]
    if ticket.handler_id is None:
        first.insert(0, Button(officer_texts.BTN_CLAIM, f"t:claim:{ticket.id}"))
    # Acceptance is a legal act of its own, not the same as picking the ticket up (bot/clocks.py).
    accepting = ((Button(officer_texts.BTN_ACCEPT, f"t:accept:{ticket.id}"),),) if accept else ()
    return (
        *accepting,
        tuple(first),
        (
            Button(officer_texts.BTN_TRANSFER, f"t:transfer:{ticket.id}"),
            Button(officer_texts.BTN_DECLINE, f"t:decline:{ticket.id}"),
        ),
    )


def history_text(events: list[EventRow], *, for_citizen: bool) -> str:
    """Render a ticket's history; citizens see neither internal notes nor officers' names."""
    lines = [texts.HISTORY]
    for event in events:
        if for_citizen and event.action not in _CITIZEN_EVENTS:
            continue
        label = _EVENT_LABELS.get(event.action, event.action)
        who = "" if for_citizen or not event.actor_name else f" — {escape(event.actor_name)}"
        detail = f": {escape(_shorten(event.detail))}" if event.detail else ""
        lines.append(f"• {local_time(event.at)} · {label}{who}{detail}")
    return "\n".join(lines)


def ticket_summary(ticket: TicketRow, ward: str, clock: ClockState | None = None) -> str:
    """Render one line about a ticket for its citizen, with the clock running now."""
    due = f"hạn {escape(clock.clock.label)}" if clock else "hạn"
    return (
        f"• <code>{ticket.code}</code> · {Kind(ticket.kind).label} · {escape(ward)} · "
        f"{Status(ticket.status).label} · {due} {local_date(ticket.due_date)}"
    )


def excerpt(text: str, limit: int = 90) -> str:
    """Return the start of a citizen's text for other people to see: one line, shortened, phone
    numbers and e-mail addresses masked (a name in the text cannot be told apart)."""
    return escape(_shorten(_CONTACTS.sub("•••", text), limit))


def _shorten(text: str | None, limit: int = 300) -> str:
    text = (text or "").replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 1] + "…"
