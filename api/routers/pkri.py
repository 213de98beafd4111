"""/api/pkri/: PKRI cycles once their results are published, and those results."""
from django.db.models import Count, Q
from django.utils.translation import gettext as _
from ninja import Path, Query, Router
from ninja.errors import HttpError

from pkri import selectors as pkri_selectors
from pkri.models import Cycle, Group, ObjectStatus

from .. import common, schemas
from ..pagination import paginate

router = Router()


def _published_cycles():
    return Cycle.objects.filter(published_at__isnull=False).annotate(
        result_count=Count(
            "assessment_objects",
            filter=Q(
                assessment_objects__status=ObjectStatus.DIAJUKAN,
                assessment_objects__final_total__isnull=False,
            ),
        )
    )


def _cycle(cycle):
    return {
        "tahun": cycle.year,
        "nama": cycle.name,
        "dipublikasikan": cycle.published_at,
        "jumlah_objek": cycle.result_count,
    }


@router.get(
    "/pkri/",
    response={200: schemas.CycleList, **common.ERRORS},
    tags=["PKRI"],
    summary="Siklus PKRI yang dipublikasikan",
    operation_id="daftar_pkri",
)
def cycle_list(request, page: Query[schemas.PageParams]):
    """Siklus PKRI yang hasilnya sudah dipublikasikan, terbaru dahulu."""
    return paginate(
        request, _published_cycles().order_by("-year"), page, lambda cycles: [_cycle(c) for c in cycles]
    )


@router.get(
    "/pkri/{tahun}/",
    response={200: schemas.ResultList, **common.ERRORS},
    tags=["PKRI"],
    summary="Hasil satu siklus PKRI",
    operation_id="hasil_pkri",
)
def cycle_results(
    request,
    page: Query[schemas.PageParams],
    filters: Query[schemas.ResultFilterParams],
    tahun: int = Path(..., ge=1, le=32767),
):
    """Hasil siklus PKRI yang sudah dipublikasikan, urut kelompok dan peringkat. Siklus yang
    belum dipublikasikan tidak ada (404)."""
    cycle = _published_cycles().filter(year=tahun).first()
    if cycle is None:
        raise HttpError(404, _("Siklus PKRI %(year)s tidak ada atau belum dipublikasikan.") % {"year": tahun})
    results = pkri_selectors.results(cycle)
    if filters.kelompok:
        results = results.filter(group=filters.kelompok)

    def serialize(objects):
        return [_result(obj) for obj in objects]

    return paginate(request, results, page, serialize, siklus=_cycle(cycle))


def _number(value):
    return float(value) if value is not None else None


def _result(obj):
    agency = obj.locus.agency
    return {
        "id": obj.pk,
        "kelompok": obj.group,
        "peringkat": obj.rank,
        "objek": obj.title,
        "inovasi_id": obj.innovation_id,
        "replikasi_id": obj.replication_id,
        "instansi": common.agency_ref(agency),
        "provinsi": common.province(agency.province),
        "nilai_dokumen": _number(obj.desk_total),
        "nilai_wawancara": _number(obj.interview_total),
        "nilai_akhir": float(obj.final_total),
        "kategori": obj.category,
        # what publication wrote to the innovation (``pkri.rules.publish``)
        "status_keberlanjutan": (obj.verified_status or obj.declared_status or None)
        if obj.group == Group.KEBERLANJUTAN
        else None,
    }
