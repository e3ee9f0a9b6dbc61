"""What a bulletin is: its target (a ward, a province, a topic), its audience and its look."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from bot import bulletin_texts as bt
from bot.faq.live import LiveFaq
from bot.messages import Button, Outgoing, escape
from bot.wards import WardDirectory
from storage.bulletins import Bulletin
from storage.subscriptions import TOPIC, WARD, Audience

TEXT_LIMIT = 4096
CAPTION_LIMIT = 1024
HEADER_ROOM = 150  # kept free of the admin's text for the header (a ward or topic name)
LINK_LIMIT = 300
_TAG = re.compile(r"<[^>]+>")
_LINK = re.compile(r"https?://\S+")

WARD_TARGET, PROVINCE_TARGET, TOPIC_TARGET = "ward", "province", "topic"


@dataclass(frozen=True, slots=True)
class Target:
    """Whom a bulletin is for: kind 'ward' (a ward code), 'province' (its name) or 'topic'."""

    kind: str
    key: str


class Audiences:
    """Turn targets into labels and subscriber audiences, from the wards and the live FAQ."""

    def __init__(self, wards: WardDirectory, faq: LiveFaq) -> None:
        self._wards = wards
        self._faq = faq

    def provinces(self) -> list[str]:
        """Return the provinces of the served wards, in file order."""
        return list(dict.fromkeys(ward.province for ward in self._wards.all()))

    def topics(self) -> list[tuple[str, str]]:
        """Return the live FAQ's (topic id, title) pairs."""
        return list(self._faq.current.faq.topics)

    def label(self, target: Target) -> str | None:
        """Name a target for people; None if it no longer exists."""
        if target.kind == WARD_TARGET:
            ward = self._wards.get(target.key)
            return ward.name if ward else None
        if target.kind == PROVINCE_TARGET:
            known = target.key in self.provinces()
            return bt.TARGET_PROVINCE.format(province=target.key) if known else None
        title = dict(self.topics()).get(target.key)
        return bt.TARGET_TOPIC.format(title=title) if title else None

    def audience(self, target: Target) -> Audience:
        """Return the subscribers a target reaches."""
        if target.kind == WARD_TARGET:
            return Audience(WARD, (target.key,))
        if target.kind == PROVINCE_TARGET:
            codes = (w.code for w in self._wards.all() if w.province == target.key)
            return Audience(WARD, tuple(codes))
        return Audience(TOPIC, (target.key,))


def bulletin_message(label: str, text: str, link: str | None) -> Outgoing:
    """Render a bulletin as its recipients see it, with a one-tap way out."""
    parts = [bt.BULLETIN_HEADER.format(label=escape(label)), escape(text)]
    if link:
        parts.append(bt.BULLETIN_LINK.format(link=escape(link)))
    buttons = ((Button(bt.BULLETIN_STOP, "s:stop"), Button(bt.SUBS_AGAIN, "s:menu")),)
    return Outgoing("\n\n".join(parts), buttons)


def visible_length(message: Outgoing) -> int:
    """Return the length Telegram measures: the text once its HTML is parsed away."""
    return len(html.unescape(_TAG.sub("", message.text)).strip())


def limit_for(photo: str | None) -> int:
    """Return the length limit of a bulletin: a photo's caption, or a text message."""
    return TEXT_LIMIT if photo is None else CAPTION_LIMIT


def text_room(photo: str | None) -> int:
    """Return how long the admin's own text may be, leaving room for the header."""
    return limit_for(photo) - HEADER_ROOM


def valid_link(text: str) -> str | None:
    """Return the link if it is one http(s) URL without spaces, else None."""
    link = text.strip()
    if len(link) > LINK_LIMIT or not _LINK.fullmatch(link):
        return None
    return link


def progress_message(bulletin: Bulletin, label: str, duration: float | None = None) -> Outgoing:
    """Render a bulletin's progress for the admin; the final counts once `duration` is known."""
    counts = {
        "id": bulletin.id,
        "label": escape(label),
        "sent": bulletin.sent,
        "failed": bulletin.failed,
        "blocked": bulletin.blocked,
    }
    if duration is not None:
        return Outgoing(bt.PROGRESS_DONE.format(**counts, duration=_duration(duration)))
    total = bulletin.queued if bulletin.fed_all else max(bulletin.planned, bulletin.queued)
    percent = 100 * bulletin.done // total if total else 100
    return Outgoing(bt.PROGRESS.format(**counts, done=bulletin.done, total=total, percent=percent))


def _duration(seconds: float) -> str:
    """Say how long something took: "2 giờ 5 phút", "3 phút 20 giây", "12 giây"."""
    whole = max(1, round(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours} giờ {minutes} phút"
    return f"{minutes} phút {secs} giây" if minutes else f"{secs} giây"
