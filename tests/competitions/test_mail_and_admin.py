"""Competition mail goes through the transactional outbox (issue 17): with the broker at a dead
port a submission's mail is kept and delivered later exactly once; a failed send is retried
with back-off; the same event never mails an address twice. The admin lists the competition
records for national administrators only."""
import datetime

import pytest
from django.core import mail
from django.utils import timezone

from competitions import rules
from competitions.mail import notify_announcement, notify_step
from competitions.models import Action
from outbox import service
from outbox.models import OutboxItem, Status
from outbox.tasks import deliver_outbox
from tests.helpers import broker_down, unique
from tests.helpers import deliver_outbox as run_beat

from .conftest import complete

pytestmark = pytest.mark.django_db


def mails_about(title):
    return [m for m in mail.outbox if title in m.subject]


def test_a_submission_with_the_broker_down_is_mailed_later_exactly_once(edition, admin_lokal, operator,
                                                                        django_capture_on_commit_callbacks):
    proposal = complete(admin_lokal, rules.create_proposal(admin_lokal, edition, group="umum",
                                                           title=unique("Rujukan Daring Puskesmas")))
    with broker_down(), django_capture_on_commit_callbacks(execute=True):
        rules.submit(admin_lokal, proposal)
    items = list(OutboxItem.objects.filter(kind="mail"))
    assert sorted(i.payload["to"][0] for i in items) == sorted([admin_lokal.email, operator.email])
    assert all(i.status == Status.PENDING for i in items) and mails_about(proposal.title) == []
    # the broker is back: the beat task delivers each mail once, however often it runs
    deliver_outbox.delay()
    deliver_outbox.delay()
    sent = mails_about(proposal.title)
    assert sorted(a for m in sent for a in m.to) == sorted([admin_lokal.email, operator.email])
    assert all("Diajukan" in m.subject and f"/kompetisi/{edition.slug}/proposal-kami/" in m.body for m in sent)
    assert set(OutboxItem.objects.values_list("status", flat=True)) == {Status.SENT}
    # the same event again (a retried request, a second call) records nothing and sends nothing
    step = proposal.steps.get(action=Action.DIAJUKAN)
    assert notify_step(proposal, step) == []
    assert run_beat() == 0 and len(mails_about(proposal.title)) == 2


def test_a_failed_send_is_retried_with_backoff_then_delivered_once(settings, edition, admin_lokal, secretariat):
    proposal = complete(admin_lokal, rules.create_proposal(admin_lokal, edition, group="umum",
                                                           title=unique("Si Cantik Manado")))
    rules.submit(admin_lokal, proposal)
    mail.outbox.clear()
    rules.decide_administration(secretariat, proposal, passed=False, reason="SK inisiator tidak ditandatangani.")
    failed = OutboxItem.objects.filter(payload__subject__icontains="tidak lolos")
    assert failed.count() == 1  # the Admin Lokal only (the operator fixture is not used here)
    item = failed.get()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2  # a relay that refuses
    now = timezone.now()
    assert service.deliver(item.pk, now=now) is False
    item.refresh_from_db()
    assert item.status == Status.PENDING and item.attempts == 1 and item.last_error
    assert item.next_attempt_at == now + service.backoff(1)
    assert service.deliver(item.pk, now=now + datetime.timedelta(seconds=5)) is False  # not due yet: not tried
    item.refresh_from_db()
    assert item.attempts == 1
    later = now + service.backoff(1) + datetime.timedelta(seconds=1)
    assert service.deliver(item.pk, now=later) is False  # tried again, fails again: the wait doubles
    item.refresh_from_db()
    assert item.attempts == 2 and item.next_attempt_at == later + service.backoff(2)
    assert service.backoff(2) == 2 * service.backoff(1)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert service.deliver_due(now=item.next_attempt_at) >= 1
    assert service.deliver_due(now=item.next_attempt_at + datetime.timedelta(hours=2)) == 0
    sent = [m for m in mail.outbox if "Tidak lolos" in m.subject]
    assert len(sent) == 1 and "SK inisiator tidak ditandatangani." in sent[0].body


def test_the_announcement_is_recorded_once_per_event_and_address(edition, admin_lokal, secretariat, operator):
    proposal = complete(admin_lokal, rules.create_proposal(admin_lokal, edition, group="umum",
                                                           title=unique("Rujukan Daring")))
    rules.submit(admin_lokal, proposal)
    first = notify_announcement(edition)
    assert sorted(first) == sorted([admin_lokal.email, operator.email])
    assert notify_announcement(edition) == []
    assert OutboxItem.objects.filter(payload__subject__startswith="Pengumuman Top 99").count() == 2


def test_a_subject_with_a_line_break_is_cleaned(edition, admin_lokal):
    proposal = complete(admin_lokal, rules.create_proposal(admin_lokal, edition, group="umum",
                                                           title="Rujukan\r\nBcc: korban@example.com"))
    rules.submit(admin_lokal, proposal)
    subjects = [i.payload["subject"] for i in OutboxItem.objects.all()]
    assert subjects and all("\n" not in s and "\r" not in s for s in subjects)


@pytest.mark.parametrize("path", ["edition", "instrument", "proposal", "conflict", "invitation"])
def test_national_admin_sees_the_competition_snippets(client, national_admin, edition, path):
    client.force_login(national_admin)
    assert client.get(f"/admin/snippets/competitions/{path}/").status_code == 200
    assert client.get(f"/admin/snippets/competitions/{path}/add/").status_code == 200


def test_a_coordinator_does_not_reach_the_competition_records(client, coordinator_a, edition):
    client.force_login(coordinator_a)
    for path in ("proposal", "conflict", "invitation"):
        assert client.get(f"/admin/snippets/competitions/{path}/").status_code in (302, 403)
