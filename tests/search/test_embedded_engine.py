"""The behavioural suite on the embedded engine, on whichever database the suite runs on
(PostgreSQL in CI, SQLite by default; `make test` runs this module on both)."""
import pytest

from search.embedded import EmbeddedEngine

from .engine_suite import EngineBehaviour, build_corpus

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus(hub_a, hub_b):
    return build_corpus(hub_a, hub_b)


@pytest.fixture
def engine(corpus):
    engine = EmbeddedEngine()
    assert engine.rebuild(chunk_size=5) == len(corpus)
    return engine


class TestEmbeddedEngine(EngineBehaviour):
    def test_rebuild_reports_progress_and_count(self, corpus):
        seen = []
        engine = EmbeddedEngine()
        assert engine.rebuild(chunk_size=4, progress=seen.append) == len(corpus)
        assert sum(seen) == len(corpus) and len(seen) == -(-len(corpus) // 4)
        assert engine.count() == len(corpus)
