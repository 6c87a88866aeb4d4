"""Publications as data: BibTeX, CSL-JSON and schema.org JSON-LD.

Every function takes publications from ``Publication.objects.for_listing()``
(venue and ``authors`` already loaded) and runs no query of its own.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from publications.models import Publication, Venue

EntryType = Publication.EntryType
# A publication's BibTeX type and the field that names its venue, by its entry type.
BIBTEX_ENTRY_TYPES = {
    EntryType.ARTICLE: ("article", "journal"),
    EntryType.INPROCEEDINGS: ("inproceedings", "booktitle"),
    EntryType.CHAPTER: ("incollection", "booktitle"),
    EntryType.BOOK: ("book", "series"),
    EntryType.THESIS: ("phdthesis", "school"),
    EntryType.REPORT: ("techreport", "institution"),
}
CSL_ENTRY_TYPES = {
    EntryType.ARTICLE: "article-journal",
    EntryType.INPROCEEDINGS: "paper-conference",
    EntryType.CHAPTER: "chapter",
    EntryType.BOOK: "book",
    EntryType.THESIS: "thesis",
    EntryType.REPORT: "report",
    EntryType.PREPRINT: "article",  # CSL's preprint type (Zotero's Preprint)
    EntryType.PATENT: "patent",
    EntryType.DATASET: "dataset",
    EntryType.SOFTWARE: "software",
}
# A thesis's school and a report's institution: CSL's publisher, schema.org's
# sourceOrganization.
_CSL_PUBLISHED_BY_VENUE = {EntryType.THESIS, EntryType.REPORT}
_ENTRY_TYPE_OF_KIND = {
    Venue.Kind.JOURNAL: EntryType.ARTICLE,
    Venue.Kind.CONFERENCE: EntryType.INPROCEEDINGS,
    Venue.Kind.WORKSHOP: EntryType.INPROCEEDINGS,
    Venue.Kind.BOOK: EntryType.CHAPTER,
}
SCHEMA_TYPES = {
    EntryType.BOOK: "Book",
    EntryType.CHAPTER: "Chapter",
    EntryType.THESIS: "Thesis",
    EntryType.REPORT: "Report",
    EntryType.DATASET: "Dataset",
    EntryType.SOFTWARE: "SoftwareSourceCode",
    EntryType.PATENT: "CreativeWork",
}


def web_url(url: str) -> str:
    """``url`` if it is http(s) or mailto, else "": links come from CVs, user input."""
    return url if url.lower().startswith(("http://", "https://", "mailto:")) else ""


def venue_name(publication: Publication) -> str:
    return publication.venue.name if publication.venue else publication.venue_name


def venue_kind(publication: Publication) -> str:
    return publication.venue.kind if publication.venue else ""


def entry_type_of(publication: Publication) -> str:
    """The publication's type: as its source said, else as its venue's kind implies
    (a journal's paper is an article), else ""."""
    return publication.entry_type or _ENTRY_TYPE_OF_KIND.get(venue_kind(publication), "")


def doi_url(publication: Publication) -> str:
    return f"https://doi.org/{publication.doi}" if publication.doi else ""


def main_url(publication: Publication) -> str:
    """The DOI link, else the first link the CV gives, else ''."""
    links = [web_url(link.get("url", "")) for link in publication.links]
    links = [link for link in links if link]
    return doi_url(publication) or (links[0] if links else "")


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def citation_key(publication: Publication, taken: set[str]) -> str:
    """``zhong2024distserve``: first author's family name, year, first long title word."""
    authors = publication.authors
    family = authors[0].name.split()[-1] if authors and authors[0].name.split() else "anon"
    title_words = [w for w in re.findall(r"[A-Za-z0-9]+", _ascii(publication.title)) if len(w) > 3]
    parts = f"{_ascii(family)}{publication.year or ''}{title_words[0] if title_words else ''}"
    base = re.sub(r"[^a-z0-9]", "", parts.lower()) or f"pub{publication.pk}"
    key, suffix = base, ord("a")
    while key in taken:
        key, suffix = f"{base}{chr(suffix)}", suffix + 1
    taken.add(key)
    return key


# LaTeX's special characters, written so that any BibTeX reader gets the text back.
LATEX_SPECIALS = {
    "\\": "{\\textbackslash}",
    "{": "\\{",
    "}": "\\}",
    "&": "\\&",
    "%": "\\%",
    "$": "\\$",
    "#": "\\#",
    "_": "\\_",
    "~": "{\\textasciitilde}",
    "^": "{\\textasciicircum}",
}
LATEX_SPECIAL = re.compile("|".join(re.escape(c) for c in LATEX_SPECIALS))


def latex(text: str) -> str:
    """Text as a braced BibTeX value: specials escaped, other characters (UTF-8) kept."""
    return LATEX_SPECIAL.sub(lambda m: LATEX_SPECIALS[m.group()], " ".join(text.split()))


def bibtex_type(publication: Publication) -> tuple[str, str]:
    """The BibTeX entry type and the field naming the venue: by the publication's own
    type, else its venue's kind, else ``@misc``."""
    return BIBTEX_ENTRY_TYPES.get(entry_type_of(publication), ("misc", "howpublished"))


def _bibtex_names(names: Iterable[str]) -> str:
    return " and ".join(latex(name).replace(" and ", " {and} ") for name in names)


def _is_eprint_url(publication: Publication) -> bool:
    """Whether the main link is only the arXiv page the ``eprint`` field gives already."""
    return bool(publication.arxiv_id) and publication.arxiv_id in main_url(publication)


def bibtex_entry(publication: Publication, key: str) -> str:
    entry_type, container = bibtex_type(publication)
    values = {
        "title": publication.title,
        "author": _bibtex_names(a.name for a in publication.authors),
        "editor": _bibtex_names(publication.editors),
        container: venue_name(publication),
        "year": str(publication.year or ""),
        "month": str(publication.month or ""),
        "volume": publication.volume,
        "number": publication.issue,
        "pages": publication.pages,
        "publisher": publication.publisher,
        "address": publication.location,
        "isbn": publication.isbn,
        "doi": publication.doi,
        "eprint": publication.arxiv_id,
        "archiveprefix": "arXiv" if publication.arxiv_id else "",
        "url": "" if publication.doi or _is_eprint_url(publication) else main_url(publication),
        "note": ""
        if publication.status in ("", Publication.Status.PUBLISHED)
        else publication.get_status_display(),
    }
    escaped = {
        name: value if name in ("author", "editor") else latex(value)
        for name, value in values.items()
    }
    fields = ",\n".join(f"  {name} = {{{value}}}" for name, value in escaped.items() if value)
    return f"@{entry_type}{{{key},\n{fields}\n}}\n"


def bibtex(publications: Iterable[Publication]) -> str:
    taken: set[str] = set()
    return "\n".join(bibtex_entry(p, citation_key(p, taken)) for p in publications)


def _csl_name(name: str) -> dict[str, str]:
    given, _, family = name.strip().rpartition(" ")
    return {"family": family, "given": given} if given else {"literal": name}


def csl_item(publication: Publication) -> dict:
    item: dict = {
        "id": publication.slug,
        "type": CSL_ENTRY_TYPES.get(entry_type_of(publication), "article"),
        "title": publication.title,
        "author": [_csl_name(a.name) for a in publication.authors],
    }
    if publication.editors:
        item["editor"] = [_csl_name(name) for name in publication.editors]
    if publication.year:
        parts = [publication.year] + ([publication.month] if publication.month else [])
        item["issued"] = {"date-parts": [parts]}
    by_venue = publication.entry_type in _CSL_PUBLISHED_BY_VENUE
    arxiv = f"arXiv:{publication.arxiv_id}" if publication.arxiv_id else ""
    optional = {
        "container-title": "" if by_venue else venue_name(publication),
        "publisher": venue_name(publication) if by_venue else publication.publisher,
        "volume": publication.volume,
        "issue": publication.issue,
        "number": arxiv if publication.entry_type == EntryType.PREPRINT else "",
        "ISBN": publication.isbn,
        "DOI": publication.doi,
        "page": publication.pages,
        "URL": main_url(publication),
    }
    item.update({name: value for name, value in optional.items() if value})
    return item


def csl_json(publications: Iterable[Publication]) -> list[dict]:
    return [csl_item(p) for p in publications]


def scholarly_article(publication: Publication, absolute) -> dict:
    """schema.org ScholarlyArticle; ``absolute`` turns a path into a full URL."""
    data: dict = {
        "@context": "https://schema.org",
        "@type": SCHEMA_TYPES.get(publication.entry_type, "ScholarlyArticle"),
        "@id": absolute(publication.get_absolute_url()),
        "headline": publication.title[:110],
        "name": publication.title,
        "author": [
            {"@type": "Person", "name": a.name} | ({"url": absolute(a.url)} if a.url else {})
            for a in publication.authors
        ],
    }
    if publication.year:
        data["datePublished"] = str(publication.year)
    if venue_name(publication) and publication.entry_type in _CSL_PUBLISHED_BY_VENUE:
        data["sourceOrganization"] = {"@type": "Organization", "name": venue_name(publication)}
    elif venue_name(publication):
        data["isPartOf"] = _schema_container(publication)
    optional = {
        "pagination": publication.pages,
        "isbn": publication.isbn,
        "publisher": {"@type": "Organization", "name": publication.publisher}
        if publication.publisher
        else None,
        "editor": [{"@type": "Person", "name": name} for name in publication.editors],
    }
    data.update({name: value for name, value in optional.items() if value})
    if main_url(publication):
        data["sameAs"] = main_url(publication)
    return data


def _schema_container(publication: Publication) -> dict:
    """Where it appeared: a journal's volume and issue, proceedings or a book, a series."""
    name = venue_name(publication)
    entry_type = entry_type_of(publication)
    if entry_type == EntryType.ARTICLE:
        container: dict = {"@type": "Periodical", "name": name}
        if publication.volume:
            container = {
                "@type": "PublicationVolume",
                "volumeNumber": publication.volume,
                "isPartOf": container,
            }
        if publication.issue:
            container = {
                "@type": "PublicationIssue",
                "issueNumber": publication.issue,
                "isPartOf": container,
            }
        return container
    if entry_type in (EntryType.INPROCEEDINGS, EntryType.CHAPTER):
        return {"@type": "Book", "name": name}
    if entry_type == EntryType.BOOK:
        return {"@type": "CreativeWorkSeries", "name": name}
    return {"@type": "CreativeWork", "name": name}
