"""Sending competition mail: retried on failure, never twice for one event and address."""
import logging

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

logger = logging.getLogger(__name__)


@shared_task(bind=True, autoretry_for=(Exception,), retry_backoff=30, retry_backoff_max=1800,
             retry_jitter=True, max_retries=10, acks_late=True)
def send_notification(self, notification_id):
    from .models import Notification

    with transaction.atomic():
        notification = Notification.objects.select_for_update().filter(pk=notification_id).first()
        if notification is None or notification.sent_at is not None:
            return False
        Notification.objects.filter(pk=notification_id).update(attempts=notification.attempts + 1)
    try:
        with transaction.atomic():
            notification = Notification.objects.select_for_update().get(pk=notification_id)
            if notification.sent_at is not None:
                return False
            send_mail(notification.subject, notification.body, settings.DEFAULT_FROM_EMAIL, [notification.recipient])
            notification.sent_at = timezone.now()
            notification.save(update_fields=["sent_at"])
    except Exception:
        logger.warning("Competition notification %s not sent (attempt %s)", notification_id, self.request.retries + 1)
        raise
    return True
