"""A publications-per-year bar chart, computed on the server and drawn as inline SVG."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

WIDTH, HEIGHT = 640, 200
TOP, BOTTOM, LEFT, RIGHT = 16, 28, 32, 8


def _svg(number: float) -> str:
    """A coordinate for SVG: one decimal at most, never localized ("12.5", "40")."""
    return f"{number:.1f}".removesuffix(".0")


@dataclass(frozen=True)
class Bar:
    year: str
    count: str
    x: str
    y: str
    width: str
    height: str
    label_x: str
    show_label: bool


@dataclass(frozen=True)
class Chart:
    bars: list[Bar]
    max_count: int
    total: int
    width: int = WIDTH
    height: int = HEIGHT
    baseline: int = HEIGHT - BOTTOM
    left: int = LEFT
    right: int = WIDTH - RIGHT
    top: int = TOP

    @property
    def first_year(self) -> str:
        return self.bars[0].year

    @property
    def last_year(self) -> str:
        return self.bars[-1].year


def publications_per_year(years: Iterable[int | None]) -> Chart | None:
    """Bars for every year from the first to the last publication (gaps as zero)."""
    counts = Counter(year for year in years if year)
    if not counts:
        return None
    first, last = min(counts), max(counts)
    span = last - first + 1
    plot_width = WIDTH - LEFT - RIGHT
    plot_height = HEIGHT - TOP - BOTTOM
    slot = plot_width / span
    max_count = max(counts.values())
    label_every = max(1, round(span / 12))
    bars = []
    for index, year in enumerate(range(first, last + 1)):
        count = counts.get(year, 0)
        height = plot_height * count / max_count
        bars.append(
            Bar(
                year=str(year),
                count=str(count),
                x=_svg(LEFT + index * slot + slot * 0.15),
                y=_svg(HEIGHT - BOTTOM - height),
                width=_svg(slot * 0.7),
                height=_svg(height),
                label_x=_svg(LEFT + index * slot + slot / 2),
                show_label=(last - year) % label_every == 0,
            )
        )
    return Chart(bars=bars, max_count=max_count, total=sum(counts.values()))
