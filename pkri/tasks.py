"""Scheduled upkeep (Celery beat, see CELERY_BEAT_SCHEDULE): deadline reminders for agencies
with unfinished self-assessments, and data-refresh requests (pemutakhiran data) to owners of
innovations not verified for 12 months. Each reminder is recorded under a key, with its mail in
the outbox in the same transaction, so a re-run of the schedule never sends it twice and a dead
broker or mail relay delays it without losing it."""
import datetime

from celery import shared_task
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from agencies.models import agency_addresses
from innovations.models import InnovationPage
from outbox.mail import queue_mail

REMIND_DAYS_BEFORE = (7, 1)
REFRESH_AFTER_DAYS = 365


def _send_once(kind, key, recipients, subject, body):
    from .models import Reminder

    recipients = sorted(recipients)
    if not recipients:
        return False
    try:
        with transaction.atomic():
            Reminder.objects.create(kind=kind, key=key[:200], recipients=",".join(recipients)[:5000])
            queue_mail(subject, body, recipients, key=f"pkri:{kind}:{key}")
    except IntegrityError:
        return False  # already sent
    return True


@shared_task
def send_deadline_reminders(today=None):
    """7 and 1 days before a self-assessment closes, remind loci with unsubmitted objects."""
    from .models import AssessmentObject, Cycle, ObjectStatus

    now = timezone.now()
    today = today or timezone.localdate()
    sent = 0
    for cycle in Cycle.objects.filter(published_at__isnull=True, self_assessment_opens__lte=now, self_assessment_closes__gte=now):
        days_left = (timezone.localtime(cycle.self_assessment_closes).date() - today).days
        bucket = next((d for d in sorted(REMIND_DAYS_BEFORE) if days_left <= d), None)  # the nearest step
        if bucket is None:
            continue
        pending = AssessmentObject.objects.filter(cycle=cycle, status=ObjectStatus.DRAF).select_related("locus__agency")
        by_agency = {}
        for obj in pending:
            by_agency.setdefault(obj.locus.agency, []).append(obj)
        for agency, objects in by_agency.items():
            link = f"{settings.WAGTAILADMIN_BASE_URL.rstrip('/')}/pkri/{cycle.year}/asesmen/"
            body = _("%(n)s objek %(cycle)s belum diajukan oleh %(agency)s. Batas: %(when)s.\n\n%(link)s") % {
                "n": len(objects), "cycle": cycle.name, "agency": agency.name,
                "when": timezone.localtime(cycle.self_assessment_closes).strftime("%d-%m-%Y %H:%M"), "link": link}
            sent += _send_once("tenggat", f"{cycle.pk}:{agency.pk}:{bucket}", agency_addresses(agency),
                               _("Pengingat: asesmen mandiri %(cycle)s") % {"cycle": cycle.name}, body)
    return sent


@shared_task
def request_data_refresh(today=None):
    """Once a month, ask owners of innovations not verified for 12 months to refresh them."""
    today = today or timezone.localdate()
    cutoff = today - datetime.timedelta(days=REFRESH_AFTER_DAYS)
    stale = InnovationPage.objects.live().filter(last_verified__lt=cutoff).select_related("agency")
    by_agency = {}
    for page in stale:
        by_agency.setdefault(page.agency, []).append(page)
    sent = 0
    for agency, pages in by_agency.items():
        titles = "\n".join(f"- {p.title} ({_('terakhir diverifikasi')} {p.last_verified:%d-%m-%Y})" for p in pages[:50])
        body = _("Mohon mutakhirkan data inovasi berikut, yang belum diverifikasi lebih dari 12 bulan:\n\n%(titles)s") % {
            "titles": titles}
        sent += _send_once("pemutakhiran", f"{agency.pk}:{today:%Y-%m}", agency_addresses(agency),
                           _("Pemutakhiran data inovasi %(agency)s") % {"agency": agency.name}, body)
    return sent
