"""RIS files (Google Scholar, Zotero, EndNote, Mendeley) to CV JSON publication dicts (rispy)."""

from __future__ import annotations

import re

import rispy

from cvparse.errors import CVParseError
from cvparse.readers import bibliography
from cvparse.readers.bibliography import arxiv_of, date_parts, doi_of, text, thesis_degree_of

ENTRY_TYPES = {
    "JOUR": "article",
    "JFULL": "article",
    "MGZN": "article",
    "CONF": "inproceedings",
    "CPAPER": "inproceedings",
    "CHAP": "chapter",
    "BOOK": "book",
    "EBOOK": "book",
    "EDBOOK": "book",
    "THES": "thesis",
    "RPRT": "report",
    "PAT": "patent",
    "DATA": "dataset",
    "DBASE": "dataset",
    "COMP": "software",
    "UNPB": "preprint",
    "MANSCPT": "preprint",
}
_RIS_START = re.compile(r"\A\s*(\ufeff)?TY  - ", re.M)


def looks_like_ris(source: str) -> bool:
    """The first line that says anything is a ``TY  - `` tag."""
    return bool(_RIS_START.match(source))


def publications_from_ris(source: str) -> list[dict]:
    """One CV JSON publication per RIS record with a title, in order."""
    try:
        records = rispy.loads(source.lstrip("\ufeff"))
    except Exception as exc:  # rispy raises IOError and ValueError subclasses
        raise CVParseError(f"The RIS file could not be read: {exc}. Nothing was imported.") from exc
    spans = _record_lines(source)
    publications = [
        _publication(record) | ({"x_lines": spans[i]} if len(spans) == len(records) else {})
        for i, record in enumerate(records)
    ]
    publications = [pub for pub in publications if pub["title"]]
    if not publications:
        raise CVParseError("The RIS file contains no records with a title.")
    return publications


def _publication(record: dict) -> dict:
    entry_type = ENTRY_TYPES.get(str(record.get("type_of_reference", "")).upper())
    # RIS dates are "YYYY/MM/DD/other".
    year, month = date_parts(
        str(record.get("year") or record.get("publication_year") or "").replace("/", "-")
    )
    if month is None and record.get("date"):
        month = date_parts(str(record["date"]).replace("/", "-"))[1]
    urls = record.get("urls") or []
    arxiv = next((found for found in map(arxiv_of, urls) if found), None)
    venue = _first(record, "secondary_title", "journal_name", "alternate_title3")
    if entry_type == "book":  # a book's T2 is its series
        venue = _first(record, "tertiary_title", "secondary_title")
    if entry_type in ("thesis", "report") and not venue:
        venue = _first(record, "publisher")
    start, end = text(record.get("start_page")), text(record.get("end_page"))
    return bibliography.publication(
        title=_first(record, "title", "primary_title"),
        authors=_names(record.get("authors") or record.get("first_authors")),
        entry_type=entry_type,
        venue=venue,
        year=year,
        month=month,
        status_text=" ".join(_notes(record)),
        doi=doi_of(record.get("doi")),
        url=urls[0] if urls else None,
        volume=text(record.get("volume")),
        issue=text(record.get("number")),
        pages=f"{start}-{end}" if start and end else start,
        publisher=_first(record, "publisher") if venue != _first(record, "publisher") else None,
        editors=_names(record.get("secondary_authors"))
        if entry_type in ("chapter", "inproceedings")
        else [],
        arxiv=arxiv,
        isbn=text(record.get("issn")) if entry_type in ("book", "chapter") else None,
        thesis_degree=thesis_degree_of(record.get("type_of_work")),
        location=_first(record, "place_published"),
        note=" ".join(_notes(record)) or None,
    )


def _record_lines(source: str) -> list[list[int]]:
    """The line numbers of each ``TY`` ... ``ER`` record, in order."""
    spans: list[list[int]] = []
    start = None
    for no, line in enumerate(source.lstrip("\ufeff").splitlines(), start=1):
        if line.startswith("TY  -"):
            start = no
        elif line.startswith("ER  -") and start is not None:
            spans.append(list(range(start, no + 1)))
            start = None
    return spans


def _first(record: dict, *keys: str) -> str | None:
    return next((found for key in keys if (found := text(record.get(key)))), None)


def _notes(record: dict) -> list[str]:
    notes = record.get("notes") or []
    return [n for n in (text(note) for note in notes if isinstance(note, str)) if n]


def _names(value: object) -> list[str]:
    """RIS writes ``Family, Given``; CV JSON keeps names as people write them."""
    names = []
    for written in value if isinstance(value, list) else []:
        family, comma, given = (text(written) or "").partition(",")
        parts = [p.strip() for p in given.split(",")] if comma else []
        given, suffix = (parts[0], parts[1:]) if parts else ("", [])
        name = f"{given} {family}".strip() if given else family.strip()
        if name:
            names.append(", ".join([name, *[s for s in suffix if s]]))
    return names
