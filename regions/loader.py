"""Load the province and regency CSVs shipped in ``regions/data``.

Used by the data migration (with historical models) and by ``load_regions``; idempotent:
rows are matched by official code and names are refreshed.
"""
import csv
from pathlib import Path

from django.utils.text import slugify

DATA_DIR = Path(__file__).resolve().parent / "data"


def read_rows(filename):
    with open(DATA_DIR / filename, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def regency_kind(name):
    return "kota" if name.lower().startswith("kota ") else "kabupaten"


def load_regions(Province, Regency):
    """Create or update every province and regency; return (provinces, regencies) counts."""
    provinces = {}
    for row in read_rows("provinces.csv"):
        province, _ = Province.objects.update_or_create(
            code=row["code"], defaults={"name": row["name"], "slug": slugify(row["name"])}
        )
        provinces[row["code"]] = province
    count = 0
    for row in read_rows("regencies.csv"):
        Regency.objects.update_or_create(
            code=row["code"],
            defaults={
                "province": provinces[row["province_code"]],
                "name": row["name"],
                "kind": regency_kind(row["name"]),
            },
        )
        count += 1
    return len(provinces), count
