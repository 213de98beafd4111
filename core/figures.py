"""Catalogue-wide figures kept in a small table instead of counted on each cold render.

Home's headline counts and chart, the map's counts per province and the unfiltered
catalogue's filter counts each cost a scan of every live innovation: at 100,000 innovations
ten such scans took about 1.5 s, paid by the first visitor after every change and by every
signed-in user. They are computed together here (``compute``), stored in one row of
``StoredFigures`` and read back with one indexed query.

Freshness rides on the page cache's invalidation (core/page_cache.py), not beside it: every
``bump`` (a page saved, published, unpublished, moved or deleted, a taxonomy, agency or region
edited, ``innovations_changed``) schedules ``refresh`` after its commit, once however many
bumps the transaction made (a cache flag). The Celery task recomputes the row, then bumps the
generation itself, so pages rendered from the old figures meanwhile are dropped too.

The row remembers the generation it was computed under. A reader trusts it when that is still
the current generation, or when a refresh is queued (the first visitors after a change get the
previous figures for the seconds the worker needs, not a 1.5 s page); otherwise (the row is
missing, the broker lost the task, a change made outside a committed transaction as in tests)
it computes the figures inline and stores them, so the numbers are never left wrong.
"""
import datetime
import logging

from django.core.cache import cache
from django.db import transaction

from core import page_cache

log = logging.getLogger(__name__)

CATALOGUE = "catalogue"
#: set while a refresh is queued or running; expires in case the task is lost
REFRESH_FLAG = "figures:refresh-queued"
REFRESH_FLAG_SECONDS = 120
#: the shape of the stored value: a row stored in an older shape is recomputed, not read
FORMAT = 3


def compute():
    """Every catalogue-wide figure, over live public innovations, in nine grouped queries:
    ``total``, ``hubs``, ``agencies``, ``by_province`` {province id: n}, ``facets`` {filter:
    {value: n}} (the catalogue's counts with no filter selected; ``tahun`` is also home's chart),
    ``by_hub_path`` {hub path: n} with ``hub_step``, the length of those paths (the hub lists),
    ``awarded_by_year`` {year: innovations awarded that year} (PKRI's survival table)."""
    from django.db.models import Count

    from agencies.models import Agency
    from hubs.membership import count_by_path_prefix
    from hubs.models import HubPage
    from innovations.filter_registry import CATALOGUE_FILTERS
    from innovations.models import InnovationAward, InnovationPage

    innovations = InnovationPage.objects.live().public()
    by_province = {
        str(row["province"]): row["n"]
        for row in innovations.exclude(province=None).values("province").annotate(n=Count("pk")).order_by()
    }
    facets, by_hub_path, hub_step = {}, {}, 0
    for f in CATALOGUE_FILTERS:
        if f.count is None or f.options is None:
            continue
        if f.name == "hub":
            # by hub path, one grouped scan that gives the filter's counts and the hub lists'
            # (hubs are siblings: equally long paths)
            options = f.options()
            hub_step = len(options[0].data) if options else 0
            by_hub_path = count_by_path_prefix(innovations, hub_step) if options else {}
            facets[f.name] = {o.value: by_hub_path[o.data] for o in options if by_hub_path.get(o.data)}
            continue
        facets[f.name] = f.count(innovations, None)
    return {
        "total": innovations.count(),
        "hubs": HubPage.objects.live().public().exclude(hub_type=HubPage.HubType.NASIONAL).count(),
        "agencies": Agency.objects.filter(pk__in=innovations.values("agency_id")).count(),
        "by_province": by_province,
        "facets": facets,
        # PKRI's survival table: every award row, live page or not, as that table always counted
        "awarded_by_year": {
            str(year): n for year, n in
            InnovationAward.objects.order_by().values_list("year").annotate(n=Count("innovation_id", distinct=True))
        },
        "format": FORMAT,
        "hub_step": hub_step,
        "by_hub_path": by_hub_path,
    }


def catalogue():
    """The stored figures (see the module docstring for when they are recomputed inline).

    A page asks for them up to five times (headline counts, chart, map, filter counts, total),
    the API's list once per request; a generation's row never changes, so with stored parts on
    each process reads it once per generation (``page_cache.local_get``). Callers only read it."""
    from .models import StoredFigures

    number = page_cache.generation()[0]
    key = f"pagecache:figures:{number}:{CATALOGUE}-row"
    remember = page_cache.fragment_seconds() > 0  # "cold" (no stored parts): read every time
    value = page_cache.local_get(key) if remember else None
    if value is not None:
        return value
    row = StoredFigures.objects.filter(name=CATALOGUE).only("value", "generation").first()
    if row is not None and row.value.get("format") == FORMAT and row.generation == number:
        value = row.value
    elif row is not None and row.value.get("format") == FORMAT and cache.get(REFRESH_FLAG):
        return row.value  # the previous figures while the refresh runs: not remembered
    else:
        value = compute()
        _store(value, number)
    if remember:
        page_cache.local_set(key, value, page_cache.fragment_seconds())
    return value


def _store(value, number):
    from .models import StoredFigures

    StoredFigures.objects.bulk_create(
        [StoredFigures(name=CATALOGUE, value=value, generation=number)],
        update_conflicts=True, unique_fields=["name"], update_fields=["value", "generation", "computed_at"],
    )


def refresh():
    """Recompute the stored figures now, then start a new generation (pages rendered from the
    previous figures are dropped) and record the figures under it."""
    cache.delete(REFRESH_FLAG)  # a change committed from here on queues another refresh
    value = compute()
    page_cache.next_generation()
    _store(value, page_cache.generation()[0])


#: set between Django's pre_migrate and post_migrate signals (core/apps.py): data migrations
#: save rows (and so bump the page cache) before the tables the figures count exist
migrating = False


def schedule_refresh():
    """After a commit that bumped the generation: queue one refresh (debounced by the flag)."""
    if migrating or not cache.add(REFRESH_FLAG, 1, REFRESH_FLAG_SECONDS):
        return
    from .tasks import refresh_figures

    try:
        refresh_figures.apply_async(countdown=1)
    except Exception:  # the broker is down: readers recompute inline once the flag expires
        log.warning("figures refresh not queued", exc_info=True)
        cache.delete(REFRESH_FLAG)


def on_commit_refresh():
    transaction.on_commit(schedule_refresh, robust=True)


# --- what pages read ---------------------------------------------------------------------------

def headline_counts():
    figures = catalogue()
    return {
        "innovations": figures["total"],
        "hubs": figures["hubs"],
        "agencies": figures["agencies"],
        "provinces": len([n for n in figures["by_province"].values() if n]),
    }


def by_year(years=12):
    """[(year, n, percent of the highest)] for the last ``years`` years that have innovations."""
    first = datetime.date.today().year - (years - 1)
    rows = sorted((int(year), n) for year, n in catalogue()["facets"].get("tahun", {}).items() if int(year) >= first)
    top = max((n for _y, n in rows), default=0)
    return [(year, n, round(100 * n / top) if top else 0) for year, n in rows]


def counts_by_province():
    """{province id: live public innovations}."""
    return {int(pk): n for pk, n in catalogue()["by_province"].items()}


def unfiltered_facets():
    return catalogue()["facets"]


def total():
    return catalogue()["total"]


def awarded_by_year():
    """{award year: how many innovations were awarded that year}."""
    return {int(year): n for year, n in catalogue()["awarded_by_year"].items()}


def count_by_hub_path(step):
    """{hub path: n} for hub paths ``step`` long, or None when the stored figures count hubs at
    another depth (or were stored before they counted hubs)."""
    figures = catalogue()
    return figures.get("by_hub_path") if figures.get("hub_step") == step else None
