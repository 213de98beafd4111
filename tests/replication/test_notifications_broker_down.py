"""A replication step with the broker down (issue 17: its notifications stayed unsent with
nothing to resend them): the step commits with its outbox items; the beat task sends each
notification once when the broker is back."""
import pytest
from django.core import mail

from outbox.models import OutboxItem, Status
from outbox.tasks import deliver_outbox
from replication import rules
from replication.models import Model, Notification
from tests.helpers import broker_down

pytestmark = pytest.mark.django_db


def test_notifications_survive_a_dead_broker_and_go_out_once(origin, adopter_user, owner, coordinator_a,
                                                             django_capture_on_commit_callbacks):
    with broker_down(), django_capture_on_commit_callbacks(execute=True):
        replication = rules.start_replication(adopter_user, origin, reason="Kami ingin meniru.", model=Model.KERJA_SAMA)
    assert replication.pk and mail.outbox == []
    assert Notification.objects.filter(sent_at__isnull=True).count() == 2
    assert OutboxItem.objects.filter(kind="replication.notification", status=Status.PENDING).count() == 2
    deliver_outbox.delay()
    deliver_outbox.delay()
    assert sorted(a for m in mail.outbox for a in m.to) == sorted([owner.email, coordinator_a.email])
    assert Notification.objects.filter(sent_at__isnull=True).count() == 0
