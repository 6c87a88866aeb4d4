"""django-axes handlers that also lock out an address trying many usernames.

Axes counts failures per username and address (settings.AXES_LOCKOUT_PARAMETERS) with
one limit, five; an address guessing one password for many accounts never reaches it.
These handlers add a second, larger limit on the failures of one address, whatever the
usernames, counted in the project's own rate-limit cache.
"""

from axes.handlers.cache import AxesCacheHandler
from axes.handlers.database import AxesDatabaseHandler
from django.conf import settings
from django.http import HttpRequest

from .ratelimit import client_address, count, hit


def _key(request: HttpRequest) -> str:
    return f"login-failures:ip:{client_address(request)}"


def _window() -> int:
    return int(settings.AXES_COOLOFF_TIME * 60 * 60)  # hours, as axes reads it


class AddressLimitMixin:
    def is_locked(self, request: HttpRequest, credentials: dict | None = None) -> bool:
        if count(_key(request), window=_window()) >= settings.LOGIN_ADDRESS_LIMIT:
            return True
        return super().is_locked(request, credentials)

    def user_login_failed(
        self, sender, credentials: dict, request: HttpRequest | None = None, **kwargs
    ) -> None:
        super().user_login_failed(sender, credentials, request=request, **kwargs)
        if request is None or self.is_whitelisted(request, credentials):
            return
        if not hit(_key(request), limit=settings.LOGIN_ADDRESS_LIMIT - 1, window=_window()):
            request.axes_locked_out = True  # this failure was the last one allowed


class DatabaseHandler(AddressLimitMixin, AxesDatabaseHandler):
    """Lockouts in the database (no shared cache configured)."""


class CacheHandler(AddressLimitMixin, AxesCacheHandler):
    """Lockouts in the shared cache (REDIS_URL)."""
