"""Government agencies (instansi), their public-service units (UPP) and their staff.

An innovation always belongs to one agency and usually to one of its units; agency editors
act for exactly one agency, which is what limits them to their own innovations.
"""
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.search import index


class AgencyType(models.TextChoices):
    KEMENTERIAN = "kementerian", _("Kementerian")
    LEMBAGA = "lembaga", _("Lembaga")
    PEMPROV = "pemprov", _("Pemerintah Provinsi")
    PEMKAB = "pemkab", _("Pemerintah Kabupaten")
    PEMKOT = "pemkot", _("Pemerintah Kota")
    BUMN = "bumn", _("BUMN")
    BUMD = "bumd", _("BUMD")
    LAINNYA = "lainnya", _("Lainnya")


REGIONAL_TYPES = {AgencyType.PEMPROV, AgencyType.PEMKAB, AgencyType.PEMKOT, AgencyType.BUMD}


class Agency(index.Indexed, models.Model):
    name = models.CharField(_("nama"), max_length=255, unique=True)
    abbreviation = models.CharField(_("singkatan"), max_length=50, blank=True)
    slug = models.SlugField(_("slug"), max_length=255, unique=True, blank=True)
    agency_type = models.CharField(_("jenis instansi"), max_length=20, choices=AgencyType.choices)
    province = models.ForeignKey(
        "regions.Province",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agencies",
        verbose_name=_("provinsi"),
        help_text=_("Kosongkan untuk instansi pusat (kementerian, lembaga, BUMN)."),
    )
    regency = models.ForeignKey(
        "regions.Regency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agencies",
        verbose_name=_("kabupaten/kota"),
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("instansi induk"),
    )
    address = models.TextField(_("alamat"), blank=True)
    phone = models.CharField(_("telepon"), max_length=50, blank=True)
    email = models.EmailField(_("email"), blank=True)
    website = models.URLField(_("situs web"), blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("logo"),
    )
    is_active = models.BooleanField(_("aktif"), default=True)

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("abbreviation"), FieldPanel("agency_type")]),
        FieldRowPanel([FieldPanel("province"), FieldPanel("regency")]),
        FieldPanel("parent"),
        MultiFieldPanel(
            [FieldPanel("address"), FieldPanel("phone"), FieldPanel("email"), FieldPanel("website")],
            heading=_("Kontak"),
        ),
        FieldPanel("logo"),
        FieldPanel("is_active"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("abbreviation"),
        index.FilterField("agency_type"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("instansi")
        verbose_name_plural = _("instansi")

    def __str__(self):
        return self.name

    def clean(self):
        if self.agency_type in REGIONAL_TYPES and not self.province_id:
            raise ValidationError({"province": _("Instansi daerah wajib memiliki provinsi.")})
        if self.agency_type in {AgencyType.PEMKAB, AgencyType.PEMKOT} and not self.regency_id:
            raise ValidationError(
                {"regency": _("Pemerintah kabupaten/kota wajib memiliki kabupaten/kota.")}
            )
        if self.regency_id and self.province_id and self.regency.province_id != self.province_id:
            raise ValidationError(
                {"regency": _("Kabupaten/kota tidak berada di provinsi yang dipilih.")}
            )
        if self.parent_id and self.parent_id == self.pk:
            raise ValidationError({"parent": _("Instansi tidak boleh menjadi induk dirinya.")})

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Agency, self.abbreviation or self.name, self.pk)
        if self.regency_id and not self.province_id:
            self.province_id = self.regency.province_id
        super().save(*args, **kwargs)


def unique_slug(model, text, exclude_pk=None, max_length=255):
    base = slugify(text)[: max_length - 6] or "instansi"
    slug, n = base, 2
    while model.objects.filter(slug=slug).exclude(pk=exclude_pk).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


class ServiceUnit(models.Model):
    """Unit Pelayanan Publik (UPP): the unit of an agency that runs an innovation."""

    agency = models.ForeignKey(
        Agency, on_delete=models.CASCADE, related_name="service_units", verbose_name=_("instansi")
    )
    name = models.CharField(_("nama unit"), max_length=255)
    description = models.TextField(_("keterangan"), blank=True)

    panels = [FieldPanel("agency"), FieldPanel("name"), FieldPanel("description")]

    class Meta:
        ordering = ["agency__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "name"], name="unique_unit_per_agency")
        ]
        verbose_name = _("unit pelayanan publik (UPP)")
        verbose_name_plural = _("unit pelayanan publik (UPP)")

    def __str__(self):
        return f"{self.name} — {self.agency.abbreviation or self.agency.name}"


class AgencyMembership(models.Model):
    """Ties a portal user to the one agency they act for (Admin Lokal / UPP account)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="agency_membership",
        verbose_name=_("pengguna"),
    )
    agency = models.ForeignKey(
        Agency, on_delete=models.CASCADE, related_name="members", verbose_name=_("instansi")
    )

    panels = [FieldPanel("user"), FieldPanel("agency")]

    class Meta:
        verbose_name = _("anggota instansi")
        verbose_name_plural = _("anggota instansi")

    def __str__(self):
        return f"{self.user} — {self.agency}"


def agency_addresses(agency):
    """Where mail for an agency goes: its own address and those of the active users acting for it."""
    from django.contrib.auth import get_user_model

    emails = set(
        get_user_model().objects.filter(agency_membership__agency=agency, is_active=True)
        .exclude(email="").values_list("email", flat=True)
    )
    if agency.email:
        emails.add(agency.email)
    return emails


def agency_for_user(user):
    """The agency a user acts for, or None (national admins and coordinators act for none)."""
    if not user.is_authenticated:
        return None
    membership = getattr(user, "agency_membership", None)
    return membership.agency if membership else None
