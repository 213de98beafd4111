"""The five journeys of the portal in a real browser, each at desktop and phone size, each
ending in what the person sees. Screenshots of the key screens go to test-artifacts/."""
import csv
import io
import re
from pathlib import Path

import pytest

from .conftest import login, new_page, shot

pytestmark = pytest.mark.e2e

BOLMONG = "Pelayanan Akta Kelahiran Langsung di Desa Kabupaten Bolaang Mongondow"


def facet(page, legend):
    return page.locator("fieldset.facet").filter(has=page.locator("legend", has_text=legend))


def result_count(page):
    return int(re.search(r"\d+", page.locator("#result-heading").inner_text()).group())


def test_1_visitor_searches_narrows_reads_and_downloads(journey_site, browser):
    site, size = journey_site, journey_site.viewport
    context, page = new_page(browser, size, accept_downloads=True)
    try:
        page.goto(site.url + "/")
        page.locator("#site-search-q").fill("akta kelahiran")
        page.locator("form.header-search button[type=submit]").click()
        page.wait_for_url("**/cari/?q=akta*")
        everything = result_count(page)
        assert everything > 1
        panel_open = page.locator("#filter-panel").get_attribute("open") is not None
        assert panel_open == (size == "desktop")  # folded on a phone: the first results show at once
        if not panel_open:
            page.locator("#filter-panel > summary").click()

        facet(page, "Provinsi").get_by_role("checkbox", name=re.compile(r"^Sulawesi Utara")).check()
        facet(page, "Penghargaan").get_by_role("checkbox", name=re.compile(r"^Top 99\b")).check()
        page.get_by_role("button", name="Terapkan filter").click()
        page.wait_for_url("**provinsi=sulawesi-utara**")
        narrowed = result_count(page)
        assert 0 < narrowed < everything
        chips = page.locator("ul.chips").inner_text()
        assert "Provinsi: Sulawesi Utara" in chips and "Penghargaan: Top 99" in chips
        for meta in page.locator(".search-hit .meta").all_inner_texts():
            assert "Sulawesi Utara" in meta
        shot(page, f"journey1-results-{size}")

        page.locator(".search-hit h3 a").filter(has_text="Bolaang Mongondow").first.click()
        page.wait_for_load_state()
        assert page.locator("h1").inner_text().endswith(BOLMONG)
        timeline = page.locator(".status-timeline li")
        assert timeline.count() >= 1 and "PKRI 2024" in timeline.first.inner_text()
        panel = page.locator(".replication-panel")
        assert "1 instansi mereplikasi inovasi ini." in panel.inner_text()
        shot(page, f"journey1-innovation-{size}")

        page.go_back()
        page.wait_for_url("**provinsi=sulawesi-utara**")
        with page.expect_download() as download:
            page.locator(".download-links a", has_text="CSV").click()
        text = Path(download.value.path()).read_text(encoding="utf-8-sig")
        rows = list(csv.DictReader(io.StringIO(text)))
        assert len(rows) == narrowed
        assert BOLMONG in [row["Judul"] for row in rows]
        assert {row["Provinsi"] for row in rows} == {"Sulawesi Utara"}
    finally:
        context.close()


def test_2_agency_asks_to_replicate_and_owner_coordinator_accepts(journey_site, browser):
    site, size = journey_site, journey_site.viewport
    context, page = new_page(browser, size)
    try:
        # editor.manado acts for Kota Manado; the innovation belongs to an agency in Jawa Timur
        login(page, site, "editor.manado")
        page.goto(site.url + "/inovasi/?hub=jawa-timur&jenis_instansi=pemkot&urutkan=judul")
        page.locator("main .card a").first.click()
        page.wait_for_load_state()
        title = page.locator("h1").inner_text()
        page.get_by_role("link", name="Replikasi inovasi ini").click()
        page.wait_for_url("**/replikasi/ajukan/**")
        page.get_by_label("Mengapa instansi Anda ingin mereplikasi inovasi ini?").fill(
            "Warga Manado mengalami masalah yang sama; kami ingin belajar dari pemiliknya.")
        page.get_by_label("Kerja sama dengan instansi pemilik").check()
        shot(page, f"journey2-form-{size}")
        page.get_by_role("button", name="Ajukan replikasi").click()
        page.wait_for_url(re.compile(r".*/replikasi/\d+/$"))
        detail_url = page.url
        assert "Permohonan replikasi tercatat" in page.content()
        page.goto(site.url + "/replikasi/saya/")
        mine = page.locator("main").inner_text()
        assert title.split(": ", 1)[-1][:40] in mine
        shot(page, f"journey2-mine-{size}")
        context.clear_cookies()

        login(page, site, "koordinator.jatim")  # the owner's hub coordinator, on the admin dashboard
        # the request waits in the coordinator's own dashboard panel
        assert page.locator("#dasbor-koordinator").count() == 1
        shot(page, f"journey2-waiting-{size}")
        page.get_by_role("link", name=re.compile(r"^Pemerintah Kota Manado → ")).filter(
            has_text=title.split(": ", 1)[-1][:30]).first.click()
        page.wait_for_url(detail_url)
        assert "Menunggu jawaban pemilik" in page.locator("dl.facts").inner_text()
        page.get_by_label("Terima permohonan kerja sama").check()
        page.get_by_role("button", name="Kirim jawaban").click()
        page.wait_for_url(detail_url)
        shot(page, f"journey2-accepted-{size}")
        assert "Diterima pemilik" in page.locator("dl.facts").inner_text()
    finally:
        context.close()


def test_3_coordinator_creates_submits_approves_and_finds_it_in_search(journey_site, browser):
    site, size = journey_site, journey_site.viewport
    title = f"Perahu Pustaka Keliling Bitung {size}"
    context, page = new_page(browser, size)
    try:
        login(page, site, "koordinator.sulut")
        page.goto(site.url + "/admin/pages/")
        page.goto(site.url + page_url_of_hub(page, site, "Hub JIPP Sulawesi Utara"))
        page.get_by_role("link", name="Tambahkan halaman turunan").first.click()
        page.wait_for_load_state()
        if "/add/innovations/innovationpage/" not in page.url:  # a hub takes several page types
            page.get_by_role("link", name=re.compile("^Inovasi")).first.click()
        page.wait_for_url("**/add/innovations/innovationpage/**")
        page.fill("#id_title", title)
        page.fill("#id_summary", "Perpustakaan di atas perahu singgah di pulau-pulau kecil setiap pekan.")
        page.locator("#id_agency-chooser button:visible").first.click()
        chooser = page.locator(".modal-content:visible").first
        chooser.locator("input[name=q]").fill("Bitung")
        chooser.get_by_role("link", name="Pemerintah Kota Bitung").click()
        page.wait_for_function("() => document.querySelector('#id_agency').value !== ''")
        page.fill("#id_year_started", "2022")
        shot(page, f"journey3-editor-{size}")
        page.get_by_role("button", name="Tindakan lain").click()  # Wagtail's "More actions", in Indonesian (locale/id)
        page.locator("button[name=action-submit]").click()
        page.wait_for_load_state()
        assert "telah dibuat dan dikirim untuk dimoderasi" in page.locator(".messages").inner_text()

        # the hub's moderation workflow: the coordinator finds it waiting and approves it
        page.goto(site.url + "/admin/")
        waiting = page.locator("section").filter(has=page.locator("h2", has_text=re.compile("Menunggu tinjauan anda", re.IGNORECASE)))
        waiting.get_by_role("link", name=title).first.click()
        page.wait_for_url("**/edit/")
        page.get_by_role("button", name="Tindakan lain").click()  # Wagtail's "More actions", in Indonesian (locale/id)
        page.get_by_role("button", name="Menyetujui dan Publikasikan").click()
        page.wait_for_load_state()
        shot(page, f"journey3-approved-{size}")

        context.clear_cookies()  # as the public
        page.goto(site.url + f"/cari/?q=perahu+pustaka+{size}")
        hit = page.locator(".search-hit").filter(has_text="Bitung").first
        assert title in hit.inner_text().replace("\n", " ")
        hit.get_by_role("link").first.click()
        page.wait_for_load_state()
        assert page.locator("h1").inner_text().endswith(title)
        assert "Pemerintah Kota Bitung" in page.locator("dl.facts").inner_text()
        assert "Hub JIPP Sulawesi Utara" in page.locator("dl.facts").inner_text()
    finally:
        context.close()


def page_url_of_hub(page, site, hub_title):
    """The admin explorer address of a hub, found the way an editor would: by searching."""
    page.goto(site.url + "/admin/pages/search/?q=" + hub_title.replace(" ", "+"))
    return page.get_by_role("link", name=hub_title, exact=True).first.get_attribute("href").replace("/edit/", "/")


def test_4_agency_submits_pkri_self_assessment_and_assessor_scores_it(journey_site, browser, tmp_path):
    site, size = journey_site, journey_site.viewport
    evidence = tmp_path / "bukti-kebijakan.pdf"
    evidence.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    context, page = new_page(browser, size)
    try:
        login(page, site, "editor.manado")
        page.goto(site.url + "/pkri/2026/asesmen/")
        page.get_by_role("link", name="Pemerintah Kota Manado").click()
        page.wait_for_load_state()
        indicators = page.locator("fieldset.indicator")
        assert indicators.count() == 3
        for i in range(indicators.count()):
            block = indicators.nth(i)
            block.locator("input[type=radio]").nth(3).check()
            block.locator("textarea").fill("Dijalankan sejak 2023 dengan anggaran APBD; laporan tahunan tersedia.")
            block.locator("input[type=file]").set_input_files(str(evidence))
        shot(page, f"journey4-self-assessment-{size}")
        page.get_by_role("button", name=re.compile("^Ajukan")).click()
        page.wait_for_load_state()
        assert "Asesmen mandiri diajukan. Isian kini terkunci." in page.locator(".messages").inner_text()
        assert "Diajukan" in page.locator("p.meta").first.inner_text()
        assert page.locator("input[type=radio]:not([disabled])").count() == 0
        context.clear_cookies()

        login(page, site, "asesor")
        page.goto(site.url + "/pkri/2026/penilaian/")
        page.get_by_role("link", name="Pemerintah Kota Manado", exact=True).click()
        page.wait_for_load_state()
        assert "Skor mandiri" in page.locator("main").inner_text()
        blocks = page.locator("fieldset.indicator")
        for i in range(blocks.count()):
            blocks.nth(i).locator("input[type=radio]").nth(2).check()
            blocks.nth(i).locator("textarea").fill("Bukti ada, tetapi evaluasi belum rutin.")
        page.get_by_role("button", name="Simpan nilai").click()
        page.wait_for_load_state()
        shot(page, f"journey4-scored-{size}")
        assert "Nilai tersimpan." in page.locator(".messages").inner_text()
        checked = page.locator("fieldset.indicator input[type=radio]:checked")
        assert checked.count() == 3 and {checked.nth(i).get_attribute("value") for i in range(3)} == {"3"}
    finally:
        context.close()


def test_5_national_admin_imports_a_csv_after_fixing_a_bad_row(journey_site, browser, tmp_path):
    site, size = journey_site, journey_site.viewport
    header = "sumber,id_sumber,judul,ringkasan,instansi,wilayah,tahun_mulai,kategori"
    good = f"kipp,JOURNEY-{size}-1,Layanan Adminduk Keliling Pulau {size},Petugas Dukcapil berkeliling pulau kecil.,Pemerintah Kota Manado,71.71,2021,Administrasi Kependudukan"
    bad = f"kipp,JOURNEY-{size}-2,Kios Pajak Pasar {size},Bayar pajak di pasar.,Pemerintah Kota Manado,71.71,20021,Perizinan dan Investasi"
    path = tmp_path / "impor-hub.csv"
    path.write_text(f"{header}\n{good}\n{bad}" + "\n", encoding="utf-8")
    context, page = new_page(browser, size)
    try:
        login(page, site, "admin")
        page.goto(site.url + "/admin/impor/")
        page.set_input_files("input[type=file][name=file]", str(path))
        page.get_by_role("button", name="Unggah dan periksa").click()
        page.wait_for_url(re.compile(r".*/admin/impor/\d+/$"))
        report = page.locator("main").inner_text()
        assert "Selesai diperiksa" in report
        row = page.locator("table.listing tbody tr", has_text="tahun_mulai")
        assert row.locator("td").all_inner_texts() == ["3", "tahun_mulai", "20021", "Bukan tahun empat angka."]
        assert page.get_by_role("button", name="Impor sekarang").count() == 0
        shot(page, f"journey5-dry-run-{size}")

        path.write_text("\n".join([header, good, bad.replace(",20021,", ",2021,")]) + "\n", encoding="utf-8")
        page.goto(site.url + "/admin/impor/")
        page.set_input_files("input[type=file][name=file]", str(path))
        page.get_by_role("button", name="Unggah dan periksa").click()
        page.wait_for_url(re.compile(r".*/admin/impor/\d+/$"))
        assert "Baris tidak sah\n0" in page.locator("main table.listing").first.inner_text().replace("\t", "\n")
        page.get_by_role("button", name="Impor sekarang").click()
        page.wait_for_load_state()
        shot(page, f"journey5-imported-{size}")
        assert "Impor selesai: 2 inovasi baru" in page.locator("main").inner_text()

        page.goto(site.url + f"/cari/?q=kios+pajak+pasar+{size}")
        assert f"Kios Pajak Pasar {size}" in page.locator(".search-results").inner_text()
    finally:
        context.close()
