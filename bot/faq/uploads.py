"""Read an uploaded FAQ file (.yaml topic or .xlsx sheet) into entries, or say what is wrong."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from bot.content import ContentError
from bot.faq import texts as faq_texts
from bot.faq.loader import Located, check_unique, parse_topic_text, validate_entry
from bot.faq.model import Faq, FaqEntry

MAX_UPLOAD = 2 * 1024 * 1024
SHEET_COLUMNS = ("id", "topic", "question", "alternates", "answer", "legal_basis", "reviewed")


@dataclass(frozen=True, slots=True)
class Upload:
    """What an upload holds: entries by topic, titles of topics it names, and any errors."""

    entries: list[FaqEntry]
    titles: dict[str, str]
    errors: list[ContentError]


def read_upload(name: str, data: bytes) -> Upload:
    """Parse an uploaded file by its extension."""
    source = Path(name)
    if source.suffix.lower() in (".yaml", ".yml"):
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            return Upload([], {}, [ContentError(source, faq_texts.BAD_NOT_UTF8)])
        topic, title, entries, errors = parse_topic_text(text, source)
        return Upload(entries, {topic: title} if topic else {}, errors)
    if source.suffix.lower() == ".xlsx":
        return _read_sheet(source, data)
    return Upload([], {}, [ContentError(source, faq_texts.BAD_FILE_TYPE)])


def merge(current: Faq, upload: Upload) -> Faq:
    """Replace the topics an upload names with its entries; keep every other topic as it is."""
    named = {entry.topic for entry in upload.entries}
    kept = [entry for entry in current.entries if entry.topic not in named]
    topics = list(current.topics)
    for topic in sorted(named - {t for t, _ in topics}):
        topics.append((topic, upload.titles.get(topic, topic)))
    titles = {t: upload.titles.get(t, title) for t, title in topics}
    order = [t for t, _ in topics]
    entries = sorted([*kept, *upload.entries], key=lambda e: order.index(e.topic))
    return Faq(tuple((t, titles[t]) for t in order), tuple(entries), current.disclaimer)


def _read_sheet(source: Path, data: bytes) -> Upload:
    from openpyxl import load_workbook  # only admins' uploads need it

    try:
        sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).worksheets[0]
        rows = list(sheet.iter_rows(values_only=True))
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        return Upload([], {}, [ContentError(source, faq_texts.BAD_SHEET.format(reason=exc))])
    if not rows:
        return Upload([], {}, [ContentError(source, faq_texts.BAD_SHEET_EMPTY)])
    header = [str(cell or "").strip().lower() for cell in rows[0]]
    missing = [c for c in SHEET_COLUMNS if c not in header]
    if missing:
        detail = faq_texts.BAD_COLUMNS.format(
            missing=", ".join(missing), needed=", ".join(SHEET_COLUMNS)
        )
        return Upload([], {}, [ContentError(source, detail, 1)])
    errors: list[ContentError] = []
    entries = []
    for number, row in enumerate(rows[1:], start=2):
        cells = dict(zip(header, row, strict=False))
        if not any(cells.get(c) for c in SHEET_COLUMNS):
            continue  # blank line
        entry = validate_entry(Located(_row_entry(cells), number), _topic(cells), source, errors)
        if entry is not None:
            entries.append(entry)
    check_unique(entries, errors, source)
    return Upload(entries, {}, errors)


def _row_entry(cells: dict[str, Any]) -> dict[str, Any]:
    """Turn a sheet row into the mapping a YAML entry would be."""
    data: dict[str, Any] = {key: _cell_text(cells.get(key)) for key in ("id", "question", "answer")}
    data["alternates"] = _split(cells.get("alternates"))
    data["legal_basis"] = _split(cells.get("legal_basis"))
    reviewed = cells.get("reviewed")
    data["reviewed"] = reviewed.date() if isinstance(reviewed, datetime) else reviewed
    if isinstance(data["reviewed"], str):
        data["reviewed"] = data["reviewed"].strip()
    elif not isinstance(data["reviewed"], date):
        data["reviewed"] = None
    return data


def _topic(cells: dict[str, Any]) -> str:
    return _cell_text(cells.get("topic")) or _cell_text(cells.get("id")).partition("/")[0]


def _cell_text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _split(value: Any) -> list[str]:
    """Split a cell listing several items, one per line or separated by ';'."""
    text = _cell_text(value).replace(";", "\n")
    return [part.strip() for part in text.splitlines() if part.strip()]
