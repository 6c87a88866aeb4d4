"""An ORCID record's works, as its public API gives them, to CV JSON publication dicts.

``/v3.0/{orcid}/works`` lists summaries in groups (one group per work, one summary per
source that claims it; the first is the one the owner prefers); ``/works/{put-codes}``
(``bulk``) and ``/work/{put-code}`` give whole works, with contributors. A summary
names no authors: it is a work of the record's owner, marked ``x_by_owner`` for the
importer to make the owner its one known author.
"""

from __future__ import annotations

from cvparse.errors import CVParseError
from cvparse.readers import bibliography
from cvparse.readers.bibliography import arxiv_of, doi_of, text

ENTRY_TYPES = {
    "journal-article": "article",
    "magazine-article": "article",
    "review": "article",
    "conference-paper": "inproceedings",
    "conference-proceedings": "inproceedings",
    "book": "book",
    "edited-book": "book",
    "book-chapter": "chapter",
    "encyclopedia-entry": "chapter",
    "dissertation": "thesis",
    "dissertation-thesis": "thesis",
    "report": "report",
    "research-technique": "report",
    "working-paper": "preprint",
    "preprint": "preprint",
    "patent": "patent",
    "data-set": "dataset",
    "software": "software",
}


def is_orcid_works(data: object) -> bool:
    """The JSON of ``/works`` (``group``), ``/works/{put-codes}`` (``bulk``) or one work."""
    return isinstance(data, dict) and (
        isinstance(data.get("group"), list)
        or isinstance(data.get("bulk"), list)
        or ("put-code" in data and "title" in data)
    )


def publications_from_orcid(data: dict) -> list[dict]:
    """One CV JSON publication per work with a title, in the record's order."""
    owner = _orcid_id(data.get("path"))
    publications = [_publication(work, owner) for work in _works(data)]
    publications = [pub for pub in publications if pub["title"]]
    if not publications:
        raise CVParseError("The ORCID works file lists no works with a title.")
    return publications


def _works(data: dict) -> list[dict]:
    if isinstance(data.get("group"), list):
        return [
            group["work-summary"][0]
            for group in data["group"]
            if isinstance(group, dict) and group.get("work-summary")
        ]
    if isinstance(data.get("bulk"), list):
        return [item["work"] for item in data["bulk"] if isinstance(item, dict) and "work" in item]
    return [data]


def _value(node: object, *path: str) -> str | None:
    """``{"title": {"title": {"value": "X"}}}`` -> "X" for path ("title", "title")."""
    for key in (*path, "value"):
        node = node.get(key) if isinstance(node, dict) else None
    return text(node)


def _orcid_id(path: object) -> str | None:
    """ "/0000-0002-1825-0097/works" -> "0000-0002-1825-0097"."""
    first = str(path or "").strip("/").split("/")[0]
    return first if len(first) == 19 and first.count("-") == 3 else None


def _publication(work: dict, owner: str | None) -> dict:
    entry_type = ENTRY_TYPES.get(str(work.get("type")))
    ids = {}
    for found in (work.get("external-ids") or {}).get("external-id") or []:
        if isinstance(found, dict) and found.get("external-id-relationship", "self") == "self":
            ids.setdefault(str(found.get("external-id-type")), text(found.get("external-id-value")))
    year, month = (
        bibliography.year_of(_value(work, "publication-date", "year")),
        bibliography.month_of(_value(work, "publication-date", "month")),
    )
    contributors = (work.get("contributors") or {}).get("contributor") or []
    authors, editors, self_at = [], [], None
    for contributor in contributors:
        if not isinstance(contributor, dict):
            continue
        name = _value(contributor, "credit-name")
        attributes = contributor.get("contributor-attributes") or {}
        orcid = (contributor.get("contributor-orcid") or {}).get("path")
        if str(attributes.get("contributor-role") or "author").lower() == "editor":
            editors += [name] if name else []
        elif name:
            self_at = len(authors) if owner and orcid == owner else self_at
            authors.append(name)
    url = _value(work, "url")
    entry = bibliography.publication(
        title=_value(work, "title", "title"),
        authors=authors,
        entry_type=entry_type,
        venue=_value(work, "journal-title"),
        year=year,
        month=month if year else None,
        doi=doi_of(ids.get("doi")),
        url=url,
        arxiv=arxiv_of(ids.get("arxiv")) or arxiv_of(url),
        isbn=ids.get("isbn"),
        editors=editors,
        note=text(work.get("short-description")),
    )
    if self_at is not None:
        entry["authors"][self_at]["is_self"] = True
    if not contributors:
        entry["x_by_owner"] = True
    return entry
