"""/api/hub/: the regional hubs, their profile and member agencies (spokes)."""
from django.utils.translation import gettext as _
from ninja import Path, Query, Router
from ninja.errors import HttpError
from wagtail.rich_text import expand_db_html

from hubs.models import HubPage
from innovations.models import InnovationPage

from .. import common, schemas
from ..pagination import paginate

router = Router()


def _hub(request, hub, counts):
    return {
        "slug": hub.slug,
        "nama": hub.title,
        "jenis": hub.hub_type,
        "provinsi": common.province(hub.province),
        "instansi_pengampu": common.agency_ref(hub.agency) if hub.agency_id else None,
        "ringkasan": hub.summary,
        "tahun_bergabung": hub.year_joined,
        "url": common.url(request, hub),
        "jumlah_inovasi": counts.get(hub.pk, 0),
    }


def _hub_queryset():
    return HubPage.objects.live().public().select_related("province", "agency").order_by("-hub_type", "title")


@router.get(
    "/hub/",
    response={200: schemas.HubList, **common.ERRORS},
    tags=["Hub"],
    summary="Daftar hub",
    operation_id="daftar_hub",
)
def hub_list(request, page: Query[schemas.PageParams]):
    """Hub JIPP yang terbit, dengan jumlah inovasi terbitnya."""

    def serialize(hubs):
        counts = InnovationPage.count_by_hub(hubs)
        return [_hub(request, hub, counts) for hub in hubs]

    return paginate(request, _hub_queryset(), page, serialize)


@router.get(
    "/hub/{slug}/",
    response={200: schemas.HubDetail, **common.ERRORS},
    tags=["Hub"],
    summary="Satu hub",
    operation_id="detail_hub",
)
def hub_detail(request, slug: str = Path(..., max_length=255, pattern=schemas.SLUG_PATTERN)):
    """Satu hub beserta profil dan instansi anggotanya (spoke)."""
    hub = _hub_queryset().filter(slug=slug).first()
    if hub is None:
        raise HttpError(404, _("Hub “%(slug)s” tidak ditemukan.") % {"slug": slug})
    data = _hub(request, hub, InnovationPage.count_by_hub([hub]))
    data.update(
        profil=expand_db_html(hub.body or ""),
        keputusan_penetapan=hub.decree,
        unit_koordinator=hub.coordinating_unit,
        perguruan_tinggi_pendamping=hub.mentor_university,
        portal_inovasi=hub.portal_url,
        spoke=[common.agency_ref(agency) for agency in hub.spokes.order_by("agency_type", "name")],
    )
    return data
