"""The lines of a reader's text as the parser numbers them (an entry's ``x_lines``): to
show an entry beside what it was read from, and to parse a corrected entry again."""

from __future__ import annotations

from dataclasses import dataclass

from .parser import _publication_line
from .publications import parse_publications
from .sections import Line, build_lines


@dataclass(frozen=True)
class SourceLine:
    line: Line

    @property
    def no(self) -> int:
        """1-based, as in ``x_lines``."""
        return self.line.no

    @property
    def text(self) -> str:
        """As a reader sees it: no Markdown marks, no HTML."""
        return self.line.text

    @property
    def citation(self) -> str:
        """As the publication parser reads it (bullets and bold kept); only a fix needs it."""
        return _publication_line(self.line)


def source_lines(text: str) -> list[SourceLine]:
    """Every line of ``text`` (a ``ParsedCV.text``); line ``n`` is at index ``n - 1``."""
    return [SourceLine(line) for line in build_lines(text)]


def publication_from_lines(
    lines: list[SourceLine], *, category: str | None, owner: str | None
) -> dict | None:
    """The one publication these lines hold, parsed as the parser would, or None when
    they hold no paper. Lines the parser would cut into several entries are read as one."""
    numbered = [(line.no, line.citation) for line in lines if line.text]
    if not numbered:
        return None
    found = parse_publications(numbered, category=category, owner=owner)
    if len(found) != 1:
        joined = numbered[0][1].removeprefix("- ")
        for _, text in numbered[1:]:
            # A list item began a part of its own: it ends the sentence before it.
            stop = "." if text.startswith("- ") and not joined.rstrip("*_").endswith(".") else ""
            joined = f"{joined}{stop} {text.removeprefix('- ')}"
        found = parse_publications([(numbered[0][0], joined)], category=category, owner=owner)
    if len(found) != 1:
        return None
    return {**found[0], "x_lines": [line.no for line in lines]}
