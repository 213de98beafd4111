"""Issue 13: an event shows the time where it happens: its hub's province's zone (an event in
Manado is in WITA, one in Surabaya in WIB, one in Jayapura in WIT), on its page and in lists."""
import datetime
from zoneinfo import ZoneInfo

import pytest

from news.factories import EventPageFactory
from news.models import province_time_zone
from tests.helpers import make_hub, soup_of

pytestmark = pytest.mark.django_db

# 02.30 UTC on 10 March 2031: 09.30 WIB, 10.30 WITA, 11.30 WIT
START = datetime.datetime(2031, 3, 10, 2, 30, tzinfo=ZoneInfo("UTC"))


@pytest.mark.parametrize(("code", "zone"), [("11", "Asia/Jakarta"), ("35", "Asia/Jakarta"), ("61", "Asia/Jakarta"),
                                            ("62", "Asia/Jakarta"), ("51", "Asia/Makassar"), ("53", "Asia/Makassar"),
                                            ("64", "Asia/Makassar"), ("65", "Asia/Makassar"), ("71", "Asia/Makassar"),
                                            ("76", "Asia/Makassar"), ("81", "Asia/Jayapura"), ("94", "Asia/Jayapura"),
                                            (None, "Asia/Jakarta")])
def test_province_time_zones(code, zone):
    assert province_time_zone(code) == zone


def test_event_pages_and_lists_show_the_local_time(client, site_pages, hub_a, hub_b):
    papua = make_hub(site_pages["hubs"], "91", "Hub JIPP Papua", "papua")
    manado = EventPageFactory(parent=hub_a, title="Klinik Manado", slug="klinik-manado", start=START,
                              end=START + datetime.timedelta(hours=2))
    surabaya = EventPageFactory(parent=hub_b, title="Klinik Surabaya", slug="klinik-surabaya", start=START)
    jayapura = EventPageFactory(parent=papua, title="Klinik Jayapura", slug="klinik-jayapura", start=START)
    facts = soup_of(client.get(manado.url)).find("main").get_text()
    assert "10.30–12.30 WITA" in facts and "WIB" not in facts
    assert "09.30 WIB" in soup_of(client.get(surabaya.url)).find("main").get_text()
    assert "11.30 WIT" in soup_of(client.get(jayapura.url)).find("main").get_text()
    listing = soup_of(client.get("/agenda/")).find("main").get_text()
    assert "10.30–12.30 WITA" in listing and "09.30 WIB" in listing and "11.30 WIT" in listing


def test_an_editor_types_the_time_where_the_event_happens(client, site_pages, hub_a):
    """A Jakarta-based admin adding a Manado clinic at 10.30 means 10.30 WITA (02.30 UTC), and
    the edit form shows 10.30 again, whatever the editor's own zone."""
    from django.urls import reverse
    from wagtail.test.utils.form_data import nested_form_data, rich_text

    from news.models import EventPage
    from tests.helpers import edit_url, make_superuser

    client.force_login(make_superuser())
    add = reverse("wagtailadmin_pages:add", args=["news", "eventpage", hub_a.pk])
    form = client.get(add).content.decode()
    assert "Waktu setempat di lokasi hub (WITA)" in form
    data = nested_form_data({
        "title": "Klinik Inovasi Manado", "slug": "klinik-inovasi-manado", "event_type": "coaching_clinic",
        "summary": "Pendampingan proposal.", "start": "2031-03-10 10:30", "end": "2031-03-10 12:30",
        "location": "Aula Kantor Gubernur", "online_url": "", "registration_url": "", "body": rich_text(""),
        "seo_title": "", "search_description": "", "go_live_at": "", "expire_at": "", "action-publish": "publish",
    })
    response = client.post(add, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    event = EventPage.objects.get(slug="klinik-inovasi-manado")
    assert event.start == START
    assert "10.30–12.30 WITA" in soup_of(client.get(event.url)).find("main").get_text()
    assert 'value="2031-03-10 10:30"' in client.get(edit_url(event)).content.decode()


def test_a_new_hubs_events_are_in_its_zone_at_once(site_pages, hub_b):
    """The hub -> zone map is cached; designating a hub in Papua must not leave its events in WIB."""
    surabaya = EventPageFactory(parent=hub_b, title="Klinik Surabaya", slug="klinik-sby", start=START)
    assert surabaya.time_zone == "Asia/Jakarta"  # the map is now cached
    papua = make_hub(site_pages["hubs"], "91", "Hub JIPP Papua", "papua")
    assert EventPageFactory(parent=papua, title="Klinik Jayapura", slug="klinik-jyp", start=START).time_zone == "Asia/Jayapura"
