"""Default routing rules from `content/routes.toml`, seeded into an empty database once."""

from __future__ import annotations

from pathlib import Path

from bot.categories import CategoryList
from bot.content import Entry, array_entries, load_toml
from bot.kinds import Kind
from bot.routing import ANY, Role
from bot.wards import WardDirectory
from storage.routes import RouteRow

_FIELDS = ("role", "ward", "category", "kind", "chat_id", "thread_id")
# Which of ward/category/kind each role needs (True), allows (None) or refuses (False).
_SHAPE: dict[Role, tuple[bool | None, bool | None, bool | None]] = {
    Role.DENUNCIATION: (None, False, False),
    Role.CATEGORY: (None, True, False),
    Role.KIND: (None, False, True),
    Role.WARD: (True, False, False),
    Role.FALLBACK: (False, False, False),
    Role.SUPERVISOR: (False, False, False),
}


def load_default_routes(
    path: Path, wards: WardDirectory, categories: CategoryList
) -> list[RouteRow]:
    """Read and validate the default rules; a missing file or no [[route]] means none."""
    if not path.exists():
        return []
    document = load_toml(path)
    if "route" not in document:
        return []
    return [
        _read_rule(entry, wards, categories) for entry in array_entries(path, document, "route")
    ]


def _read_rule(entry: Entry, wards: WardDirectory, categories: CategoryList) -> RouteRow:
    """Build one rule, checking that it names a known ward, category and kind."""
    entry.check_keys(_FIELDS)
    role_text = entry.require_str("role")
    if role_text not in Role.__members__.values():
        raise entry.error(f"role '{role_text}' must be one of: {', '.join(Role)}")
    role = Role(role_text)
    ward, category, kind = (entry.optional_str(k) for k in ("ward", "category", "kind"))
    for field, value, rule in zip(
        ("ward", "category", "kind"), (ward, category, kind), _SHAPE[role], strict=True
    ):
        if rule is True and not value:
            raise entry.error(f"role '{role}' needs field '{field}'")
        if rule is False and value:
            raise entry.error(f"role '{role}' does not take field '{field}'")
    if ward and wards.get(ward) is None:
        raise entry.error(f"ward '{ward}' is not a served ward code")
    if category and categories.get(category) is None:
        raise entry.error(f"category '{category}' is not in categories.toml")
    if kind and kind not in Kind.__members__.values():
        raise entry.error(f"kind '{kind}' must be one of: {', '.join(Kind)}")
    thread = entry.require_int("thread_id") if "thread_id" in entry.data else None
    return RouteRow(
        role, ward or ANY, category or ANY, kind or ANY, entry.require_int("chat_id"), thread
    )
