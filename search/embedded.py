"""The embedded engine: full-text search inside the portal's own database.

SQLite uses FTS5 (``bm25`` with title 10, summary 4, body 1), PostgreSQL a weighted
``tsvector`` (``ts_rank``); both over the pre-analysed term fields of ``SearchEntry`` (see
search/migrations/0002_fulltext.py). One SQL query returns every matching row with its score
and facet values; filtering, multi-select facet counts, ranking tiers, sorting and paging are
then done in Python in one pass, identically on both databases.
"""
import logging
from collections import Counter
from dataclasses import asdict
from urllib.parse import quote_plus

from django.db import connection, transaction

from .analysis import tokenize
from .base import FACET_FIELDS, Hit, SearchQuery, SearchResults, Suggestion
from .highlight import highlights_for
from .indexing import iter_documents
from .query import clean_filters, clean_sort, plan_query

logger = logging.getLogger(__name__)

MULTI_VALUED = {"kategori", "sdg", "penghargaan", "tag"}
ROW_COLUMNS = (
    "e.id", "e.hub", "e.provinsi", "e.jenis_instansi", "e.kategori", "e.sdg", "e.tahun",
    "e.penghargaan", "e.status", "e.tag", "e.year_started", "e.last_verified", "e.title_sort",
    "e.replication_count",
)
FACET_INDEX = {name: i + 1 for i, name in enumerate(FACET_FIELDS)}  # column positions in a row
KIND_RANK = {"tag": 0, "instansi": 1, "inovasi": 2}


def _join_multi(values):
    return f"|{'|'.join(values)}|" if values else ""


def _values(row, name):
    value = row[FACET_INDEX[name]]
    if not value:
        return ()
    return value.strip("|").split("|") if name in MULTI_VALUED else (value,)


class EmbeddedEngine:
    name = "embedded"

    # --- full-text matching (the only database-specific part) -----------------------------

    @property
    def vendor(self):
        return connection.vendor

    def _fts_expression(self, groups_of_stems, operator):
        """An FTS5 MATCH or tsquery string; stems are [0-9a-z]+ only and quoted for FTS5."""
        if self.vendor == "postgresql":
            parts = ["(" + " | ".join(stems) + ")" for stems in groups_of_stems]
            return f" {'&' if operator == 'AND' else '|'} ".join(parts)
        parts = ["(" + " OR ".join(f'"{s}"' for s in stems) + ")" for stems in groups_of_stems]
        return f" {operator} ".join(parts)

    def _match_rows(self, expression):
        columns = ", ".join(ROW_COLUMNS)
        with connection.cursor() as cursor:
            if self.vendor == "postgresql":
                cursor.execute(
                    f"SELECT {columns}, ts_rank(e.search_vector, q) AS score "
                    "FROM search_searchentry e, to_tsquery('simple', %s) q WHERE e.search_vector @@ q",
                    [expression],
                )
            else:
                cursor.execute(
                    f"SELECT {columns}, -bm25(search_fts, 10.0, 4.0, 1.0) AS score FROM search_fts "
                    "JOIN search_searchentry e ON e.id = search_fts.rowid WHERE search_fts MATCH %s",
                    [expression],
                )
            return cursor.fetchall()

    def _match_ids(self, expression):
        with connection.cursor() as cursor:
            if self.vendor == "postgresql":
                cursor.execute(
                    "SELECT id FROM search_searchentry WHERE search_vector @@ to_tsquery('simple', %s)", [expression]
                )
            else:
                cursor.execute("SELECT rowid FROM search_fts WHERE search_fts MATCH %s", [expression])
            return {row[0] for row in cursor.fetchall()}

    def _all_rows(self):
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {', '.join(ROW_COLUMNS)}, 0.0 FROM search_searchentry e")
            return cursor.fetchall()

    # --- search ----------------------------------------------------------------------------

    def search(self, query: SearchQuery) -> SearchResults:
        from .models import SearchEntry

        plan = plan_query(query.text)
        filters = clean_filters(query.filters)
        sort = clean_sort(query.sort, bool(plan.groups))
        tiers = {}
        if plan.groups:
            rows = self._match_rows(self._fts_expression([g.stems for g in plan.groups], "OR"))
            if rows:
                exact_and = self._match_ids(self._fts_expression([[g.exact] for g in plan.groups], "AND"))
                all_and = exact_and
                if plan.has_fuzzy or len(plan.groups) > 1:
                    all_and = self._match_ids(self._fts_expression([g.stems for g in plan.groups], "AND"))
                tiers = {i: 2 for i in exact_and}
                for i in all_and:
                    tiers.setdefault(i, 1)
        elif query.text.strip() and not filters:
            rows = []  # only stop words or symbols: nothing to look for
        else:
            rows = self._all_rows()

        selected = {name: set(values) for name, values in filters.items()}
        counters = {name: Counter() for name in query.facets}
        hits = []
        for row in rows:
            failed = None
            for name, wanted in selected.items():
                if wanted.isdisjoint(_values(row, name)):
                    if failed is not None:
                        failed = False  # two filters fail: counts nowhere
                        break
                    failed = name
            if failed is False:
                continue
            if failed is None:
                hits.append(row)
                for name in counters:
                    counters[name].update(_values(row, name))
            elif failed in counters:
                counters[failed].update(_values(row, failed))

        score_at = len(ROW_COLUMNS)
        if sort == "relevansi" and plan.groups:
            hits.sort(key=lambda r: (-tiers.get(r[0], 0), -r[score_at], r[0]))
        elif sort == "terverifikasi":  # newest verification first, unverified last
            verified = sorted((r for r in hits if r[11] is not None), key=lambda r: (r[12], r[0]))
            verified.sort(key=lambda r: str(r[11]), reverse=True)
            hits = verified + sorted((r for r in hits if r[11] is None), key=lambda r: (r[12], r[0]))
        elif sort == "judul":
            hits.sort(key=lambda r: (r[12], r[0]))
        elif sort == "replikasi":
            hits.sort(key=lambda r: (-r[13], -tiers.get(r[0], 0), -r[score_at], r[0]))
        else:  # terbaru
            hits.sort(key=lambda r: (-r[10], r[12], r[0]))

        total = len(hits)
        per_page = max(1, min(query.per_page, 100))
        last_page = max(1, -(-total // per_page))
        page = min(max(1, query.page), last_page)
        window = hits[(page - 1) * per_page: page * per_page]
        stems = plan.all_stems
        documents = {}
        if window and query.highlight and stems:
            documents = {
                d["id"]: d for d in SearchEntry.objects.filter(pk__in=[r[0] for r in window]).values("id", "title", "summary", "body")
            }
        result_hits = [
            Hit(id=r[0], score=float(r[score_at] or 0), highlights=highlights_for(documents[r[0]], stems) if r[0] in documents else {})
            for r in window
        ]
        facets = {}
        for name, counter in counters.items():
            counts = {value: n for value, n in counter.items() if n}
            for value in selected.get(name, ()):
                counts.setdefault(value, 0)
            facets[name] = dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))
        # A suggestion exists only when a word is absent from the index, so no result matched
        # it exactly: offering the corrected query is always useful then.
        return SearchResults(
            hits=result_hits, total=total, page=page, per_page=per_page, facets=facets,
            suggestion=plan.suggestion, engine=self.name,
        )

    # --- autocomplete and similar ----------------------------------------------------------

    def autocomplete(self, prefix: str, limit: int = 8) -> list[Suggestion]:
        from .models import SuggestionToken

        words = tokenize(prefix or "")[:6]
        if not words or len(words[-1]) < 2 and len(words) == 1:
            return []
        last, others = words[-1], words[:-1]
        limit = max(1, min(limit, 20))
        found, seen = [], set()
        for kind, rank in sorted(KIND_RANK.items(), key=lambda item: item[1]):
            want = limit - len(found) if kind == "inovasi" else min(3, limit - len(found))
            if want <= 0:
                break
            rows = (
                SuggestionToken.objects.filter(kind_rank=rank, token__gte=last, token__lt=last + "{")
                .order_by("kind_rank", "token")
                .values_list("suggestion_id", "suggestion__label", "suggestion__url", "suggestion__key")[: want * 20]
            )
            taken = 0
            for suggestion_id, label, url, key in rows:
                if suggestion_id in seen:
                    continue
                label_tokens = tokenize(label)
                if not all(any(t.startswith(w) for t in label_tokens) for w in others):
                    continue
                seen.add(suggestion_id)
                found.append(Suggestion(kind=kind, label=label, url=url, id=int(key) if key.isdigit() else None))
                taken += 1
                if taken >= want:
                    break
        return found[:limit]

    def similar(self, innovation_id: int, limit: int = 4) -> list[int]:
        from .models import SearchEntry

        entry = SearchEntry.objects.filter(pk=innovation_id).values("title_terms", "summary_terms", "kategori", "tag").first()
        if not entry:
            return []
        stems = list(dict.fromkeys((entry["title_terms"] + " " + entry["summary_terms"]).split()))[:24]
        if not stems:
            return []
        rows = self._match_rows(self._fts_expression([[s] for s in stems], "OR"))
        categories = set(filter(None, entry["kategori"].strip("|").split("|")))
        tags = set(filter(None, entry["tag"].strip("|").split("|")))
        score_at = len(ROW_COLUMNS)

        def key(row):
            shared = len(categories.intersection(_values(row, "kategori"))) + len(tags.intersection(_values(row, "tag")))
            return (-shared, -row[score_at], row[0])

        return [row[0] for row in sorted((r for r in rows if r[0] != innovation_id), key=key)[:limit]]

    # --- indexing ----------------------------------------------------------------------------

    def _entries(self, documents):
        from .models import SearchEntry

        entries = []
        for doc in documents:
            data = asdict(doc)
            for name in MULTI_VALUED:
                data[name] = _join_multi(data[name])
            data.pop("tags_text", None)
            data.pop("tag_names", None)
            data.pop("region", None)
            data["title_sort"] = data["title_sort"][:255]
            entries.append(SearchEntry(**data))
        return entries

    def _vocabulary(self, documents):
        """surface word -> (stem, number of these documents containing it)."""
        from .analysis import STOPWORDS, stem

        counts, stems = Counter(), {}
        for doc in documents:
            words = set(tokenize(" ".join([doc.title, doc.acronym, doc.summary, doc.body, doc.agency, doc.tags_text, doc.region])))
            for word in words:
                if word in STOPWORDS or word.isdigit() or len(word) > 60:
                    continue
                counts[word] += 1
                if word not in stems:
                    stems[word] = stem(word)
        return counts, stems

    def _suggestions(self, documents):
        """Innovation, agency and tag suggestions with their word-start tokens."""
        from .models import SearchSuggestion

        rows = {}
        for doc in documents:
            label = f"{doc.acronym}: {doc.title}" if doc.acronym and doc.acronym.lower() not in doc.title.lower() else doc.title
            rows[("inovasi", str(doc.id))] = (label[:300], doc.url, len(doc.penghargaan))
            if doc.agency:
                agency_name = doc.agency
                rows[("instansi", agency_name[:100])] = (agency_name[:300], f"/cari/?q={quote_plus(agency_name[:80])}", 0)
            for slug, name in zip(doc.tag, doc.tag_names):
                rows[("tag", slug[:100])] = (name[:300], f"/inovasi/tag/{slug}/", 0)
        return [SearchSuggestion(kind=k, key=key, label=label, url=url, weight=w) for (k, key), (label, url, w) in rows.items()]

    def _write_suggestions(self, suggestions):
        from .models import SearchSuggestion, SuggestionToken

        if not suggestions:
            return
        keys = {(s.kind, s.key) for s in suggestions}
        existing = SearchSuggestion.objects.filter(key__in={k for _kind, k in keys})
        existing.filter(pk__in=[s.pk for s in existing if (s.kind, s.key) in keys]).delete()
        created = SearchSuggestion.objects.bulk_create(suggestions, batch_size=500)
        if any(s.pk is None for s in created):
            lookup = {(s.kind, s.key): s.pk for s in SearchSuggestion.objects.filter(key__in={k for _kind, k in keys})}
            for s in created:
                s.pk = lookup[(s.kind, s.key)]
        tokens = []
        for s in created:
            for token in dict.fromkeys(tokenize(s.label)):
                tokens.append(SuggestionToken(token=token[:60], suggestion_id=s.pk, kind_rank=KIND_RANK[s.kind]))
        SuggestionToken.objects.bulk_create(tokens, batch_size=1000)

    def _write_vocabulary(self, counts, stems, replace=False):
        from .models import SearchWord

        if replace:
            SearchWord.objects.all().delete()
            SearchWord.objects.bulk_create(
                [SearchWord(word=w, stem=stems[w][:60], documents=n) for w, n in counts.items()], batch_size=1000
            )
            return
        known = set(SearchWord.objects.filter(word__in=list(counts)).values_list("word", flat=True))
        SearchWord.objects.bulk_create(
            [SearchWord(word=w, stem=stems[w][:60], documents=n) for w, n in counts.items() if w not in known],
            batch_size=1000,
        )

    def index(self, ids):
        from .models import SearchEntry

        ids = [int(i) for i in ids]
        if not ids:
            return
        documents = [doc for chunk in iter_documents(ids) for doc in chunk]
        with transaction.atomic():
            SearchEntry.objects.filter(pk__in=ids).delete()
            SearchEntry.objects.bulk_create(self._entries(documents), batch_size=500)
            counts, stems = self._vocabulary(documents)
            self._write_vocabulary(counts, stems)
            self._write_suggestions(self._suggestions(documents))
            gone = set(ids) - {d.id for d in documents}
            if gone:
                self._delete_suggestions(gone)

    def _delete_suggestions(self, ids):
        from .models import SearchSuggestion

        SearchSuggestion.objects.filter(kind="inovasi", key__in=[str(i) for i in ids]).delete()

    def delete(self, ids):
        from .models import SearchEntry

        ids = [int(i) for i in ids]
        with transaction.atomic():
            SearchEntry.objects.filter(pk__in=ids).delete()
            self._delete_suggestions(ids)

    def rebuild(self, chunk_size=1000, progress=None) -> int:
        """Everything from the database in one transaction: readers see the old index until commit."""
        from .models import SearchEntry, SearchSuggestion

        total = 0
        counts, stems = Counter(), {}
        with transaction.atomic():
            SearchEntry.objects.all().delete()
            SearchSuggestion.objects.all().delete()
            for documents in iter_documents(chunk_size=chunk_size):
                SearchEntry.objects.bulk_create(self._entries(documents), batch_size=500)
                chunk_counts, chunk_stems = self._vocabulary(documents)
                counts.update(chunk_counts)
                stems.update(chunk_stems)
                self._write_suggestions(self._suggestions(documents))
                total += len(documents)
                if progress:
                    progress(len(documents))
            self._write_vocabulary(counts, stems, replace=True)
        if self.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('optimize')")
        return total

    def count(self) -> int:
        from .models import SearchEntry

        return SearchEntry.objects.count()

    def health(self) -> dict:
        try:
            return {"engine": self.name, "ok": True, "documents": self.count()}
        except Exception as exc:  # the health endpoint reports, never raises
            return {"engine": self.name, "ok": False, "error": str(exc)[:200]}
