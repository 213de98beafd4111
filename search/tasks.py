"""Index maintenance as Celery tasks that receive ids only.

The worker re-reads the pages itself, after the publishing transaction has committed, so it
never indexes a half-written page; failures are retried with back-off and never reach the
editor who published.
"""
import logging

from celery import shared_task

from outbox.service import handler

logger = logging.getLogger(__name__)

INDEX_KIND = "search.index"
REMOVE_KIND = "search.remove"


def _pages_follow_the_index():
    """Start a new page-cache generation once an index write is in: the publish that queued it
    already started one, but a search page rendered between that publish and this write showed
    the index of before and was stored under the new generation (core/page_cache.py)."""
    from core import page_cache

    page_cache.next_generation()


@handler(INDEX_KIND)
def index_now(ids):
    """Outbox delivery of an index update (a failure raises: the outbox retries it)."""
    from .service import get_engine

    get_engine().index(list(ids))
    _pages_follow_the_index()


@handler(REMOVE_KIND)
def remove_now(ids):
    from .service import get_engine

    get_engine().delete(list(ids))
    _pages_follow_the_index()


@shared_task(bind=True, max_retries=8, retry_backoff=10, retry_backoff_max=600, acks_late=True)
def update_search_index(self, ids):
    from .service import get_engine

    try:
        # With Elasticsearch configured this writes the embedded fallback copy first, then the cluster.
        get_engine().index(list(ids))
        from .similar import refresh_after_index

        refresh_after_index(ids)
    except Exception as exc:  # noqa: BLE001 -- any failure is retried; the log names the pages
        logger.warning("Search index update for %s failed (attempt %s): %s", ids, self.request.retries + 1, exc)
        raise self.retry(exc=exc)


@shared_task(bind=True, max_retries=8, retry_backoff=10, retry_backoff_max=600, acks_late=True)
def remove_from_search_index(self, ids):
    from .service import get_engine

    try:
        get_engine().delete(list(ids))
        from .similar import refresh_after_removal

        refresh_after_removal(ids)
    except Exception as exc:  # noqa: BLE001 -- retried like index updates
        logger.warning("Search index removal of %s failed (attempt %s): %s", ids, self.request.retries + 1, exc)
        raise self.retry(exc=exc)


@shared_task(bind=True, max_retries=8, retry_backoff=10, retry_backoff_max=600, acks_late=True)
def apply_vocabulary(self, version):
    """The vocabulary changed to ``version``: each engine does what it needs (the embedded one
    reads the vocabulary per query and needs nothing; Elasticsearch rebuilds its index, whose
    synonym filter is fixed when the index is created). A stale task (an older version) is
    skipped by the engine."""
    from .service import get_engine

    try:
        get_engine().vocabulary_changed(version)
    except Exception as exc:  # noqa: BLE001 -- retried like index updates
        logger.warning("Applying search vocabulary version %s failed (attempt %s): %s", version, self.request.retries + 1, exc)
        raise self.retry(exc=exc)


@shared_task(bind=True, max_retries=8, retry_backoff=10, retry_backoff_max=600, acks_late=True)
def apply_stemmer(self, version):
    """The stemmer exceptions changed to ``version`` (search.stemmer_version): every engine
    indexed terms with the old ones and rebuilds, unless its index is already that version (a
    stale or repeated task does nothing)."""
    from .service import get_engine

    try:
        get_engine().stemmer_changed(version)
    except Exception as exc:  # noqa: BLE001 -- retried like index updates
        logger.warning("Applying stemmer version %s failed (attempt %s): %s", version, self.request.retries + 1, exc)
        raise self.retry(exc=exc)
