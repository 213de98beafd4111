"""axe-core on every public page type and on the agency forms; keyboard use; 320 px layouts;
page weight; reading and searching without JavaScript. Against the running demo portal."""
import re
import urllib.request

import pytest

from .conftest import axe_violations, login, new_page, shot

pytestmark = pytest.mark.e2e

INNOVATION = "/hub/sulawesi-utara/pelayanan-akta-kelahiran-langsung-di-desa-kabupaten-bolaang-mongondow/"


def _first_link(site, listing, pattern):
    html = urllib.request.urlopen(site.url + listing, timeout=10).read().decode()
    for href in re.findall(r'href="([^"]+)"', html):
        if re.fullmatch(pattern, href):
            return href
    raise AssertionError(f"no link matching {pattern} on {listing}")


@pytest.fixture(scope="module")
def public_pages(demo_site):
    return {
        "beranda": "/",
        "katalog": "/inovasi/",
        "katalog terfilter": "/inovasi/?status=berlanjut&penghargaan=top-99",
        "tag": "/inovasi/tag/digitalisasi/",
        "daftar hub": "/hub/",
        "hub": "/hub/sulawesi-utara/",
        "inovasi": INNOVATION,
        "versi cetak": INNOVATION + "cetak/",
        "hubungi inovator": INNOVATION + "kontak/",
        "cari (kosong)": "/cari/",
        "cari (hasil)": "/cari/?q=akta+kelahiran",
        "berita": "/berita/",
        "berita (isi)": _first_link(demo_site, "/berita/", r"/hub/[\w-]+/berita-[\w-]+/"),
        "agenda": "/agenda/",
        "agenda (isi)": _first_link(demo_site, "/agenda/", r"/hub/[\w-]+/agenda-[\w-]+/"),
        "agenda (kalender)": "/agenda/?bulan=2026-10&jenis=coaching_clinic",
        "klinik nasional (laporan, angkatan)": "/hub/nasional/klinik-inovasi-nasional/",
        "kematangan hub": "/kematangan/",
        "artikel": "/artikel/",
        "replikasi": "/replikasi/",
        "replikasi (isi)": _first_link(demo_site, "/replikasi/", r"/replikasi/\d+/"),
        "pkri": "/pkri/",
        "pkri 2024": "/pkri/2024/",
        "data terbuka": "/data/",
        "aksesibilitas": "/aksesibilitas/",
        "tidak ditemukan (404)": "/tidak-ada/",
    }


def test_public_pages_have_no_serious_axe_violations(demo_site, browser, public_pages):
    context, page = new_page(browser)
    failures = {}
    try:
        for name, path in public_pages.items():
            page.goto(demo_site.url + path)
            found = axe_violations(page)
            if found:
                failures[name] = found
    finally:
        context.close()
    assert not failures, "\n".join(f"{name}: {v}" for name, vs in failures.items() for v in vs)


def test_agency_forms_have_no_serious_axe_violations(demo_site, browser):
    context, page = new_page(browser)
    failures = {}
    try:
        login(page, demo_site, "editor.manado")
        # the replication form of another agency's innovation (Jawa Tengah's first, by title)
        page.goto(demo_site.url + "/inovasi/?hub=jawa-tengah&urutkan=judul")
        page.locator("main .card a").first.click()
        page.wait_for_load_state()
        ask = page.get_by_role("link", name="Replikasi inovasi ini").get_attribute("href")
        forms = {"ajukan replikasi": ask, "asesmen mandiri (daftar)": "/pkri/2026/asesmen/"}
        page.goto(demo_site.url + "/pkri/2026/asesmen/")
        link = page.locator("main a[href^='/pkri/2026/asesmen/']").first.get_attribute("href")
        forms["asesmen mandiri (formulir)"] = link
        forms["replikasi saya"] = "/replikasi/saya/"
        for name, path in forms.items():
            page.goto(demo_site.url + path)
            assert page.locator("main form, main table, main ul").count(), name
            found = axe_violations(page)
            if found:
                failures[name] = found
        # a form with its error messages showing
        page.goto(demo_site.url + ask)
        page.evaluate("() => document.querySelectorAll('form').forEach(f => f.noValidate = true)")  # reach the server
        page.get_by_role("button", name="Ajukan replikasi").click()
        page.wait_for_load_state()
        assert page.locator(".error-message, .errorlist").count()
        found = axe_violations(page)
        if found:
            failures["ajukan replikasi (dengan galat)"] = found
    finally:
        context.close()
    assert not failures, "\n".join(f"{name}: {v}" for name, vs in failures.items() for v in vs)


@pytest.mark.parametrize("path", [INNOVATION, "/inovasi/?status=berlanjut", "/cari/?q=akta+kelahiran", "/replikasi/", "/data/"])
def test_keyboard_skip_link_and_visible_focus(demo_site, browser, path):
    context, page = new_page(browser)
    try:
        page.goto(demo_site.url + path)
        page.keyboard.press("Tab")
        focused = page.evaluate("() => [document.activeElement.className, document.activeElement.getAttribute('href')]")
        assert focused == ["skip-link", "#konten"]
        assert page.locator(".skip-link").is_visible()
        page.keyboard.press("Enter")
        assert page.evaluate("() => document.activeElement.id") == "konten"
        # every focus stop of the page shows an outline
        seen = 0
        for _ in range(25):
            page.keyboard.press("Tab")
            style = page.evaluate("""() => { const e = document.activeElement; const s = getComputedStyle(e);
                return [e.tagName, s.outlineStyle, parseFloat(s.outlineWidth)] }""")
            if style[0] == "BODY":
                break
            assert style[1] != "none" and style[2] >= 2, style
            seen += 1
        assert seen >= 10
    finally:
        context.close()


def test_form_errors_are_tied_to_their_fields(demo_site, browser):
    context, page = new_page(browser)
    try:
        page.goto(demo_site.url + INNOVATION + "kontak/")
        page.evaluate("() => document.querySelectorAll('form').forEach(f => f.noValidate = true)")
        page.locator("main form button[type=submit]").click()
        page.wait_for_load_state()
        invalid = page.locator("main [aria-invalid=true]")
        assert invalid.count() >= 1
        for i in range(invalid.count()):
            described = invalid.nth(i).get_attribute("aria-describedby") or ""
            texts = [page.locator(f"#{ident}").inner_text() for ident in described.split() if ident]
            assert any(t.strip() for t in texts), invalid.nth(i).get_attribute("name")
    finally:
        context.close()


@pytest.mark.parametrize("path", ["/", "/inovasi/", INNOVATION, "/hub/sulawesi-utara/", "/cari/?q=akta+kelahiran",
                                  "/replikasi/", "/pkri/2024/", "/data/", "/berita/", "/kematangan/",
                                  "/agenda/?bulan=2026-10", "/hub/nasional/klinik-inovasi-nasional/"])
def test_no_horizontal_scrolling_at_320px(demo_site, browser, path):
    context, page = new_page(browser, {"width": 320, "height": 640})
    try:
        page.goto(demo_site.url + path)
        widths = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
        assert widths[0] <= widths[1], f"{path}: content {widths[0]} px wide in a {widths[1]} px window"
        if path == "/":
            shot(page, "phone-320-home")
    finally:
        context.close()


@pytest.mark.parametrize("path", ["/", "/inovasi/", INNOVATION])
def test_first_load_weighs_under_500_kb(demo_site, browser, path):
    context, page = new_page(browser, "phone")
    sizes = {}

    def record(response):
        try:
            sizes[response.url] = len(response.body())
        except Exception:  # noqa: BLE001 -- a redirect has no body
            sizes[response.url] = 0

    page.on("response", record)
    try:
        page.goto(demo_site.url + path, wait_until="load")
        page.wait_for_load_state("networkidle")
    finally:
        context.close()
    total = sum(sizes.values())
    print(f"{path}: {total / 1024:.0f} KB in {len(sizes)} responses")
    assert len(sizes) >= 2  # the page and at least its stylesheet were counted
    assert total < 500 * 1024, f"{path} weighs {total / 1024:.0f} KB: " + ", ".join(f"{u} {s}" for u, s in sizes.items())


def test_read_and_search_without_javascript(demo_site, browser):
    context, page = new_page(browser, "phone", java_script_enabled=False)
    try:
        page.goto(demo_site.url + "/")
        # the header's box suggests as people type (a datalist), so it is a combobox
        page.get_by_role("combobox", name="Cari inovasi").first.fill("akta kelahiran")
        page.get_by_role("button", name="Cari", exact=True).first.click()
        page.wait_for_url("**/cari/?**")
        assert "inovasi ditemukan" in page.locator("#result-heading").inner_text()
        page.locator("main .search-hit a").first.click()
        page.wait_for_load_state()
        assert "Akta Kelahiran" in page.locator("h1").inner_text()
        assert page.locator("dl.facts").is_visible()
        page.goto(demo_site.url + "/inovasi/?status=berlanjut")
        assert page.locator("main .card").count() > 0
    finally:
        context.close()


def test_header_search_suggests_inside_words_and_catalogue_filters_are_checkbox_groups(demo_site, browser):
    context, page = new_page(browser, "phone")
    try:
        page.goto(demo_site.url + "/inovasi/")
        box = page.get_by_role("combobox", name="Cari inovasi").first
        box.fill("lahir")  # inside "Kelahiran": the header reuses /cari/'s suggestions
        options = "header .suggest-list [role=option]"
        # functions, not expression strings: Playwright evals a string in the page, which the CSP refuses
        page.wait_for_function(f"() => document.querySelectorAll('{options}').length > 0", timeout=10_000)
        labels = page.eval_on_selector_all(options, "os => os.map(o => o.textContent)")
        assert any("Kelahiran" in label for label in labels)
        assert labels[0].startswith("Inovasi")  # innovations first, in the server's order
        assert box.get_attribute("aria-expanded") == "true"
        # the keyboard chooses a suggestion: down, then Enter opens it; Escape closes the list
        box.press("Escape")
        assert box.get_attribute("aria-expanded") == "false"
        box.fill("kelahiran")
        page.wait_for_function("() => document.querySelector('header [role=combobox]').getAttribute('aria-expanded') === 'true'",
                               timeout=10_000)
        box.press("ArrowDown")
        assert page.locator(options).first.get_attribute("aria-selected") == "true"
        box.press("Enter")
        page.wait_for_load_state()
        assert "Kelahiran" in page.locator("h1").inner_text()
        page.goto(demo_site.url + "/inovasi/")
        # on a phone the filters are folded under "Saring inovasi": open it, then a filter group
        # opens from the keyboard and a ticked value narrows the list
        page.locator("#filter-panel > summary").click()
        page.locator("#filter-status summary").focus()
        page.keyboard.press("Enter")
        page.locator("#filter-status input[type=checkbox]").first.check()
        page.get_by_role("button", name="Terapkan").click()
        page.wait_for_url("**/inovasi/?**status=**")
        assert page.locator("#filter-status").get_attribute("open") is not None
        assert page.evaluate("document.documentElement.scrollWidth") <= 375
    finally:
        context.close()
