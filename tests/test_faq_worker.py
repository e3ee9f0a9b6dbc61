"""The FAQ worker: readings computed in another process match those computed in the bot."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from bot.config import BUNDLED_CONTENT
from bot.faq.live import LiveFaq
from bot.faq.loader import load_faq
from bot.faq.matcher import FaqMatcher
from bot.faq.reading import from_wire, read_question, to_wire
from bot.faq.worker import Worker, main
from storage.database import Database
from storage.faq import FaqRepository, read_version_content

QUESTIONS = [
    "dang ky khai sinh cho con o dau, can giay to gi",
    "đèn đường tổ 5 hỏng mấy hôm nay rồi",  # a report, not a question
    "thủ tục xin visa đi Mỹ",  # no entry covers it
    "cam on ad nhieu",
]


async def seeded(path: Path) -> tuple[int, FaqMatcher]:
    """Store the bundled FAQ as version 1 of a new database; return it and its matcher."""
    db = await Database.open(path)
    live = LiveFaq(FaqRepository(db), db)
    async with db.transaction():
        snapshot = await live.start(BUNDLED_CONTENT / "faq", time.time())
    await db.close()
    return snapshot.version, snapshot.matcher


def request(number: int, version: int, text: object) -> str:
    return json.dumps({"id": number, "version": version, "text": text}) + "\n"


@pytest.mark.parametrize("text", QUESTIONS)
def test_a_reading_survives_the_wire(text: str) -> None:
    reading = read_question(FaqMatcher.build(load_faq(BUNDLED_CONTENT / "faq")), text)
    assert from_wire(json.loads(json.dumps(to_wire(reading)))) == reading


def test_malformed_wire_data_is_refused() -> None:
    with pytest.raises(ValueError):
        from_wire({"decision": "answer"})
    with pytest.raises(ValueError):
        from_wire({"decision": "drop tables", "id": None, "score": 0, "suggestions": []})


async def test_worker_reads_as_the_bot_does(tmp_path: Path) -> None:
    version, matcher = await seeded(tmp_path / "db.sqlite3")
    worker = Worker(tmp_path / "db.sqlite3")
    for number, text in enumerate(QUESTIONS, start=1):
        reply = worker.reply(request(number, version, text))
        assert reply is not None and reply["id"] == number
        assert from_wire(reply["reading"]) == read_question(matcher, text)
    assert read_question(matcher, QUESTIONS[1]).report  # and a report reads as one


async def test_worker_refuses_what_it_cannot_read(tmp_path: Path) -> None:
    version, _ = await seeded(tmp_path / "db.sqlite3")
    worker = Worker(tmp_path / "db.sqlite3")
    missing = worker.reply(request(1, version + 1, "khai sinh"))
    assert missing == {"id": 1, "error": "VersionMissing"}
    assert worker.reply(request(2, version, 42)) == {"id": 2, "error": "TypeError"}
    assert worker.reply("not json\n") is None
    assert worker.reply(json.dumps({"id": 3}) + "\n") is None
    assert read_version_content(tmp_path / "db.sqlite3", version + 1) is None


def test_worker_command_line_is_checked(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["db.sqlite3", "latest"]) == 2
    assert "usage: python -m bot.faq.worker DB [VERSION]" in capsys.readouterr().err
