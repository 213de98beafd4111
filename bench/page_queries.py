#!/usr/bin/env python
"""Where a cold page's time goes: each SQL query of one request with its duration, slowest
first, and the total beside the page's wall time (production settings, nothing reused:
``PAGE_CACHE_SECONDS=0`` and ``FRAGMENT_CACHE_SECONDS=0``, as bench/scale.py's *cold*).

    .venv/bin/python bench/page_queries.py postgres://…/jippnas_bench / /inovasi/ [--top 10] [--sql]
"""
import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _caller():
    """The innermost frames of the portal's own code (templates by name) that led to a query."""
    import traceback

    frames = []
    for frame in traceback.extract_stack()[:-3]:
        path = frame.filename
        if (str(ROOT) in path or "/wagtail/" in path) and "/bench/" not in path:
            short = path.replace(str(ROOT) + '/', '').split('site-packages/')[-1]
            frames.append(f'{short}:{frame.lineno} {frame.name}')
    return " < ".join(reversed(frames[-3:]))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("database")
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--top", type=int, default=8)
    parser.add_argument("--sql", action="store_true", help="print the slowest queries' full SQL")
    parser.add_argument("--where", action="store_true", help="every query in order, with the portal's code that ran it")
    parser.add_argument("--fragments", action="store_true", help="with stored fragments (FRAGMENT_CACHE_SECONDS=600)")
    parser.add_argument("--cache", default=os.environ.get("BENCH_CACHE_URL", "redis://127.0.0.1:6379/12"))
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    os.environ.update({"DJANGO_SETTINGS_MODULE": "bench.bare_settings", "DJANGO_SECRET_KEY": "bench-only-" + "x" * 50,
                       "DJANGO_ALLOWED_HOSTS": "*", "DATABASE_URL": args.database, "DJANGO_SECURE_SSL_REDIRECT": "0",
                       "DJANGO_HSTS_SECONDS": "0", "STATIC_ROOT": str(ROOT / "bench" / "results" / "static"),
                       "CACHE_URL": args.cache, "LOG_LEVEL": "ERROR",
                       "PAGE_CACHE_SECONDS": "0", "FRAGMENT_CACHE_SECONDS": "600" if args.fragments else "0"})
    import django

    django.setup()
    from django.db import connection
    from django.test import Client

    client = Client()
    for path in args.paths:
        client.get(path)
        queries = []

        def timed(execute, sql, params, many, context, queries=queries):
            started = time.perf_counter()
            try:
                return execute(sql, params, many, context)
            finally:
                queries.append(((time.perf_counter() - started) * 1000, sql, params, _caller() if args.where else ""))

        started = time.perf_counter()
        with connection.execute_wrapper(timed):
            response = client.get(path)
        wall = (time.perf_counter() - started) * 1000
        in_sql = sum(q[0] for q in queries)
        print(f"{path}: {response.status_code}, {wall:.0f} ms, {len(queries)} queries, {in_sql:.0f} ms in SQL")
        if args.where:
            for n, (ms, sql, _params, where) in enumerate(queries, 1):
                print(f"  {n:2} {ms:6.1f} ms  {where}\n            {sql[:150]}")
            continue
        for ms, sql, params, _where in sorted(queries, key=lambda q: -q[0])[: args.top]:
            text = sql if args.sql else sql[:160]
            print(f"  {ms:7.1f} ms  {text}" + (f"\n           params {params}" if args.sql else ""))


if __name__ == "__main__":
    main()
