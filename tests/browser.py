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
