"""Read-side queries of the competition pages: counts per stage, province and hub, the
announced list, the region's participation. Each answers in a fixed number of queries."""
from collections import Counter

from django.db.models import Count, Q

from agencies.models import Agency
from hubs.membership import HubDirectory
from hubs.models import HubPage
from replication.selectors import bars

from .models import Proposal, Status

#: statuses counted as "reached this stage or beyond", in stage order
STAGE_COUNTS = [
    ("diajukan", (Status.DIAJUKAN, Status.LOLOS_ADMINISTRASI, Status.TIDAK_LOLOS_ADMINISTRASI, Status.TOP,
                  Status.TIDAK_TOP, Status.FINALIS, Status.PEMENANG, Status.GUGUR)),
    ("lolos_administrasi", (Status.LOLOS_ADMINISTRASI, Status.TOP, Status.TIDAK_TOP, Status.FINALIS, Status.PEMENANG,
                            Status.GUGUR)),
    ("top", (Status.TOP, Status.FINALIS, Status.PEMENANG)),
]


def entered(edition):
    """Proposals that were submitted (drafts and returned ones stay private and uncounted)."""
    return Proposal.objects.filter(edition=edition, status__in=STAGE_COUNTS[0][1])


def stage_counts(edition):
    by_status = dict(Proposal.objects.filter(edition=edition).values_list("status").annotate(n=Count("pk"))
                     .values_list("status", "n"))
    counts = {key: sum(by_status.get(s, 0) for s in statuses) for key, statuses in STAGE_COUNTS}
    counts["agencies"] = entered(edition).values("agency").distinct().count()
    if not edition.is_announced:
        counts["top"] = None
    return counts


def by_province(edition):
    rows = (entered(edition).values("agency__province__name").annotate(n=Count("pk"))
            .order_by("-n", "agency__province__name"))
    return bars((row["agency__province__name"] or "Pusat", row["n"]) for row in rows)


def province_counts(edition):
    """{province id: submitted proposals} for the province map."""
    rows = entered(edition).exclude(agency__province=None).values("agency__province").annotate(n=Count("pk")).order_by()
    return {row["agency__province"]: row["n"] for row in rows}


def by_hub(edition):
    directory = HubDirectory(HubPage.objects.only("path", "title", "slug", "agency_id", "province_id", "hub_type"))
    agencies = Agency.objects.in_bulk(list(entered(edition).values_list("agency_id", flat=True).distinct()))
    counts = Counter()
    for agency_id, n in entered(edition).values_list("agency_id").annotate(n=Count("pk")).values_list("agency_id", "n"):
        hub = directory.of_agency(agencies[agency_id])
        counts[hub.title if hub else "Tanpa hub"] += n
    return bars(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def announced(edition):
    """The announced Top 99 in group and rank order."""
    return (Proposal.objects.filter(edition=edition, status__in=[Status.TOP, Status.FINALIS, Status.PEMENANG])
            .select_related("agency__province", "category", "innovation").order_by("group", "rank", "title"))


def participation(edition, hub):
    """[(agency, {status: n})] for every agency of ``hub``, those with nothing first."""
    directory = HubDirectory()
    agencies = list(Agency.objects.filter(directory.agencies_q(hub), is_active=True).order_by("name"))
    rows = (Proposal.objects.filter(edition=edition, agency__in=agencies).values_list("agency_id", "status")
            .annotate(n=Count("pk")))
    by_agency = {}
    for agency_id, status, n in rows:
        by_agency.setdefault(agency_id, Counter())[status] = n
    result = []
    for agency in agencies:
        counts = by_agency.get(agency.pk, Counter())
        submitted = sum(n for s, n in counts.items() if s not in (Status.DRAF, Status.DIKEMBALIKAN))
        result.append((agency, counts, submitted))
    result.sort(key=lambda row: (row[2] > 0, row[0].name))
    return result


def secretariat_queryset(edition, status=None, query=""):
    proposals = (Proposal.objects.filter(edition=edition).exclude(status=Status.DRAF)
                 .select_related("agency__province", "category").order_by("submitted_at", "pk"))
    if status:
        proposals = proposals.filter(status=status)
    if query:
        proposals = proposals.filter(Q(title__icontains=query) | Q(agency__name__icontains=query))
    return proposals
