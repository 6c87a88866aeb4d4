"""A publications-per-year bar chart, computed on the server and drawn as inline SVG."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.safestring import SafeString, mark_safe

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

    # The bars' markup is written here rather than looped over in the template:
    # a long career has dozens of bars of nine values each, which the template
    # engine renders a dozen times slower. Every value is a number made above.

    @property
    def bars_svg(self) -> SafeString:
        label_y = self.height - 8
        html = []
        for bar in self.bars:
            html.append(
                f'<rect class="bar" x="{bar.x}" y="{bar.y}" width="{bar.width}"'
                f' height="{bar.height}"><title>{bar.year}: {bar.count}</title></rect>'
            )
            if bar.show_label:
                html.append(
                    f'<text class="tick" x="{bar.label_x}" y="{label_y}"'
                    f' text-anchor="middle">{bar.year}</text>'
                )
        return mark_safe("".join(html))  # noqa: S308 - numbers only

    @property
    def table_rows(self) -> SafeString:
        rows = (f'<tr><th scope="row">{b.year}</th><td>{b.count}</td></tr>' for b in self.bars)
        return mark_safe("".join(rows))  # noqa: S308 - numbers only


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
