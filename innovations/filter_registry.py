"""The catalogue's filters, declared once.

A filter used to be spelled out in eight files (the catalogue form and queryset, the search
facets, the embedded index's columns, the Elasticsearch mapping, the index documents, the facet
labels and the API's parameters), and nothing noticed when one of them fell out of step. Every
one of those is now built from the declarations below, so adding a filter is one edit here
(plus the migration ``makemigrations`` writes for the embedded index's new column), and
tests/innovations/test_filter_registry.py checks that each consumer still follows this list.

Loaders import models when they run, never at import time: the search index's model and the
API's schemas are built from this module while the apps are still loading.
"""
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from core.numbers import int_or, is_int


@dataclass
class Option:
    value: str
    label: str
    #: what the filter's queryset needs besides the value (a hub's tree path)
    data: Any = None


@dataclass
class IndexedPage:
    """What an index document's facet values are read from (see ``search.indexing``)."""

    #: the page's ``QuerySet.values()``, including every filter's ``page_fields``
    values: dict
    #: filter name -> this page's rows from that filter's ``load_related``
    related: dict
    #: the HubPage the page sits under, or None
    hub: Any
    #: active public replications
    replication_count: int


@dataclass(frozen=True)
class Filter:
    #: URL parameter, search facet field, index column / document field and API parameter
    name: str
    #: heading in the catalogue form, the active-filter chips and the search facets
    label: Any
    #: an innovation may carry several values (categories, SDGs, award tiers, tags)
    multi_valued: bool
    #: the values a page's index document holds, from an ``IndexedPage``
    index_value: Callable[[IndexedPage], str | list[str]]
    #: labels of the given values, in one query at most (search facets)
    value_labels: Callable[[list[str]], dict[str, str]]
    #: every value the catalogue offers and accepts; None: any well-formed slug (free vocabulary)
    options: Callable[[], list[Option]] | None = None
    #: the queryset narrowed to pages carrying any of the (validated) values; gets the loaded options
    narrow: Callable[[Any, list[str], list[Option] | None], Any] | None = None
    #: description of the API parameter (with an example), shown in the OpenAPI schema
    api_description: str = ""
    #: page columns (``values()`` paths) ``index_value`` reads
    page_fields: tuple[str, ...] = ()
    #: for many-valued filters: page ids -> {page id: [rows]} in one query, read by ``index_value``
    load_related: Callable[[list[int]], dict[int, list]] | None = None
    #: the embedded index's column: a CharField of this length, or a TextField when None
    max_length: int | None = None
    #: in the catalogue (and so in the API); otherwise a search-only facet
    catalogue: bool = True
    #: a search facet (index documents, both engines, facet labels)
    search: bool = True
    #: catalogue counts: (page queryset, loaded options) -> {value: pages carrying it}, in one
    #: grouped query whatever the number of pages or values
    count: Callable[[Any, list[Option] | None], dict[str, int]] | None = None
    #: the catalogue's filter bitsets (innovations.filter_bits) are built from, for a single-valued
    #: filter, the page column holding its value (``bits_column``; all read in one query), turned
    #: into the filter's value by ``bits_value(options)(column value)`` when given; for a
    #: many-valued one, ``pairs``: () -> a queryset of (page id, value) rows
    bits_column: str = ""
    bits_value: Callable[[list[Option]], Callable[[Any], str | None]] | None = None
    pairs: Callable[[], Any] | None = None

    def column(self):
        """The embedded index's column for this filter (``search.models.SearchEntry``)."""
        if self.max_length is None:
            return models.TextField(blank=True)
        return models.CharField(max_length=self.max_length, blank=True)


# --- building blocks ------------------------------------------------------------------------
#
# Many-valued filters narrow with an uncorrelated ``pk IN (subquery)``: evaluated once, whereas
# a correlated EXISTS let SQLite scan every award of a tier for every page.


def _choice_options(choices):
    return [Option(value, str(label)) for value, label in choices]


def _labels_from_options(options):
    """value_labels of a filter whose options cost no query (choices, years)."""
    return lambda values: {option.value: option.label for option in options()}


def _count_by_column(column):
    """count of a filter read from one page column: GROUP BY that column."""

    def count(queryset, options):
        rows = queryset.order_by().values(column).annotate(n=Count("pk"))
        return {str(row[column]): row["n"] for row in rows if row[column] not in (None, "")}

    return count


def _count_related(model, page_column, value_column):
    """count of a many-valued filter: its rows of the given pages grouped by value, each page
    counted once (a page may hold the same award tier twice)."""

    def count(queryset, options):
        rows = (
            model().objects.filter(**{f"{page_column}__in": queryset.order_by().values("pk")})
            .values(value_column).annotate(n=Count(page_column, distinct=True)).order_by()
        )
        return {str(row[value_column]): row["n"] for row in rows}

    return count


def _pairs_related(model, page_column, value_column):
    """pairs of a many-valued filter: all its rows, of every page (a page may repeat a value);
    the bitsets keep those of live public pages, cheaper than a subquery of them."""
    return lambda: model().objects.order_by().values_list(page_column, value_column)


def _values_by_page(rows):
    by_page = {}
    for page_id, value in rows:
        by_page.setdefault(page_id, []).append(value)
    return by_page


# --- hub -----------------------------------------------------------------------------------


def _hub_options():
    from hubs.models import HubPage

    hubs = HubPage.objects.live().public().only("slug", "title", "path").order_by("title")
    return [Option(hub.slug, hub.title, data=hub.path) for hub in hubs]


def _hub_labels(values):
    from hubs.models import HubPage

    return dict(HubPage.objects.filter(slug__in=values).values_list("slug", "title"))


def _hub_narrow(queryset, values, options):
    from hubs.membership import in_hub_q

    paths = {option.value: option.data for option in options}
    in_hubs = Q()
    for slug in values:
        in_hubs |= in_hub_q(paths[slug])
    return queryset.filter(in_hubs)


def _hub_count(queryset, options):
    from hubs.membership import count_by_path

    by_path = count_by_path(queryset, [option.data for option in options])
    return {option.value: by_path[option.data] for option in options if by_path.get(option.data)}


def _hub_of_path(options):
    """page path -> slug of the hub it belongs to (a child of the hub: hubs.membership)."""
    slugs = {option.data: option.value for option in options}
    step = len(next(iter(slugs))) if slugs else 0  # hubs are siblings: equally long paths
    return lambda path: slugs.get(path[:step])


# --- province ------------------------------------------------------------------------------


def _province_options():
    from regions.models import Province

    return [Option(p.slug, p.name) for p in Province.objects.only("slug", "name")]


def _province_labels(values):
    from regions.models import Province

    return dict(Province.objects.filter(slug__in=values).values_list("slug", "name"))


# --- agency type ---------------------------------------------------------------------------


def _agency_type_options():
    from agencies.models import AgencyType

    return _choice_options(AgencyType.choices)


# --- category ------------------------------------------------------------------------------


def _category_options():
    from .models import Category

    return [Option(c.slug, c.label) for c in Category.objects.only("slug", "name", "name_en")]


def _category_labels(values):
    from .models import Category

    return {c.slug: c.label for c in Category.objects.filter(slug__in=values).only("slug", "name", "name_en")}


def _category_narrow(queryset, values, options):
    from .models import InnovationPage

    through = InnovationPage.categories.through
    return queryset.filter(pk__in=through.objects.filter(category__slug__in=values).values("innovationpage_id"))


def _category_through():
    from .models import InnovationPage

    return InnovationPage.categories.through


def _page_categories(ids):
    from .models import InnovationPage

    through = InnovationPage.categories.through
    return _values_by_page(
        through.objects.filter(innovationpage_id__in=ids).values_list("innovationpage_id", "category__slug")
    )


# --- SDG -----------------------------------------------------------------------------------


def _sdg_options():
    from .models import SDG

    return [Option(str(s.number), str(s)) for s in SDG.objects.all()]


def _sdg_labels(values):
    from .models import SDG

    numbers = [int(v) for v in values if is_int(v, minimum=1, maximum=999)]
    return {str(s.number): str(s) for s in SDG.objects.filter(number__in=numbers)}


def _sdg_narrow(queryset, values, options):
    from .models import InnovationPage

    through = InnovationPage.sdgs.through
    return queryset.filter(pk__in=through.objects.filter(sdg__number__in=values).values("innovationpage_id"))


def _sdg_through():
    from .models import InnovationPage

    return InnovationPage.sdgs.through


def _page_sdgs(ids):
    from .models import InnovationPage

    through = InnovationPage.sdgs.through
    rows = through.objects.filter(innovationpage_id__in=ids).values_list("innovationpage_id", "sdg__number")
    return _values_by_page((page_id, str(number)) for page_id, number in rows)


# --- year started --------------------------------------------------------------------------


def _year_options():
    from .models import FIRST_YEAR, current_year

    return [Option(str(y), str(y)) for y in range(current_year(), FIRST_YEAR - 1, -1)]


# --- award tier ----------------------------------------------------------------------------


def _award_options():
    from .models import AwardTier

    return [Option(t.slug, t.name) for t in AwardTier.objects.only("slug", "name")]


def _award_labels(values):
    from .models import AwardTier

    return dict(AwardTier.objects.filter(slug__in=values).values_list("slug", "name"))


def _award_narrow(queryset, values, options):
    from .models import InnovationAward

    return queryset.filter(pk__in=InnovationAward.objects.filter(tier__slug__in=values).values("innovation_id"))


def _award_model():
    from .models import InnovationAward

    return InnovationAward


def _page_awards(ids):
    from .models import InnovationAward

    return _values_by_page(
        InnovationAward.objects.filter(innovation_id__in=ids).values_list("innovation_id", "tier__slug")
    )


# --- sustainability status -----------------------------------------------------------------


def _status_options():
    from .models import SustainabilityStatus

    return _choice_options(SustainabilityStatus.choices)


# --- tag -----------------------------------------------------------------------------------


def _tag_labels(values):
    from taggit.models import Tag

    return dict(Tag.objects.filter(slug__in=values).values_list("slug", "name"))


def _tag_narrow(queryset, values, options):
    from .models import InnovationTag

    return queryset.filter(pk__in=InnovationTag.objects.filter(tag__slug__in=values).values("content_object_id"))


def _page_tags(ids):
    """(slug, name) per tag: the index also writes the names into the searchable text."""
    from .models import InnovationTag

    rows = InnovationTag.objects.filter(content_object_id__in=ids).values_list(
        "content_object_id", "tag__slug", "tag__name"
    )
    return _values_by_page((page_id, (slug, name)) for page_id, slug, name in rows)


# --- replication count (search only) -------------------------------------------------------


#: Replication-count buckets of the "replikasi" facet: (value, lowest count, highest count).
REPLICATION_BUCKETS = (("belum", 0, 0), ("1-2", 1, 2), ("3-5", 3, 5), ("6-lebih", 6, None))


def replication_bucket(count: int) -> str:
    for value, low, high in REPLICATION_BUCKETS:
        if count >= low and (high is None or count <= high):
            return value
    return REPLICATION_BUCKETS[0][0]


#: Labels of the buckets.
REPLICATION_LABELS = {
    "belum": _("Belum direplikasi"),
    "1-2": _("1–2 instansi"),
    "3-5": _("3–5 instansi"),
    "6-lebih": _("6 instansi atau lebih"),
}


def _replication_labels(values):
    return {value: str(label) for value, label in REPLICATION_LABELS.items()}


def _replication_bucket(page):
    return replication_bucket(page.replication_count)


# --- the declarations ----------------------------------------------------------------------

#: In display order: the catalogue form, the search facets and the API's parameters follow it.
FILTERS = (
    Filter(
        name="hub",
        label=_("Hub"),
        multi_valued=False,
        options=_hub_options,
        value_labels=_hub_labels,
        narrow=_hub_narrow,
        count=_hub_count,
        bits_column="path",
        bits_value=_hub_of_path,
        index_value=lambda page: page.hub.slug if page.hub else "",
        max_length=255,
        api_description="Slug hub, misalnya `sulawesi-utara`.",
    ),
    Filter(
        name="provinsi",
        label=_("Provinsi"),
        multi_valued=False,
        options=_province_options,
        value_labels=_province_labels,
        narrow=lambda queryset, values, options: queryset.filter(province__slug__in=values),
        count=_count_by_column("province__slug"),
        bits_column="province__slug",
        page_fields=("province__slug",),
        index_value=lambda page: page.values["province__slug"] or "",
        max_length=100,
        api_description="Slug provinsi, misalnya `jawa-timur`.",
    ),
    Filter(
        name="jenis_instansi",
        label=_("Jenis instansi"),
        multi_valued=False,
        options=_agency_type_options,
        value_labels=_labels_from_options(_agency_type_options),
        narrow=lambda queryset, values, options: queryset.filter(agency__agency_type__in=values),
        count=_count_by_column("agency__agency_type"),
        bits_column="agency__agency_type",
        page_fields=("agency__agency_type",),
        index_value=lambda page: page.values["agency__agency_type"] or "",
        max_length=20,
        api_description="Kode jenis instansi, misalnya `pemkot`.",
    ),
    Filter(
        name="kategori",
        label=_("Kategori"),
        multi_valued=True,
        options=_category_options,
        value_labels=_category_labels,
        narrow=_category_narrow,
        count=_count_related(_category_through, "innovationpage_id", "category__slug"),
        pairs=_pairs_related(_category_through, "innovationpage_id", "category__slug"),
        load_related=_page_categories,
        index_value=lambda page: sorted(page.related["kategori"]),
        api_description="Slug kategori.",
    ),
    Filter(
        name="sdg",
        label=_("SDG"),
        multi_valued=True,
        options=_sdg_options,
        value_labels=_sdg_labels,
        narrow=_sdg_narrow,
        count=_count_related(_sdg_through, "innovationpage_id", "sdg__number"),
        pairs=_pairs_related(_sdg_through, "innovationpage_id", "sdg__number"),
        load_related=_page_sdgs,
        index_value=lambda page: sorted(page.related["sdg"]),
        max_length=100,
        api_description="Nomor SDG (1-17).",
    ),
    Filter(
        name="tahun",
        label=_("Tahun mulai"),
        multi_valued=False,
        options=_year_options,
        value_labels=lambda values: {value: value for value in values},
        narrow=lambda queryset, values, options: queryset.filter(year_started__in=[int_or(v, 0) for v in values]),
        count=_count_by_column("year_started"),
        bits_column="year_started",
        page_fields=("year_started",),
        index_value=lambda page: str(page.values["year_started"]),
        max_length=4,
        api_description="Tahun mulai diterapkan.",
    ),
    Filter(
        name="penghargaan",
        label=_("Penghargaan"),
        multi_valued=True,
        options=_award_options,
        value_labels=_award_labels,
        narrow=_award_narrow,
        count=_count_related(_award_model, "innovation_id", "tier__slug"),
        pairs=_pairs_related(_award_model, "innovation_id", "tier__slug"),
        load_related=_page_awards,
        # a page may hold the same tier twice (different years)
        index_value=lambda page: sorted(set(page.related["penghargaan"])),
        api_description="Slug tingkat penghargaan, misalnya `top-45`.",
    ),
    Filter(
        name="status",
        label=_("Status keberlanjutan"),
        multi_valued=False,
        options=_status_options,
        value_labels=_labels_from_options(_status_options),
        narrow=lambda queryset, values, options: queryset.filter(sustainability_status__in=values),
        count=_count_by_column("sustainability_status"),
        bits_column="sustainability_status",
        page_fields=("sustainability_status",),
        index_value=lambda page: page.values["sustainability_status"],
        max_length=30,
        api_description="Kode status keberlanjutan, misalnya `berlanjut`.",
    ),
    Filter(
        name="tag",
        label=_("Tag"),
        multi_valued=True,
        options=None,  # free vocabulary
        value_labels=_tag_labels,
        narrow=_tag_narrow,
        load_related=_page_tags,
        index_value=lambda page: [slug for slug, _name in sorted(page.related["tag"])],
        api_description="Slug tag.",
    ),
    Filter(
        name="replikasi",
        label=_("Jumlah replikasi"),
        multi_valued=False,
        value_labels=_replication_labels,
        index_value=_replication_bucket,
        max_length=10,
        catalogue=False,
    ),
)

FILTERS_BY_NAME = {f.name: f for f in FILTERS}
#: the catalogue's form and queryset, and the API's parameters
CATALOGUE_FILTERS = tuple(f for f in FILTERS if f.catalogue)
#: search facets, index documents and columns, facet labels
SEARCH_FILTERS = tuple(f for f in FILTERS if f.search)
