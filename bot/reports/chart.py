"""A phone-sized PNG: received and resolved per month, one panel for all kinds and one per kind.

Drawn with Pillow in a bundled font that has every Vietnamese letter (Be Vietnam Pro, OFL):
Pillow's own default font draws boxes for letters such as ả or ự, and a fresh machine may have
no system font at all.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources

from PIL import Image, ImageDraw, ImageFont

from bot.kinds import Kind
from bot.reports import wording as w
from bot.reports.figures import MonthBar, Report
from bot.reports.paragraph import number
from storage.reports import day_number, months_between

WIDTH, HEIGHT = 1080, 1350  # 4:5, Telegram shows it full width on a phone without scaling up
MARGIN = 48
HEAD = 230  # title, subtitle and legend
RECEIVED_COLOR, RESOLVED_COLOR = (147, 197, 253), (29, 78, 216)
INK, MUTED, RULE = (17, 24, 39), (75, 85, 99), (229, 231, 235)
MAX_BARS = 24  # more months than this are drawn by quarter, then by year


@functools.cache
def font(size: int, *, bold: bool = False) -> ImageFont.FreeTypeFont:
    """Return the bundled Vietnamese font at a size."""
    name = "BeVietnamPro-SemiBold.ttf" if bold else "BeVietnamPro-Regular.ttf"
    data = (resources.files("bot.reports") / "fonts" / name).read_bytes()
    return ImageFont.truetype(io.BytesIO(data), size)


@dataclass(frozen=True, slots=True)
class Panel:
    """One row of bars: a title and (label, received, resolved) per period bucket."""

    title: str
    bars: list[tuple[str, int, int]]


def png(report: Report) -> bytes:
    """Draw the chart of a report and return it as PNG bytes."""
    image = Image.new("RGB", (WIDTH, HEIGHT), "white")
    draw = ImageDraw.Draw(image)
    draw.text((MARGIN, 36), "Tiếp nhận và giải quyết đơn", font=font(46, bold=True), fill=INK)
    subtitle = f"{report.period.label} · {report.scope}"
    draw.text((MARGIN, 100), _fit(draw, subtitle, font(30), WIDTH - 2 * MARGIN), font=font(30),
              fill=MUTED)  # fmt: skip
    _legend(draw, 160)
    panels = panels_of(report)
    height = (HEIGHT - HEAD - MARGIN) // max(1, len(panels))
    for index, panel in enumerate(panels):
        _panel(draw, panel, HEAD + index * height, height)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def panels_of(report: Report) -> list[Panel]:
    """Return the panel for all kinds, then one per kind that received tickets."""
    months = _months(report)
    buckets = _bucketing(months)
    panels = [Panel("Tất cả các loại đơn", _bars(report.by_month, months, buckets, None))]
    for kind in w.KIND_ORDER:
        if report.by_kind.get(kind) and report.by_kind[kind].received:
            panels.append(Panel(kind.label, _bars(report.by_month, months, buckets, kind)))
    return panels


def _months(report: Report) -> list[int]:
    """Return every month of the period up to its cut-off day, as YYYYMM."""
    return months_between(day_number(report.period.first), day_number(report.cut))


def _bucketing(months: Sequence[int]) -> dict[int, str]:
    """Name the bar each month falls in: the month, its quarter, or its year."""
    years = len({m // 100 for m in months}) > 1
    if len(months) <= MAX_BARS:
        return {m: f"T{m % 100}" + (f"/{m // 100 % 100}" if years else "") for m in months}
    if len(months) <= 3 * MAX_BARS:
        return {m: f"Q{(m % 100 - 1) // 3 + 1}/{m // 100 % 100}" for m in months}
    return {m: str(m // 100) for m in months}


def _bars(
    data: Sequence[MonthBar], months: Sequence[int], buckets: dict[int, str], kind: Kind | None
) -> list[tuple[str, int, int]]:
    sums = {label: [0, 0] for label in dict.fromkeys(buckets[m] for m in months)}
    for bar in data:
        if (kind is None or bar.kind is kind) and bar.month in buckets:
            pair = sums[buckets[bar.month]]
            pair[0] += bar.received
            pair[1] += bar.resolved
    return [(label, pair[0], pair[1]) for label, pair in sums.items()]


def _legend(draw: ImageDraw.ImageDraw, y: int) -> None:
    x = MARGIN
    for color, label in ((RECEIVED_COLOR, "Tiếp nhận"), (RESOLVED_COLOR, "Đã giải quyết")):
        draw.rectangle((x, y + 6, x + 30, y + 36), fill=color)
        draw.text((x + 42, y), label, font=font(30), fill=INK)
        x += 42 + int(draw.textlength(label, font=font(30))) + 48


def _panel(draw: ImageDraw.ImageDraw, panel: Panel, top: int, height: int) -> None:
    """Draw a panel's title with its totals, then a pair of bars per bucket with counts."""
    received = sum(b[1] for b in panel.bars)
    resolved = sum(b[2] for b in panel.bars)
    title = f"{panel.title}: {number(received)} tiếp nhận, {number(resolved)} đã giải quyết"
    draw.text((MARGIN, top), _fit(draw, title, font(28, bold=True), WIDTH - 2 * MARGIN),
              font=font(28, bold=True), fill=INK)  # fmt: skip
    base = top + height - 44  # the axis; bucket labels go under it
    ceiling = top + 44 + 28  # room for the count above the tallest bar
    draw.line((MARGIN, base, WIDTH - MARGIN, base), fill=RULE, width=2)
    peak = max([1, *(b[1] for b in panel.bars), *(b[2] for b in panel.bars)])
    slot = (WIDTH - 2 * MARGIN) / max(1, len(panel.bars))
    bar = max(4.0, slot * 0.36)
    labels = font(22 if len(panel.bars) > 12 else 26)
    for index, (label, got, done) in enumerate(panel.bars):
        left = MARGIN + index * slot + (slot - 2 * bar) / 2
        for offset, value, color in ((0, got, RECEIVED_COLOR), (bar, done, RESOLVED_COLOR)):
            y = base - (base - ceiling) * value / peak
            draw.rectangle((left + offset, y, left + offset + bar - 2, base), fill=color)
            if len(panel.bars) <= 12 and value:
                _centered(draw, number(value), left + offset + bar / 2, y - 26, font(20), MUTED)
        _centered(draw, label, left + bar, base + 8, labels, INK)


def _centered(
    draw: ImageDraw.ImageDraw,
    text: str,
    x: float,
    y: float,
    face: ImageFont.FreeTypeFont,
    fill: tuple[int, int, int],
) -> None:
    draw.text((x - draw.textlength(text, font=face) / 2, y), text, font=face, fill=fill)


def _fit(draw: ImageDraw.ImageDraw, text: str, face: ImageFont.FreeTypeFont, width: int) -> str:
    """Shorten text with an ellipsis until it fits the width."""
    if draw.textlength(text, font=face) <= width:
        return text
    while text and draw.textlength(text + "…", font=face) > width:
        text = text[:-1]
    return text + "…"
