"""Catalogue filters: parse the query string, drop what is invalid, build the queryset.

Everything that reaches the ORM has been checked against a whitelist, so a hand-edited URL
can only narrow or widen the list, never break the page; rejected values are reported back
so the visitor sees why a filter was ignored.
"""
from dataclasses import dataclass

from django.db.models import F
from django.http import QueryDict
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from core.numbers import int_or
from core.page_cache import figures

from . import filter_bits
from .filter_registry import CATALOGUE_FILTERS, Option

MAX_VALUES_PER_FILTER = 20


@dataclass
class CountedOption:
    """A value offered by the catalogue form, with the innovations it would give."""

    value: str
    label: str
    count: int
    checked: bool

SORTS = {
    # the default: featured innovations (the demo's real award records) first, then the newest
    # ``sort_title`` is the live title copied beside the other keys: each order has an index
    # (InnovationPage.Meta.indexes), so a page reads its rows from it instead of sorting all.
    "unggulan": (gettext_lazy("Unggulan"), ("-featured", "-year_started", "sort_title")),
    "terbaru": (gettext_lazy("Terbaru"), ("-year_started", "sort_title")),
    "judul": (gettext_lazy("Judul (A-Z)"), ("sort_title",)),
    # Unverified innovations last on every database (PostgreSQL would put NULLs first).
    "terverifikasi": (gettext_lazy("Terakhir diverifikasi"), (F("last_verified").desc(nulls_last=True), "sort_title")),
}
DEFAULT_SORT = "unggulan"


def catalogue_options():
    """{filter name: [Option], or None for a free vocabulary} of the catalogue's filters: the
    same for every visitor until a taxonomy, hub or region changes, so shared figures under the
    page cache's generation (labels depend on the language)."""
    return figures(f"catalogue-options:{get_language()}", lambda: {
        f.name: f.options() if f.options else None for f in CATALOGUE_FILTERS})


def offered_only(filters):
    """``filters`` ({name: [values]}, already well-formed) without the values a catalogue
    filter does not offer (``tahun=abc``, a province slug that does not exist): the search
    page ticked them as facets with no results. Most searches select none: the options are
    then not loaded (five small queries when stored parts are off)."""
    if not filters:
        return filters
    options = catalogue_options()
    kept = {}
    for name, values in filters.items():
        allowed = options.get(name)
        if allowed is not None:
            offered = {o.value for o in allowed}
            values = [value for value in values if value in offered]
        if values:
            kept[name] = values
    return kept


class CatalogueFilter:
    """Filters by the catalogue's filters of ``innovations.filter_registry``, and sorts."""

    #: URL parameter -> label, in display order.
    FIELDS = {f.name: f.label for f in CATALOGUE_FILTERS}

    def __init__(self, params: QueryDict):
        self.params = params
        self.options = self._load_options()
        self.selected = {}
        self.errors = []
        for name in self.FIELDS:
            self.selected[name] = self._clean(name, params.getlist(name))
        sort = params.get("urutkan", DEFAULT_SORT)
        if sort not in SORTS:
            self.errors.append(_("Urutan “%(value)s” tidak dikenal; memakai urutan terbaru.") % {"value": sort[:50]})
            sort = "terbaru"
        self.sort = sort

    # --- options (one small query per taxonomy, whatever the page size) -----------------

    def _load_options(self):
        return catalogue_options()

    def _clean(self, name, values):
        allowed = self.options[name]
        cleaned = []
        for raw in values[:MAX_VALUES_PER_FILTER]:
            value = raw.strip()
            if not value:
                continue
            if allowed is None:
                ok = len(value) <= 100 and all(ch.isalnum() or ch in "-_" for ch in value)
            else:
                ok = any(option.value == value for option in allowed)
            if ok and value not in cleaned:
                cleaned.append(value)
            elif not ok:
                self.errors.append(
                    _("Nilai “%(value)s” untuk filter %(field)s tidak dikenal dan diabaikan.")
                    % {"value": value[:50], "field": self.FIELDS[name]}
                )
        return cleaned

    # --- queryset ------------------------------------------------------------------------

    def narrow(self, queryset, skip=None):
        """``queryset`` narrowed by every selected filter except ``skip`` (unsorted)."""
        for f in CATALOGUE_FILTERS:
            values = self.selected[f.name]
            if values and f.name != skip:
                queryset = f.narrow(queryset, values, self.options[f.name])
        return queryset

    def apply(self, queryset):
        return self.narrow(queryset).order_by(*SORTS[self.sort][1])

    def counts(self, queryset, stored=None):
        """{filter: {value: pages}} for the form, counted as search counts facets: a filter's
        values with every *other* filter applied, so each count is what ticking that value
        would add. ``stored`` (the unfiltered counts of every live public innovation,
        core/figures.py) answers a filter when no other filter is selected, without a query;
        with filters selected the counts come from the catalogue's bitsets (filter_bits) when
        every selected filter has them; otherwise one grouped query per filter."""
        self._counts = {}
        counted = [f for f in CATALOGUE_FILTERS if f.count is not None and self.options[f.name] is not None]
        chosen = {name: values for name, values in self.selected.items() if values}
        bits = self._bits()
        if bits is not None:
            passing = {name: bits.filter_mask(name, values) for name, values in chosen.items()}
            for f in counted:
                base = bits.present
                for name, mask in passing.items():
                    if name != f.name:
                        base &= mask
                self._counts[f.name] = bits.count(f.name, base)
            return self._counts
        for f in counted:
            others = any(values for name, values in chosen.items() if name != f.name)
            if stored is not None and not others and f.name in stored:
                self._counts[f.name] = stored[f.name]
            else:
                self._counts[f.name] = f.count(self.narrow(queryset, skip=f.name), self.options[f.name])
        return self._counts

    def _bits(self):
        """The catalogue's bitsets when a filter is selected and every selected one is in them
        (not a tag); else None."""
        chosen = [name for name, values in self.selected.items() if values]
        if not chosen or not all(filter_bits.has_bits(name, self.options) for name in chosen):
            return None
        return filter_bits.catalogue_bits(self.options)

    def filtered_total(self):
        """How many innovations the selected filters give, from the bitsets without a query;
        None when a selected filter has none (a tag) or nothing is selected."""
        bits = self._bits()
        if bits is None:
            return None
        everything = bits.present
        for name, values in self.selected.items():
            if values:
                everything &= bits.filter_mask(name, values)
        return everything.bit_count()

    def per_page(self, sizes):
        value = int_or(self.params.get("per_halaman"), sizes[0])
        return value if value in sizes else sizes[0]

    # --- presentation helpers -------------------------------------------------------------

    @property
    def is_active(self):
        return any(self.selected.values())

    def sort_options(self):
        return [Option(key, str(label)) for key, (label, _order) in SORTS.items()]

    def fields(self):
        """[(name, label, options, selected)] for the filter form; after ``counts()``, each
        option carries ``count`` and ``checked``, and only the values that give innovations
        (or are selected) are offered."""
        counts = getattr(self, "_counts", None)
        fields = []
        for name, label in self.FIELDS.items():
            options, selected = self.options[name], self.selected[name]
            if options is None:
                continue
            if counts is not None and name in counts:
                by_value = counts[name]
                options = [
                    CountedOption(o.value, o.label, by_value.get(o.value, 0), o.value in selected)
                    for o in options
                    if by_value.get(o.value) or o.value in selected
                ]
            fields.append((name, label, options, selected))
        return fields

    def chips(self):
        """Active filters as (label, value label, URL without that value)."""
        chips = []
        for name, values in self.selected.items():
            labels = {o.value: o.label for o in (self.options[name] or [])}
            for value in values:
                params = self.params.copy()
                params.setlist(name, [v for v in values if v != value])
                params.pop("halaman", None)
                chips.append((self.FIELDS[name], labels.get(value, value), "?" + params.urlencode()))
        return chips
