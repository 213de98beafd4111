"""/api/inovasi/: the catalogue's filters exactly, live public pages only, no contact details,
and a fixed number of queries whatever the number of rows."""

import pytest
from django.db import connection
from django.http import QueryDict
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

from agencies.factories import AgencyFactory, province, regency
from agencies.models import AgencyType
from innovations.factories import InnovationAwardFactory, InnovationPageFactory
from innovations.filters import CatalogueFilter
from innovations.models import (
    NARRATIVE_SECTIONS,
    SDG,
    AwardTier,
    Category,
    InnovationPage,
    InnovationSource,
    SourceProgramme,
)
from replication.factories import ReplicationFactory
from replication.models import Stage
from tests.innovations.test_catalogue import (
    ALL_LIVE,
    BAD_FILTER_VALUES,
    FILTER_CASES,
    HIDDEN,
    LAPOR,
    POSYANDU,
    SADELPOS,
    build_catalogue,
)

from .conftest import CONTACT_EMAIL, CONTACT_PHONE, json_of

LIST = "/api/inovasi/"

ITEM_KEYS = {
    "id",
    "judul",
    "akronim",
    "ringkasan",
    "url",
    "instansi",
    "provinsi",
    "kabupaten_kota",
    "hub",
    "tahun_mulai",
    "jenis",
    "tahapan",
    "status_keberlanjutan",
    "terakhir_diverifikasi",
    "kategori",
    "sdg",
    "tag",
    "penghargaan",
    "sumber",
    "jumlah_replikasi",
}


def querydict(query):
    params = QueryDict(mutable=True)
    for name, value in query.items():
        params.setlist(name, value if isinstance(value, list) else [value])
    return params


def catalogue_ids(query):
    """What the HTML catalogue lists for ``query``, in its order."""
    catalogue = CatalogueFilter(querydict(query))
    return [page.pk for page in catalogue.apply(InnovationPage.objects.live().public())], catalogue.errors


class ApiCatalogueTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.data = build_catalogue()
        cls.sadelpos = InnovationPage.objects.get(slug="sadelpos")
        cls.posyandu = InnovationPage.objects.get(slug="posyandu-digital")
        InnovationPage.objects.filter(pk=cls.sadelpos.pk).update(
            contact_email=CONTACT_EMAIL,
            contact_phone=CONTACT_PHONE,
            impact=f'<p>Lihat juga <a linktype="page" id="{cls.posyandu.pk}">Posyandu</a>.</p>',
        )
        InnovationSource.objects.create(
            innovation=cls.sadelpos, programme=SourceProgramme.KIPP, identifier="SINOVIK-123"
        )
        adopter = AgencyFactory(
            name="Pemerintah Kota Uji Replikator",
            agency_type=AgencyType.PEMKOT,
            province=province("35"),
            regency=regency("35.78"),
        )
        ReplicationFactory(origin=cls.sadelpos, adopter=adopter, stage=Stage.IMPLEMENTASI)
        ReplicationFactory(origin=cls.sadelpos, adopter=AgencyFactory(), stage=Stage.MINAT)  # not public

    def get_json(self, url=LIST, data=None, status=200):
        response = self.client.get(url, data)
        self.assertEqual(response.status_code, status, response.content[:500])
        return json_of(response)

    def listed(self, query=None):
        body = self.get_json(LIST, {**(query or {}), "per_halaman": "100"})
        self.assertEqual(body["count"], len(body["results"]))
        return body


class TestList(ApiCatalogueTestCase):
    def test_lists_live_public_innovations_only(self):
        body = self.listed()
        self.assertEqual({item["judul"] for item in body["results"]}, ALL_LIVE)
        text = self.client.get(LIST).content.decode()
        for title in HIDDEN:
            self.assertNotIn(title, text)

    def test_every_filter_gives_exactly_the_catalogue_result(self):
        for query, expected in FILTER_CASES:
            with self.subTest(query=query):
                body = self.listed(query)
                ids, errors = catalogue_ids(query)
                self.assertEqual([item["id"] for item in body["results"]], ids)
                self.assertEqual({item["judul"] for item in body["results"]}, expected)
                self.assertEqual(body["peringatan"], errors)
                self.assertEqual(body["peringatan"], [])

    def test_sort_orders_are_the_catalogue_orders(self):
        for sort in ("terbaru", "judul", "terverifikasi"):
            with self.subTest(urutkan=sort):
                body = self.listed({"urutkan": sort})
                self.assertEqual(
                    [item["id"] for item in body["results"]], catalogue_ids({"urutkan": sort})[0]
                )
        self.assertEqual([i["judul"] for i in self.listed({"urutkan": "judul"})["results"]], sorted(ALL_LIVE))

    def test_unknown_filter_values_are_dropped_and_reported(self):
        everything = [item["id"] for item in self.listed()["results"]]
        for query in BAD_FILTER_VALUES:
            with self.subTest(query=query):
                body = self.listed(query)
                ids, errors = catalogue_ids(query)
                self.assertEqual([item["id"] for item in body["results"]], ids)
                self.assertEqual([item["id"] for item in body["results"]], everything)
                self.assertEqual(body["peringatan"], errors)
                self.assertEqual(len(body["peringatan"]), 1)
                self.assertIn("tidak dikenal", body["peringatan"][0])

    def test_good_values_next_to_bad_ones_still_filter(self):
        body = self.listed({"tahun": ["abc", "2022"], "tag": ["💥", "kesehatan-ibu"]})
        self.assertEqual([item["judul"] for item in body["results"]], [POSYANDU])
        self.assertEqual(len(body["peringatan"]), 2)

    def test_fields_of_one_item(self):
        item = next(i for i in self.listed()["results"] if i["judul"] == SADELPOS)
        self.assertEqual(set(item), ITEM_KEYS)
        self.assertEqual(item["id"], self.sadelpos.pk)
        self.assertEqual(
            item["instansi"],
            {
                "id": self.sadelpos.agency_id,
                "nama": "Pemerintah Provinsi Sulawesi Utara",
                "singkatan": self.sadelpos.agency.abbreviation,
                "jenis": "pemprov",
            },
        )
        self.assertEqual(
            item["provinsi"], {"kode": "71", "slug": "sulawesi-utara", "nama": province("71").name}
        )
        self.assertEqual(item["hub"], {"slug": "sulawesi-utara", "nama": "Hub JIPP Sulawesi Utara"})
        self.assertTrue(
            item["url"].startswith("http") and item["url"].endswith("/hub/sulawesi-utara/sadelpos/")
        )
        self.assertEqual(item["tahun_mulai"], 2019)
        self.assertEqual(item["status_keberlanjutan"], "berlanjut_pengembangan")
        self.assertEqual(item["terakhir_diverifikasi"], "2024-05-01")
        self.assertEqual(item["kategori"], [Category.objects.get(slug="perizinan").name])
        self.assertEqual(item["sdg"], [16])
        self.assertEqual(item["tag"], ["pajak", "samsat"])
        self.assertEqual(
            item["penghargaan"], [{"tingkat": AwardTier.objects.get(slug="top-45").name, "tahun": 2021}]
        )
        self.assertEqual(item["sumber"], [{"program": "kipp", "id": "SINOVIK-123"}])
        self.assertEqual(item["jumlah_replikasi"], 1)  # the interest-only replication is not public
        posyandu = next(i for i in self.listed()["results"] if i["judul"] == POSYANDU)
        self.assertEqual(posyandu["kabupaten_kota"], {"kode": "71.71", "nama": regency("71.71").name})
        self.assertEqual(posyandu["jumlah_replikasi"], 0)
        national = next(i for i in self.listed()["results"] if i["judul"] == LAPOR)
        self.assertIsNone(national["provinsi"])
        self.assertEqual(national["hub"]["slug"], "nasional")

    def test_list_is_exactly_its_schema(self):
        """The list is rendered without ninja's response validation (api.common.rendered), so
        its schema is checked here: every field present, of its type, nothing extra."""
        from api import schemas

        for query in ({}, {"urutkan": "judul", "per_halaman": "2", "halaman": "2"}, {"tag": "pajak"}):
            with self.subTest(query=query):
                body = self.get_json(LIST, query)
                validated = schemas.InnovationList.model_validate(body)
                self.assertEqual(validated.model_dump(mode="json"), body)
                self.assertEqual(list(body), list(schemas.InnovationList.model_fields))
                for item in body["results"]:
                    self.assertEqual(list(item), list(schemas.Innovation.model_fields))

    def test_contact_details_are_never_exposed(self):
        for url in (LIST, f"{LIST}{self.sadelpos.pk}/"):
            with self.subTest(url=url):
                text = self.client.get(url).content.decode()
                self.assertIn(SADELPOS, text)
                for secret in (CONTACT_EMAIL, CONTACT_PHONE, "contact_email", "contact_phone", "kontak"):
                    self.assertNotIn(secret, text)


class TestDetail(ApiCatalogueTestCase):
    def test_detail_has_the_list_fields_and_the_narrative_as_html(self):
        body = self.get_json(f"{LIST}{self.sadelpos.pk}/")
        self.assertEqual(set(body), ITEM_KEYS | {"narasi"})
        listed = next(i for i in self.listed()["results"] if i["id"] == self.sadelpos.pk)
        self.assertEqual({k: v for k, v in body.items() if k != "narasi"}, listed)
        self.assertEqual(set(body["narasi"]), {name for name, _label in NARRATIVE_SECTIONS})
        self.assertEqual(body["narasi"]["background"], "<p>Latar belakang inovasi.</p>")
        self.assertEqual(body["narasi"]["objectives"], "")
        # internal links are expanded to real URLs, as on the page
        self.assertIn('href="/hub/sulawesi-utara/posyandu-digital/"', body["narasi"]["impact"])
        self.assertNotIn("linktype", body["narasi"]["impact"])

    def test_detail_shows_the_live_title_not_a_pending_draft(self):
        body = self.get_json(f"{LIST}{self.sadelpos.pk}/")
        self.assertEqual(body["judul"], SADELPOS)

    def test_hidden_and_unknown_innovations_are_404_json(self):
        hidden = InnovationPage.objects.exclude(pk__in=InnovationPage.objects.live().public().values("pk"))
        self.assertEqual(hidden.count(), 3)  # draft, private, withdrawn
        for pk in [*hidden.values_list("pk", flat=True), 999999]:
            with self.subTest(pk=pk):
                body = self.get_json(f"{LIST}{pk}/", status=404)
                self.assertIn("tidak ditemukan", body["detail"])

    def test_malformed_ids_are_422_json(self):
        for value in ("abc", "0", "-1", "1.5", "99999999999999999999"):
            with self.subTest(id=value):
                body = self.get_json(f"{LIST}{value}/", status=422)
                self.assertIn("Parameter tidak valid", body["detail"])
                self.assertEqual(body["kesalahan"][0]["parameter"], "id")


# --- Query count ---------------------------------------------------------------------------------


def _add_innovations(hub, agency, count, start):
    categories = list(Category.objects.all()[:3])
    sdgs = list(SDG.objects.all()[:3])
    tiers = list(AwardTier.objects.all()[:2])
    for n in range(start, start + count):
        page = InnovationPageFactory(
            parent=hub,
            agency=agency,
            title=f"Inovasi Beban {n:03d}",
            slug=f"inovasi-beban-{n:03d}",
            year_started=2015 + n % 10,
            regency=regency("71.71"),
        )
        page.categories.set(categories)
        page.sdgs.set(sdgs)
        page.tags.add(f"tag-{n}", "bersama")
        page.save()
        for tier in tiers:
            InnovationAwardFactory(innovation=page, tier=tier, year=2021)
        InnovationSource.objects.create(innovation=page, programme=SourceProgramme.KIPP, identifier=f"K-{n}")
        ReplicationFactory(origin=page, adopter=AgencyFactory(), stage=Stage.KESEPAKATAN)


@pytest.mark.django_db
def test_list_runs_a_constant_number_of_queries(client, hub_a, agency_a):
    urls = [
        LIST + "?per_halaman=100",
        LIST + "?per_halaman=100&tag=bersama&provinsi=sulawesi-utara&urutkan=judul",
    ]

    def measure():
        counts = []
        for url in urls:
            client.get(url)
            with CaptureQueriesContext(connection) as ctx:
                response = client.get(url)
            assert response.status_code == 200
            counts.append((response.json()["count"], len(ctx.captured_queries)))
        return counts

    _add_innovations(hub_a, agency_a, 5, 0)
    with_five = measure()
    _add_innovations(hub_a, agency_a, 20, 5)
    with_25 = measure()
    assert [count for count, _q in with_five] == [5, 5] and [count for count, _q in with_25] == [25, 25]
    assert [q for _c, q in with_25] == [q for _c, q in with_five], (with_five, with_25)
    assert with_25[0][1] < 25
    item = client.get(LIST + "?per_halaman=1").json()["results"][0]
    assert item["kategori"] and item["sdg"] and len(item["penghargaan"]) == 2 and item["sumber"]
    assert item["jumlah_replikasi"] == 1 and item["kabupaten_kota"]["kode"] == "71.71"


@pytest.mark.django_db
def test_list_reads_each_relation_once_not_per_row(client, hub_a, agency_a, settings):
    """The list's queries are named and counted: the count (or the stored total), the page of
    rows, the hubs (none once their map is kept), the replication counts and one query for the five
    lists of all rows. A query per row (a lazy relation, a deferred column read in
    ``_innovation``) fails this with 25 rows."""
    _add_innovations(hub_a, agency_a, 25, 0)
    url = LIST + "?per_halaman=100&tag=bersama"
    client.get(url)  # the catalogue's filter options and view restrictions are read once per generation
    settings.FRAGMENT_CACHE_SECONDS = 600  # with figures stored, as in production
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        body = client.get(url).json()
    assert body["count"] == 25 and len(body["results"]) == 25
    statements = [q["sql"] for q in ctx.captured_queries]
    assert len(statements) <= 5, "\n".join(statements)
    unfiltered = LIST + "?per_halaman=100"
    client.get(unfiltered)
    with CaptureQueriesContext(connection) as ctx:
        body = client.get(unfiltered).json()
    # unfiltered, the total is the stored figure of the public catalogue (one row of
    # core_storedfigures, core/figures.py, read once per process and generation) in place of
    # the COUNT: neither a COUNT nor a read of the row
    assert body["count"] == 25
    assert not any("COUNT(*)" in q["sql"] or "core_storedfigures" in q["sql"] for q in ctx.captured_queries)
    assert len(ctx.captured_queries) <= 5, "\n".join(q["sql"] for q in ctx.captured_queries)


@pytest.mark.django_db
def test_the_hub_of_each_item_follows_a_renamed_hub(client, hub_a, agency_a, settings):
    """The hubs' names are kept under the page cache's generation (hubs.membership.hub_refs): a
    hub's save starts a new one, so the list never shows the old name."""
    settings.FRAGMENT_CACHE_SECONDS = 600
    _add_innovations(hub_a, agency_a, 2, 0)
    assert {item["hub"]["nama"] for item in client.get(LIST).json()["results"]} == {hub_a.title}
    hub_a.title = "Hub JIPP Sulawesi Utara Raya"
    hub_a.save_revision().publish()
    assert {item["hub"]["nama"] for item in client.get(LIST).json()["results"]} == {"Hub JIPP Sulawesi Utara Raya"}
