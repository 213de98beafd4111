"""Replication: an agency adopting another agency's innovation, tracked stage by stage.

The domain (shared/domain.md 2.4, 3.3): an adopter (instansi penerima) replicates an origin
innovation of an owner (instansi asal), on its own (mandiri), in cooperation with the owner
(kerja sama: Nota Kesepakatan, then PKS) or through a facilitator (fasilitasi: a hub or
facilitating agency). It moves from interest to institutionalisation; every move is a
``ReplicationStep`` that is never changed afterwards. When implemented, the replica can become
an innovation page of its own, linked back here, so lineage spans generations.

The rules (which moves exist, who may make them) live in ``replication.rules``; this module
only says what is stored.
"""
import os
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.files import validate_evidence_file  # also named by migration 0001


class Stage(models.TextChoices):
    MINAT = "minat", _("Minat")
    KESEPAKATAN = "kesepakatan", _("Kesepakatan")
    PERSIAPAN = "persiapan", _("Persiapan dan adaptasi")
    IMPLEMENTASI = "implementasi", _("Implementasi")
    EVALUASI = "evaluasi", _("Evaluasi")
    MELEMBAGA = "melembaga", _("Melembaga")
    DITOLAK = "ditolak", _("Ditolak")
    DIBATALKAN = "dibatalkan", _("Dibatalkan")


#: The way forward, in order; ditolak and dibatalkan end a replication from the side.
PROGRESS = [Stage.MINAT, Stage.KESEPAKATAN, Stage.PERSIAPAN, Stage.IMPLEMENTASI, Stage.EVALUASI, Stage.MELEMBAGA]
ENDED = {Stage.DITOLAK, Stage.DIBATALKAN}
FINAL = ENDED | {Stage.MELEMBAGA}
#: From kesepakatan on a replication is public (interest alone stays between the parties).
PUBLIC_STAGES = set(PROGRESS[1:])
#: Stages at which the adopter runs the innovation: replica pages and follow-up reports.
IMPLEMENTED_STAGES = {Stage.IMPLEMENTASI, Stage.EVALUASI, Stage.MELEMBAGA}


class Model(models.TextChoices):
    MANDIRI = "mandiri", _("Mandiri")
    KERJA_SAMA = "kerja_sama", _("Kerja sama dengan instansi pemilik")
    FASILITASI = "fasilitasi", _("Fasilitasi (hub atau instansi fasilitator)")


class Scope(models.TextChoices):
    UTUH = "utuh", _("Utuh (seluruh inovasi)")
    SEBAGIAN = "sebagian", _("Sebagian")
    MODIFIKASI = "modifikasi", _("Dengan modifikasi")


class OwnerDecision(models.TextChoices):
    MENUNGGU = "menunggu", _("Menunggu jawaban pemilik")
    DITERIMA = "diterima", _("Diterima pemilik")
    DITOLAK = "ditolak", _("Ditolak pemilik")
    TIDAK_PERLU = "tidak_perlu", _("Tidak memerlukan persetujuan")


class Replication(models.Model):
    origin = models.ForeignKey(
        "innovations.InnovationPage", on_delete=models.CASCADE, related_name="replications",
        verbose_name=_("inovasi asal"),
    )
    adopter = models.ForeignKey(
        "agencies.Agency", on_delete=models.PROTECT, related_name="replications",
        verbose_name=_("instansi replikator"),
    )
    service_unit = models.ForeignKey(
        "agencies.ServiceUnit", on_delete=models.SET_NULL, null=True, blank=True, related_name="replications",
        verbose_name=_("unit pelaksana (UPP)"),
    )
    model = models.CharField(_("model replikasi"), max_length=12, choices=Model.choices)
    facilitator = models.ForeignKey(
        "agencies.Agency", on_delete=models.SET_NULL, null=True, blank=True, related_name="facilitated_replications",
        verbose_name=_("instansi fasilitator"),
    )
    reason = models.TextField(_("alasan mereplikasi"), max_length=3000)
    stage = models.CharField(_("tahap"), max_length=12, choices=Stage.choices, default=Stage.MINAT, db_index=True)
    owner_decision = models.CharField(
        _("jawaban pemilik"), max_length=12, choices=OwnerDecision.choices, default=OwnerDecision.TIDAK_PERLU,
    )
    owner_reason = models.TextField(_("alasan jawaban pemilik"), blank=True)
    #: when the replication first reached kesepakatan or beyond: from then on it is public
    public_since = models.DateTimeField(_("publik sejak"), null=True, blank=True, db_index=True)
    scope = models.CharField(_("cakupan replikasi"), max_length=12, choices=Scope.choices, blank=True)
    replica = models.OneToOneField(
        "innovations.InnovationPage", on_delete=models.SET_NULL, null=True, blank=True, related_name="replica_of",
        verbose_name=_("halaman inovasi hasil replikasi"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("diajukan oleh"),
    )
    created_at = models.DateTimeField(_("diajukan"), auto_now_add=True, db_index=True)
    stage_changed_at = models.DateTimeField(_("tahap berubah"), auto_now_add=True)
    #: bumped by every transition; a transition only applies to the version its actor saw
    version = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("replikasi")
        verbose_name_plural = _("replikasi")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["origin", "adopter"],
                condition=~models.Q(stage__in=["ditolak", "dibatalkan"]),
                name="one_open_replication_per_adopter",
                violation_error_message=_("Instansi ini sudah memiliki replikasi yang berjalan untuk inovasi ini."),
            ),
        ]

    def __str__(self):
        return f"{self.adopter} → {self.origin}"

    @property
    def is_public(self):
        return self.public_since is not None

    @property
    def is_open(self):
        return self.stage not in ENDED

    @property
    def is_final(self):
        return self.stage in FINAL

    @property
    def progress_index(self):
        """Position on the way forward (0 minat … 5 melembaga), None once ended."""
        return PROGRESS.index(self.stage) if self.stage in PROGRESS else None


class StepQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise ValidationError(_("Riwayat replikasi tidak dapat diubah."))

    def delete(self):
        raise ValidationError(_("Riwayat replikasi tidak dapat dihapus."))


class ReplicationStep(models.Model):
    """One move of a replication: append-only history (no update, no delete)."""

    replication = models.ForeignKey(Replication, on_delete=models.CASCADE, related_name="steps")
    from_stage = models.CharField(_("dari tahap"), max_length=12, choices=Stage.choices, blank=True)
    to_stage = models.CharField(_("ke tahap"), max_length=12, choices=Stage.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("oleh"),
    )
    actor_name = models.CharField(_("nama pelaku"), max_length=255, blank=True)
    actor_agency = models.CharField(_("instansi pelaku"), max_length=255, blank=True)
    acted_at = models.DateTimeField(_("waktu"), auto_now_add=True)
    date = models.DateField(_("tanggal peristiwa"), help_text=_("Misalnya tanggal penandatanganan PKS."))
    note = models.TextField(_("catatan"), max_length=3000, blank=True)

    objects = StepQuerySet.as_manager()

    class Meta:
        ordering = ["acted_at", "pk"]
        verbose_name = _("langkah replikasi")
        verbose_name_plural = _("riwayat replikasi")

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValidationError(_("Riwayat replikasi tidak dapat diubah."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(_("Riwayat replikasi tidak dapat dihapus."))


class EvidenceKind(models.TextChoices):
    SURAT_MINAT = "surat_minat", _("Surat minat replikasi")
    NOTA_KESEPAKATAN = "nota_kesepakatan", _("Nota Kesepakatan")
    PKS = "pks", _("Perjanjian Kerja Sama (PKS)")
    SK = "sk", _("Surat Keputusan / regulasi")
    LAPORAN_IMPLEMENTASI = "laporan_implementasi", _("Laporan implementasi")
    LAPORAN_EVALUASI = "laporan_evaluasi", _("Laporan evaluasi")
    LAINNYA = "lainnya", _("Dokumen lain")


def evidence_path(instance, filename):
    """An unguessable path: evidence of a private replication is served only through
    ``views.evidence``, which checks who asks."""
    return f"replikasi/{instance.step.replication_id}/{uuid.uuid4().hex}/{os.path.basename(filename)}"


class Evidence(models.Model):
    """A document that supports one step (surat minat, PKS, SK, reports)."""

    step = models.ForeignKey(ReplicationStep, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(_("jenis dokumen"), max_length=24, choices=EvidenceKind.choices)
    file = models.FileField(_("berkas"), upload_to=evidence_path, validators=[validate_evidence_file], max_length=255)

    class Meta:
        verbose_name = _("dokumen bukti")
        verbose_name_plural = _("dokumen bukti")

    @property
    def filename(self):
        return os.path.basename(self.file.name)


class FollowUpReport(models.Model):
    """The adopter's report on how the replica went: what peer portals' users ask for."""

    replication = models.ForeignKey(Replication, on_delete=models.CASCADE, related_name="reports")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    results = models.TextField(_("hasil yang dicapai"), max_length=5000)
    adaptations = models.TextField(_("yang disesuaikan"), max_length=5000, blank=True)
    difficulties = models.TextField(_("kesulitan yang dihadapi"), max_length=5000, blank=True)
    rating = models.PositiveSmallIntegerField(
        _("penilaian (1-5)"), validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text=_("Seberapa membantu inovasi asal bagi instansi Anda: 1 kurang, 5 sangat membantu."),
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("laporan tindak lanjut")
        verbose_name_plural = _("laporan tindak lanjut")
        constraints = [
            models.CheckConstraint(condition=models.Q(rating__gte=1, rating__lte=5), name="report_rating_1_to_5"),
        ]


class Notification(models.Model):
    """One email about one event to one address: the key that keeps it from going out twice."""

    replication = models.ForeignKey(Replication, on_delete=models.CASCADE, related_name="notifications")
    event = models.CharField(max_length=100)
    recipient = models.EmailField()
    subject = models.CharField(max_length=255)
    body = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["event", "recipient"], name="one_notification_per_event")]
