"""Issue 16: the embedded engine matches every query word first and adds partial matches only
when few documents match them all (SEARCH_AND_MIN_RESULTS), on SQLite and PostgreSQL alike."""
import pytest

from search.base import SearchQuery
from search.embedded import EmbeddedEngine

from .engine_suite import build_corpus

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus(hub_a, hub_b):
    pages = build_corpus(hub_a, hub_b)
    EmbeddedEngine().rebuild()
    return pages


def _ids(text, **kwargs):
    return [hit.id for hit in EmbeddedEngine().search(SearchQuery(text=text, per_page=50, **kwargs)).hits]


def test_enough_full_matches_leave_partial_matches_out(corpus, settings):
    settings.SEARCH_AND_MIN_RESULTS = 1
    results = EmbeddedEngine().search(SearchQuery(text="desa sehat", per_page=50, facets=["kategori"]))
    assert [hit.id for hit in results.hits] == [corpus["sehat2"].pk]
    assert results.total == 1
    assert sum(results.facets["kategori"].values()) == 1  # facets count the same matches


def test_few_full_matches_fall_back_to_partial_ones_ranked_after(corpus, settings):
    settings.SEARCH_AND_MIN_RESULTS = 20
    ids = _ids("desa sehat")
    assert ids[0] == corpus["sehat2"].pk  # the one with both words first
    assert corpus["pahala"].pk in ids and corpus["sehat"].pk in ids  # "desa" only, "kesehatan" only


def test_a_query_no_document_matches_in_full_still_finds_partial_matches(corpus, settings):
    settings.SEARCH_AND_MIN_RESULTS = 1
    ids = _ids("retribusi nelayan")
    assert set(ids) == {corpus["bayar2"].pk, corpus["daya2"].pk}
