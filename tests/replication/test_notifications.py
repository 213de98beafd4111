"""Notifications: sent after commit, retried when sending fails, never twice for one event."""
import pytest
from django.core import mail

from replication import rules
from replication.models import Model, Notification, Stage
from replication.notifications import notify_step
from replication.tasks import send_notification

from .mail import FlakyBackend

pytestmark = pytest.mark.django_db


def start(user, origin, model=Model.KERJA_SAMA):
    return rules.start_replication(user, origin, reason="Kami ingin meniru.", model=model)


def test_a_request_is_mailed_to_the_owner_side_after_commit(origin, adopter_user, owner, coordinator_a, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        replication = start(adopter_user, origin)
    to = sorted(address for message in mail.outbox for address in message.to)
    assert to == sorted([owner.email, coordinator_a.email])
    assert all("Permohonan replikasi" in message.subject for message in mail.outbox)
    assert f"/replikasi/{replication.pk}/" in mail.outbox[0].body
    assert Notification.objects.filter(sent_at__isnull=True).count() == 0


def test_nothing_is_sent_before_the_commit(origin, adopter_user, owner, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        start(adopter_user, origin)
    assert callbacks and mail.outbox == []  # queued for commit only


def test_the_owners_answer_goes_to_the_adopter_side(origin, adopter_user, owner, coordinator_b, django_capture_on_commit_callbacks):
    replication = start(adopter_user, origin)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        rules.decide(owner, replication.pk, accept=True, expected_version=0)
    assert sorted(a for m in mail.outbox for a in m.to) == sorted([adopter_user.email, coordinator_b.email])


def test_a_repeated_event_and_a_repeated_task_send_once(origin, adopter_user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        replication = start(adopter_user, origin)
    sent = len(mail.outbox)
    step = replication.steps.get()
    assert notify_step(replication, step) == []  # same event, same addresses: nothing new
    for notification in Notification.objects.all():
        assert send_notification.apply(args=[notification.pk]).get() is False
    assert len(mail.outbox) == sent


def test_a_failed_send_is_retried_and_then_sent_once(settings, monkeypatch, origin, adopter_user, owner):
    from jippnas.celery import app

    # eagerly, a retry runs inline unless failures propagate straight to the caller
    monkeypatch.setitem(app.conf, "task_eager_propagates", False)
    settings.EMAIL_BACKEND = "tests.replication.mail.FlakyBackend"
    FlakyBackend.FAILURES, FlakyBackend.calls = 2, 0
    replication = start(adopter_user, origin, model=Model.MANDIRI)
    notification = Notification.objects.get(replication=replication, recipient=owner.email)
    send_notification.apply(args=[notification.pk], throw=False)  # eager: the retries run inline
    notification.refresh_from_db()
    assert notification.sent_at is not None and notification.attempts == 3
    assert [m.to for m in mail.outbox] == [[owner.email]]


def test_later_steps_reach_both_sides_but_not_the_actor(origin, adopter_user, owner, django_capture_on_commit_callbacks):
    replication = start(adopter_user, origin, model=Model.MANDIRI)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        rules.move(adopter_user, replication.pk, Stage.PERSIAPAN, expected_version=0, note="Tim dibentuk.")
    to = {a for m in mail.outbox for a in m.to}
    assert owner.email in to and adopter_user.email not in to
    assert "Tim dibentuk." in mail.outbox[0].body
