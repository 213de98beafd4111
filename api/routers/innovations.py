"""/api/inovasi/: the catalogue, with the same filters as the /inovasi/ page."""
from django.utils.translation import gettext as _
from ninja import Path, Query, Router
from ninja.errors import HttpError
from wagtail.rich_text import expand_db_html

from hubs.membership import attach_hubs
from innovations.filters import CatalogueFilter
from innovations.models import NARRATIVE_SECTIONS, InnovationPage
from replication import selectors as replication_selectors

from .. import common, schemas
from ..pagination import paginate

router = Router()


def _innovation_queryset(queryset):
    return (
        InnovationPage.for_listing(queryset)
        .select_related("regency")
        .prefetch_related("categories", "sdgs", "sources")
    )


def _innovations(request, pages):
    pages = attach_hubs(pages)
    counts = replication_selectors.replication_counts([page.pk for page in pages])
    return [_innovation(request, page, counts) for page in pages]


def _innovation(request, page, replication_counts):
    hub = getattr(page, "hub", None)
    return {
        "id": page.pk,
        "judul": page.title,
        "akronim": page.acronym,
        "ringkasan": page.summary,
        "url": common.url(request, page),
        "instansi": common.agency_ref(page.agency),
        "provinsi": common.province(page.province),
        "kabupaten_kota": common.regency(page.regency),
        "hub": {"slug": hub.slug, "nama": hub.title} if hub else None,
        "tahun_mulai": page.year_started,
        "jenis": page.innovation_type,
        "tahapan": page.stage,
        "status_keberlanjutan": page.sustainability_status,
        "terakhir_diverifikasi": page.last_verified,
        "kategori": [category.name for category in page.categories.all()],
        "sdg": [sdg.number for sdg in page.sdgs.all()],
        "tag": sorted(tag.name for tag in page.tags.all()),
        "penghargaan": [{"tingkat": award.tier.name, "tahun": award.year} for award in page.awards.all()],
        "sumber": [{"program": source.programme, "id": source.identifier} for source in page.sources.all()],
        "jumlah_replikasi": replication_counts.get(page.pk, 0),
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
    return paginate(
        request,
        _innovation_queryset(queryset),
        page,
        lambda rows: _innovations(request, rows),
        warnings=catalogue.errors,
    )


@router.get(
    "/inovasi/{id}/",
    response={200: schemas.InnovationDetail, **common.ERRORS},
    tags=["Inovasi"],
    summary="Satu inovasi",
    operation_id="detail_inovasi",
)
def innovation_detail(request, id: int = Path(..., ge=1, le=common.MAX_ID)):
    """Satu inovasi yang terbit dan publik, beserta narasinya (HTML)."""
    page = _innovation_queryset(InnovationPage.objects.live().public().filter(pk=id)).first()
    if page is None:
        raise HttpError(404, _("Inovasi %(id)s tidak ditemukan.") % {"id": id})
    data = _innovations(request, [page])[0]
    data["narasi"] = {name: expand_db_html(getattr(page, name) or "") for name, _label in NARRATIVE_SECTIONS}
    return data
