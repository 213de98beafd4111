"""The relevance model (docs/search.md, search/ranking.py) on the embedded engine, on whichever
database the suite runs on: `make test` runs it on SQLite and on PostgreSQL, and both must give
the same order."""
import datetime

import pytest
from django.utils import timezone

from innovations.factories import InnovationAwardFactory, InnovationPageFactory
from innovations.models import AwardTier, InnovationPage
from search.base import SearchQuery
from search.embedded import EmbeddedEngine
from search.ranking import idf

pytestmark = pytest.mark.django_db

LONG = " ".join(["Warga kecamatan dilayani petugas keliling setiap pekan dengan kendaraan dinas."] * 8)


def make(hub, key, title, acronym="", summary="", body="", published=None):
    page = InnovationPageFactory(parent=hub, title=title, acronym=acronym, slug=f"rank-{key}", summary=summary,
                                 background=f"<p>{body}</p>")
    if published:
        InnovationPage.objects.filter(pk=page.pk).update(first_published_at=published)
    return page


def ids(engine, text):
    return [hit.id for hit in engine.search(SearchQuery(text=text, per_page=50, facets=(), highlight=False)).hits]


@pytest.fixture
def engine():
    return EmbeddedEngine()


def test_exact_acronym_match_comes_first(hub_a, engine):
    repeats = make(hub_a, "jari", "Sidik Jari Keliling untuk Sidik Cepat", summary="Sidik jari, sidik cepat, sidik tepat.",
                   body="Sidik jari warga direkam di desa. Sidik ulang gratis.")
    named = make(hub_a, "sidik", "Sistem Informasi Data Indeks Kerentanan", acronym="SIDIK",
                 summary="Basis data kerentanan wilayah terhadap perubahan iklim.")
    engine.rebuild()
    assert ids(engine, "sidik")[:2] == [named.pk, repeats.pk]
    assert ids(engine, "SIDIK")[0] == named.pk


def test_a_short_record_about_the_word_beats_a_long_one_repeating_it(hub_a, engine):
    old = make(hub_a, "old", "Layanan Keliling Kecamatan", summary="Ambulans desa, ambulans kecamatan dan ambulans sekolah. " + LONG,
               body="Ambulans ambulans ambulans. " + LONG, published=timezone.now() - datetime.timedelta(days=3000))
    new = make(hub_a, "new", "Ambulans Desa Siaga", summary="Ambulans gratis bagi warga desa.")
    engine.rebuild()
    assert ids(engine, "ambulans") == [new.pk, old.pk]


def test_ties_go_to_the_award_then_the_newer_record_never_the_row_id(hub_a, engine):
    now = timezone.now()
    text = {"title": "Bank Sampah Warga", "summary": "Tabungan sampah warga.", "body": "Sampah dipilah."}
    newest = make(hub_a, "newest", **text, published=now - datetime.timedelta(days=10))
    older = make(hub_a, "older", **text, published=now - datetime.timedelta(days=400))
    oldest = make(hub_a, "oldest", **text, published=now - datetime.timedelta(days=900))
    engine.rebuild()
    assert ids(engine, "bank sampah") == [newest.pk, older.pk, oldest.pk]

    InnovationAwardFactory(innovation=oldest, tier=AwardTier.objects.get(slug="top-99"))
    InnovationAwardFactory(innovation=older, tier=AwardTier.objects.order_by("rank").first())
    engine.rebuild()
    # the best tier first, then any award, then the rest
    assert ids(engine, "bank sampah") == [older.pk, oldest.pk, newest.pk]


def test_every_word_matched_ranks_above_a_better_score_on_some_words(hub_a, engine):
    both = make(hub_a, "both", "Pendampingan Keluarga", summary="Kader mendampingi ibu hamil di desa.", body=LONG)
    one = make(hub_a, "one", "Kader Kader Kader Sehat", summary="Kader sehat, kader kuat.")
    engine.rebuild()
    assert ids(engine, "kader desa") == [both.pk, one.pk]


def test_idf_is_higher_for_rarer_words_and_never_negative():
    assert idf(1, 1000) > idf(100, 1000) > idf(900, 1000) > 0
    assert idf(1000, 1000) > 0 and idf(5, 0) > 0
