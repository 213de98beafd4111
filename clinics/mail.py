"""The mail a registration causes, through the transactional outbox (``outbox.mail``):
recorded inside the change's transaction, delivered after the commit (or by the beat task when
the broker is down), retried with back-off, never twice for one event and address."""
import zoneinfo

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from outbox.mail import header_text, queue_mail_once

from .models import TIME_ZONES

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
    return header_text(SUBJECTS[kind] % values, limit=255), body


def notify(registration, kind):
    """Record the mail of ``kind`` for ``registration``; the addresses recorded now (none when
    this event was mailed before)."""
    subject, body = _message(registration, kind)
    return queue_mail_once(f"clinic:{registration.pk}:{kind}", subject, body, recipients(registration))
