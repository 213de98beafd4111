"""/api/replikasi/: public replications only (from kesepakatan on, of published innovations),
the dashboard's filters, and nothing the parties keep to themselves."""

import pytest
from django.utils import timezone

from hubs.models import HubPage
from innovations.factories import InnovationPageFactory
from innovations.models import InnovationPage
from regions.models import Province
from replication import selectors

from .conftest import CONTACT_EMAIL, EVIDENCE_NAME, OFFICIAL_NAME, SECRET_NOTE, json_of

pytestmark = pytest.mark.django_db

LIST = "/api/replikasi/"
ITEM_KEYS = {
    "id",
    "inovasi_asal",
    "instansi_replikator",
    "model",
    "tahap",
    "cakupan",
    "diajukan",
    "publik_sejak",
    "tahap_berubah",
    "replika",
}


def listed(client, query=None, status=200):
    response = client.get(LIST, {**(query or {}), "per_halaman": "100"})
    assert response.status_code == status, response.content[:500]
    return json_of(response)


def dashboard_ids(hub=None, provinsi=None, tahap=None, tahun=None):
    """What the public dashboard's ``selectors.filtered`` gives, in the dashboard's order."""
    chosen = selectors.filtered(
        selectors.public_replications(),
        hub=HubPage.objects.live().get(slug=hub) if hub else None,
        province=Province.objects.get(slug=provinsi) if provinsi else None,
        stage=tahap,
        year=tahun,
    )
    live_origins = InnovationPage.objects.live().public().values("pk")
    return list(
        chosen.filter(origin__in=live_origins).order_by("-public_since", "-pk").values_list("pk", flat=True)
    )


def test_only_public_replications_of_published_innovations(client, replications):
    body = listed(client)
    ids = {item["id"] for item in body["results"]}
    public = {replications[key].pk for key in ("kesepakatan", "implementasi", "melembaga_manado")}
    assert ids == public
    for key in ("minat", "ditolak_minat", "origin_unpublished"):
        assert replications[key].pk not in ids, key
    assert body["count"] == 3


def test_nothing_private_is_exposed(client, replications):
    text = client.get(LIST).content.decode()
    assert "Samsat Delivery Pos" in text
    for secret in (
        SECRET_NOTE,
        OFFICIAL_NAME,
        CONTACT_EMAIL,
        "Layanan serupa dibutuhkan warga kami",
        "@contoh.go.id",
        "Inovasi Ditarik Asal",
        "Pemerintah Kota Uji Bali",
        EVIDENCE_NAME,
        "bukti",
        "catatan",
    ):
        assert secret not in text, secret
    item = listed(client)["results"][0]
    assert set(item) == ITEM_KEYS
    assert set(item["inovasi_asal"]) == {"id", "judul", "url", "instansi"}
    assert set(item["instansi_replikator"]) == {"id", "nama", "singkatan", "jenis", "provinsi"}


def test_fields(client, replications, origin):
    replication = replications["implementasi"]
    item = next(i for i in listed(client)["results"] if i["id"] == replication.pk)
    assert item["inovasi_asal"]["id"] == origin.pk and item["inovasi_asal"]["judul"] == "Samsat Delivery Pos"
    assert item["inovasi_asal"]["url"].endswith("/hub/sulawesi-utara/sadelpos/")
    assert item["instansi_replikator"]["nama"] == "Pemerintah Kabupaten Uji Jatim"
    assert item["instansi_replikator"]["provinsi"]["slug"] == "jawa-timur"
    assert (item["tahap"], item["model"], item["cakupan"], item["replika"]) == (
        "implementasi",
        "mandiri",
        None,
        None,
    )
    assert item["diajukan"] == timezone.localdate(replication.created_at).isoformat()


def test_list_is_exactly_its_schema(client, replications, hub_b, agency_b):
    """Rendered without ninja's response validation (api.common.rendered): checked here, with a
    published replica among the items."""
    from api import schemas

    replications["implementasi"].replica = InnovationPageFactory(parent=hub_b, agency=agency_b, title="Replika Terbit",
                                                                 slug="replika-terbit")
    replications["implementasi"].save()
    for query in ({}, {"per_halaman": "1", "halaman": "2"}):
        response = client.get(LIST, query)
        assert response.status_code == 200
        body = json_of(response)
        validated = schemas.ReplicationList.model_validate(body)
        assert validated.model_dump(mode="json") == body  # dates and times as the schema writes them
        assert list(body) == list(schemas.ReplicationList.model_fields)
        for item in body["results"]:
            assert list(item) == list(schemas.Replication.model_fields)
    assert any(item["replika"] for item in listed(client)["results"])


@pytest.mark.parametrize(
    "query",
    [
        {},
        {"hub": "sulawesi-utara"},
        {"hub": "jawa-timur"},
        {"provinsi": "jawa-timur"},
        {"provinsi": "sulawesi-utara"},
        {"provinsi": "bali"},
        {"tahap": "implementasi"},
        {"tahap": "minat"},
        {"tahap": "melembaga"},
        {"tahun": "CURRENT"},
        {"tahun": "2001"},
        {"hub": "jawa-timur", "tahap": "kesepakatan"},
        {"hub": "sulawesi-utara", "provinsi": "jawa-timur", "tahun": "CURRENT"},
    ],
)
def test_filters_mirror_the_dashboard(client, replications, query):
    query = {k: (str(timezone.now().year) if v == "CURRENT" else v) for k, v in query.items()}
    body = listed(client, query)
    expected = dashboard_ids(**{k: (int(v) if k == "tahun" else v) for k, v in query.items()})
    assert [item["id"] for item in body["results"]] == expected
    assert body["peringatan"] == []


def test_filters_narrow(client, replications):
    """Sanity for the comparison above: the filters do select different sets."""
    assert len(listed(client, {"provinsi": "jawa-timur"})["results"]) == 2
    assert [i["id"] for i in listed(client, {"tahap": "melembaga"})["results"]] == [
        replications["melembaga_manado"].pk
    ]
    assert listed(client, {"tahun": "2001"})["results"] == []


def test_unknown_hub_or_province_is_ignored_with_a_warning(client, replications):
    everything = [item["id"] for item in listed(client)["results"]]
    body = listed(client, {"hub": "tidak-ada", "provinsi": "atlantis"})
    assert [item["id"] for item in body["results"]] == everything
    assert len(body["peringatan"]) == 2 and all("tidak dikenal" in w for w in body["peringatan"])


@pytest.mark.parametrize(
    "query,parameter",
    [
        ({"tahap": "rahasia"}, "tahap"),
        ({"tahun": "1999"}, "tahun"),
        ({"tahun": "abc"}, "tahun"),
        ({"hub": "\x00"}, "hub"),
        ({"provinsi": "jawa timur'--"}, "provinsi"),
    ],
)
def test_malformed_filters_are_422(client, replications, query, parameter):
    body = listed(client, query, status=422)
    assert body["detail"].startswith("Parameter tidak valid")
    assert [k["parameter"] for k in body["kesalahan"]] == [parameter]


def test_replica_is_shown_only_when_published(client, replications, hub_b, agency_b, agency_a2):
    live = InnovationPageFactory(parent=hub_b, agency=agency_b, title="Replika Terbit", slug="replika-terbit")
    draft = InnovationPageFactory(parent=hub_b, agency=agency_b, title="Replika Draf", slug="replika-draf")
    draft.unpublish()
    replications["implementasi"].replica = live
    replications["implementasi"].save()
    replications["melembaga_manado"].replica = draft
    replications["melembaga_manado"].save()
    items = {item["id"]: item for item in listed(client)["results"]}
    assert items[replications["implementasi"].pk]["replika"]["judul"] == "Replika Terbit"
    assert items[replications["melembaga_manado"].pk]["replika"] is None
    assert "Replika Draf" not in client.get(LIST).content.decode()


def test_innovation_counts_active_public_replications(client, replications, origin):
    item = client.get(f"/api/inovasi/{origin.pk}/").json()
    assert item["jumlah_replikasi"] == selectors.replication_counts([origin.pk])[origin.pk] == 3
