"""The running portal with demo data, driven by headless Chromium (Debian's package, through
Playwright; nothing downloads a browser).

Unlike ``tests/e2e`` (pytest-django's live server on the test database), these tests start the
portal the way ``make run`` does: a fresh SQLite database, ``migrate``, ``seed_demo`` (60
innovations, every role, replications, PKRI 2024 published and 2026 open) and ``runserver`` on a
free port, once per session. Journeys change data (they import, create, submit), so each one
uses demo records no other test depends on. Screenshots land in test-artifacts/.
"""
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.browser import ARTIFACTS

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
DEMO_PASSWORD = "jippnas-demo-2026"
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 375, "height": 812}}


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class DemoSite:
    """A portal process on a fresh SQLite database with the demo loaded (``make run``'s set-up)."""

    def __init__(self, root):
        self.root = root
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "jippnas.settings.dev",
            "DATABASE_URL": f"sqlite:///{root / 'demo.sqlite3'}",
            "MEDIA_ROOT": str(root / "media"),
            "PYTHONUNBUFFERED": "1",
        }
        for name in ("CELERY_BROKER_URL", "ELASTICSEARCH_URL", "CACHE_URL"):
            self.env.pop(name, None)  # the embedded defaults, as `make run` has them
        self.manage = [sys.executable, str(ROOT / "manage.py")]
        subprocess.run([*self.manage, "migrate", "--noinput", "-v0"], env=self.env, check=True, cwd=ROOT)
        subprocess.run([*self.manage, "seed_demo", "--base-innovations", "60", "-v0"], env=self.env, check=True,
                       cwd=ROOT, stdout=subprocess.DEVNULL)
        port = _free_port()
        self.log = open(root / "server.log", "w")  # noqa: SIM115 -- open while the server runs; closed in stop()
        self.server = subprocess.Popen([*self.manage, "runserver", f"127.0.0.1:{port}", "--noreload"], env=self.env,
                                       cwd=ROOT, stdout=self.log, stderr=subprocess.STDOUT)
        self.url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(self.url + "/kesehatan/", timeout=2)
                break
            except OSError:
                if self.server.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError("the demo server did not start:\n" + (root / "server.log").read_text()[-3000:])
                time.sleep(0.3)

    def stop(self):
        self.server.terminate()
        try:
            self.server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.server.kill()
        self.log.close()


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory):
    """One demo portal for the read-only checks (accessibility, phones)."""
    site = DemoSite(tmp_path_factory.mktemp("demo-site"))
    yield site
    site.stop()


@pytest.fixture(scope="module", params=list(VIEWPORTS))
def journey_site(request, tmp_path_factory):
    """A fresh demo portal per viewport: journeys change data, and each runs at both sizes."""
    site = DemoSite(tmp_path_factory.mktemp(f"journeys-{request.param}"))
    site.viewport = request.param
    yield site
    site.stop()


def new_page(browser, viewport="desktop", **options):
    size = viewport if isinstance(viewport, dict) else VIEWPORTS[viewport]
    context = browser.new_context(viewport=size, locale="id-ID", **options)
    context.set_default_timeout(15_000)
    return context, context.new_page()


def login(page, site, username):
    page.goto(site.url + "/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")


def shot(page, name):
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def axe_violations(page, impacts=("serious", "critical")):
    """Run axe-core (from the npm registry, injected into the page) against WCAG 2.1 A/AA."""
    # evaluated through the DevTools protocol, which the page's CSP does not govern (an injected
    # <script> tag would be an inline script, refused by it)
    page.evaluate("() => { " + AXE.read_text(encoding="utf-8") + "\n}")
    result = page.evaluate(
        """async () => await axe.run(document, {runOnly: {type: 'tag',
               values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}, resultTypes: ['violations']})"""
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — " + "; ".join(n["target"][0] if isinstance(n["target"][0], str) else str(n["target"]) for n in v["nodes"][:5])
        for v in result["violations"] if v["impact"] in impacts
    ]
