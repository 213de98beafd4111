"""Feeds (RSS/Atom: national, per hub, per tag, news), their <link rel="alternate">, sitemap,
robots.txt and the innovation pages' JSON-LD and Open Graph."""
import json
import xml.etree.ElementTree as ET

import pytest

from innovations.factories import InnovationPageFactory
from news.factories import NewsPageFactory
from tests.helpers import soup_of

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def catalogue(site_pages, hub_a, hub_b, agency_a, agency_b):
    a = InnovationPageFactory(parent=hub_a, agency=agency_a, title="Samsat Delivery Pos", slug="sadelpos",
                              summary="Pajak kendaraan tanpa antre.")
    a.tags.add("pajak")
    a.save_revision().publish()
    b = InnovationPageFactory(parent=hub_b, agency=agency_b, title="Posyandu Digital", slug="posyandu")
    return {"a": a, "b": b}


def rss_titles(response):
    """Item titles without the acronym the display title starts with ("INOV2: …")."""
    return [item.find("title").text.split(": ", 1)[-1] for item in ET.fromstring(response.content).iter("item")]


def test_innovation_feeds_national_per_hub_and_per_tag(client, catalogue, hub_a):
    assert set(rss_titles(client.get("/umpan/inovasi/"))) == {"Samsat Delivery Pos", "Posyandu Digital"}
    assert rss_titles(client.get(f"/umpan/inovasi/hub/{hub_a.slug}/")) == ["Samsat Delivery Pos"]
    assert rss_titles(client.get("/umpan/inovasi/tag/pajak/")) == ["Samsat Delivery Pos"]
    atom = ET.fromstring(client.get("/umpan/inovasi/atom/").content)
    assert atom.tag == f"{ATOM}feed" and len(atom.findall(f"{ATOM}entry")) == 2
    for url in ("/umpan/inovasi/hub/tidak-ada/", "/umpan/inovasi/tag/tidak-ada/", "/umpan/inovasi/kota/x/"):
        assert client.get(url).status_code == 404


def test_news_feed(client, site_pages, hub_a):
    NewsPageFactory(parent=hub_a, title="Klinik Inovasi Manado", slug="klinik")
    assert rss_titles(client.get("/umpan/berita/")) == ["Klinik Inovasi Manado"]
    assert client.get("/umpan/berita/atom/").status_code == 200


def test_pages_advertise_their_feeds(client, catalogue, hub_a):
    def alternates(url):
        return {link["href"] for link in soup_of(client.get(url)).find_all("link", rel="alternate")}

    assert "/umpan/inovasi/" in alternates("/")
    assert f"/umpan/inovasi/hub/{hub_a.slug}/" in alternates(hub_a.url)
    assert "/umpan/inovasi/tag/pajak/" in alternates("/inovasi/tag/pajak/")
    assert "/umpan/berita/" in alternates("/berita/")


def test_sitemap_and_robots(client, catalogue):
    index = client.get("/sitemap.xml")
    assert index.status_code == 200 and b"sitemap-halaman.xml" in index.content
    section = client.get("/sitemap-halaman.xml").content.decode()
    assert "/sadelpos/" in section and "/posyandu/" in section
    robots = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in robots and "Sitemap: http://testserver/sitemap.xml" in robots


def test_json_ld_and_open_graph(client, catalogue):
    page = catalogue["a"]
    soup = soup_of(client.get(page.url))
    data = json.loads(soup.find("script", type="application/ld+json").string)
    assert data["@type"] == "CreativeWork" and data["name"].endswith("Samsat Delivery Pos")
    assert data["creator"]["name"] == page.agency.name and data["keywords"] == ["pajak"]
    assert soup.find("meta", property="og:title")["content"].endswith("Samsat Delivery Pos")
    assert soup.find("meta", property="og:url")["content"].endswith("/sadelpos/")


def test_json_ld_cannot_be_broken_out_of(client, catalogue):
    page = catalogue["a"]
    page.title = "Inovasi </script><script>alert(1)</script>"
    page.summary = "Ringkasan & <b>tebal</b>"
    page.save_revision().publish()
    html = client.get(page.url).content.decode()
    block = html.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    assert "<" not in block and json.loads(block)["name"].endswith("</script><script>alert(1)</script>")
    assert "<script>alert(1)" not in html
