"""The public read-only API: innovations, hubs, agencies, public replications and published
PKRI results. Every list is paginated (``halaman``, ``per_halaman``) and runs a fixed number of
queries whatever the page size; every error is JSON with an Indonesian ``detail``.

Only public data leaves here: live and public pages, replications from kesepakatan on, PKRI
cycles after publication. Contact details, officials' names, step notes, evidence files and
accounts are never read into a response (see ``schemas``).

This module holds what is the API's as a whole (its description, its Indonesian error
responses); each resource is a router in ``routers``, sharing ``common`` and ``pagination``.
"""
import logging

from django.db import DatabaseError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Swagger
from ninja.errors import ValidationError

from .routers import ROUTERS

logger = logging.getLogger(__name__)

DESCRIPTION = """
API baca-saja (read-only) Jaringan Inovasi Pelayanan Publik Nasional (JIPPNas): katalog inovasi,
hub, instansi, replikasi publik dan hasil PKRI yang telah dipublikasikan. Tanpa autentikasi.

Setiap daftar memakai halaman: `halaman` (mulai dari 1) dan `per_halaman` (bawaan 20, paling
banyak 100). Data dilisensikan **CC BY 4.0**; sebutkan JIPPNas sebagai sumber.
"""

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


@api.exception_handler(DatabaseError)
def database_unavailable(request, exc):
    """The database failed (down, or refusing): a JSON 503 that invites a retry, not an HTML
    page. Anything else unexpected reaches ``core.views.server_error``, which answers JSON under
    /api/ too."""
    logger.error("API request %s failed on the database: %s", request.path, exc.__class__.__name__)
    response = api.create_response(
        request, {"detail": _("Layanan data sedang tidak tersedia. Coba lagi beberapa saat lagi.")}, status=503)
    response["Retry-After"] = "30"
    return response


for router in ROUTERS:
    api.add_router("", router)


# --- The index at /api/ itself: where the schema, the docs and each resource are ----------------


@api.get("/", include_in_schema=False, url_name="index")
def index(request):
    """``/api/`` answered 404 though everything lives under it: it now lists what is there."""
    root = request.build_absolute_uri("/api/")
    schema = api.get_openapi_schema(path_prefix="/api/")
    resources = [
        {"alamat": request.build_absolute_uri(path), "ringkasan": operation["get"].get("summary", "")}
        for path, operation in schema["paths"].items()
        if "get" in operation and "{" not in path
    ]
    return {
        "nama": api.title,
        "versi": api.version,
        "keterangan": _("API baca-saja JIPPNas: katalog inovasi, hub, instansi, replikasi publik dan hasil PKRI."),
        "skema": root + "schema/",
        "dokumentasi": root + "dokumentasi/",
        "lisensi": "CC BY 4.0",
        "sumber": resources,
    }
