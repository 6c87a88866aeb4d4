"""Pages a shared cache (nginx's proxy_cache, a CDN) can keep, compressed where safe.

An anonymous visitor's page is the same for every anonymous visitor, so a proxy in
front of the app may serve it to all of them: it goes out with ``Cache-Control:
public, max-age=SHARED_CACHE_SECONDS``, unless it sets a cookie or carries a CSRF token
(the login and sign-up forms), which are the visitor's own. Signed-in pages are left
as they were. How long a proxy may serve a page unasked is short; after that it asks
again with the page's ETag, which the profile and publication pages work out from
their versions (profiles/graph_version.py) without drawing the page, and a page that
has not changed is answered ``304 Not Modified``.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.middleware.gzip import GZipMiddleware
from django.utils.cache import has_vary_header, patch_cache_control, patch_vary_headers

from config.release import release

SHARED_CACHE_SECONDS = 60


def holds_csrf_token(response: HttpResponse) -> bool:
    """Whether the page holds a CSRF token: CsrfViewMiddleware sends the cookie with
    every page that used the token (it renews the cookie's expiry)."""
    return settings.CSRF_COOKIE_NAME in response.cookies


def is_anonymous_page(request: HttpRequest) -> bool:
    """A page every anonymous visitor gets alike: no user, no one-time message."""
    user = getattr(request, "user", None)
    return not (user and user.is_authenticated) and "messages" not in request.COOKIES


def anonymous_etag(version: Callable[[str], str | None]) -> Callable[..., str | None]:
    """An ``etag_func`` for ``django.views.decorators.http.condition``: the page's
    version (``version(slug)``, None when there is no such page) and the code's, for
    anonymous visitors only; a signed-in page holds its user's own header and token."""

    def etag(request: HttpRequest, slug: str) -> str | None:
        if not is_anonymous_page(request):
            return None
        found = version(slug)
        return None if found is None else f"{release()[:16]}-{found}"

    return etag


class SharedCacheMiddleware:
    """``Cache-Control: public`` with a short ``max-age`` on anonymous pages."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if has_vary_header(response, "HX-Request"):
            # A history restore comes from htmx too but gets the whole page
            # (config/htmx.py): without this, a cache gave Back the fragment.
            patch_vary_headers(response, ["HX-History-Restore-Request"])
        if (
            request.method in ("GET", "HEAD")
            and response.status_code in (200, 304)
            and not response.cookies  # a CSRF token's or a session's: the visitor's own
            and not response.has_header("Cache-Control")
            and is_anonymous_page(request)
        ):
            patch_cache_control(response, public=True, max_age=SHARED_CACHE_SECONDS)
        return response


class GZipWithoutCsrfMiddleware(GZipMiddleware):
    """Compresses pages that hold no CSRF token. BREACH: in a compressed page that
    holds a secret and echoes text from the request, the size tells an attacker who
    chooses that text how much of it matches the secret. The CSRF token is the one
    secret a page holds; Django masks it anew on every page, but pages with one are
    few (forms, signed-in pages) and stay as they are."""

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        if holds_csrf_token(response):
            return response
        return super().process_response(request, response)
