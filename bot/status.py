"""Ticket statuses and what each means to people."""

from __future__ import annotations

from enum import StrEnum


class Status(StrEnum):
    """Where a ticket stands."""

    RECEIVED = "received"
    IN_PROGRESS = "in_progress"
    ANSWERED = "answered"
    RESOLVED = "resolved"
    DECLINED = "declined"
    MERGED = "merged"  # a duplicate: its citizen follows the ticket it was merged into

    @property
    def label(self) -> str:
        """Return the Vietnamese name of the status."""
        return _LABELS[self]

    @property
    def is_open(self) -> bool:
        """Tell whether officers still have work on the ticket."""
        return self in OPEN_STATUSES


OPEN_STATUSES = (Status.RECEIVED, Status.IN_PROGRESS, Status.ANSWERED)
_LABELS = {
    Status.RECEIVED: "Đã tiếp nhận",
    Status.IN_PROGRESS: "Đang xử lý",
    Status.ANSWERED: "Đã trả lời",
    Status.RESOLVED: "Đã giải quyết",
    Status.DECLINED: "Không thuộc thẩm quyền",
    Status.MERGED: "Đã gộp vào yêu cầu khác",
}
