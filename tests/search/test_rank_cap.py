"""Issue 16: on PostgreSQL a query of frequent words ranks a bounded window of its matches
(SEARCH_RANK_CAP), chosen by where the words occur, while its totals and facet counts stay exact
and its pages neither repeat nor lose a document."""
import pytest
from django.db import connection

from innovations.factories import InnovationPageFactory
from innovations.filter_registry import SEARCH_FILTERS
from search.base import SearchQuery
from search.embedded import EmbeddedEngine
from search.query import plan_query

pytestmark = pytest.mark.django_db

FACETS = [f.name for f in SEARCH_FILTERS]
#: key -> (title, summary, body): "pengaduan" in three titles, two summaries, three bodies
DOCUMENTS = {
    "t1": ("Pengaduan Warga Kota", "Kanal satu pintu untuk warga.", "Petugas menjawab dalam sehari."),
    "t2": ("Pusat Pengaduan Terpadu", "Semua kanal dalam satu dasbor.", "Dipakai di setiap kecamatan."),
    "t3": ("Layanan Pengaduan Desa", "Perangkat desa menerima laporan.", "Laporan dicatat di buku desa."),
    "s1": ("Lapor Cepat", "Aplikasi pengaduan untuk pasar tradisional.", "Pedagang melapor lewat ponsel."),
    "s2": ("Suara Nelayan", "Nelayan menyampaikan pengaduan lewat radio.", "Radio pantai menyiarkan jawaban."),
    "b1": ("Jemput Bola Adminduk", "Petugas datang ke desa terpencil.", "Juga menerima pengaduan tentang akta."),
    "b2": ("Sekolah Ramah Anak", "Kelas inklusif di sekolah dasar.", "Orang tua dapat menyampaikan pengaduan."),
    "b3": ("Posyandu Digital", "Catatan tumbuh kembang balita.", "Kader menerima pengaduan ibu hamil."),
    "x1": ("Perizinan Daring", "Izin usaha dalam satu hari.", "Tanpa antre di kantor."),
}


@pytest.fixture
def corpus(hub_a):
    if connection.vendor != "postgresql":
        pytest.skip("the ranked window is the PostgreSQL engine's (SQLite ranks every match)")
    pages = {
        key: InnovationPageFactory(parent=hub_a, title=title, acronym="", slug=f"cap-{key}", summary=summary,
                                   background=f"<p>{body}</p>")
        for key, (title, summary, body) in DOCUMENTS.items()
    }
    EmbeddedEngine().rebuild()
    return pages


def search(settings, cap, **kwargs):
    settings.SEARCH_RANK_CAP = cap
    return EmbeddedEngine().search(SearchQuery(facets=FACETS, **kwargs))


def test_a_frequent_word_ranks_a_window_with_exact_totals_and_facets(corpus, settings):
    settings.SEARCH_RANK_CAP = 3
    assert EmbeddedEngine()._ranks_a_window(plan_query("pengaduan"))
    capped = search(settings, 3, text="pengaduan", per_page=3)
    full = search(settings, 10_000, text="pengaduan", per_page=3)
    assert capped.total == full.total == 8
    assert capped.facets == full.facets
    titled = {corpus[key].pk for key in ("t1", "t2", "t3")}
    # the window is the documents with the word in the title, as the full ranking puts first
    assert {hit.id for hit in capped.hits} == titled == {hit.id for hit in full.hits}
    assert [hit.id for hit in capped.hits] == [hit.id for hit in full.hits]


def test_pages_past_the_window_neither_repeat_nor_lose_a_document(corpus, settings):
    seen = []
    for page in (1, 2, 3):
        results = search(settings, 3, text="pengaduan", per_page=3, page=page)
        assert results.total == 8
        seen += [hit.id for hit in results.hits]
    assert len(seen) == len(set(seen)) == 8
    matching = {page.pk for key, page in corpus.items() if key != "x1"}
    assert set(seen) == matching
    # title matches, then summary matches, then body matches
    order = {pk: i for i, pk in enumerate(seen)}
    assert max(order[corpus[k].pk] for k in ("t1", "t2", "t3")) < min(order[corpus[k].pk] for k in ("s1", "s2"))
    assert max(order[corpus[k].pk] for k in ("s1", "s2")) < min(order[corpus[k].pk] for k in ("b1", "b2", "b3"))


def test_sorted_by_replication_and_filtered_the_window_holds_the_same_hits(corpus, settings):
    for kwargs in ({"sort": "replikasi"}, {"filters": {"status": [corpus["t1"].sustainability_status]}}):
        capped = search(settings, 3, text="pengaduan", per_page=3, **kwargs)
        full = search(settings, 10_000, text="pengaduan", per_page=3, **kwargs)
        assert capped.total == full.total
        assert capped.facets == full.facets
        assert [hit.id for hit in capped.hits] == [hit.id for hit in full.hits]


def test_the_words_bitsets_follow_an_index_change(corpus, settings):
    assert search(settings, 3, text="pengaduan").total == 8
    page = InnovationPageFactory(parent=corpus["t1"].get_parent(), title="Pengaduan Pasien Rumah Sakit", acronym="",
                                 slug="cap-baru", summary="Pasien melapor.", background="<p>Dijawab perawat.</p>")
    EmbeddedEngine().index([page.pk])
    results = search(settings, 3, text="pengaduan", per_page=3)
    assert results.total == 9
    page.unpublish()
    EmbeddedEngine().delete([page.pk])
    assert search(settings, 3, text="pengaduan").total == 8


@pytest.mark.parametrize("text", ["pengaduan", "pengaduan desa", "pengaduan warga kota", "kanal pengaduan",
                                  "pengaduam desa", "Lapor Cepat"])
def test_the_window_ranked_in_memory_equals_the_sql_ranking_to_the_last_bit(corpus, settings, text):
    """A window by relevance is ranked in Python from what the words' pass stored (tiers,
    ts_rank per word, the award-and-recency order); the full ranking is the SQL statement.
    With a cap of 0 every hit is in the window, so both rank the same documents: same order,
    same scores (float equality, not approximate)."""
    settings.SEARCH_RANK_CAP = 0
    plan = plan_query(text)
    assert EmbeddedEngine()._ranks_a_window(plan)
    assert plan.has_fuzzy == (text == "pengaduam desa")  # a typo: the tiers of corrected words too
    in_memory = search(settings, 0, text=text, per_page=20)
    in_sql = search(settings, 10**6, text=text, per_page=20)
    assert in_memory.total == in_sql.total > 0
    assert [(hit.id, hit.score) for hit in in_memory.hits] == [(hit.id, hit.score) for hit in in_sql.hits]
    assert in_memory.facets == in_sql.facets


def test_an_exact_acronym_match_leads_the_window_over_a_higher_score(corpus, settings):
    """The exact title-or-acronym tie-break comes before the score; in memory it is read from
    the indexed match keys. A long document whose acronym is the query scores below the short
    titles that carry the word, and still comes first."""
    long_body = " ".join(["Petugas kelurahan mencatat setiap laporan warga di buku register harian."] * 12)
    page = InnovationPageFactory(parent=corpus["t1"].get_parent(), title="Layanan Warga Terpadu", acronym="PENGADUAN",
                                 slug="cap-akronim", summary="Satu pintu untuk semua urusan.",
                                 background=f"<p>{long_body}</p>")
    EmbeddedEngine().index([page.pk])
    in_memory = search(settings, 0, text="pengaduan", per_page=20)  # every hit in the window
    in_sql = search(settings, 10**6, text="pengaduan", per_page=20)
    assert in_memory.hits[0].id == page.pk
    assert in_memory.hits[0].score < in_memory.hits[1].score
    assert [(hit.id, hit.score) for hit in in_memory.hits] == [(hit.id, hit.score) for hit in in_sql.hits]
