"""Small filters for showing CV JSON drafts in the review page."""

from django import template

from editing.review import REVIEW_FIELDS

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
