"""The admin home's role dashboards: one panel per role, each read in a fixed number of queries.

* a **hub coordinator** sees the pages of their hubs waiting in moderation, the live innovations
  whose status was last verified too long ago, the replications waiting for them and the
  hubs' coming events;
* an **agency editor** sees their agency's drafts, its open PKRI self-assessments and its
  replications (as adopter or owner);
* a **national admin** sees national figures.

Who sees which panel is decided by ``panels_for`` alone: coordinators by their hub groups
(``hubs.membership``), editors by their agency, national admins by ``is_superuser``. The data
is read when the panel is built (lists are sliced, figures aggregated), so rendering runs no query.
"""
import datetime

from django.db.models import Count, Q
from django.utils import timezone
from wagtail.admin.ui.components import Component
from wagtail.models import Page, WorkflowState

from agencies.models import Agency, agency_for_user
from innovations.models import InnovationPage
from news.models import EventPage
from pkri.models import AssessmentObject, ObjectStatus
from replication import selectors
from replication.models import Replication, Stage

from .membership import coordinated_hub_paths, in_hub_q
from .models import HubPage

LIST_LIMIT = 8


def _in_hubs_q(paths):
    condition = Q(pk__in=[])
    for path in paths:
        condition |= in_hub_q(path)
    return condition


def _stale_cutoff():
    return datetime.date.today() - datetime.timedelta(days=InnovationPage.STALE_AFTER_DAYS)


def _in_moderation():
    return Q(_workflow_states__status=WorkflowState.STATUS_IN_PROGRESS)


class DashboardPanel(Component):
    template_name = ""

    def __init__(self, **data):
        self.data = data

    def get_context_data(self, parent_context):
        return dict(self.data)


class CoordinatorPanel(DashboardPanel):
    name = "dasbor_koordinator"
    order = 40
    template_name = "hubs/admin/coordinator_panel.html"


class EditorPanel(DashboardPanel):
    name = "dasbor_editor"
    order = 40
    template_name = "hubs/admin/editor_panel.html"


class NationalPanel(DashboardPanel):
    name = "dasbor_nasional"
    order = 30
    template_name = "hubs/admin/national_panel.html"


def coordinator_panel(user, paths):
    """Eight queries (three of them the replication selector's), whatever the hubs hold."""
    in_hubs = _in_hubs_q(paths)
    moderation = list(
        Page.objects.filter(in_hubs, _in_moderation()).distinct()
        .order_by("latest_revision_created_at").values("pk", "title", "latest_revision_created_at")[:LIST_LIMIT]
    )
    stale = InnovationPage.objects.live().filter(in_hubs, last_verified__lt=_stale_cutoff())
    return CoordinatorPanel(
        moderation=moderation,
        stale_count=stale.count(),
        stale=list(stale.order_by("last_verified", "title").values("pk", "title", "last_verified")[:LIST_LIMIT]),
        pending=selectors.awaiting(user, limit=LIST_LIMIT),
        events=list(
            EventPage.objects.live().filter(in_hubs, start__gte=timezone.now())
            .order_by("start").values("pk", "title", "start", "url_path")[:LIST_LIMIT]
        ),
    )


def editor_panel(agency):
    """Three queries, whatever the agency holds."""
    now = timezone.now()
    drafts = list(
        InnovationPage.objects.filter(agency=agency).filter(Q(live=False) | Q(has_unpublished_changes=True))
        .annotate(moderation=Count("_workflow_states", filter=_in_moderation()))
        .order_by("-latest_revision_created_at").values("pk", "title", "live", "latest_revision_created_at", "moderation")
        [:LIST_LIMIT]
    )
    pkri = list(
        AssessmentObject.objects.filter(
            locus__agency=agency, status=ObjectStatus.DRAF,
            cycle__self_assessment_opens__lte=now, cycle__self_assessment_closes__gte=now,
        ).select_related("cycle", "innovation", "replication__origin", "replication__adopter", "locus__agency").order_by("cycle__self_assessment_closes", "pk")
        [:LIST_LIMIT]
    )
    replications = list(
        selectors.for_listing(Replication.objects.filter(Q(adopter=agency) | Q(origin__agency=agency)))
        .order_by("-stage_changed_at", "-pk")[:LIST_LIMIT]
    )
    return EditorPanel(agency=agency, drafts=drafts, pkri=pkri, replications=replications)


def national_panel():
    """Five queries: one aggregate per kind of record."""
    innovations = InnovationPage.objects.aggregate(
        published=Count("pk", filter=Q(live=True)),
        unpublished=Count("pk", filter=Q(live=False)),
        stale_count=Count("pk", filter=Q(live=True, last_verified__lt=_stale_cutoff())),
    )
    closed = (Stage.DITOLAK, Stage.DIBATALKAN)
    replications = Replication.objects.aggregate(
        active=Count("pk", filter=~Q(stage__in=closed)),
        pending=Count("pk", filter=Q(stage=Stage.MINAT)),
        institutionalised=Count("pk", filter=Q(stage=Stage.MELEMBAGA)),
    )
    figures = {
        "innovations": innovations,
        "replications": replications,
        "hubs": HubPage.objects.live().count(),
        "agencies": Agency.objects.count(),
        "moderation": Page.objects.filter(_in_moderation()).distinct().count(),
    }
    return NationalPanel(figures=figures)


def panels_for(user):
    """The dashboard panels ``user`` may see, in the order the admin home shows them."""
    panels = []
    if user.is_superuser:
        panels.append(national_panel())
    paths = coordinated_hub_paths(user)
    if paths:
        panels.append(coordinator_panel(user, paths))
    agency = agency_for_user(user)
    if agency is not None:
        panels.append(editor_panel(agency))
    return panels
