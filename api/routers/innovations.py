"""/api/inovasi/: the catalogue, with the same filters as the /inovasi/ page."""
from django.db import connection
from django.utils.translation import gettext as _
from ninja import Path, Query, Router
from ninja.errors import HttpError
from taggit.models import Tag
from wagtail.models import Page
from wagtail.rich_text import expand_db_html

from hubs.membership import hub_path_of, hub_refs
from innovations.filters import CatalogueFilter
from innovations.models import (
    NARRATIVE_SECTIONS,
    SDG,
    AwardTier,
    Category,
    InnovationAward,
    InnovationPage,
    InnovationSource,
    InnovationTag,
)
from replication import selectors as replication_selectors

from .. import common, schemas
from ..pagination import paginate

router = Router()


#: What a list item reads of an innovation's own row (and its page's, agency's and regions'),
#: as plain values in one query: the list never reads the narrative sections, the contact
#: details or Wagtail's bookkeeping columns, and builds no page instances (a Wagtail page and
#: its agency and regions as model instances were about a fifth of the list's worker time).
LIST_VALUES = (
    "pk", "title", "url_path", "path", "acronym", "summary", "year_started", "innovation_type", "stage",
    "sustainability_status", "last_verified", "agency_id", "agency__name", "agency__abbreviation",
    "agency__agency_type", "province_id", "province__code", "province__slug", "province__name", "regency_id",
    "regency__code", "regency__name",
)


def _innovation_rows(queryset, *extra):
    """The rows of a list (or a detail, with its narrative sections as ``extra``) as dicts."""
    return queryset.values(*LIST_VALUES, *extra)


def _related_sql(count):
    """One UNION ALL over the five lists of an innovation: (innovation id, list, label, extra,
    number, order keys...). Table names from the models, so a renamed table fails loudly."""
    categories, sdgs = InnovationPage.categories.through._meta.db_table, InnovationPage.sdgs.through._meta.db_table
    holes = ", ".join(["%s"] * count)
    parts = [
        (f"SELECT l.innovationpage_id, 0, c.name, '', 0, 0, 0, c.id FROM {categories} l"
        f" JOIN {Category._meta.db_table} c ON c.id = l.category_id WHERE l.innovationpage_id IN ({holes})"),
        (f"SELECT l.innovationpage_id, 1, '', '', s.number, s.number, 0, 0 FROM {sdgs} l"
        f" JOIN {SDG._meta.db_table} s ON s.id = l.sdg_id WHERE l.innovationpage_id IN ({holes})"),
        (f"SELECT l.content_object_id, 2, t.name, '', 0, 0, 0, 0 FROM {InnovationTag._meta.db_table} l"
        f" JOIN {Tag._meta.db_table} t ON t.id = l.tag_id WHERE l.content_object_id IN ({holes})"),
        (f"SELECT a.innovation_id, 3, t.name, '', a.year, t.rank, -a.year, a.sort_order FROM"
        f" {InnovationAward._meta.db_table} a JOIN {AwardTier._meta.db_table} t ON t.id = a.tier_id"
        f" WHERE a.innovation_id IN ({holes})"),
        (f"SELECT s.innovation_id, 4, s.programme, s.identifier, 0, s.sort_order, s.id, 0"
        f" FROM {InnovationSource._meta.db_table} s WHERE s.innovation_id IN ({holes})"),
    ]
    # per list: categories by name, SDGs by number, tags by name, awards by tier rank then the
    # newest, sources as edited (the orders the schema's lists always had)
    return " UNION ALL ".join(parts) + " ORDER BY 2, 6, 7, 3, 8"


_LIST_NAMES = ("kategori", "sdg", "tag", "penghargaan", "sumber")


def _related(ids):
    """{innovation id: {list name: [...]}} for categories, SDGs, tags, awards and sources of all
    ``ids``, in one query of plain values.

    The prefetches this replaces ran five queries and built a queryset per row and relation
    (taggit's and modelcluster's managers): about half of the list's worker time."""
    lists = {pk: {name: [] for name in _LIST_NAMES} for pk in ids}
    if not ids:
        return lists
    with connection.cursor() as cursor:
        cursor.execute(_related_sql(len(ids)), list(ids) * len(_LIST_NAMES))
        rows = cursor.fetchall()
    for pk, kind, label, extra, number, *_order in rows:
        if kind == 0:
            lists[pk]["kategori"].append(label)
        elif kind == 1:
            lists[pk]["sdg"].append(number)
        elif kind == 2:
            lists[pk]["tag"].append(label)
        elif kind == 3:
            lists[pk]["penghargaan"].append({"tingkat": label, "tahun": number})
        else:
            lists[pk]["sumber"].append({"program": label, "id": extra})
    return lists


def _innovations(request, rows):
    rows = list(rows)
    ids = [row["pk"] for row in rows]
    hubs = hub_refs(row["path"] for row in rows)
    counts = replication_selectors.replication_counts(ids)
    related = _related(ids)
    # one bare page whose tree path is set per row: Wagtail's URL logic reads only these
    page = Page()
    items = []
    for row in rows:
        page.id, page.path, page.url_path = row["pk"], row["path"], row["url_path"]
        items.append(_innovation(row, page.get_full_url(request), hubs, counts, related[row["pk"]]))
    return items


def _innovation(row, url, hubs, replication_counts, related):
    hub = hubs.get(hub_path_of(row["path"]))
    return {
        "id": row["pk"],
        "judul": row["title"],
        "akronim": row["acronym"],
        "ringkasan": row["summary"],
        "url": url,
        "instansi": common.agency_ref_of(row),
        "provinsi": common.province_of(row),
        "kabupaten_kota": common.regency_of(row),
        "hub": {"slug": hub[0], "nama": hub[1]} if hub else None,
        "tahun_mulai": row["year_started"],
        "jenis": row["innovation_type"],
        "tahapan": row["stage"],
        "status_keberlanjutan": row["sustainability_status"],
        "terakhir_diverifikasi": row["last_verified"],
        **related,
        "jumlah_replikasi": replication_counts.get(row["pk"], 0),
    }


@router.get(
    "/inovasi/",
    response={200: schemas.InnovationList, **common.ERRORS},
    tags=["Inovasi"],
    summary="Daftar inovasi",
    operation_id="daftar_inovasi",
)
def innovation_list(request, page: Query[schemas.PageParams], filters: Query[schemas.InnovationFilterParams]):
    """Inovasi yang terbit dan publik, dengan filter yang sama seperti katalog /inovasi/.
    Nilai filter yang tidak dikenal diabaikan dan dilaporkan di `peringatan`."""
    catalogue = CatalogueFilter(filters.as_querydict())
    queryset = catalogue.apply(InnovationPage.objects.live().public())
    envelope = paginate(
        request,
        _innovation_rows(queryset),
        page,
        lambda rows: _innovations(request, rows),
        # unfiltered, the total is the catalogue's stored figure (a COUNT over every match
        # grew with the catalogue: 110 ms of 130 at 100,000); filtered, the filters' bitsets
        # give it (innovations.filter_bits), except for a tag
        count=catalogue.filtered_total() if catalogue.is_active else InnovationPage.public_count(),
        warnings=catalogue.errors,
    )
    return common.rendered(request, envelope)


@router.get(
    "/inovasi/{id}/",
    response={200: schemas.InnovationDetail, **common.ERRORS},
    tags=["Inovasi"],
    summary="Satu inovasi",
    operation_id="detail_inovasi",
)
def innovation_detail(request, id: int = Path(..., ge=1, le=common.MAX_ID)):
    """Satu inovasi yang terbit dan publik, beserta narasinya (HTML)."""
    sections = [name for name, _label in NARRATIVE_SECTIONS]
    row = _innovation_rows(InnovationPage.objects.live().public().filter(pk=id), *sections).first()
    if row is None:
        raise HttpError(404, _("Inovasi %(id)s tidak ditemukan.") % {"id": id})
    data = _innovations(request, [row])[0]
    data["narasi"] = {name: expand_db_html(row[name] or "") for name in sections}
    return data
