"""Models of an edition's finals (part 2): the interview schedule and the independent panel's
scores, field visits, public objections (uji publik), the decree and its winners, and regional
winners forwarded to the national edition. The rules are in ``competitions.finals``,
``competitions.objections`` and ``competitions.awards``.
"""
import os
import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel

#: the interview criteria's scale (the same 0-10 as the proposal instruments' default)
INTERVIEW_SCALE = (0, 10)
SLOT_MINUTES = 20


class InterviewCriterion(models.Model):
    """One of an edition's interview criteria (the Tim Panel Independen scores each)."""

    edition = ParentalKey("competitions.Edition", on_delete=models.CASCADE, related_name="interview_criteria")
    sort_order = models.PositiveIntegerField(default=0, editable=False)
    name = models.CharField(_("kriteria"), max_length=255)
    weight = models.DecimalField(_("bobot (%)"), max_digits=5, decimal_places=2,
                                 validators=[MinValueValidator(0), MaxValueValidator(100)])
    guidance = models.TextField(_("panduan"), blank=True)

    panels = [FieldRowPanel([FieldPanel("name"), FieldPanel("weight")]), FieldPanel("guidance")]

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("kriteria wawancara")
        verbose_name_plural = _("kriteria wawancara")

    def __str__(self):
        return self.name


class Interview(models.Model):
    """A finalist's presentation and interview slot, and the panel's result."""

    proposal = models.OneToOneField("competitions.Proposal", on_delete=models.CASCADE, related_name="interview")
    starts_at = models.DateTimeField(_("mulai"))
    minutes = models.PositiveSmallIntegerField(_("durasi (menit)"), default=SLOT_MINUTES,
                                               validators=[MinValueValidator(5), MaxValueValidator(120)])
    online_url = models.URLField(_("tautan daring"), blank=True)
    place = models.CharField(_("tempat"), max_length=255, blank=True)
    confirmed_at = models.DateTimeField(_("dikonfirmasi"), null=True, blank=True)
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+")
    total = models.DecimalField(_("nilai wawancara"), max_digits=5, decimal_places=2, null=True, blank=True)
    spread = models.DecimalField(_("selisih panel"), max_digits=5, decimal_places=2, null=True, blank=True)
    flagged = models.BooleanField(_("perbedaan nilai besar"), default=False)
    moderation_note = models.TextField(_("keputusan ketua panel"), blank=True)
    moderated_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["starts_at", "pk"]
        constraints = [models.CheckConstraint(condition=~models.Q(online_url="", place=""),
                                              name="interview_has_link_or_place")]


class PanelAssignment(models.Model):
    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="assignments")
    panelist = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="panel_assignments")
    created_at = models.DateTimeField(auto_now_add=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["interview", "panelist"], name="one_panel_assignment")]


class PanelScore(models.Model):
    assignment = models.ForeignKey(PanelAssignment, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(InterviewCriterion, on_delete=models.PROTECT, related_name="scores")
    score = models.PositiveSmallIntegerField(_("skor"))
    note = models.TextField(_("catatan"), max_length=3000, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["assignment", "criterion"], name="one_panel_score_per_criterion")]


def visit_photo_path(instance, filename):
    return f"kompetisi/{instance.visit.proposal.edition_id}/verifikasi/{uuid.uuid4().hex}/{os.path.basename(filename)}"


class FieldVisit(models.Model):
    """A field verification visit and its report (at least one panel member and one evaluator)."""

    proposal = models.ForeignKey("competitions.Proposal", on_delete=models.CASCADE, related_name="field_visits")
    visited_on = models.DateField(_("tanggal kunjungan"))
    members = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="field_visits", verbose_name=_("tim"))
    findings = models.TextField(_("temuan"), max_length=10000)
    runs_as_claimed = models.BooleanField(_("berjalan sesuai proposal"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-visited_on", "-pk"]
        verbose_name = _("verifikasi lapangan")


class FieldVisitPhoto(models.Model):
    visit = models.ForeignKey(FieldVisit, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(_("foto"), upload_to=visit_photo_path, max_length=255)
    caption = models.CharField(_("keterangan"), max_length=255, blank=True)


def objection_path(instance, filename):
    return f"kompetisi/{instance.edition_id}/keberatan/{uuid.uuid4().hex}/{os.path.basename(filename)}"


class Objection(models.Model):
    """A public objection against a nominee during uji publik. The objector's name and contact
    are private: only the organiser's moderation queue shows them."""

    class Outcome(models.TextChoices):
        MENUNGGU = "menunggu", _("Menunggu moderasi")
        DITERIMA = "diterima", _("Diterima (terbukti)")
        DITOLAK = "ditolak", _("Ditolak (tidak terbukti)")
        SPAM = "spam", _("Spam / tidak relevan")

    class Consequence(models.TextChoices):
        TIDAK_ADA = "", _("Tanpa konsekuensi")
        DIGUGURKAN = "digugurkan", _("Nominee digugurkan")
        CATATAN = "catatan", _("Catatan perbaikan untuk nominee")

    edition = models.ForeignKey("competitions.Edition", on_delete=models.CASCADE, related_name="objections")
    proposal = models.ForeignKey("competitions.Proposal", on_delete=models.CASCADE, related_name="objections",
                                 verbose_name=_("nominee"))
    name = models.CharField(_("nama"), max_length=150)
    contact = models.CharField(_("kontak (email atau telepon)"), max_length=200)
    evidence_text = models.TextField(_("uraian dan bukti"), max_length=5000)
    evidence_file = models.FileField(_("berkas bukti"), upload_to=objection_path, blank=True, max_length=255)
    evidence_url = models.URLField(_("tautan bukti"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    outcome = models.CharField(_("hasil"), max_length=10, choices=Outcome.choices, default=Outcome.MENUNGGU)
    consequence = models.CharField(_("konsekuensi"), max_length=12, choices=Consequence.choices, blank=True)
    outcome_note = models.TextField(_("pertimbangan"), blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["edition", "outcome"])]
        verbose_name = _("keberatan publik")
        verbose_name_plural = _("keberatan publik")


class Decree(models.Model):
    """The ministerial (or regional head's) decree that fixes an edition's winners."""

    edition = models.OneToOneField("competitions.Edition", on_delete=models.CASCADE, related_name="decree")
    number = models.CharField(_("nomor keputusan"), max_length=150)
    decided_on = models.DateField(_("tanggal keputusan"))
    announced_at = models.DateTimeField(_("diumumkan"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("keputusan penetapan")

    def __str__(self):
        return self.number


class Winner(models.Model):
    """One award a proposal received in the decree: the best tier, Top 5 Replikasi, Outstanding
    Achievement, or a special award (``special_name``)."""

    decree = models.ForeignKey(Decree, on_delete=models.CASCADE, related_name="winners")
    proposal = models.ForeignKey("competitions.Proposal", on_delete=models.PROTECT, related_name="wins")
    tier = models.ForeignKey("innovations.AwardTier", on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("tingkat"))
    special_name = models.CharField(_("nama penghargaan khusus"), max_length=150, blank=True)

    class Meta:
        ordering = ["tier__rank", "proposal__title"]
        constraints = [models.UniqueConstraint(fields=["proposal", "tier", "special_name"], name="one_win_per_tier")]

    @property
    def label(self):
        return self.special_name or self.tier.name


class Forwarding(models.Model):
    """A regional winner proposed ("diusulkan") to the national edition, as a linked proposal."""

    source = models.OneToOneField("competitions.Proposal", on_delete=models.CASCADE, related_name="forwarded_as")
    target = models.OneToOneField("competitions.Proposal", on_delete=models.CASCADE, related_name="forwarded_from")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
