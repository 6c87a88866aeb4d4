"""Fixed-window counters in the cache, shared by every process when the cache is Redis,
and the client's address they (and django-axes) count by."""

import ipaddress
import time

from django.conf import settings
from django.core.cache import BaseCache, cache
from django.http import HttpRequest


def _trusted(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address.strip())
    except ValueError:
        return False
    return any(ip in network for network in settings.TRUSTED_PROXIES)


def client_address(request: HttpRequest) -> str:
    """The address of the client, seen through the proxies in ``TRUSTED_PROXIES``.

    Each trusted proxy appends the address it was connected from to X-Forwarded-For, so
    the list is read from the right: the first address not of a trusted proxy is the
    client's. Whatever stands further left was written by the client and is ignored.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    if not _trusted(remote):
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    address = remote
    for hop in reversed(hops):
        try:
            ipaddress.ip_address(hop)
        except ValueError:
            # A trusted proxy never writes this: stop at the last address known good.
            return address
        address = hop
        if not _trusted(hop):
            break
    return address


def window_key(key: str, window: int) -> str:
    """The cache key of ``key``'s current window. Windows are aligned on the clock, so the
    key changes when one ends: Django's file cache, whose incr() sets the default timeout
    (five minutes) again, still counts a whole window."""
    return f"ratelimit:{key}:{int(time.time() // window)}"


def count(key: str, *, window: int, backend: BaseCache = cache) -> int:
    """The events counted for ``key`` in its current window."""
    return backend.get(window_key(key, window), 0)


def hit(key: str, *, limit: int, window: int, backend: BaseCache = cache) -> bool:
    """Count one event for ``key``; False once more than ``limit`` happened in its window."""
    full_key = window_key(key, window)
    # add() is atomic and does nothing if the key exists.
    if backend.add(full_key, 1, timeout=window):
        return limit >= 1
    try:
        events = backend.incr(full_key)
    except ValueError:  # expired between add() and incr()
        backend.add(full_key, 1, timeout=window)
        events = 1
    backend.touch(full_key, window)  # outlives the window, whatever incr() did
    return events <= limit


def allow_request(request: HttpRequest, action: str, *, limit: int, window: int) -> bool:
    """Both the user and the address must be under the limit for ``action``."""
    keys = [f"{action}:ip:{client_address(request)}"]
    if request.user.is_authenticated:
        keys.append(f"{action}:user:{request.user.pk}")
    # Count every key, even after one is over, so that hammering keeps both windows full.
    results = [hit(key, limit=limit, window=window) for key in keys]
    return all(results)
