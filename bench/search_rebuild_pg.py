#!/usr/bin/env python
"""Benchmark: the embedded engine's full rebuild on PostgreSQL, COPY against row INSERTs, and
the AND-first query strategy against the OR of every word, in the same run.

    .venv/bin/python bench/search_rebuild_pg.py --database-url postgres://…/jippnas_bench [--repeat 10]

The database must hold a seeded portal (``seed_demo --innovations N``). Reports the rebuild time
with COPY (what ``search_index rebuild`` does) and with ``executemany`` INSERTs (what it did),
then, for realistic queries, p50/p95 of the whole engine call with AND first (the default) and
with the OR of the words (``SEARCH_AND_MIN_RESULTS`` set above any result count), and the number
of results each returns. Figures go to stdout and bench/results/search-pg.json.
"""
import argparse
import json
import statistics
import time

from _setup import RESULTS, setup_django

QUERIES = ["akta kelahiran", "akta kelahiran desa terpencil", "bayar pajak kendaraan tanpa antre",
           "layanan kesehatan lansia", "pengaduan masyarakat", "bank sampah", "sadelpos"]


def timed(fn, repeat):
    fn()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    ordered = sorted(times)
    return round(statistics.median(times), 1), round(ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))], 1)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--skip-insert", action="store_true", help="skip the (slow) INSERT rebuild")
    args = parser.parse_args()
    setup_django("unused", database_url=args.database_url, keep=True)

    from django.conf import settings
    from django.db import connection

    from search.base import SearchQuery
    from search.embedded import EmbeddedEngine

    engine = EmbeddedEngine()
    result = {"vendor": connection.vendor}
    started = time.perf_counter()
    result["documents"] = engine.rebuild()
    result["rebuild_copy_s"] = round(time.perf_counter() - started, 1)
    print(f"{result['documents']} documents; rebuild with COPY {result['rebuild_copy_s']} s", flush=True)
    if not args.skip_insert:
        def insert(model, fields, rows):
            rows = list(rows)  # the suggestion tokens come as a generator
            if not rows:
                return
            meta = model._meta
            columns = ", ".join(connection.ops.quote_name(meta.get_field(name).column) for name in fields)
            with connection.cursor() as cursor:
                cursor.executemany(f"INSERT INTO {connection.ops.quote_name(meta.db_table)} ({columns}) "
                                   f"VALUES ({', '.join(['%s'] * len(fields))})", rows)

        copy = EmbeddedEngine.__dict__["_insert"]
        EmbeddedEngine._insert = staticmethod(insert)
        started = time.perf_counter()
        engine.rebuild()
        result["rebuild_insert_s"] = round(time.perf_counter() - started, 1)
        EmbeddedEngine._insert = copy
        engine.rebuild()
        print(f"rebuild with INSERTs {result['rebuild_insert_s']} s", flush=True)

    rows = []
    for text in QUERIES:
        query = SearchQuery(text=text, per_page=20, facets=["kategori", "provinsi", "status", "tahun", "hub"])
        settings.SEARCH_AND_MIN_RESULTS = 20
        and_total = engine.search(query).total
        and_p50, and_p95 = timed(lambda q=query: engine.search(q), args.repeat)
        settings.SEARCH_AND_MIN_RESULTS = 10**9
        or_total = engine.search(query).total
        or_p50, or_p95 = timed(lambda q=query: engine.search(q), args.repeat)
        settings.SEARCH_AND_MIN_RESULTS = 20
        rows.append({"query": text, "and_results": and_total, "and_p50": and_p50, "and_p95": and_p95,
                     "or_results": or_total, "or_p50": or_p50, "or_p95": or_p95})
        print(f"{text:36} AND-first {and_total:6} results p50 {and_p50:7} p95 {and_p95:7} ms | "
              f"OR {or_total:6} results p50 {or_p50:7} p95 {or_p95:7} ms", flush=True)
    result["queries"] = rows
    (RESULTS / f"search-pg-{result['documents']}.json").write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
