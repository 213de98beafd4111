"""Public pages outside the catalogue: home, hubs, 404, health check and search."""
import json

import pytest
from wagtail.models import PageViewRestriction

from agencies.factories import AgencyFactory
from agencies.models import AgencyType
from hubs.factories import HubPageFactory
from innovations.factories import InnovationPageFactory
from news.factories import EventPageFactory, NewsPageFactory
from tests.helpers import make_agency, make_draft, titles_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def portal(site_pages, hub_a, hub_b, agency_a, agency_a2, agency_b):
    national = site_pages["national_hub"]
    ministry = AgencyFactory(name="Kementerian Percontohan", agency_type=AgencyType.KEMENTERIAN, province=None)
    draft_only = make_agency("11", AgencyType.PEMPROV, name="Pemerintah Aceh (hanya draf)")
    pages = {
        "sadelpos": InnovationPageFactory(parent=hub_a, agency=agency_a, title="Samsat Delivery Pos", year_started=2019, featured=True),
        "sulut2": InnovationPageFactory(parent=hub_a, agency=agency_a, title="Layanan Perizinan Sulut", year_started=2021),
        "manado": InnovationPageFactory(parent=hub_a, agency=agency_a2, title="Posyandu Digital Manado", year_started=2022),
        "jatim": InnovationPageFactory(parent=hub_b, agency=agency_b, title="Sekolah Rakyat Jatim", year_started=2020, featured=True),
        "nasional": InnovationPageFactory(parent=national, agency=ministry, title="Lapor Cepat Nasional", province=None, year_started=2018),
    }
    # Not counted anywhere: a draft (of an agency with nothing live), a private page, a draft hub.
    make_draft(InnovationPageFactory, hub_a, agency=draft_only, title="Draf Aceh", featured=True)
    private = InnovationPageFactory(parent=hub_b, agency=agency_b, title="Inovasi Privat", featured=True)
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.PASSWORD, password="x")
    HubPageFactory(parent=site_pages["hubs"], title="Hub Draf Aceh", slug="aceh", live=False)
    return pages


class TestHome:
    def test_home_renders_with_correct_headline_numbers(self, client, portal):
        response = client.get("/")
        assert response.status_code == 200
        assert response.context["stats"] == {
            "innovations": 5,  # live and public only
            "hubs": 2,  # Sulawesi Utara and Jawa Timur; the national hub and draft hubs excluded
            "agencies": 4,  # Pemprov Sulut, Pemkot Manado, Pemprov Jatim, the ministry
            "provinces": 2,  # 71 and 35; the national innovation has no province
        }
        html = response.content.decode()
        assert "Draf Aceh" not in html and "Inovasi Privat" not in html

    def test_latest_and_featured(self, client, portal):
        response = client.get("/")
        latest = response.context["latest"]
        assert len(latest) == 5
        assert latest[0].title == "Lapor Cepat Nasional"  # published last
        assert all(item.hub is not None for item in latest)
        assert {item.title for item in response.context["featured"]} == {"Samsat Delivery Pos", "Sekolah Rakyat Jatim"}
        assert response.context["catalogue"].url == "/inovasi/"

    def test_by_year_chart(self, client, portal):
        by_year = client.get("/").context["by_year"]
        assert [(year, n) for year, n, _pct in by_year] == [(2018, 1), (2019, 1), (2020, 1), (2021, 1), (2022, 1)]
        assert all(pct == 100 for _y, _n, pct in by_year)

    def test_empty_portal_home_renders(self, client, site_pages):
        response = client.get("/")
        assert response.status_code == 200
        assert response.context["stats"] == {"innovations": 0, "hubs": 0, "agencies": 0, "provinces": 0}

    def test_navigation_lists_the_sections(self, client, site_pages):
        response = client.get("/")
        urls = {item.url_path for item in response.context["nav_items"]}
        assert {"/beranda/inovasi/", "/beranda/hub/", "/beranda/berita/", "/beranda/agenda/", "/beranda/artikel/"} <= urls

    def test_navigation_is_cached_and_follows_menu_changes(self, client, site_pages):
        from core.models import StandardPage

        client.get("/")  # fills the cache
        section = site_pages["home"].add_child(instance=StandardPage(title="Tentang Kami", slug="tentang", show_in_menus=True))
        section.save_revision().publish()
        assert "/beranda/tentang/" in {item.url_path for item in client.get("/berita/").context["nav_items"]}
        section.unpublish()
        assert "/beranda/tentang/" not in {item.url_path for item in client.get("/berita/").context["nav_items"]}
        section.show_in_menus = False
        section.save_revision().publish()
        assert "/beranda/tentang/" not in {item.url_path for item in client.get("/berita/").context["nav_items"]}


class TestHubs:
    def test_hub_index_lists_live_hubs_with_their_counts(self, client, portal, hub_a, hub_b, site_pages):
        response = client.get("/hub/")
        assert response.status_code == 200
        hubs = {hub.title: hub.innovation_count for hub in response.context["hubs"]}
        assert hubs == {hub_a.title: 3, hub_b.title: 1, site_pages["national_hub"].title: 1}
        assert "Hub Draf Aceh" not in response.content.decode()

    def test_hub_page_shows_its_own_innovations_only(self, client, portal, hub_a, hub_b):
        NewsPageFactory(parent=hub_a, title="Berita Sulut")
        NewsPageFactory(parent=hub_b, title="Berita Jatim")
        EventPageFactory(parent=hub_a, title="Agenda Sulut")
        EventPageFactory(parent=hub_b, title="Agenda Jatim")

        response = client.get("/hub/sulawesi-utara/")
        assert response.status_code == 200
        assert response.context["innovation_total"] == 3
        assert set(titles_in(response.context["innovations_page"])) == {
            "Samsat Delivery Pos", "Layanan Perizinan Sulut", "Posyandu Digital Manado"
        }
        assert [n.title for n in response.context["news"]] == ["Berita Sulut"]
        assert [e.title for e in response.context["events"]] == ["Agenda Sulut"]
        html = response.content.decode()
        assert "Samsat Delivery Pos" in html
        for other in ("Sekolah Rakyat Jatim", "Lapor Cepat Nasional", "Berita Jatim", "Agenda Jatim", "Draf Aceh"):
            assert other not in html

        response = client.get("/hub/jawa-timur/")
        assert response.status_code == 200
        assert titles_in(response.context["innovations_page"]) == ["Sekolah Rakyat Jatim"]
        assert "Samsat Delivery Pos" not in response.content.decode()

    def test_hub_page_lists_spokes(self, client, hub_a, agency_a, agency_a2):
        hub_a.spokes.add(agency_a, agency_a2)
        hub_a.save_revision().publish()
        response = client.get("/hub/sulawesi-utara/")
        assert response.context["spoke_list"] == [agency_a2, agency_a]  # by type: pemkot before pemprov
        assert agency_a2.name in response.content.decode()

    def test_hub_page_paginates(self, client, hub_a, agency_a):
        for n in range(13):
            InnovationPageFactory(parent=hub_a, agency=agency_a, title=f"Inovasi Hub {n:02d}")
        first = client.get("/hub/sulawesi-utara/").context["innovations_page"]
        assert len(first.object_list) == 12 and first.paginator.count == 13
        second = client.get("/hub/sulawesi-utara/", {"halaman": "2"}).context["innovations_page"]
        assert len(second.object_list) == 1

    def test_draft_hub_is_404(self, client, portal):
        assert client.get("/hub/aceh/").status_code == 404


class TestNotFound:
    @pytest.mark.parametrize(
        "path", ["/tidak-ada/", "/hub/tidak-ada/", "/inovasi/tidak/ada/sama/sekali/", "/berita/%F0%9F%98%80/"]
    )
    def test_unknown_urls_get_the_portal_404_page(self, client, site_pages, path):
        response = client.get(path)
        assert response.status_code == 404
        assert "404.html" in [t.name for t in response.templates]
        assert "tidak ditemukan" in response.content.decode().lower()


def test_health_check(client, db):
    response = client.get("/kesehatan/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    body = json.loads(response.content)
    assert (body["status"], body["database"]) == ("ok", "ok")
    assert body["search"]["engine"] == "embedded" and body["search"]["ok"] is True


class TestSearch:
    """Assertions are on the rendered page, so they hold whichever engine answers /cari/."""

    @pytest.fixture
    def indexed(self, site_pages, hub_a, agency_a, django_capture_on_commit_callbacks):
        # Search indexes are updated when the transaction commits.
        with django_capture_on_commit_callbacks(execute=True):
            InnovationPageFactory(
                parent=hub_a, agency=agency_a, title="Samsat Delivery Pos", acronym="SADELPOS",
                summary="Pengantaran STNK dan pembayaran pajak kendaraan melalui kantor pos.",
            )
            make_draft(InnovationPageFactory, hub_a, agency=agency_a, title="Samsat Draf Rahasia")
        # factories create live rows without Wagtail's publish signal: index what is live
        from search.service import get_engine

        get_engine().rebuild()

    def search(self, client, **params):
        response = client.get("/cari/", params)
        assert response.status_code == 200, params
        return response.content.decode()

    def text(self, client, **params):
        """The visible text (matches are wrapped in <mark>, which splits the raw HTML)."""
        from bs4 import BeautifulSoup

        return " ".join(BeautifulSoup(self.search(client, **params), "html.parser").get_text(" ").split())

    def test_search_finds_live_innovations_only(self, client, indexed):
        html = self.text(client, q="samsat")
        assert "Samsat Delivery Pos" in html
        assert "Samsat Draf Rahasia" not in html

    def test_empty_query_lists_nothing(self, client, indexed):
        for params in ({}, {"q": ""}, {"q": "   "}, {"q": "\x00\x01"}):
            assert "Samsat Delivery Pos" not in self.search(client, **params)

    @pytest.mark.parametrize(
        "query",
        [
            "a" * 10_000,
            "samsat " * 2_000,
            "' OR 1=1 --",
            '"; DROP TABLE wagtailcore_page; --',
            "\"unbalanced quote",
            '"',
            '""""',
            'sam"sat',
            "samsat\"*",
            "pajak\x00kendaraan",
            "\x00",
            "🚀🔥 inovasi 🇮🇩",
            "NEAR(a b) AND OR NOT * ( ) : ^ ~ -",
            "%_\\",
            "<script>alert(1)</script>",
        ],
    )
    def test_weird_input_never_fails(self, client, indexed, query):
        html = self.search(client, q=query)
        assert "<script>alert(1)</script>" not in html
        assert "\x00" not in html
        assert "a" * 201 not in html  # the query is capped before it is searched or shown

    def test_quotes_do_not_stop_a_search(self, client, indexed):
        assert "Samsat Delivery Pos" in self.text(client, q='"samsat"')

    def test_search_results_paginate_without_failing(self, client, indexed):
        for page in ("2", "-1", "abc", "99999", "\x00"):
            self.search(client, q="samsat", halaman=page)


def test_server_error_page_needs_no_database(rf, django_assert_num_queries):
    from core.views import server_error

    with django_assert_num_queries(0):
        response = server_error(rf.get("/"))
    assert response.status_code == 500 and "JIPPNas" in response.content.decode()
