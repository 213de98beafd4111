"""The announcement mail: one per participating agency address, with the agency's own result.

Rows are recorded inside the announcement's transaction under a unique (event, recipient) key,
and sending is queued after the commit (the replication notifications' pattern).
"""
from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from agencies.models import Agency, agency_addresses

from .models import Notification, Proposal, Status


def _body(edition, agency, proposals):
    link = f"{settings.WAGTAILADMIN_BASE_URL.rstrip('/')}/kompetisi/{edition.slug}/"
    lines = [_("Hasil %(stage)s %(edition)s untuk %(agency)s:") % {
        "stage": _("penentuan Top 99"), "edition": edition.name, "agency": agency.name}, ""]
    for proposal in proposals:
        lines.append(f"- {proposal.title}: {proposal.get_status_display()}")
    lines += ["", _("Pengumuman lengkap: %(link)s") % {"link": link},
              _("Rincian dan riwayat setiap proposal ada di halaman Proposal kami.")]
    return "\n".join(lines)


def notify_announcement(edition):
    from .tasks import send_notification

    proposals = (Proposal.objects.filter(edition=edition).exclude(status__in=[Status.DRAF, Status.DIKEMBALIKAN])
                 .order_by("agency_id", "title"))
    by_agency = {}
    for proposal in proposals:
        by_agency.setdefault(proposal.agency_id, []).append(proposal)
    agencies = Agency.objects.in_bulk(list(by_agency))
    subject = _("Pengumuman Top 99 %(edition)s") % {"edition": edition.name}
    event = f"edition:{edition.pk}:top99"
    created = []
    for agency_id, items in by_agency.items():
        agency = agencies[agency_id]
        body = _body(edition, agency, items)
        for email in sorted(agency_addresses(agency)):
            notification, was_created = Notification.objects.get_or_create(
                event=event, recipient=email, defaults={"edition": edition, "subject": subject[:255], "body": body})
            if was_created:
                created.append(notification.pk)
    for pk in created:
        transaction.on_commit(lambda pk=pk: send_notification.delay(pk), robust=True)
    return created
