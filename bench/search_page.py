#!/usr/bin/env python
"""Benchmark: the whole /cari/ page beside the search engine's own time, at 10,000 innovations.

    .venv/bin/python bench/search_page.py [--innovations 10000] [--repeat 20] [--database-url URL] [--keep]
                                          [--profile N]

Uses its own database (default: SQLite file bench/results/search_page.sqlite3, recreated unless
--keep): the demo plus ``--innovations`` synthetic ones, then a rebuild of the embedded index.
For typical queries (words, an acronym, an abbreviation the vocabulary expands, a typo, with and
without filters) it prints p50/p95 of the engine call alone (the same SearchQuery the view
makes: facets, highlighting, page of 20) and of the whole page through Django's test client (no
network), the page's SQL query count, and the page minus the engine (template, cards,
labels). The anonymous full-page cache is off (PAGE_CACHE_SECONDS=0): this measures the page
being built. Target: the page under 150 ms p95. Figures go to stdout and
bench/results/search_page.json with the load average (other sessions share the cores); the README
quotes the latest run. ``--profile N`` prints the cProfile of N page requests of each query instead.
"""
import argparse
import json
import os
import statistics
import time

from _setup import RESULTS, setup_django

QUERIES = [
    ("akta kelahiran desa terpencil", {}),
    ("layanan kesehatan lansia", {}),
    ("sadelpos", {}),
    ("skck", {}),
    ("bumil posyandu", {}),
    ("kesehtan ibu anak", {}),
    ("perizinan usaha", {"provinsi": ["jawa-timur"]}),
    ("pengaduan masyarakat", {"status": ["berlanjut"]}),
    ("bank sampah", {"tahun": ["2020", "2021"]}),
    ("pemberdayaan perempuan", {"kategori": ["pelayanan-responsif-gender"]}),
]


def pct(values, q):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def timed(fn, repeat):
    fn()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return round(statistics.median(times), 1), round(pct(times, 0.95), 1)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--innovations", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--database-url")
    parser.add_argument("--keep", action="store_true", help="reuse the database of a previous run")
    parser.add_argument("--profile", type=int, default=0, help="profile this many page requests per query")
    args = parser.parse_args()
    setup_django("search_page.sqlite3", args.database_url, keep=args.keep)

    from urllib.parse import urlencode

    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from innovations.models import InnovationPage
    from search.base import SearchQuery
    from search.service import get_engine
    from search.views import PER_PAGE

    settings.DEBUG = False
    settings.PAGE_CACHE_SECONDS = 0
    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", verbosity=0)
    if not (args.keep and InnovationPage.objects.exists()):
        call_command("seed_demo", verbosity=0)
        call_command("seed_demo", innovations=args.innovations, verbosity=0)
    engine = get_engine()
    started = time.perf_counter()
    documents = engine.rebuild(chunk_size=2000)
    figures = {"database": connection.vendor, "documents": documents,
               "rebuild_s": round(time.perf_counter() - started, 1), "queries": []}
    print(f"{connection.vendor}: {documents} innovations indexed in {figures['rebuild_s']} s")
    client = Client()
    if args.profile:
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        for text, filters in QUERIES:
            url = "/cari/?" + urlencode({"q": text, **filters}, doseq=True)
            client.get(url)
            profiler.enable()
            for _ in range(args.profile):
                client.get(url)
            profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(60)
        return
    figures["load_average"] = os.getloadavg()
    print(f"{'query':<45} {'results':>7} {'engine p50/p95':>15} {'page p50/p95':>14} {'rest p95':>8} {'SQL':>4}")
    for text, filters in QUERIES:
        query = SearchQuery(text=text, filters=filters, per_page=PER_PAGE)
        total = engine.search(query).total
        engine_p50, engine_p95 = timed(lambda q=query: engine.search(q), args.repeat)
        url = "/cari/?" + urlencode({"q": text, **filters}, doseq=True)
        assert client.get(url).status_code == 200
        executed = []

        def count(execute, sql, params, many, context, executed=executed):
            executed.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(count):
            client.get(url)
        page_p50, page_p95 = timed(lambda u=url: client.get(u), args.repeat)
        label = text + (" + " + ", ".join(filters) if filters else "")
        row = {"query": label, "results": total, "engine_ms": [engine_p50, engine_p95], "page_ms": [page_p50, page_p95],
               "sql": len(executed)}
        figures["queries"].append(row)
        print(f"{label:<45} {total:>7} {engine_p50:>7} / {engine_p95:<6} {page_p50:>6} / {page_p95:<6} "
              f"{round(page_p95 - engine_p95, 1):>8} {row['sql']:>4}")
    worst = max(row["page_ms"][1] for row in figures["queries"])
    figures["worst_page_p95_ms"] = worst
    figures["load_average_after"] = os.getloadavg()
    print(f"worst page p95: {worst} ms (target under 150 ms); load average before "
          f"{figures['load_average'][0]:.2f}, after {figures['load_average_after'][0]:.2f} (1 min, 2 cores)")
    (RESULTS / "search_page.json").write_text(json.dumps(figures, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
