"""The catalogue as open data: one row shape, written as CSV, XLSX or JSON.

The same rows serve the catalogue and search-result downloads, the whole-dataset download and
the nightly dump. Rows are read in chunks of ``CHUNK`` innovations with a fixed number of
queries per chunk, so a 100,000-row export never runs a query per row and never holds every
page in memory. Column names follow the import schema (docs/import.md) where the meaning is
the same, so an exported file can be edited and re-imported.

CSV and XLSX are written by ``core.tabular`` like every other table the portal serves (formula
neutralising, BOM); only the JSON document is the catalogue's own.
"""
import json

from django.conf import settings
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from wagtail.models import Site

from hubs.membership import attach_hubs
from innovations.models import NARRATIVE_SECTIONS, InnovationAward, InnovationPage, InnovationSource
from replication.selectors import replication_counts

CHUNK = 1000
LICENCE = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/deed.id"

#: (column, label) in file order
COLUMNS = [
    ("id", _("ID")), ("judul", _("Judul")), ("akronim", _("Akronim")), ("ringkasan", _("Ringkasan")),
    ("instansi", _("Instansi")), ("jenis_instansi", _("Jenis instansi")), ("unit_pelayanan", _("Unit pelayanan")),
    ("kode_provinsi", _("Kode provinsi")), ("provinsi", _("Provinsi")),
    ("kode_kabupaten_kota", _("Kode kabupaten/kota")), ("kabupaten_kota", _("Kabupaten/kota")),
    ("hub", _("Hub")), ("tahun_mulai", _("Tahun mulai")), ("jenis", _("Jenis")), ("tahapan", _("Tahapan")),
    ("status_keberlanjutan", _("Status keberlanjutan")), ("terakhir_diverifikasi", _("Terakhir diverifikasi")),
    ("kategori", _("Kategori")), ("sdg", _("SDG")), ("tag", _("Tag")), ("penghargaan", _("Penghargaan")),
    ("sumber", _("Sumber (program:ID)")), ("inovator", _("Inovator")), ("video_url", _("Video")),
    ("jumlah_replikasi", _("Jumlah replikasi")), ("url", _("Alamat halaman")),
]
FIELDS = [name for name, _label in COLUMNS]
LABELS = [label for _name, label in COLUMNS]
#: the XLSX's sheets: the rows, then the licence
SHEET = "Inovasi"
NOTES = [f"Data terbuka JIPPNas, lisensi {LICENCE} ({LICENCE_URL}). Sebutkan sumbernya."]


#: long texts and private fields a row never shows: not even read from the database
NOT_EXPORTED = [
    *(f"{name}{suffix}" for name, _label in NARRATIVE_SECTIONS for suffix in ("", "_en")),
    "title_en", "summary_en", "contact_email", "contact_phone",
]


def _listing(queryset):
    return queryset.select_related("agency", "service_unit", "province", "regency").prefetch_related(
        "categories", "sdgs", "tags",
        Prefetch("awards", queryset=InnovationAward.objects.select_related("tier").order_by("-year", "tier__rank")),
        Prefetch("sources", queryset=InnovationSource.objects.order_by("sort_order", "pk")),
    ).defer(*NOT_EXPORTED)


def iter_records(ids, base_url=None, progress=None):
    """Dicts keyed by ``FIELDS`` for the innovations ``ids`` (a list, or a queryset whose
    order is kept), in that order."""

    base_url = (base_url or getattr(settings, "WAGTAILADMIN_BASE_URL", "") or "").rstrip("/")
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    root = site.root_page.url_path if site else "/"  # public paths are url_path minus the site root's
    if not isinstance(ids, (list, tuple)):
        ids = list(ids.values_list("pk", flat=True))
    for start in range(0, len(ids), CHUNK):
        chunk_ids = ids[start:start + CHUNK]
        pages = {p.pk: p for p in _listing(InnovationPage.objects.filter(pk__in=chunk_ids))}
        ordered = attach_hubs([pages[pk] for pk in chunk_ids if pk in pages])
        counts = replication_counts(chunk_ids)
        for page in ordered:
            yield _record(page, counts.get(page.pk, 0), base_url, root)
        if progress:
            progress(len(chunk_ids))


def _record(page, replications, base_url, root):
    agency = page.agency
    return {
        "id": page.pk,
        "judul": page.title,
        "akronim": page.acronym,
        "ringkasan": page.summary,
        "instansi": agency.name,
        "jenis_instansi": agency.get_agency_type_display(),
        "unit_pelayanan": page.service_unit.name if page.service_unit_id else "",
        "kode_provinsi": page.province.code if page.province_id else "",
        "provinsi": page.province.name if page.province_id else "",
        "kode_kabupaten_kota": page.regency.code if page.regency_id else "",
        "kabupaten_kota": page.regency.name if page.regency_id else "",
        "hub": page.hub.title if getattr(page, "hub", None) else "",
        "tahun_mulai": page.year_started,
        "jenis": page.get_innovation_type_display(),
        "tahapan": page.get_stage_display(),
        "status_keberlanjutan": page.get_sustainability_status_display(),
        "terakhir_diverifikasi": page.last_verified.isoformat() if page.last_verified else "",
        "kategori": "; ".join(c.name for c in page.categories.all()),
        "sdg": "; ".join(str(s.number) for s in sorted(page.sdgs.all(), key=lambda s: s.number)),
        "tag": "; ".join(sorted(t.name for t in page.tags.all())),
        "penghargaan": "; ".join(f"{a.tier.name} {a.year}" for a in page.awards.all()),
        "sumber": "; ".join(f"{s.programme}:{s.identifier}" for s in page.sources.all() if s.identifier),
        "inovator": page.innovator_name,
        "video_url": page.video_url,
        "jumlah_replikasi": replications,
        "url": base_url + "/" + page.url_path[len(root):] if page.url_path.startswith(root) else page.url_path,
    }


# --- writers ----------------------------------------------------------------------------------


def values(record):
    """A record's cells in file order, for ``core.tabular``."""
    return [record[name] for name in FIELDS]


class JsonRows:
    """A JSON document ``{"lisensi": ..., ..., "inovasi": [...]}``, one piece at a time."""

    TAIL = "\n]}\n"

    def __init__(self, meta):
        self.meta, self.first = meta, True

    def header(self):
        return json.dumps(self.meta, ensure_ascii=False)[:-1] + (", " if self.meta else "") + '"inovasi": ['

    def row(self, record):
        piece = ("" if self.first else ",") + "\n" + json.dumps(record, ensure_ascii=False)
        self.first = False
        return piece


def json_chunks(records, meta):
    """The JSON document in pieces; for streaming."""
    rows = JsonRows(meta)
    yield rows.header()
    for record in records:
        yield rows.row(record)
    yield JsonRows.TAIL


def dataset_meta(count=None, **extra):
    meta = {"sumber": "JIPPNas", "lisensi": LICENCE, "lisensi_url": LICENCE_URL}
    if count is not None:
        meta["jumlah"] = count
    meta.update(extra)
    return meta
