#!/usr/bin/env python
"""Benchmark: our uncached catalogue and innovation page beside bakerydemo's blog index and a
blog page, on the same gunicorn settings, in interleaved rounds (issue 16: ours at least 1.5x).

    .venv/bin/python bench/bakerydemo_compare.py /work/scratch/bakerydemo \\
        --bakerydemo-python /work/scratch/bakerydemo-venv/bin/python \\
        --bakerydemo-database-url postgres://…/jippnas_bench_bakery \\
        --database-url postgres://…/jippnas_bench [--rounds 3 --duration 10]

bakerydemo is never vendored: check out its last commit that supports Django 5.2 in a scratch
folder outside the repository (3c7e3af, 2026-01-05: Django 5.2, Wagtail 7.2), install
``requirements/base.txt`` plus gunicorn and psycopg in its own virtualenv (``django-tasks==0.8.1``:
0.9.0, which pip picks for Wagtail 7.2, fails on Python 3.11 when a page is saved), then
``migrate`` and ``load_initial_data`` with ``bakerydemo.settings.production`` on PostgreSQL and
``collectstatic``. Their production settings without ``REDIS_URL`` keep their cache in local
memory (their blog index caches its list of posts in a ``{% wagtailcache %}`` fragment), and
always redirect plain HTTP to HTTPS (``SECURE_SSL_REDIRECT = True``), so every request to them
carries ``X-Forwarded-Proto: https``, as from the TLS proxy their settings expect.

Ours: ``PAGE_CACHE_SECONDS=0`` ("uncached": the full-page cache off, fragments and shared figures
on, in Redis) and, unless ``--skip-cold``, both off ("cold"). Each round measures every page
once with ``wrk`` (``--connections``, ``--duration``), in turn, so every ratio compares figures
taken within a few seconds of each other on this shared machine. Figures go to stdout and
bench/results/bakerydemo-compare.json.
"""
import argparse
import json
import os
import statistics
import sys
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from http_load import RESULTS, base_env, collectstatic, django_setup, gunicorn, public_pages, start, stop, wrk

HTTPS = "X-Forwarded-Proto: https"


def get(url):
    request = urllib.request.Request(url, headers={"X-Forwarded-Proto": "https"})
    return urllib.request.urlopen(request, timeout=60)


def bakerydemo_server(checkout, python, database_url, port, workers):
    env = dict(os.environ)
    env.update({"DJANGO_SETTINGS_MODULE": "bakerydemo.settings.production", "DATABASE_URL": database_url,
                "DJANGO_SECRET_KEY": "bench-only-bakerydemo-" + "x" * 30, "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
                "PYTHONPATH": str(checkout)})
    env.pop("REDIS_URL", None)
    gunicorn_bin = Path(python).parent / "gunicorn"
    process = start([str(gunicorn_bin), "bakerydemo.wsgi", "-b", f"127.0.0.1:{port}", "-w", str(workers),
                     "--worker-class", "sync", "--timeout", "120", "--chdir", str(checkout)], env, "gunicorn-bakerydemo.log")
    for _ in range(120):
        try:
            get(f"http://127.0.0.1:{port}/blog/")
            return process
        except Exception:  # noqa: BLE001 -- not up yet
            import time

            time.sleep(0.5)
    stop(process)
    raise SystemExit("bakerydemo did not start; see bench/results/gunicorn-bakerydemo.log")


def blog_page(port):
    html = get(f"http://127.0.0.1:{port}/blog/").read().decode()
    import re

    links = sorted(set(re.findall(r'href="(/blog/[a-z0-9-]+/)"', html)))
    if not links:
        raise SystemExit("no blog page linked from bakerydemo's /blog/")
    return links[0]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("bakerydemo", type=Path, help="the scratch checkout of bakerydemo")
    parser.add_argument("--bakerydemo-python", required=True, help="python of bakerydemo's own virtualenv")
    parser.add_argument("--bakerydemo-database-url", required=True)
    parser.add_argument("--database-url", required=True, help="our seeded PostgreSQL database")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--connections", type=int, default=20)
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--port", type=int, default=8771, help="first of three ports (default 8771)")
    parser.add_argument("--skip-cold", action="store_true")
    args = parser.parse_args()
    RESULTS.mkdir(parents=True, exist_ok=True)
    collectstatic(args.database_url)
    django_setup(args.database_url)
    paths = dict(public_pages())
    ours = {"catalogue": paths["katalog"], "innovation": paths["inovasi"]}
    servers = [gunicorn(args.port, args.workers, base_env(args.database_url, PAGE_CACHE_SECONDS="0"), "gunicorn-ours")]
    if not args.skip_cold:
        servers.append(gunicorn(args.port + 1, args.workers,
                                base_env(args.database_url, PAGE_CACHE_SECONDS="0", FRAGMENT_CACHE_SECONDS="0"),
                                "gunicorn-ours-cold"))
    try:
        servers.append(bakerydemo_server(args.bakerydemo.resolve(), args.bakerydemo_python, args.bakerydemo_database_url,
                                         args.port + 2, args.workers))
        theirs = {"blog index": "/blog/", "blog page": blog_page(args.port + 2)}
        targets = [("ours uncached", args.port, ours)]
        if not args.skip_cold:
            targets.append(("ours cold", args.port + 1, ours))
        targets.append(("bakerydemo", args.port + 2, theirs))
        for _label, port, pages in targets:  # warm every process's fragments and templates
            for path in pages.values():
                for _ in range(args.workers * 2):
                    get(f"http://127.0.0.1:{port}{path}")
        rounds = []
        for number in range(args.rounds):
            row = {"load_average": os.getloadavg()[0]}
            for label, port, pages in targets:
                for name, path in pages.items():
                    row[f"{label}: {name}"] = wrk(f"http://127.0.0.1:{port}{path}", args.duration, args.connections,
                                                  headers=[HTTPS])
            pairs = {"catalogue / blog index": ("catalogue", "blog index"), "innovation / blog page": ("innovation", "blog page")}
            ratios = {}
            for kind in [t[0] for t in targets if t[0] != "bakerydemo"]:
                for label, (mine, theirs_name) in pairs.items():
                    ratios[f"{kind}: {label}"] = round(row[f"{kind}: {mine}"]["rps"] / row[f"bakerydemo: {theirs_name}"]["rps"], 2)
            row["ratios"] = ratios
            rounds.append(row)
            print(f"round {number + 1} (load average {row['load_average']:.1f}): " + ", ".join(
                f"{k} {v['rps']:.1f} req/s (p50 {v['p50_ms']} ms, errors {v['non_2xx'] + v['socket_errors']})"
                for k, v in row.items() if isinstance(v, dict) and "rps" in v), flush=True)
            print("  ratios: " + ", ".join(f"{k} {v}x" for k, v in ratios.items()), flush=True)
        medians = {k: statistics.median(r["ratios"][k] for r in rounds) for k in rounds[0]["ratios"]}
        print("median ratios over rounds: " + ", ".join(f"{k} {v}x" for k, v in medians.items()))
        (RESULTS / "bakerydemo-compare.json").write_text(json.dumps(
            {"workers": args.workers, "connections": args.connections, "duration_s": args.duration,
             "bakerydemo": str(args.bakerydemo), "pages": {"ours": ours, "theirs": theirs}, "rounds": rounds,
             "median_ratios": medians}, indent=2))
    finally:
        for process in servers:
            stop(process)


if __name__ == "__main__":
    main()
