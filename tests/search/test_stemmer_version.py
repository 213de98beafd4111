"""The stemmer exceptions are versioned like the vocabulary (search/stemmer_version.py): a change
to them raises a version after ``migrate``, and the task it schedules rebuilds the indexes built
with the old terms, once; Elasticsearch records the version its index holds."""
import pytest
from django.core.management import call_command

from innovations.factories import InnovationPageFactory
from search import analysis
from search.base import SearchQuery
from search.documents import concrete_index
from search.embedded import EmbeddedEngine
from search.models import SearchState, StemmerVersion
from search.stemmer_version import current_version, sync

pytestmark = pytest.mark.django_db


def ids(text):
    return {hit.id for hit in EmbeddedEngine().search(SearchQuery(text=text, per_page=50, facets=())).hits}


@pytest.fixture
def new_exception(monkeypatch):
    """Edit the exception list as a deploy would: "pariwisata" (Sastrawi leaves it whole) meets "wisata"."""
    def apply():
        monkeypatch.setitem(analysis.STEM_EXCEPTIONS, "pariwisata", "wisata")
        analysis.stem.cache_clear()

    yield apply
    monkeypatch.undo()
    analysis.stem.cache_clear()


def test_the_migration_records_the_rules_the_existing_index_was_built_with():
    row = StemmerVersion.objects.get(pk=1)
    assert row.number >= 1 and row.fingerprint == analysis.rules_fingerprint()
    assert sync() == (row.number, False)  # nothing changed: no new version, no reindex


def test_the_fingerprint_follows_every_rule_on_top_of_sastrawi(monkeypatch):
    before = analysis.rules_fingerprint()
    monkeypatch.setitem(analysis.STEM_EXCEPTIONS, "pariwisata", "wisata")
    changed = analysis.rules_fingerprint()
    assert changed != before
    monkeypatch.setitem(analysis.SPELLING_VARIANTS, "kwitansi", "kuitansi")
    assert analysis.rules_fingerprint() not in (before, changed)
    monkeypatch.undo()
    assert analysis.rules_fingerprint() == before


def test_a_changed_exception_raises_the_version_and_rebuilds_the_index_once(hub_a, new_exception,
                                                                          django_capture_on_commit_callbacks):
    derived = InnovationPageFactory(parent=hub_a, title="Desa Pariwisata Digital", acronym="", slug="stem-derived",
                                    summary="Warga desa memandu tamu.")
    root = InnovationPageFactory(parent=hub_a, title="Wisata Sungai Bersih", acronym="", slug="stem-root",
                                 summary="Perahu wisata dikelola pemuda.")
    engine = EmbeddedEngine()
    engine.rebuild()
    version = current_version()
    assert SearchState.objects.get(pk=1).stemmer_version == version
    assert ids("wisata") == {root.pk}  # the old rules: "pariwisata" stays whole

    new_exception()
    assert ids("wisata") == {root.pk}  # the new rules alone do not change what was indexed
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert sync() == (version + 1, True)
    assert len(callbacks) == 1  # the apply_stemmer task, after the commit (run eagerly here)
    assert current_version() == version + 1
    assert SearchState.objects.get(pk=1).stemmer_version == version + 1
    assert ids("wisata") == {derived.pk, root.pk}  # rebuilt: both ways
    assert ids("pariwisata") == {derived.pk, root.pk}

    # a repeated or stale task, and a second sync, do nothing
    assert engine.stemmer_changed(version + 1) is False
    assert engine.stemmer_changed(version) is False
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert sync() == (version + 1, False)
    assert callbacks == []


def test_migrate_checks_the_rules(new_exception, django_capture_on_commit_callbacks):
    version = current_version()
    new_exception()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        call_command("migrate", verbosity=0)
    assert current_version() == version + 1 and len(callbacks) == 1


def test_elasticsearch_records_the_stemmer_version_of_its_terms(new_exception):
    assert concrete_index("uji").to_dict()["mappings"]["_meta"]["stemmer_version"] == current_version()
    new_exception()
    version, changed = sync()
    assert changed and concrete_index("uji").to_dict()["mappings"]["_meta"]["stemmer_version"] == version
