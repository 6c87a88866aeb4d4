"""Publications as data: BibTeX, CSL-JSON and schema.org JSON-LD.

Every function takes publications from ``Publication.objects.for_listing()``
(venue and ``authors`` already loaded) and runs no query of its own.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from publications.models import Publication, Venue

BIBTEX_TYPES = {
    Venue.Kind.CONFERENCE: ("inproceedings", "booktitle"),
    Venue.Kind.WORKSHOP: ("inproceedings", "booktitle"),
    Venue.Kind.JOURNAL: ("article", "journal"),
}
CSL_TYPES = {
    Venue.Kind.CONFERENCE: "paper-conference",
    Venue.Kind.WORKSHOP: "paper-conference",
    Venue.Kind.JOURNAL: "article-journal",
    Venue.Kind.BOOK: "chapter",
}


def web_url(url: str) -> str:
    """``url`` if it is http(s) or mailto, else "": links come from CVs, user input."""
    return url if url.lower().startswith(("http://", "https://", "mailto:")) else ""


def venue_name(publication: Publication) -> str:
    return publication.venue.name if publication.venue else publication.venue_name


def venue_kind(publication: Publication) -> str:
    return publication.venue.kind if publication.venue else ""


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


def bibtex_entry(publication: Publication, key: str) -> str:
    entry_type, container = BIBTEX_TYPES.get(venue_kind(publication), ("misc", "howpublished"))
    values = {
        "title": publication.title,
        "author": " and ".join(
            latex(a.name).replace(" and ", " {and} ") for a in publication.authors
        ),
        container: venue_name(publication),
        "year": str(publication.year or ""),
        "month": str(publication.month or ""),
        "pages": publication.pages,
        "doi": publication.doi,
        "url": "" if publication.doi else main_url(publication),
        "note": ""
        if publication.status in ("", Publication.Status.PUBLISHED)
        else publication.get_status_display(),
    }
    escaped = {name: value if name == "author" else latex(value) for name, value in values.items()}
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
        "type": CSL_TYPES.get(venue_kind(publication), "article"),
        "title": publication.title,
        "author": [_csl_name(a.name) for a in publication.authors],
    }
    if publication.year:
        parts = [publication.year] + ([publication.month] if publication.month else [])
        item["issued"] = {"date-parts": [parts]}
    optional = {
        "container-title": venue_name(publication),
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
        "@type": "ScholarlyArticle",
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
    if venue_name(publication):
        data["isPartOf"] = {"@type": "PublicationIssue", "name": venue_name(publication)}
    if main_url(publication):
        data["sameAs"] = main_url(publication)
    return data
