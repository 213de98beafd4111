"""The contact task through a real broker: Redis on 127.0.0.1:6379 (database 15) and an
in-thread Celery worker. CI starts Redis; when it is down this test fails and says so.
"""
import socket
import threading
import time

import pytest
from celery.contrib.testing.worker import start_worker
from celery.signals import task_postrun
from django.core import mail
from django.db import connections
from wagtail.models import Page

from agencies.factories import AgencyFactory
from agencies.models import Agency, AgencyType
from innovations.models import InnovationPage
from innovations.tasks import send_innovator_message
from jippnas.celery import app

REDIS_HOST, REDIS_PORT = "127.0.0.1", 6379
BROKER_URL = f"redis://{REDIS_HOST}:{REDIS_PORT}/15"

pytestmark = pytest.mark.services


def require_redis():
    try:
        with socket.create_connection((REDIS_HOST, REDIS_PORT), timeout=2) as sock:
            sock.sendall(b"PING\r\n")
            reply = sock.recv(64)
    except OSError as exc:
        pytest.fail(
            f"Redis is not reachable on {REDIS_HOST}:{REDIS_PORT} ({exc}). "
            "Start it (scripts/ensure-services.sh) — CI runs this test against a live Redis.",
            pytrace=False,
        )
    if not reply.startswith(b"+PONG"):
        pytest.fail(f"{REDIS_HOST}:{REDIS_PORT} answered {reply!r}, not Redis", pytrace=False)


def reset_broker_connections():
    """Forget pooled connections so the next publish uses the broker now configured."""
    if app._pool is not None:
        app._pool.force_close_all()
        app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def broker_app():
    """The project's Celery app switched to the real broker for one test, then restored."""
    require_redis()
    saved = {key: app.conf[key] for key in ("task_always_eager", "broker_url", "broker_connection_retry_on_startup")}
    app.conf.update(task_always_eager=False, broker_url=BROKER_URL, broker_connection_retry_on_startup=False)
    reset_broker_connections()

    def close_worker_connections(**kwargs):
        connections.close_all()  # runs in the worker thread after each task

    task_postrun.connect(close_worker_connections, weak=False)
    try:
        with app.connection_for_write() as conn:
            conn.default_channel.queue_purge(app.conf.task_default_queue)
        yield app
    finally:
        task_postrun.disconnect(close_worker_connections)
        app.conf.update(saved)
        reset_broker_connections()


def wait_for(condition, timeout=20.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def in_own_thread(fn):
    """Run ``fn`` in a thread, i.e. on its own autocommitting database connection."""
    outcome = {}

    def target():
        try:
            outcome["value"] = fn()
        except BaseException as exc:  # noqa: BLE001 -- re-raised in the test's thread
            outcome["error"] = exc
        finally:
            connections.close_all()

    thread = threading.Thread(target=target)
    thread.start()
    thread.join(60)
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("value")


@pytest.fixture
def committed_innovation(db):
    """An innovation committed to the test database, removed again afterwards.

    The worker thread has its own connection and only sees committed rows, but the test's own
    connection sits in the test transaction. A transactional test would flush every table
    afterwards, the reference data from the data migrations included, which later tests need.
    So one page and one agency are written and deleted on a connection of their own.
    """

    from outbox.models import OutboxItem

    before = {}

    def create():
        before["outbox"] = OutboxItem.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        ministry = AgencyFactory(name="Kementerian Uji Broker", agency_type=AgencyType.KEMENTERIAN, province=None)
        return Page.get_first_root_node().add_child(
            instance=InnovationPage(
                title="Samsat Delivery Pos", slug="uji-broker-sadelpos", summary="Uji broker.",
                agency=ministry, year_started=2019, contact_email="tim@sulutprov.go.id",
            )
        )

    def delete(innovation):
        agency_id = innovation.agency_id
        Page.objects.get(pk=innovation.pk).delete()
        Agency.objects.filter(pk=agency_id).delete()
        # publishing and deleting the page recorded index updates in the outbox, committed too
        OutboxItem.objects.filter(pk__gt=before["outbox"]).delete()
        assert not Page.objects.filter(slug="uji-broker-sadelpos").exists()
        assert Page.find_problems() == ([], [], [], [], [])

    innovation = in_own_thread(create)
    try:
        yield innovation
    finally:
        in_own_thread(lambda: delete(innovation))


def test_contact_message_goes_through_redis_to_a_worker(broker_app, committed_innovation):
    with start_worker(broker_app, pool="solo", perform_ping_check=False, loglevel="WARNING", shutdown_timeout=10):
        result = send_innovator_message.delay(
            committed_innovation.pk, "Budi", "budi@contoh.go.id", "Pesan lewat broker."
        )
        assert result.id
        assert wait_for(lambda: len(mail.outbox) == 1), "the worker did not deliver the message within 20 s"

    sent = mail.outbox[0]
    assert sent.to == ["tim@sulutprov.go.id"]
    assert sent.reply_to == ["budi@contoh.go.id"]
    assert sent.subject == "[JIPPNas] Pesan tentang Samsat Delivery Pos"
    assert "Pesan lewat broker." in sent.body
    assert broker_app.conf.broker_url == BROKER_URL


def test_settings_are_restored_after_the_broker_test():
    assert app.conf.task_always_eager is True
    assert app.conf.broker_url != BROKER_URL
