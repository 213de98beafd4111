"""The behavioural suite on the embedded engine, on whichever database the suite runs on
(PostgreSQL in CI, SQLite by default; `make test` runs this module on both)."""
import pytest

from search.base import SearchQuery
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


def _index_contents():
    """Every row of the embedded index's tables, suggestions by key (their ids are serials)."""
    from search.models import SearchEntry, SearchSuggestion, SearchWord, SuggestionToken

    return {
        "entries": list(SearchEntry.objects.order_by("pk").values()),
        "words": list(SearchWord.objects.order_by("word").values_list("word", "stem", "documents")),
        "suggestions": list(SearchSuggestion.objects.order_by("kind", "key")
                            .values_list("kind", "key", "label", "url", "weight", "extra")),
        "tokens": sorted(SuggestionToken.objects.values_list("token", "suggestion__kind", "suggestion__key",
                                                              "kind_rank", "weight")),
    }


def test_a_rebuild_that_fails_midway_leaves_the_previous_index(engine, corpus):
    """The rebuild empties the tables and refills them in one transaction: when it fails after
    some chunks were written, the previous index is still there, whole, and still answers."""
    before = _index_contents()
    assert before["entries"] and before["tokens"]
    chunks = []

    def fail_on_second_chunk(count):
        chunks.append(count)
        if len(chunks) == 2:
            raise RuntimeError("the rebuild breaks after two chunks were written")

    with pytest.raises(RuntimeError):
        engine.rebuild(chunk_size=3, progress=fail_on_second_chunk)
    assert len(chunks) == 2
    assert _index_contents() == before
    assert engine.count() == len(corpus)
    assert [hit.id for hit in engine.search(SearchQuery(text="sadelpos")).hits] == [corpus["sadelpos"].pk]
    assert any(s.id == corpus["sadelpos"].pk for s in engine.autocomplete("sadel"))


def test_a_second_rebuild_writes_the_same_index(engine, corpus):
    """Rebuilding twice gives identical tables (what a rebuild writes depends on the database
    alone), and the suggestion tokens written as a stream are all there."""
    from search.embedded import suggestion_tokens
    from search.models import SearchSuggestion, SuggestionToken

    before = _index_contents()
    assert engine.rebuild(chunk_size=2) == len(corpus)
    assert _index_contents() == before
    expected = sum(len(suggestion_tokens(f"{label} {extra}"))
                   for label, extra in SearchSuggestion.objects.values_list("label", "extra"))
    assert SuggestionToken.objects.count() == expected > 0
