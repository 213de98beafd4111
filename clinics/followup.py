"""Follow-up of a clinic: of the agencies that attended, how many later published an
innovation, started a replication or entered a competition, within the organiser's period
(``Report.followup_months`` after the event, 12 months when there is no report yet).

The competition count is pluggable: when the ``competitions`` app is installed and offers
``competitions.followup.entries(agency_ids, since)`` ((agency id, submitted at) pairs), it is
counted; otherwise the figure is ``None`` and pages say it is not available. Everything is computed for many
events at once with a fixed number of queries.
"""
import datetime
from importlib import import_module

from django.apps import apps
from django.db.models import Q

from .models import Registration, Report

DEFAULT_MONTHS = 12
KINDS = ("innovation", "replication", "competition")


def _window(event, months):
    start = event.end or event.start
    return start, start + datetime.timedelta(days=round(months * 30.44))


def competition_source(name="agencies_entered"):
    """The competitions app's follow-up function ``name`` (``agencies_entered`` or ``entries``),
    or None when the app or the function is absent."""
    if not apps.is_installed("competitions"):
        return None
    try:
        return getattr(import_module("competitions.followup"), name, None)
    except ImportError:
        return None


def figures_for(events):
    """{event id: {"agencies": n, "innovation": n, "replication": n, "competition": n or None}}."""
    from innovations.models import InnovationPage
    from replication.models import Replication, Stage

    events = list(events)
    if not events:
        return {}
    months = dict(Report.objects.filter(event__in=events).values_list("event_id", "followup_months"))
    attended = {}
    for event_id, agency_id in (Registration.objects.filter(cohort__event__in=events, attended=True)
                                .values_list("cohort__event_id", "agency_id").distinct()):
        attended.setdefault(event_id, set()).add(agency_id)
    windows = {event.pk: _window(event, months.get(event.pk, DEFAULT_MONTHS)) for event in events}
    all_agencies = set().union(*attended.values()) if attended else set()
    earliest = min(start for start, _end in windows.values())
    published, replicated = [], []
    if all_agencies:
        published = list(InnovationPage.objects.live().filter(
            agency_id__in=all_agencies, first_published_at__gte=earliest).values_list("agency_id", "first_published_at"))
        replicated = list(Replication.objects.filter(adopter_id__in=all_agencies, created_at__gte=earliest).exclude(
            stage__in=[Stage.DITOLAK, Stage.DIBATALKAN]).values_list("adopter_id", "created_at"))
    source = competition_source("entries")
    entered = list(source(all_agencies, earliest)) if source is not None and all_agencies else []
    result = {}
    for event in events:
        agencies = attended.get(event.pk, set())
        start, end = windows[event.pk]

        def within(rows, agencies=agencies, start=start, end=end):
            return len({agency for agency, when in rows if agency in agencies and start <= when <= end})

        competition = within(entered) if source is not None else None
        result[event.pk] = {
            "agencies": len(agencies), "innovation": within(published), "replication": within(replicated),
            "competition": competition, "until": end, "months": months.get(event.pk, DEFAULT_MONTHS),
        }
    return result


def event_figures(event):
    return figures_for([event])[event.pk]


def hub_figures(hub):
    """The follow-up of all the hub's past events with attendance, summed."""
    from django.utils import timezone

    from news.models import EventPage

    events = EventPage.objects.filter(Q(path__startswith=hub.path), start__lt=timezone.now(),
                                      cohorts__registrations__attended=True).distinct()
    per_event = figures_for(events)
    totals = {"events": len(per_event), "agencies": 0, "innovation": 0, "replication": 0,
              "competition": None if competition_source() is None else 0}
    for figures in per_event.values():
        for key in ("agencies", "innovation", "replication"):
            totals[key] += figures[key]
        if totals["competition"] is not None:
            totals["competition"] += figures["competition"] or 0
    return totals
