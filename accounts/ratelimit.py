"""Fixed-window counters in the cache, shared by every process when the cache is Redis."""

from django.core.cache import BaseCache, cache
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    # The proxy in front of production sets REMOTE_ADDR through the WSGI server.
    return request.META.get("REMOTE_ADDR", "unknown")


def hit(key: str, *, limit: int, window: int, backend: BaseCache = cache) -> bool:
    """Count one event for ``key``; False once more than ``limit`` happened in ``window`` s."""
    full_key = f"ratelimit:{key}"
    # add() is atomic and does nothing if the key exists, so the window starts only once.
    if backend.add(full_key, 1, timeout=window):
        return limit >= 1
    try:
        count = backend.incr(full_key)
    except ValueError:  # expired between add() and incr()
        backend.add(full_key, 1, timeout=window)
        count = 1
    return count <= limit


def allow_request(request: HttpRequest, action: str, *, limit: int, window: int) -> bool:
    """Both the user and the address must be under the limit for ``action``."""
    keys = [f"{action}:ip:{client_address(request)}"]
    if request.user.is_authenticated:
        keys.append(f"{action}:user:{request.user.pk}")
    # Count every key, even after one is over, so that hammering keeps both windows full.
    results = [hit(key, limit=limit, window=window) for key in keys]
    return all(results)
