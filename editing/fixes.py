"""Quick fixes to a draft CV (its CV JSON before the import): swap two fields, split an
entry at a source line, merge it with the next, move it to another section, turn it into
an unparsed line, delete it; the last two can be undone.

Each fix changes the ``cv`` dict it is given and raises ``FixError`` (with words for the
reviewer) when it cannot be made; ``check_entry`` holds what it produced to the CV JSON
schema's rules before the view saves it.
"""

import hashlib
import json
import re

from cvparse.names import split_authors, strip_marks
from cvparse.source import SourceLine, publication_from_lines

from .flags import MAIN_FIELD, is_blank_entry
from .review import LIST_SECTIONS, REVIEW_FIELDS, SECTION_TITLES, add_to_section, blank_entry

# Undo records kept in the draft (under an x_ key, which CV JSON leaves to extensions).
UNDO_KEY = "x_removed"
UNDO_KEPT = 20
SWAPPABLE = {
    section: [
        name
        for name, kind in fields
        if kind in ("text", "textarea") or (section, name) == ("publications", "authors")
    ]
    for section, fields in REVIEW_FIELDS.items()
    if section in LIST_SECTIONS
}
# Fields with the same meaning in two sections, carried over when an entry moves.
SAME_MEANING = [
    {"institution", "organization", "issuer"},
    {"start", "term"},
    {"details", "description"},
]
_DATE = re.compile(r"^((19|20)\d\d(-(0[1-9]|1[0-2]))?|present)$")


class FixError(ValueError):
    """A quick fix that cannot be made; the message says why, for the reviewer."""


def entry_version(entry: dict) -> str:
    """A short digest of the entry as the reviewer saw it: a fix posted with another one
    was made on a page the draft has moved on from."""
    data = json.dumps(entry, sort_keys=True, ensure_ascii=False).encode()
    return hashlib.sha256(data).hexdigest()[:16]


def entry_text(section: str, entry: dict, lines: dict[int, SourceLine]) -> str:
    """The entry as one line: its source lines when known, else its fields' text."""
    if source := [lines[no].text for no in entry.get("x_lines", []) if no in lines]:
        return " ".join(text for text in source if text)
    parts = []
    for name, kind in REVIEW_FIELDS[section]:
        value = entry.get(name)
        if kind == "authors":
            value = ", ".join(a["name"] for a in value or [])
        elif isinstance(value, list):
            value = "; ".join(value)
        if value not in (None, ""):
            parts.append(str(value))
    return ". ".join(parts)


# --- swap -------------------------------------------------------------------------------


def swap_fields(cv: dict, section: str, index: int, first: str, second: str) -> None:
    fields = SWAPPABLE.get(section, [])
    if first == second or first not in fields or second not in fields:
        raise FixError("Choose two different fields of this entry to swap.")
    entry = cv[section][index]
    owner = cv["person"]["name"]
    entry[first], entry[second] = (
        _as_field(second, first, entry[second], owner),
        _as_field(first, second, entry[first], owner),
    )


def _as_field(source: str, target: str, value, owner: str | None):
    """``value`` of field ``source`` as field ``target`` holds it (authors are a list)."""
    if source == "authors" and target != "authors":
        return ", ".join(a["name"] for a in value) or None
    if target == "authors" and source != "authors":
        names = [strip_marks(name)[0] for name in split_authors(value or "")]
        return [
            {"name": name, "equal_contribution": False, "is_self": name == owner}
            for name in names
            if name
        ]
    return value


# --- split and merge --------------------------------------------------------------------


def split_entry(cv: dict, section: str, index: int, at: int, lines: dict[int, SourceLine]) -> None:
    """Two entries: the lines before source line ``at``, and ``at`` with those after."""
    entry = cv[section][index]
    numbers = sorted(entry.get("x_lines") or [])
    if at not in numbers[1:] or any(no not in lines for no in numbers):
        raise FixError("Choose one of this entry’s lines, after its first, to split at.")
    before = [lines[no] for no in numbers if no < at]
    after = [lines[no] for no in numbers if no >= at]
    first, second = (_entry_from(section, entry, part, cv) for part in (before, after))
    cv[section][index : index + 1] = [first, second]


def merge_with_next(cv: dict, section: str, index: int, lines: dict[int, SourceLine]) -> None:
    entries = cv[section]
    if index + 1 >= len(entries):
        raise FixError("This is the last entry of its section: there is none to merge it with.")
    first, second = entries[index], entries[index + 1]
    numbers = sorted({*first.get("x_lines", []), *second.get("x_lines", [])})
    if section == "publications" and numbers and all(no in lines for no in numbers):
        merged = _entry_from(section, first, [lines[no] for no in numbers], cv)
    else:
        merged = _combined(first, second)
        if numbers:
            merged["x_lines"] = numbers
    entries[index : index + 2] = [merged]


def _entry_from(section: str, entry: dict, part: list[SourceLine], cv: dict) -> dict:
    """The entry these source lines hold: a publication parsed again from them; in other
    sections the entry's fields kept, with the lines' text where the entry had none."""
    numbers = [line.no for line in part]
    text = " ".join(line.text for line in part if line.text)
    if section == "publications":
        owner = cv["person"]["name"]
        parsed = publication_from_lines(part, category=entry["category"], owner=owner)
        if parsed is not None and parsed["title"]:
            return parsed
        return {**blank_entry(section), "title": text, "authors": [], "x_lines": numbers}
    if numbers == sorted(entry.get("x_lines") or [])[: len(numbers)]:
        return {**entry, "x_lines": numbers}  # the first part keeps what was read from it
    if section == "sections":
        return {"heading": entry["heading"], "items": [text], "x_lines": numbers}
    if section == "skills":
        return {"category": entry["category"], "items": [text], "x_lines": numbers}
    return {**blank_entry(section), MAIN_FIELD[section]: text, "x_lines": numbers}


def _combined(first: dict, second: dict) -> dict:
    """The first entry, completed by the second: empty fields filled, lists joined."""
    merged = dict(first)
    for key, value in second.items():
        if key.startswith("x_"):
            continue
        mine = merged.get(key)
        if isinstance(mine, list) and isinstance(value, list):
            seen = [json.dumps(item, sort_keys=True) for item in mine]
            merged[key] = mine + [v for v in value if json.dumps(v, sort_keys=True) not in seen]
        elif mine in (None, "", []):
            merged[key] = value
    return merged


# --- move -------------------------------------------------------------------------------


def move_targets(cv: dict, section: str) -> list[tuple[str, str]]:
    """Where an entry of ``section`` can go: another list, or a titled section."""
    headings = [s["heading"] for s in cv["sections"] if s["heading"]]
    return [
        *((key, SECTION_TITLES[key]) for key in LIST_SECTIONS if key not in (section, "sections")),
        *((f"section:{h}", f"Section “{h}”") for h in dict.fromkeys([*headings, "Other"])),
    ]


def move_entry(
    cv: dict, section: str, index: int, target: str, lines: dict[int, SourceLine]
) -> None:
    if target not in dict(move_targets(cv, section)):
        raise FixError("Choose a section to move the entry to.")
    entry = cv[section][index]
    text = entry_text(section, entry, lines)
    if target.startswith("section:"):
        add_to_section(cv, target.removeprefix("section:"), text)
    elif target == "publications" and entry.get("x_lines"):
        source = [lines[no] for no in entry["x_lines"] if no in lines]
        moved = publication_from_lines(source, category=None, owner=cv["person"]["name"])
        cv[target].append(moved or {**blank_entry(target), "title": text, "authors": []})
    else:
        cv[target].append(_carried(section, entry, target, text))
    del cv[section][index]


def _carried(section: str, entry: dict, target: str, text: str) -> dict:
    """A new entry of ``target`` from ``entry``: its name, and the fields both sections have."""
    moved = blank_entry(target)
    kinds = dict(REVIEW_FIELDS[target])
    for name, kind in kinds.items():
        for source in [name, *next((s - {name} for s in SAME_MEANING if name in s), set())]:
            value = entry.get(source)
            if value in (None, "", []) or dict(REVIEW_FIELDS[section]).get(source) != kind:
                continue
            moved[name] = value
            break
    # A titled list's heading or a skill category names a group, not this entry: its text does.
    main = None if section in ("sections", "skills") else entry.get(MAIN_FIELD[section])
    moved[MAIN_FIELD[target]] = main or text
    if target == "skills":
        moved["items"] = moved["items"] or [text]
    if "x_lines" in entry:
        moved["x_lines"] = entry["x_lines"]
    return moved


# --- remove, and undo -------------------------------------------------------------------


def remove_entry(
    cv: dict, section: str, index: int, *, to_unparsed: bool, lines: dict[int, SourceLine]
) -> None:
    """Delete the entry, or turn it into an unparsed line; either is kept for undo."""
    entry = cv[section].pop(index)
    record = {"section": section, "index": index, "entry": entry, "line": None}
    if to_unparsed:
        record["line"] = entry_text(section, entry, lines) or "(empty entry)"
        cv["unparsed"].append(record["line"])
    cv[UNDO_KEY] = [*cv.get(UNDO_KEY, []), record][-UNDO_KEPT:]


def undo_removal(cv: dict, position: int) -> dict:
    """Put a removed entry back where it was; returns its record (section, index, entry)."""
    records = cv.get(UNDO_KEY, [])
    if not 0 <= position < len(records):
        raise FixError("There is nothing to undo there any more.")
    record = records[position]
    if record["line"] is not None:
        if record["line"] not in cv["unparsed"]:
            raise FixError("Its unparsed line has been moved since: the entry cannot come back.")
        # The last copy: the line this record added, not an identical one the parser left.
        del cv["unparsed"][len(cv["unparsed"]) - 1 - cv["unparsed"][::-1].index(record["line"])]
    entries = cv[record["section"]]
    entries.insert(min(record["index"], len(entries)), record["entry"])
    del records[position]
    return record


def undo_records(cv: dict) -> list[tuple[int, dict]]:
    """The removals that can be undone, newest first, with their positions."""
    return list(reversed(list(enumerate(cv.get(UNDO_KEY, [])))))


# --- validation -------------------------------------------------------------------------


def check_entry(section: str, entry: dict) -> None:
    """Hold an entry a fix produced to the CV JSON schema's types for the fields the review
    edits; FixError says what is wrong. An entry with nothing in it is refused too."""
    for name, kind in REVIEW_FIELDS[section]:
        value = entry.get(name)
        if kind == "authors":
            ok = isinstance(value, list) and all(
                isinstance(a, dict)
                and isinstance(a.get("name"), str)
                and isinstance(a.get("equal_contribution"), bool)
                and isinstance(a.get("is_self"), bool)
                for a in value
            )
        elif kind == "lines":
            ok = isinstance(value, list) and all(isinstance(v, str) for v in value)
        elif kind == "year":
            ok = value is None or (type(value) is int and 1900 <= value <= 2100)
        elif kind == "date":
            ok = value is None or (isinstance(value, str) and bool(_DATE.match(value)))
        else:
            ok = value is None or isinstance(value, str)
        if not ok:
            raise FixError(f"That would leave the {name.replace('_', ' ')} malformed.")
    if section == "publications" and not (entry.get("title") or "").strip():
        raise FixError("That would leave a publication without a title.")
    if is_blank_entry(section, entry):
        raise FixError("That would leave an entry with nothing in it.")
