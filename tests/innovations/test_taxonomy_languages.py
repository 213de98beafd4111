"""Issue 13: category and SDG names follow the visitor's chosen language (the SDGs' official
English names, the categories' English names filled by migration and editable by
administrators) on the innovation page, the print view, the catalogue's filters and chips and
the search facets."""
import pytest
from django.utils import translation

from innovations.factories import InnovationPageFactory
from innovations.filter_registry import FILTERS_BY_NAME
from innovations.models import SDG, Category
from tests.helpers import soup_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def innovation(site_pages, hub_a, agency_a):
    page = InnovationPageFactory(parent=hub_a, agency=agency_a, title="Sekolah Pesisir", slug="sekolah-pesisir")
    page.categories.set([Category.objects.get(slug="pendidikan")])
    page.sdgs.set([SDG.objects.get(number=4)])
    page.save_revision().publish()
    return page


def test_migrations_fill_the_english_names():
    assert SDG.objects.get(number=16).name_en == "Peace, Justice and Strong Institutions"
    assert not SDG.objects.filter(name_en="").exists()
    assert Category.objects.get(slug="kesehatan").name_en == "Health"


def test_innovation_page_and_print_view_in_each_language(client, innovation):
    page = soup_of(client.get(innovation.url)).find("dl", class_="facts").get_text(" ")
    assert "Pendidikan Berkualitas" in page and "Pendidikan" in page and "Quality Education" not in page
    client.cookies["django_language"] = "en"
    page = soup_of(client.get(innovation.url)).find("dl", class_="facts").get_text(" ")
    assert "4. Quality Education" in page and "Education" in page and "Pendidikan" not in page
    printed = client.get(innovation.url + "cetak/").content.decode()
    assert "Education" in printed and "Pendidikan" not in printed


def test_catalogue_filter_options_and_chips_in_english(client, innovation):
    client.cookies["django_language"] = "en"
    page = soup_of(client.get("/inovasi/?kategori=pendidikan&sdg=4"))
    # the checkbox groups list the values that give results (here the chosen ones)
    categories = page.find("details", id="filter-kategori").get_text(" ")
    sdgs = page.find("details", id="filter-sdg").get_text(" ")
    assert "Education" in categories and "Pendidikan" not in categories
    assert "4. Quality Education" in sdgs and "Pendidikan Berkualitas" not in sdgs
    chips = page.find("ul", class_="chips").get_text(" ")
    assert "Education" in chips and "4. Quality Education" in chips


def test_facet_labels_follow_the_language():
    with translation.override("en"):
        assert FILTERS_BY_NAME["kategori"].value_labels(["pendidikan"]) == {"pendidikan": "Education"}
        assert FILTERS_BY_NAME["sdg"].value_labels(["1"]) == {"1": "1. No Poverty"}
    with translation.override("id"):
        assert FILTERS_BY_NAME["kategori"].value_labels(["pendidikan"]) == {"pendidikan": "Pendidikan"}


def test_an_empty_english_name_falls_back_to_indonesian():
    category = Category.objects.create(name="Kategori Baru", slug="kategori-baru")
    with translation.override("en"):
        assert category.label == "Kategori Baru" and str(category) == "Kategori Baru"
