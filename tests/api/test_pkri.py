"""/api/pkri/: published cycles and their results only; an unpublished cycle does not exist."""

import pytest

from pkri import selectors
from pkri.models import AssessmentObject, Group

from .conftest import json_of

pytestmark = pytest.mark.django_db


def test_only_published_cycles_are_listed(client, pkri_cycles):
    body = json_of(client.get("/api/pkri/"))
    published = pkri_cycles["published"]
    published.refresh_from_db()
    assert [c["tahun"] for c in body["results"]] == [2026]
    cycle = body["results"][0]
    assert cycle["nama"] == "PKRI 2026"
    assert cycle["jumlah_objek"] == selectors.results(published).count() > 0
    assert "2025" not in client.get("/api/pkri/").content.decode()


def test_results_are_the_published_results_in_order(client, pkri_cycles):
    published = pkri_cycles["published"]
    response = client.get("/api/pkri/2026/", {"per_halaman": "100"})
    assert response.status_code == 200
    body = json_of(response)
    expected = list(selectors.results(published))
    assert [r["id"] for r in body["results"]] == [obj.pk for obj in expected]
    assert body["count"] == len(expected) and body["siklus"]["tahun"] == 2026
    first = body["results"][0]
    obj = expected[0]
    assert first["kelompok"] == obj.group and first["peringkat"] == obj.rank and first["objek"] == obj.title
    assert first["nilai_akhir"] == float(obj.final_total)
    assert first["instansi"]["nama"] == "Pemerintah Provinsi Sulawesi Utara"
    sustainability = next(r for r in body["results"] if r["kelompok"] == Group.KEBERLANJUTAN)
    assert sustainability["inovasi_id"] == pkri_cycles["innovation"].pk
    page = pkri_cycles["innovation"]
    page.refresh_from_db()
    assert sustainability["status_keberlanjutan"] == page.sustainability_status == "berlanjut"
    assert all(
        r["status_keberlanjutan"] is None for r in body["results"] if r["kelompok"] != Group.KEBERLANJUTAN
    )


def test_results_filter_by_group(client, pkri_cycles):
    body = json_of(client.get("/api/pkri/2026/", {"kelompok": "pembina"}))
    expected = selectors.results(pkri_cycles["published"]).filter(group=Group.PEMBINA)
    assert [r["id"] for r in body["results"]] == list(expected.values_list("pk", flat=True))
    assert {r["kelompok"] for r in body["results"]} == {"pembina"}
    assert client.get("/api/pkri/2026/", {"kelompok": "rahasia"}).status_code == 422


def test_assessors_answers_and_notes_stay_private(client, pkri_cycles):
    text = client.get("/api/pkri/2026/", {"per_halaman": "100"}).content.decode()
    for secret in ("Asesor Rahasia", "asesor-api", "Catatan penilai rahasia", "Jawaban", "bukti", ".pdf"):
        assert secret not in text, secret


def test_unpublished_and_unknown_cycles_are_404(client, pkri_cycles):
    draft = pkri_cycles["draft"]
    assert not draft.is_published
    for year in (2025, 1999, 32767):
        response = client.get(f"/api/pkri/{year}/")
        assert response.status_code == 404, year
        assert "belum dipublikasikan" in json_of(response)["detail"]


def test_cycle_unpublished_until_published(client, hub_a, agency_a):
    from pkri import rules
    from pkri.factories import CycleFactory

    cycle = CycleFactory(year=2027)
    rules.prepare_instruments(cycle)
    assert client.get("/api/pkri/2027/").status_code == 404
    assert json_of(client.get("/api/pkri/"))["results"] == []
    assert not AssessmentObject.objects.filter(cycle=cycle).exists()


@pytest.mark.parametrize("year", ["abc", "0", "99999"])
def test_malformed_year_is_422(client, year):
    response = client.get(f"/api/pkri/{year}/")
    assert response.status_code == 422
    assert json_of(response)["kesalahan"][0]["parameter"] == "tahun"
