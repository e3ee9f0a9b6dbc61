"""Fields (lĩnh vực) that citizens' reports are filed under."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from bot.content import array_entries, load_toml

# Ids travel in Telegram callback data (64 bytes with everything else in it).
MAX_ID_LENGTH = 24
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True, slots=True)
class Category:
    """A field such as "Môi trường, rác thải, vệ sinh"."""

    id: str
    name: str


class CategoryList:
    """The categories offered to citizens, in display order."""

    def __init__(self, categories: Iterable[Category]) -> None:
        self._categories = tuple(categories)
        self._by_id = {category.id: category for category in self._categories}
        if len(self._by_id) != len(self._categories):
            raise ValueError("duplicate category ids")

    @classmethod
    def from_file(cls, path: Path) -> CategoryList:
        """Load categories from a TOML file of [[category]] tables."""
        path = Path(path)
        categories: list[Category] = []
        first_seen: dict[str, str] = {}
        for entry in array_entries(path, load_toml(path), "category"):
            entry.check_keys(("id", "name"))
            category_id = entry.require_str("id")
            if len(category_id) > MAX_ID_LENGTH or not _ID.match(category_id):
                raise entry.error(
                    f"id '{category_id}' must be a slug of a-z, 0-9 and hyphens,"
                    f" at most {MAX_ID_LENGTH} characters"
                )
            if category_id in first_seen:
                raise entry.error(
                    f"duplicate id '{category_id}' (already used by {first_seen[category_id]})"
                )
            first_seen[category_id] = entry.label
            categories.append(Category(category_id, entry.require_str("name")))
        return cls(categories)

    def all(self) -> tuple[Category, ...]:
        """Return every category, in file order."""
        return self._categories

    def get(self, category_id: str) -> Category | None:
        """Return the category with this id, if any."""
        return self._by_id.get(category_id)

    def name_of(self, category_id: str) -> str:
        """Return a category's display name (its id if it is no longer listed)."""
        category = self._by_id.get(category_id)
        return category.name if category else category_id
