"""A zip of an academicpages site's ``_publications`` folder to CV JSON publication dicts.

Each ``_publications/*.md`` file is one publication: YAML front matter (``title``,
``collection``, ``category``, ``date``, ``venue``, ``paperurl``, ``slidesurl``,
``citation``; PyYAML reads it) and a body the site shows as its abstract. The authors
are those the front matter lists (``authors``), else those its ``citation`` opens with
("Family, G. & Family2, G2. (2021). "Title." <i>Venue</i>.").
"""

from __future__ import annotations

import datetime
import html
import io
import re
import zipfile

import yaml

from cvparse.errors import CVParseError
from cvparse.names import split_authors
from cvparse.readers import bibliography
from cvparse.readers.bibliography import doi_of, text

_MEMBER = re.compile(r"(^|/)_publications/[^/]+\.(md|markdown)$", re.I)
_FRONT_MATTER = re.compile(r"\A\ufeff?---\s*\n(.*?)\n(---|\.\.\.)\s*(\n|\Z)", re.S)
# The template's categories (``_config.yml`` ``publication_category``).
ENTRY_TYPES = {
    "manuscripts": "article",
    "journal": "article",
    "journals": "article",
    "conferences": "inproceedings",
    "conference": "inproceedings",
    "books": "book",
    "book": "book",
    "chapters": "chapter",
    "theses": "thesis",
    "thesis": "thesis",
    "reports": "report",
    "preprints": "preprint",
    "preprint": "preprint",
}
MAX_MEMBERS = 5000
MAX_TOTAL_BYTES = 20 * 1024 * 1024


def publication_files(data: bytes) -> list[tuple[str, str]] | None:
    """The ``_publications`` Markdown files of a zip, as (name, text) in name order;
    None when the archive has none (or is no zip)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = [m for m in archive.infolist() if _MEMBER.search(m.filename)]
            if not members:
                return None
            if len(members) > MAX_MEMBERS or sum(m.file_size for m in members) > MAX_TOTAL_BYTES:
                raise CVParseError(
                    f"The zip holds too many or too large publication files (at most "
                    f"{MAX_MEMBERS} files, {MAX_TOTAL_BYTES // 1024 // 1024} MB unpacked)."
                )
            return [
                (m.filename, archive.read(m).decode("utf-8", errors="replace"))
                for m in sorted(members, key=lambda m: m.filename)
            ]
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, OSError):
        return None


def document_text(files: list[tuple[str, str]]) -> str:
    """The files' text, one after another with a blank line between: what the review shows."""
    return "\n\n".join(source.rstrip("\n") for _, source in files)


def publications_from_files(files: list[tuple[str, str]]) -> list[dict]:
    """One CV JSON publication per file with a title; a file whose front matter is
    malformed stops the whole import, naming the file."""
    publications = []
    first_line = 1  # in ``document_text``
    for name, source in files:
        count = len(source.rstrip("\n").splitlines())
        lines = list(range(first_line, first_line + count))
        first_line += count + 1
        found = _FRONT_MATTER.match(source)
        if not found:
            raise CVParseError(f"{name} has no YAML front matter (between --- lines).")
        try:
            front = yaml.safe_load(found.group(1))
        except yaml.YAMLError as exc:
            where = getattr(exc, "problem_mark", None)
            line = f" at line {where.line + 2}" if where else ""
            raise CVParseError(
                f"{name}: its front matter is not valid YAML{line}. Nothing was imported."
            ) from exc
        if isinstance(front, dict) and text(front.get("title")):
            publications.append(_publication(front) | {"x_lines": lines})
    if not publications:
        raise CVParseError("The zip's _publications files give no publication with a title.")
    return publications


def _publication(front: dict) -> dict:
    category = (text(front.get("category")) or "").lower()
    citation = _plain(front.get("citation"))
    year, month = _date(front.get("date"))
    return bibliography.publication(
        title=_plain(front.get("title")),
        authors=_authors(front.get("authors"), citation),
        entry_type=ENTRY_TYPES.get(category),
        venue=_plain(front.get("venue")),
        year=year,
        month=month,
        doi=doi_of(front.get("doi")),
        url=text(front.get("paperurl")),
        status_text=citation or "",
    )


def _date(value: object) -> tuple[int | None, int | None]:
    if isinstance(value, datetime.date):
        return value.year, value.month
    return bibliography.date_parts(value)


def _plain(value: object) -> str | None:
    """Front-matter text as the site shows it: entities decoded, HTML tags dropped."""
    found = text(value)
    return text(re.sub(r"<[^>]+>", "", html.unescape(found))) if found else None


def _authors(listed: object, citation: str | None) -> list[str]:
    if isinstance(listed, list):
        return [name for name in map(_plain, listed) if name]
    if isinstance(listed, str):
        return split_authors(_plain(listed) or "")
    opening = re.match(r"(.+?)\s*\((19|20)\d\d[a-z]?\)", citation or "")
    return split_authors(opening.group(1).rstrip(" ,")) if opening else []
