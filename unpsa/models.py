"""UN Public Service Awards: KemenPANRB screens the awarded innovations of the catalogue and
nominates some of them to the UN each year (shared/domain.md: UNPSA).

A ``Cycle`` is one UNPSA year with the categories the UN opened that year (they change from
year to year, so they are rows, not choices). A ``Nomination`` is one innovation put forward in
one cycle: its UN category, the date it was submitted and the result. A result that is an award
(winner, honourable mention) is written into the catalogue as the innovation's award record
(``rules.record_nomination``), which the innovation page, search facets, the API and downloads
already read; an award the catalogue held before (the imported past winners) is reused, never
copied.
"""
import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable

#: the first UNPSA was given in 2003
FIRST_YEAR = 2003


class Cycle(ClusterableModel):
    """One UNPSA year ("UNPSA 2027") and its categories."""

    year = models.PositiveSmallIntegerField(
        _("tahun UNPSA"), unique=True, validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(2100)],
    )
    nominations_close = models.DateField(
        _("batas pengajuan ke PBB"), null=True, blank=True,
        help_text=_("Tanggal penutupan nominasi yang diumumkan PBB untuk tahun ini."),
    )
    note = models.TextField(_("catatan"), blank=True)

    panels = [FieldPanel("year"), FieldPanel("nominations_close"), FieldPanel("note"),
              InlinePanel("categories", heading=_("Kategori tahun ini"), label=_("kategori"), min_num=1)]

    class Meta:
        ordering = ["-year"]
        verbose_name = _("siklus UNPSA")
        verbose_name_plural = _("siklus UNPSA")

    def __str__(self):
        return f"UNPSA {self.year}"


class Category(Orderable):
    """A category the UN opened in one year, under its official English name."""

    cycle = ParentalKey(Cycle, on_delete=models.CASCADE, related_name="categories")
    name = models.CharField(_("nama resmi (bahasa Inggris)"), max_length=200,
                            help_text=_("Misalnya Innovation in public institutions."))
    name_id = models.CharField(_("nama dalam bahasa Indonesia"), max_length=200, blank=True)
    special = models.BooleanField(_("kategori khusus"), default=False,
                                  help_text=_("Kategori khusus tahun itu, misalnya Tackling climate change (2024)."))

    panels = [FieldPanel("name"), FieldPanel("name_id"), FieldPanel("special")]

    class Meta(Orderable.Meta):
        verbose_name = _("kategori UNPSA")
        verbose_name_plural = _("kategori UNPSA")
        constraints = [models.UniqueConstraint(fields=["cycle", "name"], name="unpsa_category_unique_name")]

    def __str__(self):
        return self.name


class Result(models.TextChoices):
    PENDING = "menunggu", _("Menunggu hasil")
    WINNER = "winner", _("Pemenang (Winner)")
    HONOURABLE_MENTION = "honourable_mention", _("Penghargaan (Honourable mention)")
    NONE = "tidak", _("Tidak mendapat penghargaan")


#: the award tier (``innovations.reference.AWARD_TIERS``) each awarded result is written as
RESULT_TIERS = {Result.WINNER: "unpsa-winner", Result.HONOURABLE_MENTION: "unpsa-honourable-mention"}


class Nomination(models.Model):
    innovation = models.ForeignKey("innovations.InnovationPage", on_delete=models.CASCADE,
                                   related_name="unpsa_nominations", verbose_name=_("inovasi"))
    cycle = models.ForeignKey(Cycle, on_delete=models.PROTECT, related_name="nominations",
                              verbose_name=_("siklus UNPSA"))
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="nominations",
                                 verbose_name=_("kategori UNPSA"))
    submitted_on = models.DateField(_("tanggal pengajuan ke PBB"), null=True, blank=True,
                                    help_text=_("Kosong selama berkas masih disiapkan."))
    result = models.CharField(_("hasil"), max_length=20, choices=Result.choices, default=Result.PENDING)
    note = models.TextField(_("catatan internal"), blank=True,
                            help_text=_("Tidak pernah ditampilkan ke publik."))
    #: the catalogue's award record of an awarded result (``rules.record_nomination``)
    award = models.OneToOneField("innovations.InnovationAward", on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="unpsa_nomination", editable=False)
    #: whether that award was written by this nomination (else it was in the catalogue before)
    award_written = models.BooleanField(default=False, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                   related_name="+", editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-cycle__year", "pk"]
        verbose_name = _("nominasi UNPSA")
        verbose_name_plural = _("nominasi UNPSA")
        constraints = [models.UniqueConstraint(
            fields=["innovation", "cycle"], name="unpsa_one_nomination_per_year",
            violation_error_message=_("Inovasi ini sudah dinominasikan pada siklus UNPSA ini."),
        )]

    def __str__(self):
        return f"{self.innovation} · UNPSA {self.cycle.year}"

    def clean(self):
        errors = {}
        if self.category_id and self.cycle_id and self.category.cycle_id != self.cycle_id:
            errors["category"] = _("Kategori ini bukan kategori siklus UNPSA yang dipilih.")
        if self.submitted_on and self.submitted_on > datetime.date.today():
            errors["submitted_on"] = _("Tanggal pengajuan tidak boleh di masa depan.")
        if self.result != Result.PENDING and not self.submitted_on:
            errors["result"] = _("Hasil hanya dapat dicatat untuk nominasi yang sudah diajukan ke PBB.")
        elif self.result != Result.PENDING and self.cycle_id and self.cycle.year > datetime.date.today().year:
            # the UN announces a year's results in that year; an award record may not be dated ahead
            errors["result"] = _("Hasil UNPSA %(year)s baru dapat dicatat pada tahun %(year)s.") % {"year": self.cycle.year}
        if errors:
            raise ValidationError(errors)
