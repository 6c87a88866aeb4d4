"""Per-line features for the line labeller, GROBID-style: layout and shape only.

No raw word of any document becomes a feature: words count only when they belong to
the closed vocabulary below (section words, months, degrees, roles, statuses), so a
model trained on real CVs keeps nothing personal from them.
"""

from __future__ import annotations

import re

from ..sections import Line, heading_kind


def _split(text: str) -> list[str]:
    return text.split("|")


# The closed vocabulary: the only words a feature may name.
VOCABULARY = frozenset(
    _split(
        "about|education|experience|employment|positions|appointments|publications|papers|"
        "articles|journal|journals|conference|conferences|proceedings|preprints|books|chapters|"
        "awards|honors|honours|prizes|fellowships|grants|funding|teaching|courses|talks|"
        "presentations|invited|service|skills|languages|interests|research|projects|software|"
        "references|contact|summary|profile|biography|news|activities|selected|recent|other|"
        "professional|academic|refereed|peer|reviewed|working|submitted|review|preparation|"
        "january|february|march|april|may|june|july|august|september|october|november|december|"
        "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|spring|summer|fall|autumn|winter|"
        "present|current|now|expected|since|phd|ph.d.|d.phil|msc|m.sc.|ms|m.s.|ma|m.a.|mphil|"
        "mba|bsc|b.sc.|bs|b.s.|ba|b.a.|beng|meng|bachelor|master|masters|doctor|doctorate|"
        "diploma|degree|thesis|dissertation|advisor|advisors|supervisor|supervisors|committee|"
        "gpa|cum|laude|university|college|institute|school|department|faculty|laboratory|lab|"
        "center|centre|professor|assistant|associate|lecturer|postdoctoral|postdoc|researcher|"
        "scientist|fellow|intern|engineer|student|visiting|director|editor|reviewer|member|"
        "chair|forthcoming|accepted|published|press|appear|under|revise|resubmit|in|with|and|"
        "of|the|et|al|vol|pp|no|doi|arxiv|email|e-mail|phone|tel|mobile|address|web|homepage|"
        "website|github|linkedin|orcid"
    )
)
_WORD = re.compile(r"[A-Za-z][A-Za-z.'-]*")
_YEAR = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")
_RANGE = re.compile(
    r"\b(19|20)\d\d\s*[–—−-]+\s*((19|20)?\d\d\b|present|now|current|today)|\b(19|20)\d\d\s*[–—−-]+\s*$",
    re.I,
)
_MONTH = re.compile(
    r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+(19|20)\d\d\b", re.I
)
_NUMBERED = re.compile(r"^\s*(\[\w{0,3}\d{1,3}\]|\(\d{1,3}\)|\d{1,3}[.)])\s")
_BULLET_GLYPH = re.compile(r"^\s*[-*+•·◦▪■●○►‣⁃–—]\s")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
_URL = re.compile(r"https?://|www\.|\]\(")
_PHONE = re.compile(r"\+?\d[\d ().-]{7,}\d")
_INITIALS = re.compile(r"\b[A-Z]\.(?:\s?[A-Z]\.)*")
_LABEL = re.compile(r"^[A-Z][A-Za-z /&().'-]{0,30}:\s*\S")
_PAREN_YEAR = re.compile(r"\((19|20)\d\d[a-z]?\)")
_QUOTED = re.compile(r"[\"“”]")
_ITALIC = re.compile(r"(?<![*\w])[*_][^*_\s][^*_]*[*_](?![*\w])")
_DATE_START = re.compile(r"^\W{0,3}((19|20)\d\d|[A-Z][a-z]{2,8}\.? (19|20)\d\d)")
_DATE_END = re.compile(r"((19|20)\d\d|present|now)\W{0,3}$", re.I)
_DATE_END_SPAN = 10  # the longest match: "present" and three non-word characters
_ET_AL = re.compile(r"\bet al\b")
_NOT_LETTER = re.compile(r"[^A-Za-z]")
_ENDS = {".": "dot", ",": "comma", ":": "colon", ";": "semi"}

# The subset of a line's features its neighbours see (prefixed p:/n:).
_CONTEXT = ("h", "bold", "bullet", "num", "caps", "wc", "end", "kind", "years", "blank", "ind")
_FAR_CONTEXT = ("h", "bold", "bullet", "kind", "blank")  # what the lines two away see


def _bucket(value: int, edges: tuple[int, ...]) -> str:
    for edge in edges:
        if value <= edge:
            return str(edge)
    return f">{edges[-1]}"


def _caps(text: str) -> str:
    letters = _NOT_LETTER.sub("", text)
    if not letters:
        return "none"
    if letters.isupper():
        return "upper" if len(letters) > 3 else "short-upper"
    words = [w for w in _WORD.findall(text) if len(w) > 3]
    if words and all(w[0].isupper() for w in words):
        return "title"
    return "first-upper" if text.lstrip("*_[( ")[:1].isupper() else "lower"


def _shape(line: Line) -> dict[str, str]:
    """The compact description of one line (its own and its neighbours' features)."""
    text = line.text.strip()
    raw = line.raw
    words = text.split()
    last = text.rstrip("*_ )]")[-1:] if text else ""
    numbered = _NUMBERED.match(raw)
    return {
        "h": str(line.heading_level or 0),
        "bold": str(int(line.bold)),
        "bullet": str(int(line.bullet and not numbered)),
        "num": str(int(bool(numbered))),
        "caps": _caps(text),
        "wc": _bucket(len(words), (1, 2, 3, 5, 8, 12, 20, 35)),
        "end": _ENDS.get(
            last, "digit" if last.isdigit() else "alpha" if last.isalpha() else "punct"
        ),
        "kind": (len(words) <= 7 and heading_kind(text.rstrip(":"))) or "none",
        "years": str(min(len(_YEAR.findall(text)), 2)) if _has_century(text) else "0",
        "ind": _bucket(len(raw) - len(raw.lstrip()), (0, 2, 4)),
    }


def _has_century(text: str) -> bool:
    return "19" in text or "20" in text


def _flags(line: Line, text: str, marked: str) -> list[str]:
    """The names of the yes/no features a line has, in a fixed order. A cheap test of a
    character a pattern cannot match without comes before the pattern."""
    raw = line.raw
    century = _has_century(text)  # every year pattern but date_end's words needs one
    found = (
        ("range", century and _RANGE.search(text)),
        ("month", century and _MONTH.search(text)),
        ("date_start", century and _DATE_START.match(text)),
        ("date_end", _DATE_END.search(text[-_DATE_END_SPAN:])),
        ("email", "@" in text and _EMAIL.search(text)),
        ("url", _URL.search(line.marked)),
        ("phone", _PHONE.search(text)),
        ("label", ":" in text and _LABEL.match(text)),
        ("paren_year", century and "(" in text and _PAREN_YEAR.search(text)),
        ("quoted", _QUOTED.search(text)),
        ("italic", ("*" in raw or "_" in raw) and _ITALIC.search(raw)),
        ("bold_start", marked.startswith("**")),
        ("bold_part", "**" in marked and not line.bold),
        ("link_start", marked.startswith("[")),
        ("pipe", "|" in raw),
        ("et_al", "et al" in text and _ET_AL.search(text)),
        ("lower_start", text[:1].islower()),
        ("hyphen_end", text.endswith("-")),
        ("bullet_glyph", _BULLET_GLYPH.match(raw)),
    )
    return [name for name, value in found if value]


def features(lines: list[Line], fmt: str) -> list[list[str]]:
    """Features of each line of ``lines`` (the non-blank lines of a document, in order),
    by name, each with the value 1 (crfsuite reads a list of names so, and faster than a
    dict); ``blank_before`` comes from the line numbers: a gap in them is a blank line."""
    shapes = [_shape(line) for line in lines]
    for index, line in enumerate(lines):
        shapes[index]["blank"] = str(int(index == 0 or lines[index - 1].no < line.no - 1))
    # Each line's shape as its neighbours see it, written once (a line has four neighbours).
    seen_as = {
        prefix: [[f"{prefix}:{key}={shape[key]}" for key in keys] for shape in shapes]
        for prefix, keys in (("p", _CONTEXT), ("n", _CONTEXT), ("pp", _FAR_CONTEXT),
                             ("nn", _FAR_CONTEXT))
    }  # fmt: skip
    out: list[list[str]] = []
    total = len(lines)
    for index, line in enumerate(lines):
        text = line.text.strip()
        marked = line.marked.strip()
        shape = shapes[index]
        names = ["bias", f"fmt={fmt}"]
        names.extend(f"{k}={v}" for k, v in shape.items())
        tokens = [w.lower().rstrip(".,:;") for w in _WORD.findall(text)]
        # A fixed order: the same model on every run.
        names.extend(f"w={word}" for word in sorted(set(tokens)) if word in VOCABULARY)
        first = tokens[0] if tokens else ""
        names.append(f"first={first if first in VOCABULARY else 'oov'}")
        names.append(f"first_char={_char_class(text[:1])}")
        names.append(f"chars={_bucket(len(text), (10, 25, 45, 70, 100, 160))}")
        names.extend(_flags(line, text, marked))
        initials = len(_INITIALS.findall(text)) if "." in text else 0
        names.append(f"initials={_bucket(initials, (0, 1, 3))}")
        names.append(f"commas={_bucket(text.count(','), (0, 1, 3, 6))}")
        names.append(f"pos={_bucket(index, (0, 1, 2, 4, 8, 15))}")
        names.append(f"rel={min(9, index * 10 // max(total, 1))}")
        for offset, prefix in ((-1, "p"), (1, "n"), (-2, "pp"), (2, "nn")):
            other = index + offset
            if 0 <= other < total:
                names.extend(seen_as[prefix][other])
            else:
                names.append(f"{prefix}:none")
        if index:
            before = shapes[index - 1]
            same = all(shape[k] == before[k] for k in ("ind", "caps", "bold"))
            names.append(f"same_as_prev={int(same)}")
        if index + 1 < total:
            names.append(f"blank_after={shapes[index + 1]['blank']}")
        out.append(names)
    return out


def _char_class(char: str) -> str:
    if not char:
        return "none"
    if char.isupper():
        return "upper"
    if char.islower():
        return "lower"
    if char.isdigit():
        return "digit"
    return "punct"
