"""Tingkat Kematangan Hub JIPP: a yearly instrument (aspects, weighted questions, scored
options) that each hub's coordinators fill with evidence, national verifiers check answer by
answer (never for their own hub), and ``scoring`` turns into exact scores per aspect and in
total. Rules live in ``maturity.rules``."""
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.models import Orderable

from core.files import validate_evidence_file


class Aspect(models.TextChoices):
    """The four aspects of the 2025 instrument (shared/domain.md 2.3)."""

    PERENCANAAN = "perencanaan", _("Perencanaan")
    PELEMBAGAAN = "pelembagaan", _("Pelembagaan")
    PENYEBARLUASAN = "penyebarluasan", _("Penyebarluasan")
    EVALUASI = "evaluasi", _("Evaluasi")


class Cycle(models.Model):
    year = models.PositiveSmallIntegerField(_("tahun"), unique=True)
    opens = models.DateTimeField(_("pengisian dibuka"))
    closes = models.DateTimeField(_("batas pengajuan"))
    note = models.TextField(_("catatan"), blank=True)

    panels = [FieldPanel("year"), FieldRowPanel([FieldPanel("opens"), FieldPanel("closes")]), FieldPanel("note")]

    class Meta:
        ordering = ["-year"]
        verbose_name = _("siklus kematangan hub")
        verbose_name_plural = _("siklus kematangan hub")

    def __str__(self):
        return _("Kematangan Hub JIPP %(year)s") % {"year": self.year}

    def clean(self):
        if self.opens and self.closes and self.closes <= self.opens:
            raise ValidationError({"closes": _("Batas pengajuan harus sesudah pengisian dibuka.")})


class Question(ClusterableModel):
    class Kind(models.TextChoices):
        SINGLE = "tunggal", _("Pilihan tunggal")
        MULTIPLE = "ganda", _("Pilihan ganda")

    class Evidence(models.TextChoices):
        REQUIRED = "wajib", _("Wajib")
        OPTIONAL = "opsional", _("Opsional")

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="questions", verbose_name=_("siklus"))
    aspect = models.CharField(_("aspek"), max_length=20, choices=Aspect.choices)
    number = models.PositiveSmallIntegerField(_("nomor"), default=1)
    text = models.TextField(_("pertanyaan"), max_length=1000)
    guidance = models.TextField(_("petunjuk"), blank=True)
    kind = models.CharField(_("jenis"), max_length=10, choices=Kind.choices, default=Kind.SINGLE)
    weight = models.DecimalField(_("bobot"), max_digits=6, decimal_places=2, validators=[MinValueValidator(0.01)])
    evidence = models.CharField(_("bukti"), max_length=10, choices=Evidence.choices, default=Evidence.OPTIONAL)
    is_example = models.BooleanField(
        _("contoh"), default=False,
        help_text=_("Pertanyaan contoh bawaan portal, bukan instrumen resmi. Ganti dengan pertanyaan resmi."))

    panels = [
        FieldRowPanel([FieldPanel("cycle"), FieldPanel("aspect"), FieldPanel("number")]),
        FieldPanel("text"), FieldPanel("guidance"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("weight"), FieldPanel("evidence")]),
        FieldPanel("is_example"),
        InlinePanel("options", heading=_("Pilihan jawaban"), label=_("Pilihan"), min_num=2),
    ]

    class Meta:
        ordering = ["cycle", "aspect", "number", "pk"]
        verbose_name = _("pertanyaan kematangan hub")
        verbose_name_plural = _("pertanyaan kematangan hub")

    def __str__(self):
        return f"{self.cycle.year} {self.get_aspect_display()} {self.number}: {self.text[:60]}"


class Option(Orderable):
    question = ParentalKey(Question, on_delete=models.CASCADE, related_name="options")
    text = models.CharField(_("pilihan"), max_length=500)
    score = models.DecimalField(_("skor"), max_digits=6, decimal_places=2, validators=[MinValueValidator(0)])

    panels = [FieldRowPanel([FieldPanel("text"), FieldPanel("score")])]

    def __str__(self):
        return self.text


class Submission(models.Model):
    class Status(models.TextChoices):
        DRAF = "draf", _("Draf")
        DIAJUKAN = "diajukan", _("Diajukan")
        TERVERIFIKASI = "terverifikasi", _("Terverifikasi")
        DIPUBLIKASIKAN = "dipublikasikan", _("Dipublikasikan")

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="submissions")
    hub = models.ForeignKey("hubs.HubPage", on_delete=models.CASCADE, related_name="maturity_submissions")
    status = models.CharField(_("status"), max_length=15, choices=Status.choices, default=Status.DRAF)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    published_at = models.DateTimeField(null=True, blank=True)
    #: verified scores, written at publication from ``scoring`` (0-100, two decimals)
    total = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    perencanaan = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    pelembagaan = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    penyebarluasan = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    evaluasi = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)

    class Meta:
        ordering = ["cycle", "hub__title"]
        constraints = [models.UniqueConstraint(fields=["cycle", "hub"], name="one_maturity_submission_per_hub")]
        verbose_name = _("isian kematangan hub")
        verbose_name_plural = _("isian kematangan hub")

    def __str__(self):
        return f"{self.hub} — {self.cycle.year}"

    def aspect_scores(self):
        return [(value, label, getattr(self, value)) for value, label in Aspect.choices]


class Answer(models.Model):
    class Verdict(models.TextChoices):
        MENUNGGU = "menunggu", _("Menunggu verifikasi")
        DITERIMA = "diterima", _("Diterima")
        DIKOREKSI = "dikoreksi", _("Dikoreksi")
        DITOLAK = "ditolak", _("Ditolak")

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    chosen = models.ManyToManyField(Option, related_name="+", blank=True)
    explanation = models.TextField(_("penjelasan"), blank=True, max_length=3000)
    evidence = models.FileField(_("bukti"), upload_to="kematangan/%Y/", blank=True, validators=[validate_evidence_file])
    evidence_url = models.URLField(_("tautan bukti"), blank=True)
    verdict = models.CharField(_("verifikasi"), max_length=10, choices=Verdict.choices, default=Verdict.MENUNGGU)
    corrected = models.ManyToManyField(Option, related_name="+", blank=True)
    verifier_note = models.TextField(_("catatan verifikator"), blank=True, max_length=2000)
    verified_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    verified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["submission", "question"], name="one_answer_per_question")]

    @property
    def has_evidence(self):
        return bool(self.evidence or self.evidence_url)
