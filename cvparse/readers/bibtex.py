"""BibTeX files to CV JSON publication dicts (bibtexparser 2.x)."""

from __future__ import annotations

import re

import bibtexparser
from bibtexparser import middlewares

from cvparse.errors import CVParseError

_CATEGORIES = {
    "article": "Journal Articles",
    "inproceedings": "Conference Papers",
    "conference": "Conference Papers",
    "proceedings": "Conference Papers",
    "book": "Books",
    "inbook": "Book Chapters",
    "incollection": "Book Chapters",
    "phdthesis": "Theses",
    "mastersthesis": "Theses",
    "thesis": "Theses",
    "techreport": "Technical Reports",
    "report": "Technical Reports",
    "unpublished": "Preprints",
    "patent": "Patents",
}
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),  # fmt: skip
        start=1,
    )
    for name in names
}
_STATUS_WORDS = (
    (re.compile(r"\b(to appear|accepted|forthcoming|in press)\b", re.I), "accepted"),
    (
        re.compile(r"\b(submitted|under review|in review|under revision|r&r)\b", re.I),
        "under_review",
    ),
    (re.compile(r"\b(in preparation|working paper|in progress)\b", re.I), "in_preparation"),
    (re.compile(r"\b(preprint|arxiv|biorxiv|medrxiv|ssrn)\b", re.I), "preprint"),
)
_DOI_URL = re.compile(r"^https?://(dx\.)?doi\.org/", re.I)


def publications_from_bibtex(text: str) -> list[dict]:
    """One CV JSON publication per BibTeX entry, in file order."""
    try:
        library = bibtexparser.parse_string(
            text,
            append_middleware=[
                middlewares.LatexDecodingMiddleware(),
                middlewares.SeparateCoAuthors(),
                middlewares.SplitNameParts(),
            ],
        )
    except Exception as exc:  # the parser and its LaTeX decoder raise assorted errors
        raise CVParseError("The BibTeX file could not be read.") from exc
    publications = [_publication(entry) for entry in library.entries]
    publications = [pub for pub in publications if pub["title"]]
    if not publications:
        raise CVParseError("The BibTeX file contains no entries with a title.")
    return publications


def _publication(entry) -> dict:
    fields = {key.lower(): field.value for key, field in entry.fields_dict.items()}
    entry_type = entry.entry_type.lower()
    venue = _text(fields.get("journal") or fields.get("booktitle") or fields.get("school"))
    venue = venue or _text(fields.get("publisher") or fields.get("institution"))
    status = _status(entry_type, fields, venue)
    return {
        "title": _text(fields.get("title")) or "",
        "authors": [
            {"name": name, "equal_contribution": False, "is_self": False}
            for name in _names(fields.get("author"))
        ],
        "venue": venue,
        "venue_short": None,
        "year": _year(fields.get("year") or fields.get("date")),
        "month": _month(fields.get("month")),
        "status": status,
        "doi": _doi(fields),
        "pages": _text(fields.get("pages")),
        "location": _text(fields.get("address") or fields.get("location")),
        "category": "Preprints" if status == "preprint" else _CATEGORIES.get(entry_type),
        "links": _links(fields),
        "note": _text(fields.get("note")),
    }


def _text(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    text = " ".join(value.replace("{", "").replace("}", "").split())
    return text or None


def _names(value: object) -> list[str]:
    """``Family, Given and ...`` (already split by the middleware) as ``Given Family``."""
    if isinstance(value, str):  # the middleware leaves a field it could not split
        return [name for name in (_text(part) for part in value.split(" and ")) if name]
    names = []
    for parts in value or []:
        words = [*parts.first, *parts.von, *parts.last]
        name = _text(" ".join(words))
        if name and parts.jr:
            name += ", " + " ".join(parts.jr)
        if name and name.lower() != "others":
            names.append(name)
    return names


def _year(value: object) -> int | None:
    match = re.search(r"\b(19|20)\d\d\b", value) if isinstance(value, str) else None
    return int(match.group()) if match else None


def _month(value: object) -> int | None:
    text = (_text(value) or "").lower().rstrip(".")
    if text.isdigit() and 1 <= int(text) <= 12:
        return int(text)
    return _MONTHS.get(text)


def _status(entry_type: str, fields: dict, venue: str | None) -> str:
    signals = " ".join(
        str(fields.get(key) or "") for key in ("note", "pubstate", "howpublished", "journal")
    )
    for pattern, status in _STATUS_WORDS:
        if pattern.search(signals):
            return status
    if fields.get("eprint") or fields.get("archiveprefix") or entry_type == "unpublished":
        return "preprint" if not venue or "arxiv" in venue.lower() else "published"
    return "published" if venue else "preprint"


def _doi(fields: dict) -> str | None:
    doi = _text(fields.get("doi"))
    return _DOI_URL.sub("", doi) if doi else None


def _links(fields: dict) -> list[dict]:
    links = []
    url = _text(fields.get("url"))
    if url:
        links.append({"label": "URL", "url": url})
    doi = _doi(fields)
    if doi:
        links.append({"label": "DOI", "url": f"https://doi.org/{doi}"})
    eprint = _text(fields.get("eprint"))
    if eprint and (_text(fields.get("archiveprefix")) or "arxiv").lower() == "arxiv":
        links.append({"label": "arXiv", "url": f"https://arxiv.org/abs/{eprint}"})
    return links
