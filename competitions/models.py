"""Innovation competitions (KIPP and the regional competitions of hubs): shared/domain.md 2.6, 3.1.

An ``Edition`` ("KIPP 2026") is run by KemenPANRB (no hub) or by a hub, which admits only the
agencies of its region (``hubs.membership``). It opens groups (``EditionGroup``: cap per
agency, minimum implementation age, shortlist size), categories, a registration window (dates
read as wall-clock time in each agency's own zone: WIB, WITA or WIT) and dates for every stage,
including those of part 2 (presentation, field verification, uji publik, decree). Each group
has an ``Instrument`` of weighted ``Aspect``s. Agencies draft ``Proposal``s (one ``AspectText``
per aspect, ``Evidence`` per aspect); every decision is an append-only ``ProposalStep``.
Evaluators (``Assignment``) ``Score`` every aspect; ``competitions.rules`` holds the rules.
"""
import datetime
import itertools
import os
import re
import uuid
import zoneinfo

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel

from news.models import province_time_zone


class Group(models.TextChoices):
    UMUM = "umum", _("Kelompok Umum")
    REPLIKASI = "replikasi", _("Kelompok Replikasi")
    KHUSUS = "khusus", _("Kelompok Khusus")


class Stage(models.TextChoices):
    """An edition's stages in order; the last five belong to part 2 (finals and decree)."""

    PERSIAPAN = "persiapan", _("Persiapan")
    PENDAFTARAN = "pendaftaran", _("Pendaftaran dan pengajuan proposal")
    SELEKSI_ADMINISTRASI = "seleksi_administrasi", _("Seleksi administrasi")
    PENILAIAN_PROPOSAL = "penilaian_proposal", _("Penilaian proposal")
    PENENTUAN_TOP = "penentuan_top", _("Penentuan Top 99")
    PRESENTASI = "presentasi", _("Presentasi dan wawancara")
    VERIFIKASI = "verifikasi", _("Verifikasi dan observasi lapangan")
    UJI_PUBLIK = "uji_publik", _("Uji publik")
    PENETAPAN = "penetapan", _("Penetapan inovasi terbaik")
    SELESAI = "selesai", _("Selesai")


#: (stage, the Edition date field on which it ends), in order
STAGE_ENDS = [
    (Stage.PENDAFTARAN, "registration_closes_on"),
    (Stage.SELEKSI_ADMINISTRASI, "admin_selection_closes_on"),
    (Stage.PENILAIAN_PROPOSAL, "evaluation_closes_on"),
    (Stage.PENENTUAN_TOP, "shortlist_announce_on"),
    (Stage.PRESENTASI, "presentation_closes_on"),
    (Stage.VERIFIKASI, "verification_closes_on"),
    (Stage.UJI_PUBLIK, "objection_closes_on"),
    (Stage.PENETAPAN, "decree_on"),
]


class Edition(ClusterableModel):
    name = models.CharField(_("nama"), max_length=150, unique=True, help_text=_("Misalnya KIPP 2026."))
    slug = models.SlugField(_("slug"), max_length=150, unique=True)
    year = models.PositiveSmallIntegerField(_("tahun"), validators=[MinValueValidator(2014), MaxValueValidator(2100)])
    hub = models.ForeignKey(
        "hubs.HubPage", on_delete=models.PROTECT, null=True, blank=True, related_name="competition_editions",
        verbose_name=_("penyelenggara (hub)"),
        help_text=_("Kosongkan untuk KIPP nasional oleh KemenPANRB. Kompetisi hub hanya menerima instansi di wilayah hub."),
    )
    legal_basis = models.CharField(_("dasar hukum"), max_length=255, blank=True)
    theme = models.CharField(_("tema"), max_length=255, blank=True)
    rules_text = models.TextField(_("ketentuan"), blank=True)
    categories = ParentalManyToManyField("innovations.Category", blank=True, related_name="competition_editions",
                                         verbose_name=_("kategori"))
    disadvantaged_regencies = ParentalManyToManyField(
        "regions.Regency", blank=True, related_name="+", verbose_name=_("daerah 3T"),
        help_text=_("Kabupaten/kota tertinggal, terdepan dan terluar menurut keputusan yang berlaku pada edisi ini."),
    )
    registration_opens_on = models.DateField(_("pendaftaran dibuka"))
    registration_closes_on = models.DateField(_("pendaftaran ditutup"))
    closing_time = models.TimeField(
        _("jam tutup"), default=datetime.time(23, 59),
        help_text=_("Waktu setempat instansi (WIB, WITA atau WIT) pada hari penutupan."),
    )
    admin_selection_closes_on = models.DateField(_("seleksi administrasi selesai"))
    evaluation_closes_on = models.DateField(_("penilaian proposal selesai"))
    shortlist_announce_on = models.DateField(_("pengumuman Top 99"))
    presentation_closes_on = models.DateField(_("presentasi dan wawancara selesai"), null=True, blank=True)
    verification_closes_on = models.DateField(_("verifikasi lapangan selesai"), null=True, blank=True)
    objection_closes_on = models.DateField(_("uji publik selesai"), null=True, blank=True)
    decree_on = models.DateField(_("penetapan"), null=True, blank=True)
    min_evaluators = models.PositiveSmallIntegerField(_("penilai per proposal"), default=2, validators=[MinValueValidator(2)])
    disagreement_threshold = models.DecimalField(
        _("ambang perbedaan penilai"), max_digits=5, decimal_places=2, default=15,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("Selisih nilai total antarpenilai (skala 0-100) yang perlu penilai ketiga atau koordinator."),
    )
    min_aspect_words = models.PositiveSmallIntegerField(
        _("kata minimum per aspek"), default=30,
        help_text=_("Jawaban aspek yang jauh lebih pendek dari ini ditolak pada pemeriksaan administrasi."),
    )
    shortlist_announced_at = models.DateTimeField(_("Top 99 diumumkan"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("slug"), FieldPanel("year")]),
        FieldPanel("hub"),
        FieldRowPanel([FieldPanel("legal_basis"), FieldPanel("theme")]),
        FieldPanel("rules_text"),
        InlinePanel("groups", heading=_("Kelompok"), label=_("Kelompok"), min_num=1),
        FieldPanel("categories", widget=forms.CheckboxSelectMultiple),
        MultiFieldPanel([
            FieldRowPanel([FieldPanel("registration_opens_on"), FieldPanel("registration_closes_on"),
                           FieldPanel("closing_time")]),
            FieldRowPanel([FieldPanel("admin_selection_closes_on"), FieldPanel("evaluation_closes_on"),
                           FieldPanel("shortlist_announce_on")]),
            FieldRowPanel([FieldPanel("presentation_closes_on"), FieldPanel("verification_closes_on"),
                           FieldPanel("objection_closes_on"), FieldPanel("decree_on")]),
        ], heading=_("Jadwal")),
        MultiFieldPanel([
            FieldRowPanel([FieldPanel("min_evaluators"), FieldPanel("disagreement_threshold"),
                           FieldPanel("min_aspect_words")]),
        ], heading=_("Penilaian")),
        InlinePanel("award_places", heading=_("Tingkat penghargaan"), label=_("Tingkat")),
        InlinePanel("interview_criteria", heading=_("Kriteria wawancara"), label=_("Kriteria")),
        FieldPanel("disadvantaged_regencies"),
    ]

    class Meta:
        ordering = ["-year", "name"]
        verbose_name = _("edisi kompetisi")
        verbose_name_plural = _("edisi kompetisi")

    def __str__(self):
        return self.name

    def clean(self):
        dates = [self.registration_opens_on] + [getattr(self, field) for _stage, field in STAGE_ENDS]
        given = [d for d in dates if d is not None]
        if any(b < a for a, b in itertools.pairwise(given)):
            raise ValidationError(_("Tanggal tahapan harus berurutan: pendaftaran dibuka, ditutup, seleksi "
                                    "administrasi, penilaian proposal, pengumuman Top 99, lalu tahap final."))

    @property
    def organiser_name(self):
        return self.hub.title if self.hub_id else "Kementerian PANRB"

    @property
    def is_regional(self):
        return self.hub_id is not None

    @property
    def is_announced(self):
        return self.shortlist_announced_at is not None

    def current_stage(self, today=None):
        """The stage by the calendar (in WIB, the organiser's zone), announcements aside."""
        today = today or timezone.localdate()
        if today < self.registration_opens_on:
            return Stage.PERSIAPAN
        for stage, field in STAGE_ENDS:
            end = getattr(self, field)
            if end is None:
                continue
            if today <= end:
                if stage == Stage.PENENTUAN_TOP and self.is_announced:
                    continue
                return stage
        return Stage.SELESAI

    def timeline(self, today=None):
        """[(stage, starts on, ends on, state)] with state "selesai", "berjalan" or "akan datang"."""
        current = self.current_stage(today)
        order = [s for s, _f in STAGE_ENDS]
        rows, start = [], self.registration_opens_on
        for stage, field in STAGE_ENDS:
            end = getattr(self, field)
            if end is None:
                continue
            if current == Stage.SELESAI or (current in order and order.index(stage) < order.index(current)):
                state = "selesai"
            elif stage == current:
                state = "berjalan"
            else:
                state = "akan_datang"
            rows.append((stage, start, end, state))
            start = end + datetime.timedelta(days=1)
        return rows

    def time_zone_for(self, agency):
        return province_time_zone(agency.province.code if agency is not None and agency.province_id else "")

    def window_for(self, agency):
        """(opens, closes) as aware datetimes in the agency's own zone."""
        zone = zoneinfo.ZoneInfo(self.time_zone_for(agency))
        opens = datetime.datetime.combine(self.registration_opens_on, datetime.time(0, 0), tzinfo=zone)
        closes = datetime.datetime.combine(self.registration_closes_on, self.closing_time, tzinfo=zone)
        return opens, closes

    def group_config(self, group):
        return next((g for g in self.groups.all() if g.group == group), None)


class EditionGroup(models.Model):
    edition = ParentalKey(Edition, on_delete=models.CASCADE, related_name="groups")
    group = models.CharField(_("kelompok"), max_length=10, choices=Group.choices)
    cap_per_agency = models.PositiveSmallIntegerField(_("batas proposal per instansi"), default=10)
    min_implementation_years = models.PositiveSmallIntegerField(_("usia implementasi minimum (tahun)"), default=2)
    shortlist_size = models.PositiveSmallIntegerField(_("jumlah Top"), default=99,
                                                      help_text=_("Berapa proposal kelompok ini masuk Top 99."))
    by_invitation = models.BooleanField(_("hanya undangan"), default=False)

    panels = [FieldRowPanel([FieldPanel("group"), FieldPanel("cap_per_agency"), FieldPanel("min_implementation_years"),
                             FieldPanel("shortlist_size"), FieldPanel("by_invitation")])]

    class Meta:
        constraints = [models.UniqueConstraint(fields=["edition", "group"], name="one_config_per_group")]
        verbose_name = _("kelompok edisi")

    def __str__(self):
        return self.get_group_display()


class AwardPlace(models.Model):
    """How many places of an award tier a group gives (part 2: Top 45, Top 5 Replikasi, OA)."""

    edition = ParentalKey(Edition, on_delete=models.CASCADE, related_name="award_places")
    group = models.CharField(_("kelompok"), max_length=10, choices=Group.choices)
    tier = models.ForeignKey("innovations.AwardTier", on_delete=models.PROTECT, related_name="+", verbose_name=_("tingkat"))
    places = models.PositiveSmallIntegerField(_("jumlah"))

    panels = [FieldRowPanel([FieldPanel("group"), FieldPanel("tier"), FieldPanel("places")])]

    class Meta:
        constraints = [models.UniqueConstraint(fields=["edition", "group", "tier"], name="one_place_per_tier")]


class Invitation(models.Model):
    """An agency invited to a by-invitation group (Kelompok Khusus)."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="invitations")
    group = models.CharField(_("kelompok"), max_length=10, choices=Group.choices, default=Group.KHUSUS)
    agency = models.ForeignKey("agencies.Agency", on_delete=models.CASCADE, related_name="+", verbose_name=_("instansi"))

    class Meta:
        constraints = [models.UniqueConstraint(fields=["edition", "group", "agency"], name="one_invitation")]
        verbose_name = _("undangan kelompok khusus")
        verbose_name_plural = _("undangan kelompok khusus")

    def __str__(self):
        return f"{self.agency} — {self.edition}"


class Instrument(ClusterableModel):
    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="instruments", verbose_name=_("edisi"))
    group = models.CharField(_("kelompok"), max_length=10, choices=Group.choices)
    title = models.CharField(_("judul"), max_length=255)
    scale_min = models.PositiveSmallIntegerField(_("skor terendah"), default=0)
    scale_max = models.PositiveSmallIntegerField(_("skor tertinggi"), default=10)
    is_example = models.BooleanField(_("contoh"), default=False)

    panels = [
        FieldRowPanel([FieldPanel("edition"), FieldPanel("group")]), FieldPanel("title"),
        FieldRowPanel([FieldPanel("scale_min"), FieldPanel("scale_max"), FieldPanel("is_example")]),
        InlinePanel("aspects", heading=_("Aspek"), label=_("Aspek"), min_num=1),
    ]

    class Meta:
        constraints = [models.UniqueConstraint(fields=["edition", "group"], name="one_competition_instrument_per_group")]
        verbose_name = _("instrumen proposal")
        verbose_name_plural = _("instrumen proposal")

    def __str__(self):
        return f"{self.edition} — {self.get_group_display()}"

    def clean(self):
        if self.scale_max <= self.scale_min:
            raise ValidationError(_("Skor tertinggi harus lebih besar dari skor terendah."))


class Aspect(models.Model):
    instrument = ParentalKey(Instrument, on_delete=models.CASCADE, related_name="aspects")
    sort_order = models.PositiveIntegerField(default=0, editable=False)
    name = models.CharField(_("aspek"), max_length=255)
    weight = models.DecimalField(_("bobot (%)"), max_digits=5, decimal_places=2,
                                 validators=[MinValueValidator(0), MaxValueValidator(100)])
    word_limit = models.PositiveIntegerField(_("batas kata"), null=True, blank=True)
    guidance = models.TextField(_("panduan"), blank=True)
    evidence = models.CharField(_("data dukung yang diperlukan"), max_length=500, blank=True)

    panels = [FieldRowPanel([FieldPanel("name"), FieldPanel("weight"), FieldPanel("word_limit")]),
              FieldPanel("guidance"), FieldPanel("evidence")]

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("aspek")

    def __str__(self):
        return self.name

    @property
    def needs_evidence(self):
        return bool(self.evidence.strip())


class Status(models.TextChoices):
    DRAF = "draf", _("Draf")
    DIAJUKAN = "diajukan", _("Diajukan")
    DIKEMBALIKAN = "dikembalikan", _("Dikembalikan untuk perbaikan")
    LOLOS_ADMINISTRASI = "lolos_administrasi", _("Lolos seleksi administrasi")
    TIDAK_LOLOS_ADMINISTRASI = "gagal_administrasi", _("Tidak lolos seleksi administrasi")
    TOP = "top", _("Top 99")
    TIDAK_TOP = "tidak_top", _("Tidak masuk Top 99")
    # part 2
    FINALIS = "finalis", _("Finalis")
    PEMENANG = "pemenang", _("Inovasi terbaik")
    GUGUR = "gugur", _("Gugur di tahap final")


EDITABLE_STATUSES = (Status.DRAF, Status.DIKEMBALIKAN)


def normalise_title(title):
    return re.sub(r"[^0-9a-z]+", " ", (title or "").lower()).strip()


def sk_path(instance, filename):
    return f"kompetisi/{instance.edition_id}/sk/{uuid.uuid4().hex}/{os.path.basename(filename)}"


def evidence_path(instance, filename):
    return f"kompetisi/{instance.proposal.edition_id}/bukti/{uuid.uuid4().hex}/{os.path.basename(filename)}"


class Proposal(models.Model):
    edition = models.ForeignKey(Edition, on_delete=models.PROTECT, related_name="proposals", verbose_name=_("edisi"))
    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="competition_proposals",
                               verbose_name=_("instansi"))
    group = models.CharField(_("kelompok"), max_length=10, choices=Group.choices, default=Group.UMUM)
    category = models.ForeignKey("innovations.Category", on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="+", verbose_name=_("kategori"))
    title = models.CharField(_("judul inovasi"), max_length=255)
    title_key = models.CharField(max_length=255, editable=False)
    sdgs = models.ManyToManyField("innovations.SDG", blank=True, related_name="+", verbose_name=_("SDG"))
    implementation_start = models.DateField(_("mulai diterapkan"), null=True, blank=True)
    sk_document = models.FileField(_("SK inisiator"), upload_to=sk_path, blank=True, max_length=255)
    video_url = models.URLField(_("tautan video"), blank=True)
    service_unit = models.ForeignKey("agencies.ServiceUnit", on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+", verbose_name=_("unit pelayanan"))
    contact_name = models.CharField(_("narahubung"), max_length=150, blank=True)
    contact_email = models.EmailField(_("email narahubung"), blank=True)
    contact_phone = models.CharField(_("telepon narahubung"), max_length=50, blank=True)
    innovation = models.ForeignKey("innovations.InnovationPage", on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="competition_proposals", verbose_name=_("inovasi di katalog"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAF)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(_("diajukan"), null=True, blank=True)
    total = models.DecimalField(_("nilai"), max_digits=5, decimal_places=2, null=True, blank=True)
    spread = models.DecimalField(_("selisih penilai"), max_digits=5, decimal_places=2, null=True, blank=True)
    flagged = models.BooleanField(_("perbedaan nilai besar"), default=False)
    moderation_note = models.TextField(_("keputusan koordinator"), blank=True)
    moderated_at = models.DateTimeField(null=True, blank=True)
    rank = models.PositiveIntegerField(_("peringkat"), null=True, blank=True)
    selected = models.BooleanField(_("dipilih ke Top 99"), default=False)
    override_reason = models.TextField(_("alasan penyimpangan dari peringkat"), blank=True)

    class Meta:
        ordering = ["edition", "group", "rank", "title"]
        verbose_name = _("proposal")
        verbose_name_plural = _("proposal")
        constraints = [
            models.UniqueConstraint(fields=["edition", "title_key"], name="unique_proposal_title_per_edition"),
        ]
        indexes = [
            models.Index(fields=["edition", "status"]),
            models.Index(fields=["edition", "agency"]),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.title_key = normalise_title(self.title)
        if kwargs.get("update_fields") is not None and "title" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "title_key"}
        super().save(*args, **kwargs)

    @property
    def is_editable(self):
        return self.status in EDITABLE_STATUSES


class AspectText(models.Model):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="texts")
    aspect = models.ForeignKey(Aspect, on_delete=models.PROTECT, related_name="texts")
    text = models.TextField(_("isian"), max_length=20000, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["proposal", "aspect"], name="one_text_per_aspect")]


class Evidence(models.Model):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="evidence")
    aspect = models.ForeignKey(Aspect, on_delete=models.PROTECT, related_name="evidence_items")
    label = models.CharField(_("keterangan"), max_length=255, blank=True)
    file = models.FileField(_("berkas"), upload_to=evidence_path, blank=True, max_length=255)
    url = models.URLField(_("tautan"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["aspect", "pk"]
        constraints = [models.CheckConstraint(condition=~models.Q(file="", url=""), name="evidence_has_file_or_url")]


class Action(models.TextChoices):
    DIBUAT = "dibuat", _("Draf dibuat")
    DIAJUKAN = "diajukan", _("Diajukan")
    DIKEMBALIKAN = "dikembalikan", _("Dikembalikan untuk perbaikan")
    LOLOS = "lolos", _("Lolos seleksi administrasi")
    TIDAK_LOLOS = "tidak_lolos", _("Tidak lolos seleksi administrasi")
    DITUGASKAN = "ditugaskan", _("Penilai ditugaskan")
    KONFLIK = "konflik", _("Penilai menyatakan konflik kepentingan")
    DINILAI = "dinilai", _("Dinilai")
    DIMODERASI = "dimoderasi", _("Perbedaan nilai diputuskan")
    DIPILIH = "dipilih", _("Dipilih ke Top 99")
    TIDAK_DIPILIH = "tidak_dipilih", _("Tidak dipilih ke Top 99")
    DIUMUMKAN = "diumumkan", _("Hasil diumumkan")
    # part 2 (competitions.finals, objections, awards)
    DIJADWALKAN = "dijadwalkan", _("Presentasi dijadwalkan")
    JADWAL_DIKONFIRMASI = "jadwal_dikonfirmasi", _("Jadwal presentasi dikonfirmasi instansi")
    PANEL_DITUGASKAN = "panel_ditugaskan", _("Tim Panel Independen ditugaskan")
    DINILAI_PANEL = "dinilai_panel", _("Dinilai Tim Panel Independen")
    WAWANCARA_DIMODERASI = "wawancara_moderasi", _("Perbedaan nilai wawancara diputuskan")
    DIVERIFIKASI = "diverifikasi", _("Verifikasi lapangan dilaporkan")
    DIGUGURKAN = "digugurkan", _("Digugurkan dari tahap final")
    DIPULIHKAN = "dipulihkan", _("Keputusan gugur dibatalkan")
    KEBERATAN = "keberatan", _("Keberatan publik diputuskan")
    DITETAPKAN = "ditetapkan", _("Ditetapkan sebagai pemenang")
    PENETAPAN_DIBATALKAN = "penetapan_batal", _("Penetapan pemenang dibatalkan")
    DIUSULKAN = "diusulkan", _("Diusulkan ke KIPP nasional")


class ProposalStep(models.Model):
    """One decision on a proposal: who, when, why. Append-only (never updated or deleted)."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="steps")
    action = models.CharField(_("tindakan"), max_length=20, choices=Action.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    actor_name = models.CharField(max_length=255, blank=True)
    note = models.TextField(_("alasan"), blank=True)
    visible_to_agency = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("riwayat proposal")

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValidationError(_("Riwayat proposal tidak dapat diubah."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(_("Riwayat proposal tidak dapat dihapus."))


class Conflict(models.Model):
    """An evaluator's declared conflict of interest with an agency."""

    evaluator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="competition_conflicts")
    agency = models.ForeignKey("agencies.Agency", on_delete=models.CASCADE, related_name="+", verbose_name=_("instansi"))
    note = models.CharField(_("keterangan"), max_length=255, blank=True)

    panels = [FieldPanel("evaluator"), FieldPanel("agency"), FieldPanel("note")]

    class Meta:
        constraints = [models.UniqueConstraint(fields=["evaluator", "agency"], name="one_conflict_per_agency")]
        verbose_name = _("konflik kepentingan penilai")
        verbose_name_plural = _("konflik kepentingan penilai")

    def __str__(self):
        return f"{self.evaluator} — {self.agency}"


class Assignment(models.Model):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="assignments")
    evaluator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="competition_assignments")
    is_tiebreak = models.BooleanField(_("penilai ketiga"), default=False)
    deadline = models.DateField(
        _("batas penilaian"), null=True, blank=True,
        help_text=_("Kosong: batas penilaian proposal edisi (bergeser bila tanggal edisi diubah)."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["proposal", "evaluator"], name="one_assignment_per_evaluator")]
        indexes = [models.Index(fields=["evaluator", "completed_at"])]

    def due_on(self, edition):
        """The day this evaluation is due: its own deadline, else the edition's."""
        return self.deadline or edition.evaluation_closes_on

    def is_overdue(self, edition, today=None):
        return self.completed_at is None and (today or timezone.localdate()) > self.due_on(edition)


class Score(models.Model):
    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="scores")
    aspect = models.ForeignKey(Aspect, on_delete=models.PROTECT, related_name="scores")
    score = models.PositiveSmallIntegerField(_("skor"))
    note = models.TextField(_("catatan"), max_length=3000, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["assignment", "aspect"], name="one_competition_score_per_aspect")]


from .finals_models import (  # noqa: F401 -- part 2 models live in their own module
    Decree,
    FieldVisit,
    FieldVisitPhoto,
    Forwarding,
    Interview,
    InterviewCriterion,
    Objection,
    PanelAssignment,
    PanelScore,
    Winner,
)
