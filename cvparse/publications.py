"""Turn the lines of one publication (sub)section into CV JSON publication entries.

The lines still carry Markdown and HTML bits. They are first rewritten with
sentinel characters in place of the markup (bold, italic, underline, code,
link), so that splitting and matching can still see what was bold (the owner)
or italic (a venue) while working on plain strings. Entries are then cut out
of the section (by list markers, by headings/bold titles and blank-line
blocks, or by lines that start a new citation), and each entry is read by the
citation style it matches: quoted title (IEEE, Chicago), APA "(2021).",
author-first with periods (ACM, Vancouver, physics), title-first (homepages,
"[OSDI'24] Title. Authors."), or economics "Title (with X and Y)".
"""

from __future__ import annotations

import copy
import re
import unicodedata
from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from cvparse import kinds, names
from cvparse.labeller import fields as field_labeller
from cvparse.text import PARENTHETICAL

# ---------------------------------------------------------------- markup -> sentinels
B_ON, B_OFF, I_ON, I_OFF, U_ON, U_OFF = "\x01", "\x02", "\x03", "\x04", "\x05", "\x06"
C_ON, C_OFF, L_ON, L_OFF = "\x0e", "\x0f", "\x10", "\x11"
SENTINELS = re.compile(r"[\x01-\x06\x0e-\x11]")
# A link's url rides along inside the link sentinels: \x10label\x12url\x11.
L_URL = "\x12"
LINK = re.compile(r"\x10([^\x10\x11\x12]*)\x12([^\x11]*)\x11")

# Brackets inside a link label or image stop at an opening bracket, so that a run
# of "[" without a "]" is scanned once, not once per "[" (see text.PARENTHETICAL).
_MD_TOKEN = re.compile(
    r"""(?P<esc>\\[\\`*_\[\]()#+\-.!|<>~"'])
    |(?P<img>!\[[^\[\]]*\]\((?:[^()]|\([^()]*\))*+\))
    |(?P<link>\[(?P<label>(?:[^\[\]]|\[[^\[\]]*\])*+)\]\((?P<url>[^()\s]*(?:\([^()\s]*\)[^()\s]*)*)(?:\s+"[^"]*")?\))
    |(?P<auto><(?P<aurl>https?://[^>\s]+)>)
    |(?P<sup><sup>(?P<supt>.*?)</sup>)
    |(?P<tag></?(?P<tname>[a-zA-Z][a-zA-Z0-9]*)\b[^>]*>)
    |(?P<ent>&(?:nbsp|amp|lt|gt|quot|\#39|ndash|mdash);)
    |(?P<code>`[^`]+`)
    |(?P<strong>\*\*|__)
    |(?P<em>[*_])""",
    re.VERBOSE | re.IGNORECASE,
)
_ENTITIES = {"&nbsp;": " ", "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"',
             "&#39;": "'", "&ndash;": "–", "&mdash;": "—"}  # fmt: skip
_TAGS = {"b": (B_ON, B_OFF), "strong": (B_ON, B_OFF), "i": (I_ON, I_OFF), "em": (I_ON, I_OFF),
         "u": (U_ON, U_OFF), "ins": (U_ON, U_OFF)}  # fmt: skip
# Accents that PDF text extraction leaves as separate spacing marks ("Mu¨ller").
_SPACING_ACCENTS = {"´": "\u0301", "`": "\u0300", "¨": "\u0308", "˚": "\u030a", "ˆ": "\u0302",
                    "˜": "\u0303", "ˇ": "\u030c", "¸": "\u0327"}  # fmt: skip
_LOOSE_ACCENT = re.compile(r"([A-Za-z])([´¨˚ˆ˜ˇ¸])(?: (?=[a-z]))?")


def _repair_accents(text: str) -> str:
    def compose(m: re.Match[str]) -> str:
        return unicodedata.normalize("NFC", m.group(1) + _SPACING_ACCENTS[m.group(2)])

    return _LOOSE_ACCENT.sub(compose, text) if any(a in text for a in "´¨˚ˆ˜ˇ¸") else text


def to_sentinels(text: str) -> str:
    """Markdown/HTML inline markup -> sentinel characters; whitespace folded."""
    out: list[str] = []
    pos = 0
    open_em = open_strong = False
    for m in _MD_TOKEN.finditer(text):
        out.append(text[pos : m.start()])
        pos = m.end()
        kind = m.lastgroup
        if kind == "esc":
            out.append(m.group()[1])
        elif kind == "img":
            continue
        elif kind == "link":
            out.append(L_ON + to_sentinels(m.group("label")) + L_URL + m.group("url") + L_OFF)
        elif kind == "auto":
            out.append(m.group("aurl"))
        elif kind == "sup":
            out.append(SENTINELS.sub("", to_sentinels(m.group("supt"))))
        elif kind == "tag":
            name = m.group("tname").lower()
            closing = m.group().startswith("</")
            if name in _TAGS:
                out.append(_TAGS[name][1 if closing else 0])
            elif name == "br":
                out.append(" ")
        elif kind == "ent":
            out.append(_ENTITIES[m.group().lower()])
        elif kind == "code":
            out.append(C_ON + m.group()[1:-1] + C_OFF)
        elif kind == "strong":
            out.append(B_OFF if open_strong else B_ON)
            open_strong = not open_strong
        else:  # a lone * or _: italic only when it flanks a word, else a literal mark
            before = text[m.start() - 1] if m.start() else " "
            after = text[m.end()] if m.end() < len(text) else " "
            if open_em and not before.isspace():
                out.append(I_OFF)
                open_em = False
            elif not open_em and not after.isspace() and (before.isspace() or before in "([{\"'“"):
                rest = text[m.end() :]
                if m.group() in rest:
                    out.append(I_ON)
                    open_em = True
                else:
                    out.append(m.group())
            elif m.group() == "*":
                out.append("*")
            else:
                out.append("_")
    out.append(text[pos:])
    result = "".join(out)
    if open_strong:
        result += B_OFF
    if open_em:
        result += I_OFF
    return " ".join(_repair_accents(result).split())


@lru_cache(maxsize=8192)
def plain(text: str) -> str:
    """Sentinel text -> plain text (link labels kept, urls dropped)."""
    text = LINK.sub(lambda m: m.group(1), text)
    text = SENTINELS.sub("", text).replace(L_URL, " ")
    return " ".join(text.split())


# ---------------------------------------------------------------- line kinds
_BULLET = re.compile(r"^(?:[-*+•·▪■◦●○►»‣⁃–]|\(cid:\d+\)|\\[-+])\s+")
# "1.", "[12]", "(3)", "J4)", a number in bold ("**5**", "**[5]**") and, from PDFs, a number
# glued to the first name ("1.Manuel").
_NUMBER = re.compile(
    r"^(?:(?:\[[A-Za-z]{0,3}\d{1,3}\]|\(\d{1,3}\)|[A-Za-z]?\d{1,3}[.)]|\*\*\[?\d{1,3}[.)\]]?\*\*)\s+"
    r"|\d{1,3}\.(?=[^\W\d_][^\W\d_]))"
)
_HEADING = re.compile(r"^#{1,6}\s+")
_DEF = re.compile(r"^:\s*")
_YEAR_LINE = re.compile(r"^(?:19|20)\d\d[a-z]?:?$")
_TAG = re.compile(
    r"^\s*(?:\[(?P<b>[^\]\[]{2,40})\]|\x0e(?P<c>[^\x0f]{2,40})\x0f|\((?P<p>[A-Z][^()]{1,30}['’‘]\d\d)\))\s*"
)
# "NSDI'24", "IEEE TEVC'26", "ASPLOS '25": a venue's short name and two-digit year.
_VENUE_YEAR_TAG = re.compile(
    r"(?<![\w&/-])(?P<short>(?:[A-Z]{2,}\s)?[A-Z][A-Za-z&/-]*)\s?['’‘](?P<yy>\d{2})\b"
)
# One part of a legend: "* equal contribution", "† = corresponding author".
_LEGEND_PART = re.compile(
    r"^(?P<mark>[*†‡§¶#]+)\s*(?::|=|-|–|indicates|denotes|marks)?\s*(?P<meaning>[A-Za-z][^()]{2,80})$",
    re.IGNORECASE,
)
_EQUAL_WORDS = re.compile(
    r"equal(?:ly)? contribut|co-?first|joint(?:ly)? first|contributed equally|equal first",
    re.IGNORECASE,
)
_SUBHEAD_WORDS = re.compile(
    r"\b(?:publications?|papers?|articles?|journals?|conferences?|proceedings|preprints?|"
    r"chapters?|books?|patents?|theses|thesis|manuscripts?|reports?|working|refereed|"
    r"peer[- ]reviewed|selected|submitted|workshops?|reviews?|other|invited|non-refereed)\b",
    re.IGNORECASE,
)


@dataclass
class Line:
    number: int
    text: str  # sentinel text, marker stripped
    marker: str = ""  # bullet | number | heading | def | tag | ""
    blank_before: bool = False
    indent: int = 0  # leading spaces: a nested list item belongs to the item above


def _classify_line(number: int, raw: str, blank_before: bool) -> Line:
    text = raw.strip()
    marker = ""
    if _HEADING.match(text):
        text, marker = _HEADING.sub("", text), "heading"
    elif _DEF.match(text):
        text, marker = _DEF.sub("", text), "def"
    elif _NUMBER.match(text) and not re.match(r"^\d{1,3}\.\d", text):
        text, marker = _NUMBER.sub("", text), "number"
    elif _BULLET.match(text):
        text, marker = _BULLET.sub("", text), "bullet"
    text = to_sentinels(text)
    if not marker and _TAG.match(text) and _VENUE_YEAR_TAG.search(plain(_TAG.match(text).group())):
        marker = "tag"
    indent = len(raw.expandtabs(4)) - len(raw.expandtabs(4).lstrip())
    return Line(number, text, marker, blank_before, indent)


# ---------------------------------------------------------------- text helpers
# A year, not a page ("50(5):1921-1942"), a DOI part or a number in a URL.
_YEAR = re.compile(r"(?<![\d/.\-:])(?:19\d\d|20[0-4]\d)(?![\d/]|\.\d|\s?[–-]\s?\d)")
_MONTH_NAMES = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTHS = {m: i + 1 for i, m in enumerate(_MONTH_NAMES)}
_MONTH_YEAR = re.compile(
    r"\b(?P<mon>jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\.?,?\s+(?:\d{1,2},?\s+)?"
    r"(?P<year>(?:19|20)\d\d)\b",
    re.IGNORECASE,
)
_DOI = re.compile(r"\b(10\.\d{4,9}/[^\s\"'<>\]\x00-\x1f]+)")
# A shortDOI ("10/ggwp9q") only where "doi" says so: "10/2019" is a date.
_DOI_URL = re.compile(
    r"(?:doi\.org/|/doi/(?:abs/|full/|pdf/|epdf/)?)(10\.\d{4,9}/\S+|10/[a-z0-9]{4,12}\b)", re.I
)
_SHORT_DOI = re.compile(r"\bdoi:\s?(10/[a-z0-9]{4,12})\b", re.I)
_URL = re.compile(r"\bhttps?://[^\s\x00-\x1f<>\]\"]+|\bwww\.[^\s\x00-\x1f<>\]\"]+")
_GENERIC_LABEL = re.compile(
    r"^(?:pdf|code|slides?|arxiv|link|doi|video|poster|website|web|project(?: page)?|url|"
    r"html|paper|preprint|bib(?:tex)?|abstract|talk|blog|demo|github|data(?:set)?|"
    r"supplement(?:ary)?(?: material)?|ssrn|biorxiv|medrxiv|openreview|press|media|"
    r"news|summary|published version|journal|full text|online appendix|appendix|"
    r"replication(?: files| package)?|working paper|draft|ieee|acm|springer)$",
    re.IGNORECASE,
)
_PREPRINT_VENUE = re.compile(
    r"\b(arxiv|biorxiv|medrxiv|socarxiv|psyarxiv|edarxiv|ssrn|osf preprints|research square|"
    r"preprints\.org|techrxiv|chemrxiv|eartharxiv)\b",
    re.IGNORECASE,
)
_STATUS_WORDS = (
    ("accepted", re.compile(r"\b(to appear|forthcoming|accepted|in press)\b", re.I)),
    ("under_review", re.compile(
        r"\b(submitted|under review|in review|under revision|revise (?:and|&) resubmit|"
        r"in submission|under submission|reject (?:and|&) resubmit|patent pending|"
        r"revised and resubmitted|r&r|major revision|minor revision|patent filed|filed)\b",
        re.I)),
    ("in_preparation", re.compile(
        r"\b(working papers?|in preparation|in prep\.?|in progress|work in progress|mimeo|"
        r"draft available|manuscript in preparation)\b", re.I)),
)  # fmt: skip
_PREPRINT_WORD = re.compile(r"\b(preprint|arxiv|biorxiv|medrxiv|socarxiv|ssrn)\b", re.I)
_STATUS_ONLY = re.compile(
    r"^(?:in\s+)?(?:preprint|under review|submitted|in submission|working paper|"
    r"in preparation|forthcoming|to appear|accepted|in press|in progress|manuscript)\.?$",
    re.IGNORECASE,
)
# fmt: off
_ABBREV = frozenset({
    "phys", "rev", "lett", "proc", "conf", "int", "intl", "j", "am", "chem", "soc", "natl",
    "acad", "sci", "nat", "commun", "eng", "trans", "mater", "appl", "math", "stat", "econ",
    "res", "biol", "med", "mol", "rep", "ann", "annu", "eur", "ser", "symp", "adv", "comput",
    "syst", "theor", "exp", "nucl", "opt", "astron", "astrophys", "geophys", "mech", "struct",
    "inf", "biochem", "biophys", "neurosci", "psychol", "sociol", "polit", "dev", "environ",
    "ecol", "evol", "genet", "microbiol", "immunol", "clin", "pharm", "vol", "no", "nos", "ed",
    "eds", "pp", "al", "e.g", "i.e", "vs", "sp", "spp", "jr", "sr", "dr", "prof", "st", "mt",
    "inc", "ltd", "co", "corp", "univ", "dept", "fig", "cf", "ca", "approx", "jpn", "engl", "q",
    "rev.mod"
})
# fmt: on
_ACRONYM_PAREN = re.compile(
    r"\(\s*(?P<short>[A-Z][\w/&+-]*[A-Z][\w/&+-]*)(?:[\s'’‘]+(?P<y>\d{2}|\d{4}))?\s*\)"
)


# Lower-case words that may open a venue after a title ("Title. arXiv preprint").
_LOWER_VENUE = re.compile(
    r"(?:arxiv|biorxiv|medrxiv|socarxiv|psyarxiv|elife|iscience|mbio|msystems|npj|enuro|"
    r"in press|to appear|under review|submitted|accepted|forthcoming|working paper|preprint)\b",
    re.IGNORECASE,
)


# A period, maybe closed by quotes or brackets, before a space or the end.
_SENTENCE_MARK = re.compile(r"[.?!]([\x02\x04\x06\x11”\"’')\]]*)(?=\s|$)")
# The word just before a period; the lookbehind starts it at a word's start only,
# so the search is linear in the text before the period.
_WORD_BEFORE = re.compile(r"(?<![\w.\-])[\w.\-]+$")
_BLANKS = re.compile(r"[\s\x01-\x06\x0e-\x11]*")  # whitespace and sentinels
# More than any abbreviation, initial or venue word the checks look at: each
# period looks at this much text around it, so long texts stay linear.
_AROUND = 64


def _is_initial_at(text: str, at: int, start: int) -> bool:
    """Whether a capital letter alone, after a space or a period, ends just before ``at``."""
    letter = at - 1
    if letter < start or not ("A" <= text[letter] <= "Z"):
        return False
    return letter == start or text[letter - 1] in " \t\n."


def _sentence_end(text: str, start: int = 0, *, venue: bool = False) -> int:
    """Index just past the first sentence-ending period at or after `start`, or -1.

    A period after an initial, a journal abbreviation ("Phys."), or before a
    lower-case word does not end a sentence. In a venue (`venue=True`) any
    short capitalised word before a period is taken for an abbreviation
    ("Pattern Anal. Mach. Intell.").
    """
    for m in _SENTENCE_MARK.finditer(text, start):
        end = m.end()
        if m.group().startswith(("?", "!")) and not m.group(1):
            continue
        at = m.start()
        # An initial ("A.", "J.A."): the check below would find it too, at many times the cost.
        if m.group()[0] == "." and _is_initial_at(text, at, start):
            continue
        before = SENTINELS.sub("", text[max(start, at - _AROUND) : at])
        word = _WORD_BEFORE.search(before)
        after = _BLANKS.match(text, end).end()
        following = SENTINELS.sub("", text[after : after + _AROUND])
        if word:
            w = word.group()
            if re.fullmatch(r"[A-Z]", w.split(".")[-1] or w) or w.lower().rstrip(".") in _ABBREV:
                continue
            if venue and re.fullmatch(r"[A-Z][a-z]{1,4}", w) and following[:1].isupper():
                continue
        if following[:1].islower() and not _LOWER_VENUE.match(following):
            continue
        return end
    return -1


# Links in parentheses after a title: "Title ([PDF](...), [video](...))".
_LINKS_IN_PARENS = re.compile(r"\(\s*(?:\x10[^\x11]*\x11\s*[,;·|]?\s*)+\)[.\s]*$")


def _title_clean(text: str) -> str:
    t = plain(_LINKS_IN_PARENS.sub("", text)).strip()
    t = t.strip(" ,;:-–—|")
    t = re.sub(r"^[\"“‘']+|[\"”’']+$", "", t).strip()
    t = re.sub(r"[.,]+[\"”’']*$", "", t).strip()
    return re.sub(r"^[\"“‘']+|[\"”’']+$", "", t).strip()


def _year_of(text: str) -> int | None:
    """The first year in a venue part: the publication's, before any later remark."""
    years = _YEAR.findall(SENTINELS.sub("", _URL.sub(" ", text)))
    return int(years[0]) if years else None


def _tag_year(yy: str) -> int:
    y = int(yy)
    return 1900 + y if len(yy) == 2 and y > 50 else (2000 + y if len(yy) == 2 else y)


def _month_of(text: str) -> int | None:
    m = _MONTH_YEAR.search(SENTINELS.sub("", text))
    return _MONTHS[m.group("mon").lower()[:3]] if m else None


# ---------------------------------------------------------------- entry record
@dataclass
class Parsed:
    title: str = ""
    authors: list[dict] = field(default_factory=list)
    venue: str | None = None
    venue_short: str | None = None
    year: int | None = None
    month: int | None = None
    status: str | None = None
    doi: str | None = None
    pages: str | None = None
    location: str | None = None
    links: list[dict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


# ---------------------------------------------------------------- authors
# A lower-case word that no author list holds: a quick "no" before splitting names.
_NOT_A_NAME_WORD = re.compile(
    r"(?<![\w'’-])(?!(?:and|et|al|others|the|team|group|consortium|collaboration|van|von|der|den"
    r"|del|della|dei|dos|das|bin|ben|ten|ter)\b)[a-z]{3,}\b"
)


_PARENTHETICAL = re.compile(r"\([^()]*\)")
# One capitalised word amid an author list: a person known by one name.
_MONONYM = re.compile(r"\s*[A-Z][a-z]{2,}\s*")
_TRAILING_REMARK = re.compile(rf"{PARENTHETICAL}\s*$")
_ENDS_WITH_INITIAL = re.compile(r"\b[A-Z]\.$")
_VANCOUVER_END = re.compile(r"\S\s[A-Z]{1,3}\.$")


@lru_cache(maxsize=4096)
def _author_parts(text: str) -> tuple[tuple[str, str, str, bool], ...] | None:
    """(name, marks, remark, is_bold) per author of an author-list text, or None if
    the text is not an author list. Sentinels mark bold/underlined names."""
    if not text or _NOT_A_NAME_WORD.search(_PARENTHETICAL.sub(" ", plain(text))):
        return None
    bold_open = under_open = False
    parts = []
    split = names.split_authors(text)
    for position, part in enumerate(split):
        # "**Penn K,** Baeza F": the bold closes after the comma, before the next name.
        for ch in re.match(r"[\s\x02\x06]*", part).group():
            bold_open = bold_open and ch != B_OFF
            under_open = under_open and ch != U_OFF
        marked = _PARENTHETICAL.sub("", part)  # a bold "(**1983**)" is not the name
        is_bold = bold_open or under_open or B_ON in marked or U_ON in marked
        for ch in part:
            if ch in (B_ON, B_OFF):
                bold_open = ch == B_ON
            elif ch in (U_ON, U_OFF):
                under_open = ch == U_ON
        person = _author_part(plain(part))
        between_names = 0 < position < len(split) - 1 and all(
            _author_part(plain(split[k])) for k in (position - 1, position + 1)
        )
        if person is None and between_names and _MONONYM.fullmatch(plain(part)):
            person = (plain(part).strip(), "", "")  # "A. Doe, Arvind and B. Roe"
        if person is None:
            return None
        if person[0]:
            parts.append((*person, is_bold))
    return tuple(parts) or None


# Words of a journal's name, never of a person's or a group author's ("Tennessee
# Historical Quarterly" is no author; "ATLAS Collaboration" and "The X Society" may be).
_SERIAL_WORDS = (
    r"journal|proceedings|quarterly|review|letters|transactions|bulletin|magazine|annals"
)
_SERIAL_WORD = re.compile(rf"\b(?:{_SERIAL_WORDS})\b", re.IGNORECASE)


@lru_cache(maxsize=4096)
def _author_part(flat: str) -> tuple[str, str, str] | None:
    """(name, marks, remark) of one printed author, ("", "", "") for "et al.", or
    None if it is not a name."""
    remark = ""
    m = _TRAILING_REMARK.search(flat)
    if m:
        remark = m.group(1)
        flat = flat[: m.start()].strip()
    name, marks = names.strip_marks(flat)
    # Keep an initial's period ("Mogi, R.", "A. B."), not a sentence's ("Hudson EP.").
    vancouver = "," not in name and _VANCOUVER_END.search(name)
    keep = _ENDS_WITH_INITIAL.search(name) and not (
        vancouver and not names.is_initials(name.split()[0])
    )
    name = name.strip() if keep else name.strip(" .")
    if names.ET_AL.match(name):
        return "", "", ""
    if not names.looks_like_name(name) or _SERIAL_WORD.search(name):
        return None
    return name, marks, remark


def _trim_authors(text: str) -> str:
    """An author list without the punctuation that ends it, keeping an initial's period."""
    text = text.strip().rstrip(",:;— ")
    if text.endswith(".") and not re.search(r"(?:^|[\s.\-])[A-Z]\.[\x02\x06]?$", text):
        text = text[:-1]
    return text


def _author_records(text: str, legend: dict[str, str]) -> list[dict] | None:
    """Author dicts from an author-list text (sentinels kept), or None if it is not one."""
    parts = _author_parts(text.strip().strip(",;"))
    if parts is None:
        return None
    return _records(parts, legend)


def _records(parts: Iterable[tuple[str, str, str, bool]], legend: dict[str, str]) -> list[dict]:
    """Author dicts from (name, marks, remark, is_bold) parts; a mark the legend does not
    explain otherwise, or a remark that says so, is equal contribution."""
    records = []
    for name, marks, remark, is_bold in parts:
        equal = any(legend.get(c, "equal") == "equal" for c in marks if c in "*†‡#")
        equal = equal or bool(remark and _EQUAL_WORDS.search(remark))
        records.append({"name": name, "equal_contribution": equal, "is_self": is_bold,
                        "x_marks": marks, "x_remark": remark})  # fmt: skip
    return records


def _dated_author_records(text: str, legend: dict[str, str]) -> list[dict] | None:
    """Authors before an author-date year, where the year fixes where the list ends: a
    name the checks do not know ("Guedes, J. d’Alpoim") among many they do is still a
    name, not a reason to take the whole list for a title."""
    records = _author_records(text, legend)
    if records is not None:
        return records
    parts = names.split_authors(plain(text))
    unknown = [p for p in parts if not _author_part(p)]
    # A few short parts without digits; not a title and year swallowed by a wrong cut.
    if (
        len(parts) < 3
        or len(unknown) > min(2, len(parts) // 5)
        or any(len(p.split()) > 3 or re.search(r"\d", p) for p in unknown)
    ):
        return None
    people = [_author_part(p) or (names.strip_marks(p)[0].strip(), "", "") for p in parts]
    return _records(((*person, False) for person in people if person[0]), legend)


def _is_author_list(text: str) -> bool:
    return _author_parts(text.strip().strip(",;")) is not None


# ---------------------------------------------------------------- citation styles
_APA = re.compile(
    r"^(?P<authors>[^()]+?)\s*\(\s*[\x01\x03]?(?P<when>(?:19|20)\d\d[a-z]?"
    r"(?:,\s*[A-Za-z]+\.?(?:\s*\d{1,2})?)?|n\.\s?d\.|forthcoming|in press|accepted|submitted|"
    r"under review|in preparation|in prep\.?|to appear)[\x02\x04]?\s*\)[.,:]?\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
# Author-date without parentheses (Harvard, ASA, AAA, Chicago): "Davies, B., 2015. Title",
# "Holdaway, S. J., B. Davies, and P. C. Fanning, 2017. Title", "Cau, A, and R Kuiper 1992 Title":
# a year or status word right after the author list, then the title.
_BARE_DATE = re.compile(
    r"[,.]?\s+[\x01\x03]?(?P<when>(?:19|20)\d\d[a-z]?|n\.\s?d\.|forthcoming|in press)[\x02\x04]?"
    r"[.,:]?\s+(?=[\"“‘'\x01\x03\x05]?[A-Z0-9¿¡])",
    re.IGNORECASE,
)
# "with X, Y and Z," after a title: names ("A. Lark", "Cleo Marsh") up to the first
# part that is none ("J. Math. Phys.", "Imaginary Oceans 4 (2021)").
_BARE_WITH = re.compile(
    r"^[\s,]*with\s+(?P<pre>)(?P<who>{name}(?:(?:,\s+|,?\s+and\s+){name})*)(?=[,.]|$)".format(
        name=r"(?:[A-Z]\.(?:-?[A-Z]\.)*\s?)*[A-Z][\w'’-]*[^\W\d_](?:\s[A-Z][\w'’-]*[^\W\d_])?"
        r"(?=,|\.?\s*$|\s+and\s)"
    )
)
_WITH = re.compile(r"\((?P<pre>[^()]*?\b)?with\s+(?P<who>[^()]+)\)", re.IGNORECASE)
_QUOTED = re.compile(
    r"[“\"]\s*(?P<t>[^“”\"]{6,}?)\s*[”\"]|‘(?P<s>[^‘’]{6,}?)’|(?<!\w)'(?P<a>[^']{6,}?)'(?!\w)"
)
# GB/T 7714 type codes after a title: "Title[J]. Journal", "Title[C]//Proceedings".
_GB_TYPE = re.compile(r"\[(?:J|C|M|D|R|P|N|S|Z|A|EB/OL|J/OL)\](?://)?\s*")


def _split_title_rest(text: str) -> tuple[str, str]:
    """Title = first sentence of `text`, or a leading quoted, italic or bold span; and the rest."""
    stripped = text.lstrip()
    q = _QUOTED.match(stripped)
    if q:
        return q.group("t") or q.group("s") or q.group("a"), stripped[q.end() :]
    for on, off in ((I_ON, I_OFF), (B_ON, B_OFF)):
        if stripped.startswith(on) and off in stripped:
            end = stripped.index(off)
            span = stripped[1:end]
            if len(plain(span).split()) >= 2:
                return span, stripped[end + 1 :]
    end = _sentence_end(stripped)
    if end < 0:
        return stripped, ""
    return stripped[:end], stripped[end:]


_NUMERIC_CHUNK = re.compile(r"^(?:pp?\.\s*)?e?\d[\w:()–/.-]*$")
_LINK_WORDS = re.compile(r"^(?:link|pdf|url|doi|html|online|web)$", re.I)


# "Title, in: Venue" (Elsevier Harvard), "Title, In Venue", "Title in *Proceedings of X*"
# (PNAS): the title ends where "in" opens the venue.
_IN_VENUE = re.compile(
    r",\s+(?:in:|In:?)\s+(?=\S)|,?\s+in:?\s+(?=\x03?(?i:proc\.|(?:proceedings|conference|symposium"
    r"|workshop|journal|transactions|annual|international)\b))"
)


def _venue_inside(title: str) -> tuple[str, str]:
    """A title cut at a comma or period may run on into its venue: "Title, in: Venue",
    "Title in *Proceedings of X*", "Title. *Journal* 12", "Title. in *Book*": (title, the
    venue part it held)."""
    opens = _IN_VENUE.search(title) or re.search(r"(?<=[.?!])\s+(?:in:?\s+)?(?=\x03)", title)
    if opens and len(plain(title[: opens.start()]).split()) >= 3:
        return title[: opens.start()], title[opens.end() :]
    return title, ""


def _without_numbers(venue: str) -> str:
    """A venue sentence without the volume, issue and pages after it ("Anaesthesia 53:326–330")."""
    return re.sub(r"[\s,;]*[\d:()–\-\s,]+$", "", venue)


def _rebalance_title(title: str, rest: str) -> tuple[str, str]:
    """Fix the title/venue cut of an "Authors. Title. Venue" citation.

    "Title, eLife, 10, 2021." has no period before the venue: the trailing
    comma chunks (venue, numbers, year) go back to the venue part. "Title.
    Subtitle. Venue." keeps its second sentence when what follows is only a
    short venue name.
    """
    title, spill = _venue_inside(title)
    if spill:
        return title, spill + rest
    chunks = plain(title).rstrip(" .").split(", ")
    if len(chunks) >= 3 and re.fullmatch(r"(?:19|20)\d\d", chunks[-1]):
        i = len(chunks) - 2
        while i > 0 and _NUMERIC_CHUNK.match(chunks[i]):
            i -= 1
        if i > 0 and len(chunks[i].split()) <= 6 and len(" ".join(chunks[:i]).split()) >= 3:
            return ", ".join(chunks[:i]), ", ".join(chunks[i:]) + ". " + rest
    sentences = []
    tail = rest
    while plain(tail).strip() and len(sentences) < 4:
        end = _sentence_end(tail.lstrip())
        head, tail = (tail.lstrip(), "") if end < 0 else (tail.lstrip()[:end], tail.lstrip()[end:])
        sentences.append(plain(head).strip(" ."))
    sentences = [x for x in sentences if x and not _LINK_WORDS.match(x)]
    # An italic venue may follow (APA's journal): the sentence before it is the title's.
    first_end = _sentence_end(rest.lstrip())
    italic_next = first_end >= 0 and rest.lstrip()[first_end:].lstrip(" .").startswith(I_ON)
    if (
        len(sentences) == 2
        and not re.search(r"\d|\x03", sentences[0])
        and not _VENUE_WORD.search(sentences[0])
        and (I_ON not in rest or italic_next)
        and 0 < len(_without_numbers(sentences[1]).split()) <= 4
        and not re.search(r"\d|doi|available|https?:", _without_numbers(sentences[1]), re.I)
    ):
        end = _sentence_end(rest.lstrip())
        return title + " " + rest.lstrip()[:end], rest.lstrip()[end:]
    return title, rest


def _author_prefix(text: str, legend: dict[str, str]) -> tuple[list[dict], str] | None:
    """Authors at the start of a citation, and the text after them."""
    found = _author_end(text)
    if found is None:
        return None
    authors, rest_start = found
    rest = text[rest_start:].lstrip(" \x02\x06")
    closing = "".join(c for c in text[rest_start : rest_start + 3] if c in B_OFF + U_OFF)
    if closing and B_ON in authors:
        rest = closing + rest
    return _author_records(authors, legend) or [], rest


# Author lists whose names end in initials: APA "Mogi, R., ..." and Vancouver "Jahn M, ...".
_INITIALS_LAST = re.compile(
    r"^[\x01\x05]?[A-Z][\w'’\-]+(?: [A-Z][\w'’\-]+)?[\x02\x06]?"
    r"(?:, [\x01\x05]?(?:[A-Z]\.\s?-?){1,3}| [A-Z]{1,3}[*†‡#]*[\x02\x06]?[,.])"
)


def _plausible_authors(text: str, terminator: str) -> bool:
    """A lone unmarked "name" before a colon or period may be a title's head
    ("Contrastive Symbolic Regression: ..."): ask more of it."""
    parts = _author_parts(text.strip().strip(",;")) or ()
    if not parts or len(parts) == 1 and parts[0][1]:
        return True
    if len(parts) > 1:
        if any(marks or bold for _, marks, _, bold in parts):
            return True
        # Unmarked "names" without an initial that read as English ("Composing Data
        # Through Task and Kernel Fusion") are a title's words.
        full = [n for n, *_ in parts if not any(names.is_initials(w) for w in n.split())]
        return len(full) < len(parts) or all(names.looks_like_name(n, strict=True) for n in full)
    name = parts[0][0]
    if terminator == ":" and not any(names.is_initials(w) for w in name.split()):
        return False
    return names.looks_like_name(name, strict=True)


_EDITORS = re.compile(r",?\s*\(?\b(?:eds?|editors?)\b\.?\)?\.?$", re.IGNORECASE)


def _name_goes_on(before: str, rest: str) -> bool:
    """After "Foster, J." comes "N.", after "Foster, J. N., M. B." the surname: the
    initials of a name end a list only where the name is whole."""
    last = names.split_authors(before)[-1].split()
    return bool(re.match(r"-?[A-Z]\.", rest)) or all(names.is_initials(w) for w in last)


@lru_cache(maxsize=4096)
def _author_end(text: str) -> tuple[str, int] | None:
    """The author list that opens a citation, ended by the first period or colon
    after a full name: (author text, index where the rest starts)."""
    initials_last = bool(_INITIALS_LAST.match(text))
    for m in re.finditer(r"[.:](?=[\s\x02\x06]|$)", text):
        if m.start() > 600:
            break
        prefix = text[: m.start() + 1]
        # A period after an initial belongs to the name ("A. Szabó") unless the
        # names end in initials ("Vignoli, D.", "Müller S.").
        before = SENTINELS.sub("", prefix)
        if re.search(r"(?:^|[\s.\-])[A-Z]\.$", before) and m.group() == ".":
            if not initials_last or _name_goes_on(before, plain(text[m.end() :])):
                continue
            cand = prefix
        else:
            cand = prefix[:-1]
        cand = _EDITORS.sub("", cand)  # "Thorne, Eleanor, and Paolo Ferri, eds."
        if _is_author_list(cand) and _plausible_authors(cand, m.group()):
            rest = plain(text[m.end() :])
            if not rest or rest[0].isupper() or rest[0].isdigit() or rest[0] in "\"“‘'([":
                return cand, m.end()
        # Every name before the last comma is settled: one that is not a name
        # means no longer prefix can be an author list either.
        flat = plain(prefix)
        head = re.sub(r"\([^()]*\)", " ", flat[: flat.rfind(",")]) if "," in flat else ""
        if _NOT_A_NAME_WORD.search(head):
            return None
        settled = names.split_authors(flat)[:-1]
        if any(not names.looks_like_name(names.strip_marks(p)[0]) for p in settled):
            return None
    return None


# A segment that opens the venue part: "Phys. Rev. B 47, ...", "(1935)", "In ...", italics.
_VENUE_SEGMENT = re.compile(
    r"^(?:[\x03]|in\s|[A-Z][\w.&'’ -]*\s\d+\b|.*\((?:19|20)\d\d\)|arxiv|(?:19|20)\d\d$|"
    r"(?:ph\.?\s?d\.?|doctoral|master'?s?|m\.?sc\.?|bachelor'?s?|diploma)\s+"
    r"(?:thesis|dissertation))",
    re.IGNORECASE,
)


_SENTENCE_THEN_ITALIC = re.compile(r"[.?!]\s+(?:in:?\s+)?\x03")


def _comma_separated(text: str, legend: dict[str, str]) -> tuple[list[dict], str, str] | None:
    """Authors, title and venue all separated by commas (physics and maths lists)."""
    first = re.sub(r"\s+et\.?\s*al\.?$", "", plain(text).split(",", 1)[0].strip())
    first = names.strip_marks(re.sub(rf"{PARENTHETICAL}\s*$", "", first))[0]
    if not (names.looks_like_name(first) or " and " in first or "&" in first):
        return None  # the list must open with a name
    segments = re.split(r",\s+(?![^()]*\))", text)
    names_end = 0
    for i, seg in enumerate(segments):
        flat = plain(seg).strip()
        if names.ET_AL.match(flat):
            names_end = i + 1
            continue
        truncated = re.search(r"\s+et\.?\s*al\.?$", flat)  # "A. Smith et al., Title, ..."
        if truncated:
            flat = flat[: truncated.start()]
        people = [
            names.strip_marks(re.sub(rf"{PARENTHETICAL}\s*$", "", p))[0]
            for p in re.split(r"^(?:and|&)\s+|\s+(?:and|&)\s+", flat)
            if p
        ]
        if not people or not all(names.looks_like_name(p) for p in people):
            break
        names_end = i + 1
        if truncated or re.search(r"(?:^|\s)(?:and|&)\s", flat):
            break  # "and C. Author" or "et al." closes the list
    authors_text = re.sub(r"\s+et\.?\s*al\.?$", "", ", ".join(segments[:names_end]))
    found = _author_parts(authors_text.strip()) if names_end else None
    if not found or names_end >= len(segments):
        return None
    marked = any(bold or marks for _, marks, _, bold in found)
    with_initials = any(names.is_initials(w) for n, *_ in found for w in n.split())
    group = any(names.GROUP_AUTHOR.match(n) for n, *_ in found)
    if not (marked or with_initials or group or len(found) >= 2):
        return None
    tail = segments[names_end:]
    cut = next((k for k, seg in enumerate(tail) if k and _VENUE_SEGMENT.match(plain(seg))), None)
    if cut is None or re.fullmatch(r"\s*[\x01\x03\x10“\"].*[\x02\x04\x11”\"]\s*", tail[0]):
        cut = 1  # no venue found, or the title is marked off (a link, quotes, emphasis)
    # "Title, a homologue of X. *Journal* 304": the title's last comma part holds the venue.
    inner = next((k for k, seg in enumerate(tail) if _SENTENCE_THEN_ITALIC.search(seg)), None)
    if inner is not None and inner >= cut - 1:
        cut = inner + 1
    title, spill = _venue_inside(", ".join(tail[:cut]))
    if len(plain(title).split()) < 2:
        return None
    rest = ", ".join(([spill] if spill else []) + tail[cut:])
    return _author_records(authors_text, legend) or [], title, rest


def _title_then_authors(text: str, legend: dict[str, str]) -> tuple[str, list[dict]] | None:
    """ "Title, A. Author, B. Author" — authors trail the title after a comma."""
    segments = [s for s in re.split(r",\s+", text)]
    if len(segments) < 2:
        return None
    start = None
    for i in range(len(segments) - 1, -1, -1):
        seg = segments[i].strip()
        flat = names.strip_marks(re.sub(rf"{PARENTHETICAL}\s*$", "", plain(seg)))[0]
        if names.ET_AL.match(flat):
            start = i
            continue
        if re.match(r"^(?:and|&)\s", flat) and i != len(segments) - 1:
            last_real = [s for s in segments[i + 1 :] if not names.ET_AL.match(plain(s).strip())]
            if last_real:
                break
        flat = re.sub(r"^(?:and|&)\s+", "", flat)
        strict = B_ON not in seg and U_ON not in seg
        if i and names.looks_like_name(flat, strict=strict):
            start = i
            continue
        # "Title. First Author, Second Author": the title's last sentence holds the first.
        end = last = _sentence_end(seg)
        while last > 0:
            end, last = last, _sentence_end(seg, last)
        head_name = names.strip_marks(plain(seg[end:]).strip())[0] if end > 0 else ""
        if start is not None and names.looks_like_name(head_name):
            segments[i : i + 1] = [seg[:end], seg[end:].strip()]
            start = i + 1
        break
    if start is None:
        return None
    records = _author_records(", ".join(segments[start:]), legend)
    if not records:
        return None
    return ", ".join(segments[:start]), records


def _names_then_venue(text: str, legend: dict[str, str]) -> tuple[list[dict], str] | None:
    """ "Doe J., Roe, Poe*, Venue 2022" after a title set off by emphasis or quotes: the
    names up to the first comma-separated piece that is none, and the venue after them.
    Family names alone count when there are several."""
    segments = re.split(r",\s+(?![^()]*\))", text)
    count = 0
    for seg in segments:
        flat = names.strip_marks(re.sub(r"^(?:and|&)\s+", "", plain(seg).strip()))[0]
        family_only = re.fullmatch(r"[A-Z][a-z'’-]+", flat)
        if not (family_only or names.looks_like_name(flat, strict=True)):
            break
        count += 1
    if count < 2 or count == len(segments):
        return None
    records = []
    for seg in segments[:count]:
        found = _author_records(seg, legend)
        if found is None:  # a family name alone
            name, marks = names.strip_marks(plain(seg).strip())
            equal = any(legend.get(c, "equal") == "equal" for c in marks if c in "*†‡#")
            found = [{"name": name, "equal_contribution": equal, "is_self": B_ON in seg,
                      "x_marks": marks, "x_remark": ""}]  # fmt: skip
        records.extend(found)
    return records, ", ".join(segments[count:])


def _add_with_authors(w: re.Match[str], legend: dict[str, str], out: Parsed) -> None:
    """Authors of "Title (job market paper, with X and Y)": the owner (filled in
    later), then X and Y; words before "with" are a remark."""
    pre = plain(w.group("pre") or "").strip(" ,;")
    if pre:
        out.notes.append(pre)
    owner = {"name": "", "equal_contribution": False, "is_self": True, "x_owner": True}
    out.authors = [owner] + (_author_records(w.group("who"), legend) or [])


# "Araujo, D. [and 9 others, including Alex Zvoleff]": the names printed stay, the rest
# is "et al." (which adds no author).
_OTHERS = re.compile(
    r"\s*[\[(](?:and|with|\+)\s+\d+\s+(?:others|more|co-?authors)"
    r"(?:,?\s+including\s+(?P<named>[^\])]+))?[\])]\.?"
)


def _others_named(m: re.Match[str]) -> str:
    return f", {m.group('named')}." if m.group("named") else ", et al."


def _parse_citation(text: str, legend: dict[str, str], out: Parsed) -> None:
    """Fill title, authors and the venue part of `out` from one citation string."""
    text = _OTHERS.sub(_others_named, text)
    # "*PhD Thesis*: Title": the kind of work as a label before the title.
    label = re.match(r"^[\x01\x03]?([A-Z][\w.'’ ]{2,40}?)[\x02\x04]?\s*:\s+(?=\S)", text)
    if label and _THESIS.match(label.group(1)):
        _set_venue(label.group(1), out)
        text = text[label.end() :]
    # Economics: "Title (with X and Y), Venue" — the owner first, then X and Y.
    w = _WITH.search(text)
    if w and _sentence_end(text[: w.start()].rstrip()) in (-1, len(text[: w.start()].rstrip())):
        head, venue_part = text[: w.start()], text[w.end() :]
        # "Title, *Ann. of Math.* 190 (2019), 1–50 (with X)": the venue came first.
        italic = head.find(I_ON)
        if italic > 0 and plain(head[:italic]).strip(" ,"):
            head, venue_part = head[:italic], head[italic:] + " " + venue_part
        out.title = _title_clean(head)
        _add_with_authors(w, legend, out)
        _parse_venue(venue_part, out)
        return
    text = _GB_TYPE.sub(". ", text)
    # APA: Authors (2021). Title. Venue.
    m = _APA.match(text)
    if m:
        records = _dated_author_records(m.group("authors").rstrip(" ,"), legend)
        if records:
            out.authors = records
            _set_when(plain(m.group("when")), out)
            _read_title_and_venue(m.group("rest"), out)
            return
    if _author_date(text, legend, out):
        return
    # A quoted title: Authors, "Title," Venue / Authors. "Title." Venue.
    q = _QUOTED.search(text)
    quoted = q and (q.group("t") or q.group("s") or q.group("a"))
    # A one-word quoted title counts when an author list leads up to it.
    if q and (len(plain(quoted).split()) >= 2 or _is_author_list(_trim_authors(text[: q.start()]))):
        before, after = text[: q.start()], text[q.end() :]
        # Sociology (ASA): "Smith, Jane. 2019. "Title."" or "... Forthcoming. "Title.""
        dated = re.search(
            r"[.,]\s*((?:19|20)\d\d[a-z]?|forthcoming|in press|n\.\s?d\.)[.,]?\s*$", before, re.I
        )
        if dated:
            _set_when(dated.group(1), out)
            before = before[: dated.start()]
        records = _author_records(_trim_authors(before), legend) if plain(before) else None
        if records or not plain(before):
            out.authors = records or []
            out.title = _title_clean(quoted)
            lead = _author_prefix(after.lstrip(" .,"), legend) if not records else None
            if lead:
                out.authors, after = lead
            _parse_venue(after, out)
            return
    # An italic title opening the citation (mathematics): "*Title* with X and Y, Venue".
    if (
        text.startswith(I_ON)
        and I_OFF in text
        and len(plain(text[1 : text.index(I_OFF)]).split()) > 1
    ):
        end = text.index(I_OFF)
        out.title = _title_clean(text[1:end])
        after = text[end + 1 :]
        w = _BARE_WITH.match(after)
        # "*Title*. A. Lark, C. Marsh. Venue" or "*Title*, Lark A., Marsh, Venue 2022"
        lead = None
        if not w:
            lead = _author_prefix(after.lstrip(' .,"”—–-:|'), legend) or _names_then_venue(
                after.lstrip(" ,"), legend
            )
        if w:
            _add_with_authors(w, legend, out)
            after = after[w.end() :]
        elif lead:
            out.authors, after = lead
        _parse_venue(after.lstrip(" ,."), out)
        return
    # A bold title anywhere: **Title** with authors before or after it.
    for b in re.finditer(r"\x01([^\x01\x02]+)\x02", text):
        span = b.group(1)
        if len(plain(span).split()) >= 3 and not (
            _is_author_list(span) and _plausible_authors(span, ".")
        ):
            before, after = text[: b.start()], text[b.end() :]
            out.title = _title_clean(span)
            records = _author_records(_trim_authors(before), legend)
            if records:
                out.authors = records
            else:
                lead = _author_prefix(after.lstrip(' .,"”—–-:|'), legend)
                if lead:
                    out.authors, after = lead
                elif _is_author_list(after.strip().rstrip(".")):
                    out.authors, after = _author_records(after.strip().rstrip("."), legend), ""
            _parse_venue(after, out)
            return
    # Authors. Title. Venue (ACM, Vancouver, physics, Chicago without quotes).
    lead = _author_prefix(text, legend)
    if lead:
        out.authors, rest = lead
        ym = re.match(r"^\s*\(?((?:19|20)\d\d)[a-z]?\)?\.\s+", plain(rest))
        if ym:  # ACM: Authors. 2023. Title.
            out.year = int(ym.group(1))
            rest = rest[rest.index(ym.group(1)) + 4 :].lstrip(").[] ")
        title, rest = _split_title_rest(rest)
        title, rest = _rebalance_title(title, rest)
        out.title = _title_clean(title)
        _parse_venue(rest, out)
        return
    # Physics: "A. Author, B. Author, and C. Author, Title, Phys. Rev. B 1, 2 (2020)."
    comma = _comma_separated(text, legend)
    if comma:
        out.authors, title, rest = comma
        out.title = _title_clean(title)
        _parse_venue(rest, out)
        return
    # Title first: "Title, Authors", "Title. Authors. Venue", "*Title*, Authors, Venue".
    title, rest = _split_title_rest(text)
    lead = _author_prefix(rest.lstrip(), legend) if rest else None
    if lead is None and rest.lstrip().startswith(","):
        lead = _names_then_venue(rest.lstrip(" ,"), legend)
    if lead:
        out.title = _title_clean(title)
        out.authors, rest = lead
        _parse_venue(rest, out)
        return
    tta = _title_then_authors(text, legend)
    if tta:
        title, out.authors = tta
        title, venue = _title_with_venue(title)
        out.title = _title_clean(title)
        _parse_venue(venue, out)
        return
    out.title = _title_clean(title)
    _parse_venue(rest, out)


# ---------------------------------------------------------------- venue part
_EDS = re.compile(r"^(?:in:?\s+)?(?P<eds>.+?)\s*\((?:eds?|hrsg|coord)\.?\),?\s*(?P<book>.+)$", re.I)
_PAGES = re.compile(
    r"\bpp?\.\s*(?P<a>[\w.]+(?:\s*[–—-]\s*[\w.]+)?)|:\s*(?P<b>[e\d]+[–—-][e\d.]+\w*)|"
    r",\s*(?P<c>\d+[–—-]\d+)\b"
)


def _set_when(when: str, out: Parsed) -> None:
    """The year (and month: "2021, March") or the status word ("in press") that an
    author-date citation prints after its authors."""
    year = _YEAR.search(when)
    if year:
        out.year = int(year.group())
        out.month = _month_of(f"{when} {year.group()}")
    else:
        _status_from(when, out)


def _read_title_and_venue(text: str, out: Parsed) -> None:
    """Title, then the venue part, from what follows an author-date citation's date."""
    title, rest = _rebalance_title(*_split_title_rest(text))
    out.title = _title_clean(title)
    _parse_venue(rest, out)


def _author_date(text: str, legend: dict[str, str], out: Parsed) -> bool:
    """Authors, then a bare year or status word, then title and venue (_BARE_DATE)."""
    for m in _BARE_DATE.finditer(text, 0, 600):
        before = _trim_authors(text[: m.start()])
        records = _author_records(before, legend)
        if not records or not _plausible_authors(before, "."):
            continue
        out.authors = records
        _set_when(plain(m.group("when")), out)
        _read_title_and_venue(text[m.end() :], out)
        return True
    return False


def _status_from(text: str, out: Parsed) -> None:
    for status, pattern in _STATUS_WORDS:
        if pattern.search(text):
            if out.status in (None, "preprint"):
                out.status = status
            return


# A remark such as "Best Paper Award." or "oral presentation" after the venue.
_AWARD_WORDS = re.compile(
    r"\b(?:award|prize|best (?:paper|student)|oral|spotlight|highlight|nominee|finalist|"
    r"featured)\b",
    re.IGNORECASE,
)


# Words before a venue that are not part of it ("In", "Under review at", "Manuscript submitted").
_MANUSCRIPT = re.compile(
    r"^(?:book\s+)?manuscript(?:\s+(?:submitted|under review|in preparation|in press|in progress))?"
    r"(?:\s+for publication)?\.?\s*",
    re.IGNORECASE,
)
_VENUE_PREFIX = re.compile(
    # "Pages 72–84 in Book" (Ecology, AGU): the pages before "in" go with it.
    r"^(?:(?:pages?\s+(?:[\divxlc]+(?:\s*[–-]+\s*[\divxlc]+)?\s+)?)?in:?|published in|"
    r"appeared in|to appear in|accepted (?:in|at|by|to)|forthcoming (?:in|at)|submitted to|"
    r"under review (?:at|in)|presented at)\s+",
    re.IGNORECASE,
)


_VOLUME = re.compile(r"\bvol(?:ume)?\.?\s*\d+(?:\s*,\s*(?:no|issue)\.?\s*\d+)?", re.IGNORECASE)
# "(IROS), Detroit, MI, USA, 2023": the conference's place between its name and the year.
_PLACE = re.compile(
    r"\),\s*(?P<place>[A-Z][\w.'’-]*(?:\s[A-Z][\w.'’-]*)*(?:,\s*[A-Z][\w.'’-]*(?:\s[A-Z][\w.'’-]*)*){0,2})"
    r",\s*(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+)?(?:19|20)\d\d\b",
    re.IGNORECASE,
)


def _parse_venue(rest: str, out: Parsed) -> None:
    """Venue, short name, year, month, pages, DOI and remarks from the text after a title."""
    if not rest or not plain(rest).strip(" .,;"):
        return
    text = rest
    _status_from(plain(text), out)
    if out.year is None:
        out.year = _year_of(text)
    out.month = out.month or _month_of(text)
    p = _PAGES.search(SENTINELS.sub("", _URL.sub(" ", _DOI.sub(" ", plain(text)))))
    if p and not out.pages:
        out.pages = (p.group("a") or p.group("b") or p.group("c")).strip(" .")
    short = re.search(r"\bser\.\s*([A-Z][\w-]+)", plain(text))
    if short:
        out.venue_short = out.venue_short or short.group(1)
    venue = None
    tail = None  # the plain text after the venue, when read from plain text
    # The first italic span or named link (not "PDF", "arXiv") is the venue.
    candidates = []
    outside_links = LINK.sub(lambda m: "\x00" * len(m.group()), text)
    # "*In* Proceedings": an italic "In" opens the venue and is not it.
    # Cell's "Journal *34*, 1–9": an italic volume is not the venue either.
    italic = re.search(
        r"\x03(?!\s*in:?\s*\x04)(?=[^\x03\x04]*[^\W\d_])([^\x03\x04]+)\x04",
        outside_links,
        re.IGNORECASE,
    )
    if italic and len(plain(text[: italic.start()])) < 120:
        candidates.append((italic.start(), plain(italic.group(1))))
    for link in LINK.finditer(text):
        label = plain(link.group(1))
        if label and not _GENERIC_LABEL.match(label) and not _URL.match(label):
            candidates.append((link.start(), label))
            break
    if candidates:
        # APA 7 sets the volume in the journal's italics: "*Land Use Policy, 102*".
        venue = re.sub(r",\s*\d[\d()\s–-]*$", "", min(candidates)[1])
        if italic:  # "*Proceedings of ...* (EMNLP 2021)"
            after_italic = _ACRONYM_PAREN.match(text[italic.end() :].lstrip())
            if after_italic:
                out.venue_short = out.venue_short or after_italic.group("short")
        if _PREPRINT_VENUE.search(plain(text[: min(candidates)[0]])):
            venue = None
    if venue is None:
        flat = plain(
            LINK.sub(lambda m: "" if _GENERIC_LABEL.match(plain(m.group(1))) else m.group(1), text)
        )
        flat = flat.lstrip(" .,;:)]")
        eds = _EDS.match(flat)
        if eds:
            flat = eds.group("book")
        status_only = _STATUS_ONLY.match(re.split(r"[.,;]", flat.strip(" ."))[0].strip())
        flat = _VENUE_PREFIX.sub("", _MANUSCRIPT.sub("", flat))
        venue = None if status_only else _venue_head(flat)
        tail = flat[flat.find(venue) + len(venue) :] if venue and venue in flat else flat
    if venue:
        _set_venue(venue, out)
    remarks = re.findall(r"\x01\(([^()]*)\)\x02|\x03\(([^()]*)\)\x04|\[(in [A-Z][a-z]+)\]", rest)
    for groups in remarks:
        out.notes.extend(g for g in groups if g)
    for part in re.split(r"[.;,]\s+|\s*\(|\)\s*", plain(rest)):
        if _AWARD_WORDS.search(part):
            out.notes.append(part.strip(" .,;"))
    flat_rest = plain(rest)
    # Volume, issue and preprint number are kept as printed, in the note.
    issue = _VOLUME.search(flat_rest)
    if issue:
        out.notes.append(issue.group().strip(" ,"))
    arxiv = re.search(r"\barXiv:\s?\d{4}\.\d{4,5}(?:v\d+)?", flat_rest, re.IGNORECASE)
    if arxiv:
        out.notes.append(arxiv.group())
    place = _PLACE.search(flat_rest)
    if place and not out.location:
        out.location = place.group("place")
    if tail is not None:
        leftover = _leftover(tail.replace(out.location or "\x00", " "))
        if leftover:
            out.notes.append(leftover)


def _leftover(tail: str) -> str | None:
    """What follows a venue besides volume, pages, year, DOI and links: a series
    number, an institution, a publisher ("No. 2019-01, Center for Demography")."""
    text = _URL.sub(" ", _DOI.sub(" ", tail))
    text = _VOLUME.sub(" ", text)
    text = re.sub(
        r"(?:\b\w+\s+(?:is|are)\s+)?\bavailable (?:at|from|online)\b:?", " ", text, flags=re.I
    )
    text = re.sub(
        r"\b(?:doi|pp?|no|nos|link|pdf|url|pmid|pmcid|isbn|issn)\b\.?:?|\barxiv:\s?[\d.v]+"
        r"|[\d–—/-]+[a-z]?\b"
        r"|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\.?(?=\s|,|$)",
        " ",
        text,
        flags=re.IGNORECASE,
    )
    text = re.sub(r"[()\[\]/]", " ", text)
    text = re.sub(r"\s*([.,;:])(?:\s*[.,;:])+", r"\1", " ".join(text.split())).strip(" .,;:")
    words = re.findall(r"[A-Za-z]{2,}", text)
    publisher = re.fullmatch(r"[A-Z]\w+(?: " + r"(?:" + _PUBLISHER + r"))?", text)
    if len(words) < 2 and not publisher or _STATUS_ONLY.match(text) or _AWARD_WORDS.search(text):
        return None
    return text


def _trim_venue(venue: str) -> str:
    """Strip punctuation around a venue, keeping an abbreviation's period ("Phys. Rev.")."""
    trimmed = venue.strip(" .,;:")
    last = trimmed.rsplit(" ", 1)[-1]
    abbreviated = last.lower() in _ABBREV or re.fullmatch(r"[A-Z][a-z]{0,6}", last)
    if venue.rstrip(" ,;:").endswith(".") and abbreviated and ". " in trimmed:
        return trimmed + "."
    return trimmed


_PUBLISHER = (
    r"Press|Publishers?|Publishing|Publications|Verlag|Books|Springer|Routledge|Wiley|Elsevier|"
    r"Palgrave|Sage|SAGE|Blackwell|Brill|Macmillan|UP"
)
# "Thousand Oaks, CA: Sage Publications.": where a book was published, closing its entry.
_PLACE_PUBLISHER = re.compile(
    r"^[A-Z][\w.'’ -]{1,30}(?:,\s*[A-Z][\w.'’ -]{1,20})?:\s+[^:]*\b(?:" + _PUBLISHER + r")\b"
)


def _venue_head(flat: str) -> str | None:
    """The leading venue name of a plain venue string, before volume, pages and dates."""
    flat = re.sub(r"^(?:19|20)\d\d\s+(?=[A-Z])", "", flat)
    # "Ithaca: Cornell University Press, 2019": the place before the publisher.
    place = re.match(r"^[A-Z][\w.'’ -]{1,30}:\s+(?=[^:]*\b(?:" + _PUBLISHER + r")\b)", flat)
    if place:
        flat = flat[place.end() :]
    acr = _ACRONYM_PAREN.search(flat)
    cut = len(flat)
    for pattern in (
        r",\s*(?=\d|vol\b|no\b|pp\b|p\.|volume\b|issue\b|ser\.|s\.\s?\d|bd\.|jg\.|heft\b)",
        r",\s*(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d",
        r"\s(?=\d+(?:\s*\(\d+\))?\s*[:,])",
        r"\s(?=\d+\b(?!st|nd|rd|th))(?!(?:19|20)\d\d\s+[A-Z])",
        r"\s(?:no\.|vol\.)\s*\d",
        r"[.,]?\s(?=pp?\.?\s*\d)",
        r"\s\((?=\d|pp?\.)",
        r"(?:^|\s)(?:doi|available at|https?)\b",
        r",\s*(?:in press|forthcoming|to appear|accepted|submitted|under review|online first)\b",
        r",\s*(?:edited by|eds?\.)\s",
    ):
        m = re.search(pattern, flat, re.IGNORECASE)
        if m:
            cut = min(cut, m.start())
    end = _sentence_end(flat, venue=True)
    if end > 0:
        cut = min(cut, end)
    if acr and acr.start() < cut + 2:
        cut = acr.end()  # "Symposium on ... (NSDI 2024)": the name ends with its acronym
    venue = _trim_venue(flat[:cut])
    if re.match(r"^(?:\w+\s){0,2}(?:is|are)?\s*available\b", flat[cut:].strip() or venue, re.I):
        return None  # "Document is available at: URL" names no venue
    if _STATUS_ONLY.match(venue) or not re.search(r"[A-Za-z]{2}", venue):
        return None
    if re.fullmatch(r"(?:link|pdf|url|online first|\W+)", venue, re.I):
        return None
    return venue


_VENUE_STUB = re.compile(
    r"(?:(?:in|the|of|on|proc\.?|proceedings|annual|international|intl\.?|conference|conf\.?"
    r"|symposium|symp\.?|workshop|acm|ieee|usenix)[\s,]*)*",
    re.IGNORECASE,
)


def _set_venue(venue: str, out: Parsed) -> None:
    venue = _trim_venue(re.sub(r",?\s*\bvol(?:ume)?\.?\s*\d+\s*$", "", venue, flags=re.I))
    acr = _ACRONYM_PAREN.search(venue)
    if acr:
        out.venue_short = out.venue_short or acr.group("short")
        if acr.group("y") and out.year is None:
            out.year = _tag_year(acr.group("y"))
        venue = (venue[: acr.start()] + venue[acr.end() :]).strip(" ,.;")
    tag = _VENUE_YEAR_TAG.search(venue)
    if tag and tag.end() >= len(venue) - 1:
        out.venue_short = out.venue_short or tag.group("short")
        out.year = out.year or _tag_year(tag.group("yy"))
        prefix = venue[: tag.start()].strip()
        # "Proceedings of CP'04", "Proc. ACM SIGCOMM '97": a prefix that names no venue of
        # its own keeps the tag; "Neural Information Processing Systems (NeurIPS'23)" need not.
        if not (prefix and _VENUE_STUB.fullmatch(prefix)):
            venue = prefix or tag.group("short")
    suggestion = re.search(r"\(([^()]*)\)\s*$", venue)
    if suggestion and not _ACRONYM_PAREN.fullmatch(suggestion.group()):
        out.notes.append(suggestion.group(1))
        venue = venue[: suggestion.start()].strip()
    venue = re.sub(r"^(?:19|20)\d\d\s+|[\s,]+(?:19|20)\d\d$", "", venue)
    if _PREPRINT_VENUE.search(venue) and len(venue.split()) <= 4:
        out.status = out.status if out.status not in (None, "published") else "preprint"
        venue = _PREPRINT_VENUE.search(venue).group(1)
        venue = {"arxiv": "arXiv", "biorxiv": "bioRxiv", "medrxiv": "medRxiv",
                 "socarxiv": "SocArXiv", "ssrn": "SSRN"}.get(venue.lower(), venue)  # fmt: skip
    if venue and not _STATUS_ONLY.match(venue):
        out.venue = out.venue or venue


# ---------------------------------------------------------------- segmentation
@lru_cache(maxsize=4096)
def _legend(text: str) -> dict[str, str]:
    """Marks a legend line explains, mark -> "equal" or the stated meaning
    ("(* equal contribution; † corresponding author)"); empty if not a legend."""
    flat = plain(text).strip().rstrip(".")
    if len(flat) > 120:
        return {}
    flat = flat[1:-1] if flat.startswith("(") and flat.endswith(")") else flat
    # "* denotes equal contribution" read as a bullet keeps only "denotes ...".
    if re.match(r"(?:denotes|indicates)\s", flat, re.IGNORECASE):
        flat = "* " + flat
    found: dict[str, str] = {}
    for part in re.split(r"[;,]\s*(?=[*†‡§¶#])", flat):
        m = _LEGEND_PART.match(part.strip())
        if not m:
            return {}
        meaning = m.group("meaning").strip()
        for mark in m.group("mark"):
            found[mark] = "equal" if _EQUAL_WORDS.search(meaning) else meaning
    return found


# What else a legend's mark may say of an author: "† corresponding author", "‡ senior
# authors", or who the author is, briefly: "† student advisee", "§ mentee".
_AUTHOR_MEANING = re.compile(
    r"\bauthors?(?:ship)?\b|^(?:(?:an?|my|the)\s+)?(?:(?:student|undergraduate|graduate|"
    r"phd)\s+)?(?:advisees?|mentees?|students?|interns?)(?:\s+(?:advisees?|mentees?))?$",
    re.IGNORECASE,
)


def is_legend(text: str) -> bool:
    """Whether ``text`` is nothing but a short legend of author marks: "* equal
    contribution", "(* co-first authors; † corresponding author)", "† student advisee";
    not an entry that starts with a bullet the PDF turned into a mark ("§ Senior
    Program Committee, NeurIPS 2023", "† Supervised 5 PhD students")."""
    found = _legend(text)
    return (
        bool(found)
        and len(plain(text)) <= 80
        and all(meaning == "equal" or _AUTHOR_MEANING.search(meaning) for meaning in found.values())
    )


def _is_subheading(line: Line) -> bool:
    flat = plain(line.text)
    whole_bold = line.text.startswith(B_ON) and line.text.endswith(B_OFF)
    return (
        (whole_bold or line.marker == "heading")
        and len(flat.split()) <= 6
        and bool(_SUBHEAD_WORDS.search(flat))
        and not re.search(r"\d", flat)
        and not re.match(r"(?:in|to)\s", flat, re.I)  # "In preprint" is a status, not a heading
    )


def _is_plain_subheading(line: Line, before: list[Line], nxt: Line | None) -> bool:
    """An unmarked short line between two citations ("Data and web applications")."""
    flat = plain(line.text)
    return (
        not line.marker
        and nxt is not None
        and 1 <= len(flat.split()) <= 7
        and flat[:1].isupper()
        and not re.search(r"[\d,;]|[.:)]$", flat)
        and (not before or _ends_entry(plain(before[-1].text)))
        # "*Under review*" right under an entry's authors is that entry's status.
        and not (before and not line.blank_before and _STATUS_ONLY.match(flat))
        and _citation_start(nxt.text)
        and not _citation_start(line.text)
    )


@lru_cache(maxsize=4096)
def _citation_start(text: str) -> bool:
    """A line that opens a citation: an author list followed by a year or a title,
    or a quoted title ("Trade and Growth," with John Doe, ...). A year may lead."""
    lead_year = _LEAD_YEAR.match(text)
    if lead_year:
        text = text[lead_year.end() :]
    if _PLACE_PUBLISHER.match(plain(text)):
        return False  # "Thousand Oaks, CA: Sage." reads as "Family, G.:" but ends a book's entry
    if re.match(r"^[\x01\x03]?[“\"][^“”\"]{6,}[”\"]", text):
        return True
    m = _APA.match(text)
    if m and _is_author_list(m.group("authors").rstrip(" ,")):
        return True
    found = _author_end(text)
    if found and len(plain(text[found[1] :]).split()) >= 2:
        return True
    comma = _comma_separated(text, {})  # "Thomas D., Boman R., Title, Journal 128 (2019)"
    if comma and len(comma[0]) >= 2:
        return True
    # a long author list wrapped before its end: "Lark, I., Quill, A., ..., &"
    open_list = re.match(r"^(.*?)(?:,|,? &|,? and)$", text.rstrip())
    parts = _author_parts(open_list.group(1)) if open_list else None
    return bool(parts and len(parts) >= 3)


def _bold_line(text: str) -> bool:
    """A line in bold from its start to its end (a venue tag may follow)."""
    rest = text[text.rfind(B_OFF) + 1 :] if text.startswith(B_ON) and B_OFF in text else None
    if rest is None:
        return False
    return not plain(rest) or bool(_VENUE_YEAR_TAG.fullmatch(plain(rest)))


def _ends_entry(flat: str) -> bool:
    """Whether a wrapped line can be the last line of a citation."""
    return bool(re.search(r"[.)\]”\"]$|https?://\S+$|\b(?:19|20)\d\d$", flat))


def _group_by_start(lines: list[Line], starts: set[int]) -> list[list[Line]]:
    groups: list[list[Line]] = []
    for i, line in enumerate(lines):
        if i in starts or not groups:
            groups.append([line])
        else:
            groups[-1].append(line)
    return groups


def _segment(lines: list[Line], hinted: Collection[int] = ()) -> list[list[Line]]:
    """Cut the section's content lines into entries. ``hinted``: the line numbers the
    line labeller marks as opening an entry."""
    if not lines:
        return []
    marked = [i for i, ln in enumerate(lines) if ln.marker in ("bullet", "number", "tag", "def")]
    # Only the outermost list level starts entries; nested items are their parts.
    if marked:
        outer = min(lines[i].indent for i in marked)
        marked = [i for i in marked if lines[i].indent < outer + 2]
    # Headings and whole-bold lines: titles that lead an entry.
    headings = [i for i, ln in enumerate(lines) if ln.marker == "heading" or _bold_line(ln.text)]
    # Year-only terms of a definition list start an entry ("2019" / ": Citation").
    for i, ln in enumerate(lines[:-1]):
        if _YEAR_LINE.match(plain(ln.text)) and lines[i + 1].marker == "def":
            marked.append(i)
            marked = [j for j in marked if j != i + 1]
    marked.sort()
    if len(marked) >= 2 and len(headings) <= len(marked) // 2:
        pieces_are_authors = sum(_is_author_list(lines[i].text.rstrip(".")) for i in marked)
        # Bullets that hold only the authors belong to entries led by headings.
        if pieces_are_authors < len(marked) / 2 or not headings:
            groups = _group_by_start(lines, set(marked))
            if marked[0] > 0:  # text before the first entry is not an entry
                groups = groups[1:]
            return groups
    # Citations wrapped over several lines: a new one starts with its author list.
    starts = {
        i
        for i, ln in enumerate(lines)
        if _citation_start(ln.text)
        and (
            i == 0
            or ln.blank_before
            or _ends_entry(plain(lines[i - 1].text))
            or ln.number in hinted
        )
    }
    # Entries of several lines each (title / authors / venue), set apart by blank lines.
    breaks = {i for i, ln in enumerate(lines) if ln.blank_before} | {0}
    paragraphs = _group_by_start(lines, breaks)
    if (
        not headings
        and len(paragraphs) >= 2
        and sum(len(p) >= 2 for p in paragraphs) * 2 > len(paragraphs)
        and all(len(p) <= 8 for p in paragraphs)
        and starts <= breaks
    ):
        return paragraphs
    if len(starts) >= 2 or (starts == {0} and not headings and len(lines) > 1):
        return _group_by_start(lines, starts | {0})
    return _group_by_roles(lines)


# Roles of one logical piece in a multi-line entry layout.
_DATE_ONLY = re.compile(
    r"^(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\.?\s+(?:\d{1,2},?\s+)?)?"
    r"(?:19|20)\d\d$|^\d{1,2}/(?:19|20)\d\d$",
    re.IGNORECASE,
)
_LOCATION = re.compile(r"^[A-Z][\w .'-]+,\s*[A-Z][\w.' -]+$|^online$", re.IGNORECASE)
_VENUE_LINE = re.compile(
    r"^[^.“”\"()]{2,90},\s*(?:(?:19|20)\d\d|forthcoming|to appear)\.?$", re.IGNORECASE
)


_THESIS = re.compile(
    r"^(?:[A-Z][\w.'’]*\s){0,3}(?:thesis|dissertation)\b[^.]{0,60}\.?$", re.IGNORECASE
)
_CITE_LABEL = re.compile(r"^(?:recommended citation|citation|cite as|reference)\s*:\s*", re.I)
_PUBLISHED_IN = re.compile(
    r"^(?:published|appeared|presented|to appear|accepted)\s+(?:in|at)\s+", re.IGNORECASE
)


@lru_cache(maxsize=4096)
def _role(text: str) -> str:
    flat = plain(text).strip()
    no_date = _MONTH_YEAR.sub("", flat).strip(" ,")
    if not flat:
        return "empty"
    if _legend(text):
        return "legend"
    tag = _TAG.match(text)
    if tag and tag.end() == len(text) and _VENUE_YEAR_TAG.search(flat):
        return "tag"  # "[OSDI'24]" on a line of its own opens an entry
    if re.fullmatch(r"\(.*\)|\[.*\]", flat) and not LINK.search(text):
        return "note"
    if re.match(r"^(?:abstract|summary|keywords|tl;dr)\s*:", flat, re.I):
        return "abstract"
    if _CITE_LABEL.match(flat):
        return "cites"  # "Recommended citation: Authors (2020). Title. Journal."
    if _PUBLISHED_IN.match(flat):
        return "venue"  # "Published in *Journal 1*, 2009"
    if _STATUS_ONLY.match(no_date) or _STATUS_ONLY.match(flat):
        return "status"
    if (
        _DATE_ONLY.match(flat)
        or _DATE_ONLY.match(flat.rstrip("."))
        or (_MONTH_YEAR.search(flat) and not no_date)
    ):
        return "date"
    if not LINK.sub("", text).strip(" |[]()\\,;·•/") and LINK.search(text):
        return "links"
    if (
        _LOCATION.match(no_date)
        and len(no_date.split()) <= 5
        and no_date != flat
        or (_LOCATION.match(flat) and len(flat.split()) <= 4 and "." in flat)
    ) and not re.search(
        r"\b[A-Z]\.\s[A-Z][a-z]+(?:,|$|\sand\b)", flat
    ):  # "A. Smith, B. Jones" is no place
        return "location"
    if _THESIS.match(flat):
        return "venue"  # "M.S. Thesis, Some University"
    if (
        _is_author_list(text.rstrip("."))
        and ("," in flat or B_ON in text or " and " in flat)
        and _plausible_authors(text.rstrip("."), ".")
    ):
        return "authors"
    if re.fullmatch(r"[A-Z][\w&/ -]{1,20}['’‘]\d\d", flat):
        return "venue"
    core = LINK.sub("", text).strip(" |[],;")  # "*NeurIPS 2023* [Paper] [Code]"
    whole = (core.startswith(B_ON) and core.endswith(B_OFF)) or (
        core.startswith(I_ON) and core.endswith(I_OFF)
    )
    if whole and _PREPRINT_WORD.search(flat) and len(flat.split()) <= 4:
        return "venue"  # "*arXiv preprint*" on its own line
    if core.startswith(I_ON) and (_YEAR.search(flat) or _ACRONYM_PAREN.search(flat)):
        return "venue"  # "*Proceedings of the VLDB Endowment (PVLDB)*, 2024"
    short_tag = len(flat.split()) <= 4 and _VENUE_YEAR_TAG.search(flat)  # "*NeurIPS'23*"
    if whole and (_YEAR.search(flat) or _ACRONYM_PAREN.search(flat) or short_tag):
        return "venue"
    if _VENUE_LINE.match(flat) and len(flat.split()) <= 12:
        return "venue"
    if _citation_start(text) or _QUOTED.search(text) and _author_end(text):
        return "citation"
    # A description of the paper: several sentences of prose.
    if (
        len(flat.split()) >= 12
        and re.search(r"(?:[a-z]{2}|\d)\. [A-Z]", flat)
        and flat.endswith(".")
    ):
        return "description"
    return "title"


def _continues(prev: str, line: str) -> bool:
    """Whether plain `line` carries on the wrapped plain line `prev`."""
    if line[:1].islower() and not _STATUS_ONLY.match(line) and not _LOWER_VENUE.match(line):
        return True
    if prev.endswith(("-", ",", "(", "&", " and", ":")) or re.search(r"(?:^|\s)[A-Z]\.$", prev):
        return True  # cut after a comma, a hyphen, "and" or an initial ("..., G." / "Chen")
    if prev.count("(") > prev.count(")") or prev.count("“") > prev.count("”"):
        return True
    if _PLACE_PUBLISHER.match(line):
        return True
    # A long author list fills its line up to the year: "Authors (2014)." / "Title ..."
    head = _APA.match(prev)
    return bool(head and not head.group("rest") and _is_author_list(head.group("authors")))


def _italic(text: str) -> bool:
    core = LINK.sub("", text).strip(" |[],;.")
    return core.startswith(I_ON) and core.endswith(I_OFF) and I_ON not in core[1:-1]


def _roles(texts: list[str]) -> list[str]:
    """The role of each piece; a lone bold "name" right above an author list is a title."""
    roles = [_role(t) for t in texts]
    for k in range(1, len(roles)):
        flat = plain(texts[k]).rstrip(".")
        if roles[k] != "title" or roles[k - 1] == "abstract":
            continue
        if roles[k - 1] == "title" and names.looks_like_name(flat, strict=True):
            roles[k] = "authors"  # a lone author under the title: "Title" / "Jane Doe"
        elif {"title", "authors"} <= set(roles[:k]) and (_YEAR.search(flat) or _italic(texts[k])):
            roles[k] = "venue"  # "River Review 12(3), 2019", "*Journal*" under the authors
    for k in range(len(roles) - 1):
        if roles[k] == roles[k + 1] == "authors" and "," not in plain(texts[k]):
            roles[k] = "title"
    # The first piece of an entry with no title is its title, though it may read like
    # prose ("Title. Venue 2025." over the authors' line) or a place ("Title, Subtitle.").
    if len(roles) > 1 and roles[0] in ("description", "location") and "title" not in roles:
        roles[0] = "title"
    return roles


def _wrapped(piece: list[Line]) -> bool:
    """Whether a title line was cut by the page width and goes on in the next line."""
    flat = plain(piece[-1].text)
    return len(flat) >= 60 and not _WITH.search(flat) and not flat.endswith((".", "?", "!"))


def _group_by_roles(lines: list[Line]) -> list[list[Line]]:
    """Entries printed as separate title / authors / venue lines (homepages, some PDFs)."""
    # Glue wrapped lines first: a line that starts in lower case continues the one before.
    pieces: list[list[Line]] = []
    for ln in lines:
        flat = plain(ln.text)
        prev = plain(pieces[-1][-1].text) if pieces else ""
        if (
            pieces
            and not ln.blank_before
            and ln.marker not in ("heading", "bullet", "number")
            and _continues(prev, flat)
        ):
            pieces[-1].append(ln)
        else:
            pieces.append([ln])
    roles = _roles([" ".join(x.text for x in p) for p in pieces])
    groups: list[list[Line]] = []
    have: set[str] = set()
    in_abstract = False
    prev_role = ""
    for k, (piece, role) in enumerate(zip(pieces, roles, strict=True)):
        nxt = roles[k + 1] if k + 1 < len(roles) else ""
        flat = plain(" ".join(x.text for x in piece))
        if in_abstract and role in ("title", "citation"):
            prev_flat = plain(pieces[k - 1][-1].text)
            opens = prev_flat.endswith((".", "!", "?", '"', "”")) and (
                _WITH.search(flat) or nxt in ("venue", "abstract", "authors", "date", "status")
            )
            if not opens:
                groups[-1].extend(piece)
                continue
        new = (
            not groups
            or role == "citation"
            and (have & {"title", "authors", "citation"})
            or role == "title"
            and ("title" in have or "citation" in have)
            and not (prev_role == "title" and not have & {"authors"} and _wrapped(pieces[k - 1]))
            or role == "authors"
            and "authors" in have
            or role == "tag"
            and bool(have & {"title", "authors", "citation"})
            or in_abstract
            and role in ("title", "citation")
        )
        if new:
            groups.append([])
            have = set()
            in_abstract = False
        groups[-1].extend(piece)
        if role == "abstract":
            in_abstract = True
        have.add(role)
        prev_role = role
    return [g for g in groups if g]


# ---------------------------------------------------------------- entry reading
_LEAD_YEAR = re.compile(
    r"^[\x01\x03]?((?:19|20)\d\d)[\x02\x04]?\s*(?:[:.)\]|–—-]\s*|\s(?=[A-Z\x01]))"
)
# Longer than any citation: a piece this long takes no more wrapped lines.
_LONGEST_CITATION = 3000


_COMPOUND_HEAD = re.compile(
    r"(?:based|specific|dependent|independent|induced|mediated|related|scale|level|term|free|"
    r"wide|like|structured|driven|aware|efficient|time|resolved|order|body|state|field|type|"
    r"rich|derived|sectional|sectionally|world|life)\b"
)


def _runs_on(prev: str, line: str) -> bool:
    """An italic run that goes on over the line break (a wrapped title). Bold does not
    count: a bold title line over an author list with the owner in bold is two pieces."""
    return prev.endswith(I_OFF) and line.startswith(I_ON)


def _join_wrapped(prev: str, line: str) -> str:
    """Join a wrapped line to the one before: "con-" + "served" -> "conserved", but
    a hyphen inside a URL ("wp-" + "content/...") stays and takes no space."""
    for on, off in ((I_ON, I_OFF), (B_ON, B_OFF)):
        if prev.endswith(off) and line.startswith(on):  # one emphasis run over two lines
            prev, line = prev[:-1], line[1:]
            break
    last_word = prev.rsplit(" ", 1)[-1]
    if prev.endswith("-") and (_URL.search(last_word) or "/" in last_word):
        return prev + line
    if re.search(r"[a-z]-$", prev) and plain(line)[:1].islower():
        # "age-" + "structured": the second half of a compound keeps its hyphen.
        return prev + line if _COMPOUND_HEAD.match(plain(line)) else prev[:-1] + line
    return prev + " " + line


def _read_entry(
    group: list[Line], legend: dict[str, str], default_year: int | None, category: str | None
) -> Parsed:
    out = Parsed()
    texts = [ln.text for ln in group]
    # A definition-list year term ("2019" / ": citation") gives the year.
    if len(texts) > 1 and _YEAR_LINE.match(plain(texts[0])):
        default_year = int(plain(texts[0])[:4])
        texts = texts[1:]
    # So does a year that opens the entry ("2024: Authors. Title.").
    lead_year = _LEAD_YEAR.match(texts[0])
    if lead_year:
        default_year = int(lead_year.group(1))
        texts = [texts[0][lead_year.end() :], *texts[1:]]
    # Merge wrapped lines back into one text where they are one citation.
    pieces: list[str] = []
    for t in texts:
        prev = pieces[-1] if pieces else ""
        # Past the length of any citation a piece takes no more lines: each join
        # rereads the whole piece, and a page-long paragraph is no citation anyway.
        if (
            prev
            and len(prev) < _LONGEST_CITATION
            and (_continues(plain(prev), plain(t)) or _runs_on(prev, t))
        ):
            pieces[-1] = _join_wrapped(prev, t)
        else:
            pieces.append(t)
    # Links, legends and abstracts are not part of the citation text.
    for t in list(pieces):
        explained = _legend(t)
        if explained:
            for mark, meaning in explained.items():
                legend.setdefault(mark, meaning)
            pieces.remove(t)
    for p in pieces:
        for link in LINK.finditer(p):
            label, url = plain(link.group(1)), link.group(2)
            out.links.append({"label": label.strip("[] ") or "Link", "url": url})
        for url in _URL.findall(SENTINELS.sub(" ", LINK.sub(" ", p))):
            out.links.append({"label": "URL", "url": url.rstrip(".,;)")})
    # One piece is one citation: its role only matters among several pieces.
    roles = _roles(pieces) if len(pieces) > 1 else ["citation"]
    # Everything after "Abstract:" is the abstract, however its lines look.
    if "abstract" in roles:
        first = roles.index("abstract")
        roles[first:] = ["abstract"] * (len(roles) - first)
    fields = set(roles) - {"abstract", "legend", "links", "description"}
    structured = len(pieces) > 1 and (
        "authors" in roles
        and ("title" in roles or "citation" not in roles)
        or "citation" not in roles
        and "title" in fields
        and len(fields) > 1
    )
    if structured:
        _read_roles(pieces, roles, legend, out)
    else:
        body = [p for p, r in zip(pieces, roles, strict=True) if r != "abstract"]
        text = " ".join(body)
        text = _strip_leading_tag(text, out)
        text = _strip_trailing_remarks(text, out)
        text = re.sub(r"\(\s*[*†‡#]+\s*[A-Za-z][^()]*\)", "", text)  # inline legend
        _parse_citation(text, legend, out)
        for p, r in zip(pieces, roles, strict=True):
            if r == "abstract":
                out.notes.append(plain(p))
    full = plain(" ".join(p for p, r in zip(pieces, roles, strict=True) if r != "abstract"))
    _finish(out, full, legend, default_year, category)
    return out


def _strip_leading_tag(text: str, out: Parsed) -> str:
    m = _TAG.match(text)
    if not m:
        return text
    tag = plain(m.group("b") or m.group("c") or m.group("p") or "")
    if _STATUS_ONLY.match(tag):  # "[Preprint] Title ...", "[Under review] ..."
        _status_from(tag, out)
        out.status = out.status or "preprint"
        return text[m.end() :]
    vt = _VENUE_YEAR_TAG.search(tag)
    if not vt:
        return text
    out.venue_short = vt.group("short").strip()
    out.venue = out.venue or out.venue_short
    out.year = _tag_year(vt.group("yy"))
    extra = tag[vt.end() :].strip(" ,;")
    if extra:
        out.notes.append(extra)
    return text[m.end() :]


# A bold, italic, parenthesised or bracketed remark closing a citation.
_TRAILING_REMARK_SPAN = re.compile(
    r"(?:\s*(?:\x01\s*\([^()]*\)\s*\x02|\x01[^\x01\x02]{2,80}\x02|\([^()]{3,120}\)|"
    r"\[(?:in [A-Z][a-z]+|[^\]\[]{3,60})\]|\x03[^\x03\x04]{3,120}\x04)[.,;]?)\s*$"
)


# "(2019)", "(Winter, 2003)", "(October 2004)": the date of the entry, not a remark.
_DATE_REMARK = re.compile(
    r"(?:(?:spring|summer|fall|autumn|winter|jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)"
    r"[a-z]*\.?,?\s+(?:\d{1,2},?\s+)?)?(?:19|20)\d\d[a-z]?",
    re.IGNORECASE,
)


def _strip_trailing_remarks(text: str, out: Parsed) -> str:
    """Bold/italic/bracketed remarks at the end of a citation go to `note`."""
    while True:
        m = _TRAILING_REMARK_SPAN.search(text)
        if not m or m.start() < len(text) * 0.3:
            return text
        chunk = plain(m.group()).strip(" .,;()[]")
        if _WITH.search(m.group()):
            return text  # "(with X and Y)" names the co-authors
        if _DATE_REMARK.fullmatch(chunk) or _ACRONYM_PAREN.fullmatch(m.group().strip(" .,;")):
            return text
        if LINK.search(m.group()) and not re.search(r"\w", LINK.sub("", m.group())):
            return text
        remark_words = _AWARD_WORDS.search(chunk) or re.search(r"winner|suggestion", chunk, re.I)
        venue_like = (
            len(chunk.split()) <= 12
            or _VENUE_WORD.search(chunk)
            or re.search(r"\bin:?\s*$", plain(text[: m.start()]), re.IGNORECASE)
        )
        if I_ON in m.group() and venue_like and not remark_words:
            return text  # an italic venue at the end, not a remark
        if _STATUS_ONLY.match(chunk):
            _status_from(chunk, out)
        out.notes.append(chunk)
        text = text[: m.start()]


def _read_roles(pieces: list[str], roles: list[str], legend: dict[str, str], out: Parsed) -> None:
    titles: list[str] = []
    prev_role = ""
    for piece, role in zip(pieces, roles, strict=True):
        flat = plain(piece)
        if role == "title" and titles and plain(" ".join(titles)) and prev_role != "title":
            out.notes.append(flat.strip("() "))  # a remark after the authors or venue
        elif role == "title" or role == "citation" and not out.title:
            piece = _strip_leading_tag(piece, out)
            if not ({"venue", "citation"} & set(roles)) and not titles:
                piece, venue = _title_with_venue(piece)
                if venue:
                    _parse_venue(venue, out)
            tag = _VENUE_YEAR_TAG.search(plain(piece))
            if tag and tag.end() >= len(plain(piece)) - 1 and tag.start() > 0:
                out.venue_short = out.venue_short or tag.group("short")
                out.venue = out.venue or tag.group("short")
                out.year = out.year or _tag_year(tag.group("yy"))
                piece = piece[: piece.rfind(tag.group("short"))]
            w = _WITH.search(piece)
            if w:
                _add_with_authors(w, legend, out)
                piece = piece[: w.start()]
            titles.append(piece)
        elif role == "authors" and not out.authors:
            text = re.sub(r"\(\s*[*†‡#]+\s*[A-Za-z][^()]*\)", "", piece)
            out.authors = _author_records(text.rstrip("."), legend) or []
        elif role == "venue":
            flat = _PUBLISHED_IN.sub("", plain(LINK.sub("", piece)).strip(" |[],;"))
            is_tag = re.fullmatch(r"[A-Z][\w&/ -]{1,20}['’‘]\d\d", flat)
            _set_venue(flat if is_tag else _venue_head(flat) or flat, out)
            out.year = out.year or _year_of(flat)
        elif role == "status":
            _status_from(flat, out)
            out.month = out.month or _month_of(flat)
            out.year = out.year or _year_of(flat)
        elif role == "date":
            out.year = out.year or _year_of(flat)
            out.month = out.month or _month_of(flat)
        elif role == "location":
            loc = _MONTH_YEAR.sub("", flat).strip(" ,")
            out.location = out.location or loc
            out.year = out.year or _year_of(flat)
            out.month = out.month or _month_of(flat)
        elif role == "tag":
            _strip_leading_tag(piece, out)
        elif role == "cites":
            _read_cited(piece, legend, out)
        elif role in ("abstract", "legend", "note", "description"):
            out.notes.append(flat.strip("()[] ") if role == "note" else flat)
        prev_role = role
    out.title = _title_clean(" ".join(titles))


# Where a venue opens after a title and a comma: "Title, Proceedings of ...".
_VENUE_AFTER_COMMA = re.compile(
    r",\s+(?=(?:in\s+)?(?:proc\.|proceedings|conference|symposium|workshop|journal|transactions"
    r"|annual|international|ACM|IEEE|USENIX|SIAM)\b)",
    re.IGNORECASE,
)


def _title_with_venue(piece: str) -> tuple[str, str]:
    """A title line that goes on with the venue ("Title. Proceedings of X (XY) 2025."),
    the authors being on a line of their own: (title, venue part, or "")."""
    title, rest = _split_title_rest(piece)
    flat = plain(rest)
    if not (_YEAR.search(flat) or _ACRONYM_PAREN.search(flat) or _THESIS.match(flat.strip())):
        comma = _VENUE_AFTER_COMMA.search(piece)
        if not comma:
            return piece, ""
        title, rest = piece[: comma.start()], piece[comma.end() :]
    return (title, rest) if len(plain(title).split()) >= 2 else (piece, "")


def _read_cited(piece: str, legend: dict[str, str], out: Parsed) -> None:
    """Fill what the entry lacks from its "Recommended citation: ..." line."""
    label = _CITE_LABEL.match(SENTINELS.sub("", piece))
    cited = Parsed()
    _parse_citation(piece[label.end() :] if label else piece, legend, cited)
    out.authors = out.authors or cited.authors
    out.title = out.title or cited.title
    out.venue = out.venue or cited.venue
    out.year = out.year or cited.year
    out.doi = out.doi or cited.doi
    out.pages = out.pages or cited.pages


_REVIEWED_BOOK = re.compile(
    r"\s*\(([^()]*\b(?:" + _PUBLISHER + r")\b[^()]*?,?\s*(?:19|20)\d\d)\)$", re.IGNORECASE
)


def _finish(
    out: Parsed,
    full: str,
    legend: dict[str, str],
    default_year: int | None,
    category: str | None,
) -> None:
    """Fields that come from the whole entry: DOI, status, year fallback, legend notes."""
    # A book review's title names the book's publisher and year: "Review of Book, by
    # A. Author (Some University Press, 2001)"; they are the book's, not the review's.
    reviewed = _REVIEWED_BOOK.search(out.title or "")
    if reviewed and len(out.title[: reviewed.start()].split()) >= 3:
        out.notes.append(reviewed.group(1))
        out.title = out.title[: reviewed.start()].rstrip(" ,")
    for link in out.links:
        m = _DOI_URL.search(link["url"])
        if m and not out.doi:
            out.doi = m.group(1).rstrip(".,;)")
    if not out.doi:
        m = _DOI.search(_URL.sub(" ", full)) or _SHORT_DOI.search(full) or _DOI_URL.search(full)
        if m:
            out.doi = m.group(1).rstrip(".,;)")
    title_free = full.replace(out.title, " ") if out.title else full
    if out.venue_short:
        # "(revised in OSDI'23 and accepted in OSDI'24)" retells how the tagged venue came about.
        short = re.escape(out.venue_short)
        title_free = re.sub(rf"\([^()]*\b{short}\s?['’‘]\d\d[^()]*\)", " ", title_free)
    if out.status is None:
        _status_from(title_free, out)
    if out.year is None:
        out.year = default_year
    if out.venue is None and any(_PREPRINT_VENUE.search(x["url"]) for x in out.links):
        out.venue = "arXiv" if any("arxiv" in x["url"].lower() for x in out.links) else None
        out.status = out.status or "preprint"
    if out.status is None and category and not (out.venue and _PREPRINT_VENUE.match(out.venue)):
        # A sub-heading such as "Working Papers" or "Submitted" states the status.
        _status_from(category, out)
        if out.status is None and re.search(r"\bpreprints?\b", category, re.I):
            out.status = "preprint"
    if out.status is None:
        if out.venue and not _PREPRINT_VENUE.fullmatch(out.venue):
            out.status = "published"
        elif (
            out.venue
            or _PREPRINT_WORD.search(title_free)
            or not re.search(r"available at", full, re.I)
        ):
            out.status = "preprint"
    if re.search(r"\bet\.?\s*al\b", full):
        out.notes.append("Author list truncated with 'et al.' in the CV")
    for a in out.authors:
        meanings = [legend[c] for c in a.get("x_marks", "") if legend.get(c, "equal") != "equal"]
        for meaning in meanings:
            out.notes.append(f"{a['name']}: {meaning}")


# ---------------------------------------------------------------- learned fields
# The rules and the field labeller (cvparse/labeller/fields.py) each read an entry. A
# field is taken from the labeller where the rules' value fails a sanity check that the
# labeller's passes and the labeller is at least this sure of it. Measured leave-one-
# document-out on the real CVs (benchmarks/eval_fields.py), this helps venue and year;
# for title and authors it did not (and taking the labeller's value wherever it was
# surer than the rules lost on every field), so there the labeller only informs the
# confidence. Thresholds: those that do best on all 22 real CVs.
CHOSEN_FIELDS = ("title", "authors", "venue", "year")
RESCUE: dict[str, float | None] = {"title": None, "authors": None, "venue": 0.5, "year": 0.7}
# The share of values that pass their check and are right, on the 22 real CVs (325
# entries): the confidence in a field the labeller did not question.
RIGHT_WHEN_SANE = {"title": 0.97, "authors": 0.97, "venue": 0.95, "year": 0.97}
# A venue that fails its check and that the labeller cannot replace is dropped.
DROP_BAD_VENUE = True
# benchmarks/eval_fields.py sets a list here to collect both readings of every entry.
TRACE: list[dict] | None = None


# Words that name a kind of venue, never a person: "International Workshop on Entry and
# Descent" reads as capitalised names joined by "and" without them.
_VENUE_WORD = re.compile(
    rf"\b(?:{_SERIAL_WORDS}|proc|conference|symposium|workshop|society|association|congress"
    r"|meeting|press|university|institute|series|studies|research|sciences?|forum|handbook"
    r"|encyclopedia)\b",
    re.IGNORECASE,
)


def sane(name: str, value: object, *, strict: bool = False) -> bool:
    """Whether a field's value looks like what that field holds. ``strict``: also no
    venue that could be a list of names (many venues could, "Nature Communications";
    the labeller's usual slip is an author read as the venue)."""
    if name == "title":
        text = str(value or "")
        # Capitalised title words pass for names: only a list of them is an author list.
        names_only = _is_author_list(text) and re.search(r",|\band\b|&", text)
        return (
            len(text.split()) >= 2
            and not names_only
            and not _URL.match(text)
            and not _STATUS_ONLY.match(text)
        )
    if name == "authors":
        people = value or []
        return bool(people) and all(
            a.get("x_owner") or names.looks_like_name(a["name"]) for a in people
        )
    if name == "venue":
        text = str(value or "").strip()
        status = any(p.search(text) for s, p in _STATUS_WORDS if s != "in_preparation")
        names_only = strict and _is_author_list(text) and not _VENUE_WORD.search(text)
        return bool(text) and not (kinds.is_placeholder(text) or status or names_only)
    if name == "year":
        return isinstance(value, int) and 1900 <= value <= 2035
    return True


def _field_value(p: Parsed, name: str) -> object:
    return p.authors if name == "authors" else getattr(p, name)


def _same_value(name: str, a: object, b: object) -> bool:
    if name == "authors":
        return [names.name_key(x["name"]) for x in a or []] == [
            names.name_key(x["name"]) for x in b or []
        ]
    if isinstance(a, str) and isinstance(b, str):
        return re.sub(r"\W+", "", a.lower()) == re.sub(r"\W+", "", b.lower())
    return a == b


def _rules_ok(name: str, rules: Parsed) -> bool:
    value = _field_value(rules, name)
    return sane(name, value) or (name == "venue" and not value and _venue_may_lack(rules))


def choose(
    name: str,
    rules: object,
    model: object,
    confidence: float,
    rescue: float | None,
    rules_ok: bool,
) -> tuple[bool, float]:
    """(take the labeller's value, the probability that the value kept is right).
    ``rescue``: how sure the labeller must be to replace a value that fails its check
    (``rules_ok`` false; None: never)."""
    if _same_value(name, rules, model):
        return False, RIGHT_WHEN_SANE[name] if rules_ok else 0.3
    if not sane(name, model, strict=True):
        return False, RIGHT_WHEN_SANE[name] if rules_ok else 0.2
    if not rules_ok:
        take = rescue is not None and confidence >= rescue
        return take, 0.9 * confidence if take else 0.2
    return False, 0.85 * RIGHT_WHEN_SANE[name]  # the labeller reads it otherwise


def _venue_may_lack(p: Parsed) -> bool:
    """A paper under review or in preparation rightly names no venue."""
    return p.status in ("under_review", "in_preparation")


def _model_authors(raw: str, legend: dict[str, str]) -> list[dict]:
    flat = plain(raw).strip(" ,.;:")
    w = _WITH.search(raw) if re.match(r"^\(?\s*with\b", flat, re.I) else None
    if w is None and re.match(r"^with\s", flat, re.I):
        w = _WITH.search(f"(with {flat[5:]})")
    if w is not None:
        found = Parsed()
        _add_with_authors(w, legend, found)
        return found.authors
    return _author_records(_trim_authors(raw), legend) or []


def _model_read(
    text: str, breaks: frozenset[int], legend: dict[str, str], default_year: int | None
) -> tuple[Parsed, dict[str, float]] | None:
    """The labeller's reading of one entry and its confidence per field (None: no model)."""
    labelled = field_labeller.label_entry(text, breaks)
    if labelled is None:
        return None
    runs = field_labeller.spans(labelled)
    out, confidence = Parsed(), {}

    def longest(label: str) -> field_labeller.Span | None:
        found = [s for s in runs if s.label == label]
        return max(found, key=lambda s: s.end - s.start) if found else None

    title = longest("title")
    if title:
        out.title = _title_clean(text[title.start : title.end])
        confidence["title"] = title.confidence
    people = [s for s in runs if s.label == "author"]
    if people:
        inside = [s for s in runs if people[0].start <= s.start and s.end <= people[-1].end]
        if any(s.label in ("title", "venue", "date") for s in inside):
            people = [longest("author")]
        raw = text[people[0].start : people[-1].end]
        out.authors = _model_authors(raw, legend)
        confidence["authors"] = min(s.confidence for s in people)
    venue = longest("venue")
    if venue:
        flat = _VENUE_PREFIX.sub("", plain(text[venue.start : venue.end]).strip(" []"))
        head = _venue_head(flat) if flat else None
        if head:
            _set_venue(head, out)
        confidence["venue"] = venue.confidence
    for span in runs:
        value = plain(text[span.start : span.end])
        if span.label == "date" and out.year is None:
            tag = re.search(r"['’](\d\d)\b", value)
            out.year = _year_of(value) or (_tag_year(tag.group(1)) if tag else None)
            if out.year:
                out.month = _month_of(value)
                confidence["year"] = span.confidence
        elif span.label == "status":
            _status_from(value, out)
        elif span.label == "pages" and not out.pages:
            out.pages = re.sub(r"^(?:pp?\.|pages)\s*", "", value.strip(" .,;:()")) or None
    if out.year is None and default_year:
        out.year = default_year
        confidence["year"] = 0.5
    return out, confidence


def _combine(
    rules: Parsed, text: str, breaks: frozenset[int], legend: dict[str, str],
    default_year: int | None,
) -> dict:  # fmt: skip
    """Take fields from the labeller where ``choose`` says so; the entry's x_confidence.

    The labeller runs only where a field it may replace fails its check (its time
    goes to the entries that need it), or when benchmarks/eval_fields.py traces."""
    ok = {name: _rules_ok(name, rules) for name in CHOSEN_FIELDS}
    needed = any(not ok[n] and RESCUE[n] is not None for n in CHOSEN_FIELDS)
    read = _model_read(text, breaks, legend, default_year) if needed or TRACE is not None else None
    if TRACE is not None:  # the entry as the labeller reads it; its readings, if any
        TRACE.append({"text": plain(text), "source": text, "breaks": breaks, "ok": ok})
    if read is None:
        kept = {n: RIGHT_WHEN_SANE[n] if ok[n] else 0.3 for n in CHOSEN_FIELDS}
    else:
        model, confidence = read
        if TRACE is not None:
            readings = {side: {n: copy.deepcopy(_field_value(p, n)) for n in CHOSEN_FIELDS}
                        | {"venue_short": p.venue_short}
                        for side, p in (("rules", rules), ("model", model))}  # fmt: skip
            TRACE[-1].update(confidence=confidence, **readings)
        kept = {}
        for name in CHOSEN_FIELDS:
            take, kept[name] = choose(
                name,
                _field_value(rules, name),
                _field_value(model, name),
                confidence.get(name, 0.0),
                RESCUE[name],
                ok[name],
            )
            if take and name == "venue":
                rules.venue, rules.venue_short = model.venue, model.venue_short
            elif take:
                setattr(rules, name, getattr(model, name))
    if DROP_BAD_VENUE and rules.venue and not sane("venue", rules.venue):
        rules.venue = None  # a month or a link label read as the venue: worse than none
    product = 1.0
    for value in kept.values():
        product *= value
    # Sane fields are right together more often than apart (0.975 of entries whose four
    # fields pass their checks): the square root of the product, not the product.
    return {"entry": round(product**0.5, 3), "fields": {k: round(v, 3) for k, v in kept.items()}}


# ---------------------------------------------------------------- public API
def parse_publications(
    lines: list[tuple[int, str]],
    *,
    category: str | None,
    owner: str | None,
    starts: Collection[int] = (),
) -> list[dict]:
    """CV JSON publication dicts from the lines of one publication (sub)section.

    `lines` are (source line number, text) pairs that may still carry Markdown
    and HTML markup. `owner` (the CV owner's name, if known) marks `is_self`
    where the list does not bold it and stands for the author of entries that
    name no authors. A year given as the sub-heading becomes the entries'
    default year instead of a category. ``starts``: line numbers the line labeller
    marks as opening an entry (a citation may then start after an unfinished line).
    """
    default_year = None
    if category and re.fullmatch(r"\s*(?:19|20)\d\d\s*", category):
        default_year, category = int(category), None
    legend: dict[str, str] = {}
    classified: list[Line] = []
    blank = False
    previous = None
    for number, raw in lines:
        if not raw.strip():
            blank = True
            continue
        # A gap in the line numbers is a blank line the caller left out.
        blank = blank or (previous is not None and number > previous + 1)
        previous = number
        line = _classify_line(number, raw, blank)
        # A list number alone on its line ("1." above a wrapped citation) marks the next
        # line, unless the line before it runs on: "pp. 42–" / "48." is a page range.
        if (
            classified
            and re.fullmatch(r"\[\d{1,3}\]|\(\d{1,3}\)|\d{1,3}[.)]", plain(classified[-1].text))
            and not (len(classified) > 1 and re.search(r"[-–—,(]$", plain(classified[-2].text)))
        ):
            line.marker = line.marker or "number"
            classified.pop()
        classified.append(line)
        blank = False
    content: list[Line] = []
    current_category = category
    categories: dict[int, str | None] = {}
    years: dict[int, int | None] = {}
    for k, line in enumerate(classified):
        nxt = classified[k + 1] if k + 1 < len(classified) else None
        explained = _legend(line.text)
        if explained:
            legend.update(explained)
            continue
        if _is_subheading(line) or _is_plain_subheading(line, content, nxt):
            current_category = plain(line.text).strip(" :")
            continue
        flat = plain(line.text)
        if _YEAR_LINE.match(flat) and line.marker != "def" and not (nxt and nxt.marker == "def"):
            default_year = int(flat[:4])  # a year heading over the entries below it
            continue
        categories[line.number] = current_category
        years[line.number] = default_year
        content.append(line)
    publications = []
    for group in _segment(content, starts):
        first = group[0].number
        parsed = _read_entry(group, legend, years.get(first), categories.get(first))
        # Whether the lines are an entry at all is the rules' call, made on their reading.
        if not parsed.title or _is_prose(parsed, group):
            continue
        text, breaks = _entry_text(group)
        confidence = _combine(parsed, text, breaks, legend, years.get(first))
        entry = _to_dict(parsed, categories.get(first), [ln.number for ln in group])
        entry["x_confidence"] = confidence
        publications.append(entry)
    _mark_self(publications, owner)
    return publications


def _entry_text(group: list[Line]) -> tuple[str, frozenset[int]]:
    """One entry's lines joined, and where each line begins in the joined text."""
    parts, breaks, size = [], set(), 0
    for line in group:
        if size:
            size += 1
        breaks.add(size)
        parts.append(line.text)
        size += len(line.text)
    return " ".join(parts), frozenset(breaks)


def _is_prose(parsed: Parsed, group: list[Line]) -> bool:
    """A remark about the list ("My publication list is always up to date on arXiv."):
    a sentence with no authors, venue or year."""
    text = plain(" ".join(ln.text for ln in group))
    if parsed.authors or parsed.year or not text.endswith((".", ":")):
        return False
    if re.search(r"\b(?:my|me|I|you|your|our|we)\b", text, re.IGNORECASE):
        return True
    verb = r"\b(?:is|are|was|were|match(?:es)?|see|find|lists?|listed|updated|include[sd]?)\b"
    return bool(re.search(verb, text)) and len(text.split()) >= 6 and not parsed.venue


def _to_dict(p: Parsed, category: str | None, x_lines: list[int]) -> dict:
    notes = list(dict.fromkeys(n.strip() for n in p.notes if n and n.strip()))
    return {
        "title": p.title,
        "authors": p.authors,
        "venue": p.venue,
        "venue_short": p.venue_short,
        "year": p.year,
        "month": p.month,
        "status": p.status,
        "doi": p.doi,
        "pages": p.pages,
        "location": p.location,
        "category": category,
        "links": p.links,
        "note": "; ".join(notes) or None,
        "x_lines": x_lines,
    }


def _mark_self(publications: list[dict], owner: str | None) -> None:
    """Fill owner placeholders, mark the owner's name, and drop helper keys."""
    bold = Counter(
        a["name"] for p in publications for a in p["authors"] if a["is_self"] and a["name"]
    )
    self_names = list(bold)
    if owner:
        self_names.append(owner)
        owner = owner.title() if owner.isupper() else owner  # "BENJAMIN DAVIES" as a name
    elif not bold:
        guess = frequent_author(publications)
        if guess:
            self_names.append(guess)
    for p in publications:
        for a in p["authors"]:
            if a.get("x_owner"):
                a["name"] = owner or (bold.most_common(1)[0][0] if bold else "")
            if any(names.same_person(a["name"], s) for s in self_names):
                a["is_self"] = True
            for key in ("x_owner", "x_marks", "x_remark"):
                a.pop(key, None)
        p["authors"] = [a for a in p["authors"] if a["name"]]
        if not p["authors"] and owner:  # an entry that names no author is the owner's
            p["authors"] = [{"name": owner, "equal_contribution": False, "is_self": True}]


def mark_self(publications: list[dict], owner: str) -> None:
    """Mark `owner` as self in publications parsed before the owner was known."""
    for p in publications:
        for a in p["authors"]:
            if names.same_person(a["name"], owner):
                a["is_self"] = True


def frequent_author(publications: list[dict]) -> str | None:
    """The name on most entries, when it is on most of them (an owner who is not bold)."""
    counts: Counter[str] = Counter()
    spelled: dict[str, Counter[str]] = {}
    for p in publications:
        seen = set()
        for a in p["authors"]:
            key = "|".join(names.name_key(a["name"]))
            if a["name"] and key not in seen:
                seen.add(key)
                counts[key] += 1
                spelled.setdefault(key, Counter())[a["name"]] += 1
    if not counts:
        return None
    ranked = counts.most_common(2)
    key, n = ranked[0]
    if len(ranked) > 1 and ranked[1][1] == n:
        return None  # two names on as many entries: no telling which is the owner
    if n >= 3 and n >= 0.6 * len(publications):
        return spelled[key].most_common(1)[0][0]
    return None


def self_name(publications: list[dict]) -> str | None:
    """The owner's name as printed: the most frequent self-marked author, else the
    author on most entries."""
    marked = Counter(a["name"] for p in publications for a in p["authors"] if a.get("is_self"))
    if marked:
        return marked.most_common(1)[0][0]
    return frequent_author(publications)


def _same_work(a: dict, b: dict) -> bool:
    """Two listings of one title are one work unless one is a paper and the
    other something else (the dataset or app that goes with it)."""
    if a["year"] and b["year"]:
        return a["year"] == b["year"]
    return bool(a["venue"]) == bool(b["venue"])


def merge_duplicates(publications: list[dict]) -> list[dict]:
    """One entry per paper when a CV lists it twice (a "Selected" list and the full list).

    The fuller record wins (more authors, then more filled fields); its
    position and category are kept, and the source lines of both are joined.
    """

    def key(p: dict) -> str:
        return re.sub(r"[^a-z0-9]+", "", names.strip_accents(p["title"]).lower())

    def weight(p: dict) -> tuple[int, int]:
        filled = sum(1 for k in ("venue", "year", "doi", "pages", "status") if p.get(k))
        return len(p["authors"]), filled

    kept: list[dict] = []
    by_title: dict[str, list[dict]] = {}
    for p in publications:
        same = [q for q in by_title.get(key(p), []) if _same_work(q, p)]
        if not same:
            by_title.setdefault(key(p), []).append(p)
            kept.append(p)
            continue
        earlier = same[0]
        # On a tie the later entry (the full list after a "Selected" one) wins.
        keep, drop = (p, earlier) if weight(p) >= weight(earlier) else (earlier, p)
        keep["x_lines"] = sorted(set(keep.get("x_lines", []) + drop.get("x_lines", [])))
        if keep is p:
            kept[kept.index(earlier)] = p
            group = by_title[key(p)]
            group[group.index(earlier)] = p
    return kept


def finish_publications(publications: list[dict], owner: str | None) -> list[dict]:
    """The whole CV's publication list, after every (sub)section was parsed.

    Drops a paper's second listing, and when the owner is not known and no
    name is bold, marks the author found on most entries as the owner.
    """
    publications = merge_duplicates(publications)
    name = owner or self_name(publications)
    if name:
        mark_self(publications, name)
    return publications
