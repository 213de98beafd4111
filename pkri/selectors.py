"""Read-side queries of PKRI pages: published results, breakdowns and the survival table."""
from collections import defaultdict

from django.db.models import Avg, Count

from core import figures as stored_figures
from hubs.models import HubPage
from innovations.models import InnovationAward, StatusRecord
from replication.selectors import bars

from .models import AssessmentObject, Group, ObjectStatus

ALIVE = {"berlanjut_pengembangan", "berlanjut"}


def results(cycle):
    """Published, submitted objects with what the results table shows, ranked within groups."""
    return (
        AssessmentObject.objects.filter(cycle=cycle, status=ObjectStatus.DIAJUKAN, final_total__isnull=False)
        .select_related("locus__agency__province", "innovation", "replication__origin", "replication__adopter")
        .order_by("group", "rank", "pk")
    )


def by_group(objects):
    grouped = {group: [] for group in Group.values}
    for obj in objects:
        grouped[obj.group].append(obj)
    return [(Group(group).label, items) for group, items in grouped.items()]


def by_province(cycle):
    rows = (
        AssessmentObject.objects.filter(cycle=cycle, final_total__isnull=False)
        .values("locus__agency__province__name").annotate(n=Count("pk"), avg=Avg("final_total"))
        .order_by("-n", "locus__agency__province__name")
    )
    return bars((row["locus__agency__province__name"] or "Pusat", row["n"]) for row in rows)


def by_hub(cycle):
    """Objects per hub of the assessed innovation (objects without an innovation are left out)."""
    hubs = {hub.path: hub.title for hub in HubPage.objects.only("path", "title")}
    counts = defaultdict(int)
    for path in AssessmentObject.objects.filter(cycle=cycle, final_total__isnull=False, innovation__isnull=False) \
            .values_list("innovation__path", flat=True):
        title = hubs.get(path[:-4])
        if title:
            counts[title] += 1
    return bars(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def survival():
    """Of the innovations awarded in each year, how many were alive at each PKRI verification.

    Returns (assessment labels, rows) where a row is (award year, awarded, cells) and a cell is
    (assessment label, alive, assessed, percent alive).
    """
    # The awarded count per year from the stored catalogue figures (core/figures.py), and award
    # rows read only for the assessed innovations: reading every award row into Python cost
    # 55 ms at 100,000 innovations, for a table of a few hundred assessed pages.
    awarded = stored_figures.awarded_by_year()
    records = StatusRecord.objects.filter(source=StatusRecord.Source.PKRI).values_list("innovation_id", "label", "status", "verified_on")
    labels = []
    status_at = defaultdict(dict)
    for page_id, label, status, verified_on in records.order_by("verified_on"):
        if label not in labels:
            labels.append(label)
        status_at[label][page_id] = status
    assessed_pages = {page_id for by_page in status_at.values() for page_id in by_page}
    awarded_assessed = defaultdict(set)
    if assessed_pages:
        for page_id, year in InnovationAward.objects.order_by().filter(innovation_id__in=assessed_pages).values_list(
                "innovation_id", "year"):
            awarded_assessed[year].add(page_id)
    rows = []
    for year in sorted(awarded):
        cells = []
        for label in labels:
            assessed = [status_at[label][p] for p in awarded_assessed[year] if p in status_at[label]]
            alive = sum(1 for s in assessed if s in ALIVE)
            cells.append((label, alive, len(assessed), round(100 * alive / len(assessed)) if assessed else 0))
        rows.append((year, awarded[year], cells))
    return labels, rows
