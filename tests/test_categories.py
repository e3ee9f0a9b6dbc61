"""Tests for bot.categories on the real content/categories.toml."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.categories import Category, CategoryList
from bot.content import ContentError

CATEGORIES_FILE = Path(__file__).resolve().parent.parent / "content" / "categories.toml"


@pytest.fixture(scope="module")
def categories() -> CategoryList:
    return CategoryList.from_file(CATEGORIES_FILE)


def test_real_file(categories: CategoryList) -> None:
    assert [c.id for c in categories.all()] == [
        "dat-dai-xay-dung",
        "trat-tu-do-thi",
        "moi-truong",
        "an-ninh-trat-tu",
        "giao-thong",
        "dien-nuoc",
        "ho-tich-cu-tru",
        "chinh-sach-xa-hoi",
        "giao-duc-y-te",
        "khac",
    ]
    assert categories.get("moi-truong") == Category("moi-truong", "Môi trường, rác thải, vệ sinh")
    assert categories.get("khac") == Category("khac", "Khác")
    assert categories.get("Khac") is None


def test_ids_fit_in_button_data(categories: CategoryList) -> None:
    # Telegram callback data is at most 64 bytes; leave room for a prefix and a ticket id.
    for category in categories.all():
        assert len(f"t:123456:cat:{category.id}".encode()) <= 64


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "categories.toml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", r"no \[\[category\]\] entries"),
        (
            '[[category]]\nid = "a"\nname = "A"\n\n[[category]]\nid = "a"\nname = "B"\n',
            "duplicate id 'a'",
        ),
        ('[[category]]\nid = "Môi trường"\nname = "A"\n', "id 'Môi trường' must be a slug"),
        ('[[category]]\nid = "moi_truong"\nname = "A"\n', "must be a slug"),
        ('[[category]]\nid = "-a"\nname = "A"\n', "must be a slug"),
        (f'[[category]]\nid = "{"a" * 25}"\nname = "A"\n', "at most 24 characters"),
        ('[[category]]\nid = "a"\n', "categories.toml:1: category #1: missing field 'name'"),
        ('[[category]]\nid = "a"\nname = ""\n', "field 'name' must not be empty"),
    ],
)
def test_malformed_files(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(ContentError, match=message):
        CategoryList.from_file(write(tmp_path, text))


def test_longest_allowed_id(tmp_path: Path) -> None:
    path = write(tmp_path, f'[[category]]\nid = "{"a" * 24}"\nname = "A"\n')
    assert CategoryList.from_file(path).get("a" * 24) == Category("a" * 24, "A")
