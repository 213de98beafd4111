"""The behavioural suite every search engine must pass (embedded here, Elasticsearch live).

A module that tests an engine subclasses ``EngineBehaviour`` and provides an ``engine`` fixture
whose index holds the ``corpus`` below. Assertions are about what a visitor gets: which
innovations, in which order, with which facet counts and snippets.
"""
import pytest

from agencies.models import AgencyType
from innovations.factories import InnovationPageFactory
from innovations.models import SDG, Category, SustainabilityStatus
from search.base import SearchQuery
from tests.helpers import make_agency

# (key, title, acronym, summary, body)
DOCUMENTS = [
    ("pahala", "Pelayanan Akta Kelahiran Langsung di Desa", "PAHALA",
     "Petugas dukcapil menerbitkan akta kelahiran bagi bayi di desa terpencil.", "Jemput bola ke desa."),
    ("sadelpos", "Samsat Delivery Pos", "SADELPOS",
     "Pembayaran pajak kendaraan lewat kantor pos tanpa antre.", "STNK diantar ke rumah wajib pajak."),
    ("izin", "Sistem Perizinan Terpadu Satu Pintu", "SIPINTAR",
     "Pelaku usaha mengurus perizinan secara daring.", "Status permohonan dipantau terbuka."),
    ("sehat", "Posyandu Digital untuk Kesehatan Balita", "POSYANDU DIGITAL",
     "Kader mencatat tumbuh kembang balita agar gizi buruk terdeteksi.", "Kesehatan ibu dan anak."),
    ("penduduk", "Data Kependudukan Terpadu", "DAKOTA",
     "Pemutakhiran data kependudukan setiap bulan.", "Kartu keluarga."),
    ("lanjut", "Program Keberlanjutan Bank Sampah", "BANK SAMPAH",
     "Bank sampah yang menjamin keberlanjutan pengelolaan sampah.", "Tabungan warga rentan."),
    ("daya", "Pemberdayaan Perempuan Kepala Keluarga", "PEKKA",
     "Pemberdayaan perempuan rentan melalui pelatihan usaha.", "Akses kredit."),
    ("lindung", "Perlindungan Anak Terpadu", "PATEN ANAK",
     "Perlindungan anak dari kekerasan.", "Rumah aman."),
    # the other side of each morphology pair
    ("layan2", "Layanan Keliling Kecamatan", "LAKE", "Layanan administrasi di kecamatan.", ""),
    ("izin2", "Izin Usaha Mikro Cepat", "IUMK", "Izin usaha mikro terbit sehari.", ""),
    ("duduk2", "Pendataan Penduduk Miskin", "DATUK", "Penduduk miskin didata ulang.", ""),
    ("bayar2", "Bayar Retribusi Pasar", "BAREP", "Pedagang bayar retribusi dengan kode QR.", ""),
    ("sehat2", "Desa Sehat Mandiri", "DESMAN", "Warga desa hidup sehat.", ""),
    ("lanjut2", "Sekolah Berlanjut", "SELANJUT", "Anak putus sekolah berlanjut belajar.", ""),
    ("daya2", "Nelayan Berdaya", "NEBER", "Koperasi nelayan berdaya.", ""),
    ("lindung2", "Lindungi Pekerja Rentan", "LIPER", "Lindungi pekerja informal dengan jaminan sosial.", ""),
]

MORPHOLOGY_PAIRS = [
    ("pelayanan", "layanan", "pahala", "layan2"),
    ("perizinan", "izin", "izin", "izin2"),
    ("kependudukan", "penduduk", "penduduk", "duduk2"),
    ("pembayaran", "bayar", "sadelpos", "bayar2"),
    ("kesehatan", "sehat", "sehat", "sehat2"),
    ("keberlanjutan", "berlanjut", "lanjut", "lanjut2"),
    ("pemberdayaan", "berdaya", "daya", "daya2"),
    ("perlindungan", "lindungi", "lindung", "lindung2"),
]


def build_corpus(hub_a, hub_b):
    """The corpus: pages in two hubs, two agency types, categories, SDGs, statuses and years."""
    sulut = make_agency("71", AgencyType.PEMKOT, name="Pemerintah Kota Manado", abbreviation="Pemkot Manado")
    jatim = make_agency("35", AgencyType.PEMPROV, name="Pemerintah Provinsi Jawa Timur", abbreviation="Pemprov Jatim")
    health = Category.objects.get(slug="kesehatan")
    adminduk = Category.objects.get(slug="administrasi-kependudukan")
    sdg3, sdg16 = SDG.objects.get(number=3), SDG.objects.get(number=16)
    pages = {}
    for i, (key, title, acronym, summary, body) in enumerate(DOCUMENTS):
        in_a = i % 2 == 0
        page = InnovationPageFactory(
            parent=hub_a if in_a else hub_b, agency=sulut if in_a else jatim, title=title, acronym=acronym,
            slug=f"uji-{key}", summary=summary, background=f"<p>{body}</p>", year_started=2015 + i % 8,
            sustainability_status=SustainabilityStatus.BERLANJUT if i % 3 else SustainabilityStatus.BERHENTI,
        )
        if key in ("sehat", "sehat2"):
            page.categories.add(health)
            page.sdgs.add(sdg3)
        if key in ("pahala", "penduduk", "duduk2"):
            page.categories.add(adminduk)
            page.sdgs.add(sdg16)
        if key == "pahala":
            page.tags.add("adminduk", "jemput bola")
        page.save()
        pages[key] = page
    return pages


class EngineBehaviour:
    """Subclasses provide fixtures ``engine`` (indexed) and ``corpus`` (key -> page)."""

    def ids(self, engine, text, **kwargs):
        return [hit.id for hit in engine.search(SearchQuery(text=text, per_page=50, **kwargs)).hits]

    @pytest.mark.parametrize("derived, root, derived_key, root_key", MORPHOLOGY_PAIRS)
    def test_morphology_matches_in_both_directions(self, engine, corpus, derived, root, derived_key, root_key):
        assert corpus[root_key].pk in self.ids(engine, derived)
        assert corpus[derived_key].pk in self.ids(engine, root)

    def test_acronym_and_expansion_both_find_the_innovation(self, engine, corpus):
        assert self.ids(engine, "SADELPOS")[0] == corpus["sadelpos"].pk
        assert self.ids(engine, "sadelpos")[0] == corpus["sadelpos"].pk
        assert self.ids(engine, "samsat delivery pos")[0] == corpus["sadelpos"].pk

    @pytest.mark.parametrize("typo, key", [("kesehtan", "sehat"), ("perijinan", "izin"), ("kelahrian", "pahala"), ("smasat", "sadelpos")])
    def test_one_typo_still_finds_the_innovation(self, engine, corpus, typo, key):
        results = engine.search(SearchQuery(text=typo))
        assert corpus[key].pk in [hit.id for hit in results.hits]

    def test_typo_gets_a_suggestion_and_ranks_below_exact_matches(self, engine, corpus):
        results = engine.search(SearchQuery(text="kesehtan"))
        assert results.suggestion == "kesehatan"
        # "posyandu kesehtan": the exact word posyandu matches, the typo is corrected
        ranked = self.ids(engine, "posyandu kesehtan")
        assert ranked[0] == corpus["sehat"].pk

    def test_spelling_variants(self, engine, corpus):
        assert corpus["izin2"].pk in self.ids(engine, "ijin usaha")

    def test_title_ranks_above_summary_above_body(self, engine, corpus):
        # "rentan" is in one title (lindung2), one summary (daya) and one body (lanjut)
        assert self.ids(engine, "rentan") == [corpus["lindung2"].pk, corpus["daya"].pk, corpus["lanjut"].pk]

    def test_all_words_rank_above_some(self, engine, corpus):
        ranked = self.ids(engine, "akta kelahiran desa")
        assert ranked[0] == corpus["pahala"].pk
        assert corpus["sehat2"].pk in ranked  # matches "desa" only: still listed, but lower

    def test_facets_count_results_and_filters_combine(self, engine, corpus):
        results = engine.search(SearchQuery(text="kesehatan sehat desa"))
        assert results.facets["kategori"].get("kesehatan") == 2
        filtered = engine.search(SearchQuery(text="kesehatan sehat desa", filters={"kategori": ["kesehatan"]}))
        assert {h.id for h in filtered.hits} == {corpus["sehat"].pk, corpus["sehat2"].pk}
        assert filtered.total == 2
        # multi-select: the selected facet's own counts ignore its selection
        assert filtered.facets["kategori"]["kesehatan"] == 2
        assert sum(filtered.facets["hub"].values()) == filtered.total
        both = engine.search(SearchQuery(text="kesehatan sehat desa", filters={"kategori": ["kesehatan"], "hub": [corpus["sehat"].get_parent().slug]}))
        assert [h.id for h in both.hits] == [corpus["sehat"].pk]

    def test_facet_counts_agree_with_results_for_every_value(self, engine, corpus):
        base = engine.search(SearchQuery(text="", filters={"status": ["berlanjut", "berhenti"]}, per_page=100))
        for name, counts in base.facets.items():
            if name == "status":
                continue
            for value, count in counts.items():
                narrowed = engine.search(SearchQuery(text="", filters={"status": ["berlanjut", "berhenti"], name: [value]}, per_page=100))
                assert narrowed.total == count, (name, value)

    def test_sorts_and_pagination(self, engine, corpus):
        newest = engine.search(SearchQuery(text="", filters={"hub": [corpus["pahala"].get_parent().slug]}, sort="terbaru", per_page=3))
        years = [type(corpus["pahala"]).objects.get(pk=h.id).year_started for h in newest.hits]
        assert years == sorted(years, reverse=True)
        page2 = engine.search(SearchQuery(text="", filters={"hub": [corpus["pahala"].get_parent().slug]}, sort="terbaru", per_page=3, page=2))
        assert not {h.id for h in newest.hits} & {h.id for h in page2.hits}
        beyond = engine.search(SearchQuery(text="", filters={"hub": [corpus["pahala"].get_parent().slug]}, per_page=3, page=999))
        assert beyond.hits and beyond.page == -(-beyond.total // 3)

    def test_highlights_mark_matching_words_by_stem(self, engine, corpus):
        hit = engine.search(SearchQuery(text="layanan akta")).hits[0]
        assert hit.id == corpus["pahala"].pk
        assert "<mark>Pelayanan</mark>" in hit.highlights["title"]
        assert "<mark>akta</mark>" in hit.highlights["summary"]

    @pytest.mark.parametrize("text, expected", [
        ('"', None), ("'; DROP TABLE search_searchentry; --", None), ("NOT AND OR ( * ^ ~ : NEAR(", None),
        ("pajak\x00kendaraan", "sadelpos"), ("🚗🚓 pajak", "sadelpos"), ("a" * 10_000, None),
        ("title_terms:pajak", "sadelpos"), ("*", None), ("-", None), ("dan yang di", None),
    ])
    def test_any_input_is_safe(self, engine, corpus, text, expected):
        # invalid facet values are dropped, not applied: they never empty a result list
        results = engine.search(SearchQuery(text=text, filters={"sdg": ["<script>"], "hub": ["x" * 500]}))
        if expected is None:
            assert results.total == 0 and results.hits == []
        else:
            assert results.hits[0].id == corpus[expected].pk

    def test_autocomplete_titles_acronyms_agencies_and_tags(self, engine, corpus):
        labels = [s.label for s in engine.autocomplete("sadel")]
        assert any("Samsat Delivery Pos" in label for label in labels)
        labels = [s.label for s in engine.autocomplete("akta kel")]
        assert any("Akta Kelahiran" in label for label in labels)
        assert engine.autocomplete("x") == []

    def test_autocomplete_matches_inside_words_of_titles_and_acronyms(self, engine, corpus):
        def urls(text):
            return [s.url for s in engine.autocomplete(text)]

        pahala = corpus["pahala"].url
        for typed in ("lahir", "LAHIR", "kelahiran", "akta lahir", "hiran"):
            assert pahala in urls(typed), typed
        assert corpus["sadelpos"].url in urls("delpos")  # inside the acronym SADELPOS
        assert corpus["izin"].url in urls("PINTAR")  # inside SIPINTAR
        assert pahala not in urls("lahir desa xyz")  # every typed word must be in the label
        # a word start ranks above a match inside a word: "Layanan ..." before "Pelayanan ..."
        found = urls("layan")
        assert corpus["layan2"].url in found and pahala in found
        assert found.index(corpus["layan2"].url) < found.index(pahala)
        # two letters match word starts only
        assert pahala not in urls("hi")

    def test_similar_innovations(self, engine, corpus):
        similar = engine.similar(corpus["sehat"].pk, limit=3)
        assert corpus["sehat"].pk not in similar
        assert similar and similar[0] == corpus["sehat2"].pk

    def test_index_and_delete_follow_the_database(self, engine, corpus):
        page = corpus["sadelpos"]
        page.unpublish()
        engine.index([page.pk])
        assert page.pk not in self.ids(engine, "sadelpos")
        page.save_revision().publish()
        engine.index([page.pk])
        assert self.ids(engine, "sadelpos")[0] == page.pk
        engine.delete([page.pk])
        assert page.pk not in self.ids(engine, "sadelpos")
