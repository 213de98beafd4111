"""Headless Chromium for the browser tests: Debian's package, driven by Playwright (nothing
downloads a browser). One browser per test session, shared by tests/e2e and tests/journeys:
Playwright's sync API allows one running instance per thread."""
import os
import shutil
from pathlib import Path

# Playwright's sync API runs an event loop in this thread; the test body still talks to the
# database (to build data and check results), which Django allows only when told so.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path():
    return os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"


class CspWatch:
    """Every browser context the tests open reports here what the Content-Security-Policy
    refused (Chromium logs each refusal, enforced or ``[Report Only]``, to the console; a blocked
    ``eval`` surfaces as a page error). ``tests/conftest.py`` attaches it to every context of the
    shared browser and fails the test that caused any."""

    MARK = "Content Security Policy"

    def __init__(self):
        self.violations = []

    def attach(self, context):
        context.on("console", lambda message: self._note(message.text, message.page))
        context.on("weberror", lambda error: self._note(str(error.error), error.page))
        return context

    def _note(self, text, page):
        if self.MARK in text:
            self.violations.append(f"{page.url if page else '?'}: {text}")

    def take(self):
        found, self.violations = self.violations, []
        return found


CSP_WATCH = CspWatch()


def watch_csp(browser):
    """Make every context (and page) this browser opens report to ``CSP_WATCH``."""
    open_context, open_page = browser.new_context, browser.new_page

    def new_context(*args, **kwargs):
        return CSP_WATCH.attach(open_context(*args, **kwargs))

    def new_page(*args, **kwargs):
        page = open_page(*args, **kwargs)
        CSP_WATCH.attach(page.context)
        return page

    browser.new_context, browser.new_page = new_context, new_page
    return browser
