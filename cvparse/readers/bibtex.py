"""BibTeX and BibLaTeX files to CV JSON publication dicts (bibtexparser 2.x).

BibLaTeX's ``journaltitle``, ``date``, ``eprinttype`` and ``pubstate`` are read as
well as BibTeX's fields; DBLP's ``crossref`` entries take the fields of the
``@proceedings`` (or ``@book``) they point to, and ``@proceedings`` entries themselves,
volumes rather than papers, are left out.
"""

from __future__ import annotations

import re

import bibtexparser
from bibtexparser import middlewares

from cvparse.errors import CVParseError
from cvparse.readers import bibliography
from cvparse.readers.bibliography import (
    arxiv_of,
    date_parts,
    doi_of,
    month_of,
    text,
    thesis_degree_of,
    year_of,
)

ENTRY_TYPES = {
    "article": "article",
    "inproceedings": "inproceedings",
    "conference": "inproceedings",
    "book": "book",
    "mvbook": "book",
    "inbook": "chapter",
    "incollection": "chapter",
    "bookinbook": "chapter",
    "phdthesis": "thesis",
    "mastersthesis": "thesis",
    "thesis": "thesis",
    "techreport": "report",
    "report": "report",
    "unpublished": "preprint",
    "patent": "patent",
    "dataset": "dataset",
    "data": "dataset",
    "software": "software",
}
# The degree BibTeX's own thesis types state; BibLaTeX's @thesis states it in ``type``.
THESIS_DEGREES = {"phdthesis": "doctoral", "mastersthesis": "masters"}
# What a crossref'd entry takes of the volume it is in.
_INHERITED = (
    "booktitle",
    "title",
    "year",
    "date",
    "month",
    "publisher",
    "editor",
    "series",
    "volume",
    "address",
    "location",
    "isbn",
)
# DBLP tells people of one name apart with a number: "Jane Doe 0002".
_DBLP_NUMBER = re.compile(r"\s+\d{4}$")


def publications_from_bibtex(source: str) -> list[dict]:
    """One CV JSON publication per BibTeX entry, in file order."""
    try:
        library = bibtexparser.parse_string(
            source,
            append_middleware=[
                middlewares.LatexDecodingMiddleware(),
                middlewares.SeparateCoAuthors(),
                middlewares.SplitNameParts(),
            ],
        )
    except Exception as exc:  # the parser and its LaTeX decoder raise assorted errors
        raise CVParseError("The BibTeX file could not be read.") from exc
    if library.failed_blocks:
        block = library.failed_blocks[0]
        raise CVParseError(
            f"The BibTeX file could not be read: the entry at line {block.start_line + 1}"
            " is malformed (a missing brace, comma or quote?). Nothing was imported."
        )
    fields_by_key = {
        entry.key.lower(): {k.lower(): f.value for k, f in entry.fields_dict.items()}
        for entry in library.entries
    }
    publications = [
        _publication(entry.entry_type.lower(), _resolved(entry, fields_by_key))
        | {
            "x_lines": list(
                range(entry.start_line + 1, entry.start_line + 2 + entry.raw.count("\n"))
            )
        }
        for entry in library.entries
        if entry.entry_type.lower() != "proceedings"
    ]
    publications = [pub for pub in publications if pub["title"]]
    if not publications:
        raise CVParseError("The BibTeX file contains no entries with a title.")
    return publications


def _resolved(entry, fields_by_key: dict[str, dict]) -> dict:
    """The entry's fields, with what it lacks taken from the entry its ``crossref`` names
    (the volume's title becomes the paper's ``booktitle``)."""
    fields = dict(fields_by_key[entry.key.lower()])
    parent = fields_by_key.get((text(fields.get("crossref")) or "").lower())
    if parent:
        inherited = {k: v for k, v in parent.items() if k in _INHERITED}
        if "title" in inherited:
            inherited.setdefault("booktitle", inherited.pop("title"))
        fields = {**inherited, **fields}
    return fields


def _publication(bibtex_type: str, fields: dict) -> dict:
    entry_type = ENTRY_TYPES.get(bibtex_type)
    year, month = date_parts(fields.get("date"))
    eprint_type = (
        text(fields.get("archiveprefix")) or text(fields.get("eprinttype")) or "arxiv"
    ).lower()
    arxiv = arxiv_of(fields.get("eprint")) if eprint_type == "arxiv" else None
    venue = _venue(entry_type, fields)
    if entry_type == "article" and venue and re.search(r"\b(arxiv|corr)\b", venue, re.I):
        entry_type = "preprint"
    return bibliography.publication(
        title=_plain(fields.get("title")),
        authors=_names(fields.get("author")),
        entry_type=entry_type,
        venue=venue,
        year=year_of(fields.get("year")) or year,
        month=month_of(fields.get("month")) or month,
        status_text=" ".join(
            str(fields.get(key) or "") for key in ("note", "pubstate", "howpublished", "journal")
        ),
        doi=doi_of(_plain(fields.get("doi"))),
        url=_plain(fields.get("url")),
        volume=_plain(fields.get("volume")),
        issue=_plain(fields.get("number") or fields.get("issue")),
        pages=_plain(fields.get("pages")),
        publisher=_plain(fields.get("publisher")),
        editors=_names(fields.get("editor")),
        arxiv=arxiv,
        isbn=_plain(fields.get("isbn")),
        thesis_degree=thesis_degree_of(fields.get("type")) or THESIS_DEGREES.get(bibtex_type),
        location=_plain(fields.get("address") or fields.get("location")),
        note=_plain(fields.get("note")),
    )


def _venue(entry_type: str | None, fields: dict) -> str | None:
    """Where it appeared: the journal, the proceedings or book, the school or institution."""
    for key in ("journaltitle", "journal", "booktitle", "maintitle"):
        if venue := _plain(fields.get(key)):
            return venue
    if entry_type == "thesis":
        return _plain(fields.get("school") or fields.get("institution"))
    if entry_type == "report":
        return _plain(fields.get("institution") or fields.get("school"))
    return _plain(fields.get("series") or fields.get("howpublished"))


def _plain(value: object) -> str | None:
    """A field's text without the braces that protect its case."""
    return text(value.replace("{", "").replace("}", "")) if isinstance(value, str) else None


def _names(value: object) -> list[str]:
    """``Family, Given and ...`` (already split by the middleware) as ``Given Family``."""
    if isinstance(value, str):  # the middleware leaves a field it could not split
        return [name for name in (_plain(part) for part in value.split(" and ")) if name]
    names = []
    for parts in value or []:
        words = [*parts.first, *parts.von, *parts.last]
        name = _plain(_DBLP_NUMBER.sub("", " ".join(words)))
        if name and parts.jr:
            name += ", " + " ".join(parts.jr)
        if name and name.lower() != "others":
            names.append(name)
    return names
