"""Celery tasks of the outbox: the immediate attempt after a commit, and the beat task that
delivers and retries whatever is pending (``CELERY_BEAT_SCHEDULE["outbox-deliver"]``)."""
from celery import shared_task

from . import mail  # noqa: F401 -- registers the "mail" handler
from .service import deliver, deliver_due


@shared_task(acks_late=True, ignore_result=True)
def deliver_item(item_id):
    return deliver(item_id)


@shared_task(acks_late=True, ignore_result=True)
def deliver_outbox():
    return deliver_due()
