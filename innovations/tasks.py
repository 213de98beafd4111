"""Background jobs for innovations: forwarding a visitor's message to the innovator.

The contact form records the message in the outbox (``outbox.service.add``) in the same
transaction as its answer to the visitor, so a dead broker loses nothing; the outbox delivers
it (``forward_message``) and retries a failed send with back-off.
"""
from celery import shared_task
from django.utils.translation import gettext as _

from outbox.mail import header_text, send_mail_item
from outbox.service import handler

CONTACT_KIND = "innovations.contact"


@handler(CONTACT_KIND)
def forward_message(innovation_id, sender_name, sender_email, message):
    """Forward a visitor's message to the innovator without ever showing their address."""
    from .models import InnovationPage

    innovation = InnovationPage.objects.filter(pk=innovation_id).first()
    if innovation is None or not innovation.contact_email:
        return False
    body = _(
        "Pesan dari %(name)s <%(email)s> melalui portal JIPPNas tentang inovasi “%(title)s”:\n\n%(message)s"
    ) % {"name": sender_name, "email": sender_email, "title": innovation.title, "message": message}
    send_mail_item(
        subject=_("[JIPPNas] Pesan tentang %(title)s") % {"title": header_text(innovation.title)},
        body=body, to=[innovation.contact_email], reply_to=[sender_email],
    )
    return True


@shared_task(bind=True, autoretry_for=(OSError,), retry_backoff=30, max_retries=5)
def send_innovator_message(self, innovation_id, sender_name, sender_email, message):
    """The same delivery as a plain Celery task (kept for callers outside the outbox)."""
    return forward_message(innovation_id, sender_name, sender_email, message)
