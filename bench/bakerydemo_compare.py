#!/usr/bin/env python
"""Benchmark: our uncached catalogue and innovation page beside bakerydemo's blog index and a
blog page, on the same gunicorn settings, in interleaved rounds (issue 16: ours at least 1.5x).

    # once per machine (a few minutes; idempotent: each step is skipped when already done)
    .venv/bin/python bench/bakerydemo_compare.py /work/scratch/bakerydemo --setup \\
        --bakerydemo-source https://github.com/wagtail/bakerydemo.git \\
        --bakerydemo-python /work/scratch/bakerydemo-venv/bin/python \\
        --bakerydemo-database-url postgres://postgres@127.0.0.1:5432/jippnas_bench_bakery
    # the benchmark
    .venv/bin/python bench/bakerydemo_compare.py /work/scratch/bakerydemo \\
        --bakerydemo-python /work/scratch/bakerydemo-venv/bin/python \\
        --bakerydemo-database-url postgres://postgres@127.0.0.1:5432/jippnas_bench_bakery \\
        --database-url postgres://postgres@127.0.0.1:5432/jippnas_bench [--rounds 3 --duration 10]

bakerydemo is never vendored: ``--setup`` clones it (``--bakerydemo-source``: its GitHub address,
or a local clone or bare mirror of it) into a scratch folder outside the repository at its last
commit that supports Django 5.2 (3c7e3af, 2026-01-05), creates its own virtualenv with this
Python and installs ``requirements/base.txt`` from PyPI pinned to Django 5.2.19 and Wagtail
7.2.3, plus what their production settings import (whitenoise, psycopg, as in their
``requirements/production.txt``) and our gunicorn version (``django-tasks==0.8.1``: 0.9.0, which
pip picks for Wagtail 7.2, fails on Python 3.11 when a page is saved); then creates the
database if missing, runs ``migrate``, ``load_initial_data`` (unless a blog page is already
there) and ``collectstatic``, all with ``bakerydemo.settings.production`` on PostgreSQL. Their production settings without ``REDIS_URL`` keep their cache in local
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
import subprocess
import sys
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from http_load import RESULTS, base_env, collectstatic, django_setup, gunicorn, public_pages, start, stop, wrk

HTTPS = "X-Forwarded-Proto: https"
BAKERYDEMO_COMMIT = "3c7e3af"
# base.txt allows any Django 5.2 / Wagtail 7.2: pinned to the versions of the README figures;
# whitenoise and psycopg as their requirements/production.txt, gunicorn as ours
BAKERYDEMO_PINS = ["Django==5.2.19", "wagtail==7.2.3", "django-tasks==0.8.1", "whitenoise==6.6.0",
                   "psycopg[binary]>=3.2.2,<3.3", "gunicorn==27.0.1"]


def get(url):
    request = urllib.request.Request(url, headers={"X-Forwarded-Proto": "https"})
    return urllib.request.urlopen(request, timeout=60)


def bakerydemo_env(checkout, database_url):
    env = dict(os.environ)
    env.update({"DJANGO_SETTINGS_MODULE": "bakerydemo.settings.production", "DATABASE_URL": database_url,
                "DJANGO_SECRET_KEY": "bench-only-bakerydemo-" + "x" * 30, "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
                "PYTHONPATH": str(checkout)})
    for name in ("REDIS_URL", "REDIS_TLS_URL", "VIRTUAL_ENV"):
        env.pop(name, None)
    return env


def run(command, **kwargs):
    print("+ " + " ".join(str(part) for part in command), flush=True)
    subprocess.run([str(part) for part in command], check=True, **kwargs)


def setup(checkout, source, python, database_url):
    """Bring bakerydemo to the state the benchmark expects; a step already done is skipped, so
    the command can be rerun after a failure or on a machine where part of it exists."""
    import psycopg
    from psycopg import conninfo, sql

    if not checkout.exists():
        if not source:
            raise SystemExit(f"{checkout} does not exist: give --bakerydemo-source to clone it")
        run(["git", "clone", "--quiet", "--no-checkout", source, checkout])
        run(["git", "-C", checkout, "checkout", "--quiet", "--detach", BAKERYDEMO_COMMIT])
    head = subprocess.run(["git", "-C", str(checkout), "rev-parse", "HEAD"], capture_output=True, text=True,
                          check=True).stdout.strip()
    if not head.startswith(BAKERYDEMO_COMMIT):
        raise SystemExit(f"{checkout} is at {head[:7]}, not {BAKERYDEMO_COMMIT}: the README figures are for that commit")
    python = Path(python)
    if not python.exists():
        # the venv module builds on the base interpreter even when run from our own virtualenv
        run([sys.executable, "-m", "venv", python.parent.parent])
    run([python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-r",
         checkout / "requirements" / "base.txt", *BAKERYDEMO_PINS])
    params = conninfo.conninfo_to_dict(database_url)
    with psycopg.connect(conninfo.make_conninfo(database_url, dbname="postgres"), autocommit=True) as connection:
        if not connection.execute("select 1 from pg_database where datname = %s", [params["dbname"]]).fetchone():
            print(f"+ create database {params['dbname']}", flush=True)
            connection.execute(sql.SQL("create database {}").format(sql.Identifier(params["dbname"])))
    env = bakerydemo_env(checkout, database_url)
    run([python, "manage.py", "migrate", "--noinput", "-v0"], cwd=checkout, env=env)
    with psycopg.connect(database_url) as connection:
        loaded = connection.execute("select exists (select 1 from blog_blogpage)").fetchone()[0]
    if not loaded:
        run([python, "manage.py", "load_initial_data"], cwd=checkout, env=env)
    run([python, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=checkout, env=env)
    print(f"bakerydemo ready in {checkout} ({BAKERYDEMO_COMMIT}), Python {python}, database {params['dbname']}")


def bakerydemo_server(checkout, python, database_url, port, workers):
    env = bakerydemo_env(checkout, database_url)
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
    parser.add_argument("--database-url", help="our seeded PostgreSQL database (required unless --setup)")
    parser.add_argument("--setup", action="store_true",
                        help="install bakerydemo (checkout, virtualenv, database, data, static) and stop")
    parser.add_argument("--bakerydemo-source", help="with --setup: where to clone bakerydemo from if the checkout is missing")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--connections", type=int, default=20)
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--port", type=int, default=8771, help="first of three ports (default 8771)")
    parser.add_argument("--skip-cold", action="store_true")
    args = parser.parse_args()
    if args.setup:
        setup(args.bakerydemo.resolve(), args.bakerydemo_source, args.bakerydemo_python, args.bakerydemo_database_url)
        return
    if not args.database_url:
        parser.error("--database-url is required")
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
        for label, port, pages in targets:  # warm every process's fragments and templates
            for path in pages.values():
                for _ in range(args.workers * 2):
                    url = f"http://127.0.0.1:{port}{path}"
                    response = get(url)  # raises on 4xx/5xx
                    if response.status != 200 or response.geturl() != url:
                        # wrk counts a 3xx as a success: a redirect would be measured instead of the page
                        raise SystemExit(f"{label}: {url} answers {response.status} via {response.geturl()}, not 200")
        print("every page answers 200: " + ", ".join(f"{label} {path}" for label, _port, pages in targets
                                                   for path in pages.values()), flush=True)
        rounds = []
        for number in range(args.rounds):
            row = {"load_average": os.getloadavg()[0]}
            for label, port, pages in targets:
                for name, path in pages.items():
                    row[f"{label}: {name}"] = wrk(f"http://127.0.0.1:{port}{path}", args.duration, args.connections,
                                                  headers=[HTTPS])
                    # wrk stops with up to --connections requests still queued at the server; this request
                    # waits behind them, so their work does not slow down the next page measured
                    get(f"http://127.0.0.1:{port}{path}")
            print(f"round {number + 1} (load average {row['load_average']:.1f}): " + ", ".join(
                f"{k} {v['rps']:.1f} req/s (p50 {v['p50_ms']} ms, errors {v['non_2xx'] + v['socket_errors']})"
                for k, v in row.items() if isinstance(v, dict) and "rps" in v), flush=True)
            pairs = {"catalogue / blog index": ("catalogue", "blog index"), "innovation / blog page": ("innovation", "blog page")}
            ratios = {}
            for kind in [t[0] for t in targets if t[0] != "bakerydemo"]:
                for label, (mine, theirs_name) in pairs.items():
                    # no request finished within --duration (too short for this load): no ratio, not a crash
                    their_rps = row[f"bakerydemo: {theirs_name}"]["rps"]
                    ratios[f"{kind}: {label}"] = round(row[f"{kind}: {mine}"]["rps"] / their_rps, 2) if their_rps else None
            row["ratios"] = ratios
            rounds.append(row)
            print("  ratios: " + ", ".join(f"{k} {v}x" for k, v in ratios.items()), flush=True)
        medians = {}
        for key in rounds[0]["ratios"]:
            values = [r["ratios"][key] for r in rounds if r["ratios"][key] is not None]
            medians[key] = statistics.median(values) if values else None
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
