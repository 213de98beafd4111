"""Replication feeds search: a "most replicated" sort and a replication-count facet, updated
when a replication becomes public (after the transaction commits)."""
import pytest

from innovations.factories import InnovationPageFactory
from replication import rules
from replication.models import Model, Stage
from search.base import SearchQuery
from search.embedded import EmbeddedEngine
from tests.helpers import make_agency, make_agency_editor

pytestmark = pytest.mark.django_db


def test_most_replicated_sort_and_facet_follow_public_replications(hub_a, hub_b, origin, agency_a, adopter_user,
                                                                     django_capture_on_commit_callbacks):
    other = InnovationPageFactory(parent=hub_a, agency=agency_a, title="Samsat Keliling Desa", slug="samsat-keliling")
    engine = EmbeddedEngine()
    engine.rebuild()
    second = make_agency_editor(hub_b, make_agency("35", name="Pemerintah Kota Uji Replikasi"), username="editor-kedua")
    with django_capture_on_commit_callbacks(execute=True):
        interest = rules.start_replication(adopter_user, other, reason="Minat saja.", model=Model.KERJA_SAMA)
        for user in (adopter_user, second):
            replication = rules.start_replication(user, origin, reason="Antrean panjang.", model=Model.MANDIRI)
            rules.move(user, replication.pk, Stage.PERSIAPAN, expected_version=0)
    results = engine.search(SearchQuery(text="samsat", sort="replikasi"))
    assert [hit.id for hit in results.hits] == [origin.pk, other.pk]
    # interest alone is private: it does not count
    assert results.facets["replikasi"] == {"1-2": 1, "belum": 1}
    assert interest.stage == Stage.MINAT
    narrowed = engine.search(SearchQuery(text="samsat", filters={"replikasi": ["1-2"]}))
    assert [hit.id for hit in narrowed.hits] == [origin.pk]


def test_search_page_offers_the_sort_and_the_facet(client, origin, hub_a):
    EmbeddedEngine().rebuild()
    html = client.get("/cari/?q=samsat").content.decode()
    assert "Paling banyak direplikasi" in html and "Jumlah replikasi" in html and "Belum direplikasi" in html
