"""One rule for every page with an htmx fragment."""

from django.http import HttpRequest


def template_for(request: HttpRequest, template: str, partial: str) -> str:
    """``template#partial`` for an htmx request, the whole page otherwise.

    A history restore (the back button after the cache expired) needs the whole
    page, so it gets it although it comes from htmx.
    """
    if request.htmx and not request.htmx.history_restore_request:
        return f"{template}#{partial}"
    return template
