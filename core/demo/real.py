"""The public facts the default demo is built on: ``data/kipp/`` (see its SOURCE.md).

``awards.csv`` has one row per (innovation, year, tier); ``real_records`` groups them into
innovations. ``hubs.csv`` lists the Hub JIPP designations; Sulawesi Utara, a hub since 2024,
is added here because the demo's accounts and scenarios live there.
"""
import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

from agencies.models import AgencyType

DATA = Path(__file__).resolve().parent / "data" / "kipp"

#: the source programme and identifier prefix of the imported real records
REAL_ID_PREFIX = "DATA-KIPP-"

AGENCY_TYPES = {
    "Pemerintah Provinsi": AgencyType.PEMPROV, "Pemerintah Kabupaten": AgencyType.PEMKAB,
    "Pemerintah Kota": AgencyType.PEMKOT, "Kementerian": AgencyType.KEMENTERIAN, "Lembaga": AgencyType.LEMBAGA,
}
#: the dataset's province names that the Kemendagri list spells out
PROVINCE_ALIASES = {"DKI Jakarta": "Daerah Khusus Ibukota Jakarta", "DI Yogyakarta": "Daerah Istimewa Yogyakarta"}

#: Sulawesi Utara is a hub since 2024 (issue 13) but not in hubs.csv
EXTRA_HUBS = [{
    "hub_name": "Hub JIPP Provinsi Sulawesi Utara", "owner_agency": "Pemerintah Provinsi Sulawesi Utara",
    "type": "provinsi", "decree": "KepmenPANRB No. 305/2024", "year": "2024", "coordinating_unit": "",
    "source_url": "",
}]

#: service area -> (category slug, SDG numbers, the regional unit that runs such a service)
AREAS = {
    "kesehatan": ("kesehatan", [3], "Dinas Kesehatan"),
    "perkebunan": ("pertumbuhan-ekonomi", [8, 15], "Dinas Perkebunan"),
    "perikanan": ("ketahanan-pangan", [2, 14], "Dinas Kelautan dan Perikanan"),
    "kependudukan": ("administrasi-kependudukan", [16], "Dinas Kependudukan dan Pencatatan Sipil"),
    "lingkungan": ("lingkungan-hidup", [11, 12], "Dinas Lingkungan Hidup"),
    "pertanian": ("ketahanan-pangan", [2], "Dinas Pertanian"),
    "pendidikan": ("pendidikan", [4], "Dinas Pendidikan"),
    "UMKM": ("pertumbuhan-ekonomi", [8], "Dinas Koperasi dan UMKM"),
    "tata kelola": ("tata-kelola-pemerintahan", [16], "Sekretariat Daerah"),
    "hukum": ("penegakan-hukum", [16], "Bagian Hukum Sekretariat Daerah"),
    "perhubungan": ("pelayanan-inklusif", [9, 11], "Dinas Perhubungan"),
    "pengentasan kemiskinan": ("pengentasan-kemiskinan", [1], "Dinas Sosial"),
    "peternakan": ("ketahanan-pangan", [2], "Dinas Peternakan dan Kesehatan Hewan"),
    "kearsipan": ("tata-kelola-pemerintahan", [4, 16], "Dinas Perpustakaan dan Kearsipan"),
    "pengadaan": ("tata-kelola-pemerintahan", [16], "Bagian Pengadaan Barang/Jasa"),
    "perizinan": ("perizinan", [8, 16], "Dinas Penanaman Modal dan PTSP"),
    "infrastruktur": ("pemberdayaan-masyarakat", [9, 11], "Dinas Pekerjaan Umum"),
    "informasi publik": ("tata-kelola-pemerintahan", [16], "Dinas Komunikasi dan Informatika"),
    "keamanan": ("penegakan-hukum", [16], ""),
    "partisipasi publik": ("tata-kelola-pemerintahan", [16], "Biro Hubungan Masyarakat"),
    "pajak": ("tata-kelola-pemerintahan", [17], "Badan Pendapatan Daerah"),
    "ketenagakerjaan": ("pertumbuhan-ekonomi", [8], "Dinas Tenaga Kerja"),
    "perumahan": ("pemberdayaan-masyarakat", [11], "Dinas Perumahan dan Permukiman"),
    "sosial": ("pengentasan-kemiskinan", [1, 10], "Dinas Sosial"),
    "pariwisata": ("pertumbuhan-ekonomi", [8], "Dinas Pariwisata"),
    "layanan inklusif": ("pelayanan-inklusif", [10], "Dinas Sosial"),
    "ekonomi kreatif": ("pertumbuhan-ekonomi", [8], "Dinas Pariwisata dan Ekonomi Kreatif"),
    "kebencanaan": ("lingkungan-hidup", [11, 13], "Badan Penanggulangan Bencana Daerah"),
    "perencanaan": ("tata-kelola-pemerintahan", [16, 17], "Badan Perencanaan Pembangunan Daerah"),
    "perlindungan anak": ("pelayanan-responsif-gender", [5, 16], "Dinas Pemberdayaan Perempuan dan Perlindungan Anak"),
    "ketahanan pangan": ("ketahanan-pangan", [2], "Dinas Ketahanan Pangan"),
    "kepabeanan": ("pertumbuhan-ekonomi", [8, 17], "Direktorat Jenderal Bea dan Cukai"),
    "penerimaan negara": ("tata-kelola-pemerintahan", [16, 17], "Direktorat Jenderal Anggaran"),
    "": ("tata-kelola-pemerintahan", [16], ""),
}
#: units that exist only in a ministry (the others are regional)
CENTRAL_AREAS = {"kepabeanan", "penerimaan negara"}
DIGITAL_WORDS = re.compile(r"online|sistem|aplikasi|digital|daring|\.id\b|\be-|window|mall|ceisa|app", re.IGNORECASE)


@dataclass
class RealRecord:
    """One real innovation and its awards (tier name, year)."""

    name: str
    long_name: str
    agency: str
    unit: str
    agency_type: str
    province: str
    area: str
    summary: str
    sources: list
    awards: list = field(default_factory=list)

    @property
    def title(self):
        return self.long_name or self.name

    @property
    def acronym(self):
        return self.name if self.long_name and self.name.lower() not in self.long_name.lower() else ""

    @property
    def first_award_year(self):
        return min(year for _tier, year in self.awards)

    @property
    def digital(self):
        return bool(DIGITAL_WORDS.search(f"{self.name} {self.long_name} {self.summary}"))


def split_agency(text):
    """"Pemerintah Kabupaten Badung (Dinas Lingkungan Hidup)" -> (agency, unit)."""
    match = re.fullmatch(r"(.+?)\s*\((.+)\)", text.strip())
    return (match.group(1), match.group(2)) if match else (text.strip(), "")


def province_name(name):
    return PROVINCE_ALIASES.get(name, name)


def real_records():
    """The 74 real innovations of awards.csv, in the file's order (oldest first)."""
    records = {}
    with open(DATA / "awards.csv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            agency, unit = split_agency(row["agency"])
            key = (row["innovation_name"], agency)
            record = records.get(key)
            if record is None:
                record = records[key] = RealRecord(
                    name=row["innovation_name"], long_name=row["innovation_long_name"], agency=agency, unit=unit,
                    agency_type=AGENCY_TYPES[row["agency_type"]], province=province_name(row["province"]),
                    area=row["service_area"], summary=row["summary_id"], sources=[],
                )
            record.awards.append((row["tier"], int(row["year"])))
            if row["source_url"] not in record.sources:
                record.sources.append(row["source_url"])
    return list(records.values())


def hub_rows():
    with open(DATA / "hubs.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return EXTRA_HUBS + rows
