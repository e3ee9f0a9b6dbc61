"""Settings, read once from the environment and an optional `.env` file."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import time
from pathlib import Path

from bot.faq.embeddings import INSTALL_HINT, PACKAGE, semantic_available

TELEGRAM_BASE_URL = "https://api.telegram.org/bot"
BUNDLED_CONTENT = Path(__file__).resolve().parent.parent / "content"
_LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")


class ConfigError(Exception):
    """A setting is missing or malformed; the message says which and how to fix it."""


class Secret:
    """A value that never shows itself in logs, reprs or tracebacks."""

    def __init__(self, value: str) -> None:
        self._value = value

    def reveal(self) -> str:
        """Return the secret value, for the one place that needs it."""
        return self._value

    def __bool__(self) -> bool:
        return bool(self._value)

    def __repr__(self) -> str:
        return "Secret('**********')" if self._value else "Secret('')"

    __str__ = __repr__


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything the bot reads from its environment."""

    token: Secret
    base_url: str = TELEGRAM_BASE_URL
    db_path: Path = Path("data/danvan.sqlite3")
    admin_ids: frozenset[int] = field(default_factory=frozenset)
    log_level: str = "INFO"
    content_dir: Path = BUNDLED_CONTENT
    draft_timeout_minutes: int = 30
    send_rate: float = 30.0
    group_rate: float = 20.0  # messages per minute to one group (Telegram's limit; tests raise it)
    poll_timeout: int = 25
    http_timeout: float = 10.0
    digest_time: time = time(7, 30)  # local (Asia/Ho_Chi_Minh) time of the morning digest
    escalate_again_hours: int = 48  # a ticket still overdue this long after escalation: again
    reminder_interval: int = 60  # seconds between looks at what reminders are due
    hot_window_days: int = 7  # similar reports filed within this many days are grouped
    hot_threshold: int = 5  # a group of similar reports this large alerts the officers
    faq_semantic: bool = False
    faq_worker: bool = False  # read questions in a worker process (DANVAN_FAQ_WORKER, default on)

    @property
    def base_file_url(self) -> str:
        """Return the file download URL of the same Bot API server (…/bot → …/file/bot)."""
        root = self.base_url.removesuffix("/").removesuffix("/bot")
        return f"{root}/file/bot"


def read_env_file(path: Path) -> dict[str, str]:
    """Parse KEY=VALUE lines of a `.env` file (comments, blank lines and quotes allowed)."""
    values: dict[str, str] = {}
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        key, sep, value = line.removeprefix("export ").partition("=")
        if not sep or not key.strip():
            raise ConfigError(f"{path}:{number}: expected KEY=VALUE, got {raw!r}")
        values[key.strip()] = value.strip().strip("'\"")
    return values


def load_settings(
    environ: Mapping[str, str] | None = None,
    env_file: Path | None = Path(".env"),
    *,
    require_token: bool = True,
) -> Settings:
    """Build settings from `.env` overlaid by the environment; raise ConfigError on bad input."""
    env: dict[str, str] = {}
    if env_file is not None and env_file.is_file():
        env.update(read_env_file(env_file))
    env.update(os.environ if environ is None else environ)
    token = env.get("TELEGRAM_BOT_TOKEN", "").strip()
    if require_token and not token:
        raise ConfigError(
            "TELEGRAM_BOT_TOKEN is not set: create a bot with @BotFather and put its token in the "
            "environment or in .env (or try `danvan demo`, which needs no token)"
        )
    if token and (":" not in token or not token.split(":", 1)[0].isdigit()):
        raise ConfigError("TELEGRAM_BOT_TOKEN looks malformed: expected '<digits>:<secret>'")
    return Settings(
        token=Secret(token),
        base_url=_base_url(env.get("TELEGRAM_BASE_URL", TELEGRAM_BASE_URL)),
        db_path=Path(env.get("DANVAN_DB") or "data/danvan.sqlite3"),
        admin_ids=_admin_ids(env.get("DANVAN_ADMIN_IDS", "")),
        log_level=_log_level(env.get("DANVAN_LOG_LEVEL", "INFO")),
        content_dir=Path(env.get("DANVAN_CONTENT") or BUNDLED_CONTENT),
        draft_timeout_minutes=_positive_int(env, "DANVAN_DRAFT_TIMEOUT_MIN", 30),
        send_rate=float(_positive_int(env, "DANVAN_SEND_RATE", 30)),
        poll_timeout=_positive_int(env, "DANVAN_POLL_TIMEOUT", 25),
        http_timeout=float(_positive_int(env, "DANVAN_HTTP_TIMEOUT", 10)),
        digest_time=_clock_time(env, "DANVAN_DIGEST_TIME", time(7, 30)),
        escalate_again_hours=_positive_int(env, "DANVAN_ESCALATE_AGAIN_HOURS", 48),
        reminder_interval=_positive_int(env, "DANVAN_REMINDER_INTERVAL", 60),
        hot_window_days=_positive_int(env, "DANVAN_HOT_WINDOW_DAYS", 7),
        hot_threshold=_positive_int(env, "DANVAN_HOT_THRESHOLD", 5),
        faq_semantic=_faq_semantic(env),
        faq_worker=_switch(env, "DANVAN_FAQ_WORKER", True),
    )


def _base_url(value: str) -> str:
    value = value.strip()
    if not value.startswith(("http://", "https://")):
        raise ConfigError(
            f"TELEGRAM_BASE_URL must start with http:// or https:// "
            f"(e.g. http://127.0.0.1:8081/bot), got {value!r}"
        )
    return value


def _admin_ids(value: str) -> frozenset[int]:
    ids = set()
    for part in value.replace(";", ",").split(","):
        part = part.strip()
        if not part:
            continue
        if not part.lstrip("-").isdigit():
            raise ConfigError(
                f"DANVAN_ADMIN_IDS must be comma-separated Telegram user ids, got {part!r}"
            )
        ids.add(int(part))
    return frozenset(ids)


def _log_level(value: str) -> str:
    level = value.strip().upper()
    if level not in _LOG_LEVELS:
        raise ConfigError(
            f"DANVAN_LOG_LEVEL must be one of {', '.join(_LOG_LEVELS)}, got {value!r}"
        )
    return level


def _clock_time(env: Mapping[str, str], key: str, default: time) -> time:
    raw = env.get(key, "").strip()
    if not raw:
        return default
    hours, sep, minutes = raw.partition(":")
    if sep and hours.isdigit() and minutes.isdigit() and int(hours) < 24 and int(minutes) < 60:
        return time(int(hours), int(minutes))
    raise ConfigError(f"{key} must be a time of day as HH:MM (e.g. 07:30), got {raw!r}")


def _positive_int(env: Mapping[str, str], key: str, default: int) -> int:
    raw = env.get(key, "").strip()
    if not raw:
        return default
    if not raw.isdigit() or int(raw) <= 0:
        raise ConfigError(f"{key} must be a positive whole number, got {raw!r}")
    return int(raw)


def _switch(env: Mapping[str, str], key: str, default: bool) -> bool:
    raw = env.get(key, "").strip()
    if raw not in ("", "0", "1"):
        raise ConfigError(f"{key} must be 0 or 1, got {raw!r}")
    return default if not raw else raw == "1"


def _faq_semantic(env: Mapping[str, str]) -> bool:
    on = _switch(env, "DANVAN_FAQ_SEMANTIC", False)
    if on and not semantic_available():
        raise ConfigError(
            f"DANVAN_FAQ_SEMANTIC=1 needs the {PACKAGE} package: {INSTALL_HINT} "
            "(or set DANVAN_FAQ_SEMANTIC=0)"
        )
    return on
