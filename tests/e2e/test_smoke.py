"""Smoke test in a real browser: home, a hub, an innovation and a filtered catalogue."""
import pytest

from agencies.factories import AgencyFactory, province
from agencies.models import AgencyType
from core.site_setup import ensure_site_structure
from hubs.factories import HubPageFactory
from hubs.roles import ensure_hub_roles
from innovations.factories import InnovationAwardFactory, InnovationPageFactory
from innovations.models import AwardTier, SustainabilityStatus

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def portal():
    pages = ensure_site_structure()
    sulut = HubPageFactory(
        parent=pages["hubs"], title="Hub JIPP Sulawesi Utara", slug="sulawesi-utara",
        province=province("71"), coordinating_unit="Biro Organisasi Setda Provinsi Sulawesi Utara",
    )
    ensure_hub_roles(sulut)
    manado = AgencyFactory(
        name="Pemerintah Kota Manado", abbreviation="Pemkot Manado",
        agency_type=AgencyType.PEMKOT, province=province("71"),
    )
    sadelpos = InnovationPageFactory(
        parent=sulut, title="Samsat Delivery Pos", acronym="SADELPOS", slug="sadelpos",
        agency=manado, year_started=2019, sustainability_status=SustainabilityStatus.BERLANJUT_PENGEMBANGAN,
        summary="Pengantaran STNK dan pembayaran pajak kendaraan tanpa antre melalui kantor pos.",
    )
    InnovationAwardFactory(innovation=sadelpos, tier=AwardTier.objects.get(slug="top-45"), year=2021)
    other = InnovationPageFactory(
        parent=sulut, title="Posyandu Digital Keluarga", acronym="PODIGA", slug="podiga",
        agency=manado, year_started=2022, sustainability_status=SustainabilityStatus.VAKUM,
    )
    return {"hub": sulut, "innovation": sadelpos, "other": other}


def test_visitor_reads_home_hub_innovation_and_filtered_catalogue(live_server, page, screenshot, portal):
    page.goto(live_server.url + "/")
    assert page.locator("h1").first.is_visible()
    assert "Jaringan Inovasi Pelayanan Publik" in page.content()
    screenshot("smoke-home")

    page.goto(live_server.url + "/hub/sulawesi-utara/")
    assert page.locator("h1").first.inner_text().strip() == "Hub JIPP Sulawesi Utara"
    assert page.get_by_text("Biro Organisasi Setda Provinsi Sulawesi Utara").first.is_visible()
    page.get_by_role("link", name="SADELPOS").first.click()
    page.wait_for_url("**/sadelpos/")
    screenshot("smoke-innovation")
    assert "Samsat Delivery Pos" in page.locator("h1").first.inner_text()
    facts = page.locator("dl").first.inner_text()
    assert "Pemerintah Kota Manado" in facts
    assert "2019" in facts
    assert "Top 45" in page.content()

    page.goto(live_server.url + "/inovasi/?status=vakum")
    screenshot("smoke-catalogue-filtered")
    body = page.locator("main").inner_text()
    assert "Posyandu Digital Keluarga" in body
    assert "Samsat Delivery Pos" not in body
    assert page.locator("#filter-status input[value=vakum]").is_checked()
    assert "1 inovasi" in body
