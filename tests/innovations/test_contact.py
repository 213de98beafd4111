"""The "Hubungi inovator" form: the portal forwards messages and never shows the address."""
import pytest
from django.core import mail

from innovations.contact import MAX_MESSAGES_PER_HOUR
from innovations.factories import InnovationPageFactory
from innovations.tasks import send_innovator_message
from jippnas.celery import app as celery_app
from tests.helpers import deliver_outbox, message_texts

pytestmark = pytest.mark.django_db

INNOVATOR_EMAIL = "tim.sadelpos@sulutprov.go.id"


@pytest.fixture
def innovation(hub_a, agency_a):
    return InnovationPageFactory(
        parent=hub_a, agency=agency_a, title="Samsat Delivery Pos", acronym="SADELPOS", slug="sadelpos",
        contact_email=INNOVATOR_EMAIL, innovator_name="Tim SADELPOS",
    )


@pytest.fixture
def contact_url(innovation):
    return innovation.url + innovation.reverse_subpage("contact")


def message_data(**overrides):
    data = {
        "name": "Budi Santoso",
        "email": "budi@pemkab-contoh.go.id",
        "organisation": "Pemerintah Kabupaten Contoh",
        "message": "Kami ingin mereplikasi SADELPOS di kabupaten kami. Mohon info kontaknya.",
        "website": "",
    }
    data.update(overrides)
    return data


def test_contact_route_url(innovation, contact_url):
    assert contact_url == "/hub/sulawesi-utara/sadelpos/kontak/"


def test_pages_never_show_the_contact_email(client, innovation, contact_url):
    for url in (innovation.url, contact_url, "/inovasi/", "/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert INNOVATOR_EMAIL not in response.content.decode(), url
        assert "tim.sadelpos" not in response.content.decode(), url


def test_innovation_page_links_to_the_form(client, innovation, contact_url):
    assert contact_url in client.get(innovation.url).content.decode()


def test_get_form(client, contact_url):
    response = client.get(contact_url)
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.fields) == {"name", "email", "organisation", "message", "website"}
    assert 'name="message"' in response.content.decode()
    assert len(mail.outbox) == 0


def test_valid_message_is_forwarded_once_with_reply_to_the_visitor(client, innovation, contact_url):
    assert celery_app.conf.task_always_eager is True  # the test settings run the task in process
    response = client.post(contact_url, message_data())
    assert response.status_code == 302
    assert response["Location"] == innovation.url
    assert message_texts(response) == ["Pesan Anda telah dikirim ke inovator."]
    assert deliver_outbox() == 1  # the message waits in the outbox until it is delivered
    assert deliver_outbox() == 0  # once

    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.to == [INNOVATOR_EMAIL]
    assert sent.reply_to == ["budi@pemkab-contoh.go.id"]
    assert sent.subject == "[JIPPNas] Pesan tentang Samsat Delivery Pos"
    assert "Budi Santoso <budi@pemkab-contoh.go.id>" in sent.body
    assert "Kami ingin mereplikasi SADELPOS" in sent.body
    assert "— Pemerintah Kabupaten Contoh" in sent.body
    assert INNOVATOR_EMAIL not in sent.body


def test_honeypot_filled_sends_nothing(client, contact_url):
    response = client.post(contact_url, message_data(website="http://spam.example.com"))
    assert response.status_code == 200
    assert "website" in response.context["form"].errors
    assert len(mail.outbox) == 0


@pytest.mark.parametrize(
    "field,value",
    [
        ("email", "bukan-email"),
        ("email", ""),
        ("name", ""),
        ("message", "Terlalu pendek"),
        ("message", "x" * 4001),
        ("message", "Pesan dengan karakter nol \x00 di tengah-tengahnya."),
    ],
)
def test_invalid_input_is_a_form_error_and_sends_nothing(client, contact_url, field, value):
    response = client.post(contact_url, message_data(**{field: value}))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert len(mail.outbox) == 0


def test_rate_limit_after_five_messages_per_address(client, contact_url):
    for n in range(MAX_MESSAGES_PER_HOUR):
        response = client.post(contact_url, message_data(name=f"Pengunjung {n}"))
        assert response.status_code == 302, n
    assert deliver_outbox() == MAX_MESSAGES_PER_HOUR
    assert len(mail.outbox) == MAX_MESSAGES_PER_HOUR == 5

    response = client.post(contact_url, message_data(name="Pengunjung keenam"))
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "Terlalu banyak pesan dari alamat Anda. Coba lagi dalam satu jam."
    ]
    assert deliver_outbox() == 0 and len(mail.outbox) == 5

    # Another address is not affected.
    response = client.post(contact_url, message_data(), REMOTE_ADDR="10.20.30.40")
    assert response.status_code == 302
    assert deliver_outbox() == 1 and len(mail.outbox) == 6


def test_innovation_without_contact_email_redirects_with_a_message(client, hub_a, agency_a):
    page = InnovationPageFactory(parent=hub_a, agency=agency_a, slug="tanpa-kontak", contact_email="")
    url = page.url + "kontak/"
    for response in (client.get(url), client.post(url, message_data())):
        assert response.status_code == 302
        assert response["Location"] == page.url
        assert "Inovasi ini belum mencantumkan kontak inovator." in message_texts(response)
    assert len(mail.outbox) == 0


def test_draft_innovation_has_no_contact_form(client, hub_a, agency_a):
    page = InnovationPageFactory(parent=hub_a, agency=agency_a, slug="draf-kontak", contact_email=INNOVATOR_EMAIL, live=False)
    assert client.post("/hub/sulawesi-utara/draf-kontak/kontak/", message_data()).status_code == 404
    assert page.pk and len(mail.outbox) == 0


class TestTask:
    def test_task_sends_the_mail(self, innovation):
        result = send_innovator_message.delay(innovation.pk, "Ani", "ani@contoh.id", "Halo tim inovasi!")
        assert result.get() is True
        assert len(mail.outbox) == 1
        assert mail.outbox[0].reply_to == ["ani@contoh.id"]

    def test_task_ignores_missing_innovation_or_address(self, innovation):
        assert send_innovator_message.delay(999_999, "Ani", "ani@contoh.id", "Halo").get() is False
        innovation.contact_email = ""
        innovation.save()
        assert send_innovator_message.delay(innovation.pk, "Ani", "ani@contoh.id", "Halo").get() is False
        assert len(mail.outbox) == 0
