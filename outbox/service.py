"""The transactional outbox: every side effect (mail, search-index updates, notifications,
reminders) is a row written in the same transaction as the action that causes it, so the
action and its consequence commit or roll back together; nothing depends on the broker being
up at that moment.

- ``add(kind, payload, key=...)`` records the item (inside the caller's transaction) and, after
  the commit, asks a worker to deliver it at once (``deliver_item``). If the broker is down that
  request fails quietly: the item stays pending.
- ``deliver_due()`` (Celery beat, every minute: ``outbox.tasks.deliver_outbox``) delivers what
  is pending and due, oldest first, and retries failures with exponential back-off; after
  ``MAX_ATTEMPTS`` an item is marked failed and shown on the admin page *Antrean kiriman*, where
  it can be retried.
- Delivery claims the row (``SELECT … FOR UPDATE SKIP LOCKED``, then a lease), so two
  deliverers never take one item at once; see ``deliver``.

Apps register a handler per kind with ``@handler("kind")`` in their ``tasks`` module.
"""
import datetime
import logging

from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import OutboxItem, Status

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 12
FIRST_DELAY = 30  # seconds; doubled after each failure
MAX_DELAY = 3600
LEASE = datetime.timedelta(minutes=5)  # how long a claimed item is left to its deliverer
BATCH = 200

_HANDLERS = {}


def handler(kind):
    """Register ``function(**payload)`` as the delivery of items of ``kind``."""
    def register(function):
        _HANDLERS[kind] = function
        return function
    return register


def backoff(attempts):
    return datetime.timedelta(seconds=min(MAX_DELAY, FIRST_DELAY * 2 ** max(0, attempts - 1)))


def add(kind, payload, *, key=None):
    """Record a side effect inside the current transaction; delivered after the commit. The
    item's ``added_now`` is False when ``key`` was recorded before (nothing new is added)."""
    if kind not in _HANDLERS:
        raise LookupError(f"No outbox handler for {kind!r}")
    if key is not None:
        try:
            with transaction.atomic():
                item = OutboxItem.objects.create(kind=kind, payload=payload, key=key[:200])
        except IntegrityError:
            item = OutboxItem.objects.get(key=key[:200])  # already recorded: never twice
            item.added_now = False
            return item
    else:
        item = OutboxItem.objects.create(kind=kind, payload=payload)
    item.added_now = True
    transaction.on_commit(lambda: _kick(item.pk), robust=True)
    return item


def _kick(item_id):
    """Ask a worker to deliver now; without a broker the beat task does it later."""
    from .tasks import deliver_item

    try:
        deliver_item.apply_async((item_id,), retry=False)
    except Exception as exc:  # noqa: BLE001 -- the item is kept; only the fast path is lost
        logger.warning("Outbox item %s queued for the beat task (broker unavailable: %s)", item_id, exc.__class__.__name__)


def deliver(item_id, *, now=None):
    """Deliver one pending, due item; True when it was delivered now.

    The item is claimed first (a short transaction with ``SELECT … FOR UPDATE SKIP LOCKED`` that
    pushes its next attempt ``LEASE`` ahead), so no other deliverer takes it meanwhile; the
    handler then runs outside that transaction (a mail relay may be slow) and the item is marked
    sent, or given its back-off. A worker that dies while delivering leaves the item due again
    when the lease ends: delivered at least once, and handlers that must never repeat (the
    replication notifications) mark their own rows sent in the transaction that sends.
    """
    now = now or timezone.now()
    with transaction.atomic():
        item = (OutboxItem.objects.select_for_update(skip_locked=True)
                .filter(pk=item_id, status=Status.PENDING, next_attempt_at__lte=now).first())
        if item is None:
            return False  # delivered, given up, not due, or being delivered by another worker
        item.attempts += 1
        OutboxItem.objects.filter(pk=item.pk).update(attempts=item.attempts, next_attempt_at=now + LEASE)
    function = _HANDLERS.get(item.kind)
    try:
        if function is None:
            raise LookupError(f"No outbox handler for {item.kind!r}")
        function(**item.payload)
    except Exception as exc:  # noqa: BLE001 -- recorded on the item, retried with back-off
        error = f"{exc.__class__.__name__}: {exc}"[:2000]
        status = Status.FAILED if item.attempts >= MAX_ATTEMPTS else Status.PENDING
        OutboxItem.objects.filter(pk=item.pk).update(
            last_error=error, next_attempt_at=now + backoff(item.attempts), status=status)
        logger.warning("Outbox item %s (%s) failed, attempt %s: %s", item.pk, item.kind, item.attempts, error)
        return False
    OutboxItem.objects.filter(pk=item.pk).update(status=Status.SENT, sent_at=timezone.now(), last_error="")
    return True


def deliver_due(*, now=None, limit=BATCH):
    """Deliver pending items whose time has come, oldest first; the number delivered."""
    now = now or timezone.now()
    due = list(OutboxItem.objects.filter(status=Status.PENDING, next_attempt_at__lte=now)
               .order_by("next_attempt_at", "pk").values_list("pk", flat=True)[:limit])
    return sum(deliver(pk, now=now) for pk in due)


def retry(items):
    """Put failed or waiting items back to be delivered at once (the admin page's button)."""
    return items.exclude(status=Status.SENT).update(status=Status.PENDING, next_attempt_at=timezone.now(), attempts=0)


def stuck(now=None):
    """What an operator should look at: failed items, and pending ones that have failed at
    least once or have waited more than ten minutes."""
    from django.db.models import Q

    now = now or timezone.now()
    return OutboxItem.objects.filter(
        Q(status=Status.FAILED)
        | Q(status=Status.PENDING, attempts__gt=0)
        | Q(status=Status.PENDING, created_at__lt=now - datetime.timedelta(minutes=10))
    )
