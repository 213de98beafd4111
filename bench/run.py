#!/usr/bin/env python
"""Benchmark: seed N synthetic innovations, then time the public list pages.

    .venv/bin/python bench/run.py [--innovations 100000] [--repeat 20] [--database-url URL]

Uses its own database (default: SQLite file bench/results/bench.sqlite3, recreated each run)
so it never touches db.sqlite3. Prints the seed wall time and, per page, p50/p95 latency
over --repeat requests through Django's test client (no network) and the SQL query count.
Figures go to stdout and to bench/results/latest.json; the README quotes the latest run.
"""
import argparse
import json
import platform
import statistics
import time

from _setup import RESULTS, setup_django

PAGES = [
    ("beranda", "/"),
    ("katalog", "/inovasi/"),
    ("katalog halaman 40", "/inovasi/?halaman=40"),
    ("katalog 96 per halaman", "/inovasi/?per_halaman=96"),
    ("filter status", "/inovasi/?status=berlanjut"),
    ("filter provinsi+tahun", "/inovasi/?provinsi=sulawesi-utara&tahun=2020"),
    ("filter penghargaan+kategori", "/inovasi/?penghargaan=top-99&kategori=kesehatan"),
    ("filter tag", "/inovasi/?tag=digitalisasi"),
    ("filter gabungan 4", "/inovasi/?hub=sulawesi-utara&jenis_instansi=pemkab&sdg=3&urutkan=judul"),
    ("halaman hub", "/hub/sulawesi-utara/"),
    ("daftar hub", "/hub/"),
    ("cari (teks + facet)", "/cari/?q=layanan+kesehatan"),
    ("replikasi", "/replikasi/"),
    ("pkri", "/pkri/"),
    ("pkri 2024 (hasil)", "/pkri/2024/"),
]


def percentile(values, fraction):
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--innovations", type=int, default=100_000, help="synthetic innovations to add")
    parser.add_argument("--repeat", type=int, default=20, help="requests per page")
    parser.add_argument("--database-url", help="database to use (default: a fresh SQLite file)")
    parser.add_argument("--keep", action="store_true", help="reuse an existing bench database")
    args = parser.parse_args()

    setup_django("bench.sqlite3", args.database_url, keep=args.keep)
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["*"]
    figures = {"python": platform.python_version(), "database": connection.vendor, "innovations_added": args.innovations}

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    figures["migrate_s"] = round(time.perf_counter() - started, 1)

    started = time.perf_counter()
    call_command("seed_demo", verbosity=0)
    figures["seed_demo_base_s"] = round(time.perf_counter() - started, 1)

    if args.innovations:
        started = time.perf_counter()
        call_command("seed_demo", innovations=args.innovations, verbosity=0)
        figures["seed_bulk_s"] = round(time.perf_counter() - started, 1)
        figures["seed_bulk_per_s"] = round(args.innovations / max(figures["seed_bulk_s"], 0.001))

    from innovations.models import InnovationPage

    figures["innovations_live"] = InnovationPage.objects.live().count()
    client = Client()
    rows = []
    for label, url in PAGES:
        client.get(url)  # warm caches (templates, renditions)
        timings = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
            if response.status_code != 200:
                raise SystemExit(f"{url} answered {response.status_code}")
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        rows.append({
            "page": label, "url": url, "p50_ms": round(statistics.median(timings), 1),
            "p95_ms": round(percentile(timings, 0.95), 1), "queries": len(queries),
        })
    figures["pages"] = rows

    print(f"\nDatabase: {figures['database']}, live innovations: {figures['innovations_live']}")
    print(f"migrate {figures['migrate_s']} s; seed_demo {figures['seed_demo_base_s']} s", end="")
    if args.innovations:
        print(f"; seed_demo --innovations {args.innovations}: {figures['seed_bulk_s']} s "
              f"({figures['seed_bulk_per_s']}/s)")
    else:
        print()
    print(f"\n{'page':32} {'p50 ms':>8} {'p95 ms':>8} {'queries':>8}")
    for row in rows:
        print(f"{row['page']:32} {row['p50_ms']:>8} {row['p95_ms']:>8} {row['queries']:>8}")
    (RESULTS / "latest.json").write_text(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
