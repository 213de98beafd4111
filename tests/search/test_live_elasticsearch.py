"""The behavioural suite against a real Elasticsearch cluster, when ELASTICSEARCH_URL is set.

No cluster can be installed on the CI machines, so in CI this module is skipped; run it with
``ELASTICSEARCH_URL=http://localhost:9200 .venv/bin/python -m pytest tests/search/test_live_elasticsearch.py``.
Indices use the prefix ``test_<random>_`` and are deleted afterwards.
"""
import os
import uuid

import pytest

from .engine_suite import EngineBehaviour, build_corpus

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not os.environ.get("ELASTICSEARCH_URL"), reason="ELASTICSEARCH_URL is not set: no Elasticsearch server can be installed from the registries CI reaches; set it to a cluster URL to run this suite"),
]


@pytest.fixture
def corpus(hub_a, hub_b):
    return build_corpus(hub_a, hub_b)


@pytest.fixture
def engine(corpus, settings):
    from search.elastic import ElasticsearchEngine
    from search.embedded import EmbeddedEngine

    settings.ELASTICSEARCH_URL = os.environ["ELASTICSEARCH_URL"]
    settings.SEARCH_INDEX_PREFIX = f"test_{uuid.uuid4().hex[:8]}_"
    EmbeddedEngine().rebuild()  # the vocabulary used for typo groups lives in the database
    engine = ElasticsearchEngine()
    assert engine.rebuild(chunk_size=5) == len(corpus)
    engine.client.indices.refresh(index=f"{settings.SEARCH_INDEX_PREFIX}innovations")
    original_index, original_delete = engine.index, engine.delete

    def index(ids):
        original_index(ids)
        engine.client.indices.refresh(index=f"{settings.SEARCH_INDEX_PREFIX}innovations")

    def delete(ids):
        original_delete(ids)
        engine.client.indices.refresh(index=f"{settings.SEARCH_INDEX_PREFIX}innovations")

    engine.index, engine.delete = index, delete  # make writes visible at once, as the suite expects
    yield engine
    engine.client.indices.delete(index=f"{settings.SEARCH_INDEX_PREFIX}innovations*", ignore_unavailable=True)


class TestLiveElasticsearch(EngineBehaviour):
    def test_rebuild_swaps_the_alias(self, engine, settings):
        alias = f"{settings.SEARCH_INDEX_PREFIX}innovations"
        before = set(engine.client.indices.get_alias(name=alias).body)
        engine.rebuild()
        after = set(engine.client.indices.get_alias(name=alias).body)
        assert len(after) == 1 and after != before

    @pytest.mark.parametrize("typed", ["sadel", "akta kel", "lahir", "pemkot", "manado", "jemput", "adminduk", "jatim"])
    def test_suggestions_of_every_kind_equal_the_embedded_engine(self, engine, typed):
        from search.embedded import EmbeddedEngine

        found = engine.autocomplete(typed, limit=6)
        assert found
        assert [(s.kind, s.label, s.url) for s in found] == [
            (s.kind, s.label, s.url) for s in EmbeddedEngine().autocomplete(typed, limit=6)]
        assert {s.kind for s in engine.autocomplete("manado", limit=6)} >= {"instansi"}
        assert {s.kind for s in engine.autocomplete("adminduk", limit=6)} >= {"tag"}
