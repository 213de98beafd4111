"""The province map in a browser: drawn lazily from the shipped outlines, its provinces lead to
the catalogue filtered by province; without JavaScript its table does."""
import pytest

from .conftest import axe_violations, new_page, shot

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_the_map_is_drawn_and_a_province_filters_the_catalogue(demo_site, browser, viewport):
    context, page = new_page(browser, viewport)
    outlines = []
    page.on("request", lambda r: outlines.append(r.url) if "indonesia-provinces" in r.url else None)
    try:
        page.goto(demo_site.url + "/hub/")
        section = page.locator("[data-province-map]")
        section.scroll_into_view_if_needed()
        page.wait_for_selector(".map-canvas svg path", state="attached")
        assert len(outlines) == 1
        assert page.locator(".map-canvas svg path").count() == 33
        assert page.locator(".map-canvas svg circle.hub").count() >= 1
        assert not page.locator("[data-map-table]").evaluate("d => d.open")  # the table folds away
        shot(page, f"map-hub-index-{viewport}")
        assert not axe_violations(page)
        link = page.locator(".map-canvas a", has=page.locator("path[data-codes='71']"))
        href = link.get_attribute("href")
        assert href.endswith("/inovasi/?provinsi=sulawesi-utara")
        page.goto(demo_site.url + href)
        assert "Sulawesi Utara" in page.locator(".active-filters").inner_text()
    finally:
        context.close()


def test_without_javascript_the_table_is_the_map(demo_site, browser):
    context, page = new_page(browser, "phone", java_script_enabled=False)
    try:
        page.goto(demo_site.url + "/")
        page.locator("[data-map-table] summary").click()  # folded on the home page; opens without JS
        table = page.locator("[data-map-table] table")
        assert table.is_visible()
        assert table.locator("tbody tr").count() == 38
        page.locator("[data-map-table] tbody a", has_text="Sulawesi Utara").first.click()
        page.wait_for_url("**/inovasi/?provinsi=sulawesi-utara")
        assert page.locator("main .card").count() > 0
    finally:
        context.close()
