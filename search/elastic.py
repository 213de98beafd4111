"""The Elasticsearch engine, and the fallback that keeps search up when the cluster is not.

Query bodies are built by ``build_search`` (pure: a SearchQuery and a QueryPlan in, an
elasticsearch-dsl ``Search`` out) and answers are read by ``parse_response``, so the tests check
the exact bodies with ``to_dict()`` without a cluster, and tests/search/test_live_elasticsearch.py
runs the behavioural suite against a real cluster when ``ELASTICSEARCH_URL`` is set.

Semantics match the embedded engine: each query word is a group (exact stem, typo stems); a
document must match at least one group; matching every group exactly, then every group at all,
earns large constant boosts (the ranking tiers); field weights title 10, summary 4, body 1.
Filters go in ``post_filter`` and each facet is a ``filter`` aggregation with every filter but
its own, which gives the same multi-select counts as the embedded engine.
"""
import logging
import time
import uuid

from django.conf import settings
from django.core.cache import cache
from elasticsearch.dsl import A, Q, Search

from . import breaker
from .base import Hit, SearchQuery, SearchResults, Suggestion
from .documents import InnovationDocument, alias_name, concrete_index
from .highlight import highlights_for
from .indexing import iter_documents
from .query import clean_filters, clean_sort, plan_query
from .ranking import FIELD_BOOSTS

logger = logging.getLogger(__name__)

FIELDS = [f"{name}^{boost}" if boost != 1 else name for name, boost in FIELD_BOOSTS.items()]
#: the ranking tiers, and the exact title/acronym match between them and the BM25 score
TIER_BOOST = {"exact": 1000.0, "title": 300.0, "all": 100.0}
#: after the score: award tier, recency, title (search.ranking.TIE_BREAKS)
RELEVANCE_TIE_BREAKS = ["_score", {"award_score": "desc"}, {"published_at": {"order": "desc", "missing": "_last"}},
                        {"title_sort": "asc"}]
FACET_SIZE = 200
SORT_CLAUSES = {
    "terbaru": [{"year_started": "desc"}, {"title_sort": "asc"}],
    "terverifikasi": [{"last_verified": {"order": "desc", "missing": "_last"}}, {"title_sort": "asc"}],
    "judul": [{"title_sort": "asc"}],
    "replikasi": [{"replication_count": "desc"}, *RELEVANCE_TIE_BREAKS],
}
DEGRADED_KEY = "search:degraded"


def _group_query(stems):
    """One term group: its one-word forms in one query, each several-word form as a phrase (the
    vocabulary's synonym filter expands both, see search.documents)."""
    words = [s for s in stems if " " not in s]
    phrases = [Q("multi_match", query=s, fields=FIELDS, type="phrase") for s in stems if " " in s]
    clauses = ([Q("multi_match", query=" ".join(words), fields=FIELDS, type="best_fields", operator="or")] if words else []) + phrases
    return clauses[0] if len(clauses) == 1 else Q("bool", should=clauses, minimum_should_match=1)


def _filter_clauses(filters, skip=None):
    return [Q("terms", **{name: values}) for name, values in filters.items() if name != skip]


def build_search(query: SearchQuery, plan, index=None) -> Search:
    """The Search for a query: text, tiers, filters, facets, sort and page."""
    filters = clean_filters(query.filters)
    sort = clean_sort(query.sort, bool(plan.groups))
    search = Search(index=index or alias_name())
    if plan.groups:
        should = [_group_query(g.stems) for g in plan.groups]
        tiers = [
            Q("bool", must=[_group_query([g.exact]) for g in plan.groups], boost=TIER_BOOST["exact"]),
            Q("bool", must=[_group_query(g.stems) for g in plan.groups], boost=TIER_BOOST["all"]),
            Q("bool", should=[Q("term", title_key=plan.key), Q("term", acronym_key=plan.key)], minimum_should_match=1,
              boost=TIER_BOOST["title"]),
        ]
        search = search.query(Q("bool", should=should + tiers, minimum_should_match=1))
    else:
        search = search.query(Q("match_all"))
    if filters:
        search = search.post_filter(Q("bool", filter=_filter_clauses(filters)))
    for name in query.facets:
        others = _filter_clauses(filters, skip=name)
        bucket = A("filter", Q("bool", filter=others) if others else Q("match_all"))
        bucket.bucket("values", A("terms", field=name, size=FACET_SIZE))
        search.aggs.bucket(f"facet_{name}", bucket)
    if sort in SORT_CLAUSES:
        search = search.sort(*SORT_CLAUSES[sort])
    elif plan.groups:
        search = search.sort(*RELEVANCE_TIE_BREAKS)
    elif sort != "relevansi" or not plan.groups:
        search = search.sort(*SORT_CLAUSES["terbaru"])
    per_page = max(1, min(query.per_page, 100))
    page = max(1, query.page)
    search = search.extra(track_total_hits=True)
    search = search.source(["title", "summary", "body"])
    return search[(page - 1) * per_page: page * per_page]


def parse_response(data: dict, query: SearchQuery, plan) -> SearchResults:
    """SearchResults from a raw Elasticsearch response body (a dict)."""
    filters = clean_filters(query.filters)
    per_page = max(1, min(query.per_page, 100))
    total = data.get("hits", {}).get("total", {}).get("value", 0)
    stems = plan.all_stems
    hits, memo = [], {}
    for raw in data.get("hits", {}).get("hits", []):
        source = raw.get("_source", {})
        hits.append(Hit(id=int(raw["_id"]), score=float(raw.get("_score") or 0.0),
                        highlights=highlights_for(source, stems, memo) if query.highlight and stems else {}))
    facets = {}
    for name in query.facets:
        buckets = data.get("aggregations", {}).get(f"facet_{name}", {}).get("values", {}).get("buckets", [])
        counts = {str(b["key"]): b["doc_count"] for b in buckets if b["doc_count"]}
        for value in filters.get(name, ()):
            counts.setdefault(value, 0)
        facets[name] = dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))
    last_page = max(1, -(-total // per_page))
    return SearchResults(hits=hits, total=total, page=min(max(1, query.page), last_page), per_page=per_page,
                         facets=facets, suggestion=plan.suggestion, engine="elasticsearch")


#: as the embedded engine (search.embedded.INFIX_MIN): shorter words match only at word starts
INFIX_MIN = 3
#: innovations, and agency or tag values, read per autocomplete and ranked in Python exactly as
#: the embedded engine ranks its candidates (search.embedded.suggestion_rank)
SUGGESTION_CANDIDATES = 50
OTHER_CANDIDATES = 100


def _wildcard(pattern, field="suggest_infix"):
    return Q("wildcard", **{field: {"value": pattern, "case_insensitive": True}})


def _anywhere(word, field="suggest_infix"):
    return _wildcard(f"*{word}*", field)


def _word_start(word, field="suggest_infix"):
    """A short word matches only at the start of a word of the label (as in the embedded engine)."""
    return Q("bool", should=[_wildcard(f"{word}*", field), _wildcard(f"* {word}*", field)], minimum_should_match=1)


def _every_word(words, field):
    return Q("bool", filter=[_anywhere(w, field) if len(w) >= INFIX_MIN else _word_start(w, field) for w in words])


def build_autocomplete(prefix: str, limit: int, index=None) -> Search:
    """Innovations by word starts (search-as-you-type) or every typed word inside the label's
    text ("lahir" finds "Akta Kelahiran" and "SIPKELAHIRAN"), as the embedded engine matches;
    and, in the same request, agencies and tags whose name (or abbreviation) holds every typed
    word: a terms aggregation over the innovations carrying them, whose counts are the embedded
    engine's weights. ``search_suggestions`` ranks what comes back."""
    from .analysis import tokenize

    word_start = Q("multi_match", query=prefix, type="bool_prefix", fields=["suggest", "suggest._2gram", "suggest._3gram"],
                   boost=2)
    words = tokenize(prefix)[:6]
    if words and len(words[-1]) >= INFIX_MIN:
        query = Q("bool", should=[word_start, _every_word(words, "suggest_infix")], minimum_should_match=1)
    else:
        query = word_start
    # the candidates come in nearly the embedded engine's order (the whole title or acronym,
    # then a title or acronym starting with the text, then the weight: award tier and public
    # replications, as search.embedded.suggestion_weight); Python puts them in exactly that order
    typed = " ".join(words)
    ranked = Q("bool", must=[query], should=[
        Q("term", acronym_key={"value": typed, "boost": 1000}), Q("term", title_key={"value": typed, "boost": 1000}),
        Q("prefix", acronym_key={"value": typed, "boost": 100}), Q("prefix", title_key={"value": typed, "boost": 100}),
    ])
    weighted = Q("function_score", query=ranked, boost_mode="sum", score_mode="sum", functions=[
        {"field_value_factor": {"field": "award_score", "factor": 0.01, "missing": 0}},
        {"field_value_factor": {"field": "replication_count", "factor": 0.5, "missing": 0}},
    ])
    search = Search(index=index or alias_name()).query(weighted)
    search = search.source(["title", "acronym", "url", "award_score", "replication_count"])
    if words:
        for kind, text_field, pair_field in (("instansi", "agency_suggest", "agency_pair"), ("tag", "tag_suggest", "tag_pairs")):
            bucket = A("filter", _every_word(words, text_field))
            bucket.bucket("values", A("terms", field=pair_field, size=OTHER_CANDIDATES))
            search.aggs.bucket(f"suggest_{kind}", bucket)
    return search[: max(limit, SUGGESTION_CANDIDATES)]


def search_suggestions(data: dict, prefix: str, limit: int) -> list[Suggestion]:
    """The suggestions of an autocomplete response, ranked and merged as the embedded engine
    does: each kind by ``suggestion_rank`` (the whole label, its start, a word start, inside a
    word; then weight), innovations first, agencies and tags in the slots left."""
    from urllib.parse import quote_plus

    from .analysis import tokenize
    from .documents import PAIR
    from .embedded import label_matches, merge_suggestions, suggestion_rank, suggestion_weight_of

    words = tokenize(prefix)[:6]
    typed = " ".join(words)
    innovations = []
    for raw in data.get("hits", {}).get("hits", []):
        source = raw["_source"]
        title, acronym = source.get("title", ""), source.get("acronym") or ""
        label = f"{acronym}: {title}" if acronym and acronym.lower() not in title.lower() else title
        matches, inside = label_matches(words, label)
        if not matches:
            continue  # the embedded engine would not offer it either
        weight = suggestion_weight_of(source.get("award_score") or 0, source.get("replication_count") or 0)
        innovations.append((suggestion_rank(typed, label, inside, weight),
                            Suggestion(kind="inovasi", label=label[:300], url=source["url"], id=int(raw["_id"]))))
    others = {"instansi": [], "tag": []}
    for kind, found in others.items():
        buckets = data.get("aggregations", {}).get(f"suggest_{kind}", {}).get("values", {}).get("buckets", [])
        for bucket in buckets:
            first, _sep, second = str(bucket["key"]).partition(PAIR)
            if kind == "instansi":
                label, extra, url = first, second, f"/cari/?q={quote_plus(first[:80])}&kirim=1"
            else:
                label, extra, url = second, "", f"/inovasi/tag/{first}/"
            matches, inside = label_matches(words, f"{label} {extra}")
            if matches:
                found.append((suggestion_rank(typed, label, inside, bucket["doc_count"]),
                                     Suggestion(kind=kind, label=label[:300], url=url)))
    ranked = {kind: [s for _rank, s in sorted(found, key=lambda item: item[0])]
              for kind, found in [("inovasi", innovations), *others.items()]}
    return merge_suggestions(ranked["inovasi"], ranked["instansi"], ranked["tag"], limit)


def build_similar(innovation_id: int, limit: int, index=None) -> Search:
    search = Search(index=index or alias_name()).query(
        Q("more_like_this", fields=["title_terms", "summary_terms", "body_terms"],
          like=[{"_index": index or alias_name(), "_id": str(innovation_id)}], min_term_freq=1, min_doc_freq=1,
          max_query_terms=25)
    )
    return search.source(False)[:limit]


class ElasticsearchEngine:
    name = "elasticsearch"

    def __init__(self, url=None, timeout=None):
        from elasticsearch import Elasticsearch

        options = {}
        if settings.ELASTICSEARCH_API_KEY:
            options["api_key"] = settings.ELASTICSEARCH_API_KEY
        if settings.ELASTICSEARCH_CA_CERTS:
            options["ca_certs"] = settings.ELASTICSEARCH_CA_CERTS
        self.client = Elasticsearch(
            url or settings.ELASTICSEARCH_URL,
            request_timeout=timeout or settings.ELASTICSEARCH_TIMEOUT,
            max_retries=0, retry_on_timeout=False, **options,
        )

    def _fragment_client(self):
        """Autocomplete and page fragments (similar innovations) wait less than a search page:
        a fragment that is late is worth less than the page it sits in."""
        return self.client.options(request_timeout=settings.ELASTICSEARCH_FRAGMENT_TIMEOUT)

    def search(self, query: SearchQuery) -> SearchResults:
        plan = plan_query(query.text, expand=False)  # the index's synonym filter expands
        body = build_search(query, plan).to_dict()
        response = self.client.search(index=alias_name(), body=body)
        return parse_response(response.body, query, plan)

    def autocomplete(self, prefix: str, limit: int = 8) -> list[Suggestion]:
        if len(prefix.strip()) < 2:
            return []
        response = self._fragment_client().search(index=alias_name(), body=build_autocomplete(prefix, limit).to_dict())
        return search_suggestions(response.body, prefix, limit)

    def similar(self, innovation_id: int, limit: int = 4) -> list[int]:
        response = self._fragment_client().search(index=alias_name(), body=build_similar(innovation_id, limit).to_dict())
        return [int(raw["_id"]) for raw in response.body["hits"]["hits"]]

    def _bulk(self, documents, index):
        from elasticsearch.helpers import bulk

        actions = (InnovationDocument.from_index_document(doc).to_dict(include_meta=True) | {"_index": index} for doc in documents)
        bulk(self.client, actions, chunk_size=settings.SEARCH_BULK_CHUNK_SIZE, refresh=False)

    def index(self, ids):
        live = set()
        for documents in iter_documents([int(i) for i in ids]):
            self._bulk(documents, alias_name())
            live.update(doc.id for doc in documents)
        gone = [i for i in ids if int(i) not in live]
        if gone:
            self.delete(gone)

    def delete(self, ids):
        from elasticsearch.helpers import bulk

        actions = ({"_op_type": "delete", "_index": alias_name(), "_id": str(i)} for i in ids)
        bulk(self.client, actions, raise_on_error=False)

    def rebuild(self, chunk_size=1000, progress=None) -> int:
        """Fill a new concrete index, then point the alias at it atomically and drop the old one."""
        alias = alias_name()
        new_name = f"{alias}-{time.strftime('%Y%m%d%H%M%S')}-{uuid.uuid4().hex[:6]}"
        concrete_index(new_name).create(using=self.client)
        total = 0
        for documents in iter_documents(chunk_size=chunk_size):
            self._bulk(documents, new_name)
            total += len(documents)
            if progress:
                progress(len(documents))
        self.client.indices.refresh(index=new_name)
        old = list(self.client.indices.get_alias(name=alias).body) if self.client.indices.exists_alias(name=alias) else []
        actions = [{"remove": {"index": name, "alias": alias}} for name in old] + [{"add": {"index": new_name, "alias": alias}}]
        self.client.indices.update_aliases(actions=actions)
        for name in old:
            self.client.indices.delete(index=name, ignore_unavailable=True)
        return total

    def _index_meta(self, key):
        """A version the alias's index records in its mapping's ``_meta`` (None without an index)."""
        alias = alias_name()
        if not self.client.indices.exists_alias(name=alias):
            return None
        mappings = self.client.indices.get_mapping(index=alias).body
        return max((m.get("mappings", {}).get("_meta", {}).get(key, 0) for m in mappings.values()), default=0)

    def index_vocabulary_version(self):
        """The vocabulary version the alias's index was built with (None without an index)."""
        return self._index_meta("vocabulary_version")

    def index_stemmer_version(self):
        """The stemmer version whose terms the alias's index holds (None without an index)."""
        return self._index_meta("stemmer_version")

    def vocabulary_changed(self, version) -> bool:
        """Rebuild (new index, alias swap) when the index's synonym filter is older than ``version``."""
        built = self.index_vocabulary_version()
        if built is not None and built >= version:
            return False
        self.rebuild()
        return True

    def stemmer_changed(self, version) -> bool:
        """Rebuild (new index, alias swap) when the indexed terms are older than stemmer ``version``."""
        built = self.index_stemmer_version()
        if built is not None and built >= version:
            return False
        self.rebuild()
        return True

    def count(self) -> int:
        return self.client.count(index=alias_name()).body["count"]

    def health(self) -> dict:
        health = self.client.options(request_timeout=2).cluster.health().body
        return {"engine": self.name, "ok": health.get("status") in ("green", "yellow"), "cluster": health.get("status"),
                "documents": self.count()}


class FallbackEngine:
    """Elasticsearch first; the embedded engine answers whenever it fails.

    Reads fall back with a logged warning and ``degraded=True``; the time of the last failure is
    kept in the cache so the health endpoint can report the degradation. Writes go to both
    engines, so the fallback is current; a primary failure is raised after the fallback has been
    updated, so the Celery task retries it.
    """

    name = "elasticsearch"

    def __init__(self, primary, fallback):
        self.primary = primary
        self.fallback = fallback

    def _degrade(self, action, exc):
        logger.warning("Elasticsearch %s failed, the embedded engine answers: %s", action, exc)
        cache.set(DEGRADED_KEY, {"since": time.time(), "error": str(exc)[:200]}, timeout=300)
        breaker.failure()

    def _read(self, action, primary_call, fallback_call):
        """A read through the circuit breaker: the cluster when allowed, else (or on failure)
        the embedded engine; returns (result, degraded)."""
        if not breaker.allow():
            return fallback_call(), True
        try:
            result = primary_call()
        except Exception as exc:  # noqa: BLE001 -- any cluster failure falls back to the embedded engine
            self._degrade(action, exc)
            return fallback_call(), True
        breaker.success()
        return result, False

    def search(self, query):
        results, degraded = self._read("search", lambda: self.primary.search(query), lambda: self.fallback.search(query))
        if degraded:
            results.degraded = True
        return results

    def autocomplete(self, prefix, limit=8):
        return self._read("autocomplete", lambda: self.primary.autocomplete(prefix, limit),
                          lambda: self.fallback.autocomplete(prefix, limit))[0]

    def similar(self, innovation_id, limit=4):
        return self._read("similar", lambda: self.primary.similar(innovation_id, limit),
                          lambda: self.fallback.similar(innovation_id, limit))[0]

    def index(self, ids):
        self.fallback.index(ids)
        self.primary.index(ids)

    def delete(self, ids):
        self.fallback.delete(ids)
        self.primary.delete(ids)

    def rebuild(self, chunk_size=1000, progress=None):
        self.fallback.rebuild(chunk_size=chunk_size)
        return self.primary.rebuild(chunk_size=chunk_size, progress=progress)

    def vocabulary_changed(self, version):
        self.fallback.vocabulary_changed(version)
        return self.primary.vocabulary_changed(version)

    def stemmer_changed(self, version):
        self.fallback.stemmer_changed(version)
        return self.primary.stemmer_changed(version)

    def count(self):
        return self.primary.count()

    def health(self):
        if breaker.state()["state"] == "open":
            # the probe would wait for the cluster that the breaker already knows is sick
            report = {"engine": self.name, "ok": False, "error": "circuit breaker open"}
        else:
            try:
                report = self.primary.health()
            except Exception as exc:  # noqa: BLE001 -- any cluster failure falls back to the embedded engine
                self._degrade("health", exc)
                report = {"engine": self.name, "ok": False, "error": str(exc)[:200]}
        degraded = cache.get(DEGRADED_KEY)
        report["breaker"] = breaker.state()
        report["fallback"] = self.fallback.health()
        report["degraded"] = bool(degraded) or not report.get("ok")
        return report
