"""Facet values and sort keys of the embedded index, held in memory as bitsets.

Counting facets is what made the embedded engine slow on large result sets: reading every
matching row's facet columns into Python and splitting them costs far more than the full-text
match itself. Search engines solve this with per-value bitsets (Lucene's doc values and filter
caches), and so do we: each (facet field, value) is a Python ``int`` whose bit *n* is set when
the innovation with id *n* carries that value (page ids are dense enough that a bitset stays
small: about 13 KB per value for 100,000 innovations). A query's matches become one such
bitset; filtering is ``&`` and ``|``, and a facet count is ``(matches & value).bit_count()``, a
few microseconds per value. The sort orders are id lists the database sorts once, on first use,
so sorting a filtered list is a walk down a precomputed order.

The index is rebuilt from ``SearchEntry`` whenever the engine's writers change the token in
``SearchState`` (every index write does, inside its transaction). Each process keeps its own
copy and compares tokens once per search: one primary-key lookup. Tokens are random, not
counters, so a rolled-back write can never make a stale copy look current.
"""
import threading
import uuid
from array import array
from dataclasses import dataclass, field
from itertools import compress

from django.db import connection

from innovations.filter_registry import SEARCH_FILTERS

from .base import FACET_FIELDS

MULTI_VALUED = frozenset(f.name for f in SEARCH_FILTERS if f.multi_valued)
_LOAD_COLUMNS = ("id",) + FACET_FIELDS
#: sort name -> ORDER BY of search_searchentry (ties broken by title, then id)
ORDER_BY = {
    "judul": "title_sort, id",
    "terbaru": "year_started DESC, title_sort, id",
    # newest verification first, never-verified last
    "terverifikasi": "last_verified IS NULL, last_verified DESC, title_sort, id",
    "replikasi": "replication_count DESC, title_sort, id",
    # the static order of the ranking's last keys: best award, newest publication
    "kualitas": "award_score DESC, published_at IS NULL, published_at DESC, title_sort, id",
}
#: entries of ``FacetIndex.memo``: a frequent word's is four bitsets and a float per document
#: (about 450 KB at 100,000 documents), so at most about 30 MB per process there
MEMO_ENTRIES = 64


def new_token() -> str:
    return uuid.uuid4().hex


def lock():
    """Serialise index writers (call first inside the writing transaction): two workers
    re-indexing the same innovation at once would otherwise both delete, then both insert,
    and the second insert would fail on the primary key."""
    from .models import SearchState

    SearchState.objects.select_for_update().filter(pk=1).first()


def touch():
    """Mark the index as changed (call inside the writing transaction)."""
    from .models import SearchState

    SearchState.objects.update_or_create(pk=1, defaults={"token": new_token()})


def current_token() -> str | None:
    from .models import SearchState

    return SearchState.objects.filter(pk=1).values_list("token", flat=True).first()


#: '0'/'1' characters to bytes 0/1 (false and true for ``compress``)
_ONE_BYTES = bytes.maketrans(b"01", b"\x00\x01")


def bits_of(mask: int, size: int) -> str:
    """The mask as a string of '0'/'1' where character *p* is bit *p* (cheap membership tests)."""
    return format(mask, "b").zfill(size)[::-1] if size else ""


def mask_of(ids, size: int) -> int:
    """A bitset with the given bits (all below ``size``) set."""
    if not size:
        return 0
    flags = bytearray(b"0" * size)
    for i in ids:
        flags[i] = 49  # "1"
    return int(flags[::-1], 2)


@dataclass
class FacetIndex:
    token: str | None
    #: bit n set when innovation n is in the index
    present: int = 0
    #: field -> value -> bitset of the innovations carrying it
    masks: dict[str, dict[str, int]] = field(default_factory=dict)
    #: sort name -> innovation ids in that order, filled by ``order()``
    orders: dict[str, list[int]] = field(default_factory=dict)
    #: sort name -> id -> place in that order, filled by ``positions()``
    places: dict[str, array] = field(default_factory=dict)
    #: bits in use: the largest indexed id plus one
    size: int = 0
    #: bitsets of frequent query words (search.embedded), kept as long as this copy: at most
    #: ``MEMO_ENTRIES``, the oldest dropped first
    memo: dict = field(default_factory=dict)

    @classmethod
    def load(cls, token):
        columns = ", ".join(_LOAD_COLUMNS)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {columns} FROM search_searchentry ORDER BY id")
            rows = cursor.fetchall()
        size = rows[-1][0] + 1 if rows else 0
        ids = {name: {} for name in FACET_FIELDS}
        for row in rows:
            pk = row[0]
            for i, name in enumerate(FACET_FIELDS, start=1):
                value = row[i]
                if not value:
                    continue
                if name in MULTI_VALUED:
                    for item in value.strip("|").split("|"):
                        ids[name].setdefault(item, []).append(pk)
                else:
                    ids[name].setdefault(value, []).append(pk)
        return cls(
            token=token,
            size=size,
            present=mask_of((row[0] for row in rows), size),
            masks={
                name: {value: mask_of(found, size) for value, found in by_value.items()}
                for name, by_value in ids.items()
            },
        )

    def order(self, name: str) -> list[int]:
        """Innovation ids in a sort order (``ORDER_BY``), sorted by the database on first use."""
        found = self.orders.get(name)
        if found is None:
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT id FROM search_searchentry ORDER BY {ORDER_BY[name]}")
                found = self.orders[name] = [row[0] for row in cursor.fetchall()]
        return found

    def positions(self, name: str):
        """Id -> its place in a sort order (``order``), kept with this copy; ids the order
        lacks (written since it was read) come last."""
        found = self.places.get(name)
        if found is None:
            order = self.order(name)
            found = array("i", [len(order)]) * self.size
            for place, pk in enumerate(order):
                if pk < self.size:
                    found[pk] = place
            self.places[name] = found
        return found

    def remember(self, key, compute):
        """``compute()`` under ``key`` for as long as this copy lives (the index unchanged)."""
        found = self.memo.get(key)
        if found is None:
            found = compute()
            while len(self.memo) >= MEMO_ENTRIES:
                self.memo.pop(next(iter(self.memo)), None)
            self.memo[key] = found
        return found

    def ids(self, mask: int) -> list[int]:
        """The ids of a bitset's set bits, in id order. A Python loop over the bits took 7 ms
        at 100,000 documents; ``compress`` walks them in C, and for a sparse bitset ``str.find``
        jumping from one set bit to the next is faster still (0.2 ms for 2,000 of 100,000)."""
        bits = bits_of(mask, self.size)
        if mask.bit_count() * 16 < self.size:
            found, find = [], bits.find
            at = find("1")
            while at >= 0:
                found.append(at)
                at = find("1", at + 1)
            return found
        return list(compress(range(self.size), bits.encode().translate(_ONE_BYTES)))

    # --- queries --------------------------------------------------------------------------

    def match_mask(self, ids) -> int:
        """Bitset of these innovation ids (all below ``size``), less any this copy does not know."""
        return mask_of(ids, self.size) & self.present

    def filter_mask(self, name: str, values) -> int:
        """Documents carrying any of the values (values of one field are OR-ed)."""
        by_value = self.masks.get(name, {})
        mask = 0
        for value in values:
            mask |= by_value.get(value, 0)
        return mask

    def count(self, name: str, base: int) -> dict[str, int]:
        """Value -> number of documents in ``base`` carrying it (values with none are left out)."""
        counts = {}
        for value, mask in self.masks.get(name, {}).items():
            n = (base & mask).bit_count()
            if n:
                counts[value] = n
        return counts


_lock = threading.Lock()
_current: FacetIndex | None = None


def facet_index() -> FacetIndex:
    """This process's copy, reloaded when the index changed since it was built."""
    global _current
    token = current_token()
    index = _current
    if index is not None and index.token == token and token is not None:
        return index
    with _lock:
        index = _current
        if index is None or index.token != token or token is None:
            # read the token before the rows: a write committed in between makes the copy look
            # older than it is, so it is rebuilt once more, never kept stale
            index = FacetIndex.load(token)
            _current = index
    return index
