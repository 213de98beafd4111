"""The admin's import pages, for national administrators (superusers): upload, read the
dry-run report, confirm, follow the progress, download the rejected rows."""
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core import tabular
from core.pagination import paginate

from . import jobs
from .forms import UploadForm
from .models import ImportJob
from .tasks import check_import, run_import


def _national_admin(request):
    if not request.user.is_superuser:
        raise PermissionDenied


def index(request):
    _national_admin(request)
    # bound on every POST, so an empty submission shows "required" instead of a blank form
    form = UploadForm(request.POST, request.FILES) if request.method == "POST" else UploadForm()
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        job = ImportJob.objects.create(
            file=upload, original_name=upload.name[:255], created_by=request.user,
            skip_invalid=form.cleaned_data["skip_invalid"],
        )
        transaction.on_commit(lambda: check_import.delay(job.pk, job.attempt))
        return redirect("intake_job", job.pk)
    jobs = paginate(request, ImportJob.objects.select_related("created_by"), 20, param="p")
    from .schema import COLUMNS

    return TemplateResponse(request, "intake/admin/index.html", {
        "form": form, "jobs": jobs, "columns": COLUMNS, "header_title": _("Impor data"),
    })


def job_detail(request, pk):
    _national_admin(request)
    job = get_object_or_404(ImportJob, pk=pk)
    if job.running and jobs.fail_stale([job.pk]):  # its worker died: say so now, not at the next beat
        job.refresh_from_db()
    problems = paginate(request, job.report.get("masalah", []), 100, param="p")
    return TemplateResponse(request, "intake/admin/job.html", {
        "job": job, "progress": job.progress() if job.running else None, "problems": problems,
        "may_retry": job.can_retry and jobs.may_retry(request.user, job),
        "header_title": job.original_name,
    })


@require_POST
def job_confirm(request, pk):
    _national_admin(request)
    with transaction.atomic():
        job = get_object_or_404(ImportJob.objects.select_for_update(), pk=pk)
        if not job.can_import:
            messages.error(request, _("Impor ini tidak dapat dijalankan dalam status sekarang."))
            return redirect("intake_job", pk)
        jobs.queue_import(job)
        transaction.on_commit(lambda: run_import.delay(job.pk, job.attempt))
    messages.success(request, _("Impor dimulai."))
    return redirect("intake_job", pk)


@require_POST
def job_retry(request, pk):
    """Coba lagi: a failed job (its worker died, or an unexpected error) runs its step again."""
    _national_admin(request)
    with transaction.atomic():
        job = get_object_or_404(ImportJob.objects.select_for_update(), pk=pk)
        if not jobs.may_retry(request.user, job):
            raise PermissionDenied
        queued = jobs.retry(job)
        if queued is None:
            messages.error(request, _("Hanya impor yang gagal yang dapat dicoba lagi."))
            return redirect("intake_job", pk)
        task, args = queued
        transaction.on_commit(lambda: task.delay(*args))
    messages.success(request, _("Dicoba lagi."))
    return redirect("intake_job", pk)


def job_rejected(request, pk):
    _national_admin(request)
    job = get_object_or_404(ImportJob, pk=pk)
    return tabular.csv_text_download(job.rejected_csv, f"impor-{job.pk}-ditolak")
