"""The embedded engine's result windows and in-memory facet index.

The engine ranks in SQL and counts facets with bitsets: a relevance-sorted search is one
statement that reads the matches once, returns every matching id (for the facet counts) and
ranks only the hits (the filters pushed down as one flag byte per id). A filtered page must be
exactly the unfiltered ranking with the non-matching innovations left out. The facet index
is a per-process copy; it must follow every index write, and never keep a rolled-back one.
"""
import pytest
from django.db import (
    connection,
    transaction,
)

from innovations.factories import InnovationPageFactory
from innovations.models import SustainabilityStatus
from search.base import SearchQuery
from search.embedded import EmbeddedEngine
from search.facets import facet_index

pytestmark = pytest.mark.django_db

WORDS = ["layanan", "pajak", "desa", "sehat", "sekolah"]


@pytest.fixture
def corpus(hub_a, hub_b, agency_a, agency_b):
    """30 innovations that all mention "layanan", with 0-3 other query words each so that
    ranking tiers and scores vary; every sixth is stopped (a selective filter), two in three
    are in hub A (a broad one)."""
    pages = []
    for i in range(30):
        extra = " ".join(WORDS[1:1 + i % 4])
        in_a = i % 3 != 0
        pages.append(InnovationPageFactory(
            parent=hub_a if in_a else hub_b, agency=agency_a if in_a else agency_b,
            title=f"Inovasi {i} layanan {extra if i % 2 else ''}", slug=f"jendela-{i}",
            summary=f"Ringkasan {extra} layanan warga nomor {i}.", year_started=2010 + i % 10,
            sustainability_status=SustainabilityStatus.BERHENTI if i % 6 == 0 else SustainabilityStatus.BERLANJUT,
        ))
    return pages


@pytest.fixture
def engine(corpus):
    engine = EmbeddedEngine()
    engine.rebuild()
    return engine


def all_pages(engine, text, per_page, **kwargs):
    """Every hit, page after page."""
    ids, page = [], 1
    while True:
        results = engine.search(SearchQuery(text=text, per_page=per_page, page=page, **kwargs))
        ids += [hit.id for hit in results.hits]
        if page * per_page >= results.total:
            return ids, results.total
        page += 1


@pytest.mark.parametrize("text", ["layanan pajak desa", "layanan", "pajak sehat sekolah"])
@pytest.mark.parametrize("filters", [
    {"status": ["berhenti"]},                      # selective: 1 in 6
    {"hub": ["sulawesi-utara"]},                   # broad: 2 in 3
    {"hub": ["sulawesi-utara"], "status": ["berlanjut"]},
])
def test_a_filtered_ranking_is_the_full_ranking_less_what_fails(engine, corpus, text, filters):
    full = engine.search(SearchQuery(text=text, per_page=100))
    by_pk = {page.pk: page for page in corpus}

    def passes(pk):
        page = by_pk[pk]
        hub_ok = "hub" not in filters or page.get_parent().slug in filters["hub"]
        status_ok = "status" not in filters or page.sustainability_status in filters["status"]
        return hub_ok and status_ok

    expected = [hit.id for hit in full.hits if passes(hit.id)]
    assert expected, "the corpus must give every filter some hits"
    for per_page in (2, 3, 7):
        ids, total = all_pages(engine, text, per_page, filters=filters)
        assert ids == expected, per_page
        assert total == len(expected)


@pytest.mark.parametrize("filters", [{}, {"status": ["berhenti"]}, {"hub": ["hub-a"]}])
def test_a_ranked_search_reads_the_full_text_index_once(engine, corpus, filters, hub_a):
    from django.test.utils import CaptureQueriesContext

    filters = {name: [hub_a.slug] if name == "hub" else values for name, values in filters.items()}
    with CaptureQueriesContext(connection) as queries:
        results = engine.search(SearchQuery(text="layanan pajak", filters=filters, per_page=5))
    assert results.total and results.hits
    full_text = [q["sql"] for q in queries.captured_queries if "@@" in q["sql"] or " MATCH " in q["sql"]]
    assert len(full_text) == 1, full_text


def test_pages_of_an_unfiltered_ranking_follow_each_other(engine):
    full = [hit.id for hit in engine.search(SearchQuery(text="layanan pajak desa", per_page=100)).hits]
    ids, total = all_pages(engine, "layanan pajak desa", 4)
    assert ids == full and total == len(full) == 30
    # every word beats some words: the first page holds innovations with all three words
    first = engine.search(SearchQuery(text="layanan pajak desa", per_page=4)).hits
    assert all("pajak" in hit.highlights["title"].lower() or "pajak" in hit.highlights["summary"].lower() for hit in first)


@pytest.mark.parametrize("sort", ["terbaru", "judul", "terverifikasi"])
def test_filtered_sorted_pages_without_text(engine, corpus, sort):
    full = [hit.id for hit in engine.search(SearchQuery(sort=sort, per_page=100, filters={"status": ["berlanjut", "berhenti"]})).hits]
    assert len(full) == 30
    stopped = {page.pk for page in corpus if page.sustainability_status == SustainabilityStatus.BERHENTI}
    ids, _total = all_pages(engine, "", 4, sort=sort, filters={"status": ["berhenti"]})
    assert ids == [pk for pk in full if pk in stopped]


def test_facet_index_follows_index_writes(engine, corpus, hub_a, agency_a):
    page = InnovationPageFactory(parent=hub_a, agency=agency_a, title="Layanan Perahu Pintar", slug="perahu")
    assert engine.search(SearchQuery(text="perahu")).total == 0  # not indexed yet
    engine.index([page.pk])
    results = engine.search(SearchQuery(text="perahu"))
    assert [hit.id for hit in results.hits] == [page.pk]
    assert results.facets["hub"] == {hub_a.slug: 1}
    engine.delete([page.pk])
    assert engine.search(SearchQuery(text="perahu")).total == 0
    assert engine.search(SearchQuery(text="layanan")).total == 30


def test_a_rolled_back_write_never_leaves_a_stale_copy(engine, hub_a, agency_a):
    page = InnovationPageFactory(parent=hub_a, agency=agency_a, title="Layanan Perahu Pintar", slug="perahu")
    before = facet_index().token
    with pytest.raises(RuntimeError), transaction.atomic():
        engine.index([page.pk])
        inside = engine.search(SearchQuery(text="", filters={"hub": [hub_a.slug]}))
        assert page.pk in [hit.id for hit in inside.hits]  # the copy was rebuilt with the new entry
        raise RuntimeError("roll back")
    assert facet_index().token == before
    after = engine.search(SearchQuery(text="", filters={"hub": [hub_a.slug]}, per_page=100))
    assert page.pk not in [hit.id for hit in after.hits]
    assert after.total == 20


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif("connection.vendor != 'postgresql'", reason="needs concurrent writers: run with DATABASE_URL=postgres://… (CI does)")
def test_concurrent_reindexing_of_one_innovation_does_not_collide(migration_data, hub_a, agency_a):
    """Two workers re-indexing the same innovation at once: both succeed, one entry remains."""
    import threading

    from django.db import connections

    from search.models import SearchEntry

    page = InnovationPageFactory(parent=hub_a, agency=agency_a, title="Layanan Perahu Pintar", slug="perahu")
    barrier, errors = threading.Barrier(2), []

    def reindex():
        try:
            barrier.wait(timeout=10)
            EmbeddedEngine().index([page.pk])
        except Exception as exc:  # noqa: BLE001 -- collected; the assertion says what went wrong
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=reindex) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == [] and SearchEntry.objects.filter(pk=page.pk).count() == 1
