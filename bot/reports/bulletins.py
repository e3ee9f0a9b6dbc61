"""Where a report takes bulletin figures from: the stored bulletins, or none (tests, tools)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from storage.bulletins import BulletinRepository


@dataclass(frozen=True, slots=True)
class BulletinCount:
    """Bulletins sent in a period and the deliveries that reached a citizen."""

    sent: int = 0
    recipients: int = 0


class BulletinSource(Protocol):
    """Count the law-dissemination bulletins of a period, for some wards (None: all)."""

    async def count(self, start: float, end: float, wards: tuple[str, ...] | None) -> BulletinCount:
        """Return bulletins sent in [start, end) (unix times) and their recipients."""
        ...


class NoBulletins:
    """The source for a deployment without bulletins: nothing was sent."""

    async def count(self, start: float, end: float, wards: tuple[str, ...] | None) -> BulletinCount:
        """Return zero bulletins and zero recipients."""
        return BulletinCount()


class StoredBulletins:
    """Count the bulletins the bot sent, and the citizens they reached, from the database."""

    def __init__(self, repo: BulletinRepository) -> None:
        self._repo = repo

    async def count(self, start: float, end: float, wards: tuple[str, ...] | None) -> BulletinCount:
        """Return bulletins created in [start, end) and their deliveries that were sent."""
        sent, recipients = await self._repo.totals(start, end, wards)
        return BulletinCount(sent, recipients)
