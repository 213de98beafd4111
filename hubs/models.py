"""Hub JIPP pages.

Every innovation, news item and event lives under exactly one ``HubPage``, so Wagtail's
tree permissions give a hub's coordinators their region and nothing else. Places that are
not (yet) hubs are curated by the national hub (``hub_type = nasional``).
"""
from django.conf import settings
from django.core.paginator import Paginator
from django.db import models
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from core import figures as stored_figures
from core.files import validate_evidence_file
from core.page_mixins import ChooserTitleMixin
from core.pagination import PAGE_PARAM, page_of
from core.visibility import CachedRestrictionsMixin, PortalPageManager, TypedChildRouteMixin


class HubIndexPage(TypedChildRouteMixin, CachedRestrictionsMixin, ChooserTitleMixin, Page):
    intro = RichTextField(_("pengantar"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["core.HomePage"]
    subpage_types = ["hubs.HubPage"]
    route_child_models = ("hubs.HubPage",)  # one query per hub route (core/visibility.py)
    max_count = 1

    class Meta:
        verbose_name = _("daftar hub")

    def get_context(self, request, *args, **kwargs):
        from innovations.models import InnovationPage
        from news.models import EventPage
        from replication.selectors import count_of_hubs as replication_counts

        from .membership import count_by_hub

        context = super().get_context(request, *args, **kwargs)

        def hubs_with_counts():
            # Every hub's path first (a join driven by the hubs' own small table), then the
            # hubs by path: with only the live, depth and path filters on the page table,
            # PostgreSQL merge-joined the hubs in page id order and read all 100,000 pages past
            # the last hub (36 ms at 100,000 innovations; 0.3 ms by path).
            paths = list(HubPage.objects.order_by().values_list("path", flat=True))
            hubs = list(
                HubPage.objects.live()
                .public()
                .child_of(self)
                .filter(path__in=paths)
                .select_related("province", "agency", "image")
                .prefetch_related("image__renditions")
                .order_by("-hub_type", "title")
            )
            counts = InnovationPage.count_by_hub(hubs)
            replications = replication_counts(hubs)
            events = count_by_hub(EventPage.objects.live().public(), hubs) if hubs else {}
            for hub in hubs:
                hub.innovation_count = counts.get(hub.pk, 0)
                hub.replication_count = replications.get(hub.pk, 0)
                hub.event_count = events.get(hub.pk, 0)
            return hubs

        # lazy: the template keeps the list in a {% fragment %}, a stored one reads nothing
        context["hubs"] = SimpleLazyObject(hubs_with_counts)
        return context


class HubPage(TypedChildRouteMixin, CachedRestrictionsMixin, ChooserTitleMixin, Page):
    objects = PortalPageManager()  # public() from the cached view restrictions (core/visibility.py)
    route_child_models = ("innovations.InnovationPage",)  # most of a hub's pages (core/visibility.py)

    class HubType(models.TextChoices):
        NASIONAL = "nasional", _("Nasional")
        PROVINSI = "provinsi", _("Pemerintah Provinsi")
        KL = "kl", _("Kementerian/Lembaga")

    hub_type = models.CharField(
        _("jenis hub"), max_length=10, choices=HubType.choices, default=HubType.PROVINSI
    )
    agency = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="hubs",
        verbose_name=_("instansi pengampu"),
        help_text=_("Pemerintah provinsi atau K/L yang ditetapkan sebagai Hub JIPP."),
    )
    province = models.OneToOneField(
        "regions.Province",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="hub",
        verbose_name=_("provinsi"),
    )
    summary = models.TextField(_("ringkasan"), max_length=600, blank=True)
    body = RichTextField(_("profil hub"), blank=True)
    decree = models.CharField(
        _("keputusan penetapan"),
        max_length=200,
        blank=True,
        help_text=_("Misalnya KepmenPANRB Nomor 305 Tahun 2024."),
    )
    year_joined = models.PositiveSmallIntegerField(_("tahun bergabung"), null=True, blank=True)
    coordinating_unit = models.CharField(
        _("unit koordinator"), max_length=255, blank=True, help_text=_("Biro Organisasi, Bapperida, Brida…")
    )
    mentor_university = models.CharField(_("perguruan tinggi pendamping"), max_length=255, blank=True)
    spokes = ParentalManyToManyField(
        "agencies.Agency", blank=True, related_name="spoke_of", verbose_name=_("spoke (instansi anggota)")
    )
    portal_url = models.URLField(_("portal inovasi daerah"), blank=True)
    contact_address = models.TextField(_("alamat sekretariat"), blank=True)
    contact_email = models.EmailField(_("email sekretariat"), blank=True)
    contact_phone = models.CharField(_("telepon sekretariat"), max_length=50, blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("gambar"),
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("image"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("hub_type"), FieldPanel("province")]),
                FieldPanel("agency"),
                FieldRowPanel([FieldPanel("decree"), FieldPanel("year_joined")]),
                FieldRowPanel([FieldPanel("coordinating_unit"), FieldPanel("mentor_university")]),
                FieldPanel("portal_url"),
            ],
            heading=_("Penetapan dan koordinasi"),
        ),
        FieldPanel("spokes"),
        MultiFieldPanel(
            [FieldPanel("contact_address"), FieldPanel("contact_email"), FieldPanel("contact_phone")],
            heading=_("Kontak"),
        ),
    ]
    search_fields = Page.search_fields + [index.SearchField("summary")]
    parent_page_types = ["hubs.HubIndexPage"]
    subpage_types = [
        "innovations.InnovationPage",
        "news.NewsPage",
        "news.EventPage",
        "news.ArticlePage",
    ]

    #: read with the page when routing to it (core/visibility.py): the facts list shows both
    route_related = ("agency", "province")

    class Meta:
        verbose_name = _("hub")
        verbose_name_plural = _("hub")

    @property
    def locator_map(self):
        """The static picture of where the hub works (scripts/build_locator_maps.py): its
        province picked out on the map of Indonesia, or the whole country for the national and
        ministry hubs. Shown where the hub has no photo of its own."""
        code = self.province.code if self.province_id and self.hub_type == self.HubType.PROVINSI else "nasional"
        return f"maps/lokasi/{code}.svg"

    def get_context(self, request, *args, **kwargs):
        from innovations.models import InnovationPage
        from news.models import EventPage, NewsPage

        context = super().get_context(request, *args, **kwargs)
        innovations = InnovationPage.objects.live().public().descendant_of(self).order_by(
            "-year_started", "sort_title"
        )

        def listing():
            paginator = Paginator(InnovationPage.for_listing(innovations), 12)
            # the hub's total is among the stored catalogue figures (core/figures.py) when it has
            # live public innovations: no COUNT over its rows (51 ms for a hub at 100,000)
            stored = stored_figures.unfiltered_facets().get("hub", {}).get(self.slug) if self.live else None
            if stored:
                paginator.count = stored
            return page_of(paginator, request.GET.get(PAGE_PARAM))

        # lazy: the template keeps the page's content in one {% fragment %}, a stored one reads none;
        # the heading's total is the paginator's count (one COUNT for both)
        context["innovations_page"] = page = SimpleLazyObject(listing)
        context["innovation_total"] = SimpleLazyObject(lambda: page.paginator.count)
        context["news"] = SimpleLazyObject(lambda: list(
            NewsPage.for_listing(NewsPage.objects.live().public().descendant_of(self))[:4]
        ))
        context["events"] = SimpleLazyObject(lambda: list(
            EventPage.upcoming(EventPage.objects.live().public().descendant_of(self))[:4]
        ))
        context["spoke_list"] = SimpleLazyObject(lambda: list(
            self.spokes.select_related("regency").order_by("agency_type", "name")
        ))
        return context


class HubRoles(models.Model):
    """The groups, media collection and moderation workflow that belong to one hub.

    Kept off ``HubPage`` on purpose: page fields are stored in revisions, and publishing an
    old revision must never unlink a hub from its coordinators.
    """

    hub = models.OneToOneField(HubPage, on_delete=models.CASCADE, related_name="roles")
    coordinators = models.OneToOneField(
        "auth.Group", on_delete=models.PROTECT, related_name="coordinated_hub", verbose_name=_("koordinator")
    )
    agency_editors = models.OneToOneField(
        "auth.Group", on_delete=models.PROTECT, related_name="edited_hub", verbose_name=_("editor instansi")
    )
    collection = models.OneToOneField(
        "wagtailcore.Collection", on_delete=models.PROTECT, related_name="hub_roles"
    )
    workflow = models.OneToOneField(
        "wagtailcore.Workflow", on_delete=models.PROTECT, related_name="hub_roles"
    )

    class Meta:
        verbose_name = _("peran hub")
        verbose_name_plural = _("peran hub")

    def __str__(self):
        return str(self.hub)


# --- designation: invitation, statement of willingness, decree, history --------------------

class HubInvitation(models.Model):
    """KemenPANRB invites a province or a ministry to become a Hub JIPP."""

    class Status(models.TextChoices):
        DIUNDANG = "diundang", _("Diundang")
        BERSEDIA = "bersedia", _("Menyatakan kesediaan")
        DITETAPKAN = "ditetapkan", _("Ditetapkan")

    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="hub_invitations",
                               verbose_name=_("instansi yang diundang"))
    letter_number = models.CharField(_("nomor surat undangan"), max_length=120)
    invited_on = models.DateField(_("tanggal undangan"))
    respond_by = models.DateField(_("batas tanggapan"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DIUNDANG)
    hub = models.OneToOneField(HubPage, on_delete=models.SET_NULL, null=True, blank=True, related_name="invitation",
                               verbose_name=_("hub yang ditetapkan"))

    panels = [FieldPanel("agency"), FieldRowPanel([FieldPanel("letter_number"), FieldPanel("invited_on"),
                                                   FieldPanel("respond_by")])]

    class Meta:
        ordering = ["-invited_on", "pk"]
        verbose_name = _("undangan hub")
        verbose_name_plural = _("undangan hub")

    def __str__(self):
        return f"{self.agency} ({self.get_status_display()})"


class WillingnessStatement(models.Model):
    """The invited agency's pernyataan kesediaan: a signed letter, its coordinating unit and a contact."""

    invitation = models.OneToOneField(HubInvitation, on_delete=models.CASCADE, related_name="statement")
    signed_letter = models.FileField(_("surat pernyataan bertanda tangan"), upload_to="hub/kesediaan/%Y/",
                                     validators=[validate_evidence_file])
    coordinating_unit = models.CharField(_("unit koordinator"), max_length=255)
    contact_name = models.CharField(_("nama narahubung"), max_length=150)
    contact_email = models.EmailField(_("email narahubung"))
    contact_phone = models.CharField(_("telepon narahubung"), max_length=50)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    submitted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("pernyataan kesediaan")
        verbose_name_plural = _("pernyataan kesediaan")

    def __str__(self):
        return str(self.invitation.agency)


class HubDesignation(models.Model):
    """The ministry's decree designating an invited agency as a hub. Saving it in the admin
    creates the hub page with its roles and workflow (``hubs.designation.designate``)."""

    invitation = models.OneToOneField(HubInvitation, on_delete=models.PROTECT, related_name="designation",
                                      verbose_name=_("undangan"),
                                      limit_choices_to={"status": HubInvitation.Status.BERSEDIA})
    decree_number = models.CharField(_("nomor keputusan"), max_length=200,
                                     help_text=_("Misalnya KepmenPANRB Nomor 305 Tahun 2024."))
    decree_date = models.DateField(_("tanggal keputusan"))

    panels = [FieldPanel("invitation"), FieldRowPanel([FieldPanel("decree_number"), FieldPanel("decree_date")])]

    class Meta:
        verbose_name = _("penetapan hub")
        verbose_name_plural = _("penetapan hub")

    def __str__(self):
        return self.decree_number

    def clean(self):
        invitation = HubInvitation.objects.filter(pk=self.invitation_id).first()
        if invitation is not None and invitation.status != HubInvitation.Status.BERSEDIA:
            from django.core.exceptions import ValidationError

            raise ValidationError({"invitation": _("Instansi ini belum menyatakan kesediaan atau sudah ditetapkan.")})


class HubHistory(models.Model):
    """What happened to a hub's designation: designated, renewed, ended; by which decree."""

    class Kind(models.TextChoices):
        DITETAPKAN = "ditetapkan", _("Ditetapkan")
        DIPERPANJANG = "diperpanjang", _("Diperpanjang")
        BERAKHIR = "berakhir", _("Berakhir")

    hub = models.ForeignKey(HubPage, on_delete=models.CASCADE, related_name="history", verbose_name=_("hub"))
    kind = models.CharField(_("peristiwa"), max_length=12, choices=Kind.choices)
    decree_number = models.CharField(_("nomor keputusan"), max_length=200, blank=True)
    date = models.DateField(_("tanggal"))
    note = models.CharField(_("catatan"), max_length=500, blank=True)

    panels = [FieldPanel("hub"), FieldRowPanel([FieldPanel("kind"), FieldPanel("date")]), FieldPanel("decree_number"),
              FieldPanel("note")]

    class Meta:
        ordering = ["hub", "date", "pk"]
        verbose_name = _("riwayat hub")
        verbose_name_plural = _("riwayat hub")

    def __str__(self):
        return f"{self.hub}: {self.get_kind_display()} {self.date}"
