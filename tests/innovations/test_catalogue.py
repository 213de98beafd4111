"""The national catalogue at /inovasi/: what it lists, every filter, pagination, hostile input,
the tag route, and a fixed number of SQL queries whatever the number of innovations.
"""
import datetime

import pytest
from django.test import TestCase
from django.utils.html import escape
from taggit.models import Tag
from wagtail.models import PageViewRestriction

from agencies.factories import AgencyFactory, province, regency
from agencies.models import AgencyType
from core.site_setup import ensure_site_structure
from innovations.factories import InnovationAwardFactory, InnovationPageFactory
from innovations.filter_registry import CATALOGUE_FILTERS
from innovations.models import SDG, AwardTier, Category, InnovationPage, SustainabilityStatus
from tests.helpers import (
    count_queries,
    make_draft,
    make_hub,
    make_image,
    save_draft_revision,
    selected_values,
    titles_in,
)

CATALOGUE = "/inovasi/"

SADELPOS = "Samsat Delivery Pos"
POSYANDU = "Posyandu Digital Keluarga"
SEKOLAH = "Sekolah Rakyat Pacitan"
LAPOR = "Lapor Cepat Nasional"
ALL_LIVE = {SADELPOS, POSYANDU, SEKOLAH, LAPOR}

DRAFT = "Draf Tersembunyi Sulut"
PRIVATE = "Inovasi Privat Jatim"
WITHDRAWN = "Inovasi Ditarik Sulut"
PENDING_TITLE = "Judul Draf Belum Terbit"
HIDDEN = {DRAFT, PRIVATE, WITHDRAWN, PENDING_TITLE}


def build_catalogue():
    """Four live innovations that differ in every filterable fact, and three hidden ones."""
    pages = ensure_site_structure()
    sulut = make_hub(pages["hubs"], "71", "Hub JIPP Sulawesi Utara", "sulawesi-utara")
    jatim = make_hub(pages["hubs"], "35", "Hub JIPP Jawa Timur", "jawa-timur")
    national = pages["national_hub"]

    pemprov_sulut = AgencyFactory(name="Pemerintah Provinsi Sulawesi Utara", agency_type=AgencyType.PEMPROV, province=province("71"))
    pemkot_manado = AgencyFactory(
        name="Pemerintah Kota Manado", agency_type=AgencyType.PEMKOT, province=province("71"), regency=regency("71.71")
    )
    pemkab_pacitan = AgencyFactory(
        name="Pemerintah Kabupaten Pacitan", agency_type=AgencyType.PEMKAB, province=province("35"), regency=regency("35.01")
    )
    kementerian = AgencyFactory(name="Kementerian Percontohan", agency_type=AgencyType.KEMENTERIAN, province=None)

    def innovation(parent, agency, title, slug, year, status, category, sdg, tags, awards=(), **kwargs):
        page = InnovationPageFactory(
            parent=parent, agency=agency, title=title, slug=slug, acronym="", year_started=year,
            sustainability_status=status, province=agency.province, **kwargs,
        )
        page.categories.add(Category.objects.get(slug=category))
        page.sdgs.add(SDG.objects.get(number=sdg))
        page.tags.add(*tags)
        page.save()
        for tier, award_year in awards:
            InnovationAwardFactory(innovation=page, tier=AwardTier.objects.get(slug=tier), year=award_year)
        return page

    sadelpos = innovation(
        sulut, pemprov_sulut, SADELPOS, "sadelpos", 2019, SustainabilityStatus.BERLANJUT_PENGEMBANGAN,
        "perizinan", 16, ["pajak", "samsat"], [("top-45", 2021)], last_verified=datetime.date(2024, 5, 1),
    )
    innovation(sulut, pemkot_manado, POSYANDU, "posyandu-digital", 2022, SustainabilityStatus.VAKUM, "kesehatan", 3, ["kesehatan-ibu"])
    innovation(
        jatim, pemkab_pacitan, SEKOLAH, "sekolah-rakyat", 2019, SustainabilityStatus.BERLANJUT, "pendidikan", 4,
        ["pajak"], [("top-99", 2020), ("outstanding-achievement", 2021)],
    )
    innovation(national, kementerian, LAPOR, "lapor-cepat", 2021, SustainabilityStatus.BERHENTI, "tata-kelola-pemerintahan", 16, ["pengaduan"])

    # Hidden from the public: a never-published draft, a private page, a withdrawn page and a
    # pending (unpublished) title change of a live page.
    make_draft(InnovationPageFactory, sulut, agency=pemprov_sulut, title=DRAFT, slug="draf-tersembunyi", year_started=2019)
    private = InnovationPageFactory(parent=jatim, agency=pemkab_pacitan, title=PRIVATE, slug="privat", year_started=2019)
    private.tags.add("pajak")
    private.save()
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.PASSWORD, password="rahasia")
    withdrawn = InnovationPageFactory(parent=sulut, agency=pemprov_sulut, title=WITHDRAWN, slug="ditarik", year_started=2019)
    withdrawn.unpublish()
    save_draft_revision(sadelpos, title=PENDING_TITLE)
    return {"sulut": sulut, "jatim": jatim, "national": national}


class CatalogueTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.data = build_catalogue()

    def get(self, url=CATALOGUE, data=None):
        response = self.client.get(url, data)
        self.assertEqual(response.status_code, 200, url)
        return response

    def listed(self, data=None, url=CATALOGUE):
        response = self.get(url, data)
        return set(titles_in(response.context["results"])), response


class TestListing(CatalogueTestCase):
    def test_lists_live_public_innovations_only(self):
        titles, response = self.listed()
        self.assertEqual(titles, ALL_LIVE)
        html = response.content.decode()
        for title in ALL_LIVE:
            self.assertIn(title, html)
        for title in HIDDEN:
            self.assertNotIn(title, html)
        self.assertEqual(response.context["results"].paginator.count, 4)

    def test_cards_know_their_hub(self):
        response = self.get()
        hubs = {item.title: item.hub.slug for item in response.context["results"].object_list}
        self.assertEqual(
            hubs, {SADELPOS: "sulawesi-utara", POSYANDU: "sulawesi-utara", SEKOLAH: "jawa-timur", LAPOR: "nasional"}
        )

    def test_unknown_innovation_slug_is_404(self):
        self.assertEqual(self.client.get("/hub/sulawesi-utara/tidak-ada/").status_code, 404)
        self.assertEqual(self.client.get("/inovasi/tidak-ada/").status_code, 404)

    def test_draft_and_withdrawn_innovations_are_404(self):
        self.assertEqual(self.client.get("/hub/sulawesi-utara/draf-tersembunyi/").status_code, 404)
        self.assertEqual(self.client.get("/hub/sulawesi-utara/ditarik/").status_code, 404)

    def test_live_innovation_page_shows_live_title_not_pending_draft(self):
        response = self.get("/hub/sulawesi-utara/sadelpos/")
        html = response.content.decode()
        self.assertIn(SADELPOS, html)
        self.assertNotIn(PENDING_TITLE, html)


FILTER_CASES = [
    # (query, expected titles)
    ({"hub": "sulawesi-utara"}, {SADELPOS, POSYANDU}),
    ({"hub": "jawa-timur"}, {SEKOLAH}),
    ({"hub": "nasional"}, {LAPOR}),
    ({"hub": ["sulawesi-utara", "jawa-timur"]}, {SADELPOS, POSYANDU, SEKOLAH}),
    ({"provinsi": "sulawesi-utara"}, {SADELPOS, POSYANDU}),
    ({"provinsi": "jawa-timur"}, {SEKOLAH}),
    ({"provinsi": "aceh"}, set()),
    ({"jenis_instansi": "pemkot"}, {POSYANDU}),
    ({"jenis_instansi": "pemprov"}, {SADELPOS}),
    ({"jenis_instansi": ["kementerian", "pemkab"]}, {LAPOR, SEKOLAH}),
    ({"kategori": "kesehatan"}, {POSYANDU}),
    ({"kategori": ["pendidikan", "kesehatan"]}, {SEKOLAH, POSYANDU}),
    ({"sdg": "16"}, {SADELPOS, LAPOR}),
    ({"sdg": "3"}, {POSYANDU}),
    ({"tahun": "2019"}, {SADELPOS, SEKOLAH}),
    ({"tahun": ["2019", "2022"]}, {SADELPOS, SEKOLAH, POSYANDU}),
    ({"penghargaan": "top-45"}, {SADELPOS}),
    ({"penghargaan": "outstanding-achievement"}, {SEKOLAH}),
    ({"penghargaan": ["top-99", "top-45"]}, {SADELPOS, SEKOLAH}),
    ({"status": "vakum"}, {POSYANDU}),
    ({"status": ["berhenti", "berlanjut"]}, {LAPOR, SEKOLAH}),
    ({"tag": "pajak"}, {SADELPOS, SEKOLAH}),
    ({"tag": "pengaduan"}, {LAPOR}),
    # combined
    ({"hub": "sulawesi-utara", "tahun": "2019"}, {SADELPOS}),
    ({"tag": "pajak", "provinsi": "jawa-timur"}, {SEKOLAH}),
    ({"sdg": "16", "jenis_instansi": "kementerian", "status": "berhenti"}, {LAPOR}),
    ({"hub": "jawa-timur", "status": "vakum"}, set()),
    ({"penghargaan": "top-45", "kategori": "perizinan", "tag": "samsat", "sdg": "16"}, {SADELPOS}),
    (
        {"hub": "sulawesi-utara", "provinsi": "sulawesi-utara", "jenis_instansi": "pemkot", "kategori": "kesehatan",
         "sdg": "3", "tahun": "2022", "status": "vakum", "tag": "kesehatan-ibu"},
        {POSYANDU},
    ),
]


class TestFilters(CatalogueTestCase):
    def test_every_filter_alone_and_combined(self):
        for query, expected in FILTER_CASES:
            with self.subTest(query=query):
                titles, response = self.listed(query)
                self.assertEqual(titles, expected)
                self.assertEqual(response.context["filter"].errors, [])
                html = response.content.decode()
                for title in ALL_LIVE - expected:
                    self.assertNotIn(title, html)

    def test_selected_values_are_shown_as_selected(self):
        query = {"hub": "jawa-timur", "provinsi": "jawa-timur", "jenis_instansi": "pemkab", "kategori": "pendidikan",
                 "sdg": "4", "tahun": "2019", "penghargaan": "top-99", "status": "berlanjut"}
        response = self.get(CATALOGUE, query)
        for name, value in query.items():
            with self.subTest(name=name):
                self.assertEqual(selected_values(response, name), {value})
                self.assertEqual(response.context["filter"].selected[name], [value])
        unfiltered = self.get()
        self.assertEqual(selected_values(unfiltered, "hub"), set())

    def test_active_filters_are_listed_with_a_link_that_removes_them(self):
        response = self.get(CATALOGUE, {"tag": "pajak", "tahun": "2019", "halaman": "1"})
        chips = response.context["filter"].chips()
        self.assertEqual(sorted((str(label), value) for label, value, _url in chips), [("Tag", "pajak"), ("Tahun mulai", "2019")])
        for _label, value, url in chips:
            self.assertNotIn(value, url)
            self.assertNotIn("halaman", url)
            self.assertIn(escape(url), response.content.decode())

    def test_sort_orders(self):
        by_title = titles_in(self.get(CATALOGUE, {"urutkan": "judul"}).context["results"])
        self.assertEqual(by_title, sorted(ALL_LIVE))
        newest = titles_in(self.get().context["results"])
        self.assertEqual(newest, [POSYANDU, LAPOR, SADELPOS, SEKOLAH])  # year desc, then title
        verified = titles_in(self.get(CATALOGUE, {"urutkan": "terverifikasi"}).context["results"])
        self.assertEqual(verified[0], SADELPOS)  # the only verified one comes first, on every database
        self.assertEqual(verified[1:], sorted(ALL_LIVE - {SADELPOS}))

    def test_tag_route(self):
        titles, response = self.listed(url="/inovasi/tag/pajak/")
        self.assertEqual(titles, {SADELPOS, SEKOLAH})
        self.assertEqual(response.context["tag"], Tag.objects.get(slug="pajak"))
        self.assertNotIn(PRIVATE, response.content.decode())
        titles, _response = self.listed({"provinsi": "jawa-timur"}, url="/inovasi/tag/pajak/")
        self.assertEqual(titles, {SEKOLAH})
        # The path wins over a conflicting tag parameter.
        titles, _response = self.listed({"tag": "pengaduan"}, url="/inovasi/tag/pajak/")
        self.assertEqual(titles, {SADELPOS, SEKOLAH})

    def test_unknown_tag_is_404(self):
        self.assertEqual(self.client.get("/inovasi/tag/tidak-ada/").status_code, 404)
        self.assertEqual(self.client.get("/inovasi/tag/%27%20OR%201%3D1/").status_code, 404)
        self.assertEqual(self.client.get("/inovasi/tag/%F0%9F%9A%80/").status_code, 404)

    def test_null_bytes_in_paths_are_404_not_500(self):
        # PostgreSQL refuses NUL in string literals; such paths must not reach a query as-is.
        for path in ("/inovasi/tag/pajak%00/", "/hub/sulawesi-utara/sadelpos%00/", "/inovasi/%00/"):
            with self.subTest(path=path):
                self.assertEqual(self.client.get(path).status_code, 404)


COUNT_CASES = [
    {},
    {"hub": "sulawesi-utara"},
    {"tahun": "2019", "kategori": ["perizinan", "pendidikan"]},
    {"tag": "pajak", "status": "berlanjut"},
    {"penghargaan": ["top-99", "top-45"], "sdg": "16"},
    {"hub": ["sulawesi-utara", "nasional"], "jenis_instansi": "pemkot"},
    {"provinsi": "jawa-timur", "tahun": ["2019", "2021"], "status": ["berlanjut", "vakum"]},
]


class TestMultiSelectCounts(CatalogueTestCase):
    """Each filter is a group of checkboxes; each value shows how many innovations the catalogue
    would list with that value ticked in its filter and every other filter as it is."""

    def test_counts_are_what_ticking_the_value_alone_in_its_filter_gives(self):
        from django.http import QueryDict

        from innovations.filters import CatalogueFilter

        live = InnovationPage.objects.live().public()
        for query in COUNT_CASES:
            base = QueryDict(mutable=True)
            for key, value in query.items():
                base.setlist(key, value if isinstance(value, list) else [value])
            response = self.get(CATALOGUE, base)
            fields = response.context["filter"].fields()
            self.assertEqual({name for name, *_rest in fields}, {"hub", "provinsi", "jenis_instansi", "kategori", "sdg", "tahun", "penghargaan", "status"})
            for name, _label, options, selected in fields:
                for option in options:
                    with self.subTest(query=query, name=name, value=option.value):
                        params = base.copy()
                        params.setlist(name, [option.value])
                        expected = CatalogueFilter(params).apply(live).count()
                        self.assertEqual(option.count, expected)
                        self.assertEqual(option.checked, option.value in selected)
                        self.assertTrue(option.count or option.checked)  # no dead ends offered

    def test_counts_of_the_unfiltered_catalogue(self):
        fields = {name: {o.value: o.count for o in options} for name, _l, options, _s in self.get().context["filter"].fields()}
        self.assertEqual(fields["hub"], {"sulawesi-utara": 2, "jawa-timur": 1, "nasional": 1})
        self.assertEqual(fields["tahun"], {"2022": 1, "2021": 1, "2019": 2})
        self.assertEqual(fields["sdg"], {"3": 1, "4": 1, "16": 2})
        # two awards of one innovation count it once per tier; the same tier twice, once
        self.assertEqual(fields["penghargaan"], {"top-45": 1, "top-99": 1, "outstanding-achievement": 1})

    def test_a_selected_value_that_gives_nothing_stays_offered_and_ticked(self):
        response = self.get(CATALOGUE, {"hub": "jawa-timur", "status": "vakum"})
        status = {o.value: o for o in {n: opts for n, _l, opts, _s in response.context["filter"].fields()}["status"]}
        self.assertEqual(status["vakum"].count, 0)
        self.assertTrue(status["vakum"].checked)
        self.assertEqual(selected_values(response, "status"), {"vakum"})

    def test_form_is_checkbox_groups_that_open_when_used(self):
        from tests.helpers import soup_of

        response = self.get(CATALOGUE, {"kategori": ["kesehatan", "pendidikan"], "tag": "pajak"})
        soup = soup_of(response)
        form = soup.select_one("aside.filters form")
        self.assertIsNone(form.find("select", attrs={"name": "kategori"}))
        groups = {d["id"]: d for d in form.select("details.filter-group")}
        self.assertIn("open", groups["filter-kategori"].attrs)
        self.assertIn("open", groups["filter-tag"].attrs)
        self.assertNotIn("open", groups["filter-hub"].attrs)
        self.assertEqual(
            {box["value"] for box in groups["filter-kategori"].select("input[type=checkbox][checked]")}, {"kesehatan", "pendidikan"}
        )
        # kesehatan + pendidikan with tag pajak: only the school has the tag
        label = groups["filter-kategori"].find("input", attrs={"value": "pendidikan"}).find_parent("label")
        self.assertIn("(1)", label.get_text())
        self.assertIsNotNone(groups["filter-kategori"].find("summary"))
        self.assertEqual(titles_in(response.context["results"]), [SEKOLAH])

    def test_counting_is_one_query_per_filter(self):
        from django.db import connection
        from django.http import QueryDict
        from django.test.utils import CaptureQueriesContext

        from innovations.filters import CatalogueFilter

        catalogue = CatalogueFilter(QueryDict("hub=sulawesi-utara&hub=jawa-timur&kategori=kesehatan&tag=pajak&tahun=2019"))
        live = InnovationPage.objects.live().public()
        str(live.query)  # .public() reads the view restrictions once, when called
        with CaptureQueriesContext(connection) as ctx:
            counts = catalogue.counts(live)
        self.assertEqual(len(ctx.captured_queries), len(counts))
        self.assertEqual(len(counts), 8)

    def test_without_a_tag_the_counts_come_from_the_bitsets_as_the_grouped_queries_would_count(self):
        from django.db import connection
        from django.http import QueryDict
        from django.test.utils import CaptureQueriesContext

        from innovations.filters import CatalogueFilter

        live = InnovationPage.objects.live().public()
        str(live.query)
        for query in ("hub=sulawesi-utara&hub=jawa-timur&kategori=pendidikan&kategori=perizinan&tahun=2019",
                      "penghargaan=top-45&penghargaan=outstanding-achievement&status=berlanjut", "sdg=16&provinsi=sulawesi-utara"):
            with self.subTest(query=query):
                catalogue = CatalogueFilter(QueryDict(query))
                grouped = {f.name: f.count(catalogue.narrow(live, skip=f.name), catalogue.options[f.name])
                           for f in CATALOGUE_FILTERS if f.count is not None}
                catalogue.counts(live)  # loads this process's bitsets for the generation
                with CaptureQueriesContext(connection) as ctx:
                    counts = catalogue.counts(live)
                    total = catalogue.filtered_total()
                self.assertEqual(len(ctx.captured_queries), 0)
                self.assertEqual(counts, grouped)
                self.assertEqual(total, catalogue.apply(live).count())

    def test_the_bitsets_follow_an_unpublished_innovation_and_the_list_total_with_them(self):
        def hub_counts(response):
            return {o.value: o.count for name, _l, options, _s in response.context["filter"].fields()
                    if name == "hub" for o in options}

        params = {"tahun": "2019", "status": ["berlanjut", "berlanjut_pengembangan"]}
        before = self.get(CATALOGUE, params)
        self.assertEqual(before.context["results"].paginator.count, 2)
        self.assertEqual(hub_counts(before), {"sulawesi-utara": 1, "jawa-timur": 1})
        InnovationPage.objects.get(slug="sekolah-rakyat").unpublish()
        after = self.get(CATALOGUE, params)
        self.assertEqual(after.context["results"].paginator.count, 1)
        self.assertEqual(titles_in(after.context["results"]), [SADELPOS])
        self.assertEqual(hub_counts(after), {"sulawesi-utara": 1})


BAD_FILTER_VALUES = [
    {"tahun": "abc"},
    {"tahun": "3000"},
    {"sdg": "99"},
    {"sdg": "0"},
    {"hub": "tidak-ada"},
    {"provinsi": "atlantis"},
    {"jenis_instansi": "swasta"},
    {"kategori": "'; DROP TABLE innovations_innovationpage; --"},
    {"penghargaan": "\" OR \"1\"=\"1"},
    {"status": "<script>alert(1)</script>"},
    {"tag": "pajak' OR 1=1 --"},
    {"tag": "🚀🚀"},
    {"tag": "x" * 101},
    {"hub": "\x00"},
    {"tahun": "2019\x00"},
    {"tag": "pajak\x00"},
    {"urutkan": "xyz"},
    {"urutkan": "-title; DELETE"},
]


class TestHostileInput(CatalogueTestCase):
    def test_bad_filter_values_are_ignored_with_a_message(self):
        for query in BAD_FILTER_VALUES:
            with self.subTest(query=query):
                titles, response = self.listed(query)
                self.assertEqual(titles, ALL_LIVE)  # the bad value is dropped, nothing else changes
                errors = response.context["filter"].errors
                self.assertEqual(len(errors), 1)
                self.assertIn("tidak dikenal", errors[0])
                self.assertIn(escape(errors[0]).replace("\x00", ""), response.content.decode().replace("\x00", ""))

    def test_bad_value_next_to_good_values_keeps_the_good_ones(self):
        titles, response = self.listed({"tahun": ["abc", "2022"], "tag": ["💥", "kesehatan-ibu"]})
        self.assertEqual(titles, {POSYANDU})
        self.assertEqual(len(response.context["filter"].errors), 2)

    def test_raw_query_strings(self):
        for query in [
            "tahun=%00", "halaman=%00", "per_halaman=%00", "urutkan=%00", "hub=%F0%9F%98%80",
            "tag=%27%22%3B--", "sdg=1%20OR%201%3D1", "tahun=2019&tahun=2019&tahun=2019",
            "kategori=" + "&kategori=".join(["kesehatan"] * 50), "%00=%00", "halaman=1e9", "halaman=",
        ]:
            with self.subTest(query=query):
                response = self.client.get(f"{CATALOGUE}?{query}")
                self.assertEqual(response.status_code, 200)

    def test_pagination_parameters_never_fail(self):
        cases = {"-1": 1, "0": 1, "99999": 1, "abc": 1, "1.5": 1, "": 1}
        for value, expected_page in cases.items():
            with self.subTest(halaman=value):
                response = self.get(CATALOGUE, {"halaman": value})
                self.assertEqual(response.context["results"].number, expected_page)
                self.assertEqual(set(titles_in(response.context["results"])), ALL_LIVE)


class TestPagination(TestCase):
    @classmethod
    def setUpTestData(cls):
        pages = ensure_site_structure()
        hub = make_hub(pages["hubs"], "71", "Hub JIPP Sulawesi Utara", "sulawesi-utara")
        agency = AgencyFactory(province=province("71"))
        for n in range(30):
            InnovationPageFactory(parent=hub, agency=agency, title=f"Inovasi Nomor {n:02d}", slug=f"inovasi-{n:02d}", year_started=2020)

    def page(self, **params):
        response = self.client.get(CATALOGUE, params)
        self.assertEqual(response.status_code, 200)
        return response.context["results"], response

    def test_default_page_size_is_24(self):
        results, _ = self.page()
        self.assertEqual(len(results.object_list), 24)
        self.assertEqual(results.paginator.num_pages, 2)
        results, _ = self.page(halaman="2")
        self.assertEqual(len(results.object_list), 6)

    def test_per_halaman_and_halaman(self):
        results, response = self.page(per_halaman="12", halaman="2", urutkan="judul")
        self.assertEqual(results.paginator.num_pages, 3)
        self.assertEqual(titles_in(results), [f"Inovasi Nomor {n:02d}" for n in range(12, 24)])
        html = response.content.decode()
        self.assertIn("Inovasi Nomor 12", html)
        self.assertNotIn("Inovasi Nomor 11", html)
        self.assertNotIn("Inovasi Nomor 24", html)
        self.assertIn("halaman=3", html)  # a link to the next page
        self.assertIn("per_halaman=12", html)  # which keeps the chosen page size

    def test_every_offered_page_size(self):
        for size in (12, 24, 48, 96):
            results, _ = self.page(per_halaman=str(size))
            self.assertEqual(len(results.object_list), min(size, 30))

    def test_unknown_page_size_falls_back_to_default(self):
        for value in ("7", "0", "-12", "100000", "abc", "\x00"):
            with self.subTest(per_halaman=value):
                results, _ = self.page(per_halaman=value)
                self.assertEqual(results.paginator.per_page, 24)

    def test_page_numbers_past_the_end_or_below_one_give_the_last_or_first_page(self):
        self.assertEqual(self.page(halaman="99999")[0].number, 2)
        self.assertEqual(self.page(halaman="-1")[0].number, 2)  # Django's Paginator: EmptyPage -> last
        self.assertEqual(self.page(halaman="abc")[0].number, 1)
        self.assertEqual(self.page(halaman="99999", per_halaman="12")[0].number, 3)


# --- Query counts: list pages must not run a query per row -------------------------------------


def _add_innovations(hub, agency, count, start):
    categories = list(Category.objects.all()[:3])
    sdgs = list(SDG.objects.all()[:3])
    tiers = list(AwardTier.objects.all()[:2])
    for n in range(start, start + count):
        page = InnovationPageFactory(
            parent=hub, agency=agency, title=f"Inovasi Beban {n:03d}", slug=f"inovasi-beban-{n:03d}",
            year_started=2015 + n % 10, image=make_image(f"Gambar {n}"), featured=n % 2 == 0,
            video_url="https://youtu.be/dQw4w9WgXcQ", innovator_name="Tim Inovasi",
        )
        page.categories.set(categories)
        page.sdgs.set(sdgs)
        page.tags.add(f"tag-{n}", "bersama")
        page.save()
        for tier in tiers:
            InnovationAwardFactory(innovation=page, tier=tier, year=2021)


@pytest.mark.django_db
def test_list_pages_run_a_constant_number_of_queries(client, site_pages, hub_a, agency_a):
    from news.factories import EventPageFactory, NewsPageFactory

    NewsPageFactory(parent=hub_a)
    EventPageFactory(parent=hub_a)
    urls = {
        "catalogue": CATALOGUE,
        "catalogue-96": CATALOGUE + "?per_halaman=96",
        "catalogue-filtered": CATALOGUE + "?tag=bersama&provinsi=sulawesi-utara",
        "catalogue-multi": CATALOGUE + "?hub=sulawesi-utara&hub=nasional&tahun=2016&tahun=2017&kategori=kesehatan"
        "&kategori=pendidikan&penghargaan=top-45&sdg=3&sdg=4&status=vakum&status=berlanjut&jenis_instansi=pemprov",
        "tag": "/inovasi/tag/bersama/",
        "hub": hub_a.url,
        "home": "/",
        "hub-index": "/hub/",
    }

    def measure():
        counts = {}
        for name, url in urls.items():
            client.get(url)  # warm-up: first renders create image renditions, once
            response, queries = count_queries(client, url)
            assert response.status_code == 200, (name, response.status_code)
            counts[name] = queries
        return counts

    _add_innovations(hub_a, agency_a, 5, 0)
    with_five = measure()
    _add_innovations(hub_a, agency_a, 25, 5)
    with_thirty = measure()
    assert InnovationPage.objects.live().count() == 30
    assert with_thirty == with_five
    # And a budget: the page, its results, one count per filter (8) and the province map (7) stay
    # under 40 however many rows are shown (the count per row is what the equality above holds).
    assert with_thirty["catalogue-96"] < 40
