"""Mail through the outbox, with headers that cannot be broken by what users typed."""
import hashlib
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


def mail_key(event, address):
    """The outbox key of the mail about ``event`` to ``address`` (at most 200 characters: a
    long pair is shortened to a digest, which stays unique)."""
    key = f"mail:{event}:{address.lower()}"
    if len(key) <= 200:
        return key
    return f"mail:{hashlib.sha256(key.encode()).hexdigest()}"


def queue_mail_once(event, subject, body, addresses):
    """One mail per address about one event, each recorded at most once whatever the number of
    calls (``mail_key``); returns the addresses whose mail was recorded by this call."""
    recorded = []
    for address in sorted({a for a in addresses if a}):
        item = queue_mail(subject, body, [address], key=mail_key(event, address))
        if item.added_now:
            recorded.append(address)
    return recorded


@handler("mail")
def send_mail_item(subject, body, to, reply_to=()):
    EmailMessage(subject=header_text(subject), body=body, from_email=settings.DEFAULT_FROM_EMAIL,
                 to=list(to), reply_to=list(reply_to)).send()
