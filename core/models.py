"""The home page and plain content pages."""
from django.db import models
from django.db.models import F
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from core import figures as stored_figures
from core.page_mixins import ChooserTitleMixin
from core.visibility import CachedRestrictionsMixin
from hubs.membership import attach_hubs
from innovations.models import InnovationIndexPage, InnovationPage
from news.models import EventPage, NewsPage


class HomePage(CachedRestrictionsMixin, ChooserTitleMixin, Page):
    """Front door: what the network is, headline numbers, latest and featured work, events."""

    hero_title = models.CharField(_("judul utama"), max_length=200, blank=True)
    hero_text = models.TextField(_("teks pembuka"), blank=True)
    body = RichTextField(_("tentang jaringan"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("hero_title"),
        FieldPanel("hero_text"),
        FieldPanel("body"),
    ]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "hubs.HubIndexPage",
        "innovations.InnovationIndexPage",
        "news.NewsIndexPage",
        "news.EventIndexPage",
        "news.ArticleIndexPage",
        "core.StandardPage",
    ]
    max_count = 1

    class Meta:
        verbose_name = _("beranda")

    def get_context(self, request, *args, **kwargs):
        # lazy: the template keeps the page's content in one {% fragment %}, a stored one reads none
        context = super().get_context(request, *args, **kwargs)
        innovations = InnovationPage.objects.live().public()
        # catalogue-wide figures are stored between changes (core/figures.py): one small query
        context["stats"] = SimpleLazyObject(stored_figures.headline_counts)
        context["latest"] = SimpleLazyObject(lambda: attach_hubs(
            # newest first; pages written without a publication time (bulk data) by id
            InnovationPage.for_listing(innovations.order_by(F("first_published_at").desc(nulls_last=True), "-pk"))[:6]
        ))
        context["featured"] = SimpleLazyObject(lambda: attach_hubs(
            InnovationPage.for_listing(innovations.filter(featured=True).order_by("-year_started"))[:3]
        ))
        context["events"] = SimpleLazyObject(lambda: list(EventPage.upcoming(EventPage.objects.live().public())[:3]))
        context["news"] = SimpleLazyObject(lambda: list(NewsPage.for_listing(NewsPage.objects.live().public())[:3]))
        context["catalogue"] = SimpleLazyObject(lambda: InnovationIndexPage.objects.live().first())
        context["by_year"] = SimpleLazyObject(stored_figures.by_year)
        return context


class StandardPage(CachedRestrictionsMixin, ChooserTitleMixin, Page):
    """A plain content page (Tentang JIPPNas, Panduan, Pernyataan Aksesibilitas...)."""

    intro = models.TextField(_("pengantar"), blank=True)
    body = RichTextField(_("isi"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["core.HomePage", "core.StandardPage"]
    subpage_types = ["core.StandardPage"]

    class Meta:
        verbose_name = _("halaman biasa")


class StoredFigures(models.Model):
    """Catalogue-wide figures kept between changes (core/figures.py): one row per set, its
    value the figures as JSON and the page cache generation they were computed under."""

    name = models.CharField(max_length=50, unique=True)
    value = models.JSONField()
    generation = models.BigIntegerField()
    computed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("angka tersimpan")
        verbose_name_plural = _("angka tersimpan")

    def __str__(self):
        return self.name
