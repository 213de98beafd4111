"""Add N synthetic innovations quickly, for scale tests and the benchmarks under ``bench/``.

Wagtail's ``add_child`` locks the parent, recomputes the tree and writes a revision for every
page: fine for 300 demo pages, hours for 100,000. Here the tree paths are computed in memory
(treebeard's materialised path: four base-36 characters per level), the ``wagtailcore_page``
rows go in with ``bulk_create``, the innovation rows with one multi-row INSERT per batch, and
categories, SDGs, tags, sources and awards with ``bulk_create``. Each chunk is one transaction,
so an interrupted run leaves whole innovations only, and the parents' ``numchild`` is bumped in
the same transaction. The objects themselves come from the test factory
(``InnovationPageFactory.build``), so the synthetic rows have the shape the tests use.

Synthetic pages are live, have no revisions (editing one in the admin creates the first), and
are not in Wagtail's admin search index (``manage.py update_index`` adds them); the public
search index is refreshed by ``search_index rebuild``.
"""
import datetime
import random
import uuid

from django.contrib.contenttypes.models import ContentType
from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.text import slugify
from taggit.models import Tag
from wagtail.images import get_image_model
from wagtail.models import Locale, Page

from agencies.models import Agency
from hubs.models import HubPage
from innovations.factories import InnovationPageFactory
from innovations.models import (
    SDG, AwardTier, Category, InnovationAward, InnovationPage, InnovationSource, InnovationTag,
    InnovationType, SourceProgramme, Stage, SustainabilityStatus,
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


def _next_positions(hubs):
    """Per hub id, the position number of its next child in the materialised path."""
    positions = {}
    for hub in hubs:
        last = Page.objects.filter(path__startswith=hub.path, depth=hub.depth + 1).order_by("-path").values_list("path", flat=True).first()
        positions[hub.pk] = (Page._str2int(last[-Page.steplen:]) + 1) if last else 1
    return positions


def _insert_child_rows(objs):
    """One multi-row INSERT per batch into the innovation table (the page rows exist already)."""
    fields = InnovationPage._meta.local_concrete_fields
    batch = max(1, connection.ops.bulk_batch_size(fields, objs))
    for start in range(0, len(objs), batch):
        InnovationPage._base_manager._insert(objs[start:start + batch], fields=fields, raw=True)


def add_synthetic_innovations(count, seed=2026, chunk_size=1000, progress=None):
    """Add ``count`` live synthetic innovations spread over every hub; returns how many were added.

    ``progress`` is called with the number of innovations written after each chunk.
    """
    rng = random.Random(seed)
    targets = _targets()
    positions = _next_positions([hub for hub, _pool in targets])
    content_type = ContentType.objects.get_for_model(InnovationPage)
    locale = Locale.get_default()
    categories = {c.slug: c.pk for c in Category.objects.all()}
    sdgs = {s.number: s.pk for s in SDG.objects.all()}
    tiers = list(AwardTier.objects.filter(programme="kipp").order_by("rank"))
    top_99 = next((t for t in tiers if t.slug == "top-99"), tiers[-1] if tiers else None)
    tag_ids = {}
    for archetype in ARCHETYPES:
        for name in archetype[6]:
            if name not in tag_ids:
                tag, _created = Tag.objects.get_or_create(name=name, defaults={"slug": slugify(name)})
                tag_ids[name] = tag.pk
    statuses = [status for status, weight in STATUS_WEIGHTS for _ in range(weight)]
    image_ids = dict(
        get_image_model().objects.filter(title__in=[f"Inovasi {a[0]}" for a in ARCHETYPES]).values_list("title", "pk")
    )
    offset = InnovationPage.objects.filter(slug__startswith=SYNTHETIC_PREFIX).count()
    now = timezone.now()
    added = 0

    while added < count:
        size = min(chunk_size, count - added)
        pages, extras = [], []
        for i in range(size):
            n = offset + added + i
            hub, pool = targets[n % len(targets)]
            agency = pool[(n // len(targets)) % len(pool)]
            acronym, expansion, problem, solution, category, sdg_numbers, tags = ARCHETYPES[n % len(ARCHETYPES)]
            place = agency.regency.name if agency.regency_id else (agency.province.name if agency.province_id else "Indonesia")
            year = rng.randint(2014, 2025)
            status = rng.choice(statuses)
            slug = f"{SYNTHETIC_PREFIX}{n}"
            path = Page._get_path(hub.path, hub.depth + 1, positions[hub.pk])
            positions[hub.pk] += 1
            values = dict(acronym=acronym, place=place, problem=problem, solution=solution,
                          agency=agency.name, year=year, pct=rng.randint(20, 80))
            title = f"{expansion} {place} #{n + 1}"
            page = InnovationPageFactory.build(
                title=title, draft_title=title, slug=slug, path=path, depth=hub.depth + 1, numchild=0,
                url_path=f"{hub.url_path}{slug}/", live=True, has_unpublished_changes=False,
                first_published_at=now, last_published_at=now, content_type=content_type, locale=locale,
                translation_key=uuid.uuid4(), acronym=acronym, agency=agency, service_unit=None,
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
            pages.append(page)
            extras.append((categories.get(category), [sdgs[s] for s in sdg_numbers if s in sdgs],
                           [tag_ids[t] for t in tags], year))

        with transaction.atomic():
            base_fields = [f for f in Page._meta.concrete_fields if not f.primary_key]
            bases = Page.objects.bulk_create(
                [Page(**{f.attname: getattr(p, f.attname) for f in base_fields}) for p in pages]
            )
            if any(base.pk is None for base in bases):  # a backend without RETURNING
                by_path = dict(Page.objects.filter(path__in=[p.path for p in pages]).values_list("path", "pk"))
                for base in bases:
                    base.pk = by_path[base.path]
            for page, base in zip(pages, bases):
                page.pk = page.page_ptr_id = base.pk
            _insert_child_rows(pages)

            category_links, sdg_links, tag_links, sources, awards = [], [], [], [], []
            through_c = InnovationPage.categories.through
            through_s = InnovationPage.sdgs.through
            for page, (category_id, sdg_ids, page_tag_ids, year) in zip(pages, extras):
                if category_id:
                    category_links.append(through_c(innovationpage_id=page.pk, category_id=category_id))
                sdg_links += [through_s(innovationpage_id=page.pk, sdg_id=sdg_id) for sdg_id in sdg_ids]
                tag_links += [InnovationTag(content_object_id=page.pk, tag_id=tag_id) for tag_id in page_tag_ids]
                sources.append(InnovationSource(innovation_id=page.pk, programme=SourceProgramme.LAINNYA,
                                                identifier=f"SINTETIS-{page.slug[len(SYNTHETIC_PREFIX):]}", sort_order=0))
                if top_99 and rng.random() < 0.6:
                    award_year = min(year + 2, 2025)
                    awards.append(InnovationAward(innovation_id=page.pk, tier=top_99, year=award_year, sort_order=0))
                    if rng.random() < 0.3:
                        awards.append(InnovationAward(innovation_id=page.pk, tier=rng.choice(tiers), year=award_year, sort_order=1))
            through_c.objects.bulk_create(category_links)
            through_s.objects.bulk_create(sdg_links)
            InnovationTag.objects.bulk_create(tag_links)
            InnovationSource.objects.bulk_create(sources)
            InnovationAward.objects.bulk_create(awards)

            per_hub = {}
            for page in pages:
                parent_path = page.path[:-Page.steplen]
                per_hub[parent_path] = per_hub.get(parent_path, 0) + 1
            for parent_path, n in per_hub.items():
                Page.objects.filter(path=parent_path).update(numchild=models.F("numchild") + n)

        added += size
        if progress:
            progress(size)
    with connection.cursor() as cursor:
        # Fresh planner statistics: without them SQLite may pick a per-row scan for the
        # catalogue's filters on the bigger tables.
        cursor.execute("ANALYZE")
    return added
