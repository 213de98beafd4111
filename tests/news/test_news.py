"""News, events and articles: their pages, the national indexes, and event rules."""
import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from innovations.factories import InnovationPageFactory
from news.factories import ArticlePageFactory, EventPageFactory, NewsPageFactory
from news.models import EventPage
from tests.helpers import make_draft, titles_in

pytestmark = pytest.mark.django_db


def now():
    return timezone.now()


class TestItemPages:
    def test_news_event_and_article_pages_render(self, client, hub_a, agency_a):
        news = NewsPageFactory(parent=hub_a, title="Hub Sulut Gelar Sosialisasi", slug="sosialisasi")
        event = EventPageFactory(parent=hub_a, title="Coaching Clinic KIPP 2025", slug="coaching-clinic")
        innovation = InnovationPageFactory(parent=hub_a, agency=agency_a)
        article = ArticlePageFactory(parent=hub_a, title="Belajar dari SADELPOS", slug="belajar", author="Tim Hub")
        article.related_innovations.add(innovation)
        article.save()
        for page, url in ((news, "/hub/sulawesi-utara/sosialisasi/"), (event, "/hub/sulawesi-utara/coaching-clinic/"),
                          (article, "/hub/sulawesi-utara/belajar/")):
            assert page.url == url
            response = client.get(url)
            assert response.status_code == 200, url
            assert page.title in response.content.decode()
            assert response.context["hub"] == hub_a

    def test_draft_items_are_404(self, client, hub_a):
        make_draft(NewsPageFactory, hub_a, slug="berita-draf")
        assert client.get("/hub/sulawesi-utara/berita-draf/").status_code == 404


class TestIndexes:
    def test_news_index_lists_live_news_newest_first_and_paginates(self, client, hub_a, hub_b):
        today = timezone.localdate()
        for n in range(13):
            NewsPageFactory(parent=hub_a if n % 2 else hub_b, title=f"Berita {n:02d}", date=today - datetime.timedelta(days=n))
        make_draft(NewsPageFactory, hub_a, title="Berita Draf")
        response = client.get("/berita/")
        assert response.status_code == 200
        items = response.context["items"]
        assert items.paginator.count == 13
        assert titles_in(items) == [f"Berita {n:02d}" for n in range(12)]
        assert "Berita Draf" not in response.content.decode()
        second = client.get("/berita/", {"halaman": "2"})
        assert titles_in(second.context["items"]) == ["Berita 12"]
        assert "Berita 12" in second.content.decode()
        for bad in ("0", "-5", "abc", "9999", "\x00"):
            assert client.get("/berita/", {"halaman": bad}).status_code == 200

    def test_article_index_lists_articles(self, client, hub_a):
        ArticlePageFactory(parent=hub_a, title="Praktik Baik Pelayanan Terpadu", date=datetime.date(2024, 1, 5))
        ArticlePageFactory(parent=hub_a, title="Panduan Replikasi", date=datetime.date(2025, 2, 1))
        response = client.get("/artikel/")
        assert response.status_code == 200
        assert titles_in(response.context["items"]) == ["Panduan Replikasi", "Praktik Baik Pelayanan Terpadu"]

    def test_event_index_shows_upcoming_or_past(self, client, hub_a, hub_b):
        EventPageFactory(parent=hub_a, title="Forum Replikasi Besok", start=now() + datetime.timedelta(days=1))
        EventPageFactory(parent=hub_b, title="Bimtek Bulan Depan", start=now() + datetime.timedelta(days=30))
        EventPageFactory(parent=hub_a, title="Webinar Dua Jam Lalu", start=now() - datetime.timedelta(hours=2))
        EventPageFactory(parent=hub_a, title="Sosialisasi Pekan Lalu", start=now() - datetime.timedelta(days=7))
        EventPageFactory(parent=hub_b, title="Coaching Clinic Tahun Lalu", start=now() - datetime.timedelta(days=365))
        make_draft(EventPageFactory, hub_a, title="Agenda Draf", start=now() + datetime.timedelta(days=2))

        upcoming = client.get("/agenda/")
        assert upcoming.status_code == 200
        assert upcoming.context["showing_past"] is False
        # Soonest first; an event that started a couple of hours ago is still on the list.
        assert titles_in(upcoming.context["items"]) == ["Webinar Dua Jam Lalu", "Forum Replikasi Besok", "Bimtek Bulan Depan"]
        assert "Sosialisasi Pekan Lalu" not in upcoming.content.decode()
        assert "Agenda Draf" not in upcoming.content.decode()

        past = client.get("/agenda/", {"waktu": "lalu"})
        assert past.status_code == 200
        assert past.context["showing_past"] is True
        assert titles_in(past.context["items"]) == ["Sosialisasi Pekan Lalu", "Coaching Clinic Tahun Lalu"]
        assert "Forum Replikasi Besok" not in past.content.decode()

        # Anything else for ``waktu`` means upcoming.
        other = client.get("/agenda/", {"waktu": "'; DROP TABLE x; --"})
        assert other.status_code == 200 and other.context["showing_past"] is False


class TestEventRules:
    def test_end_before_start_is_rejected(self, hub_a):
        event = EventPageFactory(parent=hub_a)
        event.end = event.start - datetime.timedelta(hours=1)
        with pytest.raises(ValidationError) as excinfo:
            event.full_clean()
        assert excinfo.value.message_dict["end"] == ["Waktu selesai tidak boleh sebelum waktu mulai."]
        event.end = event.start + datetime.timedelta(hours=3)
        event.full_clean()

    def test_location_or_online_link_is_required(self, hub_a):
        event = EventPageFactory(parent=hub_a)
        event.location = ""
        event.online_url = ""
        with pytest.raises(ValidationError) as excinfo:
            event.full_clean()
        assert excinfo.value.message_dict["location"] == ["Isi tempat kegiatan atau tautan daring."]
        event.online_url = "https://zoom.example.com/j/123"
        event.full_clean()

    def test_saving_an_invalid_event_is_refused(self, hub_a):
        with pytest.raises(ValidationError):
            EventPageFactory(parent=hub_a, location="", online_url="")
        assert not EventPage.objects.exists()

    def test_is_past(self, hub_a):
        soon = EventPageFactory(parent=hub_a, start=now() + datetime.timedelta(hours=1))
        assert soon.is_past is False
        running = EventPageFactory(
            parent=hub_a, start=now() - datetime.timedelta(hours=1), end=now() + datetime.timedelta(hours=1)
        )
        assert running.is_past is False
        over = EventPageFactory(parent=hub_a, start=now() - datetime.timedelta(days=2))
        assert over.is_past is True


def test_article_index_without_articles_offers_the_awarded_innovations(client, hub_a, agency_a):
    """Issue 13: a fresh portal's /artikel/ is not an empty page."""
    from innovations.factories import InnovationAwardFactory

    awarded = InnovationPageFactory(parent=hub_a, agency=agency_a, title="Samsat Keliling", slug="samsat-keliling")
    InnovationAwardFactory(innovation=awarded)
    InnovationPageFactory(parent=hub_a, agency=agency_a, title="Tanpa Penghargaan", slug="tanpa-penghargaan")
    html = client.get("/artikel/").content.decode()
    assert "Samsat Keliling" in html and "Tanpa Penghargaan" not in html and 'href="/inovasi/"' in html
    ArticlePageFactory(parent=hub_a, title="Panduan Replikasi")
    html = client.get("/artikel/").content.decode()
    assert "Panduan Replikasi" in html and "Samsat Keliling" not in html
