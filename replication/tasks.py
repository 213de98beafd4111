"""Sending replication notifications: through the outbox, retried on failure, never twice for
one event."""
import logging

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from outbox.mail import header_text
from outbox.service import handler

logger = logging.getLogger(__name__)

NOTIFICATION_KIND = "replication.notification"


@handler(NOTIFICATION_KIND)
def send_now(notification_id):
    """Send one notification unless it was sent already; a failure raises and leaves it unsent.
    The row is locked and marked sent in the transaction that sends, so it goes out once."""
    from .models import Notification

    Notification.objects.filter(pk=notification_id, sent_at__isnull=True).update(attempts=F("attempts") + 1)
    with transaction.atomic():
        notification = Notification.objects.select_for_update().filter(pk=notification_id).first()
        if notification is None or notification.sent_at is not None:
            return False  # gone, or already sent by an earlier run
        send_mail(header_text(notification.subject), notification.body, settings.DEFAULT_FROM_EMAIL,
                  [notification.recipient])
        notification.sent_at = timezone.now()
        notification.save(update_fields=["sent_at"])
    return True


@shared_task(bind=True, autoretry_for=(Exception,), retry_backoff=30, retry_backoff_max=1800,
             retry_jitter=True, max_retries=10, acks_late=True)
def send_notification(self, notification_id):
    """The same delivery as a Celery task (the outbox is the normal path)."""
    try:
        return send_now(notification_id)
    except Exception:
        logger.warning("Replication notification %s not sent (attempt %s)", notification_id, self.request.retries + 1)
        raise
