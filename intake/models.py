"""An import started from the admin: the uploaded file, its dry-run report and its outcome.

The command line needs no record (its report is the terminal); the admin does, because the
check and the import run as Celery tasks and the administrator comes back to read them.
"""
from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ImportJob(models.Model):
    class Status(models.TextChoices):
        CHECKING = "memeriksa", _("Sedang diperiksa")
        CHECKED = "diperiksa", _("Selesai diperiksa")
        REFUSED = "ditolak", _("Berkas ditolak")
        IMPORTING = "mengimpor", _("Sedang diimpor")
        DONE = "selesai", _("Selesai diimpor")
        FAILED = "gagal", _("Gagal")

    file = models.FileField(_("berkas"), upload_to="impor/%Y/%m/")
    original_name = models.CharField(_("nama berkas"), max_length=255)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("oleh")
    )
    created_at = models.DateTimeField(_("diunggah"), auto_now_add=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.CHECKING)
    skip_invalid = models.BooleanField(_("lewati baris tidak sah"), default=False)
    report = models.JSONField(_("laporan pemeriksaan"), default=dict, blank=True)
    result = models.JSONField(_("hasil impor"), default=dict, blank=True)
    rejected_csv = models.TextField(_("baris ditolak (CSV)"), blank=True)
    error = models.TextField(_("kesalahan"), blank=True)
    finished_at = models.DateTimeField(_("selesai"), null=True, blank=True)
    # a worker that dies mid-job must not leave it running forever (intake/jobs.py): the step
    # the job is in (so a retry resumes it), which attempt of it is current (a message of an
    # earlier attempt redelivered by the broker is ignored), how many workers took this attempt,
    # when its step was queued and the last sign of life of the worker on it
    queued_at = models.DateTimeField(_("diantrekan"), default=timezone.now, editable=False)
    step = models.CharField(_("tahap"), max_length=10, default="periksa", editable=False)
    attempt = models.PositiveIntegerField(_("percobaan"), default=1, editable=False)
    runs = models.PositiveIntegerField(_("dijalankan"), default=0, editable=False)
    heartbeat_at = models.DateTimeField(_("tanda hidup pekerja"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("impor data")
        verbose_name_plural = _("impor data")

    def __str__(self):
        return f"{self.original_name} ({self.get_status_display()})"

    @property
    def running(self):
        return self.status in (self.Status.CHECKING, self.Status.IMPORTING)

    @property
    def can_retry(self):
        return self.status == self.Status.FAILED

    @property
    def can_import(self):
        """A checked file may be imported when it is clean, or when the admin chose to skip
        invalid rows and at least one row is valid."""
        if self.status != self.Status.CHECKED or self.report.get("masalah_berkas"):
            return False
        valid = self.report.get("baru", 0) + self.report.get("digabung", 0)
        if self.report.get("ditolak"):
            return self.skip_invalid and valid > 0
        return valid > 0

    # progress lives in the cache: the import runs in one transaction, whose writes other
    # connections cannot see until it commits
    def progress_key(self):
        return f"intake:job:{self.pk}:progress"

    def progress(self):
        from django.core.cache import cache

        return cache.get(self.progress_key())

    def set_progress(self, phase, done, total):
        from django.core.cache import cache

        cache.set(self.progress_key(), {"tahap": phase, "selesai": done, "jumlah": total}, 3600)
