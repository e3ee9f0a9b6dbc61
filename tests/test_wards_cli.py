"""`danvan wards find` and `danvan wards import` on the real directory."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from bot.cli import main
from bot.wards import WardDirectory


def find(capsys: pytest.CaptureFixture[str], *args: str) -> list[dict[str, object]]:
    assert main(["wards", "find", "--json", *args]) == 0
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def test_find_json_shape(capsys: pytest.CaptureFixture[str]) -> None:
    [result] = find(capsys, "phuong", "song", "cau")
    assert result["query"] == "phuong song cau"
    matches = result["matches"]
    assert isinstance(matches, list) and 1 <= len(matches) <= 5
    for match in matches:
        assert set(match) == {"code", "name", "province", "via", "legacy_name", "score"}
        assert isinstance(match["score"], float) and match["via"] in ("name", "legacy")
        assert (match["legacy_name"] is None) == (match["via"] == "name")
    scores = [m["score"] for m in matches]
    assert scores == sorted(scores, reverse=True)
    assert matches[0] == {
        "code": "22051",
        "name": "Phường Sông Cầu",
        "province": "Đắk Lắk",
        "via": "name",
        "legacy_name": None,
        "score": 100.0,
    }
    assert matches[1]["legacy_name"] == "Phường Sông Cầu"
    assert matches[1]["name"] == "Phường Bắc Kạn"


def test_find_reads_one_query_per_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("truc bach\n\nzzzz qqqq\nf7 q5\n"))
    results = find(capsys)
    assert [r["query"] for r in results] == ["truc bach", "zzzz qqqq", "f7 q5"]
    assert results[1]["matches"] == []
    assert results[2]["matches"][0]["name"] == "Phường An Đông"  # type: ignore[index]


def test_find_in_one_province(capsys: pytest.CaptureFixture[str]) -> None:
    [everywhere] = find(capsys, "tan thanh")
    [here] = find(capsys, "--province", "Lạng Sơn", "tan thanh")
    assert len({m["province"] for m in everywhere["matches"]}) > 1  # type: ignore[attr-defined]
    assert {m["province"] for m in here["matches"]} == {"Lạng Sơn"}  # type: ignore[attr-defined]


def test_find_as_text(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["wards", "find", "trúc bạch"]) == 0
    out = capsys.readouterr().out
    assert "00004  Phường Ba Đình (Thành phố Hà Nội) ← Phường Trúc Bạch, Quận Ba Đình" in out


def test_unknown_province_is_an_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["wards", "find", "--province", "Hà Tây", "x"]) == 2
    assert "no province 'Hà Tây'" in capsys.readouterr().err


def test_import_a_province(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["wards", "import", "--province", "19", "--content", str(tmp_path)]) == 0
    assert "92 ward(s) of Thái Nguyên" in capsys.readouterr().out
    wards = WardDirectory.from_file(tmp_path / "wards.toml")
    assert len(wards.all()) == 92 and {w.province for w in wards.all()} == {"Thái Nguyên"}
    bac_kan = wards.resolve("phường sông cầu")
    assert bac_kan.ward is not None and bac_kan.ward.name == "Phường Bắc Kạn"


def test_import_named_wards(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["wards", "import", "--content", str(tmp_path), "--ward", "Đức Xuân"]
    assert main([*args, "--ward", "00004", "--ward", "trúc bạch"]) == 0
    wards = WardDirectory.from_file(tmp_path / "wards.toml")
    assert [w.name for w in wards.all()] == ["Phường Đức Xuân", "Phường Ba Đình"]
    assert '--ward "00004"' in (tmp_path / "wards.toml").read_text(encoding="utf-8")


def test_import_refuses_an_unclear_ward(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["wards", "import", "--content", str(tmp_path), "--ward", "tan thanh"]) == 2
    assert "--ward 'tan thanh' is not clear: Xã Tân" in capsys.readouterr().err
    assert not (tmp_path / "wards.toml").exists()
    assert main(["wards", "import", "--content", str(tmp_path)]) == 2
