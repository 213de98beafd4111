"""Write many live innovation pages at once: the synthetic scale data and the importer.

Wagtail's ``add_child`` locks the parent, recomputes the tree and writes a revision for every
page: fine for a form, far too slow for 10,000 imported records or 100,000 synthetic ones.
Here the tree paths are computed in memory (treebeard's materialised path: four base-36
characters per level), the ``wagtailcore_page`` rows go in with ``bulk_create``, the
innovation rows with one multi-row INSERT per batch, and categories, SDGs, tags, sources and
awards with ``bulk_create``; the parents' ``numchild`` is bumped in the same call. The caller
owns the transaction, so an interrupted run leaves whole innovations only.

Pages written here are live and have no revisions (editing one in the admin creates the
first); the public search index is the caller's job (``innovations.signals.innovations_changed``).
"""
import uuid
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import connection, models
from django.utils import timezone
from wagtail.models import Locale, Page

from .models import InnovationAward, InnovationPage, InnovationSource, InnovationTag


@dataclass
class NewInnovation:
    """An unsaved ``InnovationPage`` (content fields only) with the hub it goes under and its
    many-valued facts as ids: sources are (programme, identifier), awards (tier id, year)."""

    page: InnovationPage
    hub: Page
    category_ids: list = field(default_factory=list)
    sdg_ids: list = field(default_factory=list)
    tag_ids: list = field(default_factory=list)
    sources: list = field(default_factory=list)
    awards: list = field(default_factory=list)


class PathAllocator:
    """Hands out the next free materialised path under each hub (one query per hub)."""

    def __init__(self):
        self._next = {}

    def next_path(self, hub):
        if hub.pk not in self._next:
            last = (
                Page.objects.filter(path__startswith=hub.path, depth=hub.depth + 1)
                .order_by("-path").values_list("path", flat=True).first()
            )
            self._next[hub.pk] = (Page._str2int(last[-Page.steplen:]) + 1) if last else 1
        position = self._next[hub.pk]
        self._next[hub.pk] += 1
        return Page._get_path(hub.path, hub.depth + 1, position)


def _insert_child_rows(objs):
    """One multi-row INSERT per batch into the innovation table (the page rows exist already)."""
    fields = InnovationPage._meta.local_concrete_fields
    batch = max(1, connection.ops.bulk_batch_size(fields, objs))
    for start in range(0, len(objs), batch):
        InnovationPage._base_manager._insert(objs[start:start + batch], fields=fields, raw=True)


def insert_innovations(items, allocator=None):
    """Write ``items`` (``NewInnovation``) as live pages; sets ``item.page.pk``. Call inside
    ``transaction.atomic()``. Returns the new page ids in order."""
    if not items:
        return []
    allocator = allocator or PathAllocator()
    content_type = ContentType.objects.get_for_model(InnovationPage)
    locale = Locale.get_default()
    now = timezone.now()
    pages = []
    for item in items:
        page, hub = item.page, item.hub
        page.path = allocator.next_path(hub)
        page.depth = hub.depth + 1
        page.numchild = 0
        page.url_path = f"{hub.url_path}{page.slug}/"
        page.draft_title = page.sort_title = page.title
        page.live = True
        page.has_unpublished_changes = False
        page.first_published_at = page.first_published_at or now
        page.last_published_at = page.last_published_at or now
        page.content_type = content_type
        page.locale = locale
        page.translation_key = uuid.uuid4()
        pages.append(page)

    base_fields = [f for f in Page._meta.concrete_fields if not f.primary_key]
    bases = Page.objects.bulk_create([Page(**{f.attname: getattr(p, f.attname) for f in base_fields}) for p in pages])
    if any(base.pk is None for base in bases):  # a backend without RETURNING
        by_path = dict(Page.objects.filter(path__in=[p.path for p in pages]).values_list("path", "pk"))
        for base in bases:
            base.pk = by_path[base.path]
    for page, base in zip(pages, bases):
        page.pk = page.page_ptr_id = base.pk
    _insert_child_rows(pages)

    through_c = InnovationPage.categories.through
    through_s = InnovationPage.sdgs.through
    category_links, sdg_links, tag_links, sources, awards = [], [], [], [], []
    for item in items:
        pk = item.page.pk
        category_links += [through_c(innovationpage_id=pk, category_id=c) for c in item.category_ids]
        sdg_links += [through_s(innovationpage_id=pk, sdg_id=s) for s in item.sdg_ids]
        tag_links += [InnovationTag(content_object_id=pk, tag_id=t) for t in item.tag_ids]
        sources += [
            InnovationSource(innovation_id=pk, programme=programme, identifier=identifier, sort_order=n)
            for n, (programme, identifier) in enumerate(item.sources)
        ]
        awards += [
            InnovationAward(innovation_id=pk, tier_id=tier_id, year=year, sort_order=n)
            for n, (tier_id, year) in enumerate(item.awards)
        ]
    through_c.objects.bulk_create(category_links)
    through_s.objects.bulk_create(sdg_links)
    InnovationTag.objects.bulk_create(tag_links)
    InnovationSource.objects.bulk_create(sources)
    InnovationAward.objects.bulk_create(awards)

    per_parent = {}
    for page in pages:
        parent_path = page.path[:-Page.steplen]
        per_parent[parent_path] = per_parent.get(parent_path, 0) + 1
    for parent_path, n in per_parent.items():
        Page.objects.filter(path=parent_path).update(numchild=models.F("numchild") + n)
    return [page.pk for page in pages]
