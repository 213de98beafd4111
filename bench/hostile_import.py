#!/usr/bin/env python
"""Benchmark: a hostile 17 MB XLSX and a 20,000-row file through the importer, with peak memory.

    .venv/bin/python bench/hostile_import.py [--rows 20000] [--hostile-mb 17]

Writes two files under bench/results/:

- ``hostile.xlsx``: about 17 MB zipped, a header and then row after row of 200 numeric cells,
  millions of cells once unpacked (the kind of file that drove the import past 1.7 GB for
  minutes, issue 17); it must be refused quickly, with a message, under the memory ceiling;
- ``rows-20000.xlsx``: 20,000 valid rows of one agency, every column filled, titles from the
  service vocabulary and Indonesian root words with 3% typos of earlier titles (the
  near-duplicate check's worst case), imported for real.

Each file is checked (and the second imported) in a fresh process on a SQLite database seeded
with the demo's hubs and agencies, so each process's peak resident memory (``ru_maxrss``,
Django included) is that file's alone. Prints the time, the peak memory, the outcome and the
machine's load average; figures also go to bench/results/hostile_import.json.
"""
import argparse
import json
import os
import random
import resource
import subprocess
import sys
import time
import zipfile

from _setup import RESULTS, ROOT, setup_django

HEADER = ["sumber", "id_sumber", "judul", "akronim", "ringkasan", "instansi", "unit_pelayanan", "wilayah", "hub",
          "tahun_mulai", "jenis", "tahapan", "status_keberlanjutan", "terakhir_diverifikasi", "kategori", "sdg", "tag",
          "penghargaan", "inovator", "video_url", "latar_belakang", "tujuan", "kebaruan", "implementasi", "dampak"]


def write_hostile(path, megabytes, rng):
    """A valid XLSX whose sheet holds rows of 200 numeric cells until the zip is ``megabytes``."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(HEADER)
    template = path.with_suffix(".template.xlsx")
    workbook.save(template)
    cells = 0
    with zipfile.ZipFile(template) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename != "xl/worksheets/sheet1.xml":
                target.writestr(info, data)
                continue
            head, tail = data.split(b"</sheetData>")
            with target.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
                sheet.write(head)
                row = 2
                while os.path.getsize(path) < megabytes * 1_000_000:
                    chunk = []
                    for _ in range(200):
                        values = "".join(f"<c><v>{rng.randrange(100_000)}</v></c>" for _ in range(200))
                        chunk.append(f'<row r="{row}">{values}</row>')
                        row += 1
                    sheet.write("".join(chunk).encode())
                    cells += 200 * 200
                sheet.write(b"</sheetData>" + tail)
    template.unlink()
    return cells


def write_rows(path, n, agency, rng, prefix="SINOVIK"):
    from near_duplicates import titles
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(HEADER)
    for i, title in enumerate(titles(n, rng)):
        sheet.append([
            "kipp", f"{prefix}-{i}", title.capitalize(), "", f"{title.capitalize()}: ringkasan inovasi.", agency,
            "Dinas Pelayanan Terpadu", "", "", rng.randint(2010, 2025), rng.choice(["digital", "non_digital"]),
            "penerapan", "berlanjut", "2024-05-31", "Kesehatan; Pendidikan", "3; 4", "layanan; desa", "Top 99 2023",
            "Tim inovasi", "https://www.youtube.com/watch?v=dQw4w9WgXcQ", "Latar belakang. " * 40,
            "Tujuan inovasi.", "Kebaruan.", "Implementasi. " * 20, "Dampak. " * 20,
        ])
    workbook.save(path)


def run_case(path, write):
    """In this process: check the file (and import it when ``write``); print the figures."""
    setup_django("hostile.sqlite3", keep=True)
    from intake.importer import apply_plan, plan_import
    from intake.schema import MEMORY_CEILING_MB

    started, cpu_started = time.perf_counter(), time.process_time()
    with open(path, "rb") as handle:
        plan = plan_import(handle, path.name)
    checked = time.perf_counter() - started
    check_peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    figures = {"file": path.name, "file_mb": round(path.stat().st_size / 1e6, 1), "check_s": round(checked, 1),
               "refused": plan.file_problem, "rows": plan.total_rows, "new": len(plan.new),
               "merged": len(plan.merges), "invalid_rows": len(plan.rejected_rows),
               "check_peak_rss_mb": round(check_peak_kb / 1024, 1)}
    if write and plan.ok:
        outcome = apply_plan(plan)
        figures["created"] = len(outcome["created"])
        figures["import_s"] = round(time.perf_counter() - started - checked, 1)
    figures["cpu_s"] = round(time.process_time() - cpu_started, 1)
    figures["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    figures["ceiling_mb"] = MEMORY_CEILING_MB
    figures["load_average_1min"] = round(os.getloadavg()[0], 2)
    print(json.dumps(figures))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--hostile-mb", type=float, default=17)
    parser.add_argument("--case", help=argparse.SUPPRESS)  # the child process: check this file
    parser.add_argument("--write", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.case:
        from pathlib import Path

        return run_case(Path(args.case), args.write)

    setup_django("hostile.sqlite3")
    from django.core.management import call_command

    from agencies.models import Agency

    call_command("migrate", verbosity=0)
    call_command("seed_demo", base_innovations=1, verbosity=0)
    agency = Agency.objects.order_by("name").values_list("name", flat=True).first()
    rng = random.Random(17)
    hostile, rows = RESULTS / "hostile.xlsx", RESULTS / f"rows-{args.rows}.xlsx"
    started = time.perf_counter()
    cells = write_hostile(hostile, args.hostile_mb, rng)
    print(f"wrote {hostile.name}: {hostile.stat().st_size / 1e6:.1f} MB, {cells:,} cells "
          f"in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    write_rows(rows, args.rows, agency, rng)
    results = {}
    for name, path, write in (("hostile", hostile, False), ("rows", rows, True)):
        command = [sys.executable, __file__, "--case", str(path)] + (["--write"] if write else [])
        output = subprocess.run(command, check=True, capture_output=True, text=True, cwd=ROOT / "bench").stdout
        results[name] = json.loads(output.strip().splitlines()[-1])
        results[name]["cells"] = cells if name == "hostile" else None
        print(json.dumps(results[name]))
    (RESULTS / "hostile_import.json").write_text(json.dumps(results, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
