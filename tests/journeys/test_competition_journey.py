"""Journey 6, at desktop and phone size: Kota Manado's Admin Lokal drafts and submits a KIPP
2026 proposal, the secretariat passes it, the organiser assigns two evaluators who score it,
the organiser settles the demo's open disagreement, fixes and announces the Top 99, and the
public finds the proposal in the announcement. Then axe checks the new pages."""
import pytest

from .conftest import axe_violations, login, new_page, shot

pytestmark = pytest.mark.e2e

EDITION = "/kompetisi/kipp-2026/"
WORDS = ("Lansia di Manado kini dilayani petugas yang datang ke rumah untuk urusan kependudukan, kesehatan dan "
         "bantuan sosial, sehingga mereka tidak perlu antre di kantor kelurahan sejak pagi. Aspek {n}: {topic}.")
TOPICS = ["ringkasan layanan jemput bola", "antrean panjang dan tujuan memangkasnya", "layanan terpadu pertama di kota",
          "penerapan bertahap di sebelas kecamatan", "waktu layanan turun dari lima hari menjadi satu hari",
          "tiga kabupaten sudah meniru", "petugas kelurahan dan anggaran rutin", "peraturan wali kota menjaganya"]


def test_6_admin_lokal_submits_secretariat_passes_evaluators_score_organiser_announces(journey_site, browser, tmp_path):
    site, size = journey_site, journey_site.viewport
    title = f"Layanan Lansia Jemput Bola Manado ({size})"
    sk = tmp_path / "sk-inisiator.pdf"
    sk.write_bytes(b"%PDF-1.4 SK Wali Kota Manado")
    context, page = new_page(browser, size)
    try:
        login(page, site, "adminlokal.manado")
        page.goto(site.url + EDITION + "proposal-kami/")
        page.fill("#id_title", title)
        page.get_by_role("button", name="Buat draf").click()
        page.wait_for_url("**/proposal-kami/*/")
        page.select_option("#id_category", label="Kesehatan")
        page.fill("#id_implementation_start", "2020-02-03")
        page.get_by_label("3. Kehidupan Sehat dan Sejahtera").check()
        page.set_input_files("#id_sk_document", str(sk))
        areas = page.locator("textarea[id^='aspek-']")
        for n in range(areas.count()):
            areas.nth(n).fill(WORDS.format(n=n + 1, topic=TOPICS[n]))
        assert "/ 200 kata" in page.locator(".word-count").first.inner_text()  # the live counter
        page.get_by_role("button", name="Simpan draf").click()
        page.wait_for_load_state()
        assert page.locator(".messages").inner_text().strip().startswith("Draf tersimpan")
        # data dukung for every aspect that asks for it
        while page.locator(".notice li", has_text="memerlukan data dukung").count():
            needed = page.locator(".notice li", has_text="memerlukan data dukung").first.inner_text()
            aspect = needed.split("“")[1].split("”")[0]
            page.select_option("#id_bukti-aspect", label=aspect)
            page.fill("#id_bukti-url", "https://manadokota.go.id/data-dukung/lansia")
            page.get_by_role("button", name="Tambahkan").click()
            page.wait_for_load_state()
        shot(page, f"kompetisi-draf-{size}")
        page.get_by_role("button", name="Ajukan (isian akan terkunci)").click()
        page.wait_for_url("**/proposal-kami/")
        assert "Proposal diajukan" in page.locator(".messages").inner_text()
        assert title in page.locator("main table").inner_text()
        context.close()

        context, page = new_page(browser, size)
        login(page, site, "sekretariat")
        page.goto(site.url + EDITION + "sekretariat/")
        page.get_by_role("link", name=title).click()
        assert "Semua pemeriksaan administrasi terpenuhi." in page.locator("main").inner_text()
        page.get_by_label("Lolos seleksi administrasi").check()
        page.get_by_role("button", name="Simpan keputusan").click()
        page.wait_for_load_state()
        assert "Keputusan dicatat." in page.locator(".messages").inner_text()
        context.close()

        context, page = new_page(browser, size)
        login(page, site, "admin")
        page.goto(site.url + EDITION + "penyelenggara/")
        for name in ("penilai", "penilai.dua"):
            page.get_by_label(f"({name})").check()
        page.get_by_role("button", name="Tugaskan", exact=True).click()
        page.wait_for_load_state()
        assert "1 proposal mendapat penilai." in page.locator(".messages").inner_text()
        context.close()

        for evaluator in ("penilai", "penilai.dua"):
            context, page = new_page(browser, size)
            login(page, site, evaluator)
            page.goto(site.url + EDITION + "penilaian/")
            page.get_by_role("link", name=title).click()
            selects = page.locator("select[id^='skor-']")
            for n in range(selects.count()):
                selects.nth(n).select_option("9")
            page.get_by_role("button", name="Simpan nilai").click()
            page.wait_for_load_state()
            assert "Nilai tersimpan." in page.locator(".messages").inner_text()
            context.close()

        context, page = new_page(browser, size)
        login(page, site, "admin")
        page.goto(site.url + EDITION + "penyelenggara/")
        while page.locator("textarea[name=note]").count():  # the demo's open disagreement first
            page.locator("textarea[name=note]").first.fill("Rapat pleno Tim Evaluasi menerima nilai rata-rata.")
            page.get_by_role("button", name="Catat keputusan").first.click()
            page.wait_for_load_state()
        assert page.get_by_label(title).is_checked()
        page.get_by_role("button", name="Tetapkan daftar").click()
        page.wait_for_load_state()
        assert "ditetapkan" in page.locator(".messages").inner_text()
        page.get_by_role("button", name="Umumkan Top 99").click()
        page.wait_for_url("**" + EDITION)
        context.close()

        context, page = new_page(browser, size)
        page.goto(site.url + EDITION)
        top = page.locator("#top-title ~ .table-scroll").first
        assert title in top.inner_text()
        shot(page, f"kompetisi-top99-{size}")
        page.get_by_role("link", name=title).click()
        assert "Ringkasan" in page.locator("main").inner_text()
    finally:
        context.close()


@pytest.mark.parametrize("who, paths", [
    (None, [EDITION, "/kompetisi/", "/kompetisi/kipp-2025/", "/kompetisi/lomba-inovasi-sulut-2026/"]),
    ("adminlokal.manado", [EDITION + "proposal-kami/", EDITION + "operator/"]),
    ("sekretariat", [EDITION + "sekretariat/"]),
    ("penilai", [EDITION + "penilaian/"]),
    ("koordinator.sulut", [EDITION + "wilayah/", "/kompetisi/lomba-inovasi-sulut-2026/penyelenggara/"]),
])
def test_competition_pages_have_no_serious_axe_violations(demo_site, browser, who, paths):
    context, page = new_page(browser)
    failures = {}
    try:
        if who:
            login(page, demo_site, who)
        for path in paths:
            page.goto(demo_site.url + path)
            found = axe_violations(page)
            if found:
                failures[path] = found
        if who == "adminlokal.manado":  # the drafting form itself
            page.goto(demo_site.url + EDITION + "proposal-kami/")
            page.locator("main table a").first.click()
            page.wait_for_load_state()
            found = axe_violations(page)
            if found:
                failures["formulir proposal"] = found
        if who == "penilai":
            page.goto(demo_site.url + EDITION + "penilaian/")
            page.locator("main table a").first.click()
            page.wait_for_load_state()
            found = axe_violations(page)
            if found:
                failures["formulir penilaian"] = found
    finally:
        context.close()
    assert not failures, "\n".join(f"{name}: {v}" for name, vs in failures.items() for v in vs)
