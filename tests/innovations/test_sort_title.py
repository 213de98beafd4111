"""``InnovationPage.sort_title``, the live title copied beside the other sort keys so each
catalogue order reads an index: it must follow the live title however a page is written, or the
catalogue and the API would sort by a stale name."""
import pytest

from agencies.factories import AgencyFactory
from innovations.bulk import NewInnovation, insert_innovations
from innovations.factories import InnovationPageFactory
from innovations.models import InnovationPage

pytestmark = pytest.mark.django_db


def stored(page):
    return InnovationPage.objects.values_list("title", "sort_title").get(pk=page.pk)


def test_follows_the_live_title_not_a_draft(hub_a, agency_a):
    page = InnovationPageFactory(parent=hub_a, agency=agency_a, title="Samsat Keliling")
    assert stored(page) == ("Samsat Keliling", "Samsat Keliling")

    page.title = "Samsat Keliling Desa"
    page.save_revision()  # a draft: the live title, and so the sort, stay
    assert stored(page) == ("Samsat Keliling", "Samsat Keliling")

    page.get_latest_revision().publish()
    assert stored(page) == ("Samsat Keliling Desa", "Samsat Keliling Desa")

    page.refresh_from_db()
    page.title = "Samsat Desa"
    page.save(update_fields=["title"])
    assert stored(page) == ("Samsat Desa", "Samsat Desa")


def test_bulk_insert_writes_it(hub_a, agency_a):
    page = InnovationPage(title="Layanan Massal", slug="layanan-massal", agency=agency_a, year_started=2020)
    insert_innovations([NewInnovation(page=page, hub=hub_a)])
    assert stored(page) == ("Layanan Massal", "Layanan Massal")


def test_catalogue_orders_by_title_within_a_year(hub_a):
    agency = AgencyFactory()
    for title in ("Cerdas", "Anggrek", "Bening"):
        InnovationPageFactory(parent=hub_a, agency=agency, title=title, year_started=2021)
    InnovationPageFactory(parent=hub_a, agency=agency, title="Zaitun", year_started=2023)
    from django.http import QueryDict

    from innovations.filters import CatalogueFilter

    pages = CatalogueFilter(QueryDict("urutkan=terbaru")).apply(InnovationPage.objects.live())
    assert [p.title for p in pages] == ["Zaitun", "Anggrek", "Bening", "Cerdas"]
