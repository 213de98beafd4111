"""Background jobs for innovations."""
from celery import shared_task
from django.core.mail import EmailMessage
from django.utils.translation import gettext as _


@shared_task(bind=True, autoretry_for=(OSError,), retry_backoff=30, max_retries=5)
def send_innovator_message(self, innovation_id, sender_name, sender_email, message):
    """Forward a visitor's message to the innovator without ever showing their address."""
    from .models import InnovationPage

    innovation = InnovationPage.objects.filter(pk=innovation_id).first()
    if innovation is None or not innovation.contact_email:
        return False
    body = _(
        "Pesan dari %(name)s <%(email)s> melalui portal JIPPNas tentang inovasi “%(title)s”:\n\n%(message)s"
    ) % {"name": sender_name, "email": sender_email, "title": innovation.title, "message": message}
    EmailMessage(
        subject=_("[JIPPNas] Pesan tentang %(title)s") % {"title": innovation.title},
        body=body,
        to=[innovation.contact_email],
        reply_to=[sender_email],
    ).send()
    return True
