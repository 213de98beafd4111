"""Build the fixed part of the page tree: home, section indexes and the national hub.

Idempotent, and shared by ``seed_demo`` and the tests so both see the same structure.
"""
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.models import Page, Site

from hubs.models import HubIndexPage, HubPage
from innovations.models import InnovationIndexPage
from news.models import ArticleIndexPage, EventIndexPage, NewsIndexPage

from .models import HomePage

SECTION_SLUGS = {"hubs": "hub", "catalogue": "inovasi", "news": "berita", "events": "agenda", "articles": "artikel"}


@transaction.atomic
def ensure_site_structure():
    root = Page.get_first_root_node()
    home = HomePage.objects.first()
    if home is None:
        home = root.add_child(
            instance=HomePage(
                title="JIPPNas",
                slug="beranda",
                hero_title=_("Jaringan Inovasi Pelayanan Publik Nasional"),
                hero_text=_(
                    "Tempat instansi pemerintah berbagi, mencari, dan mereplikasi inovasi "
                    "pelayanan publik terbaik dari seluruh Indonesia."
                ),
            )
        )
        Site.objects.update_or_create(
            is_default_site=True,
            defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "JIPPNas"},
        )
        # Wagtail's installer leaves a "Welcome" page; our home replaces it.
        Page.objects.filter(depth=2).exclude(pk=home.pk).filter(
            content_type__app_label="wagtailcore"
        ).delete()
        home.refresh_from_db()

    def section(model, key, title):
        page = model.objects.child_of(home).first()
        if page is None:
            page = home.add_child(instance=model(title=title, slug=SECTION_SLUGS[key], show_in_menus=True))
        return page

    pages = {
        "home": home,
        "catalogue": section(InnovationIndexPage, "catalogue", _("Katalog Inovasi")),
        "hubs": section(HubIndexPage, "hubs", _("Hub JIPP")),
        "news": section(NewsIndexPage, "news", _("Berita")),
        "events": section(EventIndexPage, "events", _("Agenda")),
        "articles": section(ArticleIndexPage, "articles", _("Praktik Baik")),
    }
    national = HubPage.objects.filter(hub_type=HubPage.HubType.NASIONAL).first()
    if national is None:
        national = pages["hubs"].add_child(
            instance=HubPage(
                title=_("Hub Nasional JIPPNas"),
                slug="nasional",
                hub_type=HubPage.HubType.NASIONAL,
                summary=_(
                    "Rumah bagi inovasi dari instansi pusat dan daerah yang belum memiliki Hub JIPP, "
                    "dikurasi oleh admin nasional."
                ),
                coordinating_unit="Deputi Bidang Pelayanan Publik, Kementerian PANRB",
            )
        )
    pages["national_hub"] = national
    return pages
