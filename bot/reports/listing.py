"""The report's ticket list: one line per ticket, no names, phones, addresses or descriptions.

The CSV export is this list (UTF-8 with a byte-order mark, so Excel shows Vietnamese right); the
summary figures are in the text and in the workbook.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from datetime import date, timedelta

from bot.kinds import Kind
from storage.database import Row
from storage.reports import EPOCH

HEADERS = (
    "Mã",
    "Loại",
    "Phường/xã tiếp nhận",
    "Phường/xã hiện tại",
    "Lĩnh vực",
    "Ngày tiếp nhận",
    "Hạn xử lý",
    "Trả lời lần đầu",
    "Kết quả",
    "Ngày kết thúc",
    "Thời hạn",
    "Đã chuyển",
    "Ngày làm việc đến trả lời",
    "Ngày làm việc đến giải quyết",
    "Đánh giá",
)
RESOLVED, DECLINED, OPEN = "Đã giải quyết", "Không thuộc thẩm quyền", "Đang xử lý"
ON_TIME, LATE, OVERDUE, IN_TIME = "Đúng hạn", "Quá hạn", "Quá hạn, chưa xong", "Trong hạn"
RATINGS = {1: "Hài lòng", 0: "Chưa hài lòng"}

Cell = str | int | date | None


def _day(value: int | None) -> date | None:
    return None if value is None else EPOCH + timedelta(days=value)


def ticket_line(
    row: Row, cut: int, ward_name: Callable[[str], str], category_name: Callable[[str], str]
) -> list[Cell]:
    """Turn one row of `ReportRepository.tickets` into the cells of the list."""
    (code, kind, origin, ward, category, created, due, reply, resolved, declined) = row[:10]
    reply_wd, close_wd, moved, rating = row[10:]
    closed = resolved if resolved is not None else declined
    if closed is not None:
        timing = ON_TIME if closed <= due else LATE
    else:
        timing = OVERDUE if due < cut else IN_TIME
    return [
        code,
        Kind(kind).label,
        ward_name(origin),
        ward_name(ward),
        category_name(category),
        _day(created),
        _day(due),
        _day(reply),
        RESOLVED if resolved is not None else DECLINED if declined is not None else OPEN,
        _day(closed),
        timing,
        "Có" if moved else "Không",
        reply_wd,
        close_wd,
        RATINGS.get(rating, "") if rating is not None else "",
    ]


def to_csv(lines: Sequence[Sequence[Cell]]) -> bytes:
    """Write the ticket list as CSV (dates as YYYY-MM-DD)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADERS)
    for line in lines:
        writer.writerow(["" if cell is None else cell for cell in line])
    return ("\ufeff" + out.getvalue()).encode("utf-8")
