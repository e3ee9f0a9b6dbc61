"""Render a report as the Vietnamese text wards file (HTML for Telegram, plain for the CLI)."""

from __future__ import annotations

import html
import re

from bot.messages import escape
from bot.reports import wording as w
from bot.reports.figures import Report, Tally

MAX_GROUP_LINES = 30  # per section in a chat; the workbook has them all
_TAG = re.compile(r"</?b>")


def number(value: int) -> str:
    """Write a count the Vietnamese way: 1.234.567."""
    return f"{value:,}".replace(",", ".")


def percent(part: int, whole: int) -> str:
    """Write a share with a decimal comma (88,2%), or a dash when there is no whole."""
    return f"{100 * part / whole:.1f}%".replace(".", ",") if whole else w.NOT_APPLICABLE


def days(value: float | None) -> str:
    """Write a mean number of days with a decimal comma, or a dash."""
    return w.NOT_APPLICABLE if value is None else f"{value:.1f}".replace(".", ",")


def render(report: Report, *, wards_scoped: bool, max_lines: int = MAX_GROUP_LINES) -> str:
    """Return the whole report as HTML paragraphs."""
    parts = [w.TITLE, _header(report), w.SECTION_TICKETS, _tickets(report.total, report)]
    if report.total.received:
        if len(report.by_ward) > 1:
            parts.append(_groups(w.BY_WARD, report.by_ward, max_lines))
        parts.append(_groups(w.BY_CATEGORY, report.by_category, max_lines))
    parts += [w.SECTION_REACH, _reach(report, wards_scoped)]
    return "\n\n".join(parts)


def plain(text: str) -> str:
    """Turn the HTML of `render` into plain text."""
    return html.unescape(_TAG.sub("", text))


def _header(report: Report) -> str:
    period = report.period
    dates = w.DATES.format(first=f"{period.first:%d/%m/%Y}", last=f"{period.last:%d/%m/%Y}")
    return w.HEADER.format(
        scope=escape(report.scope),
        period=escape(period.label),
        dates="" if period.label.startswith("từ ngày") else dates,
        cut=f"{report.cut:%d/%m/%Y}",
    )


def _tickets(t: Tally, report: Report) -> str:
    """Return the paragraph on tickets: received by kind, outcomes, timeliness, satisfaction."""
    if not t.received:
        return w.NO_TICKETS
    kinds = ", ".join(
        f"{w.KIND_NAMES[kind]} {number(report.by_kind.get(kind, Tally()).received)} đơn"
        for kind in w.KIND_ORDER
    )
    n = number(t.received)
    sentences = [
        w.RECEIVED.format(n=n, kinds=kinds),
        w.OUTCOME.format(
            resolved=number(t.resolved),
            n=n,
            pct=percent(t.resolved, t.received),
            declined=number(t.declined),
            transferred=number(t.transferred),
            open=number(t.open),
        ),
        w.TIMELINESS.format(
            on_time=number(t.on_time), late=number(t.late), overdue_open=number(t.overdue_open)
        ),
        w.DELAYS.format(reply=days(t.avg_reply_days), resolve=days(t.avg_resolve_days)),
    ]
    if t.rated:
        sentences.append(
            w.SATISFACTION.format(
                rated=number(t.rated),
                satisfied=number(t.satisfied),
                pct=percent(t.satisfied, t.rated),
            )
        )
    else:
        sentences.append(w.NO_RATINGS)
    return " ".join(sentences)


def _groups(title: str, groups: list[tuple[str, Tally]], max_lines: int) -> str:
    lines = [title]
    for name, t in groups[:max_lines]:
        lines.append(
            w.GROUP_LINE.format(
                name=escape(name),
                n=number(t.received),
                resolved=number(t.resolved),
                pct=percent(t.resolved, t.received),
                late=number(t.late + t.overdue_open),
            )
        )
    if len(groups) > max_lines:
        lines.append(w.MORE_GROUPS.format(count=number(len(groups) - max_lines)))
    return "\n".join(lines)


def _reach(report: Report, wards_scoped: bool) -> str:
    """Return the paragraph on law dissemination: FAQ answers, topics, gaps, bulletins."""
    r = report.reach
    sentences = [w.FAQ_ANSWERED.format(answered=number(r.answered), citizens=number(r.citizens))]
    if r.topics:
        topics = ", ".join(f"{escape(title)} ({number(n)})" for title, n in r.topics)
        sentences.append(w.FAQ_TOPICS.format(topics=topics))
    if r.unanswered:
        gaps = w.FAQ_UNANSWERED.format(count=number(r.unanswered))
        if r.examples:
            quoted = "; ".join(f"«{escape(e)}»" for e in r.examples)
            gaps += w.FAQ_EXAMPLES.format(examples=quoted)
        sentences.append(gaps + ".")
    if r.bulletins:
        sentences.append(
            w.BULLETINS.format(sent=number(r.bulletins), recipients=number(r.recipients))
        )
    else:
        sentences.append(w.NO_BULLETINS)
    if wards_scoped:
        sentences.append(w.FAQ_SCOPE)
    return " ".join(sentences)
