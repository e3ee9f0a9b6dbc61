"""Where a report takes bulletin figures from: a small interface the bulletins feature implements.

Until a deployment has bulletins, `NoBulletins` stands in and the report says that no bulletin
was sent in the period (0 bulletins, 0 recipients), which is then the truth.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


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
