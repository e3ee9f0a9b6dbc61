"""Settings: read once, clear one-line errors, the token never shows."""

from __future__ import annotations

from datetime import time
from pathlib import Path

import pytest

from bot.cli import main
from bot.config import ConfigError, load_settings

TOKEN = "123456:ABC-secret"


def test_defaults_and_env_file(tmp_path: Path) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text(f"# comment\nTELEGRAM_BOT_TOKEN='{TOKEN}'\nDANVAN_ADMIN_IDS=1, 2\n")
    settings = load_settings({"DANVAN_DB": "x.db"}, env_file)
    assert settings.token.reveal() == TOKEN
    assert settings.admin_ids == frozenset({1, 2})
    assert settings.db_path == Path("x.db")
    assert settings.base_url == "https://api.telegram.org/bot"
    assert TOKEN not in repr(settings) and "secret" not in str(settings.token)


def test_digest_time_is_read_as_local_clock_time() -> None:
    settings = load_settings({"TELEGRAM_BOT_TOKEN": TOKEN, "DANVAN_DIGEST_TIME": "06:45"}, None)
    assert settings.digest_time == time(6, 45)


def test_hot_issue_window_and_threshold() -> None:
    assert (load_settings({"TELEGRAM_BOT_TOKEN": TOKEN}, None).hot_threshold) == 5
    env = {"TELEGRAM_BOT_TOKEN": TOKEN, "DANVAN_HOT_WINDOW_DAYS": "3", "DANVAN_HOT_THRESHOLD": "8"}
    settings = load_settings(env, None)
    assert (settings.hot_window_days, settings.hot_threshold) == (3, 8)


def test_faq_worker_is_on_unless_switched_off() -> None:
    assert load_settings({"TELEGRAM_BOT_TOKEN": TOKEN}, None).faq_worker
    assert not load_settings(
        {"TELEGRAM_BOT_TOKEN": TOKEN, "DANVAN_FAQ_WORKER": "0"}, None
    ).faq_worker


def test_environment_overrides_env_file(tmp_path: Path) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text("TELEGRAM_BOT_TOKEN=1:a\n")
    assert load_settings({"TELEGRAM_BOT_TOKEN": TOKEN}, env_file).token.reveal() == TOKEN


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({}, "TELEGRAM_BOT_TOKEN is not set"),
        ({"TELEGRAM_BOT_TOKEN": "nope"}, "looks malformed"),
        ({"TELEGRAM_BOT_TOKEN": TOKEN, "DANVAN_ADMIN_IDS": "abc"}, "DANVAN_ADMIN_IDS"),
        ({"TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_BASE_URL": "ftp://x"}, "TELEGRAM_BASE_URL"),
        ({"TELEGRAM_BOT_TOKEN": TOKEN, "DANVAN_LOG_LEVEL": "LOUD"}, "DANVAN_LOG_LEVEL"),
        ({"TELEGRAM_BOT_TOKEN": TOKEN, "DANVAN_SEND_RATE": "-3"}, "DANVAN_SEND_RATE"),
        ({"TELEGRAM_BOT_TOKEN": TOKEN, "DANVAN_DIGEST_TIME": "7h30"}, "HH:MM"),
        ({"TELEGRAM_BOT_TOKEN": TOKEN, "DANVAN_DIGEST_TIME": "24:00"}, "DANVAN_DIGEST_TIME"),
        ({"TELEGRAM_BOT_TOKEN": TOKEN, "DANVAN_HOT_THRESHOLD": "0"}, "DANVAN_HOT_THRESHOLD"),
        ({"TELEGRAM_BOT_TOKEN": TOKEN, "DANVAN_FAQ_WORKER": "yes"}, "DANVAN_FAQ_WORKER must be 0"),
    ],
)
def test_bad_settings_say_which_and_how(env: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        load_settings(env, None)


def test_run_without_token_exits_with_one_line(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    assert main(["run"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("danvan: error: TELEGRAM_BOT_TOKEN is not set") and "\n" not in err


def test_malformed_content_stops_start_up_with_file_name(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "wards.toml").write_text("[[ward]]\ncode = \n")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DANVAN_CONTENT", str(tmp_path))
    assert main(["demo", "--db", str(tmp_path / "d.db")]) == 2
    assert "wards.toml:2" in capsys.readouterr().err


def test_file_url_follows_the_api_server() -> None:
    local = load_settings(
        {"TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_BASE_URL": "http://127.0.0.1:81/bot"}, None
    )
    assert local.base_file_url == "http://127.0.0.1:81/file/bot"
    assert load_settings({"TELEGRAM_BOT_TOKEN": TOKEN}, None).base_file_url == (
        "https://api.telegram.org/file/bot"
    )
