"""Add N synthetic innovations quickly, for scale tests and the benchmarks under ``bench/``.

The rows are written by ``innovations.bulk.insert_innovations`` (bulk inserts with tree paths
computed in memory), one transaction per chunk so an interrupted run leaves whole innovations
only. The objects themselves come from the test factory (``InnovationPageFactory.build``), so
the synthetic rows have the shape the tests use.

Synthetic pages are live, have no revisions (editing one in the admin creates the first), and
are not in Wagtail's admin search index (``manage.py update_index`` adds them); the public
search index is refreshed by ``search_index rebuild``.
"""
import datetime
import random

from django.db import connection, transaction
from django.utils.text import slugify
from taggit.models import Tag
from wagtail.images import get_image_model

from agencies.models import Agency
from core import page_cache
from hubs.models import HubPage
from innovations.bulk import NewInnovation, PathAllocator, insert_innovations
from innovations.factories import InnovationPageFactory
from innovations.models import (
    SDG,
    AwardTier,
    Category,
    InnovationPage,
    InnovationType,
    SourceProgramme,
    Stage,
    SustainabilityStatus,
)

from .content import ARCHETYPES, SECTIONS

SYNTHETIC_PREFIX = "sintetis-"
STATUS_WEIGHTS = [
    (SustainabilityStatus.BERLANJUT_PENGEMBANGAN, 2), (SustainabilityStatus.BERLANJUT, 4),
    (SustainabilityStatus.VAKUM, 1), (SustainabilityStatus.BERHENTI, 1),
    (SustainabilityStatus.BELUM_DIVERIFIKASI, 2),
]
# A few narrative sections are enough to make search and detail pages realistic without
# writing a gigabyte of repeated prose.
BULK_SECTIONS = ("background", "novelty", "impact")


class NoHubsError(Exception):
    """The demo structure (hubs and agencies) must exist before synthetic innovations."""


def _targets():
    """(hub, [agencies]) pairs: a province hub gets its province's agencies; the national hub the rest."""
    hubs = list(HubPage.objects.select_related("province").order_by("path"))
    if not hubs:
        raise NoHubsError
    agencies = list(Agency.objects.select_related("province", "regency").order_by("pk"))
    by_province = {}
    for agency in agencies:
        by_province.setdefault(agency.province_id, []).append(agency)
    hub_provinces = {hub.province_id for hub in hubs if hub.province_id}
    others = [a for a in agencies if a.province_id not in hub_provinces]
    targets = []
    for hub in hubs:
        pool = by_province.get(hub.province_id, []) if hub.province_id else others
        if pool:
            targets.append((hub, pool))
    if not targets:
        raise NoHubsError
    return targets


def add_synthetic_innovations(count, seed=2026, chunk_size=1000, progress=None):
    """Add ``count`` live synthetic innovations spread over every hub; returns how many were added.

    ``progress`` is called with the number of innovations written after each chunk.
    """
    rng = random.Random(seed)
    targets = _targets()
    allocator = PathAllocator()
    categories = {c.slug: c.pk for c in Category.objects.all()}
    sdgs = {s.number: s.pk for s in SDG.objects.all()}
    tiers = list(AwardTier.objects.filter(programme="kipp").order_by("rank"))
    top_99 = next((t for t in tiers if t.slug == "top-99"), tiers[-1] if tiers else None)
    tag_ids = {}
    for archetype in ARCHETYPES:
        for name in archetype[6]:
            if name not in tag_ids:
                # by slug: the real records' tags may spell the same tag differently ("UMKM"/"umkm")
                tag, _created = Tag.objects.get_or_create(slug=slugify(name), defaults={"name": name})
                tag_ids[name] = tag.pk
    statuses = [status for status, weight in STATUS_WEIGHTS for _ in range(weight)]
    image_ids = dict(
        get_image_model().objects.filter(title__in=[f"Inovasi {a[0]}" for a in ARCHETYPES]).values_list("title", "pk")
    )
    offset = InnovationPage.objects.filter(slug__startswith=SYNTHETIC_PREFIX).count()
    added = 0

    while added < count:
        size = min(chunk_size, count - added)
        items = []
        for i in range(size):
            n = offset + added + i
            hub, pool = targets[n % len(targets)]
            agency = pool[(n // len(targets)) % len(pool)]
            acronym, expansion, problem, solution, category, sdg_numbers, tags = ARCHETYPES[n % len(ARCHETYPES)]
            place = agency.regency.name if agency.regency_id else (agency.province.name if agency.province_id else "Indonesia")
            year = rng.randint(2014, 2025)
            status = rng.choice(statuses)
            slug = f"{SYNTHETIC_PREFIX}{n}"
            values = {"acronym": acronym, "place": place, "problem": problem, "solution": solution,
                          "agency": agency.name, "year": year, "pct": rng.randint(20, 80)}
            title = f"{expansion} {place} #{n + 1}"
            page = InnovationPageFactory.build(
                title=title, slug=slug, acronym=acronym, agency=agency, service_unit=None,
                image_id=image_ids.get(f"Inovasi {acronym}"),
                province=agency.province, regency=agency.regency,
                summary=f"{acronym} ({expansion}) dari {agency.name}: {solution}.",
                year_started=year, innovation_type=rng.choice(InnovationType.values), stage=Stage.PENERAPAN,
                sustainability_status=status,
                last_verified=None if status == SustainabilityStatus.BELUM_DIVERIFIKASI
                else datetime.date(2024, 1, 1) + datetime.timedelta(days=rng.randint(0, 600)),
                innovator_name=f"Tim Inovasi {agency.abbreviation}",
                **{name: SECTIONS[name].format(**values) for name in BULK_SECTIONS},
            )
            awards = []
            if top_99 and rng.random() < 0.6:
                award_year = min(year + 2, 2025)
                awards.append((top_99.pk, award_year))
                if rng.random() < 0.3:
                    awards.append((rng.choice(tiers).pk, award_year))
            items.append(NewInnovation(
                page=page, hub=hub,
                category_ids=[categories[category]] if category in categories else [],
                sdg_ids=[sdgs[s] for s in sdg_numbers if s in sdgs],
                tag_ids=[tag_ids[t] for t in tags],
                sources=[(SourceProgramme.LAINNYA, f"SINTETIS-{n}")],
                awards=awards,
            ))

        with transaction.atomic():
            insert_innovations(items, allocator)

        added += size
        if progress:
            progress(size)
    with connection.cursor() as cursor:
        # Fresh planner statistics: without them SQLite may pick a per-row scan for the
        # catalogue's filters on the bigger tables.
        cursor.execute("ANALYZE")
    # bulk inserts send no page signals: without this the stored catalogue figures and every
    # cached page kept the catalogue of before (the API said 302 innovations of 100,002)
    page_cache.bump()
    return added
