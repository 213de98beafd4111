"""/api/instansi/: the government agencies that own and replicate innovations."""
from django.db.models import Q
from ninja import Query, Router

from agencies.models import Agency
from regions.models import Province

from .. import common, schemas
from ..pagination import paginate

router = Router()


@router.get(
    "/instansi/",
    response={200: schemas.AgencyList, **common.ERRORS},
    tags=["Instansi"],
    summary="Daftar instansi",
    operation_id="daftar_instansi",
)
def agency_list(request, page: Query[schemas.PageParams], filters: Query[schemas.AgencyFilterParams]):
    """Instansi pemerintah (pemilik dan replikator inovasi), urut nama."""
    queryset = Agency.objects.select_related("province", "regency").order_by("name", "pk")
    warnings = []
    if filters.jenis:
        queryset = queryset.filter(agency_type=filters.jenis)
    if filters.provinsi:
        province = Province.objects.filter(slug=filters.provinsi).first()
        if province is None:
            warnings.append(common.unknown("provinsi", filters.provinsi))
        else:
            queryset = queryset.filter(province=province)
    text = (filters.q or "").strip()
    if text:
        queryset = queryset.filter(Q(name__icontains=text) | Q(abbreviation__icontains=text))

    def serialize(agencies):
        return [
            {
                **common.agency_ref(agency),
                "slug": agency.slug,
                "provinsi": common.province(agency.province),
                "kabupaten_kota": common.regency(agency.regency),
                "induk_id": agency.parent_id,
                "situs_web": agency.website,
                "aktif": agency.is_active,
            }
            for agency in agencies
        ]

    return paginate(request, queryset, page, serialize, warnings=warnings)
