"""Request and response schemas of the public API.

Field names are Indonesian like the rest of the public portal; codes (jenis, tahap, status...)
are the stored choice values, listed in docs/api.md. Nothing private is declared here, so
nothing private can be serialised: contact details, officials' names, notes, evidence files and
accounts have no field.
"""

import datetime
from typing import Literal

from ninja import Field, Schema
from pydantic import create_model

from agencies.models import AgencyType
from innovations.filter_registry import CATALOGUE_FILTERS
from innovations.models import NARRATIVE_SECTIONS
from pkri.models import Group
from replication.models import Stage as ReplicationStage

#: Slugs reach the ORM only in this shape (PostgreSQL refuses NUL bytes in a string literal).
SLUG_PATTERN = r"^[-a-zA-Z0-9_]+$"
MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 20

AgencyTypeCode = Literal[tuple(AgencyType.values)]
ReplicationStageCode = Literal[tuple(ReplicationStage.values)]
GroupCode = Literal[tuple(Group.values)]


# --- Query parameters ---------------------------------------------------------------------


class PageParams(Schema):
    halaman: int = Field(1, ge=1, description="Nomor halaman, mulai dari 1.")
    per_halaman: int = Field(
        DEFAULT_PAGE_SIZE,
        ge=1,
        le=MAX_PAGE_SIZE,
        description=f"Jumlah data per halaman (bawaan {DEFAULT_PAGE_SIZE}, paling banyak {MAX_PAGE_SIZE}).",
    )


class _QueryDictSchema(Schema):
    def as_querydict(self):
        from django.http import QueryDict

        params = QueryDict(mutable=True)
        for name, value in self.dict().items():
            if isinstance(value, list):
                params.setlist(name, value)
            else:
                params[name] = value
        return params


#: One list parameter per filter of innovations.filter_registry.CATALOGUE_FILTERS, then the sort.
InnovationFilterParams = create_model(
    "InnovationFilterParams",
    __base__=_QueryDictSchema,
    __doc__="The catalogue's filters (innovations.filters.CatalogueFilter); every one may repeat.",
    **{f.name: (list[str], Field(default_factory=list, description=f.api_description)) for f in CATALOGUE_FILTERS},
    urutkan=(str, Field("terbaru", max_length=100, description="`terbaru`, `judul` atau `terverifikasi`.")),
)


class AgencyFilterParams(Schema):
    jenis: AgencyTypeCode | None = Field(None, description="Kode jenis instansi.")
    provinsi: str | None = Field(None, max_length=100, pattern=SLUG_PATTERN, description="Slug provinsi.")
    q: str | None = Field(
        None,
        max_length=100,
        pattern=r"^[^\x00-\x1f\x7f]*$",
        description="Bagian dari nama atau singkatan instansi.",
    )


class ReplicationFilterParams(Schema):
    hub: str | None = Field(
        None,
        max_length=100,
        pattern=SLUG_PATTERN,
        description="Slug hub: replikasi atas inovasi hub ini atau oleh instansi di hub ini.",
    )
    provinsi: str | None = Field(
        None, max_length=100, pattern=SLUG_PATTERN, description="Slug provinsi instansi replikator."
    )
    tahap: ReplicationStageCode | None = Field(None, description="Kode tahap replikasi.")
    tahun: int | None = Field(None, ge=2000, le=2100, description="Tahun permohonan replikasi diajukan.")


class ResultFilterParams(Schema):
    kelompok: GroupCode | None = Field(None, description="Kelompok objek penilaian.")


# --- Shared pieces --------------------------------------------------------------------------


class Error(Schema):
    detail: str
    kesalahan: list[dict] = Field(default_factory=list, description="Rincian per parameter (bila ada).")


class Province(Schema):
    kode: str
    slug: str
    nama: str


class Regency(Schema):
    kode: str
    nama: str


class AgencyRef(Schema):
    id: int
    nama: str
    singkatan: str
    jenis: str


class HubRef(Schema):
    slug: str
    nama: str


class InnovationRef(Schema):
    id: int
    judul: str
    url: str | None


class Envelope(Schema):
    count: int = Field(description="Jumlah seluruh data yang cocok dengan filter.")
    halaman: int
    per_halaman: int
    jumlah_halaman: int
    next: str | None = Field(description="Alamat halaman berikutnya, atau null.")
    previous: str | None = Field(description="Alamat halaman sebelumnya, atau null.")
    peringatan: list[str] = Field(
        default_factory=list, description="Nilai filter yang tidak dikenal dan diabaikan."
    )


# --- Innovations ---------------------------------------------------------------------------


class Award(Schema):
    tingkat: str
    tahun: int


class Source(Schema):
    program: str
    id: str


class Innovation(Schema):
    id: int
    judul: str
    akronim: str
    ringkasan: str
    url: str | None
    instansi: AgencyRef
    provinsi: Province | None
    kabupaten_kota: Regency | None
    hub: HubRef | None
    tahun_mulai: int
    jenis: str
    tahapan: str
    status_keberlanjutan: str
    terakhir_diverifikasi: datetime.date | None
    kategori: list[str]
    sdg: list[int]
    tag: list[str]
    penghargaan: list[Award]
    sumber: list[Source]
    jumlah_replikasi: int


#: The narrative sections as HTML (an empty string when not written), keyed by field name.
Narrative = create_model(
    "Narrative",
    __base__=Schema,
    **{name: (str, Field("", description=str(label))) for name, label in NARRATIVE_SECTIONS},
)


class InnovationDetail(Innovation):
    narasi: Narrative


class InnovationList(Envelope):
    results: list[Innovation]


# --- Hubs ----------------------------------------------------------------------------------


class Hub(Schema):
    slug: str
    nama: str
    jenis: str
    provinsi: Province | None
    instansi_pengampu: AgencyRef | None
    ringkasan: str
    tahun_bergabung: int | None
    url: str | None
    jumlah_inovasi: int


class HubDetail(Hub):
    profil: str = Field(description="Profil hub (HTML).")
    keputusan_penetapan: str
    unit_koordinator: str
    perguruan_tinggi_pendamping: str
    portal_inovasi: str
    spoke: list[AgencyRef]


class HubList(Envelope):
    results: list[Hub]


# --- Agencies --------------------------------------------------------------------------------


class Agency(Schema):
    id: int
    nama: str
    singkatan: str
    slug: str
    jenis: str
    provinsi: Province | None
    kabupaten_kota: Regency | None
    induk_id: int | None
    situs_web: str
    aktif: bool


class AgencyList(Envelope):
    results: list[Agency]


# --- Replications ----------------------------------------------------------------------------


class OriginInnovation(InnovationRef):
    instansi: AgencyRef


class Adopter(AgencyRef):
    provinsi: Province | None


class Replication(Schema):
    id: int
    inovasi_asal: OriginInnovation
    instansi_replikator: Adopter
    model: str
    tahap: str
    cakupan: str | None
    diajukan: datetime.date
    publik_sejak: datetime.datetime
    tahap_berubah: datetime.datetime
    replika: InnovationRef | None


class ReplicationList(Envelope):
    results: list[Replication]


# --- PKRI ------------------------------------------------------------------------------------


class Cycle(Schema):
    tahun: int
    nama: str
    dipublikasikan: datetime.datetime
    jumlah_objek: int


class CycleList(Envelope):
    results: list[Cycle]


class Result(Schema):
    id: int
    kelompok: str
    peringkat: int | None
    objek: str
    inovasi_id: int | None
    replikasi_id: int | None
    instansi: AgencyRef
    provinsi: Province | None
    nilai_dokumen: float | None
    nilai_wawancara: float | None
    nilai_akhir: float
    kategori: str
    status_keberlanjutan: str | None = Field(
        description="Status keberlanjutan yang dipublikasikan (kelompok keberlanjutan saja)."
    )


class ResultList(Envelope):
    siklus: Cycle
    results: list[Result]
