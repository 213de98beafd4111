"""Catalogue filters: parse the query string, drop what is invalid, build the queryset.

Everything that reaches the ORM has been checked against a whitelist, so a hand-edited URL
can only narrow or widen the list, never break the page; rejected values are reported back
so the visitor sees why a filter was ignored.
"""
from dataclasses import dataclass

from django.db.models import F, Q
from django.http import QueryDict
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agencies.models import AgencyType
from regions.models import Province

from .models import (
    FIRST_YEAR,
    AwardTier,
    Category,
    InnovationAward,
    InnovationPage,
    InnovationTag,
    SDG,
    SustainabilityStatus,
    current_year,
)

MAX_VALUES_PER_FILTER = 20

SORTS = {
    "terbaru": (gettext_lazy("Terbaru"), ("-year_started", "title")),
    "judul": (gettext_lazy("Judul (A-Z)"), ("title",)),
    # Unverified innovations last on every database (PostgreSQL would put NULLs first).
    "terverifikasi": (gettext_lazy("Terakhir diverifikasi"), (F("last_verified").desc(nulls_last=True), "title")),
}


@dataclass
class Option:
    value: str
    label: str


class CatalogueFilter:
    """Filters by hub, province, agency type, category, SDG, year, award tier, status, tag."""

    #: URL parameter -> label, in display order.
    FIELDS = {
        "hub": gettext_lazy("Hub"),
        "provinsi": gettext_lazy("Provinsi"),
        "jenis_instansi": gettext_lazy("Jenis instansi"),
        "kategori": gettext_lazy("Kategori"),
        "sdg": gettext_lazy("SDG"),
        "tahun": gettext_lazy("Tahun"),
        "penghargaan": gettext_lazy("Penghargaan"),
        "status": gettext_lazy("Status keberlanjutan"),
        "tag": gettext_lazy("Tag"),
    }

    def __init__(self, params: QueryDict):
        self.params = params
        self.options = self._load_options()
        self.selected = {}
        self.errors = []
        for name in self.FIELDS:
            self.selected[name] = self._clean(name, params.getlist(name))
        sort = params.get("urutkan", "terbaru")
        if sort not in SORTS:
            self.errors.append(_("Urutan “%(value)s” tidak dikenal; memakai urutan terbaru.") % {"value": sort[:50]})
            sort = "terbaru"
        self.sort = sort

    # --- options (one small query per taxonomy, whatever the page size) -----------------

    def _load_options(self):
        from hubs.models import HubPage

        self._hubs = {
            hub.slug: hub
            for hub in HubPage.objects.live().public().only("slug", "title", "path").order_by("title")
        }
        year_now = current_year()
        return {
            "hub": [Option(slug, hub.title) for slug, hub in self._hubs.items()],
            "provinsi": [Option(p.slug, p.name) for p in Province.objects.only("slug", "name")],
            "jenis_instansi": [Option(v, str(label)) for v, label in AgencyType.choices],
            "kategori": [Option(c.slug, c.name) for c in Category.objects.only("slug", "name")],
            "sdg": [Option(str(s.number), str(s)) for s in SDG.objects.all()],
            "tahun": [Option(str(y), str(y)) for y in range(year_now, FIRST_YEAR - 1, -1)],
            "penghargaan": [Option(t.slug, t.name) for t in AwardTier.objects.only("slug", "name")],
            "status": [Option(v, str(label)) for v, label in SustainabilityStatus.choices],
            "tag": None,  # free vocabulary: any well-formed slug is accepted
        }

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

    def apply(self, queryset):
        """Filter with uncorrelated ``pk IN (subquery)`` for many-valued facets: evaluated once,
        whereas a correlated EXISTS let SQLite scan every award of a tier for every page."""
        s = self.selected
        if s["hub"]:
            hub_q = Q()
            for slug in s["hub"]:
                hub_q |= Q(path__startswith=self._hubs[slug].path)
            queryset = queryset.filter(hub_q)
        if s["provinsi"]:
            queryset = queryset.filter(province__slug__in=s["provinsi"])
        if s["jenis_instansi"]:
            queryset = queryset.filter(agency__agency_type__in=s["jenis_instansi"])
        if s["kategori"]:
            through = InnovationPage.categories.through
            queryset = queryset.filter(
                pk__in=through.objects.filter(category__slug__in=s["kategori"]).values("innovationpage_id")
            )
        if s["sdg"]:
            through = InnovationPage.sdgs.through
            queryset = queryset.filter(
                pk__in=through.objects.filter(sdg__number__in=s["sdg"]).values("innovationpage_id")
            )
        if s["tahun"]:
            queryset = queryset.filter(year_started__in=[int(y) for y in s["tahun"]])
        if s["penghargaan"]:
            queryset = queryset.filter(
                pk__in=InnovationAward.objects.filter(tier__slug__in=s["penghargaan"]).values("innovation_id")
            )
        if s["status"]:
            queryset = queryset.filter(sustainability_status__in=s["status"])
        if s["tag"]:
            queryset = queryset.filter(
                pk__in=InnovationTag.objects.filter(tag__slug__in=s["tag"]).values("content_object_id")
            )
        return queryset.order_by(*SORTS[self.sort][1])

    def per_page(self, sizes):
        try:
            value = int(self.params.get("per_halaman", sizes[0]))
        except (TypeError, ValueError):
            return sizes[0]
        return value if value in sizes else sizes[0]

    # --- presentation helpers -------------------------------------------------------------

    @property
    def is_active(self):
        return any(self.selected.values())

    def sort_options(self):
        return [Option(key, str(label)) for key, (label, _order) in SORTS.items()]

    def fields(self):
        """[(name, label, options, selected)] for the filter form."""
        return [
            (name, label, self.options[name], self.selected[name])
            for name, label in self.FIELDS.items()
            if self.options[name] is not None
        ]

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
