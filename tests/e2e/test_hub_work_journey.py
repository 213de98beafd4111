"""Hub work in a real browser, at desktop and phone size: an agency registers two people for a
coaching clinic, the coordinator marks attendance and attaches materials, the agency downloads
them; a coordinator fills and submits the maturity instrument and a verifier publishes it."""
import datetime
from pathlib import Path

import pytest
from django.utils import timezone

from agencies.factories import AgencyFactory, AgencyMembershipFactory, UserFactory, province, regency
from agencies.models import AgencyType
from clinics.models import Cohort, Registration
from core.site_setup import ensure_site_structure
from hubs.factories import HubPageFactory
from hubs.roles import ensure_hub_roles
from maturity.examples import install_examples
from maturity.models import Cycle, Submission
from maturity.rules import ensure_verifier_group
from news.factories import EventPageFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
PASSWORD = "rahasia-uji-123"
VIEWPORTS = [{"width": 1280, "height": 900}, {"width": 375, "height": 812}]


@pytest.fixture
def cast():
    pages = ensure_site_structure()
    sulut = HubPageFactory(parent=pages["hubs"], title="Hub JIPP Sulawesi Utara", slug="sulawesi-utara", province=province("71"))
    roles = ensure_hub_roles(sulut)
    manado = AgencyFactory(name="Pemerintah Kota Manado", abbreviation="Pemkot Manado", agency_type=AgencyType.PEMKOT,
                           province=province("71"), regency=regency("71.71"))
    editor = UserFactory(username="editor.manado", groups=[roles.agency_editors])
    AgencyMembershipFactory(user=editor, agency=manado)
    UserFactory(username="koordinator.sulut", groups=[roles.coordinators])
    UserFactory(username="verifikator", groups=[ensure_verifier_group()])
    clinic = EventPageFactory(parent=sulut, title="Klinik Inovasi Sulawesi Utara", slug="klinik-sulut")
    cohort = Cohort.objects.create(event=clinic, name="Angkatan I", capacity=30, location="Aula Mapalus, Manado",
                                   start=timezone.now() + datetime.timedelta(days=10), time_zone="Asia/Makassar")
    cohort.invited_provinces.add(province("71"))
    now = timezone.now()
    cycle = Cycle.objects.create(year=2026, opens=now - datetime.timedelta(days=1), closes=now + datetime.timedelta(days=30))
    install_examples(cycle)
    return {"clinic": clinic, "cohort": cohort, "hub": sulut}


def login(page, live_server, username):
    page.context.clear_cookies()
    page.goto(live_server.url + "/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=["desktop", "phone"])
def test_clinic_registration_attendance_and_materials(live_server, browser, cast, viewport):
    context = browser.new_context(viewport=viewport, locale="id-ID", accept_downloads=True)
    page = context.new_page()
    name = "desktop" if viewport["width"] > 600 else "phone"
    try:
        login(page, live_server, "editor.manado")
        page.goto(live_server.url + cast["clinic"].url)
        assert "WITA" in page.locator("main").inner_text()
        page.get_by_role("link", name="Daftarkan peserta Angkatan I").click()
        page.wait_for_url("**/daftar/")
        for n, (person, position) in enumerate([("Ratna Sari", "Analis Kebijakan"), ("Hendra Mokodompit", "Perencana")]):
            group = page.get_by_role("group", name=f"Peserta {n + 1}")
            group.get_by_label("Nama").fill(person)
            group.get_by_label("Jabatan").fill(position)
            group.get_by_label("Unit kerja").fill("Bagian Organisasi Pemkot Manado")
        page.screenshot(path=f"test-artifacts/clinic-register-{name}.png", full_page=True)
        page.get_by_role("button", name="Daftarkan").click()
        page.wait_for_url("**/klinik/pendaftaran-saya/")
        main = page.locator("main").inner_text()
        assert "2 peserta didaftarkan" in page.locator(".messages").inner_text()
        assert "Ratna Sari" in main and "Hendra Mokodompit" in main

        # the clinic takes place
        Cohort.objects.filter(pk=cast["cohort"].pk).update(start=timezone.now() - datetime.timedelta(hours=3))
        login(page, live_server, "koordinator.sulut")
        page.goto(f"{live_server.url}/klinik/kelola/{cast['clinic'].pk}/")
        for person in ("Ratna Sari", "Hendra Mokodompit"):
            page.get_by_role("button", name=f"{person} hadir").click()
            page.wait_for_load_state()
        assert Registration.objects.filter(attended=True).count() == 2
        page.locator("summary", has_text="Lampirkan materi").click()
        page.get_by_label("Judul").fill("Paparan Angkatan I")
        page.get_by_label("Berkas").set_input_files(
            files=[{"name": "paparan.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4 paparan klinik"}])
        page.get_by_label("Hanya peserta").check()
        page.get_by_role("button", name="Lampirkan").click()
        page.wait_for_url("**/kelola/*/")
        assert "Materi Paparan Angkatan I dilampirkan" in page.content()
        page.screenshot(path=f"test-artifacts/clinic-manage-{name}.png", full_page=True)

        login(page, live_server, "editor.manado")
        page.goto(live_server.url + cast["clinic"].url)
        with page.expect_download() as download:
            page.get_by_role("link", name="Paparan Angkatan I").click()
        assert Path(download.value.path()).read_bytes() == b"%PDF-1.4 paparan klinik"
    finally:
        context.close()


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=["desktop", "phone"])
def test_maturity_filled_submitted_verified_published(live_server, browser, cast, viewport):
    context = browser.new_context(viewport=viewport, locale="id-ID")
    page = context.new_page()
    name = "desktop" if viewport["width"] > 600 else "phone"
    try:
        login(page, live_server, "koordinator.sulut")
        page.goto(live_server.url + "/kematangan/2026/isi/")
        for question in page.locator("fieldset.question").all():
            radios = question.locator("input[type=radio]")
            if radios.count():
                radios.last.check()  # the best option of a single-choice question
            for box in question.locator("input[type=checkbox]").all():
                box.check()
            question.locator("input[type=url]").fill("https://sulutprov.go.id/bukti.pdf")
        page.screenshot(path=f"test-artifacts/maturity-fill-{name}.png", full_page=True)
        page.get_by_role("button", name="Ajukan untuk verifikasi").click()
        page.wait_for_url("**/isi/?hub=sulawesi-utara")
        assert "Isian diajukan" in page.content()

        login(page, live_server, "verifikator")
        page.goto(live_server.url + "/kematangan/2026/verifikasi/")
        page.get_by_role("link", name="Hub JIPP Sulawesi Utara").click()
        forms = page.locator("form:has(input[name=jawaban])")
        for n in range(forms.count()):
            form = page.locator("form:has(input[name=jawaban])").nth(n)
            form.get_by_label("Diterima").check()
            form.get_by_role("button", name="Simpan putusan").click()
            page.wait_for_load_state()
        page.get_by_role("button", name="Publikasikan hasil").click()
        page.wait_for_load_state()
        assert Submission.objects.get().status == Submission.Status.DIPUBLIKASIKAN
        context.clear_cookies()
        page.goto(live_server.url + "/kematangan/")
        assert "Hub JIPP Sulawesi Utara" in page.locator("main").inner_text()
        assert "100,00" in page.locator("main").inner_text()
        page.screenshot(path=f"test-artifacts/maturity-results-{name}.png", full_page=True)
    finally:
        context.close()
