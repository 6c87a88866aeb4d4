"""Dates as CVs print them, turned into CV JSON's "YYYY", "YYYY-MM" or "present".

``find_dates(text)`` finds every date point or range in a line; ``DateSpan.resolve``
applies the cv-json rules for a lone date (education: when it ended, unless the CV
says "since"; anything else: when it started, unless the CV says "until").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_SEASON = r"(?:spring|summer|fall|autumn|winter)"
_YEAR = r"(?:19|20)\d\d"
_MM = r"(?:0?[1-9]|1[0-2])"
_DD = r"(?:0?[1-9]|[12]\d|3[01])"
_POINT = re.compile(
    rf"(?<![\w/.])(?:"
    rf"(?P<dmy>{_DD}[/.]{_MM}[/.](?P<dmy_y>{_YEAR}))"
    rf"|(?P<iso>(?P<iso_y>{_YEAR})-(?P<iso_m>{_MM})-{_DD})"
    rf"|(?P<ym>(?P<ym_y>{_YEAR})[./](?P<ym_m>{_MM}))(?![\d/])"
    rf"|(?P<mrange>(?P<mr_a>{_MM})\s*[–—-]\s*(?P<mr_b>{_MM})/(?P<mr_y>{_YEAR}))"
    rf"|(?P<my>(?P<my_m>{_MM})/(?P<my_y>{_YEAR}))"
    rf"|(?P<mdy>(?P<mdy_m>{_MONTH})\s+{_DD}(?:st|nd|rd|th)?,?\s+(?P<mdy_y>{_YEAR}))"
    # "Aug./15/22", "Aug/15/2022": a month name, the day and the year between slashes
    rf"|(?P<msd>(?P<msd_m>{_MONTH})/{_DD}/(?P<msd_y>{_YEAR}|\d\d))"
    # "Jul–Aug, 2017", "Aug - Dec 2010": two months of one year
    rf"|(?P<mnr>(?P<mnr_a>{_MONTH})\s*[–—-]\s*(?P<mnr_b>{_MONTH}),?\s+(?P<mnr_y>{_YEAR}))"
    rf"|(?P<dmony>{_DD}\s+(?P<dmony_m>{_MONTH})\s+(?P<dmony_y>{_YEAR}))"
    rf"|(?P<mony>(?P<mony_m>{_MONTH}),?\s+(?P<mony_y>{_YEAR}))"
    rf"|(?P<sy>{_SEASON}\s+(?P<sy_y>{_YEAR}))"
    rf"|(?P<ys>(?P<ys_y>{_YEAR})\s+{_SEASON})"
    rf"|(?P<y>{_YEAR})"
    rf")(?![\w])",
    re.I,
)
_CONNECTOR = re.compile(r"^\s*(?:[–—−~-]+|to|until|till|through)\s*$", re.I)
_PRESENT = re.compile(
    r"^\s*(?:[–—−~-]+|to|until|till)\s*\**\s*(?:[–—−~-]\s*)?(?:to\s+)?"
    r"(present|now|current(?:ly)?|today|ongoing|date)\b",
    re.I,
)
# "2020–", "2020 +": a range still open.
_OPEN_END = re.compile(r"^\s*(?:[–—−-]+|\+)\s*(?=$|[:;,)\]*])")
# "2014-15", "2017/18." (academic years; a full stop may close the sentence)
_TWO_DIGIT_END = re.compile(r"^\s*[–—−/-]\s*(\d\d)(?![\d/]|\.\d)")
# "1/2019–8/22", "2/2006–12/9": a month and a short year after a month and year.
_MONTH_TWO_DIGIT_END = re.compile(rf"^\s*[–—−-]\s*({_MM})/(\d\d?)(?![\d/.])")
_SINCE = re.compile(r"\b(since|from|starting|started|began|beginning)\s*$", re.I)
_UNTIL = re.compile(r"\b(until|till|through|ended)\s*$", re.I)
_EXPECTED = re.compile(r"\b(expected|exp\.|anticipated|est\.)\s*$", re.I)

Point = tuple[int, int | None]  # (year, month)


@dataclass(frozen=True)
class DateSpan:
    """One date or range found in a text, with where it sits."""

    first: Point
    last: Point | str | None  # a point, "present", or None for a lone date
    begin: int
    end: int
    marker: str | None = None  # "since", "until" or "expected" when the CV says so

    @property
    def is_range(self) -> bool:
        return self.last is not None

    def resolve(self, *, lone_is_end: bool) -> tuple[str | None, str | None]:
        """(start, end) as CV JSON strings."""
        if self.is_range:
            last = self.last if isinstance(self.last, str) else fmt(self.last)  # type: ignore[arg-type]
            return fmt(self.first), last
        if self.marker == "since":
            return fmt(self.first), "present"
        if self.marker in ("until", "expected"):
            return None, fmt(self.first)
        return (None, fmt(self.first)) if lone_is_end else (fmt(self.first), None)

    @property
    def year(self) -> int:
        return self.first[0]


def fmt(point: Point) -> str:
    year, month = point
    return f"{year}" if month is None else f"{year}-{month:02d}"


def _month(name: str) -> int:
    return MONTHS[name.lower()[:3]]


def _point(match: re.Match[str]) -> tuple[Point, Point | None]:
    """The point a match names; a month range "8–12/2009" also gives its end."""
    g = match.groupdict()
    if g["dmy"]:
        day, month = re.split(r"[/.]", g["dmy"])[:2]
        first, second = int(day), int(month)
        # dd/mm unless only mm/dd makes sense
        return (int(g["dmy_y"]), second if second <= 12 else first), None
    if g["iso"]:
        return (int(g["iso_y"]), int(g["iso_m"])), None
    if g["ym"]:
        return (int(g["ym_y"]), int(g["ym_m"])), None
    if g["mrange"]:
        year = int(g["mr_y"])
        return (year, int(g["mr_a"])), (year, int(g["mr_b"]))
    if g["mnr"]:
        year = int(g["mnr_y"])
        return (year, _month(g["mnr_a"])), (year, _month(g["mnr_b"]))
    if g["msd"]:
        year = int(g["msd_y"])
        year += 0 if year > 99 else 2000 if year < 50 else 1900
        return (year, _month(g["msd_m"])), None
    if g["my"]:
        return (int(g["my_y"]), int(g["my_m"])), None
    for key in ("mdy", "dmony", "mony"):
        if g[key]:
            return (int(g[f"{key}_y"]), _month(g[f"{key}_m"])), None
    for key in ("sy", "ys"):
        if g[key]:
            return (int(g[f"{key}_y"]), None), None
    return (int(g["y"]), None), None


def find_dates(text: str) -> list[DateSpan]:
    """Every date point or range in ``text``, in order."""
    return list(_find_dates(text))


# The entry readers ask about the same line several times; the search is costly.
@lru_cache(maxsize=8192)
def _find_dates(text: str) -> tuple[DateSpan, ...]:
    points = list(_POINT.finditer(text))
    spans: list[DateSpan] = []
    i = 0
    while i < len(points):
        match = points[i]
        first, month_range_end = _point(match)
        begin, end = match.start(), match.end()
        last: Point | str | None = month_range_end
        if last is None and i + 1 < len(points):
            between = text[end : points[i + 1].start()]
            if _CONNECTOR.match(between):
                nxt, _ = _point(points[i + 1])
                if nxt[0] >= first[0]:
                    last, end = nxt, points[i + 1].end()
                    i += 1
                elif first[1] is None and nxt[1] is None:
                    # "2020 - 2015": the end first, as R Markdown CV templates print it
                    first, last, end = nxt, first, points[i + 1].end()
                    i += 1
        if last is None:
            tail = text[end:]
            if present := _PRESENT.match(tail):
                last, end = "present", end + present.end()
            elif (two := _TWO_DIGIT_END.match(tail)) and first[1] is None:
                year = first[0] // 100 * 100 + int(two.group(1))
                if year > first[0]:
                    last, end = (year, None), end + two.end()
            elif (short := _MONTH_TWO_DIGIT_END.match(tail)) and first[1] is not None:
                year = first[0] // 100 * 100 + int(short.group(2))
                if (year, int(short.group(1))) >= first:
                    last, end = (year, int(short.group(1))), end + short.end()
            elif opened := _OPEN_END.match(tail):
                last, end = "present", end + opened.end()
        head = text[max(0, begin - 24) : begin]
        marker = None
        if _SINCE.search(head):
            marker = "since"
        elif _UNTIL.search(head):
            marker = "until"
        elif _EXPECTED.search(head):
            marker = "expected"
        spans.append(DateSpan(first, last, begin, end, marker))
        i += 1
    return tuple(spans)


_NOISE = re.compile(r"[\s*_`.,:;()\[\]|·–—-]+")
_MARKERS = re.compile(
    r"\b(since|from|until|till|expected|exp|anticipated|ongoing|in progress|tbd|present|now"
    r"|current)\b",
    re.I,
)


def date_only(text: str) -> DateSpan | None:
    """The date when the text is nothing but a date or range (markup aside)."""
    spans = find_dates(text)
    if not spans:
        return None
    rest = text
    for span in reversed(spans):
        rest = rest[: span.begin] + " " + rest[span.end :]
    rest = _MARKERS.sub(" ", rest)
    if _NOISE.sub("", rest):
        return None
    if len(spans) == 1:
        return spans[0]
    # Several dates on a date-only line (a PDF's stacked margin dates): the first counts.
    return spans[0]


_NOTE_AFTER_DATE = re.compile(r"^\s*[,;]\s*([^()]+)\)[\s.]*$")


def edge_date(text: str) -> tuple[DateSpan, str] | None:
    """A date that opens or closes the text (moderncv margins, right-aligned years),
    with the text that remains."""
    spans = find_dates(text)
    if not spans:
        return None
    first, last = spans[0], spans[-1]
    lead = text[: first.begin]
    if not _NOISE.sub("", _MARKERS.sub(" ", lead)):
        rest = text[first.end :]
        return first, re.sub(r"^[\s*_:,.·–—-]+(?=\S)|^\*\*\s*", "", rest).strip()
    tail = text[last.end :]
    if not _NOISE.sub("", _MARKERS.sub(" ", tail)):
        rest = re.sub(
            r"\b(since|from|until|till|expected|exp\.)\s*$", "", text[: last.begin], flags=re.I
        )
        return last, rest.strip().rstrip(",;·–—-(").strip()
    # "... Stanislaus (2007, summa cum laude)": the date opens the closing parenthetical
    before = text[: last.begin].rstrip()
    if before.endswith("(") and (note := _NOTE_AFTER_DATE.match(tail)):
        return last, f"{before[:-1].rstrip()} ({note.group(1).strip()})"
    return None
