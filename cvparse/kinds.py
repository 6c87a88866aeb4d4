"""What kind of publication and of venue an entry is, as its source says, and which
values can be venues at all.

A kind is never guessed from words in a title or a venue's name: it comes from the
source (a BibTeX entry type, a CSL or RIS type, the CV's own sub-heading) or from a
maintained list of well-known venues (``data/venues.tsv``).
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from cvparse.names import looks_like_name, split_authors

# The entry types a publication keeps (Publication.EntryType mirrors them).
ENTRY_TYPES = (
    "article",
    "inproceedings",
    "book",
    "chapter",
    "thesis",
    "report",
    "preprint",
    "patent",
    "dataset",
    "software",
)
VENUE_KINDS = ("conference", "journal", "workshop", "preprint", "book")
# The venue kind an entry type implies (a chapter's venue is its book).
_VENUE_KIND_OF_TYPE = {
    "article": "journal",
    "inproceedings": "conference",
    "chapter": "book",
    "preprint": "preprint",
}
# A CV's sub-heading says what its entries are: "Refereed Journal Articles",
# "Conference Papers", "Workshops", "Book Chapters", "Theses", "Patents".
_CATEGORY_TYPES = (
    (re.compile(r"\bworkshops?\b", re.I), "inproceedings", "workshop"),
    (re.compile(r"\b(conferences?|proceedings|symposi(a|um))\b", re.I), "inproceedings", None),
    (re.compile(r"\bjournals?\b", re.I), "article", None),
    (re.compile(r"\b(book )?chapters?\b", re.I), "chapter", None),
    (re.compile(r"\b(monographs?|books?)\b", re.I), "book", None),
    (re.compile(r"\b(thes[ie]s|dissertations?)\b", re.I), "thesis", None),
    (re.compile(r"\b(technical )?reports?\b", re.I), "report", None),
    (re.compile(r"\b(preprints?|working papers?)\b", re.I), "preprint", None),
    (re.compile(r"\bpatents?\b", re.I), "patent", None),
    (re.compile(r"\b(datasets?|data sets?)\b", re.I), "dataset", None),
    (re.compile(r"\bsoftware\b", re.I), "software", None),
)

MONTH_WORDS = (
    r"jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?"
    r"|sep(t(ember)?)?|oct(ober)?|nov(ember)?|dec(ember)?|spring|summer|fall|autumn|winter"
)
# "January", "Dec. 2021", "June 3-5, 2022", "2021", "2021-09": dates, not venues.
_DATE_ONLY = re.compile(
    rf"^(({MONTH_WORDS})\.?\s*(\d{{1,2}}([–-]\d{{1,2}})?,?\s*)?((19|20)\d\d)?"
    rf"|(19|20)\d\d([-/.]\d\d?)*|'\d\d|\d{{1,2}}([-/.]\d{{1,2}})?)$",
    re.I,
)
# What a CV prints as a link's text ("PDF", "[Slides]", "FILE-PDF", "Code"). Not "arXiv":
# alone, that is a preprint server's name (data/venues.tsv).
_LINK_LABEL = re.compile(
    r"^(file[\s_-]*)?(pdf|html?|slides?|code|video|poster|talk|bib(tex)?|abstract|link|url|doi"
    r"|web(site|page)?|project( page)?|github|preprint|paper|demo|data(set)?|blog"
    r"|press|supplement(ary)?( material)?|appendix|artifact|ppt|pptx|doc|docx|download"
    r"|full text|extended version|online)$",
    re.I,
)
_URL = re.compile(r"^(https?://|www\.|doi:|mailto:)|^\S+\.(com|org|net|edu|io)(/\S*)?$", re.I)


@dataclass(frozen=True)
class KnownVenue:
    acronym: str
    name: str
    kind: str


def venue_key(name: str) -> str:
    """ "2024 IEEE Intl. Symposium on High-Performance ... (HPCA)" and its 2025 edition meet."""
    folded = _fold(name)
    text = re.sub(r"\(.*?\)|\b\d+(st|nd|rd|th)\b|\b(19|20)\d\d\b|'\d\d\b", " ", folded)
    text = re.sub(r"^\s*(in\s+)?(proceedings|proc)\b\.?( of)?( the)?", " ", text)
    return " ".join(re.sub(r"[\W_]+", " ", text).split())[:400] or folded[:400]


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.casefold().split())


@cache
def _known() -> tuple[dict[str, KnownVenue], dict[str, KnownVenue]]:
    """The list of well-known venues, by acronym and by name key."""
    by_acronym: dict[str, KnownVenue] = {}
    by_name: dict[str, KnownVenue] = {}
    path = Path(__file__).parent / "data" / "venues.tsv"
    with path.open(encoding="utf-8") as handle:
        rows = csv.DictReader((ln for ln in handle if not ln.startswith("#")), delimiter="\t")
        for row in rows:
            venue = KnownVenue(row["acronym"], row["name"], row["kind"])
            if venue.kind not in VENUE_KINDS:
                raise ValueError(f"venues.tsv: unknown kind {venue.kind!r} for {venue.name}")
            if venue.acronym:
                by_acronym[venue.acronym] = venue
            by_name[venue_key(venue.name)] = venue
    return by_acronym, by_name


def known_venue(name: str | None, short: str | None = None) -> KnownVenue | None:
    """The well-known venue ``name`` (or its ``short`` name) is, if the list has it.

    By full name, by acronym ("EuroSys", "EuroSys '24"), or by an acronym standing as
    a word in the name ("Proceedings of the 2024 ACM SIGMOD International Conference"),
    unless the name is a workshop's: a workshop is named after the conference it meets at.
    """
    by_acronym, by_name = _known()
    for text in (short, name):
        if not text:
            continue
        if found := by_name.get(venue_key(text)):
            return found
        bare = re.sub(r"\s*('\d\d|(19|20)\d\d)$", "", text.strip())
        bare = re.sub(r"^(proc(eedings|\.)?\s+(of\s+)?(the\s+)?)", "", bare, flags=re.I)
        if found := by_acronym.get(bare):
            return found
    if name and not re.search(r"\bworkshops?\b", name, re.I):
        words = set(re.findall(r"[A-Za-z&]{3,}", name))
        found = {by_acronym[w] for w in words if w in by_acronym}
        if len(found) == 1:
            return found.pop()
    return None


def type_from_category(category: str | None) -> tuple[str | None, str | None]:
    """The entry type and venue kind a CV's sub-heading gives its entries, or Nones."""
    for pattern, entry_type, kind in _CATEGORY_TYPES:
        if category and pattern.search(category):
            return entry_type, kind or _VENUE_KIND_OF_TYPE.get(entry_type)
    return None, None


def venue_kind_of_type(entry_type: str | None) -> str | None:
    """The venue kind an entry type implies (an article's venue is a journal)."""
    return _VENUE_KIND_OF_TYPE.get(entry_type or "")


def _bare(text: str | None) -> str:
    return " ".join((text or "").split()).strip(" .,;:()[]{}|*")


def is_date(text: str | None) -> bool:
    """ "January", "Dec. 2021", "June 3-5, 2022", "2021", "2021-09"."""
    return bool(_DATE_ONLY.match(_bare(text)))


def is_link_label(text: str | None) -> bool:
    """What a CV prints as a link's text: "PDF", "[Slides]", "FILE-PDF", "Code"."""
    return bool(_LINK_LABEL.match(_bare(text)))


def is_url(text: str | None) -> bool:
    return bool(_URL.search(_bare(text)))


def is_placeholder(text: str | None) -> bool:
    """A value that stands where a venue or title belongs without naming one: a date, a
    link label, a URL, a number or a lone character."""
    bare = _bare(text)
    return (
        len(bare) < 2
        or not re.search(r"[^\W\d_]", bare)
        or is_date(bare)
        or is_link_label(bare)
        or is_url(bare)
    )


def looks_like_venue(text: str | None) -> bool:
    """Whether a value can name a venue: not a placeholder (a date, a link label, a
    URL, a bare number) or an author list."""
    if is_placeholder(text):
        return False
    names = split_authors(_bare(text))
    return not (len(names) >= 2 and all(looks_like_name(n, strict=True) for n in names))
