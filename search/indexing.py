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

from hubs.membership import HubDirectory
from hubs.models import HubPage

from .analysis import analyze
from .base import replication_bucket

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
    replikasi: str = "belum"
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
    """Live, public innovation pages: what the public search may show."""
    from innovations.models import InnovationPage

    return InnovationPage.objects.live().public()


#: Page columns a document needs, read as plain values: building model instances and going
#: through modelcluster's related managers cost more than everything else in a rebuild.
PAGE_FIELDS = (
    "pk", "path", "url_path", "title", "acronym", "summary", "year_started", "sustainability_status",
    "last_verified", "first_published_at", "agency__name", "agency__abbreviation", "agency__agency_type",
    "province__slug", "province__name", "regency__name",
)


class _HubMap:
    """Hub of a page from its tree path (``hubs.membership``), with one query for all hubs."""

    def __init__(self):
        from wagtail.models import Site

        self.hubs = HubDirectory(HubPage.objects.only("path", "slug", "title", "url_path", "hub_type", "agency_id",
                                                      "province_id"))
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        self.root_url_path = site.root_page.url_path if site else "/"

    def hub_for(self, path):
        return self.hubs.of_page_path(path)

    def url_for(self, url_path):
        if url_path.startswith(self.root_url_path):
            return "/" + url_path[len(self.root_url_path):]
        return url_path


def _related_values(ids):
    """Categories, SDGs, tags, award tiers and public replication counts of these pages, by page id:
    one query each."""
    from innovations.models import InnovationAward, InnovationPage, InnovationTag

    related = {name: {} for name in ("kategori", "sdg", "tag", "penghargaan")}
    through = InnovationPage.categories.through
    for page_id, slug in through.objects.filter(innovationpage_id__in=ids).values_list("innovationpage_id", "category__slug"):
        related["kategori"].setdefault(page_id, []).append(slug)
    through = InnovationPage.sdgs.through
    for page_id, number in through.objects.filter(innovationpage_id__in=ids).values_list("innovationpage_id", "sdg__number"):
        related["sdg"].setdefault(page_id, []).append(str(number))
    for page_id, slug, name in InnovationTag.objects.filter(content_object_id__in=ids).values_list(
        "content_object_id", "tag__slug", "tag__name"
    ):
        related["tag"].setdefault(page_id, []).append((slug, name))
    for page_id, slug in InnovationAward.objects.filter(innovation_id__in=ids).values_list("innovation_id", "tier__slug"):
        related["penghargaan"].setdefault(page_id, set()).add(slug)
    related["replication_count"] = replication_counts(ids)
    return related


def replication_counts(ids) -> dict[int, int]:
    """Active public replications per innovation (see ``replication.selectors``)."""
    from replication.selectors import replication_counts as counts

    return counts(ids)


def build_document(row: dict, section_names: list[str], related: dict, hubs: _HubMap) -> IndexDocument:
    """One index document from a page's values (``PAGE_FIELDS`` and its narrative sections) and
    the related values of ``_related_values``."""
    page_id = row["pk"]
    hub = hubs.hub_for(row["path"])
    body = " ".join(filter(None, (strip_html(row[name]) for name in section_names)))
    tags = sorted(related["tag"].get(page_id, ()))
    agency_text = " ".join(filter(None, [row["agency__name"], row["agency__abbreviation"]]))
    region = " ".join(filter(None, [row["province__name"], row["regency__name"]]))
    tags_text = " ".join(name for _slug, name in tags)
    title, acronym, summary = row["title"], row["acronym"], row["summary"]
    return IndexDocument(
        id=page_id,
        url=hubs.url_for(row["url_path"]),
        title=title,
        acronym=acronym,
        summary=summary,
        body=body,
        agency=agency_text,
        tags_text=tags_text,
        region=region,
        title_terms=" ".join(analyze(f"{title} {acronym}")),
        summary_terms=" ".join(analyze(summary)),
        body_terms=" ".join(analyze(f"{body} {agency_text} {tags_text} {region}")),
        hub=hub.slug if hub else "",
        hub_title=hub.title if hub else "",
        provinsi=row["province__slug"] or "",
        jenis_instansi=row["agency__agency_type"] or "",
        kategori=sorted(related["kategori"].get(page_id, ())),
        sdg=sorted(related["sdg"].get(page_id, ())),
        tahun=str(row["year_started"]),
        penghargaan=sorted(related["penghargaan"].get(page_id, ())),
        status=row["sustainability_status"],
        tag=[slug for slug, _name in tags],
        tag_names=[name for _slug, name in tags],
        year_started=row["year_started"],
        last_verified=row["last_verified"],
        published_at=row["first_published_at"],
        title_sort=title.lower(),
        replication_count=related["replication_count"].get(page_id, 0),
        replikasi=replication_bucket(related["replication_count"].get(page_id, 0)),
    )


def iter_documents(ids: Iterable[int] | None = None, chunk_size: int = 1000) -> Iterator[list[IndexDocument]]:
    """Yield chunks of documents for live public innovations, by ascending primary key.

    Each chunk costs a fixed number of queries (pages, four related tables, replication
    counts) whatever its size.
    """
    from innovations.models import NARRATIVE_SECTIONS

    section_names = [name for name, _label in NARRATIVE_SECTIONS]
    hubs = _HubMap()
    queryset = indexable_queryset()
    if ids is not None:
        queryset = queryset.filter(pk__in=list(ids))
    last_pk = 0
    while True:
        rows = list(queryset.filter(pk__gt=last_pk).order_by("pk").values(*PAGE_FIELDS, *section_names)[:chunk_size])
        if not rows:
            return
        last_pk = rows[-1]["pk"]
        related = _related_values([row["pk"] for row in rows])
        yield [build_document(row, section_names, related, hubs) for row in rows]
