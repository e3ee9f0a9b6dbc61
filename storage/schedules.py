"""Each ward's citizen-reception schedule and its dialogue sessions."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from storage.database import Database


@dataclass(frozen=True, slots=True)
class Schedule:
    """A ward's reception schedule as the ward published it."""

    ward_code: str
    text: str
    updated_at: float


@dataclass(frozen=True, slots=True)
class Session:
    """One dialogue session: when (local 'YYYY-MM-DD HH:MM'), where, about what."""

    starts_at: str
    place: str
    subject: str


class ScheduleRepository:
    """Publish and read schedules and sessions; a publish replaces the ward's previous one."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def set_schedule(self, ward_code: str, text: str | None, by: int, now: float) -> None:
        """Publish a ward's schedule, or withdraw it with None."""
        if text is None:
            await self._db.execute(
                "DELETE FROM reception_schedules WHERE ward_code = ?", (ward_code,)
            )
            return
        await self._db.execute(
            "INSERT OR REPLACE INTO reception_schedules (ward_code, text, updated_by, updated_at) "
            "VALUES (?, ?, ?, ?)",
            (ward_code, text, by, now),
        )

    async def set_sessions(self, ward_code: str, sessions: Sequence[Session]) -> None:
        """Replace a ward's list of dialogue sessions."""
        await self._db.execute("DELETE FROM dialogue_sessions WHERE ward_code = ?", (ward_code,))
        await self._db.execute_many(
            "INSERT INTO dialogue_sessions (ward_code, starts_at, place, subject) "
            "VALUES (?, ?, ?, ?)",
            [(ward_code, s.starts_at, s.place, s.subject) for s in sessions],
        )

    async def schedule(self, ward_code: str) -> Schedule | None:
        """Return a ward's schedule, if published."""
        row = await self._db.fetch_one(
            "SELECT * FROM reception_schedules WHERE ward_code = ?", (ward_code,)
        )
        return None if row is None else Schedule(row["ward_code"], row["text"], row["updated_at"])

    async def upcoming(self, ward_code: str, after: str) -> list[Session]:
        """Return a ward's sessions starting at or after `after` (local time), soonest first."""
        rows = await self._db.fetch_all(
            "SELECT starts_at, place, subject FROM dialogue_sessions "
            "WHERE ward_code = ? AND starts_at >= ? ORDER BY starts_at",
            (ward_code, after),
        )
        return [Session(r["starts_at"], r["place"], r["subject"]) for r in rows]

    async def published_wards(self, after: str) -> list[str]:
        """Return the wards with a schedule or an upcoming session."""
        rows = await self._db.fetch_all(
            "SELECT ward_code FROM reception_schedules UNION "
            "SELECT ward_code FROM dialogue_sessions WHERE starts_at >= ?",
            (after,),
        )
        return [str(r["ward_code"]) for r in rows]
