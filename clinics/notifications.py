"""The mail a registration causes: recorded with a unique key inside the change's transaction,
sent by Celery after the commit, at most once (the pattern of ``replication.notifications``)."""
import zoneinfo

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import TIME_ZONES, Notification
from .tasks import send_notification

SUBJECTS = {
    "terdaftar": gettext_lazy("Pendaftaran diterima: %(event)s"),
    "daftar_tunggu": gettext_lazy("Masuk daftar tunggu: %(event)s"),
    "naik": gettext_lazy("Mendapat tempat dari daftar tunggu: %(event)s"),
    "dikonfirmasi": gettext_lazy("Kehadiran dikonfirmasi: %(event)s"),
    "reminder": gettext_lazy("Pengingat: %(event)s segera dimulai"),
}
LEADS = {
    "terdaftar": gettext_lazy("%(name)s terdaftar pada %(cohort)s. Penyelenggara akan mengonfirmasi pendaftaran ini."),
    "daftar_tunggu": gettext_lazy("%(cohort)s sudah penuh; %(name)s masuk daftar tunggu dan mendapat tempat otomatis bila ada peserta yang batal."),
    "naik": gettext_lazy("Ada peserta yang batal: %(name)s kini mendapat tempat pada %(cohort)s."),
    "dikonfirmasi": gettext_lazy("Penyelenggara mengonfirmasi keikutsertaan %(name)s pada %(cohort)s."),
    "reminder": gettext_lazy("%(cohort)s dimulai %(when)s. %(name)s terdaftar sebagai peserta."),
}


def recipients(registration):
    addresses = {registration.email} if registration.email else set()
    if registration.registered_by_id and registration.registered_by.email and registration.registered_by.is_active:
        addresses.add(registration.registered_by.email)
    return sorted(addresses)


def _message(registration, kind):
    cohort = registration.cohort
    event = cohort.event
    start = timezone.localtime(cohort.start, timezone=zoneinfo.ZoneInfo(cohort.time_zone))
    values = {"event": event.title, "name": registration.name, "cohort": f"{event.title} — {cohort.name}",
              "when": start.strftime("%d-%m-%Y %H.%M ") + dict(TIME_ZONES)[cohort.time_zone]}
    place = cohort.location or cohort.online_url
    link = f"{settings.WAGTAILADMIN_BASE_URL.rstrip('/')}/klinik/pendaftaran-saya/"
    body = "\n\n".join(filter(None, [
        LEADS[kind] % values,
        _("Waktu: %(when)s. Tempat: %(place)s.") % {"when": values["when"], "place": place},
        _("Lihat atau batalkan pendaftaran: %(link)s") % {"link": link},
    ]))
    return (SUBJECTS[kind] % values)[:255], body


def notify(registration, kind):
    """Record the mail of ``kind`` for ``registration`` and send it after the commit."""
    subject, body = _message(registration, kind)
    event = f"clinic:{registration.pk}:{kind}"
    created = []
    for email in recipients(registration):
        notification, was_created = Notification.objects.get_or_create(
            event=event, recipient=email, defaults={"registration": registration, "subject": subject, "body": body},
        )
        if was_created:
            created.append(notification.pk)
    for pk in created:
        transaction.on_commit(lambda pk=pk: send_notification.delay(pk), robust=True)
    return created
