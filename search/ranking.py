"""The one relevance model of public search, as each engine spells it (docs/search.md).

Score: BM25-like, i.e. per query word (group) an inverse document frequency times a saturating,
length-normalised term frequency, summed; fields weigh title and acronym 10, summary 4, body 1.

- SQLite: FTS5's ``bm25()`` with those column weights (k1 1.2, b 0.75).
- PostgreSQL: per group ``idf * ts_rank(weights, vector, group, 1|32)``; the weights
  ``{D 0.1, C 0.2, B 0.4, A 1.0}`` give title (A) : summary (B) : body (D) = 10 : 4 : 1,
  normalisation 1 divides by the log of the document length and 32 saturates the frequency
  (``rank / (rank + 1)``), as BM25's k1 does; the idf is BM25's, from the document counts of
  the index vocabulary (``SearchWord``).
- Elasticsearch: BM25 (its default similarity) over ``title_terms^10, summary_terms^4,
  body_terms`` (search.elastic).

Order (every engine): ranking tier (every word matched exactly or through the public-service
vocabulary; every word matched, some through typo corrections; some words), then an exact match
of the whole query with the title or the acronym, then the score, then the best award tier,
then recency (first publication), then the title; the row id only makes the order total.
"""
import math
import re

SQLITE_SCORE = "-bm25(search_fts, 10.0, 4.0, 1.0)"
POSTGRES_WEIGHTS = "{0.1, 0.2, 0.4, 1.0}"
#: 1: divide by 1 + log(document length); 32: rank / (rank + 1)
POSTGRES_NORMALISATION = 1 | 32
FIELD_BOOSTS = {"title_terms": 10, "summary_terms": 4, "body_terms": 1}

#: ORDER BY terms after the ranking tiers; the two parameters are the query's match key
TIE_BREAKS = [
    "(e.title_key = %s OR e.acronym_key = %s) DESC",
    "score DESC",
    "e.award_score DESC",
    "e.published_at IS NULL",
    "e.published_at DESC",
    "e.title_sort",
    "e.id",
]


def idf(documents: int, total: int) -> float:
    """BM25's inverse document frequency (never negative)."""
    total = max(total, documents, 1)
    return math.log(1 + (total - documents + 0.5) / (documents + 0.5))


#: what a tsquery expression of ours may hold: stems ([0-9a-z]+, ``search.analysis``), spaces,
#: the operators & | ! <-> and parentheses, and the weights :A and :AB
_TSQUERY = re.compile(r"(?:[0-9a-z]++(?::AB?)?|[ ()|&!]|<->)++")


def tsquery_sql(expression):
    """``to_tsquery('simple', '...')`` with the expression written into the statement.

    Not a parameter because PostgreSQL prepares the statements a connection repeats
    (``DATABASE_PREPARED``), and a prepared statement's generic plan calls ``to_tsquery($1)``
    again for every row it scores or rechecks: a 2,000-document ranking window took 22 ms
    instead of 8. A literal is parsed once, when the statement is planned. Writing it in is safe
    because an expression holds only stems and operators: anything else (a quote above all)
    raises rather than being written."""
    if not _TSQUERY.fullmatch(expression):
        raise ValueError(f"not a tsquery expression of the search engine: {expression!r}")
    return f"to_tsquery('simple', '{expression}')"


def postgres_group_rank(group, expression):
    """A group's ``ts_rank`` on PostgreSQL (its part of the score before the idf): the same
    expression whether a statement scores the group or a pass stores it (search.embedded)."""
    query = tsquery_sql(expression([group.stems], "OR"))
    return f"ts_rank('{POSTGRES_WEIGHTS}', search_vector, {query}, {POSTGRES_NORMALISATION})"


def postgres_score(plan, expression, total):
    """The PostgreSQL score expression and its parameters for a query plan."""
    parts, params = [], []
    for group in plan.groups:
        parts.append(f"%s * {postgres_group_rank(group, expression)}")
        params.append(idf(group.documents, total))
    return "(" + " + ".join(parts) + ")", params


def combined_scores(weights, ranks, ids):
    """``postgres_score`` of documents ``ids`` computed in Python from each group's stored
    ``ts_rank`` (``ranks``: per group, an array indexed by id): the same float operations in
    the same order (idf times the float4 rank, summed left to right; 0.0 plus the first term is
    that term), so each equals what the statement returns to the last bit."""
    scores = [0.0] * len(ids)
    for weight, by_id in zip(weights, ranks):
        scores = [score + weight * by_id[pk] for score, pk in zip(scores, ids)]
    return scores
