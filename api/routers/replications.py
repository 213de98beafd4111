"""/api/replikasi/: public replications (``replication.selectors.public_replications``), with
the filters of the /replikasi/ dashboard."""
from django.utils import timezone
from ninja import Query, Router

from hubs.models import HubPage
from innovations.models import InnovationPage
from regions.models import Province
from replication import selectors as replication_selectors

from .. import common, schemas
from ..pagination import paginate

router = Router()


@router.get(
    "/replikasi/",
    response={200: schemas.ReplicationList, **common.ERRORS},
    tags=["Replikasi"],
    summary="Daftar replikasi publik",
    operation_id="daftar_replikasi",
)
def replication_list(
    request, page: Query[schemas.PageParams], filters: Query[schemas.ReplicationFilterParams]
):
    """Replikasi yang sudah publik (sejak tahap kesepakatan) atas inovasi yang terbit, dengan
    filter yang sama seperti dasbor /replikasi/."""
    warnings = []
    hub = province = None
    if filters.hub:
        hub = HubPage.objects.live().filter(slug=filters.hub).first()
        if hub is None:
            warnings.append(common.unknown("hub", filters.hub))
    if filters.provinsi:
        province = Province.objects.filter(slug=filters.provinsi).first()
        if province is None:
            warnings.append(common.unknown("provinsi", filters.provinsi))
    chosen = replication_selectors.filtered(
        replication_selectors.public_replications(), hub=hub, province=province, stage=filters.tahap, year=filters.tahun
    )
    # the columns the item shows, in five joins: PostgreSQL took 40-60 ms to plan the eleven of
    # the dashboard's ``for_listing`` (service unit, replica) for 5 ms of execution
    queryset = (
        chosen.select_related("origin", "origin__agency", "adopter", "adopter__province")
        .only(*REPLICATION_FIELDS)
        .order_by("-public_since", "-pk")
    )

    def serialize(replications):
        replica_ids = [r.replica_id for r in replications if r.replica_id]
        public_replicas = (
            {
                page.pk: page
                for page in InnovationPage.objects.live().public().filter(pk__in=replica_ids).only("title", "url_path")
            }
            if replica_ids
            else {}
        )
        return [_replication(request, r, public_replicas) for r in replications]

    return paginate(request, queryset, page, serialize, warnings=warnings)


REPLICATION_FIELDS = (
    "model", "stage", "scope", "created_at", "public_since", "stage_changed_at", "replica_id",
    "origin__title", "origin__url_path", "origin__agency__name", "origin__agency__abbreviation",
    "origin__agency__agency_type", "adopter__name", "adopter__abbreviation", "adopter__agency_type",
    "adopter__province__code", "adopter__province__slug", "adopter__province__name",
)


def _replication(request, replication, public_replicas):
    origin, adopter = replication.origin, replication.adopter
    replica = public_replicas.get(replication.replica_id)
    return {
        "id": replication.pk,
        "inovasi_asal": {
            "id": origin.pk,
            "judul": origin.title,
            "url": common.url(request, origin),
            "instansi": common.agency_ref(origin.agency),
        },
        "instansi_replikator": {**common.agency_ref(adopter), "provinsi": common.province(adopter.province)},
        "model": replication.model,
        "tahap": replication.stage,
        "cakupan": replication.scope or None,
        "diajukan": timezone.localdate(replication.created_at),
        "publik_sejak": replication.public_since,
        "tahap_berubah": replication.stage_changed_at,
        "replika": (
            {"id": replica.pk, "judul": replica.title, "url": common.url(request, replica)}
            if replica is not None
            else None
        ),
    }
