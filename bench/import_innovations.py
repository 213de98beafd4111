#!/usr/bin/env python
"""Benchmark: import N generated rows (default 10,000) with ``import_innovations``.

    .venv/bin/python bench/import_innovations.py [--rows 10000] [--format csv|xlsx|json] [--database-url URL]

Uses its own database (default: SQLite file bench/results/import.sqlite3, recreated each run,
with the demo's hubs and agencies from ``seed_demo --base-innovations 0``). It writes a file in
the docs/import.md schema with every column filled, about 3% of its rows repeating the title of
an earlier row under another programme (so the merge path is timed too), then times the dry
run, the real import, and a second import of the same file (which must change nothing). The
search index update runs inline (Celery eager), as on a single machine. Figures go to stdout and
to bench/results/import.json; the README quotes the latest run.
"""
import argparse
import csv
import io
import json
import os
import platform
import random
import time

from _setup import RESULTS, setup_django

WORDS = ["layanan", "pelayanan", "digital", "terpadu", "keliling", "desa", "kesehatan", "pendidikan", "perizinan", "sampah", "air", "bersih", "pangan", "antrean", "daring", "posyandu", "stunting", "akta", "kelahiran", "pasar", "pajak", "kendaraan", "nelayan", "petani"]


def make_rows(n, agencies, rng):
    rows = []
    for i in range(n):
        agency = agencies[i % len(agencies)]
        if i % 33 == 32:  # the same innovation reported by another programme
            twin = dict(rows[i - 20])
            twin.update(sumber="iga", id_sumber=f"IID-BENCH-{i}", judul=twin["judul"] + ".")
            rows.append(twin)
            continue
        title = " ".join(rng.sample(WORDS, 5)).capitalize() + f" {i}"
        rows.append({
            "sumber": "kipp", "id_sumber": f"SINOVIK-BENCH-{i}", "judul": title, "akronim": f"INV{i}",
            "ringkasan": f"{title}: ringkasan inovasi untuk uji kecepatan impor.", "instansi": agency,
            "unit_pelayanan": "Dinas Pelayanan Terpadu", "wilayah": "", "hub": "",
            "tahun_mulai": str(rng.randint(2010, 2025)), "jenis": rng.choice(["digital", "non_digital"]),
            "tahapan": "penerapan", "status_keberlanjutan": rng.choice(["berlanjut", "vakum", "belum_diverifikasi"]),
            "terakhir_diverifikasi": "2024-05-31", "kategori": "Kesehatan; Pendidikan", "sdg": "3; 4",
            "tag": f"{rng.choice(WORDS)}; {rng.choice(WORDS)}", "penghargaan": "Top 99 2023",
            "inovator": "Tim inovasi", "video_url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
            "latar_belakang": "Latar belakang. " * 40, "tujuan": "Tujuan inovasi.", "kebaruan": "Kebaruan.",
            "implementasi": "Implementasi. " * 20, "dampak": "Dampak. " * 20, "sumber_daya": "", "strategi_keberlanjutan": "",
            "potensi_replikasi": "", "tantangan": "", "pembelajaran": "",
        })
    return rows


def write_file(rows, path, fmt):
    if fmt == "csv":
        with open(path, "w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
    elif fmt == "json":
        path.write_text(json.dumps({"inovasi": rows}, ensure_ascii=False), encoding="utf-8")
    else:
        from openpyxl import Workbook

        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet()
        sheet.append(list(rows[0]))
        for row in rows:
            sheet.append(list(row.values()))
        workbook.save(path)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--format", choices=["csv", "xlsx", "json"], default="csv")
    parser.add_argument("--database-url", help="database to use (default: a fresh SQLite file)")
    args = parser.parse_args()

    setup_django("import.sqlite3", args.database_url, keep=False)
    from django.core.management import call_command

    from agencies.models import Agency
    from innovations.models import InnovationPage

    call_command("migrate", verbosity=0)
    call_command("seed_demo", base_innovations=0, verbosity=0)
    agencies = list(Agency.objects.order_by("name").values_list("name", flat=True))
    rows = make_rows(args.rows, agencies, random.Random(2026))
    path = RESULTS / f"import-{args.rows}.{args.format}"
    write_file(rows, path, args.format)
    figures = {"python": platform.python_version(), "database": os.environ["DATABASE_URL"].split(":")[0],
               "rows": args.rows, "format": args.format, "file_mb": round(path.stat().st_size / 1e6, 1)}
    before = InnovationPage.objects.count()

    def timed(label, *extra):
        started = time.perf_counter()
        call_command("import_innovations", str(path), "--no-progress", *extra, verbosity=0, stdout=io.StringIO())
        figures[label] = round(time.perf_counter() - started, 1)

    timed("dry_run_s", "--dry-run")
    timed("import_s")
    figures["innovations_created"] = InnovationPage.objects.count() - before
    timed("second_import_s")
    figures["innovations_after_second_import"] = InnovationPage.objects.count() - before
    figures["rows_per_s"] = round(args.rows / max(figures["import_s"], 0.001))
    print(json.dumps(figures, indent=2))
    (RESULTS / "import.json").write_text(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
