"""Splitting HTML messages to Telegram's limit without breaking markup or losing text."""

from __future__ import annotations

import html
import re

import pytest

from bot.messages import Button, Outgoing, escape, split_html


def visible(text: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", text))


def test_short_text_is_one_part() -> None:
    assert split_html("<b>Xin chào</b>") == ["<b>Xin chào</b>"]


def test_long_text_splits_at_lines_and_keeps_everything() -> None:
    lines = [f"<b>Dòng {i}</b>: {escape('nội dung & <thẻ>')}" for i in range(400)]
    parts = split_html("\n".join(lines), limit=1000)
    assert len(parts) > 1 and all(len(p) <= 1000 for p in parts)
    assert "\n".join(parts) == "\n".join(lines)
    assert all(p.count("<b>") == p.count("</b>") for p in parts)


def test_one_huge_line_splits_at_spaces_then_never_inside_an_entity() -> None:
    text = escape("chữ&" * 3000)  # no spaces at all
    parts = split_html(text, limit=500)
    assert all(len(p) <= 500 for p in parts)
    assert all(not re.search(r"&[a-z]*$", p) for p in parts)
    assert "".join(visible(p) for p in parts) == "chữ&" * 3000


def test_button_data_over_64_bytes_is_refused() -> None:
    with pytest.raises(ValueError, match="64 bytes"):
        Button("x", "đ" * 40)


def test_payload_round_trip() -> None:
    message = Outgoing("a", ((Button("Gửi", "i:ok"),),), reply_to=5, force_reply=False)
    assert message.to_payload()["buttons"] == [[["Gửi", "i:ok"]]]
