"""Generated text is labelled once on each page that shows it, and only on a portal that holds
the demo; pages of real data never carry the line."""
import re

import pytest

from competitions.models import Edition
from innovations.factories import InnovationPageFactory
from news.models import EventPage, NewsPage
from pkri.models import Cycle
from replication.models import Replication

pytestmark = pytest.mark.django_db


def _notices(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return len(re.findall(r'class="notice demo-text"', response.content.decode()))


def test_each_page_with_generated_text_says_so_once(demo, client):
    replication = Replication.objects.filter(public_since__isnull=False).first()
    cycle = Cycle.objects.order_by("year").first()
    urls = [
        "/", "/inovasi/", "/cari/?q=pelayanan", "/replikasi/", f"/replikasi/{replication.pk}/", "/pkri/",
        f"/pkri/{cycle.year}/", NewsPage.objects.live().first().url, EventPage.objects.live().first().url,
        "/hub/sulawesi-utara/", "/berita/", "/agenda/", "/kompetisi/",
        f"/kompetisi/{Edition.objects.order_by('pk').first().slug}/", "/kematangan/",
    ]
    for url in urls:
        assert _notices(client, url) == 1, url


def test_a_portal_without_the_demo_shows_no_demo_line(client, site_pages, hub_a, agency_a):
    page = InnovationPageFactory(parent=hub_a, agency=agency_a, title="Samsat Delivery Pos")
    for url in ["/", "/inovasi/", "/replikasi/", "/pkri/", "/hub/sulawesi-utara/", "/berita/", "/agenda/",
                "/kompetisi/", page.url]:
        assert _notices(client, url) == 0, url
