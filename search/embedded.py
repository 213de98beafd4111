"""The embedded engine: full-text search inside the portal's own database.

SQLite uses FTS5 (``bm25`` with title 10, summary 4, body 1), PostgreSQL a weighted
``tsvector`` (``ts_rank``); both over the pre-analysed term fields of ``SearchEntry`` (see
search/migrations/0002_fulltext.py). One SQL query returns the id, score and ranking tier of
every matching document, and nothing else; filters, multi-select facet counts, sorting and
paging are bitset operations on the in-memory facet index (``search.facets``), identical on
both databases.
"""
import heapq
import logging
from array import array
from collections import Counter
from itertools import islice
from typing import NamedTuple
from urllib.parse import quote_plus

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Q

from . import ranking
from .analysis import tokenize
from .base import Hit, SearchQuery, SearchResults, Suggestion
from .facets import MULTI_VALUED, bits_of, facet_index, lock, touch
from .highlight import highlights_for
from .indexing import iter_documents
from .query import clean_filters, clean_sort, plan_query

logger = logging.getLogger(__name__)

KIND_RANK = {"tag": 0, "instansi": 1, "inovasi": 2}  # stored in SuggestionToken.kind_rank
#: the order kinds are offered in: innovations first
SUGGESTION_KINDS = ("inovasi", "instansi", "tag")
#: at most this many agencies and this many tags when innovations would fill the list
OTHER_SLOTS = 2
#: candidate tokens read per kind (a B-tree range, heaviest first within a token)
SUGGESTION_CANDIDATES = 400


def suggestion_weight(doc) -> int:
    """How strongly an innovation is suggested: its best award tier (search.indexing.award_score,
    0-1000) and its public replications (popularity), 50 each, up to 10."""
    return suggestion_weight_of(doc.award_score, doc.replication_count)


def suggestion_weight_of(award_score, replication_count) -> int:
    return award_score + 50 * min(replication_count, 10)


def suggestion_rank(typed, label, inside_word, weight):
    """Sort key of a suggestion for the typed text (lower first)."""
    label_words = " ".join(tokenize(label))
    head = " ".join(tokenize(label.split(":", 1)[0])) if ":" in label else label_words
    if typed in (label_words, head):
        match = 0                       # the whole title or acronym
    elif label_words.startswith(typed) or head.startswith(typed):
        match = 1                       # the title or acronym starts with it
    elif not inside_word:
        match = 2                       # a word of the label starts with it
    else:
        match = 3                       # inside a word
    return (match, -weight, label.lower())

#: Autocomplete matches inside words too ("lahir" finds "Kelahiran" and "SIPKELAHIRAN"): besides
#: each word of a label, the token table holds the word's inner suffixes of at least
#: ``INFIX_MIN`` characters, marked with ``INFIX_MARK``; a prefix look-up on them is an infix
#: look-up. The mark sorts after every letter and digit, so in token order the word-start
#: matches come first and fill the list before inner matches do.
INFIX_MARK = "~"
INFIX_MIN = 3


def suggestion_tokens(label):
    """The tokens a suggestion label is found by: its words, then its words' inner suffixes."""
    words = list(dict.fromkeys(tokenize(label)))
    inner = [INFIX_MARK + word[i:] for word in words for i in range(1, len(word) - INFIX_MIN + 1)]
    return [token[:60] for token in dict.fromkeys(words + inner)]


def _word_in(word, label_tokens):
    """An earlier word of the typed text matches a label word at its start, or inside it."""
    return any(t.startswith(word) or (len(word) >= INFIX_MIN and word in t) for t in label_tokens)
def label_matches(words, label_text):
    """(matches, inside_word) of a suggestion for the typed words: every word at the start of a
    word of the label or (three letters or more) inside one; ``inside_word`` when the last word
    is only found inside a word. The token look-up of ``EmbeddedEngine.autocomplete`` finds the
    same labels; Elasticsearch's candidates are checked with it (search.elastic)."""
    tokens = tokenize(label_text)
    if not words or not all(_word_in(w, tokens) for w in words):
        return False, False
    return True, not any(t.startswith(words[-1]) for t in tokens)


def merge_suggestions(innovations, agencies, tags, limit):
    """The list shown, from each kind's ranked suggestions: innovations first; agencies and tags
    (at most ``OTHER_SLOTS`` each) fill what is left, and keep a slot or two when innovations
    alone would fill the list. Both engines end with this."""
    others_found = agencies[:OTHER_SLOTS] + tags[:OTHER_SLOTS]
    reserved = min(len(others_found), OTHER_SLOTS) if len(innovations) >= limit else limit - len(innovations)
    return (innovations[: limit - min(reserved, len(others_found))] + others_found)[:limit]


#: how many of the textually closest documents "similar" re-ranks by shared categories and tags
SIMILAR_CANDIDATES = 200


#: '0'/'1' characters to the bytes 0 and 1 (the filter flags handed to SQL)
_FLAG_BYTES = bytes.maketrans(b"01", b"\x00\x01")


def _and_min_results():
    return getattr(settings, "SEARCH_AND_MIN_RESULTS", 20)


def _rank_cap():
    return getattr(settings, "SEARCH_RANK_CAP", 2000)


def _weighted(stems, weights):
    """A group's tsquery restricted to the given weights (``A``: title and acronym, ``AB``: and
    summary); a phrase keeps its ``<->``."""
    return " | ".join(" <-> ".join(f"{word}:{weights}" for word in stem.split(" ")) for stem in stems)


def _int_array(ids):
    """Ids as a PostgreSQL array literal (``%s::int[]``): a tenth of the time psycopg takes to
    adapt 2,000 ints one by one."""
    return "{" + ",".join(map(str, ids)) + "}"


class GroupMasks(NamedTuple):
    """What one pass over a frequent query word's matches stores (``_group_masks``): bitsets of
    the documents with any of its forms, with one in the title or acronym, with one in the
    title, acronym or summary, and with an exact or vocabulary form (not only a typo
    correction); and its ``ts_rank`` per document id (0 where it does not occur)."""

    any_form: int
    title: int
    summary: int
    exact: int
    ranks: array


def _join_multi(values):
    return f"|{'|'.join(values)}|" if values else ""


class EmbeddedEngine:
    name = "embedded"

    # --- full-text matching (the only database-specific part) -----------------------------

    @property
    def vendor(self):
        return connection.vendor

    def _fts_expression(self, groups_of_stems, operator):
        """An FTS5 MATCH or tsquery string. Stems are [0-9a-z]+ only; a form of several stems is
        a phrase (quoted for FTS5, ``<->`` for PostgreSQL)."""
        if self.vendor == "postgresql":
            parts = ["(" + " | ".join(s.replace(" ", " <-> ") for s in stems) + ")" for stems in groups_of_stems]
            return f" {'&' if operator == 'AND' else '|'} ".join(parts)
        parts = ["(" + " OR ".join(f'"{s}"' for s in stems) + ")" for stems in groups_of_stems]
        return f" {operator} ".join(parts)

    def _match_ids(self, plan, operator="OR") -> list[int]:
        """Ids of every document matching every query word (``AND``) or any of them (``OR``): no
        scoring, the cheapest full-text query."""
        expression = self._fts_expression([g.stems for g in plan.groups], operator)
        with connection.cursor() as cursor:
            if self.vendor == "postgresql":
                cursor.execute(f"SELECT id FROM search_searchentry WHERE search_vector @@ {ranking.tsquery_sql(expression)}")
            else:
                cursor.execute("SELECT rowid FROM search_fts WHERE search_fts MATCH %s", [expression])
            return [row[0] for row in cursor.fetchall()]

    def _matches(self, plan):
        """(operator, ids) of the documents a query matches: every word first; when that finds
        fewer than ``SEARCH_AND_MIN_RESULTS``, any word (partial matches, ranked after the full
        ones). The AND query stays on the GIN/FTS index and touches far fewer rows than the OR of
        common words did (at 100k, "akta kelahiran": 1.2 s as OR, a sixth of that as AND)."""
        if len(plan.groups) > 1:
            ids = self._match_ids(plan, "AND")
            if len(ids) >= _and_min_results():
                return "AND", ids
        return "OR", self._match_ids(plan, "OR")

    def _hit_flags_sql(self):
        """SQL true when document ``e.id`` passes the filters: byte ``id`` of the flags parameter
        (one byte per id, 1 for a hit; bytes index in O(1), where a text substring would scan)."""
        one = "'\\x01'::bytea" if self.vendor == "postgresql" else "X'01'"
        return f"substr((SELECT flags FROM f), e.id + 1, 1) = {one}"

    def _match_and_rank(self, plan, operator, total_documents, hit_flags, limit, offset, by_replication):
        """Every document the query matches and the window of its hits in ranking order, in one
        statement that reads the matches once: the full-text match is a materialised CTE, its ids
        (for the facet counts) come back aggregated in the first row, the ranked window after it.

        Only hits (documents passing the filters, ``hit_flags``: bytes, byte *n* 1 when
        document *n* passes; None without filters) are scored and ordered. The order is the
        relevance model of docs/search.md (``search.ranking``): tier (every word matched exactly
        or through the vocabulary; every word matched, some through a typo correction; some words
        matched), then an exact title or acronym match, then the BM25-like score, then award tier
        and recency; with ``by_replication`` the replication count comes first.

        Returns (matched ids, [(id, score), ...]).
        """
        postgres = self.vendor == "postgresql"
        match = self._fts_expression([g.stems for g in plan.groups], operator)
        hit = "1 = 1" if hit_flags is None else self._hit_flags_sql()
        params = [] if hit_flags is None else [hit_flags]
        if postgres:
            source = f"search_searchentry e WHERE e.search_vector @@ {ranking.tsquery_sql(match)}"
            aggregate = "string_agg(id::text, ',')"
        else:
            source = "search_fts JOIN search_searchentry e ON e.id = search_fts.rowid WHERE search_fts MATCH %s"
            aggregate = "group_concat(id, ',')"
        columns, column_params, order = self._rank_columns(plan, total_documents, hit, by_replication)
        columns = [f"CASE WHEN {hit} THEN 1 ELSE 0 END AS hit"] + columns
        params += column_params
        if not postgres:
            params.append(match)
        sql = (
            f"WITH {'' if hit_flags is None else 'f AS (SELECT %s AS flags), '}m AS MATERIALIZED ("
            f"SELECT e.id, {', '.join(columns)}, e.title_key, e.acronym_key, e.award_score, e.published_at, "
            f"e.title_sort, e.replication_count FROM {source}) "
            f"SELECT 0 AS part, (SELECT {aggregate} FROM m) AS id, NULL AS score "
            f"UNION ALL SELECT * FROM (SELECT 1, e.id{'::text' if postgres else ''}, e.score FROM m e WHERE e.hit = 1 "
            f"ORDER BY {', '.join(order)} LIMIT %s OFFSET %s) ranked"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, plan.key, plan.key, limit, offset])
            rows = cursor.fetchall()
        matched = [int(pk) for pk in rows[0][1].split(",")] if rows and rows[0][1] else []
        return matched, [(int(pk), score) for _part, pk, score in rows[1:]]

    def _rank_columns(self, plan, total_documents, hit="1 = 1", by_replication=False):
        """(columns, their parameters, ORDER BY terms) of the relevance model (docs/search.md,
        ``search.ranking``) over rows ``e`` of search_searchentry (the FTS5 table joined on
        SQLite): ``score`` and the ranking tiers ``t0``, ``t1``, computed where ``hit`` holds."""
        tiers = []
        if plan.has_fuzzy or len(plan.groups) > 1:
            tiers.append(self._fts_expression([g.exact_forms for g in plan.groups], "AND"))
            if plan.has_fuzzy:
                tiers.append(self._fts_expression([g.stems for g in plan.groups], "AND"))
        if self.vendor == "postgresql":
            score, params = ranking.postgres_score(plan, self._fts_expression, total_documents)
            tier_sql = [f"(e.search_vector @@ {ranking.tsquery_sql(tier)})" for tier in tiers]
            tiers = []  # written into the SQL: no parameters
        else:
            score, params = ranking.SQLITE_SCORE, []
            tier_sql = ["(search_fts.rowid IN (SELECT rowid FROM search_fts WHERE search_fts MATCH %s))" for _ in tiers]
        columns = [f"CASE WHEN {hit} THEN {score} END AS score"]
        for i, sql in enumerate(tier_sql):
            columns.append(f"CASE WHEN {hit} THEN {sql} END AS t{i}")
        params += tiers
        order = (["e.replication_count DESC"] if by_replication else []) + [f"t{i} DESC" for i in range(len(tier_sql))]
        return columns, params, order + ranking.TIE_BREAKS

    # --- many matches: bitsets of the words, a bounded window ranked (PostgreSQL) ------------

    def _ranks_a_window(self, plan) -> bool:
        """Whether a query ranks a bounded window of its matches (``_capped_window``): on
        PostgreSQL, when its every word occurs in more documents than ``SEARCH_RANK_CAP``."""
        return (self.vendor == "postgresql" and bool(plan.groups)
                and min(g.documents for g in plan.groups) > _rank_cap())

    def _group_masks(self, index, group):
        """A group's ``GroupMasks``, read in one scan and kept with the index copy: a frequent
        word costs a pass over the table once per index change, not per query."""
        def read():
            exact = (f"search_vector @@ {ranking.tsquery_sql(self._fts_expression([group.exact_forms], 'OR'))}"
                     if group.fuzzy else "TRUE")
            with connection.cursor() as cursor:
                cursor.execute(
                    f"SELECT id, search_vector @@ {ranking.tsquery_sql(_weighted(group.stems, 'A'))}, "
                    f"search_vector @@ {ranking.tsquery_sql(_weighted(group.stems, 'AB'))}, {exact}, "
                    f"{ranking.postgres_group_rank(group, self._fts_expression)} FROM search_searchentry "
                    f"WHERE search_vector @@ {ranking.tsquery_sql(self._fts_expression([group.stems], 'OR'))}"
                )
                rows = [row for row in cursor.fetchall() if row[0] < index.size]
            ranks = array("f", bytes(4 * index.size))
            for row in rows:
                ranks[row[0]] = row[4]
            return GroupMasks(any_form=index.match_mask([row[0] for row in rows]),
                              title=index.match_mask([row[0] for row in rows if row[1]]),
                              summary=index.match_mask([row[0] for row in rows if row[2]]),
                              exact=index.match_mask([row[0] for row in rows if row[3]]),
                              ranks=ranks)

        return index.remember(("group", tuple(group.stems), tuple(group.exact_forms)), read)

    def _frequent_matches(self, plan, index):
        """(operator, matches, the groups' ``GroupMasks``) of a query of frequent words, as
        ``_matches`` decides: every word, or any word when fewer than ``SEARCH_AND_MIN_RESULTS``
        have them all."""
        groups = [self._group_masks(index, g) for g in plan.groups]
        matched, operator = index.present, "AND"
        for group in groups:
            matched &= group.any_form
        if len(groups) > 1 and matched.bit_count() < _and_min_results():
            operator, matched = "OR", 0
            for group in groups:
                matched |= group.any_form
        return operator, matched, groups

    def _candidates(self, index, hits, tiers, need, by_replication):
        """At most ``need`` ids of ``hits`` to rank: all of them when they are few; otherwise by
        replication count (that sort), or tier by tier (every word in the title, every word in
        the title or summary, the rest) and within a tier by award and recency."""
        if hits.bit_count() <= need:
            return index.ids(hits)
        if by_replication:
            return self._replication_candidates(index, hits, tiers, need)
        order = index.order("kualitas")
        chosen = []
        taken = 0
        for tier in tiers:
            rest = tier & hits & ~taken
            room = need - len(chosen)
            if rest.bit_count() <= room:
                chosen += index.ids(rest)
                taken |= rest
                continue
            flags = bits_of(rest, index.size)
            chosen += list(islice((pk for pk in order if pk < index.size and flags[pk] == "1"), room))
            break
        return chosen

    def _replication_candidates(self, index, hits, tiers, need):
        """``_candidates`` sorted by replication: the ``need`` most replicated hits, except that
        among those with as many replications as the last of them (often none: most of the
        catalogue), the ones taken are chosen tier by tier, as the ranking orders them."""
        size = index.size
        flags = bits_of(hits, size)
        first = list(islice((pk for pk in index.order("replikasi") if pk < size and flags[pk] == "1"), need))
        with connection.cursor() as cursor:
            cursor.execute("SELECT id, replication_count FROM search_searchentry WHERE id = ANY(%s)", [first])
            counts = dict(cursor.fetchall())
        boundary = counts.get(first[-1], 0) if first else 0
        above = [pk for pk in first if counts.get(pk, 0) > boundary]

        def with_boundary():
            with connection.cursor() as cursor:
                cursor.execute("SELECT id FROM search_searchentry WHERE replication_count = %s", [boundary])
                return index.match_mask([row[0] for row in cursor.fetchall() if row[0] < size])

        tie = hits & index.remember(("replications", boundary), with_boundary)
        return above + self._candidates(index, tie, tiers, need - len(above), by_replication=False)

    def _capped_window(self, plan, index, filter_mask, page, per_page, by_replication):
        """``_ranked_window`` for a query of frequent words: matches and totals exact, from the
        words' bitsets; ranked, the best ``SEARCH_RANK_CAP`` candidates (more for a deep page),
        chosen as ``_candidates`` says, then ordered by the full relevance model. A document left
        out would have needed a very high score from its body alone (docs/search.md)."""
        operator, matched, groups = self._frequent_matches(plan, index)
        hits = matched if filter_mask is None else matched & filter_mask
        total = hits.bit_count()
        page = min(page, max(1, -(-total // per_page)))
        in_title, in_summary = hits, hits
        for group in groups:
            in_title &= group.title
            in_summary &= group.summary
        candidates = self._candidates(index, hits, [in_title, in_summary, hits],
                                      max(_rank_cap(), page * per_page), by_replication)
        start = (page - 1) * per_page
        if not by_replication:
            return operator, None, matched, total, page, self._rank_in_memory(plan, index, groups, candidates,
                                                                               per_page, start)
        columns, params, order = self._rank_columns(plan, index.present.bit_count(), by_replication=by_replication)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT e.id, {', '.join(columns)} FROM search_searchentry e WHERE e.id = ANY(%s::int[]) "
                f"ORDER BY {', '.join(order)} LIMIT %s OFFSET %s",
                [*params, _int_array(candidates), plan.key, plan.key, per_page, start],
            )
            window = [(row[0], row[1]) for row in cursor.fetchall()]
        return operator, None, matched, total, page, window

    def _rank_in_memory(self, plan, index, groups, candidates, limit, offset):
        """The candidates' page by relevance, ordered as ``_rank_columns`` orders them in SQL,
        from what the groups' pass stored: the tiers from the groups' bitsets, the score from
        their ranks (``ranking.combined_scores``, equal to the statement's to the last bit), the
        award-and-recency tie breaks from the index's ``kualitas`` order. Only the exact title
        or acronym match is asked of the database (two indexed keys). Scoring 2,000 candidates in
        SQL read each row again and ran ``ts_rank`` per word: 6-10 ms at 100,000 innovations,
        most of what a search cost there beyond a small catalogue's."""
        if not candidates:
            return []
        with connection.cursor() as cursor:
            # two index-only scans; restricting them to the candidates made PostgreSQL fetch the
            # 2,000 rows by id again, what this ranking is here to avoid
            cursor.execute("SELECT id FROM search_searchentry WHERE title_key = %s UNION ALL "
                           "SELECT id FROM search_searchentry WHERE acronym_key = %s", [plan.key, plan.key])
            exact_title = {row[0] for row in cursor.fetchall()}
        every_exact, every_word = index.present, index.present
        for group in groups:
            every_exact &= group.exact
            every_word &= group.any_form
        # tiers as flags: character n is "1" when document n is in the tier
        t0, t1 = bits_of(every_exact, index.size), bits_of(every_word, index.size)
        total_documents = index.present.bit_count()
        weights = [ranking.idf(g.documents, total_documents) for g in plan.groups]
        scores = ranking.combined_scores(weights, [group.ranks for group in groups], candidates)
        position = index.positions("kualitas")
        # the page's first rows only: a heap of offset + limit compares each candidate about
        # once, where sorting all 2,000 compared each about eleven times
        scored = heapq.nsmallest(offset + limit, (
            ((t0[pk] != "1", t1[pk] != "1", pk not in exact_title, -score, position[pk]), pk, score)
            for pk, score in zip(candidates, scores)
        ))
        return [(pk, score) for _key, pk, score in scored[offset:]]

    def _ranked_window(self, plan, index, filter_mask, page, per_page, by_replication):
        """(operator, matched ids, total hits, page, ranked window) of a query sorted by relevance
        or replication: the full-text match is read once (``_match_and_rank``), every word first,
        any word when fewer than ``SEARCH_AND_MIN_RESULTS`` documents match them all; a query of
        frequent words ranks a bounded window (``_capped_window``)."""
        if self._ranks_a_window(plan):
            return self._capped_window(plan, index, filter_mask, page, per_page, by_replication)
        size = index.size
        flags = None if filter_mask is None else bits_of(filter_mask & index.present, size).encode().translate(_FLAG_BYTES)
        total_documents = index.present.bit_count()
        start = (page - 1) * per_page
        operators = ["AND", "OR"] if len(plan.groups) > 1 else ["OR"]
        for operator in operators:
            matched, window = self._match_and_rank(plan, operator, total_documents, flags, per_page, start, by_replication)
            matched = [pk for pk in matched if pk < size]
            if operator == "OR" or len(matched) >= _and_min_results():
                break
        mask = index.match_mask(matched)
        hits = mask if filter_mask is None else mask & filter_mask
        total = hits.bit_count()
        last_page = max(1, -(-total // per_page))
        if page > last_page:  # past the end (a hand-made URL): the last page, as the other sorts do
            page = last_page
            _matched, window = self._match_and_rank(plan, operator, total_documents, flags, per_page,
                                                    (page - 1) * per_page, by_replication)
        return operator, matched, mask, total, page, window

    # --- search ----------------------------------------------------------------------------

    def search(self, query: SearchQuery) -> SearchResults:
        from .models import SearchEntry

        plan = plan_query(query.text)
        filters = clean_filters(query.filters)
        sort = clean_sort(query.sort, bool(plan.groups))
        index = facet_index()
        per_page = max(1, min(query.per_page, 100))
        # multi-select facets: the counts of field F use every filter but F's own
        passing = {name: index.filter_mask(name, values) for name, values in filters.items()}
        filter_mask = None
        for mask in passing.values():
            filter_mask = mask if filter_mask is None else filter_mask & mask

        window, scores, page = [], {}, max(1, query.page)
        ranked = bool(plan.groups) and sort in ("relevansi", "replikasi")
        if ranked:
            # one read of the matches gives the facet counts' base and the ranked page
            _operator, _matched, matches, total, page, rows = self._ranked_window(
                plan, index, filter_mask, page, per_page, by_replication=sort == "replikasi")
            window = [pk for pk, _score in rows]
            scores = dict(rows)
        elif plan.groups and self._ranks_a_window(plan):
            _operator, matches, _groups = self._frequent_matches(plan, index)
        elif plan.groups:
            size = index.size
            _operator, matched_ids = self._matches(plan)
            matches = index.match_mask([pk for pk in matched_ids if pk < size])
        elif query.text.strip() and not filters:
            matches = 0  # only stop words or symbols: nothing to look for
        else:
            matches = index.present

        hits_mask = matches if filter_mask is None else matches & filter_mask
        facets = {}
        for name in query.facets:
            base = matches
            for other, mask in passing.items():
                if other != name:
                    base &= mask
            counts = index.count(name, base)
            for value in filters.get(name, ()):
                counts.setdefault(value, 0)
            facets[name] = dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))

        total = hits_mask.bit_count()
        last_page = max(1, -(-total // per_page))
        page = min(page, last_page)
        if total and not ranked:
            start, stop = (page - 1) * per_page, page * per_page
            flags = bits_of(hits_mask, index.size)
            order = index.order("terbaru" if sort == "relevansi" else sort)
            size = index.size  # an id written since the copy was built is not in it yet
            window = list(islice((pk for pk in order if pk < size and flags[pk] == "1"), start, stop))

        stems = plan.all_stems
        documents = {}
        if window and query.highlight and stems:
            documents = {
                d["id"]: d for d in SearchEntry.objects.filter(pk__in=window).values("id", "title", "summary", "body")
            }
        memo = {}  # words already checked against the stems, shared by the hits
        result_hits = [
            Hit(id=pk, score=float(scores.get(pk) or 0),
                highlights=highlights_for(documents[pk], stems, memo) if pk in documents else {})
            for pk in window
        ]
        # A suggestion exists only when a word is absent from the index, so no result matched
        # it exactly: offering the corrected query is always useful then.
        return SearchResults(
            hits=result_hits, total=total, page=page, per_page=per_page, facets=facets,
            suggestion=plan.suggestion, engine=self.name,
        )

    # --- autocomplete and similar ----------------------------------------------------------

    def autocomplete(self, prefix: str, limit: int = 8) -> list[Suggestion]:
        """Suggestions for what has been typed, innovations first, each kind ranked by
        ``suggestion_rank``: the whole label or the acronym equal to the text, then starting
        with it, then matching at word starts, then inside words; within each, by weight."""
        from .models import SuggestionToken

        words = tokenize(prefix or "")[:6]
        if not words or len(words[-1]) < 2 and len(words) == 1:
            return []
        last, others = words[-1], words[:-1]
        limit = max(1, min(limit, 20))
        typed = " ".join(words)
        by_kind = {}
        for kind in SUGGESTION_KINDS:
            matches = Q(token__gte=last, token__lt=last + "{")
            if len(last) >= INFIX_MIN:
                infix = INFIX_MARK + last
                matches |= Q(token__gte=infix, token__lt=infix + "{")
            rows = (
                SuggestionToken.objects.filter(matches, kind_rank=KIND_RANK[kind])
                .order_by("kind_rank", "token", "-weight")
                .values_list("token", "suggestion_id", "suggestion__label", "suggestion__url", "suggestion__key",
                             "suggestion__weight", "suggestion__extra")[:SUGGESTION_CANDIDATES]
            )
            ranked = {}
            for token, suggestion_id, label, url, key, weight, extra in rows:
                label_tokens = tokenize(f"{label} {extra}")
                if not all(_word_in(w, label_tokens) for w in others):
                    continue
                rank = suggestion_rank(typed, label, token.startswith(INFIX_MARK), weight)
                if suggestion_id not in ranked or rank < ranked[suggestion_id][0]:
                    ranked[suggestion_id] = (rank, Suggestion(kind=kind, label=label, url=url,
                                                              id=int(key) if kind == "inovasi" and key.isdigit() else None))
            by_kind[kind] = [suggestion for _rank, suggestion in sorted(ranked.values(), key=lambda item: item[0])]
        return merge_suggestions(by_kind["inovasi"], by_kind["instansi"], by_kind["tag"], limit)

    def similar(self, innovation_id: int, limit: int = 4) -> list[int]:
        """The textually closest innovations, re-ranked by shared categories and tags.

        Only the ``SIMILAR_CANDIDATES`` best-scoring matches are considered, so an innovation
        page costs the same whatever the size of the catalogue.
        """
        from .models import SearchEntry

        entry = SearchEntry.objects.filter(pk=innovation_id).values("title_terms", "summary_terms", "kategori", "tag").first()
        if not entry:
            return []
        stems = list(dict.fromkeys((entry["title_terms"] + " " + entry["summary_terms"]).split()))[:24]
        if not stems:
            return []
        expression = self._fts_expression([[s] for s in stems], "OR")
        with connection.cursor() as cursor:
            if self.vendor == "postgresql":
                cursor.execute(
                    "SELECT id, ts_rank(search_vector, q) AS score FROM search_searchentry, to_tsquery('simple', %s) q "
                    "WHERE search_vector @@ q AND id <> %s ORDER BY score DESC, id LIMIT %s",
                    [expression, innovation_id, SIMILAR_CANDIDATES],
                )
            else:
                cursor.execute(
                    "SELECT rowid, -bm25(search_fts, 10.0, 4.0, 1.0) AS score FROM search_fts "
                    "WHERE search_fts MATCH %s AND rowid <> %s ORDER BY score DESC, rowid LIMIT %s",
                    [expression, innovation_id, SIMILAR_CANDIDATES],
                )
            scores = dict(cursor.fetchall())
        if not scores:
            return []

        def split(value):
            return set(filter(None, value.strip("|").split("|")))

        categories, tags = split(entry["kategori"]), split(entry["tag"])
        shared = {
            row["id"]: len(categories & split(row["kategori"])) + len(tags & split(row["tag"]))
            for row in SearchEntry.objects.filter(pk__in=list(scores)).values("id", "kategori", "tag")
        }
        return sorted(shared, key=lambda pk: (-shared[pk], -(scores[pk] or 0), pk))[:limit]

    # --- indexing ----------------------------------------------------------------------------
    #
    # Writes go through executemany on the raw cursor: a rebuild writes hundreds of thousands
    # of rows, and building model instances and SQL per batch cost more than the inserts.
    # Every write also calls ``facets.touch()`` so processes reload their facet index.

    @staticmethod
    def _insert(model, fields, rows):
        """INSERT rows (tuples in ``fields`` order, values already in database form): a list, or
        any iterable, consumed once as the rows are written."""
        if isinstance(rows, list | tuple) and not rows:
            return
        meta = model._meta
        columns = ", ".join(connection.ops.quote_name(meta.get_field(name).column) for name in fields)
        table = connection.ops.quote_name(meta.db_table)
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                # COPY streams the rows in one statement: several times faster than INSERTs at 100k
                with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
                return
            placeholders = ", ".join(["%s"] * len(fields))
            rows = list(rows)  # Django's debug cursor takes len() of them (only small SQLite indexes get here)
            if not rows:
                return
            cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({placeholders})", rows)

    def _write_entries(self, documents):
        from .models import SearchEntry

        fields = [f.name for f in SearchEntry._meta.concrete_fields]
        prepare = {
            name: SearchEntry._meta.get_field(name)
            for name in fields
            if SearchEntry._meta.get_field(name).get_internal_type() in ("DateField", "DateTimeField")
        }
        rows = []
        for doc in documents:
            data = dict(vars(doc))  # shallow: dataclasses.asdict deep-copied every list (a third of a rebuild)
            data.update(data.pop("facets"))
            for name in MULTI_VALUED:
                data[name] = _join_multi(data[name])
            data["title_sort"] = data["title_sort"][:255]
            for name, model_field in prepare.items():
                data[name] = model_field.get_db_prep_save(data[name], connection)
            rows.append(tuple(data[name] for name in fields))
        self._insert(SearchEntry, fields, rows)

    def _vocabulary(self, documents):
        """surface word -> (stem, number of these documents containing it)."""
        from .analysis import STOPWORDS, stem

        counts, stems = Counter(), {}
        for doc in documents:
            words = set(tokenize(f"{doc.title} {doc.acronym} {doc.summary} {doc.body} {doc.agency} {doc.tags_text} {doc.region}"))
            for word in words:
                if word in STOPWORDS or word.isdigit() or len(word) > 60:
                    continue
                counts[word] += 1
                if word not in stems:
                    stems[word] = stem(word)
        return counts, stems

    def _suggestions(self, documents, rows=None):
        """(kind, key) -> (label, url, weight, extra words) for innovations, their agencies and
        tags. An agency shows and searches for its name; its abbreviation only finds it. The
        weight of an agency or a tag is its number of innovations (exact after a rebuild; an
        incremental update counts the updated innovations only).

        ``rows`` accumulates over a rebuild's chunks: merging each chunk's own dict kept only
        the last chunk's count of an agency or tag present in several."""
        rows = {} if rows is None else rows
        for doc in documents:
            label = f"{doc.acronym}: {doc.title}" if doc.acronym and doc.acronym.lower() not in doc.title.lower() else doc.title
            rows[("inovasi", str(doc.id))] = (label[:300], doc.url, suggestion_weight(doc), "")
            if doc.agency_name:
                name = doc.agency_name
                known = rows.get(("instansi", name[:100]))
                rows[("instansi", name[:100])] = (name[:300], f"/cari/?q={quote_plus(name[:80])}&kirim=1",
                                                  (known[2] if known else 0) + 1, doc.agency_abbreviation[:100])
            for slug, name in zip(doc.facets["tag"], doc.tag_names):
                known = rows.get(("tag", slug[:100]))
                rows[("tag", slug[:100])] = (name[:300], f"/inovasi/tag/{slug}/", (known[2] if known else 0) + 1, "")
        return rows

    def _write_suggestions(self, suggestions, replace_existing=True):
        """Insert suggestions and their word-start tokens; existing ones with the same key are
        replaced (a rebuild, which starts from an empty table, skips that look-up)."""
        from .models import SearchSuggestion, SuggestionToken

        if not suggestions:
            return
        if replace_existing:
            by_key = SearchSuggestion.objects.filter(key__in={key for _kind, key in suggestions})
            stale = [pk for pk, kind, key in by_key.values_list("pk", "kind", "key") if (kind, key) in suggestions]
            SearchSuggestion.objects.filter(pk__in=stale).delete()
        else:
            by_key = SearchSuggestion.objects.all()
        self._insert(
            SearchSuggestion, ["kind", "key", "label", "url", "weight", "extra"],
            [(kind, key, label, url, weight, extra) for (kind, key), (label, url, weight, extra) in suggestions.items()],
        )
        ids = {(kind, key): pk for pk, kind, key in by_key.values_list("pk", "kind", "key")}
        # a generator, not a list: at 100k innovations the tokens are about 4 million rows, and
        # holding them all as tuples was most of a rebuild's peak memory; COPY and executemany
        # both consume them as they come
        tokens = (
            (token, ids[(kind, key)], KIND_RANK[kind], weight)
            for (kind, key), (label, _url, weight, extra) in suggestions.items()
            for token in suggestion_tokens(f"{label} {extra}")
        )
        self._insert(SuggestionToken, ["token", "suggestion", "kind_rank", "weight"], tokens)

    @staticmethod
    def _clear(*models):
        """Empty these tables with plain DELETEs, in this order (no rows read into Python)."""
        with connection.cursor() as cursor:
            for model in models:
                cursor.execute(f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)}")

    def _write_vocabulary(self, counts, stems, replace=False):
        from .models import SearchWord

        if replace:
            self._clear(SearchWord)
            known = set()
        else:
            known = set(SearchWord.objects.filter(word__in=list(counts)).values_list("word", flat=True))
        self._insert(
            SearchWord, ["word", "stem", "documents"],
            [(w, stems[w][:60], n) for w, n in counts.items() if w not in known],
        )

    def index(self, ids):
        from .models import SearchEntry

        ids = [int(i) for i in ids]
        if not ids:
            return
        documents = [doc for chunk in iter_documents(ids) for doc in chunk]
        with transaction.atomic():
            lock()
            SearchEntry.objects.filter(pk__in=ids).delete()
            self._write_entries(documents)
            counts, stems = self._vocabulary(documents)
            self._write_vocabulary(counts, stems)
            self._write_suggestions(self._suggestions(documents))
            gone = set(ids) - {d.id for d in documents}
            if gone:
                self._delete_suggestions(gone)
            touch()

    def _delete_suggestions(self, ids):
        from .models import SearchSuggestion

        SearchSuggestion.objects.filter(kind="inovasi", key__in=[str(i) for i in ids]).delete()

    def delete(self, ids):
        from .models import SearchEntry

        ids = [int(i) for i in ids]
        with transaction.atomic():
            lock()
            SearchEntry.objects.filter(pk__in=ids).delete()
            self._delete_suggestions(ids)
            touch()

    def rebuild(self, chunk_size=1000, progress=None) -> int:
        """Everything from the database in one transaction: readers see the old index until commit."""
        from .models import SearchEntry, SearchState, SearchSuggestion, SuggestionToken
        from .stemmer_version import current_version as stemmer_version

        total = 0
        counts, stems, suggestions = Counter(), {}, {}
        with transaction.atomic():
            lock()
            # plain DELETEs: the ORM's delete() loaded every suggestion token into Python to
            # cascade (millions of rows at 100k innovations, most of a 495 s rebuild)
            self._clear(SuggestionToken, SearchSuggestion, SearchEntry)
            for documents in iter_documents(chunk_size=chunk_size):
                self._write_entries(documents)
                chunk_counts, chunk_stems = self._vocabulary(documents)
                counts.update(chunk_counts)
                stems.update(chunk_stems)
                self._suggestions(documents, suggestions)
                total += len(documents)
                if progress:
                    progress(len(documents))
            self._write_suggestions(suggestions, replace_existing=False)
            self._write_vocabulary(counts, stems, replace=True)
            touch()
            SearchState.objects.filter(pk=1).update(stemmer_version=stemmer_version())
        if self.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('optimize')")
        elif not connection.in_atomic_block:
            # the rebuild left a dead copy of every row: make its space reusable now, or every
            # match scans twice the pages until autovacuum comes (VACUUM runs outside transactions)
            with connection.cursor() as cursor:
                cursor.execute("VACUUM (ANALYZE) search_searchentry")
        return total

    def vocabulary_changed(self, version) -> bool:
        """Nothing to do: the query planner reloads the vocabulary when its version changes.
        Returns whether a reindex ran."""
        return False

    def index_stemmer_version(self) -> int:
        """The stemmer version the index was last rebuilt with."""
        from .models import SearchState

        return SearchState.objects.filter(pk=1).values_list("stemmer_version", flat=True).first() or 0

    def stemmer_changed(self, version) -> bool:
        """Rebuild when the indexed terms are older than stemmer ``version``; returns whether it did."""
        if self.index_stemmer_version() >= version:
            return False
        self.rebuild()
        return True

    def count(self) -> int:
        from .models import SearchEntry

        return SearchEntry.objects.count()

    def health(self) -> dict:
        try:
            return {"engine": self.name, "ok": True, "documents": self.count()}
        except Exception as exc:  # noqa: BLE001 -- the health endpoint reports, never raises
            return {"engine": self.name, "ok": False, "error": str(exc)[:200]}
