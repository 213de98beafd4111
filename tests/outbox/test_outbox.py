"""The transactional outbox (issue 17): with the broker at a dead port, the contact form, a
publication and a replication step keep their side effect in the outbox; once the broker is
back, the beat task delivers each exactly once. Failures back off; the admin page shows what
is stuck and retries it."""
import datetime
import time

import pytest
from django.core import mail
from django.utils import timezone

from innovations.factories import InnovationPageFactory
from outbox import service
from outbox.models import OutboxItem, Status
from outbox.tasks import deliver_outbox
from search.models import SearchEntry
from tests.helpers import broker_down, message_texts
from tests.helpers import deliver_outbox as run_beat

pytestmark = pytest.mark.django_db


@pytest.fixture
def innovation(hub_a, agency_a):
    return InnovationPageFactory(parent=hub_a, agency=agency_a, title="Samsat Delivery Pos", slug="sadelpos",
                                 contact_email="tim.sadelpos@sulutprov.go.id")


def message(**overrides):
    return {"name": "Budi Santoso", "email": "budi@pemkab-contoh.go.id", "organisation": "",
            "message": "Kami ingin mereplikasi SADELPOS di kabupaten kami.", "website": ""} | overrides


def test_contact_form_with_the_broker_down_keeps_the_message(client, innovation, django_capture_on_commit_callbacks):
    with broker_down(), django_capture_on_commit_callbacks(execute=True):
        started = time.monotonic()
        response = client.post(f"{innovation.url}kontak/", message())
        elapsed = time.monotonic() - started
    assert response.status_code == 302 and message_texts(response) == ["Pesan Anda telah dikirim ke inovator."]
    assert elapsed < 5  # the dead broker is not waited for (measured, not a benchmark)
    item = OutboxItem.objects.get()
    assert item.status == Status.PENDING and mail.outbox == []
    # the broker is back: the beat task delivers, once
    deliver_outbox.delay()
    deliver_outbox.delay()
    assert len(mail.outbox) == 1 and mail.outbox[0].reply_to == ["budi@pemkab-contoh.go.id"]
    item.refresh_from_db()
    assert item.status == Status.SENT and item.sent_at is not None


def test_a_title_with_a_line_break_still_mails_with_a_clean_subject(client, hub_a, agency_a, django_capture_on_commit_callbacks):
    page = InnovationPageFactory(parent=hub_a, agency=agency_a, title="Samsat\r\nBcc: korban@example.com", slug="samsat-baris",
                                 contact_email="tim@sulutprov.go.id")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{page.url}kontak/", message())
    assert response.status_code == 302
    assert [m.subject for m in mail.outbox] == ["[JIPPNas] Pesan tentang Samsat Bcc: korban@example.com"]
    assert mail.outbox[0].bcc == [] and OutboxItem.objects.get().status == Status.SENT


def test_publishing_with_the_broker_down_updates_the_index_later(innovation, django_capture_on_commit_callbacks):
    innovation.title = "Samsat Delivery Pos Daring"
    with broker_down(), django_capture_on_commit_callbacks(execute=True):
        innovation.save_revision().publish()
    innovation.refresh_from_db()
    assert innovation.live and innovation.title == "Samsat Delivery Pos Daring"
    assert not SearchEntry.objects.filter(title="Samsat Delivery Pos Daring").exists()  # not yet
    assert OutboxItem.objects.filter(kind="search.index", status=Status.PENDING).exists()
    assert run_beat() >= 1
    assert SearchEntry.objects.get(pk=innovation.pk).title == "Samsat Delivery Pos Daring"
    assert run_beat() == 0


def test_a_failing_delivery_backs_off_gives_up_and_is_retried_from_the_admin(settings, client, innovation, national_admin, editor_a):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2  # a relay that refuses
    client.post(f"{innovation.url}kontak/", message())
    item = OutboxItem.objects.get()
    assert run_beat() == 0
    item.refresh_from_db()
    assert item.attempts == 1 and item.status == Status.PENDING and "ConnectionRefused" in item.last_error
    assert item.next_attempt_at > timezone.now() + datetime.timedelta(seconds=20)  # backed off
    assert run_beat() == 0 and OutboxItem.objects.get().attempts == 1  # not due yet
    later = timezone.now()
    for _ in range(service.MAX_ATTEMPTS - 1):
        later += datetime.timedelta(hours=2)
        service.deliver_due(now=later)
    item.refresh_from_db()
    assert item.status == Status.FAILED and item.attempts == service.MAX_ATTEMPTS
    # the admin page shows it to national administrators only, and retries it
    client.force_login(editor_a)
    assert client.get("/admin/antrean-kiriman/").status_code in (302, 403)
    client.force_login(national_admin)
    page = client.get("/admin/antrean-kiriman/").content.decode()
    assert "innovations.contact" in page and "ConnectionRefused" in page
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    client.post("/admin/antrean-kiriman/ulang/", {"item": [str(item.pk)]})
    item.refresh_from_db()
    assert item.status == Status.PENDING
    assert run_beat() == 1 and len(mail.outbox) == 1
    assert "Tidak ada kiriman yang tertahan" in client.get("/admin/antrean-kiriman/").content.decode()


def test_an_item_is_delivered_once_even_when_asked_twice(innovation, client):
    client.post(f"{innovation.url}kontak/", message())
    item = OutboxItem.objects.get()
    assert service.deliver(item.pk) is True
    assert service.deliver(item.pk) is False and len(mail.outbox) == 1


def test_a_claimed_item_is_left_to_its_deliverer_until_the_lease_ends(innovation, client):
    """A worker that died while delivering: the item comes back after the lease."""
    client.post(f"{innovation.url}kontak/", message())
    item = OutboxItem.objects.get()
    OutboxItem.objects.filter(pk=item.pk).update(attempts=1, next_attempt_at=timezone.now() + service.LEASE)
    assert run_beat() == 0
    assert service.deliver_due(now=timezone.now() + service.LEASE + datetime.timedelta(seconds=1)) == 1
    assert len(mail.outbox) == 1
