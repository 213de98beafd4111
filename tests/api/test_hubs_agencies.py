"""/api/hub/ and /api/instansi/: published hubs with their innovation counts; agencies with
their filters and nothing private (contacts, members)."""

import pytest

from agencies.factories import AgencyFactory, province, regency
from agencies.models import Agency, AgencyType
from hubs.models import HubPage
from innovations.factories import InnovationPageFactory
from innovations.models import InnovationPage
from tests.helpers import make_hub

from .conftest import json_of

pytestmark = pytest.mark.django_db

HUB_KEYS = {
    "slug",
    "nama",
    "jenis",
    "provinsi",
    "instansi_pengampu",
    "ringkasan",
    "tahun_bergabung",
    "url",
    "jumlah_inovasi",
}
AGENCY_KEYS = {
    "id",
    "nama",
    "singkatan",
    "slug",
    "jenis",
    "provinsi",
    "kabupaten_kota",
    "induk_id",
    "situs_web",
    "aktif",
}


@pytest.fixture
def hubs(site_pages, hub_a, hub_b, agency_a, agency_a2, agency_b):
    hub_a.contact_email = "sekretariat.rahasia@contoh.go.id"
    hub_a.contact_phone = "0431-000000"
    hub_a.agency = agency_a
    hub_a.body = "<p>Profil hub Sulut.</p>"
    hub_a.save_revision().publish()
    hub_a.spokes.add(agency_a2)
    hub_a.save()
    for n in range(3):
        InnovationPageFactory(parent=hub_a, agency=agency_a, slug=f"sulut-{n}")
    InnovationPageFactory(parent=hub_b, agency=agency_b, slug="jatim-0")
    InnovationPageFactory(parent=hub_a, agency=agency_a, slug="sulut-ditarik").unpublish()
    hidden = make_hub(site_pages["hubs"], "51", "Hub JIPP Bali Belum Terbit", "bali")
    hidden.unpublish()
    return {"a": HubPage.objects.get(pk=hub_a.pk), "b": hub_b, "hidden": hidden}


def test_hub_list_has_published_hubs_with_counts(client, hubs):
    body = json_of(client.get("/api/hub/"))
    by_slug = {hub["slug"]: hub for hub in body["results"]}
    assert set(by_slug) == {"nasional", "sulawesi-utara", "jawa-timur"}
    live = list(HubPage.objects.live())
    counts = InnovationPage.count_by_hub(live)
    assert {h.slug: counts[h.pk] for h in live} == {
        slug: hub["jumlah_inovasi"] for slug, hub in by_slug.items()
    }
    assert by_slug["sulawesi-utara"]["jumlah_inovasi"] == 3 and by_slug["jawa-timur"]["jumlah_inovasi"] == 1
    assert set(by_slug["sulawesi-utara"]) == HUB_KEYS
    assert by_slug["sulawesi-utara"]["provinsi"]["kode"] == "71"
    assert by_slug["sulawesi-utara"]["instansi_pengampu"]["nama"] == "Pemerintah Provinsi Sulawesi Utara"
    assert by_slug["nasional"]["jenis"] == "nasional"


def test_hub_detail(client, hubs, agency_a2):
    body = json_of(client.get("/api/hub/sulawesi-utara/"))
    assert set(body) == HUB_KEYS | {
        "profil",
        "keputusan_penetapan",
        "unit_koordinator",
        "perguruan_tinggi_pendamping",
        "portal_inovasi",
        "spoke",
    }
    assert body["profil"] == "<p>Profil hub Sulut.</p>"
    assert [spoke["id"] for spoke in body["spoke"]] == [agency_a2.pk]
    assert body["jumlah_inovasi"] == 3
    assert body["url"].endswith("/hub/sulawesi-utara/")


def test_hub_contacts_are_not_exposed(client, hubs):
    for url in ("/api/hub/", "/api/hub/sulawesi-utara/"):
        text = client.get(url).content.decode()
        assert "sekretariat.rahasia" not in text and "0431-000000" not in text


def test_unpublished_unknown_and_malformed_hubs(client, hubs):
    for slug in ("bali", "tidak-ada"):
        response = client.get(f"/api/hub/{slug}/")
        assert response.status_code == 404 and "tidak ditemukan" in json_of(response)["detail"]
    for slug in ("%00", "a%20b", "x" * 300):
        response = client.get(f"/api/hub/{slug}/")
        assert response.status_code == 422, slug
        assert json_of(response)["kesalahan"][0]["parameter"] == "slug"


# --- Agencies ------------------------------------------------------------------------------------


@pytest.fixture
def agencies(db):
    from agencies.factories import AgencyMembershipFactory, UserFactory

    made = [
        AgencyFactory(
            name="Pemerintah Provinsi Sulawesi Utara",
            abbreviation="Pemprov Sulut",
            province=province("71"),
            email="rahasia.sulut@contoh.go.id",
            phone="0431-111111",
            address="Jalan Rahasia 1",
        ),
        AgencyFactory(
            name="Pemerintah Kota Manado",
            abbreviation="Pemkot Manado",
            agency_type=AgencyType.PEMKOT,
            province=province("71"),
            regency=regency("71.71"),
        ),
        AgencyFactory(
            name="Pemerintah Kabupaten Pacitan",
            abbreviation="Pemkab Pacitan",
            agency_type=AgencyType.PEMKAB,
            province=province("35"),
            regency=regency("35.01"),
        ),
        AgencyFactory(
            name="Kementerian Percontohan",
            abbreviation="KemenUji",
            agency_type=AgencyType.KEMENTERIAN,
            province=None,
            website="https://kemenuji.go.id",
        ),
    ]
    AgencyMembershipFactory(user=UserFactory(username="anggota-rahasia"), agency=made[0])
    return made


def agency_ids(client, query=None, status=200):
    response = client.get("/api/instansi/", {**(query or {}), "per_halaman": "100"})
    assert response.status_code == status, response.content[:300]
    return json_of(response)


@pytest.mark.parametrize(
    "query",
    [
        {},
        {"jenis": "pemkot"},
        {"jenis": "kementerian"},
        {"provinsi": "sulawesi-utara"},
        {"provinsi": "jawa-timur", "jenis": "pemkab"},
        {"provinsi": "jawa-timur", "jenis": "pemprov"},
        {"q": "manado"},
        {"q": "PEMPROV"},
        {"q": "  pemerintah  ", "provinsi": "sulawesi-utara"},
        {"q": "tidak ada yang cocok"},
    ],
)
def test_agency_filters(client, agencies, query):
    from django.db.models import Q

    expected = Agency.objects.order_by("name", "pk")
    if query.get("jenis"):
        expected = expected.filter(agency_type=query["jenis"])
    if query.get("provinsi"):
        expected = expected.filter(province__slug=query["provinsi"])
    if query.get("q"):
        text = query["q"].strip()
        expected = expected.filter(Q(name__icontains=text) | Q(abbreviation__icontains=text))
    body = agency_ids(client, query)
    assert [a["id"] for a in body["results"]] == list(expected.values_list("pk", flat=True))
    assert body["count"] == expected.count()


def test_agency_filters_narrow(client, agencies):
    assert [a["nama"] for a in agency_ids(client, {"q": "manado"})["results"]] == ["Pemerintah Kota Manado"]
    assert len(agency_ids(client, {"provinsi": "sulawesi-utara"})["results"]) == 2
    assert agency_ids(client, {"jenis": "bumn"})["results"] == []


def test_agency_fields_and_nothing_private(client, agencies):
    body = agency_ids(client)
    kementerian = next(a for a in body["results"] if a["nama"] == "Kementerian Percontohan")
    assert set(kementerian) == AGENCY_KEYS
    assert kementerian["provinsi"] is None and kementerian["situs_web"] == "https://kemenuji.go.id"
    manado = next(a for a in body["results"] if a["nama"] == "Pemerintah Kota Manado")
    assert manado["kabupaten_kota"] == {"kode": "71.71", "nama": regency("71.71").name}
    text = client.get("/api/instansi/", {"per_halaman": "100"}).content.decode()
    for secret in ("rahasia.sulut", "0431-111111", "Jalan Rahasia", "anggota-rahasia", "members", "email"):
        assert secret not in text, secret


def test_agency_unknown_province_is_a_warning_and_bad_values_are_422(client, agencies):
    body = agency_ids(client, {"provinsi": "atlantis"})
    assert len(body["results"]) == len(agencies) and "tidak dikenal" in body["peringatan"][0]
    for query, parameter in (
        ({"jenis": "swasta"}, "jenis"),
        ({"q": "a\x00b"}, "q"),
        ({"q": "x" * 101}, "q"),
        ({"provinsi": "jawa timur"}, "provinsi"),
    ):
        body = agency_ids(client, query, status=422)
        assert [k["parameter"] for k in body["kesalahan"]] == [parameter], query
        assert body["detail"].startswith("Parameter tidak valid")
