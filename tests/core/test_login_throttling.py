"""Login throttling (django-axes) and the client address behind a trusted proxy (issue 17: 30
wrong passwords, then the right one logged in; the contact form's limit keyed on the proxy)."""
import pytest
from axes.models import AccessAttempt, AccessFailureLog
from django.conf import settings as django_settings
from django.test import Client

from agencies.factories import UserFactory
from innovations.contact import MAX_MESSAGES_PER_HOUR
from innovations.factories import InnovationPageFactory

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"
PASSWORD = "kata-sandi-benar-2026"


@pytest.fixture
def staff(db):
    user = UserFactory(username="koordinator.uji", is_superuser=True, is_staff=True)
    user.set_password(PASSWORD)
    user.save()
    return user


def test_wrong_passwords_lock_the_account_even_for_the_right_one(staff, caplog):
    client = Client()
    for n in range(django_settings.AXES_FAILURE_LIMIT):
        response = client.post(LOGIN, {"username": staff.username, "password": f"salah-{n}"})
        assert response.status_code in (200, 429)
    response = client.post(LOGIN, {"username": staff.username, "password": PASSWORD})
    assert response.status_code == 429
    html = response.content.decode()
    assert "Terlalu banyak percobaan masuk" in html and "15 menit" in html
    assert "_auth_user_id" not in client.session
    # recorded: the attempts (Django admin: Axes) and a warning in the security log
    assert AccessAttempt.objects.filter(username=staff.username).exists()
    assert AccessFailureLog.objects.filter(username=staff.username, locked_out=True).exists()
    assert any("Login locked out" in record.getMessage() for record in caplog.records)


def test_the_account_is_locked_from_another_address_too(staff):
    for n in range(django_settings.AXES_FAILURE_LIMIT):
        Client(REMOTE_ADDR="10.0.0.1").post(LOGIN, {"username": staff.username, "password": f"salah-{n}"})
    assert Client(REMOTE_ADDR="10.0.0.2").post(LOGIN, {"username": staff.username, "password": PASSWORD}).status_code == 429


def test_an_address_guessing_many_accounts_is_locked(staff):
    client = Client(REMOTE_ADDR="10.0.0.9")
    for n in range(django_settings.AXES_FAILURE_LIMIT):
        client.post(LOGIN, {"username": f"tebakan{n}", "password": "salah"})
    assert client.post(LOGIN, {"username": staff.username, "password": PASSWORD}).status_code == 429


def test_a_right_password_below_the_limit_logs_in(staff):
    client = Client()
    client.post(LOGIN, {"username": staff.username, "password": "salah"})
    response = client.post(LOGIN, {"username": staff.username, "password": PASSWORD})
    assert response.status_code == 302 and client.session["_auth_user_id"] == str(staff.pk)


@pytest.fixture
def contact_url(hub_a, agency_a):
    page = InnovationPageFactory(parent=hub_a, agency=agency_a, slug="sadelpos", contact_email="tim@sulutprov.go.id")
    return f"{page.url}kontak/"


MESSAGE = {"name": "Budi", "email": "budi@contoh.go.id", "organisation": "", "website": "",
           "message": "Kami ingin mereplikasi inovasi ini di kabupaten kami."}


def _sent(contact_url, **meta):
    return Client(**meta).post(contact_url, MESSAGE).status_code == 302


def test_behind_the_trusted_proxy_each_visitor_has_their_own_contact_limit(settings, contact_url):
    settings.TRUSTED_PROXY_HEADER = "X-Forwarded-For"
    proxy = {"REMOTE_ADDR": "10.1.1.1"}
    for _ in range(MAX_MESSAGES_PER_HOUR):
        assert _sent(contact_url, HTTP_X_FORWARDED_FOR="203.0.113.5", **proxy)
    assert not _sent(contact_url, HTTP_X_FORWARDED_FOR="203.0.113.5", **proxy)
    assert _sent(contact_url, HTTP_X_FORWARDED_FOR="203.0.113.6", **proxy)  # another visitor, same proxy
    # a forged left-most entry does not give a visitor a fresh limit: the proxy's entry counts
    assert not _sent(contact_url, HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.5", **proxy)


def test_without_a_trusted_proxy_the_header_is_ignored(settings, contact_url):
    settings.TRUSTED_PROXY_HEADER = ""
    for n in range(MAX_MESSAGES_PER_HOUR):
        assert _sent(contact_url, HTTP_X_FORWARDED_FOR=f"198.51.100.{n}", REMOTE_ADDR="192.0.2.7")
    assert not _sent(contact_url, HTTP_X_FORWARDED_FOR="198.51.100.99", REMOTE_ADDR="192.0.2.7")
