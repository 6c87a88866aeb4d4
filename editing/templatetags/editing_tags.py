"""Template checks for edit controls on pages other apps render (the profile page)."""

from django import template

register = template.Library()


@register.filter
def editable_by(person, user) -> bool:
    """Whether ``user`` may edit ``person``'s profile (and so its publications)."""
    return person.is_editable_by(user)
