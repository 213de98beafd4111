"""PKRI (Pemantauan Keberlanjutan dan Replikasi Inovasi): periodic assessment of past top
innovations, their replications and the agencies that steward them (shared/domain.md 2.5, 3.2).

A ``Cycle`` ("PKRI 2026") has windows, loci (agencies) and objects, each object in one of
three groups with its own ``Instrument`` (indicators with weights and a scale with one
descriptor per level). Agencies answer the self-assessment per object; at least two
independent assessors score each object (desk evaluation, and an interview for those
shortlisted); ``scoring`` turns scores into totals, ranks and categories; publication updates
each innovation's sustainability status. Rules live in ``pkri.rules``.
"""
import itertools

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel

from innovations.models import SustainabilityStatus


class Group(models.TextChoices):
    PEMBINA = "pembina", _("Instansi Pembina")
    KEBERLANJUTAN = "keberlanjutan", _("Keberlanjutan Inovasi")
    REPLIKASI = "replikasi", _("Replikasi Inovasi")


class Cycle(models.Model):
    name = models.CharField(_("nama"), max_length=100, unique=True, help_text=_("Misalnya PKRI 2026."))
    year = models.PositiveSmallIntegerField(_("tahun"), unique=True)
    self_assessment_opens = models.DateTimeField(_("asesmen mandiri dibuka"))
    self_assessment_closes = models.DateTimeField(_("batas asesmen mandiri"))
    desk_closes = models.DateTimeField(_("batas penilaian dokumen"))
    interview_closes = models.DateTimeField(_("batas presentasi dan wawancara"))
    publication_date = models.DateField(_("rencana publikasi"))
    shortlist_threshold = models.DecimalField(
        _("ambang ke wawancara"), max_digits=5, decimal_places=2, default=70,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("Objek dengan nilai penilaian dokumen minimal ini diundang presentasi dan wawancara."),
    )
    disagreement_threshold = models.DecimalField(
        _("ambang perbedaan penilai"), max_digits=5, decimal_places=2, default=20,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("Selisih nilai total antarpenilai (skala 0-100) yang memerlukan keputusan moderasi."),
    )
    interview_weight = models.DecimalField(
        _("bobot wawancara"), max_digits=3, decimal_places=2, default=0.4,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
        help_text=_("Bagian nilai akhir dari wawancara bagi objek yang diwawancarai (0-1)."),
    )
    hide_other_scores = models.BooleanField(
        _("sembunyikan nilai penilai lain"), default=True,
        help_text=_("Penilai tidak melihat nilai penilai lain sebelum moderasi."),
    )
    published_at = models.DateTimeField(_("dipublikasikan"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("year")]),
        MultiFieldPanel([
            FieldRowPanel([FieldPanel("self_assessment_opens"), FieldPanel("self_assessment_closes")]),
            FieldRowPanel([FieldPanel("desk_closes"), FieldPanel("interview_closes")]),
            FieldPanel("publication_date"),
        ], heading=_("Jadwal")),
        MultiFieldPanel([
            FieldRowPanel([FieldPanel("shortlist_threshold"), FieldPanel("disagreement_threshold")]),
            FieldRowPanel([FieldPanel("interview_weight"), FieldPanel("hide_other_scores")]),
        ], heading=_("Penilaian")),
    ]

    class Meta:
        ordering = ["-year"]
        verbose_name = _("siklus PKRI")
        verbose_name_plural = _("siklus PKRI")

    def __str__(self):
        return self.name

    def clean(self):
        order = [self.self_assessment_opens, self.self_assessment_closes, self.desk_closes, self.interview_closes]
        if all(order) and not all(a < b for a, b in itertools.pairwise(order)):
            raise ValidationError(_("Jadwal harus berurutan: asesmen mandiri dibuka, ditutup, penilaian dokumen, wawancara."))

    @property
    def is_published(self):
        return self.published_at is not None


class Instrument(ClusterableModel):
    """The assessment instrument of one group in one cycle."""

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="instruments", verbose_name=_("siklus"))
    group = models.CharField(_("kelompok"), max_length=15, choices=Group.choices)
    title = models.CharField(_("judul"), max_length=255)
    note = models.TextField(_("catatan"), blank=True)
    is_example = models.BooleanField(
        _("contoh"), default=False,
        help_text=_("Instrumen contoh bawaan portal, bukan kriteria resmi. Ganti dengan instrumen resmi."),
    )

    panels = [
        FieldRowPanel([FieldPanel("cycle"), FieldPanel("group")]),
        FieldPanel("title"), FieldPanel("note"), FieldPanel("is_example"),
        InlinePanel("indicators", heading=_("Indikator"), label=_("Indikator")),
    ]

    class Meta:
        constraints = [models.UniqueConstraint(fields=["cycle", "group"], name="one_instrument_per_group")]
        verbose_name = _("instrumen PKRI")
        verbose_name_plural = _("instrumen PKRI")

    def __str__(self):
        return f"{self.cycle} — {self.get_group_display()}"


class Indicator(models.Model):
    """One indicator: its aspect, weight, scale (levels min..max, a descriptor per line) and
    whether evidence is required."""

    instrument = ParentalKey(Instrument, on_delete=models.CASCADE, related_name="indicators")
    sort_order = models.PositiveIntegerField(default=0, editable=False)
    aspect = models.CharField(_("aspek"), max_length=255)
    name = models.CharField(_("indikator"), max_length=500)
    weight = models.DecimalField(_("bobot"), max_digits=6, decimal_places=2, validators=[MinValueValidator(0.01)])
    scale_min = models.PositiveSmallIntegerField(_("skor terendah"), default=1)
    scale_max = models.PositiveSmallIntegerField(_("skor tertinggi"), default=5)
    descriptors = models.TextField(
        _("deskriptor tiap tingkat"), help_text=_("Satu baris per tingkat, dari skor terendah ke tertinggi."),
    )
    evidence_required = models.BooleanField(_("wajib bukti"), default=False)

    panels = [
        FieldRowPanel([FieldPanel("aspect"), FieldPanel("weight")]), FieldPanel("name"),
        FieldRowPanel([FieldPanel("scale_min"), FieldPanel("scale_max"), FieldPanel("evidence_required")]),
        FieldPanel("descriptors"),
    ]

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("indikator")

    def __str__(self):
        return self.name

    def clean(self):
        if self.scale_max <= self.scale_min:
            raise ValidationError(_("Skor tertinggi harus lebih besar dari skor terendah."))
        if len(self.levels()) != self.scale_max - self.scale_min + 1:
            raise ValidationError({"descriptors": _("Tulis tepat satu deskriptor untuk setiap skor %(a)s-%(b)s.")
                                   % {"a": self.scale_min, "b": self.scale_max}})

    def levels(self):
        """[(score, descriptor)] from the descriptor lines."""
        lines = [line.strip() for line in (self.descriptors or "").splitlines() if line.strip()]
        return list(zip(range(self.scale_min, self.scale_min + len(lines)), lines))


class Locus(models.Model):
    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="loci")
    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="pkri_loci")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["cycle", "agency"], name="one_locus_per_agency")]
        verbose_name = _("lokus PKRI")
        verbose_name_plural = _("lokus PKRI")

    def __str__(self):
        return f"{self.cycle}: {self.agency}"


class ObjectStatus(models.TextChoices):
    DRAF = "draf", _("Draf")
    DIAJUKAN = "diajukan", _("Diajukan")


class AssessmentObject(models.Model):
    """What is assessed: an innovation (sustainability), a replication, or the agency itself."""

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="assessment_objects")
    locus = models.ForeignKey(Locus, on_delete=models.CASCADE, related_name="assessment_objects")
    group = models.CharField(_("kelompok"), max_length=15, choices=Group.choices)
    innovation = models.ForeignKey("innovations.InnovationPage", on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="pkri_objects")
    replication = models.ForeignKey("replication.Replication", on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="pkri_objects")
    status = models.CharField(_("status"), max_length=10, choices=ObjectStatus.choices, default=ObjectStatus.DRAF)
    submitted_at = models.DateTimeField(_("diajukan"), null=True, blank=True)
    declared_status = models.CharField(_("status menurut instansi"), max_length=25,
                                       choices=SustainabilityStatus.choices, blank=True)
    verified_status = models.CharField(_("status hasil penilaian"), max_length=25,
                                       choices=SustainabilityStatus.choices, blank=True)
    flagged = models.BooleanField(_("perlu moderasi"), default=False)
    moderation_note = models.TextField(_("keputusan moderasi"), blank=True)
    moderated_at = models.DateTimeField(null=True, blank=True)
    desk_total = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    shortlisted = models.BooleanField(_("diundang wawancara"), default=False)
    interview_total = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    final_total = models.DecimalField(_("nilai akhir"), max_digits=5, decimal_places=2, null=True, blank=True)
    rank = models.PositiveIntegerField(_("peringkat"), null=True, blank=True)
    category = models.CharField(_("kategori hasil"), max_length=20, blank=True)

    class Meta:
        ordering = ["group", "rank", "pk"]
        verbose_name = _("objek PKRI")
        verbose_name_plural = _("objek PKRI")
        constraints = [
            models.UniqueConstraint(fields=["cycle", "group", "innovation"], condition=models.Q(innovation__isnull=False),
                                    name="one_object_per_innovation"),
            models.UniqueConstraint(fields=["cycle", "group", "locus"], condition=models.Q(group="pembina"),
                                    name="one_pembina_object_per_locus"),
        ]

    def __str__(self):
        return self.title

    @property
    def title(self):
        if self.innovation_id:
            return self.innovation.title
        if self.replication_id:
            return str(self.replication)
        return self.locus.agency.name

    @property
    def is_submitted(self):
        return self.status == ObjectStatus.DIAJUKAN


def answer_evidence_path(instance, filename):
    import os
    import uuid

    return f"pkri/{instance.object.cycle_id}/{instance.object_id}/{uuid.uuid4().hex}/{os.path.basename(filename)}"


class Answer(models.Model):
    """The agency's self-assessment of one indicator for one object."""

    object = models.ForeignKey(AssessmentObject, on_delete=models.CASCADE, related_name="answers")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="answers")
    text = models.TextField(_("jawaban"), max_length=5000, blank=True)
    self_score = models.PositiveSmallIntegerField(_("skor mandiri"), null=True, blank=True)
    evidence = models.FileField(_("bukti"), upload_to=answer_evidence_path, blank=True, max_length=255)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["object", "indicator"], name="one_answer_per_indicator")]


class Stage(models.TextChoices):
    DESK = "dokumen", _("Penilaian dokumen")
    INTERVIEW = "wawancara", _("Presentasi dan wawancara")


class Assignment(models.Model):
    object = models.ForeignKey(AssessmentObject, on_delete=models.CASCADE, related_name="assignments")
    assessor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="pkri_assignments")
    stage = models.CharField(_("tahap"), max_length=10, choices=Stage.choices, default=Stage.DESK)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["object", "assessor", "stage"], name="one_assignment_per_stage")]
        verbose_name = _("penugasan penilai")


class Score(models.Model):
    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="scores")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="scores")
    score = models.PositiveSmallIntegerField(_("skor"))
    note = models.TextField(_("catatan"), max_length=3000, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["assignment", "indicator"], name="one_score_per_indicator")]


class Reminder(models.Model):
    """One reminder sent (deadline or data refresh): its key keeps the daily schedule from
    sending it twice."""

    kind = models.CharField(max_length=20)
    key = models.CharField(max_length=200)
    recipients = models.TextField(blank=True)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "key"], name="one_reminder_per_key")]
