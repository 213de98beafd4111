"""Which engine answers public search, chosen once from settings.

Without ``ELASTICSEARCH_URL`` the embedded engine answers; with it, Elasticsearch answers and
the embedded engine stands behind it for every call that fails, so a visitor never sees an
error page when the cluster is down. Views call ``get_engine()`` and never branch on it.
"""
from functools import lru_cache

from django.conf import settings


@lru_cache(maxsize=1)
def get_engine():
    from .embedded import EmbeddedEngine

    if not settings.ELASTICSEARCH_URL:
        return EmbeddedEngine()
    from .elastic import ElasticsearchEngine, FallbackEngine

    return FallbackEngine(ElasticsearchEngine(), EmbeddedEngine())


def reset_engine():
    """Forget the cached engine (tests that change settings call this)."""
    get_engine.cache_clear()


def pages_follow_the_index():
    """Start a new page-cache generation once an index write is in (core/page_cache.py). The
    change that queued the write already started one, but a search page or a "similar
    innovations" list rendered between that change and this write showed the index of before
    and was stored under the new generation. Every writer of the index calls this when its
    write (and what follows from it) is done."""
    from core import page_cache

    page_cache.next_generation()
