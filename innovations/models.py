"""The innovation catalogue: innovation pages, their taxonomies and their award history.

An ``InnovationPage`` sits under its ``HubPage`` so permissions follow the tree. Facts that
are lists in the real programmes (awards, source identifiers, SDGs, categories) are rows,
not text, because one innovation can win several awards and arrive from several programmes.
"""
import datetime
import re

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import Prefetch, prefetch_related_objects
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import Tag, TaggedItemBase
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from core import figures as stored_figures
from core.client_ip import client_ip
from core.page_cache import figures
from core.page_mixins import ChooserTitleMixin
from core.pagination import PAGE_PARAM, page_of
from core.visibility import CachedRestrictionsMixin, PortalPageManager
from hubs.membership import attach_hubs, count_by_path_prefix, hub_of_page
from outbox import service as outbox

from .contact import ContactInnovatorForm, allow_message
from .filters import CatalogueFilter
from .forms import InnovationPageForm
from .tasks import CONTACT_KIND

FIRST_YEAR = 1990


def current_year():
    return datetime.date.today().year


def validate_not_future_year(value):
    if value > current_year():
        raise ValidationError(_("Tahun tidak boleh melewati tahun berjalan."))


# --- Taxonomies (managed by national administrators) ------------------------------------


def _in_language(name, name_en):
    """A taxonomy name in the interface language (English only when chosen and filled in)."""
    if name_en and (get_language() or "").split("-")[0] == "en":
        return name_en
    return name


class Category(models.Model):
    """Kategori/klaster. A managed list because KIPP changes its categories year to year."""

    name = models.CharField(_("nama"), max_length=150, unique=True)
    name_en = models.CharField(
        _("nama (bahasa Inggris)"), max_length=150, blank=True,
        help_text=_("Ditampilkan kepada pengunjung yang memilih bahasa Inggris; kosong berarti nama Indonesia."),
    )
    slug = models.SlugField(_("slug"), max_length=150, unique=True)
    description = models.TextField(_("keterangan"), blank=True)
    is_active = models.BooleanField(
        _("aktif"), default=True, help_text=_("Kategori nonaktif tetap tampil pada inovasi lama.")
    )

    panels = [FieldPanel("name"), FieldPanel("name_en"), FieldPanel("slug"), FieldPanel("description"),
              FieldPanel("is_active")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("kategori")
        verbose_name_plural = _("kategori")

    def __str__(self):
        return self.label

    @property
    def label(self):
        """The name in the interface language: English when chosen and filled in."""
        return _in_language(self.name, self.name_en)


class SDG(models.Model):
    """One of the 17 Sustainable Development Goals (TPB), by its Indonesian name."""

    number = models.PositiveSmallIntegerField(
        _("nomor"), unique=True, validators=[MinValueValidator(1), MaxValueValidator(17)]
    )
    name = models.CharField(_("nama"), max_length=150)
    name_en = models.CharField(
        _("nama (bahasa Inggris)"), max_length=150, blank=True,
        help_text=_("Nama resmi tujuan dalam bahasa Inggris, untuk pengunjung yang memilih bahasa Inggris."),
    )
    color = models.CharField(_("warna"), max_length=7, default="#4c9f38")

    panels = [FieldPanel("number"), FieldPanel("name"), FieldPanel("name_en"), FieldPanel("color")]

    class Meta:
        ordering = ["number"]
        verbose_name = _("tujuan pembangunan berkelanjutan (SDG)")
        verbose_name_plural = _("tujuan pembangunan berkelanjutan (SDG)")

    def __str__(self):
        return f"{self.number}. {self.label}"

    @property
    def label(self):
        return _in_language(self.name, self.name_en)


class AwardProgramme(models.TextChoices):
    KIPP = "kipp", _("KIPP (KemenPANRB)")
    IGA = "iga", _("IGA (Kemendagri)")
    UNPSA = "unpsa", _("UNPSA (PBB)")
    LABINOV = "labinov", _("Labinov (LAN)")
    LAINNYA = "lainnya", _("Lainnya")


class AwardTier(models.Model):
    """An award level such as Top 99, Top 45 or Outstanding Achievement."""

    name = models.CharField(_("nama"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    programme = models.CharField(_("program"), max_length=10, choices=AwardProgramme.choices)
    rank = models.PositiveSmallIntegerField(
        _("urutan"), default=100, help_text=_("Makin kecil makin tinggi (untuk urutan tampilan).")
    )

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("programme"), FieldPanel("rank")]

    class Meta:
        ordering = ["rank", "name"]
        verbose_name = _("tingkat penghargaan")
        verbose_name_plural = _("tingkat penghargaan")

    def __str__(self):
        return self.name


# --- The innovation page ----------------------------------------------------------------


class SourceProgramme(models.TextChoices):
    KIPP = "kipp", _("KIPP/SINOVIK (KemenPANRB)")
    IGA = "iga", _("IGA/IID (Kemendagri)")
    LABINOV = "labinov", _("Labinov/InoLAN (LAN)")
    HUB = "hub", _("Hub JIPP")
    LAINNYA = "lainnya", _("Lainnya")


class InnovationType(models.TextChoices):
    DIGITAL = "digital", _("Digital")
    NON_DIGITAL = "non_digital", _("Non-digital")


class Stage(models.TextChoices):
    INISIATIF = "inisiatif", _("Inisiatif")
    UJI_COBA = "uji_coba", _("Uji coba")
    PENERAPAN = "penerapan", _("Penerapan")


class SustainabilityStatus(models.TextChoices):
    BERLANJUT_PENGEMBANGAN = "berlanjut_pengembangan", _("Berlanjut dengan pengembangan")
    BERLANJUT = "berlanjut", _("Berlanjut")
    VAKUM = "vakum", _("Vakum")
    BERHENTI = "berhenti", _("Berhenti")
    BELUM_DIVERIFIKASI = "belum_diverifikasi", _("Belum diverifikasi")


class FundingSource(models.TextChoices):
    APBN = "apbn", _("APBN")
    APBD = "apbd", _("APBD")
    BUMN_BUMD = "bumn_bumd", _("Anggaran BUMN/BUMD")
    CSR = "csr", _("CSR/kemitraan")
    SWADAYA = "swadaya", _("Swadaya masyarakat")
    TANPA_BIAYA = "tanpa_biaya", _("Tanpa biaya tambahan")
    LAINNYA = "lainnya", _("Lainnya")


class InnovationTag(TaggedItemBase):
    content_object = ParentalKey(
        "innovations.InnovationPage", related_name="tagged_items", on_delete=models.CASCADE
    )


NARRATIVE_SECTIONS = [
    ("background", _("Latar belakang")),
    ("objectives", _("Tujuan")),
    ("novelty", _("Kebaruan dan nilai tambah")),
    ("implementation", _("Implementasi")),
    ("impact", _("Dampak dan hasil")),
    ("resources", _("Sumber daya")),
    ("sustainability", _("Strategi keberlanjutan")),
    ("replication_potential", _("Potensi replikasi")),
    ("challenges", _("Tantangan")),
    ("lessons_learned", _("Pembelajaran")),
]


class InnovationPage(CachedRestrictionsMixin, ChooserTitleMixin, RoutablePageMixin, Page):
    objects = PortalPageManager()  # public() from the cached view restrictions (core/visibility.py)

    acronym = models.CharField(
        _("akronim/nama singkat"), max_length=60, blank=True, help_text=_("Misalnya SADELPOS.")
    )
    summary = models.TextField(
        _("ringkasan"), max_length=2000, help_text=_("Ringkasan kurasi, paling banyak 200 kata.")
    )
    agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.PROTECT, related_name="innovations",
        verbose_name=_("instansi pemilik"),
    )
    service_unit = models.ForeignKey(
        "agencies.ServiceUnit", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="innovations", verbose_name=_("unit pelayanan (UPP)"),
    )
    province = models.ForeignKey(
        "regions.Province", on_delete=models.PROTECT, null=True, blank=True,
        related_name="innovations", verbose_name=_("provinsi"),
        help_text=_("Kosong berarti mengikuti instansi; kosong untuk inovasi berskala nasional."),
    )
    regency = models.ForeignKey(
        "regions.Regency", on_delete=models.PROTECT, null=True, blank=True,
        related_name="innovations", verbose_name=_("kabupaten/kota"),
    )
    year_started = models.PositiveSmallIntegerField(
        _("tahun mulai diterapkan"),
        validators=[MinValueValidator(FIRST_YEAR), validate_not_future_year],
    )
    innovation_type = models.CharField(
        _("jenis inovasi"), max_length=12, choices=InnovationType.choices,
        default=InnovationType.NON_DIGITAL,
    )
    stage = models.CharField(_("tahapan"), max_length=10, choices=Stage.choices, default=Stage.PENERAPAN)
    sustainability_status = models.CharField(
        _("status keberlanjutan"), max_length=25, choices=SustainabilityStatus.choices,
        default=SustainabilityStatus.BELUM_DIVERIFIKASI,
    )
    last_verified = models.DateField(_("terakhir diverifikasi"), null=True, blank=True)
    #: A copy of the live ``title`` on this table, kept by ``save()`` and ``innovations.bulk``:
    #: the catalogue's orders (year then title, title, verification then title) need one
    #: index over both columns, so a page of the list reads 20 index entries instead of
    #: sorting every match (``title`` lives on Wagtail's ``wagtailcore_page``).
    sort_title = models.CharField(max_length=255, blank=True, default="", editable=False)
    categories = ParentalManyToManyField(Category, blank=True, related_name="innovations", verbose_name=_("kategori"))
    sdgs = ParentalManyToManyField(SDG, blank=True, related_name="innovations", verbose_name=_("SDG"))
    tags = ClusterTaggableManager(through=InnovationTag, blank=True, verbose_name=_("tag"))
    featured = models.BooleanField(_("unggulan di beranda"), default=False)
    demo_text = models.CharField(
        _("teks contoh demo"), max_length=10, blank=True, choices=[
            ("sebagian", _("Fakta dari data publik, narasi contoh")), ("semua", _("Seluruhnya contoh")),
        ],
        help_text=_("Diisi oleh seed_demo; halaman menampilkan satu keterangan bahwa teksnya contoh."),
    )

    background = RichTextField(_("latar belakang"), blank=True)
    objectives = RichTextField(_("tujuan"), blank=True)
    novelty = RichTextField(_("kebaruan dan nilai tambah"), blank=True)
    implementation = RichTextField(_("implementasi"), blank=True)
    impact = RichTextField(_("dampak dan hasil"), blank=True)
    resources = RichTextField(_("sumber daya"), blank=True)
    sustainability = RichTextField(_("strategi keberlanjutan"), blank=True)
    replication_potential = RichTextField(_("potensi replikasi"), blank=True)
    challenges = RichTextField(_("tantangan"), blank=True)
    lessons_learned = RichTextField(_("pembelajaran"), blank=True)

    budget_amount = models.DecimalField(
        _("biaya (Rupiah)"), max_digits=16, decimal_places=0, null=True, blank=True,
        validators=[MinValueValidator(0)],
    )
    funding_source = models.CharField(_("sumber dana"), max_length=12, choices=FundingSource.choices, blank=True)

    innovator_name = models.CharField(_("nama inovator/tim"), max_length=255, blank=True)
    contact_email = models.EmailField(
        _("email kontak"), blank=True,
        help_text=_("Tidak ditampilkan ke publik; pengunjung menghubungi lewat formulir."),
    )
    contact_phone = models.CharField(_("telepon kontak"), max_length=50, blank=True)

    image = models.ForeignKey(
        "wagtailimages.Image", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("gambar utama"),
    )
    video_url = models.URLField(_("video (YouTube)"), blank=True)

    # English versions written by editors; shown to visitors who chose English, each field
    # falling back to the original when empty (see ``translated``).
    title_en = models.CharField(_("judul (bahasa Inggris)"), max_length=255, blank=True)
    summary_en = models.TextField(_("ringkasan (bahasa Inggris)"), max_length=2000, blank=True)
    background_en = RichTextField(_("latar belakang (bahasa Inggris)"), blank=True)
    objectives_en = RichTextField(_("tujuan (bahasa Inggris)"), blank=True)
    novelty_en = RichTextField(_("kebaruan dan nilai tambah (bahasa Inggris)"), blank=True)
    implementation_en = RichTextField(_("implementasi (bahasa Inggris)"), blank=True)
    impact_en = RichTextField(_("dampak dan hasil (bahasa Inggris)"), blank=True)
    resources_en = RichTextField(_("sumber daya (bahasa Inggris)"), blank=True)
    sustainability_en = RichTextField(_("strategi keberlanjutan (bahasa Inggris)"), blank=True)
    replication_potential_en = RichTextField(_("potensi replikasi (bahasa Inggris)"), blank=True)
    challenges_en = RichTextField(_("tantangan (bahasa Inggris)"), blank=True)
    lessons_learned_en = RichTextField(_("pembelajaran (bahasa Inggris)"), blank=True)

    base_form_class = InnovationPageForm
    parent_page_types = ["hubs.HubPage"]
    subpage_types = []

    content_panels = Page.content_panels + [
        FieldPanel("acronym"),
        FieldPanel("summary"),
        FieldPanel("image"),
        MultiFieldPanel(
            [
                FieldPanel("agency"),
                FieldPanel("service_unit"),
                FieldRowPanel([FieldPanel("province"), FieldPanel("regency")]),
            ],
            heading=_("Pemilik dan wilayah"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("year_started"), FieldPanel("innovation_type"), FieldPanel("stage")]),
                FieldRowPanel([FieldPanel("sustainability_status"), FieldPanel("last_verified")]),
                FieldPanel("categories"),
                FieldPanel("sdgs"),
                FieldPanel("tags"),
                FieldPanel("featured"),
            ],
            heading=_("Fakta"),
        ),
        InlinePanel("sources", heading=_("Sumber data"), label=_("sumber")),
        InlinePanel("awards", heading=_("Riwayat penghargaan"), label=_("penghargaan")),
    ]
    narrative_panels = [FieldPanel(name) for name, _label in NARRATIVE_SECTIONS]
    english_panels = [
        FieldPanel("title_en"), FieldPanel("summary_en"),
        *[FieldPanel(f"{name}_en") for name, _label in NARRATIVE_SECTIONS],
    ]
    resource_panels = [
        FieldRowPanel([FieldPanel("budget_amount"), FieldPanel("funding_source")]),
        MultiFieldPanel(
            [FieldPanel("innovator_name"), FieldPanel("contact_email"), FieldPanel("contact_phone")],
            heading=_("Inovator"),
        ),
        FieldPanel("video_url"),
        InlinePanel("gallery_images", heading=_("Galeri"), label=_("gambar")),
        InlinePanel("documents", heading=_("Dokumen"), label=_("dokumen")),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Profil")),
            ObjectList(narrative_panels, heading=_("Narasi")),
            ObjectList(resource_panels, heading=_("Sumber daya dan media")),
            ObjectList(english_panels, heading=_("Bahasa Inggris")),
            ObjectList(Page.promote_panels, heading=_("Promosi")),
            ObjectList(Page.settings_panels, heading=_("Pengaturan")),
        ]
    )

    search_fields = Page.search_fields + [
        index.SearchField("acronym", boost=3),
        index.AutocompleteField("acronym"),
        index.SearchField("summary", boost=2),
        index.SearchField("background"),
        index.SearchField("implementation"),
        index.SearchField("impact"),
        index.RelatedFields("agency", [index.SearchField("name"), index.SearchField("abbreviation")]),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.FilterField("year_started"),
        index.FilterField("sustainability_status"),
    ]

    class Meta:
        verbose_name = _("inovasi")
        verbose_name_plural = _("inovasi")
        # one per order of innovations.filters.SORTS (the list reads the first rows of one);
        # "terverifikasi" (NULLS LAST, which SQLite's indexes refuse) is migration 0007's, on
        # PostgreSQL only
        indexes = [
            models.Index(fields=["-featured", "-year_started", "sort_title"], name="innovation_featured_order"),
            models.Index(fields=["-year_started", "sort_title"], name="innovation_newest_order"),
            models.Index(fields=["sort_title"], name="innovation_title_order"),
        ]

    def __str__(self):
        return self.title

    #: languages editors can write a version in (besides the original, Indonesian)
    TRANSLATED_LANGUAGES = ("en",)

    def translated(self, name):
        """(text, language) of field ``name`` for the visitor's language: the editor's version
        when one is written, else the original (its language is then the portal's default)."""

        language = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
        if language in self.TRANSLATED_LANGUAGES:
            value = getattr(self, f"{name}_{language}", "")
            if value:
                return value, language
        return getattr(self, name), settings.LANGUAGE_CODE

    @property
    def display_title(self):
        title = self.translated("title")[0]
        if self.acronym and self.acronym.lower() not in title.lower():
            return f"{self.acronym}: {title}"
        return title

    @property
    def title_language(self):
        return self.translated("title")[1]

    @property
    def display_summary(self):
        return self.translated("summary")[0]

    @property
    def summary_language(self):
        return self.translated("summary")[1]

    def save(self, *args, **kwargs):
        self.sort_title = self.title
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "title" in update_fields:
            kwargs["update_fields"] = {*update_fields, "sort_title"}
        return super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        errors = {}
        if self.service_unit_id and self.agency_id and self.service_unit.agency_id != self.agency_id:
            errors["service_unit"] = _("Unit pelayanan ini bukan milik instansi yang dipilih.")
        if self.agency_id:
            if not self.province_id and self.agency.province_id:
                self.province_id = self.agency.province_id
            if not self.regency_id and self.agency.regency_id and self.province_id == self.agency.province_id:
                self.regency_id = self.agency.regency_id
        if self.regency_id and self.province_id and self.regency.province_id != self.province_id:
            errors["regency"] = _("Kabupaten/kota tidak berada di provinsi yang dipilih.")
        if self.last_verified and self.last_verified > datetime.date.today():
            errors["last_verified"] = _("Tanggal verifikasi tidak boleh di masa depan.")
        if errors:
            raise ValidationError(errors)

    # --- Reading helpers used by listings (one query set per list, never per row) -------

    @classmethod
    def for_listing(cls, queryset):
        """Attach everything a card shows so a list page runs a fixed number of queries."""
        return queryset.select_related(
            "agency", "province", "image"
        ).prefetch_related(
            "image__renditions",
            Prefetch("awards", queryset=InnovationAward.objects.select_related("tier").order_by("tier__rank", "-year")),
            "tags",
            "categories",  # the card's illustration (and the API's category list)
        )

    @classmethod
    def public_count(cls):
        """How many innovations are live and public: the unfiltered catalogue's total (home's
        headline figure, the API's ``count``), read from the stored catalogue figures
        (core/figures.py), since counting 100,000 rows costs a scan."""
        return stored_figures.total()

    @classmethod
    def count_by_hub(cls, hubs):
        """Live public innovations per hub id, read from the stored catalogue figures (a grouped
        scan of the catalogue, 145 ms of the API's hub list at 100,000, paid once per change
        instead of per render); hubs at another depth than the stored counts are counted here."""
        if not hubs:
            return {}  # before .public(), which queries the view restrictions
        step = len(hubs[0].path)  # hubs are siblings: equally long paths
        by_path = stored_figures.count_by_hub_path(step)
        if by_path is None:
            by_path = figures(f"innovations-by-hub:{step}",
                              lambda: count_by_path_prefix(cls.objects.live().public(), step))
        return {hub.pk: by_path.get(hub.path, 0) for hub in hubs}

    def narrative(self):
        """The filled narrative sections in display order, in the visitor's language where an
        editor wrote it: [(label, html, language)]."""
        sections = [(label, *self.translated(name)) for name, label in NARRATIVE_SECTIONS]
        return [(label, html, language) for label, html, language in sections if html]

    @property
    def youtube_id(self):
        match = re.search(r"(?:youtu\.be/|v=|embed/|shorts/)([A-Za-z0-9_-]{11})", self.video_url or "")
        return match.group(1) if match else None

    @path("")
    def detail(self, request):
        return self.render(request)

    @path("cetak/", name="print")
    def print_view(self, request):
        """One printable page for sharing in meetings: facts, summary and short excerpts."""
        # only what the sheet shows: not the similar innovations, gallery or documents
        context = {
            "page": self, "self": self, "request": request, "hub": hub_of_page(self),
            "awards": self.awards.select_related("tier").order_by("-year", "tier__rank"),
            # the address the reader reached the site by, not the Site record's (``localhost:80``
            # after set-up): a printed sheet must send people somewhere that works
            "page_address": request.build_absolute_uri(self.get_url(request)),
        }
        return TemplateResponse(request, "innovations/innovation_print.html", context)

    @path("kontak/", name="contact")
    def contact(self, request):
        """Forward a message to the innovator (by Celery) without exposing their email."""
        if not self.contact_email:
            messages.info(request, gettext("Inovasi ini belum mencantumkan kontak inovator."))
            return redirect(self.url)
        form = ContactInnovatorForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            if not allow_message(client_ip(request)):
                form.add_error(None, gettext("Terlalu banyak pesan dari alamat Anda. Coba lagi dalam satu jam."))
            else:
                data = form.cleaned_data
                text = data["message"]
                if data["organisation"]:
                    text = f"{text}\n\n— {data['organisation']}"
                # recorded with the answer: a dead broker or mail relay delays it, never loses it
                with transaction.atomic():
                    outbox.add(CONTACT_KIND, {"innovation_id": self.pk, "sender_name": data["name"],
                                              "sender_email": data["email"], "message": text})
                messages.success(request, gettext("Pesan Anda telah dikirim ke inovator."))
                return redirect(self.url)
        return TemplateResponse(
            request, "innovations/contact.html", {"page": self, "self": self, "form": form}
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # lazy: the template keeps these parts in {% fragment %}s, a stored part reads none of them
        context["hub"] = SimpleLazyObject(lambda: hub_of_page(self))
        context["awards"] = SimpleLazyObject(lambda: self.prefetch_for_display().awards.all())
        context["sources"] = self.sources.all()
        context["gallery"] = self.gallery_images.select_related("image").prefetch_related("image__renditions")
        context["documents"] = self.documents.select_related("document")
        context["status_records"] = self.status_records.all()
        return context

    def prefetch_for_display(self):
        """Read the tags and awards once for the page and its structured metadata
        (opendata_tags reads page.tags/awards); returns the page."""
        if not getattr(self, "_display_prefetched", False):
            prefetch_related_objects([self], "tags", Prefetch(
                "awards", queryset=InnovationAward.objects.select_related("tier").order_by("-year", "tier__rank")))
            self._display_prefetched = True
        return self

    #: a record whose status was last verified longer ago than this is marked as stale publicly
    STALE_AFTER_DAYS = 730

    @property
    def verification_stale(self):
        """True when the status was verified more than 24 months ago (pemutakhiran is due)."""
        return self.last_verified is not None and \
            (datetime.date.today() - self.last_verified).days > self.STALE_AFTER_DAYS


class InnovationSource(Orderable):
    """The innovation's identifier in a source programme (SINOVIK id, IID id, ...)."""

    innovation = ParentalKey(InnovationPage, on_delete=models.CASCADE, related_name="sources")
    programme = models.CharField(_("program sumber"), max_length=10, choices=SourceProgramme.choices)
    identifier = models.CharField(_("ID di program sumber"), max_length=100, blank=True)

    panels = [FieldRowPanel([FieldPanel("programme"), FieldPanel("identifier")])]

    class Meta(Orderable.Meta):
        verbose_name = _("sumber data")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "identifier"],
                condition=~models.Q(identifier=""),
                name="unique_source_identifier",
            )
        ]

    def __str__(self):
        return f"{self.get_programme_display()} {self.identifier}".strip()


class InnovationAward(Orderable):
    innovation = ParentalKey(InnovationPage, on_delete=models.CASCADE, related_name="awards")
    tier = models.ForeignKey(AwardTier, on_delete=models.PROTECT, related_name="awards", verbose_name=_("tingkat"))
    year = models.PositiveSmallIntegerField(
        _("tahun"), validators=[MinValueValidator(2004), validate_not_future_year]
    )
    note = models.CharField(_("catatan"), max_length=255, blank=True)

    panels = [FieldRowPanel([FieldPanel("tier"), FieldPanel("year")]), FieldPanel("note")]

    class Meta(Orderable.Meta):
        verbose_name = _("penghargaan")
        verbose_name_plural = _("penghargaan")

    def __str__(self):
        return f"{self.tier} {self.year}"


class InnovationGalleryImage(Orderable):
    innovation = ParentalKey(InnovationPage, on_delete=models.CASCADE, related_name="gallery_images")
    image = models.ForeignKey("wagtailimages.Image", on_delete=models.CASCADE, related_name="+", verbose_name=_("gambar"))
    caption = models.CharField(_("keterangan"), max_length=255, blank=True)

    panels = [FieldPanel("image"), FieldPanel("caption")]


class InnovationDocument(Orderable):
    innovation = ParentalKey(InnovationPage, on_delete=models.CASCADE, related_name="documents")
    document = models.ForeignKey("wagtaildocs.Document", on_delete=models.CASCADE, related_name="+", verbose_name=_("dokumen"))
    title = models.CharField(_("judul"), max_length=255, blank=True)

    panels = [FieldPanel("document"), FieldPanel("title")]


class InnovationIndexPage(CachedRestrictionsMixin, ChooserTitleMixin, RoutablePageMixin, Page):
    """The national catalogue at /inovasi/, with combinable filters and tag pages."""

    intro = RichTextField(_("pengantar"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["core.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("katalog inovasi")

    @path("")
    def catalogue(self, request):
        return self._render_catalogue(request, CatalogueFilter(request.GET))

    @path("tag/<str:tag_slug>/", name="tag")
    def tag(self, request, tag_slug):
        tag = Tag.objects.filter(slug=tag_slug).first()
        if tag is None:
            raise Http404
        params = request.GET.copy()
        params.setlist("tag", [tag.slug])
        return self._render_catalogue(request, CatalogueFilter(params), tag=tag)

    def _render_catalogue(self, request, catalogue_filter, tag=None):
        prepared = {}

        def prepare():
            # lazy: the template keeps the results and facets in a {% fragment %}; a stored one
            # (same address, same generation) counts and reads nothing
            if not prepared:
                live = InnovationPage.objects.live().public()
                # the unfiltered counts and total are stored between changes (core/figures.py)
                stored = stored_figures.catalogue()
                catalogue_filter.counts(live, stored=stored["facets"])
                queryset = catalogue_filter.apply(live)
                per_page = catalogue_filter.per_page(settings.CATALOGUE_PAGE_SIZES)
                paginator = Paginator(InnovationPage.for_listing(queryset), per_page)
                # no COUNT over the whole catalogue: stored, or from the filters' bitsets
                total = stored["total"] if not catalogue_filter.is_active else catalogue_filter.filtered_total()
                if total is not None:
                    paginator.count = total
                page = page_of(paginator, request.GET.get(PAGE_PARAM))
                page.object_list = attach_hubs(page.object_list)
                prepared["page"] = page
            return prepared

        context = self.get_context(request)
        download = catalogue_filter.params.copy()
        for key in ("halaman", "per_halaman"):
            download.pop(key, None)
        context.update(
            {
                "download_query": download.urlencode(),
                "filter": SimpleLazyObject(lambda: prepare() and catalogue_filter),
                "results": SimpleLazyObject(lambda: prepare()["page"]),
                "tag": tag,
                "page_sizes": settings.CATALOGUE_PAGE_SIZES,
            }
        )
        return TemplateResponse(request, "innovations/innovation_index_page.html", context)


class StatusRecord(models.Model):
    """One verification of an innovation's sustainability status: a PKRI result or a data
    refresh (pemutakhiran). The page shows them as its status timeline; the current status
    stays on the page itself."""

    class Source(models.TextChoices):
        PKRI = "pkri", _("PKRI")
        PEMUTAKHIRAN = "pemutakhiran", _("Pemutakhiran data")
        ADMIN = "admin", _("Admin")

    innovation = models.ForeignKey(InnovationPage, on_delete=models.CASCADE, related_name="status_records")
    status = models.CharField(_("status keberlanjutan"), max_length=25, choices=SustainabilityStatus.choices)
    verified_on = models.DateField(_("tanggal verifikasi"))
    source = models.CharField(_("sumber"), max_length=15, choices=Source.choices)
    label = models.CharField(_("keterangan"), max_length=255, blank=True, help_text=_("Misalnya PKRI 2024."))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["verified_on", "pk"]
        verbose_name = _("riwayat status keberlanjutan")
        verbose_name_plural = _("riwayat status keberlanjutan")
