"""Small filters for showing CV JSON drafts in the review page."""

from django import template

from editing.flags import MAIN_FIELD
from editing.review import REVIEW_FIELDS, SECTION_TITLES

register = template.Library()


@register.filter
def draft_fields(entry: dict, section: str) -> list[tuple[str, str]]:
    """The entry's non-empty reviewed fields as (label, text), authors aside."""
    shown = []
    for name, kind in REVIEW_FIELDS[section]:
        value = entry.get(name)
        if kind == "authors" or value in (None, "", []):
            continue
        text = "; ".join(value) if isinstance(value, list) else str(value)
        shown.append((name.replace("_", " ").capitalize(), text))
    return shown


@register.filter
def lookup(mapping: dict, key):
    return mapping.get(key) if mapping else None


@register.filter
def entry_label(entry: dict, section: str) -> str:
    """The entry in one line, for a folded row or a notice: its name, then year or dates."""
    if section == "person":
        return entry.get("name") or "(no name)"
    name = entry.get(MAIN_FIELD[section]) or ""
    if section in ("sections", "skills"):
        name = f"{name}: {'; '.join(entry.get('items') or [])}".strip(": ")
    elif section in ("education", "positions"):
        role = entry.get("degree") or entry.get("title")
        name = ", ".join(part for part in (role, name) if part)
    when = entry.get("year") or "–".join(
        str(entry[key]) for key in ("start", "end") if entry.get(key)
    )
    label = f"{name} ({when})" if when else name
    return label or "(empty entry)"


@register.filter
def section_title(section: str) -> str:
    return SECTION_TITLES[section]
