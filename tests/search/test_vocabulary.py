"""The public-service vocabulary (search/vocabulary.py): its data, the admin for national
administrators, the version that tells engines to catch up, and its effect on search, on the
database the suite runs on (SQLite and PostgreSQL), and in the Elasticsearch analyzer."""
import pytest
from django.urls import reverse

from innovations.factories import InnovationPageFactory
from search.analysis import analyze
from search.base import SearchQuery
from search.documents import concrete_index
from search.elastic import build_search
from search.embedded import EmbeddedEngine
from search.models import SearchLog, Synonym, VocabularyVersion
from search.query import plan_query
from search.vocabulary import Vocabulary, clean_entry, current_version, read_rows

pytestmark = pytest.mark.django_db

REQUIRED = ["skck", "stnk", "rtlh", "kia", "pbb", "odgj", "ktp", "kk", "bpjs", "umkm", "nib", "pbg", "imb", "jkn",
            "bumil", "lansia", "difabel", "ptsp", "pungli", "catin"]
DOMAINS = ["kependudukan", "kesehatan", "perlindungan sosial", "pendidikan", "perizinan", "pajak", "utilitas",
           "usaha kecil", "disabilitas", "daerah"]


def test_the_data_file_has_at_least_150_usable_entries_with_sources_across_domains():
    rows = read_rows()
    assert len(rows) >= 150
    terms = [row["term"] for row in rows]
    assert len(terms) == len(set(terms))
    for row in rows:
        assert row["source"].strip(), row["term"]
        assert row["kind"] in Synonym.Kind.values, row["term"]
        assert clean_entry(row["term"], row["equivalents"]) == {}, row["term"]
    assert set(REQUIRED) <= set(terms)
    assert set(DOMAINS) <= {row["domain"] for row in rows}


def test_the_migration_loaded_the_file():
    assert Synonym.objects.count() == len(read_rows())
    skck = Synonym.objects.get(term="skck")
    assert skck.equivalent_list == ["surat keterangan catatan kepolisian"] and "Perpol" in skck.source


def test_a_term_expands_to_its_equivalents_and_an_equivalent_to_the_term_only():
    vocabulary = Vocabulary([("kia", ["kartu identitas anak", "kesehatan ibu dan anak"])])
    assert vocabulary.longest_match(["kia"], 0) == (1, ["kia", "kartu identitas anak", "sehat ibu anak"])
    assert vocabulary.longest_match(["urus", "kartu", "identitas", "anak"], 1) == (4, ["kartu identitas anak", "kia"])
    assert vocabulary.longest_match(["kartu", "keluarga"], 0) is None
    assert "kia => kia, kartu identitas anak, sehat ibu anak" in vocabulary.elasticsearch_rules()


@pytest.mark.parametrize("term, equivalents, field", [
    ("", ["x"], "term"), ("dan di", ["kata"], "term"), ("skck", [], "equivalents"), ("skck", ["SKCK"], "equivalents"),
    ("skck", ["yang dan"], "equivalents"), ("a b c d e f g h i", ["x"], "term"), ("abc", [f"k{i}" for i in range(11)], "equivalents"),
])
def test_bad_entries_get_a_clear_message(term, equivalents, field):
    errors = clean_entry(term, equivalents)
    assert errors.get(field)


@pytest.fixture
def pages(hub_a):
    def page(key, title, summary):
        return InnovationPageFactory(parent=hub_a, title=title, acronym="", slug=f"vocab-{key}", summary=summary,
                                     background="<p>Layanan warga.</p>")

    made = {
        "skck": page("skck", "SKCK Antar ke Rumah", "Warga menerima SKCK tanpa datang ke polres."),
        "long": page("long", "Layanan Surat Keterangan Catatan Kepolisian Keliling", "Mobil keliling ke desa."),
        "odgj": page("odgj", "Terapi Orang dengan Gangguan Jiwa", "Pemulihan di rumah bersama keluarga."),
        "kia": page("kia", "Kartu Identitas Anak Sekolah", "Dokumen anak diterbitkan di sekolah."),
        "ibu": page("ibu", "Kelas Kesehatan Ibu dan Anak", "Kader posyandu mendampingi."),
    }
    EmbeddedEngine().rebuild()
    return made


def ids(text):
    return [hit.id for hit in EmbeddedEngine().search(SearchQuery(text=text, per_page=50, facets=())).hits]


def test_abbreviations_and_long_forms_find_each_other(pages):
    both = {pages["skck"].pk, pages["long"].pk}
    assert set(ids("skck")) == both
    assert set(ids("surat keterangan catatan kepolisian")) == both
    assert ids("odgj") == [pages["odgj"].pk]
    # "kartu identitas anak" is one of KIA's meanings, not the other one
    assert pages["ibu"].pk not in ids("kartu identitas anak")
    assert set(ids("kia")) == {pages["kia"].pk, pages["ibu"].pk}


def test_a_vocabulary_match_ranks_as_an_exact_match(pages):
    # every word matched: "skck" through the vocabulary counts as matched exactly
    assert set(ids("skck keliling")[:1]) == {pages["long"].pk}


def test_a_national_administrator_adds_an_entry_and_search_uses_it_at_once(admin_client, pages, hub_a,
                                                                          django_capture_on_commit_callbacks):
    page = InnovationPageFactory(parent=hub_a, title="Kartu Pencari Kerja Daring", acronym="", slug="vocab-kuning",
                                 summary="Pencari kerja mendaftar dari rumah.")
    EmbeddedEngine().index([page.pk])
    assert ids("kartu kuning baru") == []
    before = current_version()
    url = reverse("wagtailsnippets_search_synonym:add")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = admin_client.post(url, {"term": "Kartu Kuning Baru", "equivalents": "kartu pencari kerja",
                                           "kind": "sinonim", "domain": "ketenagakerjaan", "source": "Kemnaker",
                                           "active": "on"})
    assert response.status_code == 302
    assert Synonym.objects.get(term="kartu kuning baru").equivalent_list == ["kartu pencari kerja"]
    assert current_version() == before + 1 and len(callbacks) == 1  # the vocabulary task, after the commit
    assert ids("kartu kuning baru") == [page.pk]  # the embedded engine needs no reindex


def test_bad_input_in_the_admin_is_refused_with_a_message_and_nothing_saved(admin_client):
    count = Synonym.objects.count()
    response = admin_client.post(reverse("wagtailsnippets_search_synonym:add"),
                                 {"term": "yang", "equivalents": "", "kind": "singkatan", "source": "x"})
    assert response.status_code == 200
    assert "tidak dicari" in response.content.decode() and "Isi minimal satu padanan" in response.content.decode()
    assert Synonym.objects.count() == count


def test_only_national_administrators_edit_the_vocabulary(client, coordinator_a):
    client.force_login(coordinator_a)
    response = client.get(reverse("wagtailsnippets_search_synonym:add"))
    assert response.status_code in (302, 403)
    assert not Synonym.objects.filter(term="x").exists()


def test_zero_result_report_links_each_query_to_add_a_synonym(admin_client, client, coordinator_a):
    SearchLog.objects.create(query="Surat Tanah Girik", normalized="surat tanah girik", results=0)
    page = admin_client.get(reverse("search_report")).content.decode()
    link = reverse("wagtailsnippets_search_synonym:add") + "?istilah=surat%20tanah%20girik"
    assert link in page and "Tambah padanan kata" in page
    form = admin_client.get(link).content.decode()
    assert 'value="surat tanah girik"' in form
    # a coordinator reads the report but cannot add entries: no link
    client.force_login(coordinator_a)
    assert "Tambah padanan kata" not in client.get(reverse("search_report")).content.decode()


def test_elasticsearch_gets_the_same_rules_in_its_analyzer_and_an_unexpanded_plan(pages):
    settings = concrete_index("uji").to_dict()
    rules = settings["settings"]["analysis"]["filter"]["jippnas_vocabulary"]
    assert rules["type"] == "synonym_graph"
    assert "skck => skck, surat terang catat polisi" in rules["synonyms"]
    assert settings["mappings"]["_meta"]["vocabulary_version"] == VocabularyVersion.objects.get(pk=1).number
    assert settings["mappings"]["properties"]["title_terms"]["search_analyzer"] == "jippnas_query"
    # the plan groups the phrase but leaves the expansion to the analyzer
    plan = plan_query("surat keterangan catatan kepolisian", expand=False)
    assert [(g.exact, g.synonyms) for g in plan.groups] == [("surat terang catat polisi", [])]
    body = build_search(SearchQuery(text="surat keterangan catatan kepolisian"), plan).to_dict()
    assert body["query"]["bool"]["should"][0] == {
        "multi_match": {"query": "surat terang catat polisi", "fields": ["title_terms^10", "summary_terms^4", "body_terms"],
                        "type": "phrase"}}
    # the embedded engine expands it itself
    expanded = plan_query("surat keterangan catatan kepolisian")
    assert expanded.groups[0].synonyms == ["skck"]


@pytest.mark.parametrize("derived, root", [("perpajakan", "pajak"), ("ketenagakerjaan", "tenaga kerja"),
                                           ("peternakan", "ternak"), ("penegakan", "tegak")])
def test_stemmer_exceptions_apply_at_index_and_query_time_both_ways(hub_a, derived, root):
    one = InnovationPageFactory(parent=hub_a, title=f"Layanan {derived.title()} Terpadu", acronym="", slug="exc-derived",
                                summary="Warga dilayani di kantor.")
    other = InnovationPageFactory(parent=hub_a, title=f"Klinik {root.title()} Keliling", acronym="", slug="exc-root",
                                  summary="Petugas datang ke desa.")
    EmbeddedEngine().rebuild()
    assert set(ids(derived)) == {one.pk, other.pk}
    assert set(ids(root)) == {one.pk, other.pk}
    # Elasticsearch indexes the same pre-analysed terms and receives the same stems
    plan = plan_query(derived, expand=False)
    assert [g.exact for g in plan.groups] == [" ".join(analyze(root))]
