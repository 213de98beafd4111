"""Celery tasks behind the admin's import page: check the uploaded file, then import it, and end
the jobs whose worker died (intake/jobs.py). Both steps are acknowledged late and given back to
the broker when their worker is lost, so a dead worker's message runs again elsewhere; the job
row decides whether it still should."""
from celery import shared_task
from django.utils import timezone
from django.utils.translation import gettext as _

from . import jobs
from .models import ImportJob

SURVIVES_WORKER_DEATH = {"acks_late": True, "reject_on_worker_lost": True}


def _plan(job):
    from .importer import plan_import

    with job.file.open("rb") as handle:  # read as a stream
        return plan_import(handle, job.original_name,
                           progress=lambda done, total: job.set_progress("periksa", done, total))


@shared_task(**SURVIVES_WORKER_DEATH)
def check_import(job_id, attempt=None):
    job = jobs.start(job_id, attempt, jobs.CHECK)
    if job is None:
        return
    with jobs.Heartbeat(job):
        try:
            plan = _plan(job)
        except Exception as error:  # the job page must say what happened rather than refresh forever
            job.status = ImportJob.Status.FAILED
            job.error = _("Kesalahan tak terduga saat memeriksa berkas: %(error)s") % {"error": str(error)[:300]}
            job.finished_at = timezone.now()
            job.save(update_fields=["status", "error", "finished_at"])
            raise
    job.report = plan.as_dict()
    job.status = ImportJob.Status.REFUSED if plan.file_problem else ImportJob.Status.CHECKED
    job.rejected_csv = ""
    if plan.problems and not plan.file_problem:
        from .importer import rejected_rows_csv

        job.rejected_csv = rejected_rows_csv(plan)
    job.save(update_fields=["report", "status", "rejected_csv"])


@shared_task(**SURVIVES_WORKER_DEATH)
def run_import(job_id, attempt=None):
    """Re-checks the file (the database may have changed since the dry run), then writes."""
    from .importer import ImportRefused, apply_plan, rejected_rows_csv

    job = jobs.start(job_id, attempt, jobs.IMPORT)
    if job is None:
        return
    with jobs.Heartbeat(job):
        try:
            plan = _plan(job)
            outcome = apply_plan(
                plan, skip_invalid=job.skip_invalid,
                progress=lambda done, total: job.set_progress("tulis", done, total),
            )
        except ImportRefused as error:
            job.status = ImportJob.Status.FAILED
            job.error = str(error)
            job.report = plan.as_dict()
        except Exception as error:  # the job page must say what happened rather than spin forever
            job.status = ImportJob.Status.FAILED
            job.error = _("Kesalahan tak terduga; tidak ada yang diimpor: %(error)s") % {"error": str(error)[:300]}
            job.finished_at = timezone.now()
            job.save(update_fields=["status", "error", "finished_at"])
            raise
        else:
            job.status = ImportJob.Status.DONE
            job.error = ""
            job.result = {"baru": len(outcome["created"]), "digabung": len(plan.merges),
                          "tidak_berubah": len(plan.unchanged), "ditolak": len(plan.rejected_rows)}
            job.report = plan.as_dict()
            job.rejected_csv = rejected_rows_csv(plan) if plan.problems else ""
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "error", "report", "result", "rejected_csv", "finished_at"])


@shared_task
def fail_stale_imports():
    """Beat, every minute: end the jobs whose worker stopped beating."""
    return jobs.fail_stale()
