"""Why a parsed entry may be wrong: the parser's own doubt (``x_confidence``) and checks of
what parsers typically get wrong (a title made of author names, a month as the venue, a
link label or URL where text belongs, a missing year, a run-on title, empty fields)."""

import re

from cvparse.kinds import MONTH_WORDS, is_date, is_link_label, is_url
from cvparse.names import looks_like_name, split_authors, strip_marks

# Below this, the parser itself doubts the entry (its x_confidence, 0-1).
UNSURE_BELOW = 0.6
LONG_TITLE_WORDS = 40
# Text cut off at a bare month: "Updatable Security Views. July".
ENDS_IN_MONTH = re.compile(rf"[.,]\s+({MONTH_WORDS})\.?$", re.I)
# The field that names an entry, and the fields that must not be empty, per section.
MAIN_FIELD = {
    "education": "institution",
    "positions": "organization",
    "publications": "title",
    "awards": "title",
    "teaching": "course",
    "projects": "name",
    "skills": "category",
    "sections": "heading",
}
TEXT_FIELDS = {
    "publications": ("title", "venue"),
    "education": ("institution", "degree"),
    "positions": ("organization", "title"),
    "awards": ("title", "issuer"),
    "teaching": ("course",),
    "projects": ("name",),
}


def is_empty(value: object) -> bool:
    return value is None or value == "" or value == []


def is_blank_entry(section: str, entry: dict) -> bool:
    """Nothing that names the entry was found: its main field and its lists are empty."""
    if section == "sections":
        return not entry.get("items")
    if section == "skills":
        return not entry.get("items")
    return is_empty((entry.get(MAIN_FIELD[section]) or "").strip()) and not entry.get("authors")


def _is_names(text: str) -> bool:
    """Reads as an author list: every comma- or "and"-separated part is a person's name."""
    parts = [strip_marks(part)[0] for part in split_authors(text)]
    return bool(parts) and all(looks_like_name(part, strict=True) for part in parts)


def _misplaced(text: str) -> str | None:
    if is_date(text):
        return "is a date"
    if ENDS_IN_MONTH.search(text):
        return "ends in a month"
    if is_link_label(text):
        return "is a link label"
    if is_url(text):
        return "is a web address"
    return None


def _unsure(confidence: object) -> bool:
    return isinstance(confidence, int | float) and confidence < UNSURE_BELOW


def entry_flags(section: str, entry: dict) -> list[str]:
    """What looks wrong with one entry, in words for the reviewer; empty when nothing does."""
    flags = []
    confidence = entry.get("x_confidence") or {}
    if _unsure(sure := confidence.get("entry")):
        flags.append(f"The parser is unsure of this entry ({sure:.0%} confident).")
    for name, sure in (confidence.get("fields") or {}).items():
        if _unsure(sure):
            flags.append(f"The parser is unsure of the {name.replace('_', ' ')} ({sure:.0%}).")
    if section not in MAIN_FIELD:
        return flags
    if is_blank_entry(section, entry):
        flags.append("Nothing was found for this entry: its fields are empty.")
        return flags
    for name in TEXT_FIELDS.get(section, ()):
        text = (entry.get(name) or "").strip()
        if text and (problem := _misplaced(text)):
            flags.append(f"The {name} {problem}.")
    if section == "publications":
        title = (entry.get("title") or "").strip()
        authors = {a["name"] for a in entry.get("authors") or []}
        if title and (title in authors or _is_names(title)):
            flags.append("The title reads as a list of names.")
        if len(title.split()) > LONG_TITLE_WORDS:
            flags.append(f"The title is very long ({len(title.split())} words).")
        if not entry.get("authors"):
            flags.append("No authors were found.")
        if entry.get("year") is None and entry.get("status") not in ("in_preparation",):
            flags.append("No year was found.")
    if section == "awards" and entry.get("year") is None:
        flags.append("No year was found.")
    return flags
