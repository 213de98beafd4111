"""One row per side effect the portal owes someone: a mail, a search-index update, a
notification, a reminder. Written in the same transaction as the action that causes it."""
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    PENDING = "menunggu", _("Menunggu")
    SENT = "terkirim", _("Terkirim")
    FAILED = "gagal", _("Gagal (berhenti dicoba)")


class OutboxItem(models.Model):
    kind = models.CharField(_("jenis"), max_length=60)
    payload = models.JSONField(_("isi"), default=dict)
    #: an optional natural key: adding the same key twice keeps one item (never sent twice)
    key = models.CharField(_("kunci"), max_length=200, unique=True, null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField(_("percobaan"), default=0)
    next_attempt_at = models.DateTimeField(_("percobaan berikutnya"), default=timezone.now)
    last_error = models.TextField(_("galat terakhir"), blank=True)
    created_at = models.DateTimeField(_("dibuat"), default=timezone.now)
    sent_at = models.DateTimeField(_("terkirim pada"), null=True, blank=True)

    class Meta:
        verbose_name = _("kiriman")
        verbose_name_plural = _("antrean kiriman")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="outbox_due")]

    def __str__(self):
        return f"{self.kind} #{self.pk} ({self.get_status_display()})"
