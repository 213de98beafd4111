"""The hub index: each card shows its hub's own figures, decree and coordinating unit."""
import pytest
from django.utils import timezone

from innovations.factories import InnovationPageFactory
from news.factories import EventPageFactory
from replication.factories import ReplicationFactory
from replication.models import Stage
from replication.selectors import hub_figures
from tests.helpers import count_queries, make_agency, make_hub, soup_of


def _cards(response):
    cards = {}
    for card in soup_of(response).select("article.hub-card"):
        figures = {dd["data-figure"]: int(dd.get_text()) for dd in card.select("dd[data-figure]")}
        cards[card.select_one(".card-title a").get_text(strip=True)] = (figures, card.get_text(" ", strip=True))
    return cards


@pytest.fixture
def network(hub_a, hub_b, agency_a, agency_b):
    hub_a.decree = "KepmenPANRB Nomor 305 Tahun 2024"
    hub_a.coordinating_unit = "Biro Organisasi Setda Provinsi Sulawesi Utara"
    hub_a.save_revision().publish()
    origin = InnovationPageFactory(parent=hub_a, agency=agency_a)
    InnovationPageFactory(parent=hub_a, agency=agency_a)
    InnovationPageFactory(parent=hub_b, agency=agency_b)
    InnovationPageFactory(parent=hub_b, agency=agency_b).unpublish()  # not counted
    ReplicationFactory(origin=origin, adopter=agency_b, stage=Stage.IMPLEMENTASI)
    ReplicationFactory(origin=origin, adopter=make_agency("11"), stage=Stage.KESEPAKATAN)
    ReplicationFactory(origin=origin, adopter=make_agency("12"), stage=Stage.MINAT)  # not public yet
    ReplicationFactory(origin=origin, adopter=make_agency("13"), stage=Stage.DIBATALKAN, public_since=timezone.now())
    EventPageFactory(parent=hub_b)
    EventPageFactory(parent=hub_b)
    EventPageFactory(parent=hub_a).unpublish()  # not counted
    return hub_a, hub_b


@pytest.mark.django_db
def test_each_card_shows_its_hubs_real_figures_and_facts(client, network):
    hub_a, hub_b = network
    cards = _cards(client.get("/hub/"))
    figures_a, text_a = cards[hub_a.title]
    figures_b, text_b = cards[hub_b.title]
    assert figures_a == {"innovations": 2, "replications": 2, "events": 0}
    assert figures_b == {"innovations": 1, "replications": 0, "events": 2}
    # the same numbers as the hub's own page
    assert figures_a["replications"] == hub_figures(hub_a)["of_hub"]
    assert "KepmenPANRB Nomor 305 Tahun 2024" in text_a
    assert "Biro Organisasi Setda Provinsi Sulawesi Utara" in text_a
    assert "Penetapan" not in text_b  # no empty facts


@pytest.mark.django_db
def test_the_hub_index_query_count_does_not_grow_with_hubs(client, network):
    client.get("/hub/")  # warm-up
    _response, few = count_queries(client, "/hub/")
    hubs_index = network[0].get_parent()
    for code, slug in (("11", "aceh"), ("12", "sumatera-utara"), ("13", "sumatera-barat"), ("51", "bali")):
        hub = make_hub(hubs_index, code, f"Hub JIPP {slug}", slug)
        InnovationPageFactory(parent=hub, agency=make_agency(code))
        EventPageFactory(parent=hub)
    client.get("/hub/")
    response, more = count_queries(client, "/hub/")
    assert len(_cards(response)) >= 6
    assert more == few


def test_a_hub_without_a_photo_shows_where_it_works(client, network, site_pages):
    """Not the same drawn circles on every card: a province hub's card shows its province picked
    out on the map, a ministry hub the whole country; every province has its picture."""
    from pathlib import Path

    from django.conf import settings

    from hubs.models import HubPage
    from regions.models import Province

    kemenkes = make_hub(site_pages["hubs"], "31", "Hub JIPP Kementerian Kesehatan", "kemenkes",
                        hub_type=HubPage.HubType.KL)
    soup = soup_of(client.get("/hub/"))
    pictures = {card.select_one(".card-title a").get_text(strip=True): card.select_one("img.locator-map")["src"]
                for card in soup.select("article.hub-card")}
    assert pictures["Hub JIPP Sulawesi Utara"].endswith("/maps/lokasi/71.svg")
    assert pictures["Hub JIPP Jawa Timur"].endswith("/maps/lokasi/35.svg")
    assert pictures[kemenkes.title].endswith("/maps/lokasi/nasional.svg")
    hub_page = soup_of(client.get("/hub/sulawesi-utara/")).select_one("img.locator-map")
    assert hub_page["alt"] == "Peta Indonesia dengan Provinsi Sulawesi Utara ditandai"
    folder = Path(settings.BASE_DIR) / "static" / "maps" / "lokasi"
    codes = set(Province.objects.values_list("code", flat=True)) | {"nasional"}
    assert codes and all((folder / f"{code}.svg").stat().st_size > 5_000 for code in codes)
