"""FAQ content validation and the `danvan faq` commands."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from bot.cli import main
from bot.config import BUNDLED_CONTENT
from bot.faq.loader import ANSWER_LIMIT, check_faq, load_faq
from bot.faq.model import Faq

GOOD = """topic: thu
title: Thử
entries:
  - id: thu/mot
    question: "Câu hỏi một?"
    answer: "Trả lời một."
    legal_basis: ["Luật A 2020 (1/2020/QH14), Điều 1"]
    reviewed: 2026-11-22
"""


def folder(tmp_path: Path, **files: str) -> Path:
    for name, text in files.items():
        (tmp_path / f"{name}.yaml").write_text(text, encoding="utf-8")
    return tmp_path


def test_bundled_content_is_valid_and_complete() -> None:
    faq = load_faq(BUNDLED_CONTENT / "faq")
    assert len(faq.entries) >= 60 and len(faq.topics) >= 10
    assert faq.disclaimer.startswith("Câu trả lời")
    for entry in faq.entries:
        assert entry.legal_basis and entry.reviewed.year >= 2026
        assert any(ch.isdigit() for ch in " ".join(entry.legal_basis)), entry.id  # cites a number


def test_a_stored_version_reads_back_as_the_same_faq() -> None:
    faq = load_faq(BUNDLED_CONTENT / "faq")
    stored = json.dumps(faq.to_dict(), ensure_ascii=False)  # as LiveFaq stores a version
    again = Faq.from_dict(json.loads(stored))
    assert again == faq and again.entries[0].reviewed == faq.entries[0].reviewed
    assert any(e.changed for e in again.entries) and any(e.unverified for e in again.entries)


def test_each_problem_is_reported_with_file_and_line(tmp_path: Path) -> None:
    bad_yaml = "topic: x\nentries:\n  - id: [unclosed\n"
    duplicate = GOOD.replace("title: Thử", "title: Thử 2").replace("topic: thu", "topic: thu")
    missing = GOOD.replace('    answer: "Trả lời một."\n', "").replace("thu/mot", "thu/hai")
    too_long = GOOD.replace("Trả lời một.", "x" * (ANSWER_LIMIT + 1)).replace("thu/mot", "thu/ba")
    wrong_id = GOOD.replace("thu/mot", "khac/bon")
    path = folder(tmp_path, a=bad_yaml, b=GOOD, c=duplicate, d=missing, e=too_long, f=wrong_id)
    faq, errors = check_faq(path)
    assert faq is None
    text = "\n".join(str(e) for e in errors)
    assert "a.yaml:4: lỗi cú pháp YAML" in text  # where PyYAML notices the unclosed list
    assert "id 'thu/mot' bị trùng" in text
    assert "d.yaml:4: mục thu/hai: thiếu hoặc để trống trường 'answer'" in text
    assert f"e.yaml:4: mục thu/ba: câu trả lời dài {ANSWER_LIMIT + 1} ký tự" in text
    assert "f.yaml:4: mục khac/bon: id phải có dạng 'thu/<mã-không-dấu>'" in text


def test_faq_check_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["faq", "check", str(BUNDLED_CONTENT / "faq")]) == 0
    assert capsys.readouterr().out.startswith("OK: ")
    broken = folder(tmp_path, a=GOOD.replace("reviewed: 2026-11-22", "reviewed: hôm qua"))
    assert main(["faq", "check", str(broken)]) == 1
    assert "a.yaml:4: mục thu/mot: trường 'reviewed' phải là ngày" in capsys.readouterr().out


def test_faq_ask_json_shape(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copy(BUNDLED_CONTENT / "faq" / "_meta.yaml", tmp_path / "_meta.yaml")
    folder(tmp_path, thu=GOOD)
    assert main(["faq", "ask", "--content", str(tmp_path), "--json", "câu hỏi một"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert set(result) == {"query", "decision", "id", "score", "suggestions"}
    assert result["query"] == "câu hỏi một" and result["id"] == "thu/mot"
    assert result["decision"] in ("answer", "suggest") and isinstance(result["score"], float)


def test_faq_ask_reads_stdin(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO("lam lai can cuoc bi mat\n\nbot oi troi mua ko\n"))
    assert main(["faq", "ask", "--json"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2
    assert json.loads(lines[0])["id"].startswith("can-cuoc/")
