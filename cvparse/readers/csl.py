"""CSL-JSON (Zotero's, citeproc's and our own export) to CV JSON publication dicts."""

from __future__ import annotations

from cvparse.errors import CVParseError
from cvparse.readers import bibliography
from cvparse.readers.bibliography import arxiv_of, doi_of, text, thesis_degree_of

ENTRY_TYPES = {
    "article-journal": "article",
    "article-magazine": "article",
    "article-newspaper": "article",
    "review": "article",
    "paper-conference": "inproceedings",
    "chapter": "chapter",
    "entry-encyclopedia": "chapter",
    "book": "book",
    "thesis": "thesis",
    "report": "report",
    "patent": "patent",
    "dataset": "dataset",
    "software": "software",
    # CSL's "article" is a preprint (Zotero's Preprint item), "manuscript" an unpublished one.
    "article": "preprint",
    "manuscript": "preprint",
}


def is_csl_json(data: object) -> bool:
    """A list of CSL items (objects with a ``type`` and a ``title`` or ``id``)."""
    return (
        isinstance(data, list)
        and bool(data)
        and all(isinstance(item, dict) for item in data)
        and all("type" in item and ("title" in item or "id" in item) for item in data)
    )


def publications_from_csl(items: list[dict]) -> list[dict]:
    """One CV JSON publication per CSL item with a title, in order."""
    publications = [_publication(item) for item in items]
    publications = [pub for pub in publications if pub["title"]]
    if not publications:
        raise CVParseError("The CSL-JSON file contains no items with a title.")
    return publications


def _publication(item: dict) -> dict:
    entry_type = ENTRY_TYPES.get(str(item.get("type")))
    year, month = _issued(item.get("issued"))
    url = text(item.get("URL"))
    venue = text(item.get("container-title"))
    if entry_type == "thesis" or entry_type == "report":
        venue = venue or text(item.get("publisher"))
    number = text(item.get("number"))
    arxiv = arxiv_of(url) or (arxiv_of(number) if entry_type == "preprint" else None)
    return bibliography.publication(
        title=text(item.get("title")),
        authors=_names(item.get("author")),
        entry_type=entry_type,
        venue=venue,
        year=year,
        month=month,
        status_text=" ".join(str(item.get(key) or "") for key in ("status", "note")),
        doi=doi_of(item.get("DOI")),
        url=url,
        volume=text(item.get("volume")),
        issue=text(item.get("issue")) or (number if entry_type == "article" else None),
        pages=text(item.get("page")),
        publisher=text(item.get("publisher")) if venue != text(item.get("publisher")) else None,
        editors=_names(item.get("editor")),
        arxiv=arxiv,
        isbn=text(item.get("ISBN")),
        thesis_degree=thesis_degree_of(item.get("genre")),
        location=text(item.get("event-place") or item.get("publisher-place")),
        note=text(item.get("note")),
    )


def _issued(value: object) -> tuple[int | None, int | None]:
    """``{"date-parts": [[2021, 9]]}`` or ``{"raw": "2021-09"}``."""
    if not isinstance(value, dict):
        return None, None
    parts = value.get("date-parts")
    if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
        numbers = [int(p) if str(p).isdigit() else None for p in parts[0][:2]]
        year = numbers[0] if numbers[0] and 1900 <= numbers[0] <= 2100 else None
        month = numbers[1] if len(numbers) > 1 and numbers[1] in range(1, 13) else None
        return year, month if year else None
    return bibliography.date_parts(value.get("raw") or value.get("literal"))


def _names(value: object) -> list[str]:
    names = []
    for person in value if isinstance(value, list) else []:
        if not isinstance(person, dict):
            continue
        literal = text(person.get("literal"))
        parts = [
            text(person.get(key))
            for key in ("given", "dropping-particle", "non-dropping-particle", "family")
        ]
        name = literal or " ".join(part for part in parts if part)
        if name and (suffix := text(person.get("suffix"))):
            name += f", {suffix}"
        if name:
            names.append(name)
    return names
