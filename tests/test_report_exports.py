"""The report as text, workbook, CSV and chart, each read back; nothing names a denouncer."""

from __future__ import annotations

import csv
import io
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PIL import Image

from bot.config import BUNDLED_CONTENT
from bot.reports.chart import HEIGHT, WIDTH, png
from bot.reports.figures import Report
from bot.reports.listing import HEADERS, ticket_line, to_csv
from bot.reports.paragraph import plain, render
from bot.reports.period import quarter
from bot.reports.workbook import SHEETS, workbook
from bot.wards import WardDirectory
from storage.database import Database
from storage.reports import ReportRepository, Scope
from tests.report_data import DENOUNCER, DENUNCIATION_TEXT, NOW, loaded_database, make_builder

Exports = tuple[Report, str, bytes, bytes, bytes]


@pytest.fixture
async def exports(tmp_path: Path) -> AsyncIterator[Exports]:
    """Return the third quarter's report with its text, workbook, CSV and chart."""
    db: Database = await loaded_database(tmp_path / "r.sqlite3")
    wards = WardDirectory.from_file(BUNDLED_CONTENT / "wards.toml")
    try:
        async with db.transaction():
            builder = make_builder(db)
            report = await builder.build(quarter(2026, 3), Scope(), "các phường/xã", NOW)
            window = builder.window(report.period, NOW)
            rows = await ReportRepository(db).tickets(Scope(), window, 1000)
    finally:
        await db.close()
    lines = [
        ticket_line(r, window.cut, lambda c: getattr(wards.get(c), "name", c), str) for r in rows
    ]
    text = render(report, wards_scoped=False)
    yield report, text, workbook(report, text, lines), to_csv(lines), png(report)


def test_text_in_the_form_wards_file(exports: Exports) -> None:
    text = plain(exports[1])
    assert (
        "đã tiếp nhận 8 đơn, trong đó khiếu nại 1 đơn, tố cáo 1 đơn, phản ánh, kiến nghị 4 đơn, "
        "đề nghị hòa giải 1 đơn, câu hỏi 1 đơn." in text
    )
    assert "Đã giải quyết 4/8 đơn (đạt 50,0%); trả lại, không thuộc thẩm quyền 1 đơn" in text
    assert "chuyển phường/xã khác hoặc cấp trên 1 đơn; đang xử lý 3 đơn." in text
    assert "đúng hạn 4, quá hạn 1; 1 đơn chưa xử lý xong đã quá hạn." in text
    assert "lần đầu trung bình 1,3 ngày làm việc" in text and "trung bình 6,0 ngày" in text
    assert "Có 3 công dân đánh giá kết quả, trong đó 2 hài lòng (66,7%)." in text
    assert "• Phường Ba Đình: tiếp nhận 6, đã giải quyết 4/6 (66,7%), quá hạn 2" in text
    assert "đã trả lời 5 lượt câu hỏi của 4 công dân" in text
    assert "Cư trú (3)" in text and "«goi … hoi ve tranh chap»" in text
    assert "chưa gửi bản tin tuyên truyền nào" in text
    assert "kết quả xử lý tính đến hết ngày 30/09/2026" in text


def test_workbook_read_back(exports: Exports) -> None:
    book = load_workbook(io.BytesIO(exports[2]))
    assert book.sheetnames == list(SHEETS)
    summary = {row[0]: row[1] for row in book[SHEETS[0]].iter_rows(min_row=2, values_only=True)}
    assert summary["Tiếp nhận"] == 8 and summary["Đã giải quyết"] == 4
    assert summary["Tỉ lệ giải quyết"] == 0.5 and summary["Tiếp nhận: tố cáo"] == 1
    assert summary["Hỏi đáp: số công dân được trả lời"] == 4
    wards = list(book[SHEETS[1]].iter_rows(min_row=2, values_only=True))
    assert [(w[0], w[1], w[2]) for w in wards] == [
        ("Phường Ba Đình", 6, 4),
        ("Phường Hoàn Kiếm", 2, 0),
    ]
    months = list(book[SHEETS[3]].iter_rows(min_row=2, values_only=True))
    assert ("07/2026", "Phản ánh, kiến nghị", 3, 3) in months
    listing = list(book[SHEETS[4]].iter_rows(values_only=True))
    assert listing[0] == HEADERS and len(listing) == 1 + 8
    late = next(row for row in listing if row[0] == "AAAA-0002")
    assert late[8:] == ("Đã giải quyết", late[9], "Quá hạn", "Không", 1, 13, "Chưa hài lòng")
    assert str(late[9])[:10] == "2026-08-05"


def test_csv_read_back(exports: Exports) -> None:
    assert exports[3].startswith("\ufeff".encode())  # Excel reads the diacritics right
    rows = list(csv.reader(io.StringIO(exports[3].decode("utf-8-sig"))))
    assert tuple(rows[0]) == HEADERS and len(rows) == 9
    moved = next(row for row in rows if row[0] == "AAAA-0006")
    assert moved[2:4] == ["Phường Ba Đình", "Phường Hoàn Kiếm"] and moved[11] == "Có"
    assert moved[5] == "2026-08-28" and moved[12:14] == ["1", "2"]
    open_late = next(row for row in rows if row[0] == "AAAA-0004")
    assert open_late[8] == "Đang xử lý" and open_late[10] == "Quá hạn, chưa xong"


def test_chart_decodes_at_phone_size(exports: Exports) -> None:
    image = Image.open(io.BytesIO(exports[4]))
    assert image.format == "PNG" and image.size == (WIDTH, HEIGHT) and image.mode == "RGB"
    # Bars were drawn: both bar colours appear.
    colours = {colour for _, colour in image.getcolors(maxcolors=1 << 16) or []}
    assert (147, 197, 253) in colours and (29, 78, 216) in colours


def test_vietnamese_letters_have_glyphs_in_the_bundled_font() -> None:
    from bot.reports.chart import font

    face = font(30)
    missing = face.getmask("\uffff").getbbox()  # what a letter without a glyph draws
    for letter in "ảẩẫậằẳẵặẻẽềểễệỉịỏọổỗộờởỡợủụừửữựỳỵỷỹđĐƯƠ":
        assert face.getmask(letter).getbbox() != missing, letter


def test_no_denouncer_identity_and_no_phone_numbers_anywhere(exports: Exports) -> None:
    _, text, book, table, _ = exports
    cells = [
        str(value)
        for sheet in load_workbook(io.BytesIO(book)).worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if value is not None
    ]
    everything = "\n".join([text, plain(text), table.decode("utf-8-sig"), *cells])
    for secret in (*DENOUNCER, DENUNCIATION_TEXT, "0987654321", "0912 345 678", "Trần Văn Y"):
        assert secret not in everything
    assert "AAAA-0004" in everything  # the denunciation is counted and listed, anonymously
