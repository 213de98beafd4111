#!/usr/bin/env python
"""A real worker killed while it writes an import (issue 17), end to end.

    .venv/bin/python bench/dead_worker.py [--rows 2000] [--database-url postgres://...]

On a PostgreSQL database (default: the DATABASE_URL of the environment; migrated and seeded
with the demo when empty), with Redis on 127.0.0.1:6379 (database 14, a queue of its own):

1. writes an XLSX of valid rows of one agency and queues its import job as the admin does;
2. starts a real ``celery worker`` process, and holds a SHARE lock on the innovation sources
   table so that the worker's import stops in the middle of its transaction (its pages
   inserted, its sources waiting);
3. checks that the job's heartbeat advances while the worker is stuck there, then kills the
   worker with SIGKILL and releases the lock;
4. checks that nothing of the import was committed, that the stale heartbeat is detected
   (``IMPORT_STALE_SECONDS`` = 3 here) and the job ended as failed with its message;
5. retries the job ("Coba lagi") on a fresh worker and waits for it to finish.

Prints each step's figures as JSON; exits non-zero when any check fails.
"""
import argparse
import json
import os
import random
import signal
import subprocess
import sys
import time

from _setup import RESULTS, ROOT, setup_django

BROKER = "redis://127.0.0.1:6379/14"
QUEUE = "bench-dead-worker"


def wait_until(condition, timeout, step=0.2):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(step)
    return None


def start_worker():
    return subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "jippnas", "worker", "--pool=solo", "-Q", QUEUE, "-l", "WARNING",
         "--without-mingle", "--without-gossip"],
        cwd=ROOT, env=os.environ.copy(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=2000)
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL"))
    args = parser.parse_args()
    if not (args.database_url or "").startswith("postgres"):
        sys.exit("a PostgreSQL --database-url is needed (SQLite has one writer: no heartbeat during a write)")
    os.environ.update(CELERY_BROKER_URL=BROKER, IMPORT_HEARTBEAT_SECONDS="1", IMPORT_STALE_SECONDS="3",
                      DJANGO_SETTINGS_MODULE="jippnas.settings.dev")
    setup_django(None, args.database_url)
    import psycopg
    from django.core.files import File
    from django.core.management import call_command
    from django.db import connection, transaction
    from hostile_import import write_rows

    from agencies.models import Agency
    from innovations.models import InnovationPage, InnovationSource
    from intake import jobs
    from intake.models import ImportJob
    from intake.tasks import run_import

    call_command("migrate", verbosity=0)
    call_command("seed_demo", base_innovations=1, if_empty=True, verbosity=0)
    agency = Agency.objects.order_by("name").values_list("name", flat=True).first()
    path = RESULTS / "dead-worker.xlsx"
    write_rows(path, args.rows, agency, random.Random(), prefix=f"MATI-{int(time.time())}")
    with path.open("rb") as handle:
        job = ImportJob.objects.create(file=File(handle, name=path.name), original_name=path.name,
                                       status=ImportJob.Status.CHECKED)
    jobs.queue_import(job)
    figures = {"rows": args.rows, "job": job.pk}
    pages_before, sources_before = InnovationPage.objects.count(), InnovationSource.objects.count()
    checks = []

    def check(name, ok):
        checks.append((name, bool(ok)))
        print(f"{'ok ' if ok else 'FAIL'} {name}", file=sys.stderr)

    settings = connection.settings_dict
    conninfo = {"dbname": settings["NAME"], "user": settings["USER"], "host": settings["HOST"] or None,
                "port": settings["PORT"] or None, "password": settings["PASSWORD"] or None}
    lock = psycopg.connect(**conninfo)
    lock.execute(f"LOCK TABLE {InnovationSource._meta.db_table} IN SHARE MODE")  # a transaction, held
    watch = psycopg.connect(**conninfo, autocommit=True)
    waiting_sql = ("SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' "
                   "AND query ILIKE %s")

    worker = start_worker()
    started = time.monotonic()
    run_import.apply_async(args=[job.pk, job.attempt], queue=QUEUE)
    blocked = wait_until(lambda: watch.execute(waiting_sql, ("%innovationsource%",)).fetchone(), 600)
    figures["worker_stuck_mid_write_after_s"] = round(time.monotonic() - started, 1)
    check("the worker's import waits inside its transaction", blocked)
    first = ImportJob.objects.get(pk=job.pk).heartbeat_at
    time.sleep(2.5)
    second = ImportJob.objects.get(pk=job.pk).heartbeat_at
    check("its heartbeat advances meanwhile", first and second and second > first)
    check("the job says it is importing", ImportJob.objects.get(pk=job.pk).status == ImportJob.Status.IMPORTING)

    os.kill(worker.pid, signal.SIGKILL)
    worker.wait()
    killed = time.monotonic()
    lock.rollback()  # the dead worker's backend goes on, finds its client gone, rolls back
    gone = wait_until(lambda: not watch.execute("SELECT 1 FROM pg_stat_activity WHERE pid = %s",
                                                (blocked[0],)).fetchone(), 60)
    check("the dead worker's database session ended", gone)
    check("nothing of the import was committed", InnovationPage.objects.count() == pages_before
          and InnovationSource.objects.count() == sources_before)
    check("not stale while the heartbeat is fresh", jobs.fail_stale([job.pk]) == 0 or time.monotonic() - killed > 3)
    detected = wait_until(lambda: jobs.fail_stale([job.pk]), 30, step=0.5)
    figures["detected_after_kill_s"] = round(time.monotonic() - killed, 1)
    job.refresh_from_db()
    check("the stale job is ended as failed with its message",
          detected and job.status == ImportJob.Status.FAILED and "Pekerja berhenti saat mengimpor" in job.error)
    figures["message"] = job.error

    with transaction.atomic():
        locked = ImportJob.objects.select_for_update().get(pk=job.pk)
        task, task_args = jobs.retry(locked)
    worker = start_worker()
    retried = time.monotonic()
    task.apply_async(args=task_args, queue=QUEUE)
    try:
        finished = wait_until(lambda: ImportJob.objects.filter(pk=job.pk).exclude(
            status__in=jobs.RUNNING).values_list("status", flat=True).first(), 900, step=1)
    finally:
        worker.send_signal(signal.SIGTERM)
        worker.wait(60)
    figures["retry_s"] = round(time.monotonic() - retried, 1)
    job.refresh_from_db()
    figures["retry_status"], figures["retry_result"] = job.status, job.result
    check("the retry imports the file", finished == ImportJob.Status.DONE and job.attempt == 2
          and InnovationPage.objects.count() - pages_before == job.result.get("baru"))
    figures["load_average_1min"] = round(os.getloadavg()[0], 2)
    figures["checks"] = dict(checks)
    print(json.dumps(figures, ensure_ascii=False, indent=2))
    (RESULTS / "dead_worker.json").write_text(json.dumps(figures, ensure_ascii=False, indent=2))
    sys.exit(0 if all(ok for _name, ok in checks) else 1)


if __name__ == "__main__":
    main()
