"""The daily reminder of cohorts that start soon (Celery beat: ``clinic-reminders``). The mail
itself goes through the outbox (``clinics.mail``), so a dead broker delays it, loses nothing."""
from celery import shared_task
from django.db import transaction
from django.utils import timezone


@shared_task
def send_reminders(days=2):
    """Remind everyone holding a place in a cohort that starts within ``days`` days; the
    mail's outbox key (``clinic:<registration>:reminder``) makes a second run send nothing."""
    from .mail import notify
    from .models import Registration

    now = timezone.now()
    registrations = Registration.objects.filter(
        status__in=Registration.HOLDING, cohort__start__gt=now, cohort__start__lte=now + timezone.timedelta(days=days),
    ).select_related("cohort__event", "registered_by", "agency")
    count = 0
    for registration in registrations:
        with transaction.atomic():
            count += len(notify(registration, "reminder"))
    return count
