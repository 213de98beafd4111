"""Headless Chromium (Debian's package) driven by Playwright against pytest-django's live server.

No browser is downloaded: Playwright launches /usr/bin/chromium. Screenshots of key screens
are written to test-artifacts/ so CI keeps what a person would have seen.
"""
import pytest

from tests.browser import ARTIFACTS


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="id-ID")
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def screenshot(page):
    ARTIFACTS.mkdir(exist_ok=True)

    def take(name):
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)

    return take


@pytest.fixture(autouse=True)
def _migration_data(migration_data):
    """Browser tests commit, so each starts from a flushed database: bring back migration data."""
