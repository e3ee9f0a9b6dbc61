"""Each ward's citizen-reception schedule and dialogue sessions: published by admins, asked for
by citizens from the menu or in their own words ("lịch tiếp dân phường Ba Đình")."""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

from bot import bulletin_texts as bt
from bot import texts
from bot.deps import Deps
from bot.messages import Button, Outgoing, escape
from bot.text import normalize
from bot.wards import Ward
from storage.schedules import ScheduleRepository, Session

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
STAMP = "%Y-%m-%d %H:%M"
MAX_TEXT = 3000
MAX_SESSIONS = 20
_INTENT = re.compile(r"\b(lich )?(tiep (cong )?dan|doi thoai)\b")
# Words of a schedule question that name no ward ("lịch tiếp dân ở phường mình khi nào ạ").
# fmt: off
_FILLER: frozenset[str] = frozenset({
    "lich", "tiep", "cong", "dan", "doi", "thoai", "o", "dau", "khi", "nao", "ngay", "gio",
    "cua", "minh", "toi", "em", "cho", "xin", "hoi", "biet", "a", "voi", "buoi", "sap", "nay",
    "tuan", "thang", "bao", "co", "khong", "la", "the",
})
# fmt: on
_UNITS = frozenset({"phuong", "xa"})
MAX_NAME_WORDS = 5  # more than a ward's name: a legal question ("… thế nào?"), for the FAQ
_WHEN = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})\s+(\d{1,2})\s*[:hH]\s*(\d{2})?$")


class ScheduleDesk:
    """Publish schedules and sessions (admins); show them to citizens."""

    def __init__(self, deps: Deps, repo: ScheduleRepository) -> None:
        self._d = deps
        self._repo = repo

    async def publish_schedule(self, chat_id: int, admin_id: int, argument: str) -> None:
        """Handle `/schedule_set WARD` + the schedule on the next lines ("xóa" withdraws it)."""
        parsed = await self._ward_and_body(chat_id, argument, bt.SCHEDULE_SET_USAGE)
        if parsed is None:
            return
        ward, body = parsed
        if normalize(body) == "xoa":
            await self._repo.set_schedule(ward.code, None, admin_id, self._d.clock())
            await self._say(chat_id, bt.SCHEDULE_REMOVED.format(ward=escape(ward.name)))
            return
        await self._repo.set_schedule(ward.code, body[:MAX_TEXT], admin_id, self._d.clock())
        await self._say(chat_id, bt.SCHEDULE_SAVED)
        await self.show(chat_id, ward.code)

    async def publish_sessions(self, chat_id: int, admin_id: int, argument: str) -> None:
        """Handle `/sessions_set WARD` + one "when | where | what" line per session."""
        parsed = await self._ward_and_body(chat_id, argument, bt.SESSIONS_SET_USAGE)
        if parsed is None:
            return
        ward, body = parsed
        if normalize(body) == "xoa":
            await self._repo.set_sessions(ward.code, [])
            await self._say(chat_id, bt.SESSIONS_REMOVED.format(ward=escape(ward.name)))
            return
        sessions, errors = parse_sessions(body, self._now())
        if errors:
            await self._say(chat_id, bt.SCHEDULE_INVALID.format(errors="\n".join(errors)))
            return
        await self._repo.set_sessions(ward.code, sessions)
        await self._say(chat_id, bt.SCHEDULE_SAVED)
        await self.show(chat_id, ward.code)

    async def show(self, chat_id: int, ward_code: str) -> None:
        """Send a ward's schedule and upcoming sessions (or say it has published none)."""
        ward = self._d.wards.get(ward_code)
        if ward is None:
            return
        schedule = await self._repo.schedule(ward.code)
        sessions = await self._repo.upcoming(ward.code, self._now().strftime(STAMP))
        if schedule is None and not sessions:
            await self._say(chat_id, bt.SCHEDULE_NONE.format(ward=escape(ward.name)))
            return
        parts = [bt.SCHEDULE_TITLE.format(ward=escape(ward.name))]
        if schedule is not None:
            parts.append(escape(schedule.text))
            updated = datetime.fromtimestamp(schedule.updated_at, TZ).strftime("%d/%m/%Y")
            parts.append(bt.SCHEDULE_UPDATED.format(date=updated))
        if sessions:
            lines = [_session_line(s) for s in sessions]
            parts.append("\n".join([bt.SCHEDULE_SESSIONS, *lines]))
        await self._say(chat_id, "\n\n".join(parts))

    async def menu(self, chat_id: int) -> None:
        """Offer the wards that published a schedule or sessions."""
        codes = set(await self._repo.published_wards(self._now().strftime(STAMP)))
        wards = [ward for ward in self._d.wards.all() if ward.code in codes]
        if not wards:
            await self._say(chat_id, bt.SCHEDULE_NO_WARDS)
            return
        rows = tuple((Button(ward.name, f"l:{ward.code}"),) for ward in wards)
        text = f"{bt.SCHEDULE_PICK}\n{bt.SCHEDULE_TYPE_HINT}"
        await self._d.outbox.send(chat_id, Outgoing(text, rows))

    async def button(self, chat_id: int, code: str) -> str:
        """Handle a ward button ("l:<code>"); return the notice for the button press."""
        if self._d.wards.get(code) is None:
            return texts.STALE_BUTTON
        await self.show(chat_id, code)
        return ""

    async def command(self, chat_id: int, argument: str) -> None:
        """Handle `/schedule [ward]`."""
        found = self._d.wards.resolve(argument) if argument.strip() else None
        if found is not None and found.ward is not None:
            await self.show(chat_id, found.ward.code)
        elif found is not None and found.candidates:
            await self._offer(chat_id, [m.ward for m in found.candidates])
        else:
            await self.menu(chat_id)

    async def answer(self, chat_id: int, text: str) -> bool:
        """Answer a free-text schedule question; False if the text is not one."""
        folded = normalize(text)
        if not _INTENT.search(folded):
            return False
        words = folded.split()
        # Filler words only decide whether a ward is named at all: a ward's own name may hold
        # one ("Cửa Nam"), so the ward is looked up in all but the question's phrase.
        named = [w for w in words if w not in _FILLER and w not in _UNITS]
        if not named:  # "lịch tiếp dân" naming no ward
            await self.menu(chat_id)
            return True
        if len(named) > MAX_NAME_WORDS:
            return False
        found = self._d.wards.resolve(_INTENT.sub(" ", folded))
        if found.ward is not None:
            await self.show(chat_id, found.ward.code)
            return True
        if found.candidates and _UNITS & set(words):  # "phường …" was said, if misspelt
            await self._offer(chat_id, [m.ward for m in found.candidates])
            return True
        return False

    async def _offer(self, chat_id: int, wards: list[Ward]) -> None:
        rows = tuple((Button(ward.name, f"l:{ward.code}"),) for ward in wards)
        await self._d.outbox.send(chat_id, Outgoing(bt.SCHEDULE_PICK, rows))

    async def _ward_and_body(
        self, chat_id: int, argument: str, usage: str
    ) -> tuple[Ward, str] | None:
        """Split a publishing command into its ward (first line) and body (the rest)."""
        first, _, body = argument.partition("\n")
        if not first.strip() or not body.strip():
            await self._say(chat_id, usage)
            return None
        ward = self._d.wards.resolve(first).ward
        if ward is None:
            await self._say(chat_id, bt.SCHEDULE_WARD_UNKNOWN.format(text=escape(first[:100])))
            return None
        return ward, body.strip()

    def _now(self) -> datetime:
        return datetime.fromtimestamp(self._d.clock(), TZ)

    async def _say(self, chat_id: int, text: str) -> None:
        await self._d.outbox.send(chat_id, Outgoing(text))


def parse_sessions(body: str, now: datetime) -> tuple[list[Session], list[str]]:
    """Read "dd/mm/yyyy hh:mm | place | subject" lines; return sessions, or errors by line."""
    sessions: list[Session] = []
    errors: list[str] = []
    for number, line in enumerate(body.splitlines(), start=2):  # line 1 holds the command
        if not line.strip():
            continue
        parts = [part.strip() for part in line.split("|")]
        if len(parts) != 3 or not all(parts):
            errors.append(bt.SESSION_BAD_LINE.format(line=number))
            continue
        when = _parse_when(parts[0])
        if when is None:
            errors.append(bt.SESSION_BAD_TIME.format(line=number, text=escape(parts[0][:40])))
        elif when < now.replace(tzinfo=None):
            errors.append(bt.SESSION_PAST.format(line=number, text=escape(parts[0])))
        else:
            sessions.append(Session(when.strftime(STAMP), parts[1][:200], parts[2][:300]))
    if len(sessions) > MAX_SESSIONS:
        errors.append(bt.SESSIONS_TOO_MANY.format(limit=MAX_SESSIONS))
    return sorted(sessions, key=lambda s: s.starts_at), errors


def _parse_when(text: str) -> datetime | None:
    """Read "20/07/2026 08:00" (also "8h", "8h30") as a naive local time."""
    found = _WHEN.match(text.strip())
    if found is None:
        return None
    day, month, year, hour, minute = found.groups()
    try:
        return datetime(int(year), int(month), int(day), int(hour), int(minute or 0))
    except ValueError:
        return None


def _session_line(session: Session) -> str:
    when = datetime.strptime(session.starts_at, STAMP)
    label = f"{bt.WEEKDAYS[when.weekday()]} {when:%d/%m/%Y}, {when:%H:%M}"
    return bt.SCHEDULE_SESSION_LINE.format(
        when=label, place=escape(session.place), subject=escape(session.subject)
    )
