"""Rough edges of issue 13 seen on the demo at desktop and phone sizes: words broken mid-word in
table cells and counts, a header three rows tall on phones, catalogue filters pushing the first
result below the fold. Against the running demo portal."""
import pytest

from .conftest import VIEWPORTS, new_page, shot

pytestmark = pytest.mark.e2e

PAGES = {
    "beranda": "/",
    "daftar-hub": "/hub/",
    "hub": "/hub/sulawesi-utara/",
    "katalog": "/inovasi/",
    "inovasi": "/hub/sulawesi-utara/pahala-kabupaten-bolaang-mongondow-1/",
    "cari": "/cari/?q=akta+kelahiran",
    "replikasi": "/replikasi/",
    "pkri": "/pkri/",
}

# Every table cell and every count: none may let a word break inside itself, neither by style
# (``word-break: break-all``, ``overflow-wrap: anywhere`` let the table squeeze a column below its
# longest word) nor in fact (a word whose letters land on two lines). Hidden tables (a chart's
# table inside a closed <details>) are opened first so they are checked too.
BROKEN_WORDS = """(selector) => {
  document.querySelectorAll('details').forEach(d => { d.open = true; });
  const found = [];
  for (const el of document.querySelectorAll(selector)) {
    if (!el.getClientRects().length || el.closest('.visually-hidden, .visually-hidden-focusable')) continue;
    const style = getComputedStyle(el);
    const label = el.tagName.toLowerCase() + ' "' + el.textContent.trim().slice(0, 40) + '"';
    if (style.wordBreak === 'break-all' || style.overflowWrap === 'anywhere') {
      found.push(label + ': word-break ' + style.wordBreak + ', overflow-wrap ' + style.overflowWrap);
      continue;
    }
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode;
      if (node.parentElement.closest('.visually-hidden')) continue;
      for (const m of node.data.matchAll(/[^\\s\\-\\u2013\\u2014\\/]+/g)) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const lines = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
        if (lines.size > 1) found.push(label + ': "' + m[0] + '" runs over ' + lines.size + ' lines');
      }
    }
  }
  return found;
}"""
# chart labels too: a province name in a bar chart is read like a table cell
CELLS = "td, th, .count, .stats dd, .result-count, .stage-counts strong, .bar-chart li > span:first-child"


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_no_table_cell_or_count_breaks_a_word(demo_site, browser, viewport):
    context, page = new_page(browser, viewport)
    failures = {}
    try:
        for name, path in PAGES.items():
            page.goto(demo_site.url + path)
            assert page.locator("main").count(), path
            shot(page, f"edges-{viewport}-{name}")
            found = page.evaluate(BROKEN_WORDS, CELLS)
            if found:
                failures[path] = found
    finally:
        context.close()
    assert not failures, "\n".join(f"{path}: {f}" for path, fs in failures.items() for f in fs[:8])


def test_header_is_at_most_two_rows_on_a_phone(demo_site, browser):
    context, page = new_page(browser, "phone")
    try:
        for path in ("/", "/inovasi/"):
            page.goto(demo_site.url + path)
            # a row starts with an element that lies wholly below the previous row
            rows = page.evaluate("""() => {
                const boxes = [...document.querySelector('.site-header .container').children]
                    .filter(e => e.getClientRects().length).map(e => e.getBoundingClientRect())
                    .sort((a, b) => a.top - b.top);
                let rows = 0, bottom = -Infinity;
                for (const b of boxes) { if (b.top >= bottom - 1) { rows += 1; } bottom = Math.max(bottom, b.bottom); }
                return rows }""")
            height = page.evaluate("() => document.querySelector('.site-header').getBoundingClientRect().height")
            assert rows <= 2 and height <= 160, f"{path}: the header has {rows} rows, {height:.0f} px"
    finally:
        context.close()


@pytest.mark.parametrize(("path", "first_result", "a_filter"), [
    ("/inovasi/", "#hasil .card", "#filter-status"),
    ("/cari/?q=pelayanan", "#hasil .search-hit", "fieldset.facet"),
])
def test_filters_fold_away_on_a_phone(demo_site, browser, path, first_result, a_filter):
    context, page = new_page(browser, "phone")
    try:
        page.goto(demo_site.url + path)
        first = page.locator(first_result).first
        top = first.evaluate("e => e.getBoundingClientRect().top")
        assert top < VIEWPORTS["phone"]["height"], f"the first result starts at {top:.0f} px"
        assert not page.locator(a_filter).first.is_visible()
        page.locator(".filter-panel > summary").click()
        assert page.locator(a_filter).first.is_visible()
        shot(page, f"edges-phone-filter-terbuka{path.split('?')[0].replace('/', '-')}")
    finally:
        context.close()
    context, page = new_page(browser, "desktop")
    try:
        page.goto(demo_site.url + path)
        assert page.locator(a_filter).first.is_visible()  # open beside the results on a wide screen
    finally:
        context.close()
