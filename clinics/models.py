"""Registrations for hub events (coaching clinics first): cohorts, participants, attendance,
materials, the report and the mail sent about them.

An event stays a page of ``news`` (what the public reads); everything here is a record of the
process between the organising hub and the agencies that send people, so it lives beside the
page, not in it (see README, "Apps and why they are separate").
"""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.files import validate_evidence_file

TIME_ZONES = [
    ("Asia/Jakarta", "WIB"),
    ("Asia/Makassar", "WITA"),
    ("Asia/Jayapura", "WIT"),
]


class Cohort(models.Model):
    """One angkatan of an event: who is invited, how many places, where and when."""

    event = models.ForeignKey("news.EventPage", on_delete=models.CASCADE, related_name="cohorts",
                              verbose_name=_("agenda"))
    name = models.CharField(_("nama angkatan"), max_length=120)
    invited_provinces = models.ManyToManyField("regions.Province", blank=True, related_name="+",
                                               verbose_name=_("provinsi yang diundang"))
    invited_agencies = models.ManyToManyField("agencies.Agency", blank=True, related_name="+",
                                              verbose_name=_("instansi yang diundang"))
    capacity = models.PositiveIntegerField(_("kapasitas"))
    location = models.CharField(_("tempat"), max_length=255, blank=True)
    online_url = models.URLField(_("tautan daring"), blank=True)
    start = models.DateTimeField(_("mulai"))
    end = models.DateTimeField(_("selesai"), null=True, blank=True)
    time_zone = models.CharField(_("zona waktu"), max_length=20, choices=TIME_ZONES, default="Asia/Jakarta")
    is_open = models.BooleanField(_("pendaftaran dibuka"), default=True)

    class Meta:
        ordering = ["start", "pk"]
        verbose_name = _("angkatan")
        verbose_name_plural = _("angkatan")
        constraints = [models.CheckConstraint(condition=models.Q(capacity__gte=1), name="cohort_has_places")]

    def __str__(self):
        return f"{self.event.title} — {self.name}"

    @property
    def is_invitation_only(self):
        return self.invited_provinces.exists() or self.invited_agencies.exists()

    def invites(self, agency):
        """Whether ``agency`` may send people: anyone when nobody is named, else the named
        agencies and the agencies of the named provinces."""
        if agency is None:
            return False
        agencies = set(self.invited_agencies.values_list("pk", flat=True))
        provinces = set(self.invited_provinces.values_list("pk", flat=True))
        if not agencies and not provinces:
            return True
        return agency.pk in agencies or (agency.province_id is not None and agency.province_id in provinces)


class Registration(models.Model):
    """One participant, sent by one agency. Name, position, unit and address are seen only by
    the agency that sent them and the organiser."""

    class Status(models.TextChoices):
        TERDAFTAR = "terdaftar", _("Terdaftar")
        DIKONFIRMASI = "dikonfirmasi", _("Dikonfirmasi")
        DAFTAR_TUNGGU = "daftar_tunggu", _("Daftar tunggu")
        DIBATALKAN = "dibatalkan", _("Dibatalkan")

    HOLDING = (Status.TERDAFTAR, Status.DIKONFIRMASI)

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="registrations",
                               verbose_name=_("angkatan"))
    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="clinic_registrations",
                               verbose_name=_("instansi"))
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                      related_name="+", verbose_name=_("didaftarkan oleh"))
    name = models.CharField(_("nama"), max_length=150)
    position = models.CharField(_("jabatan"), max_length=150)
    unit = models.CharField(_("unit kerja"), max_length=200)
    email = models.EmailField(_("email"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.TERDAFTAR)
    attended = models.BooleanField(_("hadir"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("pendaftaran")
        verbose_name_plural = _("pendaftaran")
        indexes = [models.Index(fields=["cohort", "status", "created_at"])]

    def __str__(self):
        return f"{self.name} ({self.agency})"

    @property
    def holds_place(self):
        return self.status in self.HOLDING


class Material(models.Model):
    """A file (slides, a scan) or a link (a recording) handed out after the event."""

    class Audience(models.TextChoices):
        PESERTA = "peserta", _("Hanya peserta")
        PUBLIK = "publik", _("Publik")

    event = models.ForeignKey("news.EventPage", on_delete=models.CASCADE, related_name="materials",
                              verbose_name=_("agenda"))
    title = models.CharField(_("judul"), max_length=200)
    file = models.FileField(_("berkas"), upload_to="klinik/materi/%Y/", blank=True,
                            validators=[validate_evidence_file])
    url = models.URLField(_("tautan (rekaman)"), blank=True)
    audience = models.CharField(_("untuk"), max_length=10, choices=Audience.choices, default=Audience.PESERTA)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("materi")
        verbose_name_plural = _("materi")

    def __str__(self):
        return self.title


class Report(models.Model):
    """The organiser's short account of the event; the counts come from attendance."""

    event = models.OneToOneField("news.EventPage", on_delete=models.CASCADE, related_name="clinic_report",
                                 verbose_name=_("agenda"))
    covered = models.TextField(_("materi yang dibahas"), max_length=4000)
    photo = models.ImageField(_("foto"), upload_to="klinik/foto/%Y/", blank=True)
    followup_months = models.PositiveSmallIntegerField(
        _("masa tindak lanjut (bulan)"), default=12,
        help_text=_("Berapa bulan setelah agenda inovasi, replikasi dan kompetisi peserta dihitung."))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("laporan agenda")
        verbose_name_plural = _("laporan agenda")


class ReportPhoto(models.Model):
    """One more photo of the event beside the report's main one (a report shows several)."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(_("foto"), upload_to="klinik/foto/%Y/")

    class Meta:
        ordering = ["pk"]
        verbose_name = _("foto laporan")
        verbose_name_plural = _("foto laporan")

