"""An import job's life while a worker runs it: its heartbeat, the detection of a worker that
died (a stale heartbeat), and the retry.

Checking and importing run as Celery tasks acknowledged late, so a message whose worker dies is
delivered again; the job row says which attempt is current, so a message of an attempt that was
given up is ignored, and a job whose workers keep dying (a file that kills them) fails instead of
looping. While a task runs, a thread beats on the job row every ``IMPORT_HEARTBEAT_SECONDS`` through its
own database connection (the import itself is one transaction, whose writes no one else sees
until it commits). A running job whose heartbeat is older than ``IMPORT_STALE_SECONDS`` (or that
no worker took within ``IMPORT_QUEUE_SECONDS``) is ended as failed by the beat task and by its own
page; the import being all or nothing, nothing of it was written: PostgreSQL rolls back the
transaction of a connection whose process died. A national administrator retries it from its
page.
"""
import datetime
import threading

from django.conf import settings
from django.db import connections, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import ImportJob

#: a job whose workers died this many times in one attempt is failed instead of run again
MAX_RUNS = 3
CHECK, IMPORT = "periksa", "impor"
RUNNING = (ImportJob.Status.CHECKING, ImportJob.Status.IMPORTING)


def stale_seconds():
    return settings.IMPORT_STALE_SECONDS


def queue_seconds():
    return settings.IMPORT_QUEUE_SECONDS


class Heartbeat:
    """``with Heartbeat(job):`` beats on the job row from a thread while the block runs."""

    def __init__(self, job, every=None):
        self.job_id, self.every = job.pk, every or settings.IMPORT_HEARTBEAT_SECONDS
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, name=f"import-heartbeat-{job.pk}", daemon=True)

    def beat(self):
        ImportJob.objects.filter(pk=self.job_id, status__in=RUNNING).update(heartbeat_at=timezone.now())

    def _run(self):
        try:
            while not self.stop.wait(self.every):
                try:
                    self.beat()
                except Exception:  # noqa: BLE001 -- a missed beat must not end the import; the next one retries
                    connections["default"].close()
        finally:
            connections.close_all()  # this thread's own connection

    def __enter__(self):  # ``start`` wrote the first beat
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        self.thread.join(self.every + 5)


def start(job_id, attempt, step):
    """The job a task message asks for, marked as taken by this worker, or None when the message
    is of an attempt given up, of a job no longer running that step, or the job's workers died
    ``MAX_RUNS`` times (then it is failed here)."""
    status = ImportJob.Status.CHECKING if step == CHECK else ImportJob.Status.IMPORTING
    with transaction.atomic():
        job = ImportJob.objects.select_for_update().filter(pk=job_id).first()
        if job is None or job.status != status or (attempt is not None and attempt != job.attempt):
            return None
        if job.runs >= MAX_RUNS:
            _fail(job, _("Pekerja berhenti %(n)d kali saat menjalankan impor ini (berkas mungkin terlalu berat); "
                         "tidak ada yang ditulis.") % {"n": job.runs})
            return None
        job.runs += 1
        job.heartbeat_at = timezone.now()
        job.save(update_fields=["runs", "heartbeat_at"])
    return job


def _fail(job, message):
    job.status = ImportJob.Status.FAILED
    job.error = message
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "error", "finished_at"])


def stale_q(now=None):
    now = now or timezone.now()
    beat_before = now - datetime.timedelta(seconds=stale_seconds())
    queued_before = now - datetime.timedelta(seconds=queue_seconds())
    return Q(status__in=RUNNING) & (
        Q(heartbeat_at__lt=beat_before) | Q(heartbeat_at__isnull=True, queued_at__lt=queued_before)
    )


def fail_stale(job_ids=None, now=None):
    """End as failed every running job whose worker stopped beating (or that no worker took);
    returns how many. Safe to run from many places at once (row locks, skipped when taken)."""
    ended = 0
    with transaction.atomic():
        jobs = ImportJob.objects.select_for_update(skip_locked=True).filter(stale_q(now))
        if job_ids is not None:
            jobs = jobs.filter(pk__in=job_ids)
        for job in jobs:
            if job.heartbeat_at is None:
                message = _("Tidak ada pekerja yang mengambil tugas ini; tidak ada yang ditulis. Coba lagi.")
            elif job.status == ImportJob.Status.IMPORTING:
                message = _("Pekerja berhenti saat mengimpor (tanda hidup terakhir %(at)s); impor bersifat semua "
                            "atau tidak sama sekali, jadi tidak ada yang ditulis. Coba lagi.") % {
                    "at": timezone.localtime(job.heartbeat_at).strftime("%d-%m-%Y %H:%M:%S")}
            else:
                message = _("Pekerja berhenti saat memeriksa berkas (tanda hidup terakhir %(at)s); tidak ada yang "
                            "ditulis. Coba lagi.") % {
                    "at": timezone.localtime(job.heartbeat_at).strftime("%d-%m-%Y %H:%M:%S")}
            _fail(job, message)
            ended += 1
    return ended


def may_retry(user, job):
    """Imports are the national administrators' (the admin's import pages are theirs alone), so the
    job's owner retries it while they still are one, and any national administrator may."""
    return bool(user.is_active and user.is_superuser)


def queue_import(job):
    """A checked job confirmed: its import step queued as the current attempt."""
    job.status, job.step = ImportJob.Status.IMPORTING, IMPORT
    job.runs, job.heartbeat_at, job.queued_at = 0, None, timezone.now()
    job.save(update_fields=["status", "step", "runs", "heartbeat_at", "queued_at"])


def retry(job):
    """Start the failed step of a failed job again as a new attempt; returns the task to queue
    with its arguments, to send after commit. Call inside a transaction with the row locked."""
    from .tasks import check_import, run_import

    if not job.can_retry:
        return None
    job.attempt += 1
    job.runs = 0
    job.heartbeat_at = None
    job.queued_at = timezone.now()
    job.error = ""
    job.finished_at = None
    if job.step == IMPORT:
        job.status = ImportJob.Status.IMPORTING
        task = run_import
    else:
        job.status, job.report, job.rejected_csv = ImportJob.Status.CHECKING, {}, ""
        task = check_import
    job.save(update_fields=["attempt", "runs", "heartbeat_at", "queued_at", "error", "finished_at", "status",
                            "report", "rejected_csv"])
    return task, (job.pk, job.attempt)
