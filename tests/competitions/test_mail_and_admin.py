"""The announcement mail goes once per event and address even when the task runs twice; the
admin lists the competition records for national administrators only."""
import pytest
from django.core import mail

from competitions.models import Notification
from competitions.tasks import send_notification

pytestmark = pytest.mark.django_db


def test_a_notification_is_sent_once_however_often_the_task_runs(edition, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    notification = Notification.objects.create(edition=edition, event=f"edition:{edition.pk}:top99",
                                               recipient="inovasi@manadokota.go.id", subject="Pengumuman Top 99",
                                               body="Hasil")
    assert send_notification.apply(args=[notification.pk]).get() is True
    assert send_notification.apply(args=[notification.pk]).get() is False
    assert len(mail.outbox) == 1
    notification.refresh_from_db()
    assert notification.sent_at is not None and notification.attempts == 1


@pytest.mark.parametrize("path", ["edition", "instrument", "proposal", "conflict", "invitation"])
def test_national_admin_sees_the_competition_snippets(client, national_admin, edition, path):
    client.force_login(national_admin)
    assert client.get(f"/admin/snippets/competitions/{path}/").status_code == 200
    assert client.get(f"/admin/snippets/competitions/{path}/add/").status_code == 200


def test_a_coordinator_does_not_reach_the_competition_snippets(client, coordinator_a, edition):
    client.force_login(coordinator_a)
    assert client.get("/admin/snippets/competitions/proposal/").status_code in (302, 403)
