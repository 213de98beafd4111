"""RSS and Atom feeds: new innovations (national, per hub, per tag) and news.

Items are live, public pages, newest first, at most ``FEED_SIZE``; one query for the items
and one per related table, whatever the size."""
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from hubs.models import HubPage
from innovations.models import InnovationPage
from news.models import NewsPage

FEED_SIZE = 50


class InnovationFeed(Feed):
    """``/umpan/inovasi/`` (optionally ``?hub=<slug>`` or ``?tag=<slug>``)."""

    description = _("Inovasi pelayanan publik terbaru di JIPPNas.")

    def get_object(self, request, kind=None, slug=None):
        from taggit.models import Tag

        self.request = request
        if kind == "hub":
            hub = HubPage.objects.live().public().filter(slug=slug).first()
            if hub is None:
                raise Http404
            return ("hub", hub)
        if kind == "tag":
            tag = Tag.objects.filter(slug=slug).first()
            if tag is None:
                raise Http404
            return ("tag", tag)
        if kind is not None:
            raise Http404  # only hub and tag feeds exist
        return None

    def title(self, obj):
        if obj is None:
            return _("Inovasi terbaru — JIPPNas")
        kind, value = obj
        return _("Inovasi terbaru: %(name)s — JIPPNas") % {"name": value.title if kind == "hub" else f"#{value.name}"}

    def link(self, obj):
        if obj is None:
            return "/inovasi/"
        kind, value = obj
        return value.url if kind == "hub" else f"/inovasi/tag/{value.slug}/"

    def items(self, obj):
        pages = InnovationPage.objects.live().public().select_related("agency")
        if obj is not None:
            kind, value = obj
            pages = pages.descendant_of(value) if kind == "hub" else pages.filter(tags__slug=value.slug)
        return pages.order_by("-first_published_at", "-pk")[:FEED_SIZE]

    def item_title(self, item):
        return item.display_title

    def item_description(self, item):
        return f"{item.agency.name}. {item.summary}"

    def item_link(self, item):
        return item.url

    def item_pubdate(self, item):
        return item.first_published_at


class InnovationAtomFeed(InnovationFeed):
    feed_type = Atom1Feed
    subtitle = InnovationFeed.description


class NewsFeed(Feed):
    title = _("Berita JIPPNas")
    link = "/berita/"
    description = _("Berita jaringan inovasi pelayanan publik.")

    def items(self):
        return NewsPage.objects.live().public().order_by("-date", "-pk")[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return getattr(item, "summary", "") or ""

    def item_link(self, item):
        return item.url

    def item_pubdate(self, item):
        return item.first_published_at


class NewsAtomFeed(NewsFeed):
    feed_type = Atom1Feed
    subtitle = NewsFeed.description
