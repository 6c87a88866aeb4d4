"""Publications as data: BibTeX, CSL-JSON and schema.org JSON-LD.

Every function takes publications from ``Publication.objects.for_listing()``
(venue and ``authors`` already loaded) and runs no query of its own.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from urllib.parse import urlencode

from anyascii import anyascii

from cvparse.names import name_parts
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
ThesisDegree = Publication.ThesisDegree
# BibTeX has two thesis types; a bachelor's thesis is a @mastersthesis whose ``type`` says
# so (styles print ``type`` in place of "Master's thesis"). A thesis of unknown degree stays
# @phdthesis, what most theses on a researcher's CV are.
BIBTEX_THESIS_TYPES = {
    ThesisDegree.MASTERS: ("mastersthesis", ""),
    ThesisDegree.BACHELORS: ("mastersthesis", "Bachelor's thesis"),
}
# Patents, datasets and software have types only in BibLaTeX (@patent, @dataset, @software),
# which BibTeX styles such as plain.bst do not define: they warn and fall back to @misc.
# The export is BibTeX, so these are @misc whose ``note`` names what they are and whose
# ``howpublished`` names who published them (the patent office, a repository).
BIBTEX_MISC_NOTES = {
    EntryType.PATENT: "Patent",
    EntryType.DATASET: "Dataset",
    EntryType.SOFTWARE: "Software",
}
CSL_THESIS_GENRES = {
    ThesisDegree.DOCTORAL: "PhD thesis",
    ThesisDegree.MASTERS: "Master's thesis",
    ThesisDegree.BACHELORS: "Bachelor's thesis",
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


def _ascii_word(text: str) -> str:
    """Lower-case ASCII letters and digits only, every script transliterated ("Łukasz" ->
    "lukasz", "张伟" -> "zhangwei")."""
    return re.sub(r"[^a-z0-9]", "", anyascii(text).lower())


def _key_name(name: str) -> str:
    """The word a cite key starts with: the family name without its particle, or a group
    author's first word that is not "The"."""
    parts = name_parts(name)
    if parts.literal:
        words = [w for w in parts.literal.split() if w.lower() != "the"]
        return _ascii_word(words[0] if words else parts.literal)
    return _ascii_word(parts.family)


def citation_key(publication: Publication, taken: set[str]) -> str:
    """``zhong2024distserve``: first author's family name, year, first long title word."""
    authors = publication.authors
    family = _key_name(authors[0].name) if authors else ""
    title_words = [w for w in map(_ascii_word, publication.title.split()) if len(w) > 3]
    year = publication.year or ""
    base = f"{family or 'anon'}{year}{title_words[0] if title_words else ''}"
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


# A word's letters, digits and inner joiners ("Flash-LLM", "I/O"), apart from the
# punctuation around it.
_WORD_CORE = re.compile(r"^(\W*)(.*?\w)(\W*)$", re.S)


def _keeps_capitals(word: str) -> bool:
    """Whether a title word's capitals must survive a style that lower-cases titles:
    a capital after its first letter ("FlashLLM", "NVMe", "iPhone", "3D", "Flash-LLM"),
    or single capitals joined ("I/O")."""
    pieces = [p for p in re.split(r"[-/]", word) if p]
    if any(any(c.isupper() for c in piece[1:]) for piece in pieces):
        return True
    return len(pieces) > 1 and all(len(p) == 1 and p.isupper() for p in pieces)


def protected_title(title: str) -> str:
    """A title as a BibTeX value, words whose capitals matter in braces ("{FlashLLM}")."""
    words = []
    for word in title.split():
        match = _WORD_CORE.match(word)
        if match and _keeps_capitals(match.group(2)):
            before, core, after = match.groups()
            words.append(f"{latex(before)}{{{latex(core)}}}{latex(after)}")
        else:
            words.append(latex(word))
    return " ".join(words)


MONTH_MACROS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def bibtex_pages(pages: str) -> str:
    """ "12–19", "12 - 19" -> "12--19": BibTeX's page range."""
    return re.sub(r"\s*[-\u2010-\u2015\u2212]+\s*", "--", pages.strip())


def bibtex_name(name: str) -> str:
    """A name as BibTeX reads it: "van der Berg, Jr., Anna"; a group author in braces."""
    parts = name_parts(name)
    if parts.literal or not parts.family:
        return f"{{{latex(parts.literal or name)}}}"
    head = parts.full_family + (f", {parts.suffix}" if parts.suffix else "")
    text = f"{head}, {parts.given}" if parts.given or parts.suffix else head
    # A word "and" inside a name must not split it into two authors.
    return re.sub(r"(?i)\band\b", lambda m: f"{{{m.group()}}}", latex(text))


def bibtex_type(publication: Publication) -> tuple[str, str]:
    """The BibTeX entry type and the field naming the venue: by the publication's own
    type (a thesis's by its degree), else its venue's kind, else ``@misc``."""
    entry_type = entry_type_of(publication)
    if entry_type == EntryType.THESIS and publication.thesis_degree in BIBTEX_THESIS_TYPES:
        return BIBTEX_THESIS_TYPES[publication.thesis_degree][0], "school"
    return BIBTEX_ENTRY_TYPES.get(entry_type, ("misc", "howpublished"))


def _bibtex_note(publication: Publication) -> str:
    """What a @misc is (a patent, a dataset, software), then a status short of published."""
    status = (
        ""
        if publication.status in ("", Publication.Status.PUBLISHED)
        else publication.get_status_display()
    )
    kind = BIBTEX_MISC_NOTES.get(entry_type_of(publication), "")
    return ", ".join(part for part in (kind, status) if part)


def _is_eprint_url(publication: Publication) -> bool:
    """Whether the main link is only the arXiv page the ``eprint`` field gives already."""
    return bool(publication.arxiv_id) and publication.arxiv_id in main_url(publication)


def _bibtex_fields(publication: Publication, container: str) -> dict[str, str | list[str]]:
    """The entry's fields as plain text (authors as a list of names), in writing order."""
    return {
        "title": publication.title,
        "author": [a.name for a in publication.authors],
        "editor": list(publication.editors),
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
        "type": BIBTEX_THESIS_TYPES.get(publication.thesis_degree, ("", ""))[1]
        if entry_type_of(publication) == EntryType.THESIS
        else "",
        "note": _bibtex_note(publication),
    }


def _bibtex_value(name: str, value: str | list[str]) -> str:
    if isinstance(value, list):
        return "{" + " and ".join(map(bibtex_name, value)) + "}"
    if name == "month" and value.isdigit() and 1 <= int(value) <= 12:
        return MONTH_MACROS[int(value) - 1]  # a macro, unbraced: styles print it their way
    if name == "title":
        return f"{{{protected_title(value)}}}"
    if name == "pages":
        return f"{{{latex(bibtex_pages(value))}}}"
    return f"{{{latex(value)}}}"


def bibtex_entry(publication: Publication, key: str) -> str:
    entry_type, container = bibtex_type(publication)
    fields = ",\n".join(
        f"  {name} = {_bibtex_value(name, value)}"
        for name, value in _bibtex_fields(publication, container).items()
        if value
    )
    return f"@{entry_type}{{{key},\n{fields}\n}}\n"


def bibtex(publications: Iterable[Publication]) -> str:
    taken: set[str] = set()
    return "\n".join(bibtex_entry(p, citation_key(p, taken)) for p in publications)


def csl_name(name: str) -> dict[str, str]:
    """A name in CSL-JSON's parts: family, given, non-dropping-particle, suffix, or literal."""
    parts = name_parts(name)
    if parts.literal or not parts.family:
        return {"literal": parts.literal or name.strip()}
    data = {
        "family": parts.family,
        "given": parts.given,
        "non-dropping-particle": parts.particle,
        "suffix": parts.suffix,
    }
    return {key: value for key, value in data.items() if value}


def csl_item(publication: Publication) -> dict:
    item: dict = {
        "id": publication.slug,
        "type": CSL_ENTRY_TYPES.get(entry_type_of(publication), "article"),
        "title": publication.title,
        "author": [csl_name(a.name) for a in publication.authors],
    }
    if publication.editors:
        item["editor"] = [csl_name(name) for name in publication.editors]
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
        "genre": CSL_THESIS_GENRES.get(publication.thesis_degree, "")
        if publication.entry_type == EntryType.THESIS
        else "",
        "ISBN": publication.isbn,
        "DOI": publication.doi,
        "page": publication.pages,
        "URL": main_url(publication),
    }
    item.update({name: value for name, value in optional.items() if value})
    return item


def csl_json(publications: Iterable[Publication]) -> list[dict]:
    return [csl_item(p) for p in publications]


def person_id(page: str) -> str:
    """The JSON-LD ``@id`` of the person a profile page is about (the page has its own)."""
    return f"{page}#person"


def _jsonld_author(author, absolute: Callable[[str], str]) -> dict:
    parts = name_parts(author.name)
    if parts.literal:
        return {"@type": "Organization", "name": parts.literal}
    data = {"@type": "Person", "name": author.name}
    if author.url:
        page = absolute(author.url)
        data.update({"@id": person_id(page), "url": page})
    names = {"givenName": parts.given, "familyName": parts.full_family}
    return data | {key: value for key, value in names.items() if value}


def scholarly_article(publication: Publication, absolute: Callable[[str], str]) -> dict:
    """schema.org ScholarlyArticle; ``absolute`` turns a path into a full URL."""
    data: dict = {
        "@context": "https://schema.org",
        "@type": SCHEMA_TYPES.get(publication.entry_type, "ScholarlyArticle"),
        "@id": absolute(publication.get_absolute_url()),
        "url": absolute(publication.get_absolute_url()),
        "headline": publication.title[:110],
        "name": publication.title,
        "author": [_jsonld_author(a, absolute) for a in publication.authors],
    }
    if publication.year:
        data["datePublished"] = iso_date(publication)
    if venue_name(publication) and publication.entry_type in _CSL_PUBLISHED_BY_VENUE:
        data["sourceOrganization"] = {"@type": "Organization", "name": venue_name(publication)}
    elif venue_name(publication):
        data["isPartOf"] = _schema_container(publication, absolute)
    optional = {
        "pagination": publication.pages,
        "isbn": publication.isbn,
        "publisher": {"@type": "Organization", "name": publication.publisher}
        if publication.publisher
        else None,
        "editor": [{"@type": "Person", "name": name} for name in publication.editors],
        "identifier": {"@type": "PropertyValue", "propertyID": "DOI", "value": publication.doi}
        if publication.doi
        else None,
    }
    data.update({name: value for name, value in optional.items() if value})
    if main_url(publication):
        data["sameAs"] = main_url(publication)
    return data


def iso_date(publication: Publication) -> str:
    """ "2024-03" or "2024" (or "" without a year)."""
    if not publication.year:
        return ""
    return (
        f"{publication.year}-{publication.month:02d}"
        if publication.month
        else str(publication.year)
    )


def inverted_name(name: str) -> str:
    """ "Family, Given" (with particle and suffix), as reference managers split names on
    the comma; a group author as written."""
    parts = name_parts(name)
    if parts.literal or not parts.family:
        return parts.literal or name.strip()
    given = ", ".join(p for p in (parts.given, parts.suffix) if p)
    return f"{parts.full_family}, {given}" if given else parts.full_family


def pdf_url(publication: Publication) -> str:
    """The first link the CV gives to a PDF (by its label or address), else ""."""
    for link in publication.links:
        url = web_url(link.get("url", ""))
        label = (link.get("label") or "").lower()
        if url and (label == "pdf" or url.lower().split("?")[0].endswith(".pdf")):
            return url
    return ""


def _page_range(pages: str) -> tuple[str, str]:
    first, _, last = bibtex_pages(pages).partition("--")
    return first, last


# Highwire Press tags, read by Google Scholar and by Zotero's connector: which tag names
# the venue, by the entry's type.
HIGHWIRE_CONTAINERS = {
    EntryType.ARTICLE: "citation_journal_title",
    EntryType.INPROCEEDINGS: "citation_conference_title",
    EntryType.CHAPTER: "citation_inbook_title",
    EntryType.THESIS: "citation_dissertation_institution",
    EntryType.REPORT: "citation_technical_report_institution",
}


def highwire_meta(publication: Publication) -> list[tuple[str, str]]:
    """``citation_*`` meta tags as (name, content) pairs, authors one tag each, in order."""
    first_page, last_page = _page_range(publication.pages)
    date = iso_date(publication).replace("-", "/")
    tags = [
        ("citation_title", publication.title),
        *(("citation_author", inverted_name(a.name)) for a in publication.authors),
        ("citation_publication_date", date),
        (HIGHWIRE_CONTAINERS.get(entry_type_of(publication), ""), venue_name(publication)),
        ("citation_firstpage", first_page),
        ("citation_lastpage", last_page),
        ("citation_doi", publication.doi),
        ("citation_pdf_url", pdf_url(publication)),
    ]
    return [(name, content) for name, content in tags if name and content]


def coins(publication: Publication) -> str:
    """The publication as an OpenURL ContextObject (COinS), the ``title`` of a
    ``<span class="Z3988">``: how Zotero finds each item of a list page."""
    entry_type = entry_type_of(publication)
    if entry_type not in (EntryType.INPROCEEDINGS, EntryType.CHAPTER, EntryType.BOOK):
        fields = [("rft_val_fmt", "info:ofi/fmt:kev:mtx:journal"), ("rft.genre", "article")]
        fields += [("rft.atitle", publication.title), ("rft.jtitle", venue_name(publication))]
    else:
        genre = "proceeding" if entry_type == EntryType.INPROCEEDINGS else "bookitem"
        fields = [("rft_val_fmt", "info:ofi/fmt:kev:mtx:book"), ("rft.genre", genre)]
        fields += [("rft.atitle", publication.title), ("rft.btitle", venue_name(publication))]
    first_page, last_page = _page_range(publication.pages)
    fields += [
        ("rft.date", iso_date(publication)),
        ("rft.spage", first_page),
        ("rft.epage", last_page),
        *(("rft.au", inverted_name(a.name)) for a in publication.authors),
        ("rft_id", f"info:doi/{publication.doi}" if publication.doi else ""),
        ("rft_id", main_url(publication)),
    ]
    return urlencode([("ctx_ver", "Z39.88-2004"), *((k, v) for k, v in fields if v)])


def _schema_container(publication: Publication, absolute: Callable[[str], str]) -> dict:
    """Where it appeared: a journal's volume and issue, proceedings or a book, a series."""
    named = {"name": venue_name(publication)}
    if publication.venue:
        named["@id"] = absolute(publication.venue.get_absolute_url())
    entry_type = entry_type_of(publication)
    if entry_type == EntryType.ARTICLE:
        container: dict = {"@type": "Periodical"} | named
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
        return {"@type": "Book"} | named
    if entry_type == EntryType.BOOK:
        return {"@type": "CreativeWorkSeries"} | named
    return {"@type": "CreativeWork"} | named
