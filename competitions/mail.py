"""The mail a competition sends, through the transactional outbox (``outbox.mail``): recorded
in the transaction of the decision that causes it, delivered after the commit (or by the beat
task when the broker is down), retried with back-off, and never twice for one event and
address (``outbox.mail.mail_key``).

* ``notify_step``: the agency hears of its proposal's submission and of the administrative
  outcome (returned for a fix, passed, failed), with the reason.
* ``notify_announcement``: every participating agency gets its own result of the Top 99.
"""
from django.conf import settings
from django.utils.translation import gettext as _

from agencies.models import Agency, agency_addresses
from outbox.mail import header_text, queue_mail_once

from .models import Action, Proposal, Status

#: the steps of a proposal that its agency is mailed about
MAILED_ACTIONS = (Action.DIAJUKAN, Action.DIKEMBALIKAN, Action.LOLOS, Action.TIDAK_LOLOS)


def _base():
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def notify_step(proposal, step):
    """Record the agency's mail about ``step`` (one of ``MAILED_ACTIONS``) of ``proposal``;
    returns the addresses recorded now."""
    if step.action not in MAILED_ACTIONS:
        return []
    edition = proposal.edition
    subject = header_text(_("%(action)s: %(title)s (%(edition)s)") % {
        "action": step.get_action_display(), "title": proposal.title, "edition": edition.name}, limit=255)
    link = f"{_base()}/kompetisi/{edition.slug}/proposal-kami/"
    lead = _("Proposal “%(title)s” dari %(agency)s pada %(edition)s: %(action)s.") % {
        "title": proposal.title, "agency": proposal.agency.name, "edition": edition.name,
        "action": step.get_action_display().lower()}
    reason = _("Alasan: %(note)s") % {"note": step.note} if step.note else ""
    body = "\n\n".join(filter(None, [lead, reason, _("Lihat proposal dan riwayatnya: %(link)s") % {"link": link}]))
    return queue_mail_once(f"competition:step:{step.pk}", subject, body, agency_addresses(proposal.agency))


def _announcement_body(edition, agency, proposals):
    link = f"{_base()}/kompetisi/{edition.slug}/"
    lines = [_("Hasil %(stage)s %(edition)s untuk %(agency)s:") % {
        "stage": _("penentuan Top 99"), "edition": edition.name, "agency": agency.name}, ""]
    for proposal in proposals:
        lines.append(f"- {proposal.title}: {proposal.get_status_display()}")
    lines += ["", _("Pengumuman lengkap: %(link)s") % {"link": link},
              _("Rincian dan riwayat setiap proposal ada di halaman Proposal kami.")]
    return "\n".join(lines)


def notify_announcement(edition):
    """One mail per address of every participating agency, with the agency's own results;
    returns the addresses recorded now."""
    proposals = (Proposal.objects.filter(edition=edition).exclude(status__in=[Status.DRAF, Status.DIKEMBALIKAN])
                 .order_by("agency_id", "title"))
    by_agency = {}
    for proposal in proposals:
        by_agency.setdefault(proposal.agency_id, []).append(proposal)
    agencies = Agency.objects.in_bulk(list(by_agency))
    subject = header_text(_("Pengumuman Top 99 %(edition)s") % {"edition": edition.name}, limit=255)
    recorded = []
    for agency_id, items in by_agency.items():
        agency = agencies[agency_id]
        recorded += queue_mail_once(f"competition:edition:{edition.pk}:top99", subject,
                                    _announcement_body(edition, agency, items), agency_addresses(agency))
    return recorded
