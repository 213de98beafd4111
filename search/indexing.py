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

from wagtail.models import Site

from hubs.membership import HubDirectory
from hubs.models import HubPage
from innovations.filter_registry import SEARCH_FILTERS, IndexedPage
from innovations.models import NARRATIVE_SECTIONS, AwardTier, InnovationPage
from replication.selectors import replication_counts as counts

from .analysis import analyze
from .query import match_key

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
    hub_title: str
    #: facet field (innovations.filter_registry.SEARCH_FILTERS) -> value, or values when many-valued
    facets: dict[str, str | list[str]] = field(default_factory=dict)
    tag_names: list[str] = field(default_factory=list)
    # sorting
    year_started: int = 0
    last_verified: datetime.date | None = None
    published_at: datetime.datetime | None = None
    title_sort: str = ""
    replication_count: int = 0
    # relevance tie-breaks (see search.ranking)
    title_key: str = ""
    acronym_key: str = ""
    award_score: int = 0
    # autocomplete: an agency suggestion shows and searches for the name alone
    agency_name: str = ""
    agency_abbreviation: str = ""


def award_score(ranks) -> int:
    """1000 minus the best (smallest) award tier rank, 0 without award: higher is better."""
    return max(0, 1000 - min(ranks)) if ranks else 0


def indexable_queryset():
    """Live, public innovation pages: what the public search may show."""
    return InnovationPage.objects.live().public()


#: Page columns a document needs, read as plain values: building model instances and going
#: through modelcluster's related managers cost more than everything else in a rebuild.
PAGE_FIELDS = tuple(dict.fromkeys((
    "pk", "path", "url_path", "title", "acronym", "summary", "year_started", "last_verified",
    "first_published_at", "agency__name", "agency__abbreviation", "province__name", "regency__name",
    *(name for f in SEARCH_FILTERS for name in f.page_fields),
)))


class _HubMap:
    """Hub of a page from its tree path (``hubs.membership``), with one query for all hubs."""

    def __init__(self):
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
    """The many-valued facets' rows (one query each) and public replication counts of these
    pages, by page id."""
    related = {f.name: f.load_related(ids) for f in SEARCH_FILTERS if f.load_related}
    related["replication_count"] = replication_counts(ids)
    related["award_ranks"] = dict(AwardTier.objects.values_list("slug", "rank"))
    return related


def replication_counts(ids) -> dict[int, int]:
    """Active public replications per innovation (see ``replication.selectors``)."""
    return counts(ids)


def build_document(row: dict, section_names: list[str], related: dict, hubs: _HubMap) -> IndexDocument:
    """One index document from a page's values (``PAGE_FIELDS`` and its narrative sections) and
    the related values of ``_related_values``."""
    page_id = row["pk"]
    hub = hubs.hub_for(row["path"])
    replication_count = related["replication_count"].get(page_id, 0)
    page = IndexedPage(
        values=row,
        related={f.name: related[f.name].get(page_id, []) for f in SEARCH_FILTERS if f.load_related},
        hub=hub,
        replication_count=replication_count,
    )
    body = " ".join(filter(None, (strip_html(row[name]) for name in section_names)))
    tags = sorted(page.related["tag"])  # (slug, name): the names are searchable text too
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
        hub_title=hub.title if hub else "",
        facets={f.name: f.index_value(page) for f in SEARCH_FILTERS},
        tag_names=[name for _slug, name in tags],
        year_started=row["year_started"],
        last_verified=row["last_verified"],
        published_at=row["first_published_at"],
        title_sort=title.lower(),
        replication_count=replication_count,
        title_key=match_key(title)[:255],
        acronym_key=match_key(acronym)[:100],
        agency_name=row["agency__name"] or "",
        agency_abbreviation=row["agency__abbreviation"] or "",
        award_score=award_score([related["award_ranks"].get(slug, 1000) for slug in page.related.get("penghargaan", [])]),
    )


def iter_documents(ids: Iterable[int] | None = None, chunk_size: int = 1000) -> Iterator[list[IndexDocument]]:
    """Yield chunks of documents for live public innovations, by ascending primary key.

    Each chunk costs a fixed number of queries (pages, one per many-valued facet, replication
    counts) whatever its size.
    """

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
