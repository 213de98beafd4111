"""Index maintenance that receives ids only: updates and removals are outbox deliveries
(recorded with the change, delivered after its commit or by the outbox's beat task), vocabulary
and stemmer changes Celery tasks.

The deliverer re-reads the pages itself, after the publishing transaction has committed, so it
never indexes a half-written page; failures are retried with back-off and never reach the
editor who published.
"""
import logging

from celery import shared_task

from outbox.service import handler

logger = logging.getLogger(__name__)

INDEX_KIND = "search.index"
REMOVE_KIND = "search.remove"


@handler(INDEX_KIND)
def index_now(ids):
    """Outbox delivery of an index update (a failure raises: the outbox retries it, and the
    write is idempotent): the index, then the stored "similar innovations" lists it changes
    (search.similar), then a new page generation so no page keeps what they replaced."""
    from .service import get_engine, pages_follow_the_index
    from .similar import refresh_after_index

    get_engine().index(list(ids))
    refresh_after_index(ids)
    pages_follow_the_index()


@handler(REMOVE_KIND)
def remove_now(ids):
    """Outbox delivery of a removal: as ``index_now``, for innovations leaving the index."""
    from .service import get_engine, pages_follow_the_index
    from .similar import refresh_after_removal

    get_engine().delete(list(ids))
    refresh_after_removal(ids)
    pages_follow_the_index()


@shared_task(bind=True, max_retries=8, retry_backoff=10, retry_backoff_max=600, acks_late=True)
def apply_vocabulary(self, version):
    """The vocabulary changed to ``version``: each engine does what it needs (the embedded one
    reads the vocabulary per query and needs nothing; Elasticsearch rebuilds its index, whose
    synonym filter is fixed when the index is created). A stale task (an older version) is
    skipped by the engine."""
    from .service import get_engine, pages_follow_the_index

    try:
        get_engine().vocabulary_changed(version)
        pages_follow_the_index()
    except Exception as exc:  # noqa: BLE001 -- retried like index updates
        logger.warning("Applying search vocabulary version %s failed (attempt %s): %s", version, self.request.retries + 1, exc)
        raise self.retry(exc=exc)


@shared_task(bind=True, max_retries=8, retry_backoff=10, retry_backoff_max=600, acks_late=True)
def apply_stemmer(self, version):
    """The stemmer exceptions changed to ``version`` (search.stemmer_version): every engine
    indexed terms with the old ones and rebuilds, unless its index is already that version (a
    stale or repeated task does nothing)."""
    from .service import get_engine, pages_follow_the_index

    try:
        get_engine().stemmer_changed(version)
        pages_follow_the_index()
    except Exception as exc:  # noqa: BLE001 -- retried like index updates
        logger.warning("Applying stemmer version %s failed (attempt %s): %s", version, self.request.retries + 1, exc)
        raise self.retry(exc=exc)
