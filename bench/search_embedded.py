#!/usr/bin/env python
"""Benchmark: the embedded search engine on a large catalogue (SQLite FTS5 by default).

    .venv/bin/python bench/search_embedded.py [--database-url URL] [--repeat 20] [--skip-rebuild]

Uses the database bench/run.py leaves behind (bench/results/bench.sqlite3, 100,000 synthetic
innovations after `bench/run.py --innovations 100000`). Reports: full rebuild time; for each
realistic query, p50/p95 of the whole engine call (facets over 9 fields, highlighting, page of
20) next to the bare `MATCH ... ORDER BY bm25 LIMIT 10` plus a count for the same expression,
measured in the same run; autocomplete p50/p95; the time a process takes to reload its in-memory
facet index after an index write (paid by the first search that follows). Figures go to stdout and
bench/results/search.json; the README quotes the latest run.
"""
import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
QUERIES = [
    ("akta kelahiran desa terpencil", {}),
    ("bayar pajak kendaraan tanpa antre", {}),
    ("layanan kesehatan lansia", {}),
    ("perizinan usaha", {"provinsi": ["jawa-timur"]}),
    ("sadelpos", {}),
    ("kesehtan ibu anak", {}),
    ("pengaduan masyarakat", {"status": ["berlanjut"]}),
    ("bank sampah", {"tahun": ["2020", "2021"]}),
    ("telemedisin puskesmas pulau", {"penghargaan": ["top-99"]}),
    ("pemberdayaan perempuan", {"kategori": ["pelayanan-responsif-gender"], "hub": ["jawa-tengah"]}),
    ("harga pangan", {"sdg": ["2"]}),
    ("bantuan hukum keliling", {}),
]
PREFIXES = ["sa", "sade", "akta kel", "pos", "tele", "bank s", "pemerintah kota", "kesehatan", "pe", "ojol"]


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
    parser.add_argument("--database-url", default=f"sqlite:///{RESULTS / 'bench.sqlite3'}")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--skip-rebuild", action="store_true")
    args = parser.parse_args()
    os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jippnas.settings.dev")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from search.base import SearchQuery
    from search.embedded import EmbeddedEngine
    from search.query import plan_query

    call_command("migrate", verbosity=0)
    engine = EmbeddedEngine()
    figures = {"database": connection.vendor}
    if not args.skip_rebuild:
        started = time.perf_counter()
        figures["documents"] = engine.rebuild(chunk_size=2000)
        figures["rebuild_s"] = round(time.perf_counter() - started, 1)
    else:
        figures["documents"] = engine.count()

    def bare(expression):
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("SELECT id FROM search_searchentry WHERE search_vector @@ to_tsquery('simple', %s) "
                               "ORDER BY ts_rank(search_vector, to_tsquery('simple', %s)) DESC LIMIT 10", [expression, expression])
                cursor.fetchall()
                cursor.execute("SELECT count(*) FROM search_searchentry WHERE search_vector @@ to_tsquery('simple', %s)", [expression])
            else:
                cursor.execute("SELECT rowid FROM search_fts WHERE search_fts MATCH %s ORDER BY bm25(search_fts) LIMIT 10", [expression])
                cursor.fetchall()
                cursor.execute("SELECT count(*) FROM search_fts WHERE search_fts MATCH %s", [expression])
            return cursor.fetchone()[0]

    from search.facets import FacetIndex, current_token

    started = time.perf_counter()
    FacetIndex.load(current_token())
    figures["facet_reload_ms"] = round((time.perf_counter() - started) * 1000, 1)

    rows = []
    for text, filters in QUERIES:
        query = SearchQuery(text=text, filters=filters, per_page=20)
        result = engine.search(query)
        plan = plan_query(text)
        expression = engine._fts_expression([g.stems for g in plan.groups], "OR")
        p50, p95 = timed(lambda query=query: engine.search(query), args.repeat)
        b50, b95 = timed(lambda expression=expression: bare(expression), args.repeat)
        rows.append({"query": text, "filters": filters, "total": result.total, "matches": bare(expression),
                     "p50_ms": p50, "p95_ms": p95, "bare_p50_ms": b50, "bare_p95_ms": b95,
                     "ratio_p95": round(p95 / max(b95, 0.01), 1)})
    figures["queries"] = rows
    auto = []
    for prefix in PREFIXES:
        auto.append(timed(lambda prefix=prefix: engine.autocomplete(prefix), args.repeat))
    figures["autocomplete_p50_ms"] = round(statistics.median([a[0] for a in auto]), 1)
    figures["autocomplete_p95_ms"] = round(max(a[1] for a in auto), 1)

    print(f"\nEmbedded engine on {figures['database']}, {figures['documents']} documents"
          + (f"; rebuild {figures['rebuild_s']} s" if "rebuild_s" in figures else ""))
    print(f"{'query':40} {'results':>8} {'p50':>7} {'p95':>7} {'bare p50':>9} {'bare p95':>9} {'p95 x':>6}")
    for row in rows:
        label = row["query"] + (" +filter" if row["filters"] else "")
        print(f"{label[:40]:40} {row['total']:>8} {row['p50_ms']:>7} {row['p95_ms']:>7} {row['bare_p50_ms']:>9} {row['bare_p95_ms']:>9} {row['ratio_p95']:>6}")
    all_p95 = sorted(r["p95_ms"] for r in rows)
    figures["search_p95_of_p95_ms"] = all_p95[-1]
    print(f"autocomplete: p50 {figures['autocomplete_p50_ms']} ms, worst p95 {figures['autocomplete_p95_ms']} ms")
    print(f"facet index reload after an index write: {figures['facet_reload_ms']} ms")
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "search.json").write_text(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
