#!/usr/bin/env python
"""Benchmark: does per-request work grow with the catalogue? Public pages and API lists at two
catalogue sizes on PostgreSQL, the search rebuild at the larger one, and ``/cari/`` p95.

    .venv/bin/python bench/scale.py --small postgres://…/jippnas_bench_1k --large postgres://…/jippnas_bench_100k \\
        [--repeat 20] [--rebuild]

Both databases hold a seeded portal (``seed_demo --innovations N``, e.g. 700 and 99,700 beside
the demo's 300) with its search index built. Each database is measured in its own process
(production settings, the cache in Redis: ``BENCH_CACHE_URL``, default db 12, for the small
one and ``BENCH_CACHE_URL_LARGE``, default db 10, for the large one), through Django's
test client (no network): p50 / p95 ms over ``--repeat`` requests and the SQL query count of
each page, **cold** (``PAGE_CACHE_SECONDS=0`` and ``FRAGMENT_CACHE_SECONDS=0``: nothing
rendered is reused, the worst case) and, with ``--fragments``, warm fragments too. Targets
(issue 16): from the small to the large catalogue no page slows by more than 1.5x at p50 with
the same query count; ``/cari/`` p95 under 300 ms at 100k; with ``--rebuild``, ``search_index
rebuild`` at the large size under 120 s. The machine is shared: the load average is printed
beside the figures, and the small and large runs alternate page by page so each ratio compares
figures taken close together. Figures go to stdout and bench/results/scale.json.
"""
import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
#: one Redis database per catalogue: fragments and cached menus are keyed by page id, which the
#: two databases share for their first pages
CACHE_URLS = {"small": os.environ.get("BENCH_CACHE_URL", "redis://127.0.0.1:6379/12"),
              "large": os.environ.get("BENCH_CACHE_URL_LARGE", "redis://127.0.0.1:6379/10")}

SEARCHES = ["/cari/?q=akta+kelahiran", "/cari/?q=layanan+kesehatan+lansia", "/cari/?q=pengaduan+masyarakat",
            "/cari/?q=sadelpos"]


def env_for(database_url, fragments, size="small"):
    env = dict(os.environ)
    env.update({"DJANGO_SETTINGS_MODULE": "bench.bare_settings", "DJANGO_SECRET_KEY": "bench-only-" + "x" * 50,
                "DJANGO_ALLOWED_HOSTS": "*", "DATABASE_URL": database_url, "DJANGO_SECURE_SSL_REDIRECT": "0",
                "DJANGO_HSTS_SECONDS": "0", "STATIC_ROOT": str(RESULTS / "static"), "MEDIA_ROOT": str(RESULTS / "media"),
                "CACHE_URL": CACHE_URLS[size], "LOG_LEVEL": "ERROR", "PYTHONPATH": str(ROOT), "PAGE_CACHE_SECONDS": "0",
                "FRAGMENT_CACHE_SECONDS": "600" if fragments else "0"})
    return env


def child(paths, repeat):
    """Runs inside a process set up for one database: measure ``paths`` and print JSON."""
    import django

    django.setup()
    from django.db import connection
    from django.test import Client

    from hubs.models import HubPage
    from innovations.models import InnovationPage

    if not paths:
        innovation = InnovationPage.objects.live().public().order_by("pk").first()
        hub = HubPage.objects.live().filter(slug="sulawesi-utara").first() or HubPage.objects.live().first()
        print(json.dumps({"innovations": InnovationPage.objects.live().public().count(),
                          "paths": [["beranda", "/"], ["katalog", "/inovasi/"], ["katalog halaman 40", "/inovasi/?halaman=40"],
                                    ["katalog filter", "/inovasi/?status=berlanjut&tahun=2020"],
                                    ["inovasi", innovation.url], ["hub", hub.url], ["daftar hub", "/hub/"],
                                    ["replikasi", "/replikasi/"], ["pkri", "/pkri/"], ["berita", "/berita/"],
                                    ["agenda", "/agenda/"], ["api inovasi", "/api/inovasi/"],
                                    ["api inovasi halaman 40", "/api/inovasi/?halaman=40"],
                                    ["api inovasi filter", "/api/inovasi/?status=berlanjut&tahun=2020"],
                                    ["api inovasi judul", "/api/inovasi/?urutkan=judul"], ["api hub", "/api/hub/"],
                                    ["api instansi", "/api/instansi/"], ["api replikasi", "/api/replikasi/"],
                                    ["api pkri", "/api/pkri/"]]
                          + [[f"cari {p.split('=', 1)[1]}", p] for p in SEARCHES]}))
        return
    client = Client()
    out = {}
    for path in paths:
        response = client.get(path)  # warm the process (templates, connections) and any fragment
        queries = []

        def count(execute, sql, *rest, queries=queries):
            queries.append(sql)
            return execute(sql, *rest)

        with connection.execute_wrapper(count):
            client.get(path)
        times = []
        for _ in range(repeat):
            started = time.perf_counter()
            client.get(path)
            times.append((time.perf_counter() - started) * 1000)
        times.sort()
        out[path] = {"status": response.status_code, "queries": len(queries),
                     "p50_ms": round(times[len(times) // 2], 1),
                     "p95_ms": round(times[min(len(times) - 1, round(0.95 * (len(times) - 1)))], 1)}
    print(json.dumps(out))


def run_child(database_url, fragments, paths, repeat, size):
    out = subprocess.run([sys.executable, __file__, "--child", "--repeat", str(repeat), *paths], cwd=ROOT,
                         env=env_for(database_url, fragments, size), capture_output=True, text=True, check=False)
    if out.returncode:
        raise SystemExit(out.stderr[-3000:])
    return json.loads(out.stdout.strip().splitlines()[-1])


def rebuild(database_url):
    started = time.perf_counter()
    subprocess.run([sys.executable, "manage.py", "search_index", "rebuild"], cwd=ROOT,
                   env=env_for(database_url, False, "large"), check=True, capture_output=True)
    return round(time.perf_counter() - started, 1)


def main():
    if "--child" in sys.argv:
        args = sys.argv[sys.argv.index("--child") + 1:]
        repeat = int(args[1]) if args[:1] == ["--repeat"] else 20
        child(args[2:] if args[:1] == ["--repeat"] else args, repeat)
        return
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--small", required=True, help="database URL of the small catalogue (about 1,000)")
    parser.add_argument("--large", required=True, help="database URL of the large catalogue (about 100,000)")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--rebuild", action="store_true", help="time search_index rebuild on the large database")
    parser.add_argument("--fragments", action="store_true", help="also measure with page fragments stored")
    parser.add_argument("--pages", help="comma-separated names of the pages to measure (default: all)")
    args = parser.parse_args()
    RESULTS.mkdir(parents=True, exist_ok=True)
    result = {"load_average_start": os.getloadavg()}
    if args.rebuild:
        result["rebuild_s"] = rebuild(args.large)
        print(f"search_index rebuild, large catalogue: {result['rebuild_s']} s (load average {os.getloadavg()[0]:.1f})",
              flush=True)
    small_info = run_child(args.small, False, [], 1, "small")
    large_info = run_child(args.large, False, [], 1, "large")
    result["innovations"] = {"small": small_info["innovations"], "large": large_info["innovations"]}
    pages = dict(map(tuple, large_info["paths"]))
    if args.pages:
        wanted = [name.strip() for name in args.pages.split(",")]
        pages = {name: path for name, path in pages.items() if name in wanted}
    small_paths = dict(map(tuple, small_info["paths"]))
    modes = [("cold", False)] + ([("fragments", True)] if args.fragments else [])
    result["pages"] = {}
    print(f"{small_info['innovations']} vs {large_info['innovations']} innovations; p50 / p95 ms (queries)", flush=True)
    for name, path in pages.items():
        row = {"path": path}
        for mode, fragments in modes:
            small = run_child(args.small, fragments, [small_paths[name]], args.repeat, "small")[small_paths[name]]
            large = run_child(args.large, fragments, [path], args.repeat, "large")[path]
            row[mode] = {"small": small, "large": large, "p50_ratio": round(large["p50_ms"] / max(small["p50_ms"], 0.1), 2),
                         "load_average": os.getloadavg()[0]}
        result["pages"][name] = row
        print(f"  {name:28} " + "  ".join(
            f"{mode}: {row[mode]['small']['p50_ms']} / {row[mode]['small']['p95_ms']} ({row[mode]['small']['queries']})"
            f" -> {row[mode]['large']['p50_ms']} / {row[mode]['large']['p95_ms']} ({row[mode]['large']['queries']})"
            f" = {row[mode]['p50_ratio']}x" for mode, _f in modes) + f"  [load {os.getloadavg()[0]:.1f}]", flush=True)
    result["load_average_end"] = os.getloadavg()
    (RESULTS / "scale.json").write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
