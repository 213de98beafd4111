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
each page, the two catalogues' requests taking turns (one process each, kept for the run),
**cold** (``PAGE_CACHE_SECONDS=0`` and ``FRAGMENT_CACHE_SECONDS=0``: nothing rendered is
reused, the worst case) and, with ``--fragments``, warm fragments too. Targets
(issue 16): from the small to the large catalogue no page slows by more than 1.5x at p50 with
the same query count; ``/cari/`` p95 under 300 ms at 100k; with ``--rebuild``, ``search_index
rebuild`` at the large size under 120 s. The machine is shared: the load average is printed
beside the figures, and the small and large catalogues' requests alternate one by one, so a
burst of load elsewhere falls on both sides of a ratio (measured one page at a time in separate
processes, the same search moved by 0.4-0.7 in its ratio from run to run). Figures go to
stdout and bench/results/scale.json.
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


def info():
    """Runs inside a process set up for one database: print the catalogue's size and the pages
    to measure (their paths differ between databases) as JSON."""
    import django

    django.setup()
    from hubs.models import HubPage
    from innovations.models import InnovationPage

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


def serve():
    """Runs inside a process set up for one database: answer one request per line of stdin
    (``{"path": ..., "count": bool}``) with one line of JSON (status, ms, and with ``count`` the
    SQL query count), so the parent can interleave the two catalogues request by request."""
    import django

    django.setup()
    from django.db import connection
    from django.test import Client

    client = Client()
    for line in sys.stdin:
        ask = json.loads(line)
        queries = []

        def count(execute, sql, *rest, queries=queries):
            queries.append(sql)
            return execute(sql, *rest)

        started = time.perf_counter()
        if ask.get("count"):
            with connection.execute_wrapper(count):
                response = client.get(ask["path"])
        else:
            response = client.get(ask["path"])
        ms = (time.perf_counter() - started) * 1000
        print(json.dumps({"status": response.status_code, "ms": ms, "queries": len(queries)}), flush=True)


class Server:
    """A ``serve()`` process for one catalogue."""

    def __init__(self, database_url, fragments, size):
        self.process = subprocess.Popen([sys.executable, __file__, "--serve"], cwd=ROOT, text=True,
                                        env=env_for(database_url, fragments, size),
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE)

    def get(self, path, count=False):
        self.process.stdin.write(json.dumps({"path": path, "count": count}) + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        if not line:
            raise SystemExit(f"the bench process stopped while serving {path}")
        return json.loads(line)

    def close(self):
        self.process.stdin.close()
        self.process.wait(timeout=30)


def percentiles(times):
    times = sorted(times)
    return {"p50_ms": round(times[len(times) // 2], 1),
            "p95_ms": round(times[min(len(times) - 1, round(0.95 * (len(times) - 1)))], 1)}


def measure_pair(small, large, small_path, large_path, repeat):
    """One page on both catalogues, request by request in turn (which goes first alternates), so
    a burst of load elsewhere on the machine falls on both: (small, large) figures."""
    out = {}
    for name, server, path in (("small", small, small_path), ("large", large, large_path)):
        first = server.get(path)  # warm the process (templates, connections) and any fragment
        out[name] = {"status": first["status"], "queries": server.get(path, count=True)["queries"], "times": []}
    for i in range(repeat):
        order = [("small", small, small_path), ("large", large, large_path)]
        for name, server, path in (order if i % 2 == 0 else order[::-1]):
            out[name]["times"].append(server.get(path)["ms"])
    return tuple({"status": out[n]["status"], "queries": out[n]["queries"], **percentiles(out[n]["times"])}
                 for n in ("small", "large"))


def run_info(database_url, size):
    out = subprocess.run([sys.executable, __file__, "--info"], cwd=ROOT,
                         env=env_for(database_url, False, size), capture_output=True, text=True, check=False)
    if out.returncode:
        raise SystemExit(out.stderr[-3000:])
    return json.loads(out.stdout.strip().splitlines()[-1])


def rebuild(database_url):
    started = time.perf_counter()
    subprocess.run([sys.executable, "manage.py", "search_index", "rebuild"], cwd=ROOT,
                   env=env_for(database_url, False, "large"), check=True, capture_output=True)
    return round(time.perf_counter() - started, 1)


def main():
    if "--serve" in sys.argv:
        serve()
        return
    if "--info" in sys.argv:
        info()
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
    small_info = run_info(args.small, "small")
    large_info = run_info(args.large, "large")
    result["innovations"] = {"small": small_info["innovations"], "large": large_info["innovations"]}
    pages = dict(map(tuple, large_info["paths"]))
    if args.pages:
        wanted = [name.strip() for name in args.pages.split(",")]
        pages = {name: path for name, path in pages.items() if name in wanted}
    small_paths = dict(map(tuple, small_info["paths"]))
    modes = [("cold", False)] + ([("fragments", True)] if args.fragments else [])
    result["pages"] = {}
    print(f"{small_info['innovations']} vs {large_info['innovations']} innovations; p50 / p95 ms (queries)", flush=True)
    servers = {mode: (Server(args.small, fragments, "small"), Server(args.large, fragments, "large"))
               for mode, fragments in modes}
    for name, path in pages.items():
        row = {"path": path}
        for mode, _fragments in modes:
            small, large = measure_pair(*servers[mode], small_paths[name], path, args.repeat)
            row[mode] = {"small": small, "large": large, "p50_ratio": round(large["p50_ms"] / max(small["p50_ms"], 0.1), 2),
                         "load_average": os.getloadavg()[0]}
        result["pages"][name] = row
        print(f"  {name:28} " + "  ".join(
            f"{mode}: {row[mode]['small']['p50_ms']} / {row[mode]['small']['p95_ms']} ({row[mode]['small']['queries']})"
            f" -> {row[mode]['large']['p50_ms']} / {row[mode]['large']['p95_ms']} ({row[mode]['large']['queries']})"
            f" = {row[mode]['p50_ratio']}x" for mode, _f in modes) + f"  [load {os.getloadavg()[0]:.1f}]", flush=True)
    for pair in servers.values():
        for server in pair:
            server.close()
    result["load_average_end"] = os.getloadavg()
    (RESULTS / "scale.json").write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
