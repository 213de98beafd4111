"""The fixed page tree built by core.site_setup.ensure_site_structure and the page-type rules."""
import pytest
from wagtail.models import Page, Site
from wagtail.test.utils import WagtailPageTestCase

from core.models import HomePage, StandardPage
from core.site_setup import ensure_site_structure
from hubs.models import HubIndexPage, HubPage
from innovations.models import InnovationIndexPage, InnovationPage
from news.models import ArticleIndexPage, ArticlePage, EventIndexPage, EventPage, NewsIndexPage, NewsPage


@pytest.mark.django_db
def test_site_structure():
    pages = ensure_site_structure()
    home = pages["home"]
    assert home.slug == "beranda" and home.depth == 2
    site = Site.objects.get(is_default_site=True)
    assert site.root_page_id == home.pk
    assert Page.objects.filter(depth=2).count() == 1  # Wagtail's welcome page is gone
    urls = {key: page.url for key, page in pages.items()}
    assert urls == {
        "home": "/", "catalogue": "/inovasi/", "hubs": "/hub/", "news": "/berita/", "events": "/agenda/",
        "articles": "/artikel/", "national_hub": "/hub/nasional/",
    }
    assert pages["national_hub"].hub_type == HubPage.HubType.NASIONAL
    assert all(page.live for page in pages.values())
    assert all(pages[key].show_in_menus for key in ("catalogue", "hubs", "news", "events", "articles"))


@pytest.mark.django_db
def test_site_structure_is_idempotent():
    first = {key: page.pk for key, page in ensure_site_structure().items()}
    count = Page.objects.count()
    second = {key: page.pk for key, page in ensure_site_structure().items()}
    assert first == second
    assert Page.objects.count() == count
    assert Page.find_problems() == ([], [], [], [], [])


class PageTreeRulesTests(WagtailPageTestCase):
    def test_hubs_hold_the_content(self):
        self.assertAllowedParentPageTypes(HubPage, {HubIndexPage})
        self.assertAllowedSubpageTypes(HubPage, {InnovationPage, NewsPage, EventPage, ArticlePage})
        for model in (InnovationPage, NewsPage, EventPage, ArticlePage):
            self.assertAllowedParentPageTypes(model, {HubPage})
            self.assertAllowedSubpageTypes(model, set())

    def test_home_holds_the_sections(self):
        self.assertAllowedSubpageTypes(
            HomePage,
            {HubIndexPage, InnovationIndexPage, NewsIndexPage, EventIndexPage, ArticleIndexPage, StandardPage},
        )
        self.assertCanNotCreateAt(HomePage, InnovationPage)
        self.assertCanNotCreateAt(InnovationIndexPage, InnovationPage)
        self.assertCanCreateAt(HubPage, InnovationPage)
        self.assertCanCreateAt(StandardPage, StandardPage)
