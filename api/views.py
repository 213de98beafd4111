"""The public read-only API: innovations, hubs, agencies, public replications and published
PKRI results. Every list is paginated (``halaman``, ``per_halaman``) and runs a fixed number of
queries whatever the page size; every error is JSON with an Indonesian ``detail``.

Only public data leaves here: live and public pages, replications from kesepakatan on, PKRI
cycles after publication. Contact details, officials' names, step notes, evidence files and
accounts are never read into a response (see ``schemas``).
"""

from django.db.models import Count, Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Path, Query, Swagger
from ninja.errors import HttpError, ValidationError
from wagtail.rich_text import expand_db_html

from agencies.models import Agency
from hubs.membership import attach_hubs
from hubs.models import HubPage
from innovations.filters import CatalogueFilter
from innovations.models import NARRATIVE_SECTIONS, InnovationPage
from pkri import selectors as pkri_selectors
from pkri.models import Cycle, Group, ObjectStatus
from regions.models import Province
from replication import selectors as replication_selectors

from . import schemas
from .pagination import paginate

DESCRIPTION = """
API baca-saja (read-only) Jaringan Inovasi Pelayanan Publik Nasional (JIPPNas): katalog inovasi,
hub, instansi, replikasi publik dan hasil PKRI yang telah dipublikasikan. Tanpa autentikasi.

Setiap daftar memakai halaman: `halaman` (mulai dari 1) dan `per_halaman` (bawaan 20, paling
banyak 100). Data dilisensikan **CC BY 4.0**; sebutkan JIPPNas sebagai sumber.
"""

ERRORS = {404: schemas.Error, 422: schemas.Error}
MAX_ID = 2_147_483_647

api = NinjaAPI(
    title="API JIPPNas",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api",
    openapi_url="/schema/",
    docs_url="/dokumentasi/",
    # Swagger UI from our static files (ninja is in INSTALLED_APPS), and no call to the online
    # validator at swagger.io: the portal must work offline and not hand the schema URL out.
    docs=Swagger(settings={"validatorUrl": None}),
    openapi_extra={
        "info": {"license": {"name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"}},
    },
)


# --- Errors: JSON with an Indonesian message ---------------------------------------------------


def _error_message(error):
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return _("wajib diisi.")
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return _("harus berupa bilangan bulat.")
    if kind == "greater_than_equal":
        return _("paling kecil %(limit)s.") % {"limit": ctx.get("ge")}
    if kind == "less_than_equal":
        return _("paling besar %(limit)s.") % {"limit": ctx.get("le")}
    if kind == "string_too_long":
        return _("paling panjang %(limit)s karakter.") % {"limit": ctx.get("max_length")}
    if kind == "string_pattern_mismatch":
        return _("formatnya tidak valid.")
    if kind in ("literal_error", "enum"):
        expected = str(ctx.get("expected", "")).replace(" or ", ", ")
        return _("harus salah satu dari: %(choices)s.") % {"choices": expected}
    return _("nilainya tidak valid.")


@api.exception_handler(ValidationError)
def validation_error(request, exc):
    details = []
    for error in exc.errors:
        loc = [str(part) for part in error.get("loc", ()) if not isinstance(part, int)]
        location = loc[0] if loc else ""
        name = loc[-1] if len(loc) > 1 else location
        details.append({"lokasi": location, "parameter": name, "pesan": _error_message(error)})
    summary = "; ".join(f"{d['parameter']} {d['pesan']}" for d in details)
    return api.create_response(
        request,
        {"detail": _("Parameter tidak valid: %(errors)s") % {"errors": summary}, "kesalahan": details},
        status=422,
    )


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(request, {"detail": _("Data tidak ditemukan.")}, status=404)


# --- Serialisation helpers (no query: callers fetch related rows in bulk) ----------------------


def _province(province):
    return {"kode": province.code, "slug": province.slug, "nama": province.name} if province else None


def _regency(regency):
    return {"kode": regency.code, "nama": regency.name} if regency else None


def _agency_ref(agency):
    return {
        "id": agency.pk,
        "nama": agency.name,
        "singkatan": agency.abbreviation,
        "jenis": agency.agency_type,
    }


def _url(request, page):
    return page.get_full_url(request)


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
        "url": _url(request, page),
        "instansi": _agency_ref(page.agency),
        "provinsi": _province(page.province),
        "kabupaten_kota": _regency(page.regency),
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


# --- Innovations -------------------------------------------------------------------------------


@api.get(
    "/inovasi/",
    response={200: schemas.InnovationList, **ERRORS},
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


@api.get(
    "/inovasi/{id}/",
    response={200: schemas.InnovationDetail, **ERRORS},
    tags=["Inovasi"],
    summary="Satu inovasi",
    operation_id="detail_inovasi",
)
def innovation_detail(request, id: int = Path(..., ge=1, le=MAX_ID)):
    """Satu inovasi yang terbit dan publik, beserta narasinya (HTML)."""
    page = _innovation_queryset(InnovationPage.objects.live().public().filter(pk=id)).first()
    if page is None:
        raise HttpError(404, _("Inovasi %(id)s tidak ditemukan.") % {"id": id})
    data = _innovations(request, [page])[0]
    data["narasi"] = {name: expand_db_html(getattr(page, name) or "") for name, _label in NARRATIVE_SECTIONS}
    return data


# --- Hubs --------------------------------------------------------------------------------------


def _hub(request, hub, counts):
    return {
        "slug": hub.slug,
        "nama": hub.title,
        "jenis": hub.hub_type,
        "provinsi": _province(hub.province),
        "instansi_pengampu": _agency_ref(hub.agency) if hub.agency_id else None,
        "ringkasan": hub.summary,
        "tahun_bergabung": hub.year_joined,
        "url": _url(request, hub),
        "jumlah_inovasi": counts.get(hub.pk, 0),
    }


def _hub_queryset():
    return HubPage.objects.live().public().select_related("province", "agency").order_by("-hub_type", "title")


@api.get(
    "/hub/",
    response={200: schemas.HubList, **ERRORS},
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


@api.get(
    "/hub/{slug}/",
    response={200: schemas.HubDetail, **ERRORS},
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
        spoke=[_agency_ref(agency) for agency in hub.spokes.order_by("agency_type", "name")],
    )
    return data


# --- Agencies ----------------------------------------------------------------------------------


def _unknown(field, value):
    return _("Nilai “%(value)s” untuk filter %(field)s tidak dikenal dan diabaikan.") % {
        "value": value[:50],
        "field": field,
    }


@api.get(
    "/instansi/",
    response={200: schemas.AgencyList, **ERRORS},
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
            warnings.append(_unknown("provinsi", filters.provinsi))
        else:
            queryset = queryset.filter(province=province)
    text = (filters.q or "").strip()
    if text:
        queryset = queryset.filter(Q(name__icontains=text) | Q(abbreviation__icontains=text))

    def serialize(agencies):
        return [
            {
                **_agency_ref(agency),
                "slug": agency.slug,
                "provinsi": _province(agency.province),
                "kabupaten_kota": _regency(agency.regency),
                "induk_id": agency.parent_id,
                "situs_web": agency.website,
                "aktif": agency.is_active,
            }
            for agency in agencies
        ]

    return paginate(request, queryset, page, serialize, warnings=warnings)


# --- Replications ------------------------------------------------------------------------------


@api.get(
    "/replikasi/",
    response={200: schemas.ReplicationList, **ERRORS},
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
            warnings.append(_unknown("hub", filters.hub))
    if filters.provinsi:
        province = Province.objects.filter(slug=filters.provinsi).first()
        if province is None:
            warnings.append(_unknown("provinsi", filters.provinsi))
    public = replication_selectors.public_replications().filter(
        origin__in=InnovationPage.objects.live().public().values("pk")
    )
    chosen = replication_selectors.filtered(
        public, hub=hub, province=province, stage=filters.tahap, year=filters.tahun
    )
    queryset = replication_selectors.for_listing(chosen).order_by("-public_since", "-pk")

    def serialize(replications):
        replica_ids = [r.replica_id for r in replications if r.replica_id]
        public_replicas = (
            set(
                InnovationPage.objects.live().public().filter(pk__in=replica_ids).values_list("pk", flat=True)
            )
            if replica_ids
            else set()
        )
        return [_replication(request, r, public_replicas) for r in replications]

    return paginate(request, queryset, page, serialize, warnings=warnings)


def _replication(request, replication, public_replicas):
    origin, adopter, replica = replication.origin, replication.adopter, replication.replica
    return {
        "id": replication.pk,
        "inovasi_asal": {
            "id": origin.pk,
            "judul": origin.title,
            "url": _url(request, origin),
            "instansi": _agency_ref(origin.agency),
        },
        "instansi_replikator": {**_agency_ref(adopter), "provinsi": _province(adopter.province)},
        "model": replication.model,
        "tahap": replication.stage,
        "cakupan": replication.scope or None,
        "diajukan": timezone.localdate(replication.created_at),
        "publik_sejak": replication.public_since,
        "tahap_berubah": replication.stage_changed_at,
        "replika": (
            {"id": replica.pk, "judul": replica.title, "url": _url(request, replica)}
            if replica is not None and replica.pk in public_replicas
            else None
        ),
    }


# --- PKRI --------------------------------------------------------------------------------------


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


@api.get(
    "/pkri/",
    response={200: schemas.CycleList, **ERRORS},
    tags=["PKRI"],
    summary="Siklus PKRI yang dipublikasikan",
    operation_id="daftar_pkri",
)
def cycle_list(request, page: Query[schemas.PageParams]):
    """Siklus PKRI yang hasilnya sudah dipublikasikan, terbaru dahulu."""
    return paginate(
        request, _published_cycles().order_by("-year"), page, lambda cycles: [_cycle(c) for c in cycles]
    )


@api.get(
    "/pkri/{tahun}/",
    response={200: schemas.ResultList, **ERRORS},
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
        "instansi": _agency_ref(agency),
        "provinsi": _province(agency.province),
        "nilai_dokumen": _number(obj.desk_total),
        "nilai_wawancara": _number(obj.interview_total),
        "nilai_akhir": float(obj.final_total),
        "kategori": obj.category,
        # what publication wrote to the innovation (``pkri.rules.publish``)
        "status_keberlanjutan": (obj.verified_status or obj.declared_status or None)
        if obj.group == Group.KEBERLANJUTAN
        else None,
    }
