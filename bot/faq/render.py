"""FAQ texts as citizens see them: an answer with its legal basis, choices, topic lists."""

from __future__ import annotations

from bot.faq import texts as faq_texts
from bot.faq.model import Faq, FaqEntry
from bot.messages import Button, Outgoing, escape

LABEL_LIMIT = 60  # a button shows about this much on a phone


def answer_message(faq: Faq, entry: FaqEntry, log_id: int | None) -> Outgoing:
    """Render an entry with its legal basis, review date and the disclaimer."""
    text = faq_texts.FAQ_ANSWER.format(
        question=escape(entry.question),
        answer=escape(entry.answer),
        basis=escape("; ".join(entry.legal_basis)),
        reviewed=entry.reviewed.strftime("%d/%m/%Y"),
        changed=faq_texts.FAQ_CHANGED.format(date=entry.changed.strftime("%d/%m/%Y"))
        if entry.changed
        else "",
        unverified=faq_texts.FAQ_UNVERIFIED if entry.unverified else "",
        disclaimer=escape(faq.disclaimer),
    )
    if log_id is None:
        return Outgoing(text)
    buttons = (
        (
            Button(faq_texts.FAQ_HELPFUL, f"f:up:{log_id}"),
            Button(faq_texts.FAQ_WRONG, f"f:no:{log_id}"),
        ),
        (Button(faq_texts.FAQ_ASK_OFFICER, f"f:ask:{log_id}"),),
    )
    return Outgoing(text, buttons)


def choices_message(faq: Faq, ids: list[str], log_id: int) -> Outgoing:
    """Offer the best few entries as buttons, and a way to ask an officer instead."""
    rows = [
        (Button(short(entry.question), f"f:s:{log_id}:{n}"),)
        for n, entry_id in enumerate(ids)
        if (entry := faq.get(entry_id)) is not None
    ]
    rows.append((Button(faq_texts.FAQ_NOT_THESE, f"f:ask:{log_id}"),))
    return Outgoing(faq_texts.FAQ_SUGGEST, tuple(rows))


def none_message(log_id: int, *, report: bool) -> Outgoing:
    """Say plainly there is no answer; offer to ask the ward, or to file a report."""
    if report:
        rows = (
            (Button(faq_texts.FAQ_FILE_REPORT, f"f:rep:{log_id}"),),
            (Button(faq_texts.FAQ_SEND_QUESTION, f"f:ask:{log_id}"),),
        )
        return Outgoing(faq_texts.FAQ_NONE_REPORT, rows)
    return Outgoing(
        faq_texts.FAQ_NONE, ((Button(faq_texts.FAQ_SEND_QUESTION, f"f:ask:{log_id}"),),)
    )


def topics_message(faq: Faq) -> Outgoing:
    """List the topics as buttons."""
    rows = tuple((Button(title, f"f:t:{n}"),) for n, (_, title) in enumerate(faq.topics))
    return Outgoing(faq_texts.FAQ_TOPICS, rows)


def topic_message(faq: Faq, version: int, topic_index: int) -> Outgoing | None:
    """List one topic's questions as buttons (by position within this version)."""
    if not 0 <= topic_index < len(faq.topics):
        return None
    topic, title = faq.topics[topic_index]
    positions = {entry.id: n for n, entry in enumerate(faq.entries)}
    rows = [
        (Button(short(entry.question), f"f:e:{version}:{positions[entry.id]}"),)
        for entry in faq.in_topic(topic)
    ]
    rows.append((Button(faq_texts.FAQ_BACK, "f:t:-1"),))
    return Outgoing(faq_texts.FAQ_TOPIC.format(title=escape(title)), tuple(rows))


def short(text: str) -> str:
    """Shorten a label to fit a button."""
    return text if len(text) <= LABEL_LIMIT else text[: LABEL_LIMIT - 1].rstrip() + "…"
