"""What the maturity pages read: published results with the change from last year, and the
facts the portal already holds about a hub (shown next to its self-assessment)."""
from django.db.models import Q
from django.utils import timezone

from .models import Aspect, Submission

ASPECTS = [value for value, _label in Aspect.choices]


def published(cycle):
    """Published submissions of ``cycle``, best first, each with ``previous`` (the hub's
    published total of the year before, or None) and ``change``; two queries."""
    rows = list(Submission.objects.filter(cycle=cycle, status=Submission.Status.DIPUBLIKASIKAN)
                .select_related("hub", "hub__province").order_by("-total", "hub__title"))
    before = dict(Submission.objects.filter(cycle__year=cycle.year - 1, status=Submission.Status.DIPUBLIKASIKAN,
                                            hub__in=[r.hub_id for r in rows]).values_list("hub_id", "total"))
    rank, last = 0, None
    for n, row in enumerate(rows, start=1):
        if row.total != last:
            rank, last = n, row.total
        row.rank = rank
        row.previous = before.get(row.hub_id)
        row.change = None if row.previous is None else row.total - row.previous
    return rows


def bars(rows):
    top = max((row.total for row in rows), default=0)
    return [(row.hub.title, row.total, round(100 * row.total / top) if top else 0) for row in rows]


def aspect_bars(submission):
    return [(label, value, round(value)) for _value, label, value in submission.aspect_scores() if value is not None]


def hub_facts(hub, year=None):
    """The portal's own figures about ``hub``: published innovations, public replications of its
    innovations and by its agencies, events held, agencies of the hub in PKRI cycles, and (when
    the competitions app provides its follow-up function, see ``clinics.followup``) how many of
    its agencies entered a competition in ``year``; None when that cannot be counted."""
    import datetime

    from clinics.followup import competition_source
    from hubs.membership import agencies_of_hub
    from innovations.models import InnovationPage
    from news.models import EventPage
    from pkri.models import Locus
    from replication.selectors import hub_figures

    replications = hub_figures(hub)
    source, competition = competition_source(), None
    if source is not None and year is not None:
        zone = datetime.timezone(datetime.timedelta(hours=7))
        ids = set(agencies_of_hub(hub).values_list("pk", flat=True))
        competition = len(set(source(ids, datetime.datetime(year, 1, 1, tzinfo=zone),
                                     datetime.datetime(year, 12, 31, 23, 59, tzinfo=zone)) or ())) if ids else 0
    return {
        "competition_agencies": competition,
        "innovations": InnovationPage.objects.live().public().filter(path__startswith=hub.path).count(),
        "replications_of_hub": replications["of_hub"],
        "replications_by_hub": replications["by_hub"],
        "events_held": EventPage.objects.live().filter(Q(path__startswith=hub.path), start__lt=timezone.now()).count(),
        "pkri_loci": Locus.objects.filter(agency__in=agencies_of_hub(hub)).count(),
    }
