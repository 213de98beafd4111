#!/usr/bin/env python
"""Benchmark over HTTP: gunicorn on production settings, PostgreSQL, Redis, collected static, wrk.

    .venv/bin/python bench/http_load.py pages --database-url postgres://…/jippnas_bench [--duration 15]
    .venv/bin/python bench/http_load.py mixed --database-url postgres://…/jippnas_bench [--duration 300]

The database must hold a seeded portal (``seed_demo --innovations N``); the script does not
seed. Needs ``wrk`` on the PATH and Redis at 127.0.0.1:6379 (databases 13 and 14).

``pages``: three gunicorns of the same settings side by side (``--workers``, sync workers): one
with the full-page cache on (``CACHE_URL`` Redis), one with it off (``PAGE_CACHE_SECONDS=0``:
"uncached", what a page costs when the full-page cache misses but the page's fragments and
shared figures are stored, e.g. another query string or language) and one with every cache of
rendered parts off as well (``FRAGMENT_CACHE_SECONDS=0``: "cold", the first visitor after a
change), and a bare view (``/bench-bare/``, bench/bare_urls.py: the portal's whole middleware stack and a
view that does nothing). Each round measures every page cached, uncached and cold with the bare
view before and after it, so every figure is a ratio to the bare view measured around it (the
machine is shared: absolute req/s move with its load, ratios much less); with several rounds,
the median ratios close the output.

``mixed``: the production topology of README (gunicorn with ``--workers``, a Celery worker and
beat on Redis, collected static, the page cache on Redis) under a mixed load at
``--connections``: anonymous reads of every public page type, searches, API calls, static files,
and signed-in agency pages (the agency editor's replication list and the admin dashboard, with a
real session). Reports req/s, p50/p99, non-2xx responses and socket errors, and the resident
memory of each process.

Figures go to stdout and bench/results/http-<mode>.json; README quotes the latest run.
"""
import argparse
import json
import os
import re
import signal
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
PYTHON = sys.executable
BIN = Path(PYTHON).parent
CACHE_URL = os.environ.get("BENCH_CACHE_URL", "redis://127.0.0.1:6379/13")
BROKER_URL = os.environ.get("BENCH_BROKER_URL", "redis://127.0.0.1:6379/14")
SECRET = "bench-only-not-secret-" + "x" * 40


def base_env(database_url, **extra):
    env = dict(os.environ)
    env.update({
        "DJANGO_SETTINGS_MODULE": "bench.bare_settings", "DJANGO_SECRET_KEY": SECRET,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost", "DATABASE_URL": database_url,
        "DJANGO_SECURE_SSL_REDIRECT": "0", "DJANGO_HSTS_SECONDS": "0", "STATIC_ROOT": str(RESULTS / "static"),
        "MEDIA_ROOT": str(RESULTS / "media"), "CACHE_URL": CACHE_URL, "LOG_LEVEL": "ERROR",
        "PYTHONPATH": str(ROOT),
    })
    env.update(extra)
    return env


def django_setup(database_url):
    os.environ.update(base_env(database_url))
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def start(args, env, log_name):
    log = open(RESULTS / log_name, "w")  # noqa: SIM115 -- lives as long as the process
    return subprocess.Popen(args, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)


def stop(process):
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


def gunicorn(port, workers, env, name):
    process = start([str(BIN / "gunicorn"), "jippnas.wsgi", "-b", f"127.0.0.1:{port}", "-w", str(workers),
                     "--worker-class", "sync", "--timeout", "120"], env, f"{name}.log")
    for _ in range(120):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/bench-bare/", timeout=5)
            return process
        except Exception:  # noqa: BLE001 -- not up yet
            time.sleep(0.5)
    stop(process)
    raise SystemExit(f"gunicorn on {port} did not start; see bench/results/{name}.log")


def wrk(url, duration, connections, script=None, headers=()):
    command = ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency", "--timeout", "30s"]
    for header in headers:
        command += ["-H", header]
    if script:
        command += ["-s", str(script)]
    out = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout

    def ms(label):
        match = re.search(rf"^\s+{label}%\s+([\d.]+)(us|ms|s)\s*$", out, re.MULTILINE)
        if not match:
            return None
        value, unit = float(match.group(1)), match.group(2)
        return round(value / 1000 if unit == "us" else value * 1000 if unit == "s" else value, 1)

    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "requests": int(re.search(r"(\d+) requests in", out).group(1)),
        "p50_ms": ms("50"), "p99_ms": ms("99"),
        "non_2xx": int(non_2xx.group(1)) if non_2xx else 0,
        "socket_errors": sum(int(n) for n in errors.groups()) if errors else 0,
    }


def public_pages():
    from hubs.models import HubPage
    from innovations.models import InnovationPage

    innovation = InnovationPage.objects.live().public().order_by("pk").first()
    hub = HubPage.objects.live().filter(slug="sulawesi-utara").first() or HubPage.objects.live().first()
    return [("beranda", "/"), ("katalog", "/inovasi/"), ("inovasi", innovation.url), ("hub", hub.url),
            ("daftar hub", "/hub/"), ("replikasi", "/replikasi/"), ("pkri", "/pkri/"),
            ("cari", "/cari/?q=akta+kelahiran"), ("api inovasi", "/api/inovasi/"),
            ("api inovasi filter", "/api/inovasi/?status=berlanjut&tahun=2020"), ("api hub", "/api/hub/"),
            ("api instansi", "/api/instansi/"), ("api replikasi", "/api/replikasi/"), ("api pkri", "/api/pkri/")]


def collectstatic(database_url):
    subprocess.run([PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT,
                   env=base_env(database_url), check=True)


def selected_pages(args):
    """The public pages, narrowed to ``--pages`` (names) when given."""
    pages = public_pages()
    if args.pages:
        wanted = [name.strip() for name in args.pages.split(",")]
        unknown = set(wanted) - {name for name, _path in pages}
        if unknown:
            raise SystemExit(f"unknown page names: {', '.join(sorted(unknown))}")
        pages = [(name, path) for name, path in pages if name in wanted]
    return pages


def run_pages(args):
    collectstatic(args.database_url)
    django_setup(args.database_url)
    from innovations.models import InnovationPage

    pages = selected_pages(args)
    count = InnovationPage.objects.live().public().count()
    port = args.port
    cached = gunicorn(port, args.workers, base_env(args.database_url), "gunicorn-cached")
    uncached = gunicorn(port + 1, args.workers, base_env(args.database_url, PAGE_CACHE_SECONDS="0"), "gunicorn-uncached")
    cold = gunicorn(port + 2, args.workers, base_env(args.database_url, PAGE_CACHE_SECONDS="0", FRAGMENT_CACHE_SECONDS="0"),
                    "gunicorn-cold")
    rounds = []
    try:
        for round_number in range(args.rounds):
            # the bare view is measured before each page and after the last one, and a page's
            # ratios are to the mean of the two bare figures around it: the machine is shared
            # and its throughput drifts by a third within minutes, so one bare figure per round
            # moved the ratios of the pages measured long after it
            before = wrk(f"http://127.0.0.1:{port}/bench-bare/", args.duration, args.connections)
            row = {"bare": before, "pages": {}}
            print(f"round {round_number + 1}: bare view {before['rps']:.0f} req/s (load average {os.getloadavg()[0]:.1f})", flush=True)
            for name, path in pages:
                urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=60)  # fill the cache
                figures = {"cached": wrk(f"http://127.0.0.1:{port}{path}", args.duration, args.connections),
                           "uncached": wrk(f"http://127.0.0.1:{port + 1}{path}", args.duration, args.connections)}
                if not args.skip_cold:
                    figures["cold"] = wrk(f"http://127.0.0.1:{port + 2}{path}", args.duration, args.connections)
                after = wrk(f"http://127.0.0.1:{port}/bench-bare/", args.duration, args.connections)
                bare_rps = (before["rps"] + after["rps"]) / 2
                row["pages"][name] = {"path": path, "bare_rps": round(bare_rps, 1), **figures, **{
                    f"{kind}_ratio": round(f["rps"] / bare_rps, 4) for kind, f in figures.items()}}
                errors = sum(f["non_2xx"] + f["socket_errors"] for f in figures.values())
                print(f"  {name:12} " + "  ".join(
                    f"{kind} {f['rps']:7.1f} req/s ({f['rps'] / bare_rps:.3f}x, p50 {f['p50_ms']} ms)"
                    for kind, f in figures.items()) + f"  bare {bare_rps:.0f}  errors {errors}", flush=True)
                before = after
            rounds.append(row)
        if len(rounds) > 1:
            print("median ratio over the rounds:")
            for name, _path in pages:
                kinds = [k for k in ("cached", "uncached", "cold") if f"{k}_ratio" in rounds[0]["pages"][name]]
                medians = {k: statistics.median(r["pages"][name][f"{k}_ratio"] for r in rounds) for k in kinds}
                print(f"  {name:12} " + "  ".join(f"{k} {v:.3f}x" for k, v in medians.items()), flush=True)
    finally:
        stop(cached)
        stop(uncached)
        stop(cold)
    result = {"mode": "pages", "innovations": count, "workers": args.workers, "connections": args.connections,
              "duration_s": args.duration, "load_average": os.getloadavg(), "rounds": rounds}
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"http-pages-{count}.json").write_text(json.dumps(result, indent=2))


MIXED_LUA = """
-- weighted mix: anonymous reads, searches, API, static, signed-in agency pages
local anon = {%(anon)s}
local signed = {%(signed)s}
local session = "%(session)s"
local counter = 0
request = function()
  counter = counter + 1
  if counter %% 20 == 0 then
    local path = signed[(counter / 20) %% #signed + 1]
    return wrk.format("GET", path, {["Cookie"] = "sessionid=" .. session})
  end
  return wrk.format("GET", anon[math.random(#anon)])
end
"""


def agency_session():
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
    from django.contrib.sessions.backends.db import SessionStore

    user = get_user_model().objects.get(username="editor.manado")
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    # the backend that signs people in (axes' standalone backend, listed first, only checks lockouts)
    session[BACKEND_SESSION_KEY] = next(path for path in settings.AUTHENTICATION_BACKENDS if "axes" not in path.lower())
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session.session_key


def rss_mb(pid):
    try:
        status = Path(f"/proc/{pid}/status").read_text()
        return round(int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) / 1024, 1)
    except (OSError, AttributeError):
        return None


def tree(pid):
    children = subprocess.run(["pgrep", "-P", str(pid)], check=False, capture_output=True, text=True).stdout.split()
    return [int(c) for c in children]


def run_mixed(args):
    collectstatic(args.database_url)
    django_setup(args.database_url)
    from django.conf import settings as django_settings

    from innovations.models import InnovationPage

    pages = selected_pages(args)
    count = InnovationPage.objects.live().public().count()
    static = "/static/" + json.loads((RESULTS / "static" / "staticfiles.json").read_text())["paths"]["css/site.css"] \
        if (RESULTS / "static" / "staticfiles.json").exists() else "/static/css/site.css"
    anon = [path for _name, path in pages] + [
        "/inovasi/?status=berlanjut", "/inovasi/?halaman=3", "/cari/?q=layanan+kesehatan", "/cari/?q=pajak+kendaraan",
        "/cari/?q=bank+sampah&tahun=2021", "/api/inovasi/?halaman=2", "/api/hub/", "/api/cari/saran/?q=sade",
        "/berita/", "/agenda/", static,
    ]
    signed = ["/replikasi/saya/", "/admin/"]
    script = RESULTS / "mixed.lua"
    session = agency_session()
    script.write_text(MIXED_LUA % {"anon": ", ".join(f'"{p}"' for p in anon),
                                   "signed": ", ".join(f'"{p}"' for p in signed), "session": session})
    env = base_env(args.database_url, CELERY_BROKER_URL=BROKER_URL)
    web = gunicorn(args.port + 3, args.workers, env, "gunicorn-mixed")
    worker = start([str(BIN / "celery"), "-A", "jippnas", "worker", "-l", "warning", "--concurrency", "1"], env, "celery-worker.log")
    beat = start([str(BIN / "celery"), "-A", "jippnas", "beat", "-l", "warning",
                  "-s", str(RESULTS / "celerybeat-schedule")], env, "celery-beat.log")
    try:
        time.sleep(5)
        for _name, path in pages:  # the first visitor of each page after a deploy
            urllib.request.urlopen(f"http://127.0.0.1:{args.port + 3}{path}", timeout=60)
        for path in signed:  # wrk counts a redirect (to the login page) as a success: refuse one here
            opened = urllib.request.urlopen(urllib.request.Request(
                f"http://127.0.0.1:{args.port + 3}{path}", headers={"Cookie": f"sessionid={session}"}), timeout=60)
            if opened.status != 200 or not opened.url.endswith(path):
                raise SystemExit(f"the signed-in page {path} answered {opened.status} at {opened.url}, not the page")
        load_before = os.getloadavg()
        figures = wrk(f"http://127.0.0.1:{args.port + 3}", args.duration, args.connections, script=script)
        memory = {"gunicorn workers": [rss_mb(p) for p in tree(web.pid)], "gunicorn master": rss_mb(web.pid),
                  "celery worker": [rss_mb(worker.pid)] + [rss_mb(p) for p in tree(worker.pid)],
                  "celery beat": rss_mb(beat.pid)}
        # the signed-in pages apart (rendered every time, no page cache): what one costs a worker
        apart = {}
        for path in signed:
            apart[path] = wrk(f"http://127.0.0.1:{args.port + 3}{path}", 10, 4,
                              headers=(f"Cookie: sessionid={session}",))
            print(f"  signed in, alone: {path} {apart[path]['rps']} req/s, p50 {apart[path]['p50_ms']} ms", flush=True)
        alive = {"celery worker": worker.poll() is None, "celery beat": beat.poll() is None}
    finally:
        for process in (web, worker, beat):
            stop(process)
    result = {"mode": "mixed", "innovations": count, "workers": args.workers, "connections": args.connections,
              "duration_s": args.duration, "page_cache_seconds": django_settings.PAGE_CACHE_SECONDS,
              "load_average_before": load_before, "load_average": os.getloadavg(), "figures": figures, "memory_mb": memory, "alive": alive,
              "signed_in_alone": apart}
    print(json.dumps(result, indent=2))
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"http-mixed-{count}.json").write_text(json.dumps(result, indent=2))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("mode", choices=["pages", "mixed"])
    parser.add_argument("--database-url", required=True, help="a seeded PostgreSQL database")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers (default 2)")
    parser.add_argument("--connections", type=int, default=20, help="wrk connections (default 20; mixed: use 50)")
    parser.add_argument("--duration", type=int, default=15, help="seconds per wrk run (default 15)")
    parser.add_argument("--rounds", type=int, default=1, help="pages: interleaved rounds (default 1)")
    parser.add_argument("--skip-cold", action="store_true", help="pages: do not measure the cold server")
    parser.add_argument("--pages", help="pages: comma-separated names of the pages to measure, e.g. "
                        "'api inovasi,api hub' (default: all)")
    parser.add_argument("--port", type=int, default=8761,
                        help="first of the ports used (pages: this, +1, +2; mixed: +3; default 8761)")
    args = parser.parse_args()
    RESULTS.mkdir(parents=True, exist_ok=True)
    (run_pages if args.mode == "pages" else run_mixed)(args)


if __name__ == "__main__":
    main()
