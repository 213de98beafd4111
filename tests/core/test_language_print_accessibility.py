"""The language switch keeps the visitor on the same page; the accessibility statement; the
printable one-page view of an innovation; responsive images."""
import pytest

from innovations.factories import InnovationPageFactory
from tests.helpers import make_image, soup_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def innovation(site_pages, hub_a, agency_a):
    page = InnovationPageFactory(parent=hub_a, agency=agency_a, title="Samsat Delivery Pos", acronym="SADELPOS",
                                 slug="sadelpos", summary="Pajak kendaraan tanpa antre.",
                                 background="<p>" + "kata " * 300 + "</p>", image=make_image())
    return page


def test_language_switch_keeps_the_page(client, innovation):
    page = soup_of(client.get("/inovasi/?tahun=2020"))
    links = page.select(".lang-switch a")
    assert [a["hreflang"] for a in links] == ["en"]  # the current language is not a link
    response = client.get(links[0]["href"])
    assert response.status_code == 302 and response["Location"] == "/inovasi/?tahun=2020"
    page = soup_of(client.get("/inovasi/?tahun=2020"))
    assert page.find("html")["lang"] == "en"
    assert page.select_one(".lang-switch a")["hreflang"] == "id"
    # the old form's address still answers (bookmarked or cached pages)
    assert client.post("/i18n/setlang/", {"language": "id", "next": "/inovasi/"})["Location"] == "/inovasi/"


def test_section_titles_follow_the_interface_language_until_an_editor_renames_them(client, site_pages):
    client.cookies["django_language"] = "en"
    menu = [a.get_text() for a in soup_of(client.get("/")).select(".site-nav a")]
    assert "Innovation Catalogue" in menu and "Katalog Inovasi" not in menu
    site_pages["news"].title = "Kabar Hub"
    site_pages["news"].save_revision().publish()
    menu = [a.get_text() for a in soup_of(client.get("/")).select(".site-nav a")]
    assert "Kabar Hub" in menu


def test_accessibility_statement(client, site_pages):
    page = soup_of(client.get("/aksesibilitas/"))
    assert page.find("h1").get_text() == "Pernyataan aksesibilitas"
    assert "axe-core" in page.text and "320 piksel" in page.text
    assert soup_of(client.get("/")).find("a", href="/aksesibilitas/")


def test_print_view_is_one_compact_page(client, innovation):
    detail = soup_of(client.get(innovation.url))
    link = detail.find("a", string="Versi cetak (satu halaman)")
    assert link["href"] == f"{innovation.url}cetak/"
    response = client.get(link["href"])
    page = soup_of(response)
    assert page.find("h1").get_text() == "SADELPOS: Samsat Delivery Pos"
    assert page.find("link", rel="stylesheet")["href"].endswith("css/print.css")
    excerpt = page.find("div", class_="excerpt").get_text()
    assert len(excerpt.split()) <= 71  # long sections are cut to an excerpt
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"


def test_images_are_responsive_with_dimensions(client, innovation):
    img = soup_of(client.get(innovation.url)).find("img", class_="hero-image")
    assert img["width"] and img["height"]
    assert img["srcset"].count("w,") == 1 and img["sizes"]


def test_editors_english_version_is_shown_to_english_visitors(client, innovation, site_pages):
    innovation.title_en = "Vehicle Tax Delivery by Post"
    innovation.summary_en = "Pay vehicle tax without queueing."
    innovation.impact_en = "<p>Queues fell by half.</p>"
    innovation.impact = "<p>Antrean turun separuh.</p>"
    innovation.save_revision().publish()

    page = soup_of(client.get(innovation.url))  # Indonesian visitors read the original
    assert page.find("h1").get_text() == "SADELPOS: Samsat Delivery Pos" and page.find("h1")["lang"] == "id"

    client.cookies["django_language"] = "en"
    page = soup_of(client.get(innovation.url))
    h1 = page.find("h1")
    assert h1.get_text() == "SADELPOS: Vehicle Tax Delivery by Post" and h1["lang"] == "en"
    assert page.find("p", class_="lead").get_text() == "Pay vehicle tax without queueing."
    sections = {s.find("h2").get_text(): s.find("div", class_="prose") for s in page.find_all("section", class_="narrative")}
    assert sections["Impact and results"]["lang"] == "en" and "Queues fell" in sections["Impact and results"].get_text()
    # a section the editor did not translate stays in the original, marked as Indonesian
    assert sections["Background"]["lang"] == "id" and "kata" in sections["Background"].get_text()
    card = soup_of(client.get("/inovasi/")).select_one(".card h3 a")
    assert card.get_text() == "SADELPOS: Vehicle Tax Delivery by Post" and card["lang"] == "en"


def test_innovation_editor_has_an_english_tab(client, innovation, national_admin):
    client.force_login(national_admin)
    page = soup_of(client.get(f"/admin/pages/{innovation.pk}/edit/"))
    assert page.find(attrs={"name": "title_en"}) is not None
    assert page.find(attrs={"name": "summary_en"}) is not None
