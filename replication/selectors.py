"""Read-side queries: what each page shows, each in a fixed number of queries.

Public figures only count public replications (see ``public_replications``); a party to a
replication sees it from interest on through ``visible_to``.
"""
from collections import Counter

from django.db.models import Count, Q
from django.db.models.functions import ExtractYear

from agencies.models import agency_for_user
from core.visibility import restricted_sections
from hubs.membership import HubDirectory, coordinated_hub_paths, in_hub_q
from innovations.models import InnovationPage

from .models import ENDED, PROGRESS, FollowUpReport, OwnerDecision, Replication, Stage

#: Public replications that still count as "replicating": not cancelled or declined.
ACTIVE = ~Q(stage__in=ENDED)
MAX_LINEAGE_DEPTH = 6


def _public():
    """The condition of ``public_replications``, for combining with a party's own rows: the
    origin's ``live`` and view restrictions (``InnovationPage.objects.public()``) read through
    the join the listings make anyway, not an ``IN`` over every live innovation (two tables
    fewer for the planner: it spent about 30 ms planning each listing query)."""
    condition = Q(public_since__isnull=False, origin__live=True)
    for path, depth in restricted_sections():
        condition &= ~Q(origin__path__startswith=path, origin__depth__gte=depth)
    return condition


def public_replications():
    """What the public may see and count, on every outlet (dashboard, its CSV, the API, the
    innovation and hub pages, the detail page): replications from kesepakatan on, of an
    innovation that is itself live and public. A figure or a row must not reveal an innovation
    that is not published, or no longer is; once it is published again its replications reappear."""
    return Replication.objects.filter(_public())


def visible_to(user):
    """Replications this user may see: public ones, and those they are a party to."""
    if user.is_authenticated and user.is_superuser:
        return Replication.objects.all()
    condition = _public()
    agency = agency_for_user(user)
    if agency is not None:
        condition |= Q(adopter=agency) | Q(origin__agency=agency)
    for hub_side in _coordinated_hub_sides(user):
        condition |= hub_side
    return Replication.objects.filter(condition)


def _touching(hub, hubs):
    """Replications of an innovation in ``hub`` or by an agency of ``hub`` (``hubs.membership``)."""
    return in_hub_q(hub, prefix="origin__") | Q(adopter__in=hubs.agencies_of(hub))


def _coordinated_hub_sides(user):
    """One ``_touching`` condition per hub the user coordinates (no hub query when none)."""
    paths = coordinated_hub_paths(user)
    hubs = HubDirectory() if paths else None
    return [_touching(hubs.by_path[path], hubs) for path in paths]


def for_listing(queryset):
    return queryset.select_related("origin", "origin__agency", "adopter", "adopter__province", "service_unit", "replica")


def for_dashboard(queryset):
    """What the public dashboard's table and network show (origin, adopter and its province):
    six tables joined instead of nine, which PostgreSQL plans in a fraction of the time (about
    20 ms per query went to planning the nine-table join, more than to running it)."""
    return queryset.select_related("origin", "adopter", "adopter__province")


def replication_counts(ids) -> dict[int, int]:
    """Active public replications per origin innovation id (the search's "most replicated")."""
    rows = public_replications().filter(ACTIVE, origin_id__in=list(ids)).values("origin_id").annotate(n=Count("pk"))
    return {row["origin_id"]: row["n"] for row in rows.order_by()}


def stage_counts(queryset) -> list[tuple[str, str, int]]:
    """[(stage value, label, count)] in process order, including zero counts."""
    counts = dict(queryset.values_list("stage").annotate(n=Count("pk")).order_by())
    return [(stage.value, stage.label, counts.get(stage.value, 0)) for stage in [*PROGRESS, Stage.DITOLAK, Stage.DIBATALKAN]]


def filtered(queryset, *, hub=None, province=None, stage=None, year=None):
    """The dashboard's filters: origin hub (or adopter in the hub), adopter province, stage, year."""
    if hub is not None:
        queryset = queryset.filter(_touching(hub, HubDirectory()))
    if province is not None:
        queryset = queryset.filter(adopter__province=province)
    if stage:
        queryset = queryset.filter(stage=stage)
    if year:
        queryset = queryset.filter(created_at__year=year)
    return queryset


def bars(pairs):
    """[(label, n)] -> [(label, n, percent of the largest)] for the bar charts."""
    pairs = list(pairs)
    top = max((n for _label, n in pairs), default=0)
    return [(label, n, round(100 * n / top) if top else 0) for label, n in pairs]


def per_year(queryset):
    rows = queryset.annotate(year=ExtractYear("created_at")).values("year").annotate(n=Count("pk")).order_by("year")
    return bars((row["year"], row["n"]) for row in rows)


def per_province(queryset, limit=15):
    rows = (
        queryset.exclude(adopter__province__isnull=True)
        .values("adopter__province__name").annotate(n=Count("pk")).order_by("-n", "adopter__province__name")[:limit]
    )
    return bars((row["adopter__province__name"], row["n"]) for row in rows)


def most_replicated(queryset, limit=10):
    """[(innovation, count)] of the origins with most replications in ``queryset``."""
    rows = list(queryset.values("origin_id").annotate(n=Count("pk")).order_by("-n", "origin_id")[:limit])
    pages = InnovationPage.objects.filter(pk__in=[r["origin_id"] for r in rows]).select_related("agency").in_bulk()
    return [(pages[r["origin_id"]], r["n"]) for r in rows if r["origin_id"] in pages]


def network(queryset, limit=60):
    """Nodes and edges of the lineage network: innovations and adopter agencies as nodes,
    replications as edges, laid out in two columns for a server-drawn SVG."""
    edges = list(for_dashboard(queryset).order_by("-public_since", "-pk")[:limit])
    innovations = {}
    agencies = {}
    for r in edges:
        innovations.setdefault(r.origin_id, r.origin)
        agencies.setdefault(r.adopter_id, r.adopter)
    row_height, top = 34, 30
    left = {pk: top + i * row_height for i, pk in enumerate(sorted(innovations, key=lambda pk: innovations[pk].title))}
    right = {pk: top + i * row_height for i, pk in enumerate(sorted(agencies, key=lambda pk: agencies[pk].name))}
    height = top + max(len(left), len(right), 1) * row_height
    return {
        "innovations": [{"page": innovations[pk], "y": y} for pk, y in left.items()],
        "agencies": [{"agency": agencies[pk], "y": y} for pk, y in right.items()],
        "edges": [{"replication": r, "y1": left[r.origin_id], "y2": right[r.adopter_id]} for r in edges],
        "height": height,
    }


def innovation_summary(page):
    """What an innovation page shows: public replications by stage, adopters, reports."""
    public = public_replications().filter(origin=page)
    replications = list(for_listing(public).order_by("stage_changed_at"))
    counts = Counter(r.stage for r in replications)
    reports = list(
        FollowUpReport.objects.filter(replication__in=public).select_related("replication__adopter").order_by("-created_at")[:10]
    )
    return {
        "replications": replications,
        "active_count": sum(1 for r in replications if r.stage not in ENDED),
        "by_stage": [(stage.label, counts[stage.value]) for stage in PROGRESS[1:] if counts[stage.value]],
        "reports": reports,
        "average_rating": round(sum(r.rating for r in reports) / len(reports), 1) if reports else None,
    }


def lineage(page):
    """Ancestors (origin, its origin, …) and descendants (replicas by generation) of a page,
    public and live only; one query per generation."""
    ancestors, current, seen = [], page, {page.pk}
    for _depth in range(MAX_LINEAGE_DEPTH):
        link = (
            public_replications().filter(replica=current).select_related("origin", "adopter").first()
        )
        if link is None or link.origin_id in seen or not link.origin.live:
            break
        ancestors.insert(0, link)
        seen.add(link.origin_id)
        current = link.origin
    generations, frontier = [], [page.pk]
    for _depth in range(MAX_LINEAGE_DEPTH):
        links = list(
            public_replications()
            .filter(origin_id__in=frontier, replica__isnull=False, replica__live=True)
            .exclude(replica_id__in=seen)
            .select_related("replica", "adopter", "origin")
            .order_by("replica__title")
        )
        if not links:
            break
        generations.append(links)
        seen.update(link.replica_id for link in links)
        frontier = [link.replica_id for link in links]
    return {"ancestors": ancestors, "generations": generations}


def awaiting(user, limit=20):
    """Replications waiting for this user: kerja sama requests to answer (owner side) and new
    requests touching the hubs they coordinate; for an adopter, its open ones."""
    agency = agency_for_user(user)
    condition = Q(pk__in=[])
    if agency is not None:
        condition |= Q(origin__agency=agency, stage=Stage.MINAT, owner_decision=OwnerDecision.MENUNGGU)
    for hub_side in _coordinated_hub_sides(user):
        condition |= hub_side & Q(stage=Stage.MINAT)
    if user.is_superuser:
        condition |= Q(stage=Stage.MINAT)
    return list(for_listing(Replication.objects.filter(condition)).order_by("created_at")[:limit])


def hub_figures(hub):
    """A hub page's replication figures: public replications of its innovations, and by its agencies."""
    public = public_replications()
    in_hub = in_hub_q(hub, prefix="origin__")
    by_agencies = Q(adopter__in=HubDirectory().agencies_of(hub))
    # the three totals in one pass over the rows on either side of the hub
    totals = public.filter(in_hub | by_agencies).aggregate(
        of_hub=Count("pk", filter=in_hub & ACTIVE),
        institutionalised=Count("pk", filter=in_hub & Q(stage=Stage.MELEMBAGA)),
        by_hub=Count("pk", filter=by_agencies & ACTIVE),
    )
    return {
        "of_hub": totals["of_hub"],
        "by_hub": totals["by_hub"],
        "institutionalised": totals["institutionalised"],
        "top": most_replicated(public.filter(in_hub & ACTIVE), limit=3),
    }


def count_of_hubs(hubs):
    """Active public replications of each hub's innovations, by hub id, in one query (the
    hub index's cards; ``hub_figures`` is the per-hub detail)."""
    if not hubs:
        return {}
    from django.db.models.functions import Substr

    step = len(hubs[0].path)  # hubs are siblings: their paths are equally long
    rows = (
        public_replications().filter(ACTIVE)
        .annotate(hub_path=Substr("origin__path", 1, step))
        .values("hub_path").annotate(n=Count("pk")).order_by()
    )
    by_path = {row["hub_path"]: row["n"] for row in rows}
    return {hub.pk: by_path.get(hub.path, 0) for hub in hubs}
