"""Which hub a page, an agency or a coordinator belongs to: decided here and nowhere else.

Six copies of this used to disagree at the edges (a ministry that runs its own hub imported
its innovations into the national hub; a coordinator could see a replication on the dashboard
that the rules did not let them act on), so the rules are written down once:

* **A page belongs to the hub it is a child of.** The tree is locked (a hub's children have no
  children), so "child of the hub" and "under the hub's path" are the same test; listings use
  the path prefix (``in_hub_q``) because it is one indexed filter.
* **An agency belongs to the hub it runs** (``HubPage.agency``: a ministry's K/L hub, a
  provincial government's province hub), **else to the hub of its province, else to none.**
  An agency that runs several hubs belongs to the first in tree order. ``agencies_q`` is the
  exact inverse, so "which replications does a coordinator see" and "is this coordinator a
  party" cannot disagree. ``HubPage.spokes`` is what a hub page shows off, not membership.
* **New content of an agency goes to the agency's hub, else to the national hub**
  (``home_hub``), which curates places that are not hubs yet. The content's own region does
  not choose: the agency's editors, and the coordinators who moderate them, work in the
  agency's hub.
* **A user coordinates the hubs whose coordinator group they are in** (``HubRoles``), whatever
  page permissions they hold elsewhere; coordinator mail goes to the active ones with an address.

Membership ignores publishing: an unpublished hub still owns its subtree and its agencies.
"""
from django.contrib.auth import get_user_model
from django.db.models import Count, Q
from django.db.models.functions import Substr
from wagtail.models import Page

from agencies.models import Agency

from .models import HubPage, HubRoles

# --- pages -----------------------------------------------------------------------------------

def hub_path_of(page_path):
    """Tree path of the hub that the page at ``page_path`` belongs to."""
    return page_path[: -Page.steplen]


def hub_of_page(page):
    return HubPage.objects.filter(path=hub_path_of(page.path)).first()


def attach_hubs(pages):
    """Set ``page.hub`` on each page with one query for all; returns the pages as a list."""
    pages = list(pages)
    paths = {hub_path_of(page.path) for page in pages}
    hubs = {hub.path: hub for hub in HubPage.objects.filter(path__in=paths)} if paths else {}
    for page in pages:
        page.hub = hubs.get(hub_path_of(page.path))
    return pages


def hub_refs(page_paths):
    """{hub path: (slug, title)} of the hubs the pages at ``page_paths`` belong to (``attach_hubs``
    without reading whole hub pages: the API's lists), from a map of every hub kept under the
    page cache's generation (a hub's save starts a new one): no query per list."""
    from core.page_cache import figures

    paths = {hub_path_of(path) for path in page_paths}
    if not paths:
        return {}
    every = figures("hub-refs", lambda: {path: (slug, title) for path, slug, title in
                                         HubPage.objects.values_list("path", "slug", "title")})
    return {path: every[path] for path in paths if path in every}


def in_hub_q(hub, prefix=""):
    """Q matching the pages of ``hub`` (a hub or its path); ``prefix`` reaches a page through a
    relation, as in ``in_hub_q(hub, "origin__")``."""
    path = hub if isinstance(hub, str) else hub.path
    return Q(**{f"{prefix}path__startswith": path})


def count_by_path(pages, hub_paths):
    """How many of ``pages`` (a page queryset) each hub holds, by hub path, in one query."""
    if not hub_paths:
        return {}
    by_path = count_by_path_prefix(pages, len(hub_paths[0]))  # hubs are siblings: equally long paths
    return {path: by_path.get(path, 0) for path in hub_paths}


def count_by_path_prefix(pages, step):
    """{path prefix of length ``step``: how many of ``pages``}, in one grouped query: the counts
    of every hub at once when ``step`` is a hub path's length (only hubs with pages appear)."""
    rows = (
        pages.order_by().annotate(hub_path=Substr("path", 1, step)).values("hub_path").annotate(n=Count("pk")).order_by()
    )
    return {row["hub_path"]: row["n"] for row in rows}


def count_by_hub(pages, hubs):
    """How many of ``pages`` (a page queryset) each hub holds, by hub id, in one query."""
    by_path = count_by_path(pages, [hub.path for hub in hubs])
    return {hub.pk: by_path[hub.path] for hub in hubs}


# --- agencies --------------------------------------------------------------------------------

class HubDirectory:
    """Hubs read in one query, answering membership from memory: for bulk work (indexing,
    imports, dashboards) over all hubs, and for one agency over the few hubs that can matter."""

    def __init__(self, hubs=None):
        hubs = HubPage.objects.all() if hubs is None else hubs
        self.by_path, self.by_slug = {}, {}
        self._run_by, self._of_province = {}, {}
        self.national = None
        for hub in hubs.order_by("path"):
            self.by_path[hub.path] = hub
            self.by_slug.setdefault(hub.slug, hub)
            if hub.agency_id:
                self._run_by.setdefault(hub.agency_id, hub)
            if hub.province_id:
                self._of_province.setdefault(hub.province_id, hub)
            if hub.hub_type == HubPage.HubType.NASIONAL and self.national is None:
                self.national = hub

    def of_page_path(self, page_path):
        return self.by_path.get(hub_path_of(page_path))

    def of_agency(self, agency):
        if agency is None:
            return None
        return self._run_by.get(agency.pk) or self._of_province.get(agency.province_id)

    def home_for(self, agency):
        return self.of_agency(agency) or self.national

    def agencies_q(self, hub):
        """Q over ``Agency`` matching exactly the agencies whose hub (``of_agency``) is ``hub``."""
        condition = Q(pk__in=[agency_id for agency_id, runs in self._run_by.items() if runs.path == hub.path])
        if hub.province_id:
            condition |= Q(province_id=hub.province_id) & ~Q(pk__in=list(self._run_by))
        return condition

    def agencies_of(self, hub):
        """The ids of the agencies of ``hub``, as a subquery (``adopter__in=...``)."""
        return Agency.objects.filter(self.agencies_q(hub)).values("pk")


def _candidates(agency):
    """The hubs that can be an agency's: the ones it runs and its province's."""
    condition = Q(agency=agency)
    if agency.province_id:
        condition |= Q(province_id=agency.province_id)
    return condition


def hub_of_agency(agency):
    if agency is None:
        return None
    return HubDirectory(HubPage.objects.filter(_candidates(agency))).of_agency(agency)


def home_hub(agency):
    """Where new content of ``agency`` goes: its hub, else the national hub (None if neither)."""
    condition = Q(hub_type=HubPage.HubType.NASIONAL)
    if agency is not None:
        condition |= _candidates(agency)
    return HubDirectory(HubPage.objects.filter(condition)).home_for(agency)


def agencies_of_hub(hub):
    return HubDirectory().agencies_of(hub)


# --- coordinators ----------------------------------------------------------------------------

def coordinated_hub_paths(user):
    """Tree paths of the hubs whose coordinator group the user is in."""
    if not user.is_authenticated:
        return []
    return list(HubRoles.objects.filter(coordinators__user=user).values_list("hub__path", flat=True))


def coordinator_addresses(hub):
    if hub is None:
        return set()
    return set(
        get_user_model().objects.filter(groups__coordinated_hub__hub=hub, is_active=True)
        .exclude(email="").values_list("email", flat=True)
    )
