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
