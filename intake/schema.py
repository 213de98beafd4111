"""The import schema: one list of columns that the reader, the validator, the rejected-rows
file and the documentation (``docs/import.md``, checked by a test) all follow.

Column names are Indonesian because the people who fill the sheets are; a header is matched
after lower-casing and turning spaces and hyphens into underscores, so "Tahun Mulai" is
``tahun_mulai``.
"""
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

#: a narrative cell may hold a long text, but not a whole book pasted by mistake
MAX_TEXT = 20_000
#: the limit of any one cell the CSV reader accepts before it gives up on the file
MAX_CELL_BYTES = 1_000_000
#: bigger uploads are refused before reading
MAX_FILE_BYTES = 50 * 1024 * 1024
#: Every file is read as a stream and refused, with the row where reading stopped and the
#: reason, past these limits (a 17 MB XLSX can expand to millions of cells; issue 17). With
#: them a check stays under MEMORY_CEILING_MB of resident memory (bench/hostile_import.py).
MAX_ROWS = 100_000  # data rows
MAX_COLUMNS = 200  # columns of the header
MAX_CELLS = 3_000_000  # cells read, empty ones included (100,000 rows of 30 columns)
MAX_EXPANDED_BYTES = 100 * 1024 * 1024  # the text of all cells together
#: XLSX: a row element holding more cells than this is refused before it is parsed (openpyxl
#: builds a whole row in memory), as is a sheet part larger than MAX_SHEET_XML_BYTES once unpacked
#: or any other part (shared strings, styles: read whole) larger than MAX_PART_XML_BYTES
MAX_ROW_CELLS = 16_384
MAX_SHEET_XML_BYTES = 512 * 1024 * 1024
MAX_PART_XML_BYTES = 32 * 1024 * 1024
#: reading and checking a file stops after this long (wall time)
MAX_CHECK_SECONDS = 600
MEMORY_CEILING_MB = 512
#: separator of many-valued cells (kategori, sdg, tag, penghargaan)
LIST_SEPARATOR = ";"


@dataclass(frozen=True)
class Column:
    name: str
    kind: str  # text, longtext, year, date, choice, list, url, ref
    required: bool
    max_length: int
    doc: str  # shown on the admin upload page; docs/import.md says the same in English


COLUMNS = [
    Column("sumber", "choice", True, 10, _("Program sumber: kipp, iga, labinov, hub atau lainnya.")),
    Column("id_sumber", "text", True, 100, _("ID rekaman di program sumber (no. registrasi SINOVIK, ID IID, ID Labinov).")),
    Column("judul", "text", True, 255, _("Judul inovasi.")),
    Column("akronim", "text", False, 60, _("Nama singkat, misalnya SADELPOS.")),
    Column("ringkasan", "text", True, 2000, _("Ringkasan, paling banyak 2.000 karakter.")),
    Column("instansi", "ref", True, 255, _("Nama, singkatan atau slug instansi pemilik yang sudah terdaftar di portal.")),
    Column("unit_pelayanan", "text", False, 255, _("Nama UPP; dibuat bila belum ada pada instansi tersebut.")),
    Column("wilayah", "ref", False, 100,
           _("Kode Kemendagri provinsi (71) atau kabupaten/kota (71.71), atau namanya; kosong = wilayah instansi.")),
    Column("hub", "ref", False, 255, _("Slug hub tujuan; kosong = hub instansi, atau hub nasional.")),
    Column("tahun_mulai", "year", True, 4, _("Tahun mulai diterapkan (1990 sampai tahun berjalan).")),
    Column("jenis", "choice", False, 20, _("digital atau non_digital (kosong = non_digital).")),
    Column("tahapan", "choice", False, 20, _("inisiatif, uji_coba atau penerapan (kosong = penerapan).")),
    Column("status_keberlanjutan", "choice", False, 30,
           _("berlanjut_pengembangan, berlanjut, vakum, berhenti atau belum_diverifikasi (kosong = belum_diverifikasi).")),
    Column("terakhir_diverifikasi", "date", False, 10, _("Tanggal verifikasi status: 2024-05-31 atau 31/05/2024; tidak di masa depan.")),
    Column("kategori", "list", False, 1000, _("Nama atau slug kategori, dipisah titik koma.")),
    Column("sdg", "list", False, 200, _("Nomor (1-17) atau nama SDG, dipisah titik koma.")),
    Column("tag", "list", False, 1000, _("Tag bebas, dipisah titik koma; tag baru dibuat.")),
    Column("penghargaan", "list", False, 1000, _("Tingkat dan tahun, dipisah titik koma: \"Top 99 2023; Top 45 2023\".")),
    Column("inovator", "text", False, 255, _("Nama inovator atau tim.")),
    Column("video_url", "url", False, 200, _("Tautan video YouTube.")),
    Column("latar_belakang", "longtext", False, MAX_TEXT, _("Latar belakang (teks; baris kosong memisahkan paragraf).")),
    Column("tujuan", "longtext", False, MAX_TEXT, _("Tujuan.")),
    Column("kebaruan", "longtext", False, MAX_TEXT, _("Kebaruan dan nilai tambah.")),
    Column("implementasi", "longtext", False, MAX_TEXT, _("Implementasi.")),
    Column("dampak", "longtext", False, MAX_TEXT, _("Dampak dan hasil.")),
    Column("sumber_daya", "longtext", False, MAX_TEXT, _("Sumber daya.")),
    Column("strategi_keberlanjutan", "longtext", False, MAX_TEXT, _("Strategi keberlanjutan.")),
    Column("potensi_replikasi", "longtext", False, MAX_TEXT, _("Potensi replikasi.")),
    Column("tantangan", "longtext", False, MAX_TEXT, _("Tantangan.")),
    Column("pembelajaran", "longtext", False, MAX_TEXT, _("Pembelajaran.")),
]

BY_NAME = {column.name: column for column in COLUMNS}
#: columns the rejected-rows file adds (its row number and reasons): accepted and ignored, so
#: that file can be corrected and imported as it is
IGNORED = {"baris", "alasan"}
REQUIRED = [column.name for column in COLUMNS if column.required]

#: import column -> InnovationPage narrative field
NARRATIVE_FIELDS = {
    "latar_belakang": "background",
    "tujuan": "objectives",
    "kebaruan": "novelty",
    "implementasi": "implementation",
    "dampak": "impact",
    "sumber_daya": "resources",
    "strategi_keberlanjutan": "sustainability",
    "potensi_replikasi": "replication_potential",
    "tantangan": "challenges",
    "pembelajaran": "lessons_learned",
}


#: page fields read as they are: import column -> InnovationPage field
TEXT_FIELDS = {"judul": "title", "ringkasan": "summary", "akronim": "acronym", "inovator": "innovator_name"}
#: coded values: import column -> InnovationPage field (``sumber`` is the source programme)
CHOICE_FIELDS = {"sumber": None, "jenis": "innovation_type", "tahapan": "stage",
                 "status_keberlanjutan": "sustainability_status"}

#: After every cell's presence and length, a row is checked group by group in this order, by
#: ``RowChecker.check_<group>`` over the columns named here. A later group may use what an
#: earlier one found: the region falls back to the agency's, the hub to the region's. Every
#: column is in one group, except ``id_sumber`` and ``unit_pelayanan``, taken as they are.
CHECKS = {
    "text": tuple(TEXT_FIELDS),
    "choice": tuple(CHOICE_FIELDS),
    "year": ("tahun_mulai",),
    "date": ("terakhir_diverifikasi",),
    "url": ("video_url",),
    "agency": ("instansi",),
    "region": ("wilayah",),
    "hub": ("hub",),
    "reference_list": ("kategori", "sdg"),
    "tags": ("tag",),
    "awards": ("penghargaan",),
    "narrative": tuple(NARRATIVE_FIELDS),
}


def normalise_header(name):
    return "_".join(str(name or "").strip().lower().replace("-", " ").split())
