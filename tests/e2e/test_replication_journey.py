"""Replication in a real browser: an agency editor asks to replicate another agency's
innovation, the owner's hub coordinator accepts, and the public dashboard shows it once agreed."""
import pytest

from agencies.factories import AgencyFactory, AgencyMembershipFactory, UserFactory, province, regency
from agencies.models import AgencyType
from core.site_setup import ensure_site_structure
from hubs.factories import HubPageFactory
from hubs.roles import ensure_hub_roles
from innovations.factories import InnovationPageFactory
from replication.models import Replication, Stage

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
PASSWORD = "rahasia-uji-123"


@pytest.fixture
def cast():
    pages = ensure_site_structure()
    sulut = HubPageFactory(parent=pages["hubs"], title="Hub JIPP Sulawesi Utara", slug="sulawesi-utara", province=province("71"))
    jatim = HubPageFactory(parent=pages["hubs"], title="Hub JIPP Jawa Timur", slug="jawa-timur", province=province("35"))
    sulut_roles, jatim_roles = ensure_hub_roles(sulut), ensure_hub_roles(jatim)
    manado = AgencyFactory(name="Pemerintah Kota Manado", abbreviation="Pemkot Manado", agency_type=AgencyType.PEMKOT,
                           province=province("71"), regency=regency("71.71"))
    jatim_agency = AgencyFactory(name="Pemerintah Provinsi Jawa Timur", abbreviation="Pemprov Jatim",
                                 agency_type=AgencyType.PEMPROV, province=province("35"))
    origin = InnovationPageFactory(parent=sulut, title="Samsat Delivery Pos", acronym="SADELPOS", slug="sadelpos",
                                   agency=manado, summary="Pajak kendaraan tanpa antre lewat kantor pos.")
    editor = UserFactory(username="editor.jatim", groups=[jatim_roles.agency_editors])
    AgencyMembershipFactory(user=editor, agency=jatim_agency)
    coordinator = UserFactory(username="koordinator.sulut", groups=[sulut_roles.coordinators])
    return {"origin": origin, "editor": editor, "coordinator": coordinator}


def login(page, live_server, username):
    page.goto(live_server.url + "/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 900}, {"width": 375, "height": 812}], ids=["desktop", "phone"])
def test_agency_asks_and_coordinator_accepts(live_server, browser, cast, viewport):
    context = browser.new_context(viewport=viewport, locale="id-ID")
    page = context.new_page()
    name = "desktop" if viewport["width"] > 600 else "phone"
    try:
        login(page, live_server, "editor.jatim")
        page.goto(live_server.url + cast["origin"].url)
        page.get_by_role("link", name="Replikasi inovasi ini").click()
        page.wait_for_url("**/replikasi/ajukan/**")
        page.get_by_label("Mengapa instansi Anda ingin mereplikasi inovasi ini?").fill("Antrean Samsat di Jawa Timur panjang.")
        page.get_by_label("Kerja sama dengan instansi pemilik").check()
        page.screenshot(path=f"test-artifacts/replication-start-{name}.png", full_page=True)
        page.get_by_role("button", name="Ajukan replikasi").click()
        page.wait_for_url("**/replikasi/*/")
        assert "Permohonan replikasi tercatat" in page.content()
        assert "Menunggu jawaban pemilik" in page.locator("dl.facts").inner_text()
        page.goto(live_server.url + "/replikasi/saya/")
        assert "Samsat Delivery Pos" in page.locator("main").inner_text()
        # interest is private: the public dashboard does not list it
        context.clear_cookies()
        page.goto(live_server.url + "/replikasi/")
        assert "Pemerintah Provinsi Jawa Timur" not in page.locator("main").inner_text()

        login(page, live_server, "koordinator.sulut")
        # the request waits in the coordinator's dashboard, listed once
        assert "Replikasi menunggu tindakan Anda" not in page.content()
        awaiting = page.locator("#dasbor-koordinator")
        assert awaiting.get_by_role("link", name="Pemerintah Provinsi Jawa Timur → Samsat Delivery Pos").count() == 1
        awaiting.get_by_role("link", name="Pemerintah Provinsi Jawa Timur → Samsat Delivery Pos").click()
        page.get_by_label("Terima permohonan kerja sama").check()
        page.get_by_role("button", name="Kirim jawaban").click()
        page.wait_for_url("**/replikasi/*/")
        assert "Diterima pemilik" in page.locator("dl.facts").inner_text()
        page.screenshot(path=f"test-artifacts/replication-accepted-{name}.png", full_page=True)
        # the coordinator records the agreement; from then on the public sees it
        page.get_by_label("Tahap berikutnya").select_option("kesepakatan")
        page.get_by_role("button", name="Simpan langkah").click()
        page.wait_for_url("**/replikasi/*/")
        replication = Replication.objects.get()
        assert replication.stage == Stage.KESEPAKATAN
        # another visitor: this browser keeps the anonymous /replikasi/ it saw a minute ago for
        # up to PAGE_CACHE_MAX_AGE (60 s), as any visitor behind a CDN would
        context.close()
        context = browser.new_context(viewport=viewport, locale="id-ID")
        page = context.new_page()
        page.goto(live_server.url + "/replikasi/")
        assert "Pemerintah Provinsi Jawa Timur" in page.locator("main").inner_text()
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= viewport["width"] + 1, "no horizontal scrolling"
        page.screenshot(path=f"test-artifacts/replication-dashboard-{name}.png", full_page=True)
    finally:
        context.close()
