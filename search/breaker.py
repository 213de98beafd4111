"""A circuit breaker for Elasticsearch, shared by every app server through the cache (Redis
with ``CACHE_URL``).

A cluster that accepts connections but never answers used to cost every search, every
autocomplete keystroke and every innovation page (similar innovations) the full timeout. Now:

- **closed**: requests go to the cluster; each failure or timeout is counted;
- **open**: after ``SEARCH_BREAKER_FAILURES`` failures in a row, nothing is sent to the cluster
  for ``SEARCH_BREAKER_OPEN_SECONDS``: the embedded engine answers at once;
- **half-open**: when that time is up, one request (whichever server takes the probe slot first)
  tries the cluster; success closes the breaker, failure opens it again.

``state()`` is shown in ``/kesehatan/``.
"""
import time

from django.conf import settings
from django.core.cache import cache

PREFIX = "search:breaker:"
FAILURES, OPEN_UNTIL, PROBE = PREFIX + "failures", PREFIX + "open-until", PREFIX + "probe"


def _threshold():
    return getattr(settings, "SEARCH_BREAKER_FAILURES", 3)


def _open_seconds():
    return getattr(settings, "SEARCH_BREAKER_OPEN_SECONDS", 30)


def allow():
    """Whether a request may go to the cluster now."""
    open_until = cache.get(OPEN_UNTIL)
    if open_until is None:
        return True
    if time.time() < open_until:
        return False
    # half-open: one probe at a time across all servers; it must finish within the search timeout
    return cache.add(PROBE, 1, timeout=max(1, int(settings.ELASTICSEARCH_TIMEOUT) + 1))


def success():
    if cache.get(OPEN_UNTIL) is not None or cache.get(FAILURES):
        cache.delete_many([FAILURES, OPEN_UNTIL, PROBE])


def failure():
    cache.add(FAILURES, 0, timeout=3600)
    try:
        count = cache.incr(FAILURES)
    except ValueError:
        cache.set(FAILURES, 1, timeout=3600)
        count = 1
    if count >= _threshold() or cache.get(OPEN_UNTIL) is not None:
        cache.set(OPEN_UNTIL, time.time() + _open_seconds(), timeout=max(600, _open_seconds() * 20))
        cache.delete(PROBE)


def state():
    open_until = cache.get(OPEN_UNTIL)
    failures = cache.get(FAILURES) or 0
    if open_until is None:
        return {"state": "closed", "failures": failures}
    remaining = open_until - time.time()
    if remaining > 0:
        return {"state": "open", "failures": failures, "retry_in_seconds": round(remaining, 1)}
    return {"state": "half-open", "failures": failures}


def reset():
    cache.delete_many([FAILURES, OPEN_UNTIL, PROBE])
