"""Sending clinic mail (retried on failure, never twice for one event) and the daily
reminder of cohorts that start soon."""
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
        logger.warning("Clinic notification %s not sent (attempt %s)", notification_id, self.request.retries + 1)
        raise
    return True


@shared_task
def send_reminders(days=2):
    """Remind everyone holding a place in a cohort that starts within ``days`` days; the
    notification key (``…:reminder``) makes a second run send nothing."""
    from .models import Registration
    from .notifications import notify

    now = timezone.now()
    registrations = Registration.objects.filter(
        status__in=Registration.HOLDING, cohort__start__gt=now, cohort__start__lte=now + timezone.timedelta(days=days),
    ).select_related("cohort__event", "registered_by", "agency")
    count = 0
    for registration in registrations:
        with transaction.atomic():
            count += len(notify(registration, "reminder"))
    return count
