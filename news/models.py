"""News, events (coaching clinics, sosialisasi, replication forums) and articles.

Each item lives under a hub, so coordinators publish for their region only; the section
index pages under the home page list them across all hubs.
"""
import calendar
import datetime
import zoneinfo

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from core.page_mixins import ChooserTitleMixin
from core.pagination import paginate
from core.visibility import CachedRestrictionsMixin, PortalPageManager
from hubs.membership import hub_of_page, hub_path_of

from .forms import ArticlePageForm, EventPageForm

HUB_CHILD = ["hubs.HubPage"]


class ItemPage(CachedRestrictionsMixin, ChooserTitleMixin, Page):
    """Fields every hub publication shares."""
    objects = PortalPageManager()  # public() from the cached view restrictions (core/visibility.py)


    summary = models.TextField(_("ringkasan"), max_length=600)
    body = RichTextField(_("isi"), blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("gambar"),
    )
    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("body")]
    parent_page_types = HUB_CHILD
    subpage_types = []

    class Meta:
        abstract = True

    @classmethod
    def for_listing(cls, queryset):
        return queryset.select_related("image").prefetch_related("image__renditions")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["hub"] = hub_of_page(self)
        return context


class NewsPage(ItemPage):
    date = models.DateField(_("tanggal"), default=timezone.localdate)

    content_panels = Page.content_panels + [
        FieldPanel("date"), FieldPanel("summary"), FieldPanel("image"), FieldPanel("body"),
    ]

    class Meta:
        verbose_name = _("berita")
        verbose_name_plural = _("berita")

    @classmethod
    def for_listing(cls, queryset):
        return super().for_listing(queryset).order_by("-date", "-pk")


# Indonesia's three time zones by province code (Kemendagri): WIB for Sumatra, Java and West and
# Central Kalimantan; WITA for Bali, the Nusa Tenggaras, South, East and North Kalimantan and
# Sulawesi; WIT for Maluku and Papua. The national hub (no province) keeps WIB.
WITA_PROVINCES = {"51", "52", "53", "63", "64", "65"}
WIT_PREFIXES = ("8", "9")
HUB_TIME_ZONES_KEY = "news:hub-time-zones"


def province_time_zone(code):
    code = code or ""
    if code.startswith(WIT_PREFIXES):
        return "Asia/Jayapura"
    if code in WITA_PROVINCES or code.startswith("7"):
        return "Asia/Makassar"
    return "Asia/Jakarta"


def hub_time_zones():
    """{hub path: time zone name}, one small query cached for an hour (hubs seldom move)."""
    def build():
        from hubs.models import HubPage

        return {path: province_time_zone(code) for path, code in HubPage.objects.values_list("path", "province__code")}
    return cache.get_or_set(HUB_TIME_ZONES_KEY, build, 3600)


def event_time_zone(page_path):
    """The zone of an event at ``page_path`` (under a hub): its hub's province's."""
    return hub_time_zones().get(hub_path_of(page_path), "Asia/Jakarta") if page_path else "Asia/Jakarta"


class EventPage(ItemPage):
    class EventType(models.TextChoices):
        COACHING_CLINIC = "coaching_clinic", _("Coaching clinic")
        SOSIALISASI = "sosialisasi", _("Sosialisasi")
        FORUM_REPLIKASI = "forum_replikasi", _("Forum replikasi (FRIPP)")
        BIMTEK = "bimtek", _("Bimbingan teknis")
        WEBINAR = "webinar", _("Webinar")
        LAINNYA = "lainnya", _("Lainnya")

    event_type = models.CharField(_("jenis kegiatan"), max_length=20, choices=EventType.choices)
    start = models.DateTimeField(_("mulai"))
    end = models.DateTimeField(_("selesai"), null=True, blank=True)
    location = models.CharField(_("tempat"), max_length=255, blank=True)
    online_url = models.URLField(_("tautan daring"), blank=True)
    registration_url = models.URLField(_("tautan pendaftaran"), blank=True)

    base_form_class = EventPageForm
    content_panels = Page.content_panels + [
        FieldPanel("event_type"),
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                FieldPanel("location"),
                FieldPanel("online_url"),
                FieldPanel("registration_url"),
            ],
            heading=_("Waktu dan tempat"),
        ),
        FieldPanel("image"),
        FieldPanel("body"),
    ]

    class Meta:
        verbose_name = _("agenda")
        verbose_name_plural = _("agenda")

    def clean(self):
        super().clean()
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("Waktu selesai tidak boleh sebelum waktu mulai.")})
        if not self.location and not self.online_url:
            raise ValidationError({"location": _("Isi tempat kegiatan atau tautan daring.")})

    @property
    def is_past(self):
        return (self.end or self.start) < timezone.now()

    @property
    def time_zone(self):
        """Where the event happens: its hub's province's zone (an event in Manado is in WITA)."""
        return event_time_zone(self.path)

    @classmethod
    def upcoming(cls, queryset):
        return cls.for_listing(queryset.filter(start__gte=timezone.now() - timezone.timedelta(hours=12))).order_by("start")

    @classmethod
    def past(cls, queryset):
        return cls.for_listing(queryset.filter(start__lt=timezone.now() - timezone.timedelta(hours=12))).order_by("-start")


class ArticlePage(ItemPage):
    """Best practices and lessons learned, written by hubs or the national team."""

    base_form_class = ArticlePageForm

    class Kind(models.TextChoices):
        PRAKTIK_BAIK = "praktik_baik", _("Praktik baik")
        PEMBELAJARAN = "pembelajaran", _("Pembelajaran")
        PANDUAN = "panduan", _("Panduan")

    kind = models.CharField(_("jenis artikel"), max_length=20, choices=Kind.choices, default=Kind.PRAKTIK_BAIK)
    author = models.CharField(_("penulis"), max_length=255, blank=True)
    date = models.DateField(_("tanggal"), default=timezone.localdate)
    related_innovations = ParentalManyToManyField(
        "innovations.InnovationPage", blank=True, related_name="articles", verbose_name=_("inovasi terkait")
    )

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("date")]),
        FieldPanel("author"),
        FieldPanel("summary"),
        FieldPanel("image"),
        FieldPanel("body"),
        FieldPanel("related_innovations"),
    ]

    class Meta:
        verbose_name = _("artikel")
        verbose_name_plural = _("artikel")

    @classmethod
    def for_listing(cls, queryset):
        return super().for_listing(queryset).order_by("-date", "-pk")


class SectionIndexPage(CachedRestrictionsMixin, ChooserTitleMixin, Page):
    """A national listing of one kind of hub publication, newest first, paginated."""

    intro = RichTextField(_("pengantar"), blank=True)
    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["core.HomePage"]
    subpage_types = []
    max_count = 1
    item_model = None
    per_page = 12

    class Meta:
        abstract = True

    def items(self, request):
        return self.item_model.for_listing(self.item_model.objects.live().public())

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["items"] = paginate(request, self.items(request), per_page=self.per_page)
        return context


class NewsIndexPage(SectionIndexPage):
    item_model = NewsPage

    class Meta:
        verbose_name = _("daftar berita")


class EventIndexPage(SectionIndexPage):
    item_model = EventPage

    class Meta:
        verbose_name = _("daftar agenda")

    def filters(self, request):
        """The list's filters from the URL (hub, provinsi, jenis, bulan=YYYY-MM), unknown
        values ignored, and the choices to offer."""
        from hubs.models import HubPage

        hubs = list(HubPage.objects.live().public().select_related("province").order_by("title"))
        chosen = {"hub": None, "province": None, "type": None, "month": None}
        slug = request.GET.get("hub", "")
        chosen["hub"] = next((hub for hub in hubs if hub.slug == slug), None)
        province = request.GET.get("provinsi", "")
        chosen["province"] = next((hub.province for hub in hubs if hub.province and hub.province.slug == province), None)
        if request.GET.get("jenis") in EventPage.EventType.values:
            chosen["type"] = request.GET["jenis"]
        month = request.GET.get("bulan", "")
        if len(month) == 7 and month[4] == "-" and month[:4].isascii() and month[:4].isdigit() \
                and month[5:].isascii() and month[5:].isdigit() and 1 <= int(month[5:]) <= 12 and 2000 <= int(month[:4]) <= 2100:
            chosen["month"] = (int(month[:4]), int(month[5:]))
        return chosen, hubs

    def items(self, request):
        chosen, hubs = self.filters(request)
        queryset = EventPage.objects.live().public()
        if chosen["hub"] is not None:
            queryset = queryset.filter(path__startswith=chosen["hub"].path)
        if chosen["province"] is not None:
            paths = [hub.path for hub in hubs if hub.province_id == chosen["province"].pk]
            queryset = queryset.filter(path__startswith=paths[0]) if paths else queryset.none()
        if chosen["type"]:
            queryset = queryset.filter(event_type=chosen["type"])
        if chosen["month"]:
            year, month = chosen["month"]
            zone = zoneinfo.ZoneInfo("Asia/Jakarta")
            first = datetime.datetime(year, month, 1, tzinfo=zone)
            after = datetime.datetime(year + month // 12, month % 12 + 1, 1, tzinfo=zone)
            return EventPage.for_listing(queryset.filter(start__gte=first, start__lt=after)).order_by("start")
        if request.GET.get("waktu") == "lalu":
            return EventPage.past(queryset)
        return EventPage.upcoming(queryset)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        chosen, hubs = self.filters(request)
        context["showing_past"] = request.GET.get("waktu") == "lalu" and not chosen["month"]
        context["chosen"] = chosen
        context["hub_choices"] = hubs
        context["province_choices"] = sorted({hub.province for hub in hubs if hub.province}, key=lambda p: p.name)
        context["type_choices"] = EventPage.EventType.choices
        context["filtered"] = any(chosen.values())
        if chosen["month"]:
            year, month = chosen["month"]
            by_day = {}
            for event in self.items(request)[:300]:
                local = timezone.localtime(event.start, timezone=zoneinfo.ZoneInfo(event.time_zone))
                by_day.setdefault(local.date(), []).append(event)
            weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
            context["calendar_weeks"] = [[(day, day.month == month, by_day.get(day, [])) for day in week] for week in weeks]
            context["month_value"] = f"{year:04d}-{month:02d}"
            context["month_date"] = datetime.date(year, month, 1)
            previous = (year - 1, 12) if month == 1 else (year, month - 1)
            following = (year + 1, 1) if month == 12 else (year, month + 1)
            context["previous_month"] = f"{previous[0]:04d}-{previous[1]:02d}"
            context["next_month"] = f"{following[0]:04d}-{following[1]:02d}"
        return context


class ArticleIndexPage(SectionIndexPage):
    item_model = ArticlePage

    class Meta:
        verbose_name = _("daftar artikel")

    def get_context(self, request, *args, **kwargs):
        """Before the first article, the section still offers best practices: the award-winning
        innovations of the catalogue (issue 13: no empty sections on a fresh portal)."""
        context = super().get_context(request, *args, **kwargs)
        if not context["items"].paginator.count:
            from hubs.membership import attach_hubs
            from innovations.models import InnovationPage

            awarded = InnovationPage.objects.live().public().filter(awards__isnull=False).distinct()
            context["best_practices"] = attach_hubs(
                InnovationPage.for_listing(awarded.order_by("-featured", "-year_started", "-pk"))[:6]
            )
        return context
