"""The Elasticsearch path without a cluster: mappings and query bodies elasticsearch-dsl builds,
the response parser, and the fallback against a port where nothing listens (a real refusal)."""
import json

import pytest
from django.test import override_settings

from search.base import SearchQuery
from search.documents import InnovationDocument, alias_name, concrete_index
from search.elastic import (
    SUGGESTION_CANDIDATES,
    ElasticsearchEngine,
    FallbackEngine,
    build_autocomplete,
    build_search,
    build_similar,
    parse_response,
    search_suggestions,
)
from search.embedded import EmbeddedEngine
from search.query import QueryPlan, TermGroup
from search.service import get_engine, reset_engine

from .engine_suite import build_corpus

PLAN = QueryPlan(groups=[TermGroup(word="kesehtan", exact="kesehtan", fuzzy=["sehat"], correction="kesehatan"),
                         TermGroup(word="desa", exact="desa")], suggestion="kesehatan desa", key="kesehtan desa")


@pytest.mark.django_db  # the synonym filter is read from the vocabulary table
def test_mapping_is_explicit_with_keyword_facets_and_pre_analysed_terms():
    mapping = concrete_index("uji").to_dict()["mappings"]["properties"]
    for facet in ("hub", "provinsi", "jenis_instansi", "kategori", "sdg", "tahun", "penghargaan", "status", "tag", "title_sort"):
        assert mapping[facet]["type"] == "keyword", facet
    for field in ("title_terms", "summary_terms", "body_terms"):
        assert mapping[field] == {"type": "text", "analyzer": "whitespace", "search_analyzer": "jippnas_query"}
    assert mapping["suggest"]["type"] == "search_as_you_type"
    assert mapping["title"]["fields"]["raw"]["type"] == "keyword"
    assert mapping["last_verified"]["type"] == "date"
    assert mapping["title_key"]["type"] == mapping["acronym_key"]["type"] == "keyword"
    assert mapping["award_score"]["type"] == "integer"


@override_settings(SEARCH_INDEX_PREFIX="staging_")
def test_index_names_carry_the_environment_prefix():
    assert alias_name() == "staging_innovations"
    assert build_search(SearchQuery(text=""), QueryPlan(groups=[]))._index == ["staging_innovations"]


def test_query_body_has_groups_tiers_weights_and_paging():
    body = build_search(SearchQuery(text="kesehtan desa", page=3, per_page=10), PLAN).to_dict()
    should = body["query"]["bool"]["should"]
    assert body["query"]["bool"]["minimum_should_match"] == 1
    groups = [c["multi_match"] for c in should if "multi_match" in c]
    assert [g["query"] for g in groups] == ["kesehtan sehat", "desa"]
    assert groups[0]["fields"] == ["title_terms^10", "summary_terms^4", "body_terms"]
    tiers = [c["bool"] for c in should if "bool" in c]
    assert [t["boost"] for t in tiers] == [1000.0, 100.0, 300.0]
    assert [m["multi_match"]["query"] for m in tiers[0]["must"]] == ["kesehtan", "desa"]
    # an exact title or acronym match sits between the tiers and the BM25 score
    assert tiers[2]["should"] == [{"term": {"title_key": "kesehtan desa"}}, {"term": {"acronym_key": "kesehtan desa"}}]
    assert body["from"] == 20 and body["size"] == 10 and body["track_total_hits"] is True
    # relevance, then the same tie-breaks as the embedded engine: award tier, recency, title; never the id
    assert body["sort"] == ["_score", {"award_score": "desc"}, {"published_at": {"order": "desc", "missing": "_last"}},
                            {"title_sort": "asc"}]


def test_filters_are_post_filters_and_each_facet_excludes_its_own_filter():
    query = SearchQuery(text="desa", filters={"kategori": ["kesehatan"], "hub": ["sulawesi-utara"], "bogus": ["x"]})
    body = build_search(query, PLAN).to_dict()
    post = body["post_filter"]["bool"]["filter"]
    assert {"terms": {"kategori": ["kesehatan"]}} in post and {"terms": {"hub": ["sulawesi-utara"]}} in post
    assert len(post) == 2  # unknown fields are dropped
    kategori_agg = body["aggs"]["facet_kategori"]
    assert kategori_agg["filter"]["bool"]["filter"] == [{"terms": {"hub": ["sulawesi-utara"]}}]
    assert kategori_agg["aggs"]["values"]["terms"]["field"] == "kategori"
    assert body["aggs"]["facet_status"]["filter"]["bool"]["filter"] == post


@pytest.mark.parametrize("sort, first", [("terbaru", {"year_started": "desc"}), ("judul", {"title_sort": "asc"}),
                                         ("terverifikasi", {"last_verified": {"order": "desc", "missing": "_last"}}),
                                         ("replikasi", {"replication_count": "desc"})])
def test_sorts(sort, first):
    assert build_search(SearchQuery(text="desa", sort=sort), PLAN).to_dict()["sort"][0] == first


def test_replication_facet_and_mapping():
    body = build_search(SearchQuery(text="desa", filters={"replikasi": ["1-2"]}), PLAN).to_dict()
    assert {"terms": {"replikasi": ["1-2"]}} in body["post_filter"]["bool"]["filter"]
    assert body["aggs"]["facet_replikasi"]["aggs"]["values"]["terms"]["field"] == "replikasi"
    mapping = InnovationDocument._doc_type.mapping.to_dict()["properties"]
    assert mapping["replikasi"] == {"type": "keyword"} and mapping["replication_count"] == {"type": "integer"}


def _matching(body):
    """The matching part of an autocomplete body, inside its ranking (function_score)."""
    return body["query"]["function_score"]["query"]["bool"]["must"][0]


def test_autocomplete_ranks_like_the_embedded_engine():
    score = build_autocomplete("SADELPOS", 8).to_dict()["query"]["function_score"]
    assert score["boost_mode"] == "sum"
    assert [f["field_value_factor"]["field"] for f in score["functions"]] == ["award_score", "replication_count"]
    assert score["query"]["bool"]["should"][:2] == [{"term": {"acronym_key": {"value": "sadelpos", "boost": 1000}}},
                                                    {"term": {"title_key": {"value": "sadelpos", "boost": 1000}}}]


def test_autocomplete_and_similar_bodies():
    auto = build_autocomplete("akta kel", 8).to_dict()
    word_start, inside = _matching(auto)["bool"]["should"]
    assert _matching(auto)["bool"]["minimum_should_match"] == 1
    assert word_start["multi_match"]["type"] == "bool_prefix" and word_start["multi_match"]["boost"] == 2
    assert "suggest._2gram" in word_start["multi_match"]["fields"] and auto["size"] == SUGGESTION_CANDIDATES
    assert inside["bool"]["filter"] == [
        {"wildcard": {"suggest_infix": {"value": "*akta*", "case_insensitive": True}}},
        {"wildcard": {"suggest_infix": {"value": "*kel*", "case_insensitive": True}}},
    ]


def test_autocomplete_inside_words_is_lower_case_and_keeps_short_words_at_word_starts():
    auto = build_autocomplete("Di LAHIR", 8).to_dict()
    short, long_word = _matching(auto)["bool"]["should"][1]["bool"]["filter"]
    assert long_word == {"wildcard": {"suggest_infix": {"value": "*lahir*", "case_insensitive": True}}}
    assert [w["wildcard"]["suggest_infix"]["value"] for w in short["bool"]["should"]] == ["di*", "* di*"]
    mapping = InnovationDocument._doc_type.mapping.to_dict()["properties"]
    assert mapping["suggest_infix"] == {"type": "wildcard"}
    short = build_autocomplete("ak", 8).to_dict()
    assert "multi_match" in _matching(short)  # two letters: word starts only
    similar = build_similar(42, 4).to_dict()
    assert similar["query"]["more_like_this"]["like"] == [{"_index": alias_name(), "_id": "42"}]


def test_parse_response_gives_the_common_result_shape():
    raw = {
        "hits": {"total": {"value": 31, "relation": "eq"}, "hits": [
            {"_id": "7", "_score": 12.5, "_source": {"title": "Desa Sehat Mandiri", "summary": "Warga desa hidup sehat.", "body": ""}},
        ]},
        "aggregations": {"facet_kategori": {"doc_count": 31, "values": {"buckets": [{"key": "kesehatan", "doc_count": 12}]}}},
    }
    results = parse_response(raw, SearchQuery(text="desa", facets=("kategori",), filters={"kategori": ["pendidikan"]}, per_page=10), PLAN)
    assert results.total == 31 and results.hits[0].id == 7 and results.engine == "elasticsearch"
    assert results.hits[0].highlights["title"] == "<mark>Desa</mark> <mark>Sehat</mark> Mandiri"  # sehat: the typo group
    assert results.facets["kategori"] == {"kesehatan": 12, "pendidikan": 0}
    assert results.suggestion == "kesehatan desa"


def test_document_from_index_document_serialises(db, hub_a, hub_b):
    from search.indexing import iter_documents

    build_corpus(hub_a, hub_b)
    doc = next(iter_documents(chunk_size=1))[0]
    data = InnovationDocument.from_index_document(doc).to_dict(include_meta=True)
    assert data["_id"] == doc.id
    assert data["_source"]["title_terms"] == doc.title_terms
    assert data["_source"]["suggest_infix"] == data["_source"]["suggest"]
    json.dumps(data, default=str)


@pytest.fixture
def unreachable_elasticsearch(settings):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"  # the discard port: connection refused
    settings.ELASTICSEARCH_TIMEOUT = 1
    reset_engine()
    yield
    settings.ELASTICSEARCH_URL = None
    reset_engine()


@pytest.mark.django_db
def test_unreachable_cluster_falls_back_to_the_embedded_engine(unreachable_elasticsearch, hub_a, hub_b, client, caplog):
    pages = build_corpus(hub_a, hub_b)
    engine = get_engine()
    assert isinstance(engine, FallbackEngine) and isinstance(engine.primary, ElasticsearchEngine)
    EmbeddedEngine().rebuild()
    results = engine.search(SearchQuery(text="sadelpos"))
    assert results.degraded and results.engine == "embedded"
    assert results.hits[0].id == pages["sadelpos"].pk
    assert "Elasticsearch search failed" in caplog.text
    response = client.get("/cari/?q=sadelpos")
    assert response.status_code == 200 and b"Samsat Delivery Pos" in response.content
    health = client.get("/kesehatan/").json()
    assert health["status"] == "degraded" and health["search"]["fallback"]["ok"] is True
    assert client.get("/api/cari/saran/?q=sadel").status_code == 200


def test_autocomplete_asks_for_agencies_and_tags_in_the_same_request():
    auto = build_autocomplete("dinas kes", 8).to_dict()
    agencies, tags = auto["aggs"]["suggest_instansi"], auto["aggs"]["suggest_tag"]
    # every typed word in the agency's name or abbreviation; a short word at a word start only
    assert agencies["filter"]["bool"]["filter"] == [
        {"wildcard": {"agency_suggest": {"value": "*dinas*", "case_insensitive": True}}},
        {"wildcard": {"agency_suggest": {"value": "*kes*", "case_insensitive": True}}},
    ]
    assert agencies["aggs"]["values"]["terms"]["field"] == "agency_pair"
    assert tags["filter"]["bool"]["filter"][1] == {"wildcard": {"tag_suggest": {"value": "*kes*", "case_insensitive": True}}}
    assert tags["aggs"]["values"]["terms"]["field"] == "tag_pairs"
    assert auto["_source"] == ["title", "acronym", "url", "award_score", "replication_count"]
    short = build_autocomplete("pe ka", 8).to_dict()["aggs"]["suggest_tag"]["filter"]["bool"]["filter"]
    assert [w["wildcard"]["tag_suggest"]["value"] for w in short[0]["bool"]["should"]] == ["pe*", "* pe*"]
    mapping = InnovationDocument._doc_type.mapping.to_dict()["properties"]
    assert mapping["agency_pair"] == mapping["tag_pairs"] == {"type": "keyword"}
    assert mapping["agency_suggest"] == mapping["tag_suggest"] == {"type": "wildcard"}


@pytest.mark.django_db
def test_index_documents_carry_their_agency_and_tags_for_suggestions(hub_a, hub_b):
    from search.indexing import iter_documents

    corpus = build_corpus(hub_a, hub_b)
    doc = next(d for chunk in iter_documents([corpus["pahala"].pk]) for d in chunk)
    es = InnovationDocument.from_index_document(doc).to_dict()
    assert es["agency_pair"] == "Pemerintah Kota Manado\tPemkot Manado"
    assert es["agency_suggest"] == "Pemerintah Kota Manado Pemkot Manado"
    assert sorted(es["tag_pairs"]) == ["adminduk\tadminduk", "jemput-bola\tjemput bola"]


def _response_from(suggestions):
    """The response Elasticsearch gives for an autocomplete whose candidates are these embedded
    suggestion rows: innovations as hits, agencies and tags as terms buckets counting their
    innovations (the embedded weight)."""
    hits, buckets = [], {"instansi": [], "tag": []}
    for row in suggestions:
        if row.kind == "inovasi":
            acronym, _sep, title = row.label.partition(": ") if ": " in row.label else ("", "", row.label)
            hits.append({"_id": row.key, "_score": 1.0, "_source": {"title": title, "acronym": acronym, "url": row.url,
                                                                    "award_score": row.weight, "replication_count": 0}})
        elif row.kind == "instansi":
            buckets["instansi"].append({"key": f"{row.label}\t{row.extra}", "doc_count": row.weight})
        else:
            buckets["tag"].append({"key": f"{row.url.strip('/').rsplit('/', 1)[-1]}\t{row.label}", "doc_count": row.weight})
    return {"hits": {"hits": hits},
            "aggregations": {f"suggest_{kind}": {"values": {"buckets": found}} for kind, found in buckets.items()}}


@pytest.mark.django_db
@pytest.mark.parametrize("typed", ["sadel", "akta kel", "lahir", "pemkot", "manado", "jemput", "adminduk", "kota", "pe",
                                   "layan", "jatim"])
def test_elasticsearch_suggestions_rank_and_merge_exactly_as_the_embedded_engine(hub_a, hub_b, typed):
    from search.models import SearchSuggestion

    build_corpus(hub_a, hub_b)
    embedded = EmbeddedEngine()
    embedded.rebuild()
    expected = embedded.autocomplete(typed, limit=6)
    assert expected
    # every suggestion row, in an order unlike the embedded one: the parser ranks them itself
    rows = list(SearchSuggestion.objects.order_by("-pk"))
    found = search_suggestions(_response_from(rows), typed, 6)
    assert [(s.kind, s.label, s.url) for s in found] == [(s.kind, s.label, s.url) for s in expected]


def test_elasticsearch_suggestions_put_innovations_first_then_agencies_and_tags_by_weight():
    response = {
        "hits": {"hits": [
            {"_id": str(i), "_source": {"title": f"Kesehatan Keliling {i}", "acronym": "", "url": f"/i/{i}/",
                                        "award_score": i * 100, "replication_count": 0}} for i in range(1, 8)]},
        "aggregations": {
            "suggest_instansi": {"values": {"buckets": [
                {"key": "Dinas Kesehatan Kota Manado\tDinkes Manado", "doc_count": 3},
                {"key": "Dinas Kesehatan Provinsi Jawa Timur\tDinkes Jatim", "doc_count": 9},
                {"key": "Dinas Sosial\tDinsos", "doc_count": 40},  # no "kes" in it: dropped
            ]}},
            "suggest_tag": {"values": {"buckets": [{"key": "kesehatan-ibu\tkesehatan ibu", "doc_count": 5},
                                                   {"key": "kesehatan\tkesehatan", "doc_count": 2}]}},
        },
    }
    # innovations first, by weight; the slot left goes to the heavier agency
    found = search_suggestions(response, "kes", 8)
    assert [s.kind for s in found] == ["inovasi"] * 7 + ["instansi"]
    assert [s.url for s in found[:3]] == ["/i/7/", "/i/6/", "/i/5/"]
    assert found[7].label == "Dinas Kesehatan Provinsi Jawa Timur"
    found = search_suggestions(response, "kes", 20)[7:]
    assert [s.kind for s in found] == ["instansi", "instansi", "tag", "tag"]
    assert [s.label for s in found[:2]] == ["Dinas Kesehatan Provinsi Jawa Timur", "Dinas Kesehatan Kota Manado"]
    assert found[0].url == "/cari/?q=Dinas+Kesehatan+Provinsi+Jawa+Timur&kirim=1"
    assert [s.url for s in found[2:]] == ["/inovasi/tag/kesehatan-ibu/", "/inovasi/tag/kesehatan/"]  # by weight
    # the whole label typed ranks first, whatever its weight
    assert [s.url for s in search_suggestions(response, "kesehatan", 20) if s.kind == "tag"] == [
        "/inovasi/tag/kesehatan/", "/inovasi/tag/kesehatan-ibu/"]
