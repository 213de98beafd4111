"""/api/replikasi/: public replications (``replication.selectors.public_replications``), with
the filters of the /replikasi/ dashboard."""
from django.utils import timezone
from ninja import Query, Router
from wagtail.models import Page

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
    # the dashboard's ``for_listing`` (service unit, replica) for 5 ms of execution; read as
    # plain values (model instances of the replication, its innovation, two agencies and a
    # province were a third of the list's worker time)
    queryset = chosen.order_by("-public_since", "-pk").values(*REPLICATION_VALUES)

    def serialize(replications):
        replica_ids = [r["replica_id"] for r in replications if r["replica_id"]]
        public_replicas = (
            {row["id"]: row for row in InnovationPage.objects.live().public().filter(pk__in=replica_ids)
             .values("id", "title", "path", "url_path")}
            if replica_ids
            else {}
        )
        page = Page()  # one bare page whose tree path is set per row: Wagtail's URL logic reads only these

        def url(row, prefix=""):
            page.id, page.path, page.url_path = row[f"{prefix}id"], row[f"{prefix}path"], row[f"{prefix}url_path"]
            return page.get_full_url(request)

        return [_replication(r, url, public_replicas) for r in replications]

    # rendered as the innovation list is: ninja does not validate the envelope again
    return common.rendered(request, paginate(request, queryset, page, serialize, warnings=warnings))


REPLICATION_VALUES = (
    "pk", "model", "stage", "scope", "created_at", "public_since", "stage_changed_at", "replica_id",
    "origin__id", "origin__title", "origin__path", "origin__url_path", "origin__agency_id", "origin__agency__name",
    "origin__agency__abbreviation", "origin__agency__agency_type", "adopter_id", "adopter__name",
    "adopter__abbreviation", "adopter__agency_type", "adopter__province_id", "adopter__province__code",
    "adopter__province__slug", "adopter__province__name",
)


def _replication(row, url, public_replicas):
    replica = public_replicas.get(row["replica_id"])
    return {
        "id": row["pk"],
        "inovasi_asal": {
            "id": row["origin__id"],
            "judul": row["origin__title"],
            "url": url(row, "origin__"),
            "instansi": common.agency_ref_of(row, "origin__agency__"),
        },
        "instansi_replikator": {**common.agency_ref_of(row, "adopter__"),
                                "provinsi": common.province_of(row, "adopter__province__")},
        "model": row["model"],
        "tahap": row["stage"],
        "cakupan": row["scope"] or None,
        "diajukan": timezone.localdate(row["created_at"]),
        "publik_sejak": common.instant(row["public_since"]),
        "tahap_berubah": common.instant(row["stage_changed_at"]),
        "replika": {"id": replica["id"], "judul": replica["title"], "url": url(replica)} if replica is not None else None,
    }
