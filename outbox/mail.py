"""Mail through the outbox, with headers that cannot be broken by what users typed."""
import re

from django.conf import settings
from django.core.mail import EmailMessage

from .service import add, handler

_BREAKS = re.compile(r"[\x00-\x1f\x7f\x85\u2028\u2029]+")


def header_text(value, limit=200):
    """``value`` fit for a mail header: line breaks and control characters become one space
    (a title with a line break made the subject raise ``BadHeaderError`` after the visitor had
    been told the message was sent)."""
    return " ".join(_BREAKS.sub(" ", str(value)).split())[:limit]


def queue_mail(subject, body, to, *, reply_to=(), key=None):
    """Record a mail to send after the current transaction commits (``outbox.service.add``)."""
    return add("mail", {
        "subject": header_text(subject), "body": body, "to": sorted(set(to)),
        "reply_to": [header_text(address) for address in reply_to],
    }, key=key)


@handler("mail")
def send_mail_item(subject, body, to, reply_to=()):
    EmailMessage(subject=header_text(subject), body=body, from_email=settings.DEFAULT_FROM_EMAIL,
                 to=list(to), reply_to=list(reply_to)).send()
