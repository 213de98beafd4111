"""Elasticsearch documents (elasticsearch-dsl), one per indexed model: innovations.

The mapping is explicit. The ``*_terms`` fields hold the Sastrawi stems computed in Python
(search.analysis) and use the whitespace analyzer, so Elasticsearch and the embedded engine
match exactly the same words; display fields are stored for snippets; facets are keywords;
``suggest`` is a search-as-you-type field for autocomplete.

Index names carry the environment prefix (``SEARCH_INDEX_PREFIX``): the alias
``<prefix>innovations`` (default ``jippnas_innovations``) points at one concrete index
``<prefix>innovations-<timestamp>``; a
rebuild fills a new concrete index and swaps the alias in one atomic call.
"""
from django.conf import settings
from elasticsearch.dsl import (
    Date,
    Document,
    Index,
    Integer,
    Keyword,
    Mapping,
    SearchAsYouType,
    Text,
    Wildcard,
    analyzer,
    token_filter,
)

from innovations.filter_registry import SEARCH_FILTERS

#: separates the two parts of agency_pair and tag_pairs values
PAIR = "\t"
INDEX_SETTINGS = {"number_of_shards": 1, "number_of_replicas": 1, "max_result_window": 20000}
#: the search analyzer of the term fields: whitespace, then the public-service vocabulary
QUERY_ANALYZER = "jippnas_query"


def query_analyzer(rules):
    """Whitespace tokens (the stems computed in Python) and a synonym_graph filter holding the
    vocabulary's rules (search.vocabulary.Vocabulary.elasticsearch_rules)."""
    vocabulary = token_filter("jippnas_vocabulary", type="synonym_graph", synonyms=rules or ["jippnas => jippnas"],
                              lenient=True)
    return analyzer(QUERY_ANALYZER, tokenizer="whitespace", filter=[vocabulary])


def _facet_mapping() -> Mapping:
    """A keyword field per search facet; the document's own fields are added to it."""
    mapping = Mapping()
    for f in SEARCH_FILTERS:
        mapping.field(f.name, Keyword(multi=f.multi_valued))
    return mapping


def alias_name() -> str:
    return f"{settings.SEARCH_INDEX_PREFIX}innovations"


class InnovationDocument(Document):
    # stored for display and highlighting (snippets are marked in Python, as for the embedded engine)
    url = Keyword(index=False)
    title = Text(analyzer="standard", fields={"raw": Keyword(ignore_above=256)})
    acronym = Keyword()
    summary = Text(analyzer="standard")
    body = Text(analyzer="standard")
    agency = Text(analyzer="standard")
    # pre-analysed terms: what queries match
    title_terms = Text(analyzer="whitespace", search_analyzer=QUERY_ANALYZER)
    summary_terms = Text(analyzer="whitespace", search_analyzer=QUERY_ANALYZER)
    body_terms = Text(analyzer="whitespace", search_analyzer=QUERY_ANALYZER)
    # facets: keywords, one per innovations.filter_registry.SEARCH_FILTERS (see Meta)
    hub_title = Keyword(index=False)
    # sorting
    year_started = Integer()
    last_verified = Date()
    published_at = Date()
    title_sort = Keyword()
    replication_count = Integer()
    # relevance tie-breaks (search.ranking)
    title_key = Keyword(ignore_above=255)
    acronym_key = Keyword(ignore_above=100)
    award_score = Integer()
    # autocomplete
    suggest = SearchAsYouType(analyzer="standard")
    # autocomplete inside words ("lahir" finds "Kelahiran", "SIPKELAHIRAN"): the same text in a
    # wildcard field, queried case-insensitively with *word*
    suggest_infix = Wildcard()
    # agency and tag suggestions (search.elastic.build_autocomplete): the text they are found by,
    # and what a suggestion shows, as one keyword a terms aggregation counts innovations of
    # (the embedded engine's weight): "name<TAB>abbreviation" and "slug<TAB>name"
    agency_suggest = Wildcard()
    agency_pair = Keyword()
    tag_suggest = Wildcard(multi=True)
    tag_pairs = Keyword(multi=True)

    class Meta:
        mapping = _facet_mapping()

    @classmethod
    def from_index_document(cls, doc, index=None):
        """An InnovationDocument from the engine-neutral IndexDocument."""
        suggest = f"{doc.acronym} {doc.title}".strip() if doc.acronym and doc.acronym.lower() not in doc.title.lower() else doc.title
        return cls(
            meta={"id": doc.id, **({"index": index} if index else {})},
            url=doc.url, title=doc.title, acronym=doc.acronym, summary=doc.summary, body=doc.body,
            agency=doc.agency, title_terms=doc.title_terms, summary_terms=doc.summary_terms,
            body_terms=doc.body_terms, hub_title=doc.hub_title, **doc.facets, year_started=doc.year_started,
            last_verified=doc.last_verified, published_at=doc.published_at, title_sort=doc.title_sort[:255],
            replication_count=doc.replication_count, title_key=doc.title_key, acronym_key=doc.acronym_key,
            award_score=doc.award_score, suggest=suggest, suggest_infix=suggest,
            agency_suggest=f"{doc.agency_name} {doc.agency_abbreviation}".strip() if doc.agency_name else None,
            agency_pair=f"{doc.agency_name}{PAIR}{doc.agency_abbreviation}" if doc.agency_name else None,
            tag_suggest=list(doc.tag_names),
            tag_pairs=[f"{slug}{PAIR}{name}" for slug, name in zip(doc.facets["tag"], doc.tag_names)],
        )


def concrete_index(name: str, vocabulary=None, version=None) -> Index:
    """An Index object for a concrete (timestamped) index with our mapping and settings, and the
    synonym filter of the vocabulary (the current one unless given) with its version in the
    mapping's ``_meta``, which tells when the index must be rebuilt; the stemmer version of the
    terms it will hold is recorded there too (search.stemmer_version)."""
    from .stemmer_version import current_version as stemmer_version
    from .vocabulary import current_version, current_vocabulary

    if vocabulary is None:
        vocabulary, version = current_vocabulary(), current_version()
    index = Index(name)
    index.settings(**INDEX_SETTINGS)
    index.analyzer(query_analyzer(vocabulary.elasticsearch_rules()))
    index.document(InnovationDocument)
    index.mapping(Mapping().meta("_meta", vocabulary_version=version or 0, stemmer_version=stemmer_version()))
    return index
