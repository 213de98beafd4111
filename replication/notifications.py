"""Who hears about a replication step, and the mail they get.

``notify_step`` records one ``Notification`` per (event, address) inside the step's
transaction, where the unique key makes a repeated call harmless, and one outbox item for each
in the same transaction (``outbox.service.add``), so a dead broker loses nothing. Delivery
(``tasks.send_now``) sends each notification at most once: it locks the row, skips it if
already sent, and marks it sent in the same transaction (a failure to send is retried with
back-off by the outbox and the row stays unsent).
"""
from django.conf import settings
from django.utils.translation import gettext as _

from agencies.models import agency_addresses
from hubs.membership import coordinator_addresses, hub_of_agency, hub_of_page
from outbox import service as outbox
from outbox.mail import header_text

from .models import Model, Notification, Stage
from .tasks import NOTIFICATION_KIND


def recipients_for(replication, step):
    """The parties other than the one who acted: a request goes to the owner's side, the
    owner's answer to the adopter's side, every other step to both."""
    owner = agency_addresses(replication.origin.agency) | coordinator_addresses(hub_of_page(replication.origin))
    adopter = agency_addresses(replication.adopter) | coordinator_addresses(hub_of_agency(replication.adopter))
    if step.from_stage == "":
        recipients = owner
    elif step.from_stage == Stage.MINAT and step.to_stage in (Stage.MINAT, Stage.DITOLAK):
        recipients = adopter
    else:
        recipients = owner | adopter
    if replication.model == Model.FASILITASI and replication.facilitator_id:
        recipients |= agency_addresses(replication.facilitator)
    if step.actor is not None:
        recipients.discard(step.actor.email)
    return sorted(recipients)


def _message(replication, step):
    link = f"{settings.WAGTAILADMIN_BASE_URL.rstrip('/')}/replikasi/{replication.pk}/"
    title = replication.origin.title
    if step.from_stage == "":
        subject = _("Permohonan replikasi: %(title)s") % {"title": title}
        lead = _("%(adopter)s menyatakan minat mereplikasi inovasi %(title)s (model: %(model)s).") % {
            "adopter": replication.adopter.name, "title": title, "model": replication.get_model_display()}
        if replication.model == Model.KERJA_SAMA:
            lead += " " + _("Instansi pemilik diminta menerima atau menolak permohonan kerja sama ini.")
    else:
        subject = _("Replikasi %(title)s: %(stage)s") % {"title": title, "stage": dict(Stage.choices)[step.to_stage]}
        lead = _("%(actor)s mencatat langkah baru pada replikasi %(title)s oleh %(adopter)s: %(stage)s.") % {
            "actor": step.actor_name or _("Seorang pengguna"), "title": title, "adopter": replication.adopter.name,
            "stage": dict(Stage.choices)[step.to_stage]}
    body = "\n\n".join(filter(None, [lead, step.note, _("Lihat dan tindak lanjuti: %(link)s") % {"link": link}]))
    return header_text(subject, limit=255), body


def notify_step(replication, step):
    subject, body = _message(replication, step)
    event = f"replication:{replication.pk}:step:{step.pk}"
    created = []
    for email in recipients_for(replication, step):
        notification, was_created = Notification.objects.get_or_create(
            event=event, recipient=email, defaults={"replication": replication, "subject": subject, "body": body},
        )
        if was_created:
            created.append(notification.pk)
    for pk in created:
        outbox.add(NOTIFICATION_KIND, {"notification_id": pk}, key=f"{NOTIFICATION_KIND}:{pk}")
    return created
