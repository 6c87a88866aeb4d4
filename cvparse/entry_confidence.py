"""How far to trust an education, position, award or teaching entry: ``x_confidence``.

Each field gets the chance that it is right, from checks a reader would make (the
dates parse and run forwards, the institution reads like an organisation, the degree
is one the parser knows, the role names a job); the entry's is their product, the
chance that all of them are. The review screen flags an entry below 0.6.
"""

from __future__ import annotations

import re
from datetime import date

from .blocks import INSTITUTION, looks_like_role
from .entries import _DEGREE, _TEACH_ROLE, _org_rank

_LATEST = date.today().year + 8  # "expected 2031"
_NAME = re.compile(r"^[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|van|von|de|der|da|del|di|le|la)){1,4}$")
_SENTENCE = re.compile(r"^(?:I|My|We|Our)\b|[.!?]\s+[A-Z]")


def _organisation(name: str | None) -> float:
    if not name:
        return 0.3
    if _SENTENCE.search(name):
        return 0.25  # a sentence, not a name
    if len(name.split()) > 10:
        return 0.4  # a name run on into the next piece
    if INSTITUTION.search(name) or _org_rank(name):
        return 0.995
    return 0.92 if name[:1].isupper() else 0.5


def _year(value: str | None) -> int | None:
    match = re.match(r"(\d{4})", value or "")
    return int(match.group(1)) if match else None


def _dates(start: str | None, end: str | None) -> float:
    if not start and not end:
        return 0.6
    years = [y for y in (_year(start), _year(end)) if y is not None]
    if any(not 1940 <= y <= _LATEST for y in years):
        return 0.15
    if len(years) == 2 and years[1] < years[0]:
        return 0.1
    if start and end and (start > end and end != "present" and not end.startswith(start)):
        return 0.2  # "2019-09" after "2019-05"? the months ran backwards
    return 0.995


def _people(names: list[str]) -> float:
    if not names:
        return 0.995  # most entries name nobody
    return 0.98 if all(_NAME.match(n) for n in names) else 0.5


def _degree(degree: str | None) -> float:
    if not degree:
        return 0.5
    return 0.995 if _DEGREE.match(degree) else 0.7


def _role(title: str | None) -> float:
    if not title:
        return 0.45
    if len(title.split()) > 10 or _SENTENCE.search(title):
        return 0.25
    return 0.995 if looks_like_role(title) or _TEACH_ROLE.search(title) else 0.75


def _text(value: str | None, *, most_words: int) -> float:
    if not value:
        return 0.3
    words = len(value.split())
    if re.match(r"(?:I|My|We|Our)\b", value) or words > 2 * most_words:
        return 0.25  # a paragraph, not a name
    if _SENTENCE.search(value):
        return 0.65  # two sentences: a name with its note or body run on
    return 0.99 if words <= most_words else 0.7


def _checks(kind: str, entry: dict) -> dict[str, float]:
    if kind == "education":
        return {
            "institution": _organisation(entry["institution"]),
            "degree": _degree(entry["degree"]),
            "dates": _dates(entry["start"], entry["end"]),
            "advisors": _people(entry["advisors"]),
        }
    if kind == "positions":
        return {
            "organization": _organisation(entry["organization"]),
            "title": _role(entry["title"]),
            "dates": _dates(entry["start"], entry["end"]),
            "supervisors": _people(entry["supervisors"]),
        }
    if kind == "awards":
        year = entry["year"]
        return {
            "title": _text(entry["title"], most_words=14),
            "year": 0.995 if year and 1940 <= year <= _LATEST else 0.6 if not year else 0.15,
        }
    return {  # teaching: a course, or a role where a job teaches no named course
        "course": (
            _text(entry["course"], most_words=12) if entry["course"] else 0.7 * bool(entry["role"])
        ),
        "role": 0.99 if entry["role"] else 0.8,
        "term": 0.995 if re.search(r"(?:19|20)\d\d", entry["term"] or "") else 0.9,
    }


def add_confidence(kind: str, entry: dict) -> None:
    """Sets ``entry["x_confidence"]``: each checked field's chance of being right and
    the entry's (their product)."""
    fields = _checks(kind, entry)
    if "dates" in fields:
        fields["start"] = fields["end"] = fields.pop("dates")
        product = fields["start"]
        others = [v for k, v in fields.items() if k not in ("start", "end")]
    else:
        product = 1.0
        others = list(fields.values())
    for value in others:
        product *= value
    entry["x_confidence"] = {
        "entry": round(product, 3),
        "fields": {k: round(v, 3) for k, v in fields.items()},
    }
