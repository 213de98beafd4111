"""The catalogue's filter counts and totals from per-value bitsets, as search counts its facets.

With a filter selected, the catalogue shows beside each value of every filter how many
innovations ticking it would give, and the API and the list give the filtered total. Counted
with the ORM that is one grouped query per filter over every matching innovation: about 400 ms
at 100,000 innovations (year 143 ms, SDG 74, category 61, award tier 59, ...) on each cold
render of each filter combination, which the page cache holds one address at a time. The same
numbers come from a bitset per (filter, value) in a few milliseconds: ``search.facets.FacetIndex``,
loaded here from the catalogue's own tables rather than from the search index (which may be
Elasticsearch, or lag behind a Celery queue: the list is read from the pages, so its counts are).

Each process keeps one copy per page-cache generation (core/page_cache.py): every change a count
can show starts a new generation (before and after its commit), so a copy is never read after a
change, and the generation is read before the rows, so a copy is never newer than its key says.
The first filtered render in a process after a change loads it (four queries and a pass over
their rows: 0.9 s at 100,000 innovations); the copy takes about 1.6 MB there.
"""
import threading
from collections import defaultdict

from django.db import connection

from core import page_cache

from .filter_registry import CATALOGUE_FILTERS, FILTERS_BY_NAME

_lock = threading.Lock()
_current = None


def has_bits(name, options) -> bool:
    """Whether the bitsets hold filter ``name`` (values read by ``bits_column`` or ``pairs``, and
    a closed vocabulary: not tags)."""
    f = FILTERS_BY_NAME.get(name)
    return f is not None and f.catalogue and bool(f.bits_column or f.pairs) and options.get(name) is not None


def _rows(queryset):
    """The queryset's rows as plain tuples, without the ORM's per-row work (a third of the time
    at 100,000 rows): what the bitsets need is ids and values as the database stores them."""
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def load(options, token=None):
    """A ``FacetIndex`` of every live public innovation: ``present`` and, for each filter of
    ``has_bits``, value -> bitset. ``options`` are the catalogue's loaded options (the hubs'
    paths). One query for the page columns, one per many-valued filter."""
    from search.facets import FacetIndex, mask_of

    from .models import InnovationPage

    live = InnovationPage.objects.live().public().order_by()
    filters = [f for f in CATALOGUE_FILTERS if has_bits(f.name, options)]
    columns = [f for f in filters if f.bits_column]
    pages = _rows(live.values_list("pk", *[f.bits_column for f in columns]))
    size = max(row[0] for row in pages) + 1 if pages else 0
    found = {}
    for i, f in enumerate(columns, start=1):
        groups = defaultdict(list)
        if f.bits_value is None:
            for row in pages:
                groups[row[i]].append(row[0])
        else:
            convert = f.bits_value(options[f.name])
            for row in pages:
                groups[convert(row[i])].append(row[0])
        found[f.name] = groups
    for f in filters:
        if f.pairs is not None:
            groups = found[f.name] = defaultdict(list)
            for pk, value in _rows(f.pairs()):
                # rows of every page: a page past ``size`` (published since the first query)
                # is left for the next copy, other pages that are not live drop out below
                if pk < size:
                    groups[value].append(pk)
    present = mask_of((row[0] for row in pages), size)
    # only live public pages count (a page unpublished between the queries: as the first said)
    masks = {name: {str(value): mask_of(pks, size) & present for value, pks in groups.items() if value not in (None, "")}
             for name, groups in found.items()}
    return FacetIndex(token=token, size=size, present=present, masks=masks)


def catalogue_bits(options):
    """This process's copy for the current generation, loaded on first use in it."""
    global _current
    number = page_cache.generation()[0]
    index = _current
    if index is not None and index.token == number:
        return index
    with _lock:
        index = _current
        if index is None or index.token != number:
            index = _current = load(options, token=number)
    return index


def forget():
    """Drop this process's copy (tests: a cleared cache may start a generation number again)."""
    global _current
    _current = None
