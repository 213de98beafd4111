"""Turn innovation pages into engine-neutral index documents.

Both engines index exactly these documents, including the pre-analysed term fields (Sastrawi
stems, see ``search.analysis``), which is what makes them agree on Indonesian morphology.
Documents are read in primary-key order in bounded chunks with everything prefetched, so a
rebuild of 100,000 innovations runs a fixed number of queries per chunk.
"""
import datetime
import html
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from django.db.models import Prefetch

from .analysis import analyze

TAG_RE = re.compile(r"<[^>]+>")


def strip_html(value: str) -> str:
    return " ".join(html.unescape(TAG_RE.sub(" ", value or "")).split())


@dataclass
class IndexDocument:
    id: int
    url: str
    title: str
    acronym: str
    summary: str
    body: str
    agency: str
    tags_text: str
    region: str
    # pre-analysed terms (space-joined stems)
    title_terms: str
    summary_terms: str
    body_terms: str
    # facets (see search.base.FACET_FIELDS)
    hub: str
    hub_title: str
    provinsi: str
    jenis_instansi: str
    kategori: list[str] = field(default_factory=list)
    sdg: list[str] = field(default_factory=list)
    tahun: str = ""
    penghargaan: list[str] = field(default_factory=list)
    status: str = ""
    tag: list[str] = field(default_factory=list)
    tag_names: list[str] = field(default_factory=list)
    # sorting
    year_started: int = 0
    last_verified: datetime.date | None = None
    published_at: datetime.datetime | None = None
    title_sort: str = ""
    replication_count: int = 0

    def facet_values(self, name: str) -> list[str]:
        value = getattr(self, name)
        if isinstance(value, list):
            return value
        return [value] if value else []


def indexable_queryset():
    from innovations.models import InnovationAward, InnovationPage

    return (
        InnovationPage.objects.live()
        .public()
        .select_related("agency", "province", "regency")
        .prefetch_related(
            "categories",
            "sdgs",
            "tags",
            Prefetch("awards", queryset=InnovationAward.objects.select_related("tier")),
        )
    )


class _HubMap:
    """Hub of a page from its tree path, with one query for all hubs."""

    def __init__(self):
        from hubs.models import HubPage
        from wagtail.models import Site

        self.by_path = {hub.path: hub for hub in HubPage.objects.only("path", "slug", "title", "url_path")}
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        self.root_url_path = site.root_page.url_path if site else "/"

    def hub_for(self, page):
        from wagtail.models import Page

        return self.by_path.get(page.path[: -Page.steplen])

    def url_for(self, page):
        if page.url_path.startswith(self.root_url_path):
            return "/" + page.url_path[len(self.root_url_path):]
        return page.url_path


def build_document(page, hubs: _HubMap) -> IndexDocument:
    from innovations.models import NARRATIVE_SECTIONS

    hub = hubs.hub_for(page)
    body = " ".join(filter(None, (strip_html(getattr(page, name)) for name, _label in NARRATIVE_SECTIONS)))
    tags = list(page.tags.all())
    agency = page.agency
    agency_text = " ".join(filter(None, [agency.name, agency.abbreviation]))
    region = " ".join(filter(None, [getattr(page.province, "name", ""), getattr(page.regency, "name", "")]))
    tags_text = " ".join(tag.name for tag in tags)
    return IndexDocument(
        id=page.pk,
        url=hubs.url_for(page),
        title=page.title,
        acronym=page.acronym,
        summary=page.summary,
        body=body,
        agency=agency_text,
        tags_text=tags_text,
        region=region,
        title_terms=" ".join(analyze(f"{page.title} {page.acronym}")),
        summary_terms=" ".join(analyze(page.summary)),
        body_terms=" ".join(analyze(f"{body} {agency_text} {tags_text} {region}")),
        hub=hub.slug if hub else "",
        hub_title=hub.title if hub else "",
        provinsi=page.province.slug if page.province_id else "",
        jenis_instansi=agency.agency_type,
        kategori=sorted(c.slug for c in page.categories.all()),
        sdg=sorted(str(s.number) for s in page.sdgs.all()),
        tahun=str(page.year_started),
        penghargaan=sorted({a.tier.slug for a in page.awards.all()}),
        status=page.sustainability_status,
        tag=[tag.slug for tag in sorted(tags, key=lambda t: t.slug)],
        tag_names=[tag.name for tag in sorted(tags, key=lambda t: t.slug)],
        year_started=page.year_started,
        last_verified=page.last_verified,
        published_at=page.first_published_at,
        title_sort=page.title.lower(),
    )


def iter_documents(ids: Iterable[int] | None = None, chunk_size: int = 1000) -> Iterator[list[IndexDocument]]:
    """Yield chunks of documents for live public innovations, by ascending primary key."""
    hubs = _HubMap()
    queryset = indexable_queryset()
    if ids is not None:
        queryset = queryset.filter(pk__in=list(ids))
    last_pk = 0
    while True:
        chunk = list(queryset.filter(pk__gt=last_pk).order_by("pk")[:chunk_size])
        if not chunk:
            return
        last_pk = chunk[-1].pk
        yield [build_document(page, hubs) for page in chunk]
