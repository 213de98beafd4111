"""A mail backend standing in for an SMTP relay that fails: the first ``FAILURES`` sends
raise, later ones deliver to Django's test outbox."""
from django.core.mail.backends.locmem import EmailBackend


class FlakyBackend(EmailBackend):
    FAILURES = 0
    calls = 0

    def send_messages(self, messages):
        type(self).calls += 1
        if type(self).calls <= type(self).FAILURES:
            raise ConnectionError("SMTP relay unreachable")
        return super().send_messages(messages)
