"""Read FAQ content (a folder of YAML files, one per topic) and report every problem precisely."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import yaml

from bot.content import ContentError
from bot.faq import texts as faq_texts
from bot.faq.model import Faq, FaqEntry

META_FILE = "_meta.yaml"
# The whole answer message (answer, legal basis, review date, disclaimer) must fit in one
# Telegram message of 4096 characters; this leaves room for the rest.
ANSWER_LIMIT = 3500
# libyaml's parser where PyYAML was built with it (about ten times faster: every fresh
# database seeds the FAQ from these files); the pure-Python parser otherwise.
_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_ENTRY_FIELDS = {
    "id", "question", "alternates", "answer", "legal_basis", "tags", "reviewed",
    "unverified", "changed",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Located:
    """A parsed YAML value with the line it starts on."""

    value: Any
    line: int


def load_faq(folder: Path) -> Faq:
    """Load a FAQ folder; raise the first ContentError (all of them: `check_faq`)."""
    faq, errors = check_faq(folder)
    if errors:
        raise errors[0]
    assert faq is not None
    return faq


def check_faq(folder: Path) -> tuple[Faq | None, list[ContentError]]:
    """Validate every file of a FAQ folder; return the FAQ (if valid) and all errors."""
    folder = Path(folder)
    errors: list[ContentError] = []
    topics: list[tuple[str, str]] = []
    entries: list[FaqEntry] = []
    files = sorted(p for p in folder.glob("*.yaml") if p.name != META_FILE)
    if not files:
        errors.append(ContentError(folder, faq_texts.BAD_NO_FILES))
    for path in files:
        topic, title, found = _read_topic(path, errors)
        if topic:
            topics.append((topic, title))
            entries += found
    check_unique(entries, errors, folder)
    disclaimer = _read_disclaimer(folder / META_FILE, errors)
    if errors:
        return None, errors
    return Faq(tuple(topics), tuple(entries), disclaimer), []


def parse_topic_text(
    text: str, source: Path
) -> tuple[str, str, list[FaqEntry], list[ContentError]]:
    """Validate one topic file's text (e.g. an upload); return topic, title, entries, errors."""
    errors: list[ContentError] = []
    topic, title, entries = _parse_topic(text, source, errors)
    check_unique(entries, errors, source)
    return topic, title, entries, errors


def _read_topic(path: Path, errors: list[ContentError]) -> tuple[str, str, list[FaqEntry]]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        errors.append(ContentError(path, faq_texts.BAD_UNREADABLE.format(reason=exc)))
        return "", "", []
    return _parse_topic(text, path, errors)


def _parse_topic(
    text: str, path: Path, errors: list[ContentError]
) -> tuple[str, str, list[FaqEntry]]:
    try:
        root, data = _parse(text)
    except yaml.YAMLError as exc:
        errors.append(_yaml_error(path, exc))
        return "", "", []
    if not isinstance(data, dict) or root is None:
        errors.append(ContentError(path, faq_texts.BAD_TOP, 1))
        return "", "", []
    topic = data.get("topic")
    if not isinstance(topic, str) or not _SLUG.match(topic):
        errors.append(ContentError(path, faq_texts.BAD_TOPIC, 1))
        return "", "", []
    title = data.get("title")
    if not isinstance(title, str) or not title.strip():
        errors.append(ContentError(path, faq_texts.BAD_TITLE, 1))
    items = list(_entries_with_lines(root, data))
    if not items:
        errors.append(ContentError(path, faq_texts.BAD_ENTRIES, 1))
    entries = [e for item in items if (e := _entry(item, topic, path, errors)) is not None]
    return topic, str(title or topic), entries


def _parse(text: str) -> tuple[yaml.Node | None, Any]:
    """Parse YAML once into its node tree (which knows lines) and the values built from it."""
    loader = _LOADER(text)
    try:
        root = loader.get_single_node()
        if root is not None and _shares_nodes(root):
            raise _AliasesError(faq_texts.BAD_ALIASES)
        return root, None if root is None else loader.construct_document(root)
    finally:
        loader.dispose()


class _AliasesError(yaml.YAMLError):
    """The file uses anchors and aliases."""


def _yaml_error(path: Path, exc: yaml.YAMLError) -> ContentError:
    """Say what YAML could not read, and on which line when it knows."""
    if isinstance(exc, _AliasesError):
        return ContentError(path, str(exc))
    mark = getattr(exc, "problem_mark", None)
    problem = faq_texts.BAD_YAML.format(problem=getattr(exc, "problem", exc))
    return ContentError(path, problem, mark.line + 1 if mark is not None else None)


def _shares_nodes(root: yaml.Node) -> bool:
    """Tell whether any node is reached twice, which only an alias (*name) does.

    A few lines of nested aliases stand for billions of values: any code that walks them (even
    to print an error) would hang the bot. FAQ content has no use for them.
    """
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            return True
        seen.add(id(node))
        if isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            stack.extend(child for pair in node.value for child in pair)
    return False


def _entries_with_lines(root: yaml.Node, data: dict[str, Any]) -> Iterator[Located]:
    """Pair each entry with the line it starts on (from the YAML node tree)."""
    values = data.get("entries")
    if not isinstance(values, list) or not isinstance(root, yaml.MappingNode):
        return
    for key, node in root.value:
        if key.value == "entries" and isinstance(node, yaml.SequenceNode):
            for value, item_node in zip(values, node.value, strict=False):
                yield Located(value, item_node.start_mark.line + 1)


def validate_entry(
    item: Located, topic: str, path: Path, errors: list[ContentError]
) -> FaqEntry | None:
    """Validate one entry (a mapping found at `item.line`), appending problems to `errors`."""
    return _entry(item, topic, path, errors)


def _entry(item: Located, topic: str, path: Path, errors: list[ContentError]) -> FaqEntry | None:
    data, line = item.value, item.line
    if not isinstance(data, dict):
        errors.append(ContentError(path, faq_texts.BAD_ENTRY, line))
        return None
    before = len(errors)
    shown_id = data.get("id")  # never the text of an unchecked value, which may be huge
    label = faq_texts.BAD_ENTRY_LABEL.format(
        id=shown_id[:60] if isinstance(shown_id, str) and shown_id else "?"
    )

    def fail(detail: str) -> None:
        errors.append(ContentError(path, f"{label}: {detail}", line))

    for unknown in sorted(set(data) - _ENTRY_FIELDS):
        fail(faq_texts.BAD_UNKNOWN_FIELD.format(field=str(unknown)[:40]))
    entry_id = _text(data, "id", fail)
    prefix, _, slug = entry_id.partition("/")
    # A sheet's topic comes from its cells, so it is checked here too (it names buttons).
    bad_topic = not _SLUG.match(prefix) or len(prefix) > 30
    if entry_id and (prefix != topic or bad_topic or not _SLUG.match(slug) or len(slug) > 40):
        fail(faq_texts.BAD_ID.format(topic=topic or "<chủ-đề>"))
    question = _text(data, "question", fail)
    answer = _text(data, "answer", fail)
    if len(answer) > ANSWER_LIMIT:
        fail(faq_texts.BAD_ANSWER_LONG.format(length=len(answer), limit=ANSWER_LIMIT))
    basis = _text_list(data, "legal_basis", fail, required=True)
    reviewed = _date(data, "reviewed", fail, required=True)
    changed = _date(data, "changed", fail, required=False)
    alternates = _text_list(data, "alternates", fail, required=False)
    tags = _text_list(data, "tags", fail, required=False)
    if len(errors) > before or reviewed is None:
        return None
    return FaqEntry(
        id=entry_id, topic=topic, question=question, answer=answer.strip(),
        legal_basis=basis, reviewed=reviewed, alternates=alternates, tags=tags,
        unverified=bool(data.get("unverified", False)), changed=changed,
    )  # fmt: skip


def _text(data: dict[str, Any], key: str, fail: Any) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        fail(faq_texts.BAD_MISSING.format(field=key))
        return ""
    return value.strip()


def _text_list(data: dict[str, Any], key: str, fail: Any, *, required: bool) -> tuple[str, ...]:
    value = data.get(key)
    if value is None and not required:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        fail(faq_texts.BAD_LIST.format(field=key))
        return ()
    if required and not value:
        fail(faq_texts.BAD_EMPTY_LIST.format(field=key))
    return tuple(v.strip() for v in value)


def _date(data: dict[str, Any], key: str, fail: Any, *, required: bool) -> date | None:
    value = data.get(key)
    if value is None and not required:
        return None
    if isinstance(value, datetime):  # YAML reads "2026-11-22 10:00" as a time of day
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    fail(faq_texts.BAD_DATE.format(field=key))
    return None


def check_unique(entries: list[FaqEntry], errors: list[ContentError], where: Path) -> None:
    """Report every id used by more than one entry."""
    seen: set[str] = set()
    for entry in entries:
        if entry.id in seen:
            errors.append(ContentError(where, faq_texts.BAD_DUPLICATE.format(id=entry.id)))
        seen.add(entry.id)


def _read_disclaimer(path: Path, errors: list[ContentError]) -> str:
    if not path.is_file():
        return ""
    try:
        _, data = _parse(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        errors.append(_yaml_error(path, exc))
        return ""
    if not isinstance(data, dict) or not isinstance(data.get("disclaimer"), str):
        errors.append(ContentError(path, faq_texts.BAD_DISCLAIMER, 1))
        return ""
    return str(data["disclaimer"]).strip()
