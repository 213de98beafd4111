"""/cari/, the autocomplete API, "Inovasi serupa", the search log and index upkeep on publishing."""
import pytest
from django.core.management import call_command
from django.urls import reverse

from search.embedded import EmbeddedEngine
from search.models import SearchEntry, SearchLog
from search.templatetags.search_tags import similar_to
from tests.helpers import count_queries, make_coordinator, soup_of

from .engine_suite import build_corpus

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus(hub_a, hub_b):
    pages = build_corpus(hub_a, hub_b)
    EmbeddedEngine().rebuild()
    return pages


def test_search_page_shows_results_facets_snippets_and_keeps_the_query(client, corpus):
    response = client.get("/cari/", {"q": "layanan akta", "kirim": "1"})
    assert response.status_code == 200
    soup = soup_of(response)
    first = soup.select(".search-hit h3 a")[0]
    assert first["href"] == corpus["pahala"].url
    assert first.find("mark").text == "Pelayanan"
    assert soup.select_one("#id_q")["value"] == "layanan akta"
    kategori = soup.select("input[type=checkbox][name=kategori]")
    assert "administrasi-kependudukan" in [box["value"] for box in kategori]
    # facet links and pages never carry the submit marker, so they are not logged again
    assert all("kirim" not in a["href"] for a in soup.select(".result-bar a, .chips a, .pagination a"))


def test_filters_combine_with_the_query_and_show_as_removable_chips(client, corpus):
    response = client.get("/cari/", {"q": "sehat desa kesehatan", "kategori": "kesehatan", "hub": corpus["sehat"].get_parent().slug})
    soup = soup_of(response)
    assert [a["href"] for a in soup.select(".search-hit h3 a")] == [corpus["sehat"].url]
    chips = soup.select(".chips a")
    assert len(chips) == 2
    # chips follow the facet order (hub first): removing it leaves the category filter only
    removed = client.get("/cari/" + chips[0]["href"])
    assert len(soup_of(removed).select(".search-hit")) == 2


def test_typo_shows_a_suggestion(client, corpus):
    soup = soup_of(client.get("/cari/", {"q": "kesehtan"}))
    assert soup.select_one(".suggestion a").text.strip() == "kesehatan"


def test_empty_state_suggests_broader_search(client, corpus):
    response = client.get("/cari/", {"q": "zzzqqq xxyyzz"})
    assert "Tidak ada inovasi yang cocok" in response.content.decode()


@pytest.mark.parametrize("params", [
    {"q": '"'}, {"q": "a" * 10_000}, {"q": "pajak\x00"}, {"q": "🚗"}, {"q": "NOT OR AND ("},
    {"q": "'; DROP TABLE search_searchentry; --"}, {"q": "desa", "sdg": "<x>", "hub": "ÿ", "halaman": "-5"},
    {"q": "desa", "halaman": "99999999999999999999"}, {"q": "desa", "urutkan": "DROP"}, {"tahun": "abcd"},
    {"sdg": "²"}, {"q": "desa", "sdg": "٣", "tahun": "²⁰²⁰"},
])
def test_any_input_answers_200(client, corpus, params):
    response = client.get("/cari/", params)
    assert response.status_code == 200


def test_bad_filter_values_get_a_message(client, corpus):
    assert "filter tidak dikenal" in client.get("/cari/", {"q": "desa", "sdg": "<x>"}).content.decode()


@pytest.mark.parametrize("params", [{"tahun": "abc"}, {"provinsi": "atlantis"}, {"sdg": "99"}])
def test_values_the_catalogue_does_not_offer_are_dropped_with_a_message(client, corpus, params):
    """Well-formed but unknown (a hand-edited year or slug): the page used to tick it as a
    facet with 0 results and say nothing."""
    response = client.get("/cari/", {"q": "desa", **params})
    assert "filter tidak dikenal" in response.content.decode()
    assert response.context["filters"] == {}
    assert response.context["results_html"].count("Desa") >= 1


def test_every_facet_value_the_index_holds_is_offered(client, corpus):
    """What the search's facets show can be selected: the catalogue offers each of its values."""
    from innovations.filters import offered_only
    from search.base import SearchQuery
    from search.service import get_engine

    facets = get_engine().search(SearchQuery(text="", filters={})).facets
    every = {name: list(counts) for name, counts in facets.items() if counts}
    assert every and offered_only(every) == every


def test_search_page_runs_a_fixed_number_of_queries(client, corpus):
    small = count_queries(client, "/cari/?q=desa+layanan+izin&halaman=1")[1]
    big = count_queries(client, "/cari/?q=desa+layanan+izin+sehat+bayar+lindungi+berdaya+penduduk")[1]
    assert big <= small + 2  # the second query has more typo lookups at most, never a query per row


def test_search_is_logged_once_per_submission(client, corpus):
    client.get("/cari/", {"q": "Akta  Kelahiran", "kirim": "1"})
    client.get("/cari/", {"q": "akta kelahiran", "kategori": "kesehatan"})  # a facet click
    client.get("/cari/", {"q": "akta kelahiran", "halaman": "2", "kirim": "1"})  # a page
    client.get("/cari/", {"q": "zzzqqq", "kirim": "1"})
    logs = list(SearchLog.objects.order_by("pk").values_list("normalized", "results"))
    assert logs == [("akta kelahiran", 1), ("zzzqqq", 0)]


def test_admin_report_lists_frequent_and_zero_result_queries(client, corpus, hub_a):
    for text in ("akta", "akta", "zzzqqq"):
        client.get("/cari/", {"q": text, "kirim": "1"})
    coordinator = make_coordinator(hub_a)
    client.force_login(coordinator)
    response = client.get(reverse("search_report"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "zzzqqq" in html and html.index("Pencarian tanpa hasil") < html.index("zzzqqq")
    client.logout()
    assert client.get(reverse("search_report")).status_code == 302  # to the login page


def test_autocomplete_json(client, corpus):
    data = client.get("/api/cari/saran/", {"q": "sadel"}).json()
    assert data["results"][0]["label"].startswith("SADELPOS") or "Samsat" in data["results"][0]["label"]
    assert data["results"][0]["url"] == corpus["sadelpos"].url
    assert client.get("/api/cari/saran/", {"q": "\x00" * 50}).json()["results"] == []
    assert client.get("/api/cari/saran/", {"q": "desa", "batas": "x"}).status_code == 200


def test_innovation_page_shows_similar_innovations(client, corpus):
    page = corpus["sehat"]
    similar = similar_to(page)
    assert similar and similar[0].pk == corpus["sehat2"].pk
    assert similar[0].hub == corpus["sehat2"].get_parent().specific
    response = client.get(page.url)
    assert response.status_code == 200
    section = soup_of(response).select_one("section[aria-labelledby=similar-title]")
    assert section.select(".card h3 a")[0]["href"] == corpus["sehat2"].url


def test_an_engine_failure_only_hides_similar_innovations(client, corpus, settings, monkeypatch, caplog):
    from search import similar
    from search.elastic import ElasticsearchEngine

    # a cluster that refuses connections, asked without the embedded engine behind it
    settings.ELASTICSEARCH_URL, settings.ELASTICSEARCH_TIMEOUT = "http://127.0.0.1:9", 1
    monkeypatch.setattr(similar, "get_engine", ElasticsearchEngine)
    page = corpus["sehat"]
    assert similar_to(page) == []
    assert f"Similar innovations of {page.pk} not computed" in caplog.text
    response = client.get(page.url)
    assert response.status_code == 200
    assert soup_of(response).select_one("section[aria-labelledby=similar-title]") is None
    assert corpus["sehat"].title in response.content.decode()


def test_publishing_unpublishing_and_deleting_update_the_index(corpus, django_capture_on_commit_callbacks):
    page = corpus["izin2"]
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    assert not SearchEntry.objects.filter(pk=page.pk).exists()
    page.title = "Izin Usaha Mikro Kilat"
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert SearchEntry.objects.get(pk=page.pk).title == "Izin Usaha Mikro Kilat"
    with django_capture_on_commit_callbacks(execute=True):
        page.delete()
    assert not SearchEntry.objects.filter(pk=page.pk).exists()


def test_moving_updates_the_hub_facet(corpus, hub_a, hub_b, django_capture_on_commit_callbacks):
    page = corpus["pahala"]
    assert SearchEntry.objects.get(pk=page.pk).hub == hub_a.slug
    with django_capture_on_commit_callbacks(execute=True):
        page.move(hub_b, pos="last-child")
    assert SearchEntry.objects.get(pk=page.pk).hub == hub_b.slug


def test_a_failing_index_update_never_breaks_publishing(corpus, settings, django_capture_on_commit_callbacks):
    from search.service import reset_engine

    # a cluster that refuses connections: the Elasticsearch write fails for real
    settings.ELASTICSEARCH_URL, settings.ELASTICSEARCH_TIMEOUT = "http://127.0.0.1:9", 1
    reset_engine()
    try:
        page = corpus["bayar2"]
        page.title = "Bayar Retribusi Pasar Daring"
        with django_capture_on_commit_callbacks(execute=True):
            page.save_revision().publish()
        page.refresh_from_db()
        assert page.live and page.title == "Bayar Retribusi Pasar Daring"
        # the embedded copy behind Elasticsearch was still brought up to date
        assert SearchEntry.objects.get(pk=page.pk).title == "Bayar Retribusi Pasar Daring"
    finally:
        settings.ELASTICSEARCH_URL = None
        reset_engine()


def test_search_index_command_rebuilds_and_checks_the_count(corpus, capsys):
    SearchEntry.objects.all().delete()
    call_command("search_index", "rebuild", "--chunk-size", "3", "--no-progress")
    assert SearchEntry.objects.count() == len(corpus)
    assert f"{len(corpus)} inovasi diindeks" in capsys.readouterr().out
    call_command("search_index", "status")
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("search_index", "rebuild", "--chunk-size", "0")


def test_a_result_shows_agency_region_hub_status_and_its_best_award(client, corpus):
    """The result line is read as plain values (search.views._load_items): agency, province,
    hub, status and the best award (lowest tier rank, then the latest year) must still show,
    and a page unpublished after indexing is left out rather than shown stale."""
    from innovations.factories import InnovationAwardFactory
    from innovations.models import AwardTier

    page = corpus["sadelpos"]
    tiers = list(AwardTier.objects.order_by("rank"))
    best, other = tiers[0], tiers[-1]
    InnovationAwardFactory(innovation=page, tier=other, year=2023)
    InnovationAwardFactory(innovation=page, tier=best, year=2019)
    InnovationAwardFactory(innovation=page, tier=best, year=2021)
    meta = soup_of(client.get("/cari/", {"q": "sadelpos"})).select_one(".search-hit .meta").get_text(" ", strip=True)
    assert page.agency.name in meta and page.get_parent().title in meta
    if page.province_id:
        assert page.province.name in meta
    assert page.get_sustainability_status_display() in meta
    assert f"{best.name} 2021" in meta and other.name not in meta.replace(best.name, "")

    page.unpublish()
    # the index upkeep runs on commit, which this test's transaction never reaches: the entry outlives the page
    assert SearchEntry.objects.filter(pk=page.pk).exists()
    hits = soup_of(client.get("/cari/", {"q": "sadelpos"})).select(".search-hit h3 a")
    assert page.url not in [a["href"] for a in hits]


# --- The results as a stored part (issue 16: /cari/ without the full-page cache) -----------------


@pytest.fixture
def fragments(settings):
    settings.FRAGMENT_CACHE_SECONDS = 300


def test_a_second_visit_reads_the_stored_results_and_a_submission_is_still_logged(client, corpus, fragments):
    first, cold = count_queries(client, "/cari/?q=sadelpos")
    again, stored = count_queries(client, "/cari/?q=sadelpos")
    assert again.content == first.content
    assert stored <= cold - 5  # no engine, no result cards: the index token and the page's own reads
    submitted = client.get("/cari/", {"q": "sadelpos", "kirim": "1"})
    assert soup_of(submitted).select(".search-hit h3 a")[0]["href"] == corpus["sadelpos"].url
    client.get("/cari/", {"q": "sadelpos", "kirim": "1"})  # stored now: still logged
    assert SearchLog.objects.filter(normalized="sadelpos").count() == 2


def test_an_index_change_shows_in_the_next_visit(client, corpus, fragments):
    from innovations.factories import InnovationPageFactory

    def titles():
        return [" ".join(a.get_text().split()) for a in soup_of(client.get("/cari/?q=telemedisin")).select(".search-hit h3 a")]

    assert titles() == []
    page = InnovationPageFactory(parent=corpus["sehat"].get_parent(), title="Telemedisin Puskesmas Kepulauan",
                                 acronym="", slug="telemedisin-kepulauan")
    EmbeddedEngine().index([page.pk])
    assert titles() == ["Telemedisin Puskesmas Kepulauan"]


def _engine_queries(client, url):
    """How many of a GET's SQL queries read the embedded index's documents or words."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len([q for q in ctx.captured_queries if "search_searchentry" in q["sql"] or "search_searchword" in q["sql"]])


def test_signed_in_users_never_get_or_leave_a_stored_part(client, corpus, fragments, hub_a):
    url = "/cari/?q=sadelpos"
    client.force_login(make_coordinator(hub_a))
    assert all(_engine_queries(client, url) for _ in range(3))  # searched afresh each time
    client.logout()
    assert _engine_queries(client, url)  # nothing was left by the signed-in user
    assert _engine_queries(client, url) == 0  # the anonymous visit left it
