"""The report as an Excel workbook: summary, by ward, by field, by month, ticket list."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell as Cell_
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from bot.reports import wording as w
from bot.reports.figures import Report, Tally
from bot.reports.listing import HEADERS, Cell
from bot.reports.paragraph import plain

SHEETS = ("Tổng hợp", "Theo phường xã", "Theo lĩnh vực", "Theo tháng", "Danh sách đơn")
TALLY_HEADERS = (
    "Tiếp nhận",
    "Đã giải quyết",
    "Tỉ lệ giải quyết",
    "Không thuộc thẩm quyền",
    "Đã chuyển",
    "Đang xử lý",
    "Đúng hạn",
    "Quá hạn",
    "Chưa xong, quá hạn",
    "TB ngày làm việc đến trả lời",
    "TB ngày làm việc đến giải quyết",
    "Lượt đánh giá",
    "Hài lòng",
)
EXCEL_ROWS = 1_048_576
_BOLD = Font(bold=True)
PERCENT, DATE = "0.0%", "DD/MM/YYYY"


def workbook(report: Report, text: str, lines: Sequence[Sequence[Cell]], more: int = 0) -> bytes:
    """Write the workbook; `more` tickets did not fit in the list (a note says so)."""
    book = Workbook(write_only=True)
    _summary(_sheet(book, SHEETS[0], (52, 60)), report, text)
    for title, groups, label in (
        (SHEETS[1], report.by_ward, "Phường/xã"),
        (SHEETS[2], report.by_category, "Lĩnh vực"),
    ):
        sheet = _sheet(book, title, (34, *(14,) * len(TALLY_HEADERS)))
        _header(sheet, (label, *TALLY_HEADERS))
        for name, tally in groups:
            cells: list[object] = [name, *_tally_cells(tally)]
            cells[3] = _formatted(sheet, cells[3], PERCENT)  # the share resolved
            sheet.append(cells)
    months = _sheet(book, SHEETS[3], (12, 24, 12, 14))
    _header(months, ("Tháng", "Loại", "Tiếp nhận", "Đã giải quyết"))
    for bar in report.by_month:
        months.append([f"{bar.month % 100:02d}/{bar.month // 100}", bar.kind.label, bar.received,
                       bar.resolved])  # fmt: skip
    _listing(_sheet(book, SHEETS[4], (11, 20, 24, 24, 30, *(14,) * 10)), lines, more)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _sheet(book: Workbook, title: str, widths: Sequence[int]) -> WriteOnlyWorksheet:
    sheet = book.create_sheet(title)
    for index, width in enumerate(widths):
        letter = chr(ord("A") + index) if index < 26 else "A" + chr(ord("A") + index - 26)
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    return sheet  # type: ignore[no-any-return]


def _header(sheet: WriteOnlyWorksheet, titles: Sequence[str]) -> None:
    row = []
    for title in titles:
        cell = WriteOnlyCell(sheet, title)
        cell.font = _BOLD
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        row.append(cell)
    sheet.append(row)


def _formatted(sheet: WriteOnlyWorksheet, value: object, number_format: str) -> Cell_:
    """Return a cell showing a value in a format (dates as 31/12/2026, shares as 88.2%)."""
    cell = WriteOnlyCell(sheet, value)  # type: ignore[arg-type]  # dates are written fine
    cell.number_format = number_format
    return cell


def _tally_cells(t: Tally) -> list[int | float | None]:
    share = round(t.resolved / t.received, 4) if t.received else None
    reply = None if t.avg_reply_days is None else round(t.avg_reply_days, 2)
    resolve = None if t.avg_resolve_days is None else round(t.avg_resolve_days, 2)
    return [t.received, t.resolved, share, t.declined, t.transferred, t.open, t.on_time, t.late,
            t.overdue_open, reply, resolve, t.rated, t.satisfied]  # fmt: skip


def _summary(sheet: WriteOnlyWorksheet, report: Report, text: str) -> None:
    """Write the figures as label/value rows, the report's text first."""
    t, r, p = report.total, report.reach, report.period
    _header(sheet, ("Nội dung", "Giá trị"))
    rows: list[tuple[str, str | float | date | None]] = [
        ("Báo cáo", plain(text)),
        ("Phạm vi", report.scope),
        ("Kỳ báo cáo", p.label),
        ("Từ ngày", p.first),
        ("Đến ngày", p.last),
        ("Kết quả tính đến hết ngày", report.cut),
    ]
    rows += [
        (f"Tiếp nhận: {w.KIND_NAMES[k]}", report.by_kind.get(k, Tally()).received)
        for k in w.KIND_ORDER
    ]
    rows += list(zip(TALLY_HEADERS, _tally_cells(t), strict=True))
    rows += [
        ("Hỏi đáp: lượt câu hỏi được trả lời", r.answered),
        ("Hỏi đáp: số công dân được trả lời", r.citizens),
        ("Hỏi đáp: câu hỏi chưa có câu trả lời phù hợp", r.unanswered),
        ("Bản tin đã gửi", r.bulletins),
        ("Lượt người nhận bản tin", r.recipients),
    ]
    rows += [(f"Chủ đề được hỏi nhiều: {title}", n) for title, n in r.topics]
    rows += [("Câu hỏi chưa trả lời được (ví dụ)", example) for example in r.examples]
    for label, value in rows:
        shown = PERCENT if label == TALLY_HEADERS[2] else DATE if isinstance(value, date) else ""
        cell = _formatted(sheet, value, shown or "General")
        if label == "Báo cáo":
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.append([label, cell])


def _listing(sheet: WriteOnlyWorksheet, lines: Sequence[Sequence[Cell]], more: int) -> None:
    _header(sheet, HEADERS)
    for line in lines[: EXCEL_ROWS - 2]:
        sheet.append([_formatted(sheet, c, DATE) if isinstance(c, date) else c for c in line])
    hidden = more + max(0, len(lines) - (EXCEL_ROWS - 2))
    if hidden:
        sheet.append([w.TOO_MANY_ROWS.format(count=hidden)])
