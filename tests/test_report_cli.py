"""`danvan report`: formats, ward filter, and clear refusals (exit code 2) for bad arguments."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PIL import Image

from bot.cli import main
from tests.report_data import loaded_database

Q3 = ["--from", "2026-07-01", "--to", "2026-09-30"]


@pytest.fixture
async def db_path(tmp_path: Path) -> Path:
    """Return a database holding the hand-built data set."""
    path = tmp_path / "r.sqlite3"
    await (await loaded_database(path)).close()
    return path


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["report", *argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_text_to_stdout(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, *Q3, "--db", str(db_path))
    assert code == 0
    assert "Kỳ báo cáo: từ ngày 01/07/2026 đến ngày 30/09/2026;" in out
    assert "đã tiếp nhận 8 đơn" in out and "<b>" not in out


def test_ward_filter_and_named_period(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(
        capsys, "--period", "quý 3 2026", "--ward", "hoan kiem", "--db", str(db_path)
    )
    assert code == 0
    assert "Phạm vi: Phường Hoàn Kiếm. Kỳ báo cáo: quý III năm 2026" in out
    assert "đã tiếp nhận 2 đơn" in out and "toàn hệ thống" in out


def test_csv_xlsx_and_png(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _run(capsys, *Q3, "--format", "csv", "--db", str(db_path))
    assert code == 0 and len(list(csv.reader(io.StringIO(out)))) == 1 + 8
    book, chart = tmp_path / "q3.xlsx", tmp_path / "q3.png"
    assert _run(capsys, *Q3, "--format", "xlsx", "--out", str(book), "--db", str(db_path))[0] == 0
    assert load_workbook(book)["Danh sách đơn"].max_row == 1 + 8
    assert _run(capsys, *Q3, "--format", "png", "--out", str(chart), "--db", str(db_path))[0] == 0
    assert Image.open(chart).size == (1080, 1350)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--from", "2026-13-01", "--to", "2026-12-31"], "'2026-13-01' is not a valid date"),
        (["--from", "01-07-2026", "--to", "2026-09-30"], "not a date like 2026-03-31"),
        (["--from", "2026-09-30", "--to", "2026-07-01"], "ends (2026-07-01) before it starts"),
        (["--from", "2026-07-01"], "--from and --to are required"),
        ([*Q3, "--period", "năm"], "either --period or --from/--to"),
        ([*Q3, "--format", "xlsx"], "--format xlsx needs --out FILE"),
        ([*Q3, "--ward", "Phường Không Có"], "unknown ward"),
        (["--from", "2099-01-01", "--to", "2099-12-31"], "starts after today"),
    ],
)
def test_bad_arguments_exit_2_with_a_message(
    db_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    code, out, err = _run(capsys, *argv, "--db", str(db_path))
    assert code == 2 and out == ""
    assert err.startswith("danvan report: lỗi / error: ") and message in err


def test_missing_database(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, *Q3, "--db", str(tmp_path / "none.sqlite3"))
    assert code == 2 and "no database at" in err
    assert not (tmp_path / "none.sqlite3").exists()  # not created by asking
