"""The events list's filters (hub, province, type, month), its month calendar, and the
iCalendar feeds (all events, one hub's)."""
import datetime

import pytest

from news.factories import EventPageFactory
from news.models import EventPage

pytestmark = pytest.mark.django_db
WITA = datetime.timezone(datetime.timedelta(hours=8))


@pytest.fixture
def events(site_pages, hub_a, hub_b):
    return {
        "manado": EventPageFactory(parent=hub_a, title="Klinik Inovasi Manado", slug="klinik-manado",
                                   start=datetime.datetime(2027, 3, 3, 9, 0, tzinfo=WITA), location="Manado, Sulut; Aula"),
        "surabaya": EventPageFactory(parent=hub_b, title="Forum Replikasi Surabaya", slug="fripp-surabaya",
                                     event_type=EventPage.EventType.FORUM_REPLIKASI,
                                     start=datetime.datetime(2027, 3, 20, 9, 0, tzinfo=WITA)),
        "april": EventPageFactory(parent=hub_a, title="Sosialisasi April", slug="sosialisasi-april",
                                  event_type=EventPage.EventType.SOSIALISASI,
                                  start=datetime.datetime(2027, 4, 2, 9, 0, tzinfo=WITA)),
    }


def titles(client, query):
    html = client.get(f"/agenda/{query}").content.decode()
    return {name for name in ("Klinik Inovasi Manado", "Forum Replikasi Surabaya", "Sosialisasi April") if name in html}


def test_filters(client, events):
    assert titles(client, "") == {"Klinik Inovasi Manado", "Forum Replikasi Surabaya", "Sosialisasi April"}
    assert titles(client, "?hub=sulawesi-utara") == {"Klinik Inovasi Manado", "Sosialisasi April"}
    assert titles(client, "?provinsi=jawa-timur") == {"Forum Replikasi Surabaya"}
    assert titles(client, "?jenis=forum_replikasi") == {"Forum Replikasi Surabaya"}
    assert titles(client, "?bulan=2027-03&hub=sulawesi-utara") == {"Klinik Inovasi Manado"}


@pytest.mark.parametrize("query", ["?bulan=2027-13", "?bulan=x", "?bulan=２０２７-03", "?hub=tidak-ada&jenis=zzz", "?provinsi=%00"])
def test_bad_filter_values_are_ignored(client, events, query):
    response = client.get(f"/agenda/{query}")
    assert response.status_code == 200


def test_month_calendar(client, events):
    html = client.get("/agenda/?bulan=2027-03").content.decode()
    assert 'class="calendar-grid"' in html and "Maret 2027" in html and "bulan=2027-04" in html and "bulan=2027-02" in html
    assert "Sosialisasi April" not in html


def test_ical_feeds(client, events):
    response = client.get("/umpan/agenda/hub/sulawesi-utara.ics")
    assert response["Content-Type"].startswith("text/calendar")
    text = response.content.decode()
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert "SUMMARY:Klinik Inovasi Manado" in text and "Surabaya" not in text
    assert "DTSTART:20270303T010000Z" in text  # 09.00 WITA
    assert "LOCATION:Manado\\, Sulut\\; Aula" in text
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    assert text.count("BEGIN:VEVENT") == 2
    assert client.get("/umpan/agenda.ics").content.decode().count("BEGIN:VEVENT") == 3
    assert client.get("/umpan/agenda/hub/tidak-ada.ics").status_code == 404
