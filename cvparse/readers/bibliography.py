"""One CV JSON publication from a reference manager's record, whatever its format.

The bibliography readers (BibTeX and BibLaTeX, CSL-JSON, RIS, ORCID works, an
academicpages folder) each map their own fields to the arguments of ``publication``;
what they know beyond CV JSON's keys goes in ``x_`` keys the importer reads:
``x_type`` (cvparse.kinds.ENTRY_TYPES), ``x_venue_kind``, ``x_volume``, ``x_issue``,
``x_publisher``, ``x_editors`` (names), ``x_arxiv``, ``x_isbn`` and, for a thesis,
``x_thesis_degree`` (doctoral, masters, bachelors).
"""

from __future__ import annotations

import re

from cvparse.kinds import venue_kind_of_type

_CATEGORIES = {
    "article": "Journal Articles",
    "inproceedings": "Conference Papers",
    "book": "Books",
    "chapter": "Book Chapters",
    "thesis": "Theses",
    "report": "Technical Reports",
    "preprint": "Preprints",
    "patent": "Patents",
    "dataset": "Datasets",
    "software": "Software",
}
_STATUS_WORDS = (
    (re.compile(r"\b(to appear|accepted|forthcoming|in press|inpress)\b", re.I), "accepted"),
    (
        re.compile(r"\b(submitted|under review|in review|under revision|r&r)\b", re.I),
        "under_review",
    ),
    (
        re.compile(r"\b(in preparation|inpreparation|working paper|in progress)\b", re.I),
        "in_preparation",
    ),
    (re.compile(r"\b(preprint|arxiv|biorxiv|medrxiv|ssrn)\b", re.I), "preprint"),
)
# A thesis's degree as its source's type field states it: BibLaTeX's keys ("phdthesis",
# "mathesis"), CSL's genre or RIS's type of work ("PhD dissertation", "Master's thesis").
_THESIS_DEGREES = (
    (re.compile(r"\b(ph\.?\s?d|doctoral|doctorate|dissertation|d\.?\s?phil)", re.I), "doctoral"),
    (re.compile(r"\b(master|m\.?\s?sc?\b|m\.?a\b|mathesis)", re.I), "masters"),
    (re.compile(r"\b(bachelor|b\.?\s?sc?\b|b\.?a\b|bathesis)", re.I), "bachelors"),
)
_DOI = re.compile(r"^(https?://(dx\.)?doi\.org/|doi:\s*)", re.I)
_ARXIV_ID = re.compile(r"(\d{4}\.\d{4,5}|[a-z-]+(\.[A-Z]{2})?/\d{7})(v\d+)?")
_ARXIV_URL = re.compile(r"arxiv\.org/(abs|pdf)/([^\s?#]+?)(\.pdf)?$", re.I)
_PREPRINT_SERVER = re.compile(r"\b(arxiv|biorxiv|medrxiv|ssrn|corr)\b", re.I)
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


def text(value: object) -> str | None:
    """A field's text, whitespace folded, or None."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return None
    folded = " ".join(value.split())
    return folded or None


def year_of(value: object) -> int | None:
    match = re.search(r"\b(19|20)\d\d\b", str(value)) if value is not None else None
    return int(match.group()) if match else None


def month_of(value: object) -> int | None:
    """ "3", "03", "mar", "March" -> 3."""
    found = (text(value) or "").lower().rstrip(".")
    if found.isdigit() and 1 <= int(found) <= 12:
        return int(found)
    return _MONTHS.get(found)


def date_parts(value: object) -> tuple[int | None, int | None]:
    """Year and month of an ISO-like date ("2021-09-14", "2021-09", "2021")."""
    found = re.match(r"\s*((?:19|20)\d\d)(?:-(\d\d?))?", str(value or ""))
    if not found:
        return year_of(value), None
    month = int(found.group(2)) if found.group(2) else None
    return int(found.group(1)), month if month and 1 <= month <= 12 else None


def thesis_degree_of(value: object) -> str | None:
    """ "Master's thesis", "mathesis", "PhD dissertation" -> "masters", "doctoral"."""
    found = text(value) or ""
    return next((degree for pattern, degree in _THESIS_DEGREES if pattern.search(found)), None)


def doi_of(value: object) -> str | None:
    doi = text(value)
    return _DOI.sub("", doi) if doi else None


def arxiv_of(value: object) -> str | None:
    """An arXiv id from an id or an arXiv URL ("2101.00001v2" -> "2101.00001")."""
    found = text(value)
    if not found:
        return None
    if url := _ARXIV_URL.search(found):
        found = url.group(2)
    found = re.sub(r"^arxiv:\s*", "", found, flags=re.I)
    match = _ARXIV_ID.fullmatch(found)
    return match.group(1) if match else None


def publication(
    *,
    title: str | None,
    authors: list[str],
    entry_type: str | None,
    venue: str | None = None,
    year: int | None = None,
    month: int | None = None,
    status: str | None = None,
    status_text: str = "",
    doi: str | None = None,
    url: str | None = None,
    volume: str | None = None,
    issue: str | None = None,
    pages: str | None = None,
    publisher: str | None = None,
    editors: list[str] | None = None,
    arxiv: str | None = None,
    isbn: str | None = None,
    thesis_degree: str | None = None,
    location: str | None = None,
    note: str | None = None,
) -> dict:
    """A CV JSON publication; ``status_text`` holds words that may state a status
    ("to appear", "submitted"), ``status`` one the source gives outright."""
    venue = text(venue)
    if entry_type is None and arxiv and not venue:
        entry_type = "preprint"
    if entry_type is None and venue and _PREPRINT_SERVER.search(venue):
        entry_type = "preprint"
    status = status or _status(entry_type, status_text, venue)
    links = []
    if url := text(url):
        links.append({"label": "URL", "url": url})
    if doi:
        links.append({"label": "DOI", "url": f"https://doi.org/{doi}"})
    if arxiv and not (url and arxiv in url):
        links.append({"label": "arXiv", "url": f"https://arxiv.org/abs/{arxiv}"})
    return {
        "title": text(title) or "",
        "authors": [
            {"name": name, "equal_contribution": False, "is_self": False} for name in authors
        ],
        "venue": venue,
        "venue_short": None,
        "year": year,
        "month": month,
        "status": status,
        "doi": doi,
        "pages": text(pages),
        "location": text(location),
        "category": "Preprints" if status == "preprint" else _CATEGORIES.get(entry_type or ""),
        "links": links,
        "note": text(note),
        "x_type": entry_type,
        "x_venue_kind": venue_kind_of_type(entry_type) if venue else None,
        "x_volume": text(volume),
        "x_issue": text(issue),
        "x_publisher": text(publisher),
        "x_editors": [name for name in editors or [] if name],
        "x_arxiv": arxiv,
        "x_isbn": text(isbn),
        "x_thesis_degree": thesis_degree if entry_type == "thesis" else None,
    }


def _status(entry_type: str | None, words: str, venue: str | None) -> str | None:
    for pattern, status in _STATUS_WORDS:
        if pattern.search(words):
            return status
    if entry_type in ("dataset", "software"):
        return None  # not a paper: no status unless the source states one
    if entry_type == "preprint" or not venue and entry_type in (None, "article", "inproceedings"):
        return "preprint"
    return "published"
