"""Suggestions that rank (search.embedded.autocomplete), on the database the suite runs on: by
exact title or acronym, prefix, word start, inside words, then weight (award, replications);
innovations first; agencies shown and searched by their name."""
from urllib.parse import parse_qs, urlsplit

import pytest

from agencies.models import AgencyType
from innovations.factories import InnovationAwardFactory, InnovationPageFactory
from innovations.models import AwardTier
from search.embedded import EmbeddedEngine, suggestion_rank
from tests.helpers import make_agency

pytestmark = pytest.mark.django_db


def page(hub, key, title, acronym="", agency=None, tags=()):
    extra = {"agency": agency} if agency else {}
    made = InnovationPageFactory(parent=hub, title=title, acronym=acronym, slug=f"sug-{key}", **extra)
    if tags:
        made.tags.add(*tags)
        made.save()
    return made


def test_the_full_acronym_of_a_new_innovation_comes_first(hub_a):
    best = AwardTier.objects.order_by("rank").first()
    older = [page(hub_a, f"old{i}", f"Sipintar Layanan Perizinan Kabupaten {i}", acronym=f"SIPINTAR{i}") for i in range(9)]
    for old in older:
        InnovationAwardFactory(innovation=old, tier=best)
    new = page(hub_a, "new", "Sistem Pelayanan Izin Terpadu Rakyat", acronym="SIPINTAR")
    engine = EmbeddedEngine()
    engine.rebuild()
    found = engine.autocomplete("sipintar", limit=8)
    assert found[0].url == new.url
    assert found[0].label == "SIPINTAR: Sistem Pelayanan Izin Terpadu Rakyat"


def test_heavier_innovations_come_first_among_equal_matches(hub_a):
    plain = page(hub_a, "plain", "Ambulans Desa Siaga")
    awarded = page(hub_a, "awarded", "Ambulans Laut Kepulauan")
    InnovationAwardFactory(innovation=awarded, tier=AwardTier.objects.order_by("rank").first())
    inside = page(hub_a, "inside", "Layanan Mobilambulans")
    engine = EmbeddedEngine()
    engine.rebuild()
    assert [s.url for s in engine.autocomplete("ambulans")] == [awarded.url, plain.url, inside.url]


def test_innovations_come_before_agencies_and_tags_which_keep_a_slot(hub_a):
    agency = make_agency("71", AgencyType.PEMKOT, name="Dinas Kesehatan Kota Bitung", abbreviation="Dinkes Bitung")
    pages = [page(hub_a, f"k{i}", f"Kesehatan Warga Kelurahan {i}", agency=agency, tags=["kesehatan keluarga"])
             for i in range(10)]
    engine = EmbeddedEngine()
    engine.rebuild()
    found = engine.autocomplete("kesehatan", limit=8)
    kinds = [s.kind for s in found]
    assert kinds[:6] == ["inovasi"] * 6 and set(kinds[6:]) == {"instansi", "tag"}
    assert {s.url for s in found if s.kind == "inovasi"} <= {p.url for p in pages}


def test_an_agency_is_shown_and_searched_by_its_name_and_found_by_its_abbreviation(hub_a):
    agency = make_agency("71", AgencyType.PEMKOT, name="Pemerintah Kota Bitung", abbreviation="Pemkot Bitung")
    page(hub_a, "bitung", "Layanan Pasar Ikan", agency=agency)
    engine = EmbeddedEngine()
    engine.rebuild()
    for typed in ("pemerintah kota bit", "pemkot bit"):
        agencies = [s for s in engine.autocomplete(typed) if s.kind == "instansi"]
        assert [s.label for s in agencies] == ["Pemerintah Kota Bitung"], typed
        assert parse_qs(urlsplit(agencies[0].url).query)["q"] == ["Pemerintah Kota Bitung"]


def test_rank_order_of_the_kinds_of_match():
    keys = [
        suggestion_rank("sadelpos", "SADELPOS: Samsat Delivery Pos", False, 0),  # the acronym
        suggestion_rank("sadelpos", "SADELPOS 2: Samsat Keliling", False, 900),  # starts with it
        suggestion_rank("sadelpos", "Inovasi Sadelpos Kota", False, 900),        # a word starts with it
        suggestion_rank("sadelpos", "Layanan Kasadelpos", True, 900),            # inside a word
    ]
    assert keys == sorted(keys)


def test_the_autocomplete_endpoint_returns_the_ranked_list(client, hub_a):
    new = page(hub_a, "api", "Telemedisin Puskesmas Kepulauan", acronym="TELEPUS")
    page(hub_a, "api2", "Telepusat Pengaduan", acronym="")
    EmbeddedEngine().rebuild()
    data = client.get("/api/cari/saran/", {"q": "telepus"}).json()
    assert data["results"][0] == {"kind": "inovasi", "label": "TELEPUS: Telemedisin Puskesmas Kepulauan", "url": new.url}
