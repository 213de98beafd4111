"""Issue 16: "Inovasi serupa" is computed when an innovation is indexed and stored, refreshed when
it or its neighbours change; the innovation page only reads the stored row."""
import pytest

from search.embedded import EmbeddedEngine
from search.models import SimilarInnovations
from search.similar import stored
from search.tasks import index_now, remove_now
from tests.helpers import count_queries

from .engine_suite import build_corpus

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus(hub_a, hub_b):
    pages = build_corpus(hub_a, hub_b)
    EmbeddedEngine().rebuild()
    return pages


def _stored(page):
    return SimilarInnovations.objects.get(innovation_id=page.pk).ids()


def test_indexing_stores_the_list_and_the_page_reads_it_without_asking_the_engine(client, corpus, monkeypatch):
    sehat, sehat2 = corpus["sehat"], corpus["sehat2"]
    index_now([sehat.pk])
    assert _stored(sehat)[0] == sehat2.pk
    assert sehat.pk in _stored(sehat2)  # the one it resembles got its list too

    def refuse(*args, **kwargs):
        raise AssertionError("the page asked the engine")

    monkeypatch.setattr(EmbeddedEngine, "similar", refuse)
    assert stored(sehat.pk, 4)[0] == sehat2.pk
    response = client.get(sehat.url)
    assert sehat2.url in response.content.decode()


def test_an_innovation_without_a_list_gets_one_on_its_first_view(client, corpus):
    sehat = corpus["sehat"]
    assert not SimilarInnovations.objects.filter(innovation_id=sehat.pk).exists()
    assert stored(sehat.pk, 4)[0] == corpus["sehat2"].pk
    assert SimilarInnovations.objects.filter(innovation_id=sehat.pk).exists()


def test_a_neighbour_leaving_the_index_leaves_the_lists_that_showed_it(corpus):
    sehat, sehat2 = corpus["sehat"], corpus["sehat2"]
    index_now([sehat.pk])
    sehat2.unpublish()
    remove_now([sehat2.pk])
    assert sehat2.pk not in _stored(sehat)
    assert not SimilarInnovations.objects.filter(innovation_id=sehat2.pk).exists()


def test_the_innovation_page_query_count_does_not_depend_on_the_catalogue(client, corpus, hub_a, agency_a):
    from innovations.factories import InnovationPageFactory

    page = corpus["sehat"]
    stored(page.pk, 4)
    client.get(page.url)
    _, before = count_queries(client, page.url)
    for i in range(30):
        InnovationPageFactory(parent=hub_a, agency=agency_a, title=f"Layanan kesehatan desa {i}", slug=f"sehat-desa-{i}",
                              summary="Layanan kesehatan ibu dan anak di desa.")
    EmbeddedEngine().rebuild()
    index_now([page.pk])
    client.get(page.url)  # warm, as before: the write started a new page generation
    response, after = count_queries(client, page.url)
    assert response.status_code == 200 and after <= before


def test_publishing_refreshes_the_lists_through_the_outbox(client, corpus, hub_a, agency_a):
    """The path a publish really takes: the signal records an outbox item, its delivery
    indexes the page, then recomputes the lists it changes, then drops stored pages."""
    from innovations.factories import InnovationPageFactory
    from tests.helpers import deliver_outbox

    sehat = corpus["sehat"]
    assert stored(sehat.pk, 6)  # the list as it is before
    twin = InnovationPageFactory(parent=hub_a, agency=agency_a, title=sehat.title, slug="kembar-sehat",
                                 summary=sehat.summary, background=sehat.background)
    twin.save_revision().publish()
    deliver_outbox()
    assert twin.pk in _stored(sehat)
    assert _stored(twin)[0] == sehat.pk
