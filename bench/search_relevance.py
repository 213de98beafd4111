#!/usr/bin/env python
"""Benchmark: how well public search ranks, on the demo's real KIPP records, per embedded engine.

    .venv/bin/python bench/search_relevance.py [--sqlite-url URL] [--postgres-url URL] [--keep] [--show-misses]

The judged set is ``bench/relevance/queries.tsv``: one query per line, its kind (acronym, name,
description, abbreviation, synonym, morphology) and the titles of the real records of
``core/demo/data/kipp/awards.csv`` a visitor typing it is looking for. For each database
(SQLite by default, PostgreSQL when ``--postgres-url`` is given) the script builds the demo
(``seed_demo``, skipped when the database already holds it and ``--keep`` is given), rebuilds
the embedded index, runs every query and prints recall@10, MRR and nDCG@10 per engine and per
kind of query, then the top-10 overlap between the two engines (shared results over the
longer list, averaged over queries). Figures go to stdout and bench/results/relevance.json;
the README quotes the latest run. Each database is measured in a subprocess of its own
(Django is configured once per process).
"""
import argparse
import json
import math
import os
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
QUERIES = ROOT / "bench" / "relevance" / "queries.tsv"
DEPTH = 10


def read_queries(path=QUERIES):
    """[(query, kind, [relevant titles])] from the judged set."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        query, kind, relevant = line.split("\t")
        rows.append((query, kind, [title.strip() for title in relevant.split(" | ")]))
    return rows


def run_worker(database_url, output, keep):
    """In a process of its own: demo, index rebuild, every query's ranked titles and URLs."""
    sys.path.insert(0, str(ROOT / "bench"))
    from _setup import setup_django

    setup_django("relevance.sqlite3", database_url=database_url, keep=keep)
    import time

    from django.core.management import call_command
    from django.db import connection

    from innovations.models import InnovationPage
    from search.base import SearchQuery
    from search.embedded import EmbeddedEngine

    call_command("migrate", verbosity=0)
    if not (keep and InnovationPage.objects.exists()):
        call_command("seed_demo", verbosity=0)
    engine = EmbeddedEngine()
    engine.rebuild()
    titles = dict(InnovationPage.objects.values_list("pk", "title"))
    answers, times = {}, []
    for query, _kind, _relevant in read_queries():
        started = time.perf_counter()
        results = engine.search(SearchQuery(text=query, per_page=50, facets=(), highlight=False))
        times.append((time.perf_counter() - started) * 1000)
        answers[query] = [titles.get(hit.id, "") for hit in results.hits]
    Path(output).write_text(json.dumps({"vendor": connection.vendor, "answers": answers, "ms": times}), encoding="utf-8")


def metrics(ranked, relevant):
    top = ranked[:DEPTH]
    found = sum(1 for title in relevant if title in top)
    recall = found / len(relevant)
    rank = next((i + 1 for i, title in enumerate(ranked) if title in relevant), None)
    dcg = sum(1 / math.log2(i + 2) for i, title in enumerate(top) if title in relevant)
    ideal = sum(1 / math.log2(i + 2) for i in range(min(len(relevant), DEPTH)))
    return recall, (1 / rank if rank else 0.0), dcg / ideal


def overlap(a, b):
    a, b = a[:DEPTH], b[:DEPTH]
    if not a and not b:
        return 1.0
    return len(set(a) & set(b)) / max(len(a), len(b))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sqlite-url", default=f"sqlite:///{RESULTS / 'relevance.sqlite3'}")
    parser.add_argument("--postgres-url", help="postgres://… of a database the script may fill (its own, never production)")
    parser.add_argument("--keep", action="store_true", help="reuse a database that already holds the demo")
    parser.add_argument("--show-misses", action="store_true", help="print the queries whose first relevant record is not first")
    parser.add_argument("--worker", nargs=2, metavar=("DATABASE_URL", "OUTPUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        return run_worker(args.worker[0], args.worker[1], args.keep)

    RESULTS.mkdir(parents=True, exist_ok=True)
    judged = read_queries()
    runs = {}
    for label, url in (("sqlite", args.sqlite_url), ("postgresql", args.postgres_url)):
        if not url:
            continue
        output = RESULTS / f"relevance-{label}.json"
        command = [sys.executable, __file__, "--worker", url, str(output)] + (["--keep"] if args.keep else [])
        subprocess.run(command, check=True, env={**os.environ, "DJANGO_SETTINGS_MODULE": "jippnas.settings.dev"})
        runs[label] = json.loads(output.read_text(encoding="utf-8"))

    figures = {"queries": len(judged), "engines": {}}
    print(f"{len(judged)} judged queries over the demo's real KIPP records")
    for label, run in runs.items():
        by_kind = defaultdict(list)
        misses = []
        for query, kind, relevant in judged:
            values = metrics(run["answers"][query], relevant)
            by_kind[kind].append(values)
            by_kind["all"].append(values)
            if values[1] < 1:
                misses.append((query, values, run["answers"][query][:3]))
        summary = {kind: [round(sum(v[i] for v in rows) / len(rows), 3) for i in range(3)] + [len(rows)]
                   for kind, rows in by_kind.items()}
        times = sorted(run["ms"])
        summary["engine_ms_p50_p95"] = [round(times[len(times) // 2], 1), round(times[int(len(times) * 0.95)], 1)]
        figures["engines"][label] = summary
        print(f"\n{label}: recall@10 / MRR / nDCG@10 (queries)")
        for kind, (recall, mrr, ndcg, n) in sorted((k, v) for k, v in summary.items() if k != "engine_ms_p50_p95"):
            print(f"  {kind:<11} {recall:.3f} / {mrr:.3f} / {ndcg:.3f} ({n})")
        print(f"  engine time p50 / p95: {summary['engine_ms_p50_p95'][0]} / {summary['engine_ms_p50_p95'][1]} ms")
        if args.show_misses:
            for query, (recall, mrr, _ndcg), top in misses:
                print(f"    miss: {query!r} recall {recall:.2f} rr {mrr:.2f} top: {top}")
    if len(runs) == 2:
        a, b = runs["sqlite"]["answers"], runs["postgresql"]["answers"]
        shared = [overlap(a[query], b[query]) for query, _kind, _relevant in judged]
        figures["top10_overlap"] = round(sum(shared) / len(shared), 3)
        identical = sum(1 for query, _k, _r in judged if a[query][:DEPTH] == b[query][:DEPTH])
        figures["identical_top10"] = identical
        print(f"\ntop-10 overlap SQLite/PostgreSQL: {figures['top10_overlap']:.3f} "
              f"(identical top 10 for {identical} of {len(judged)} queries)")
    (RESULTS / "relevance.json").write_text(json.dumps(figures, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
