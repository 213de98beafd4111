"""Issue 13: the README's "two commands" section names everything a fresh machine needs for
`make test` (what the Makefile and its scripts actually call), the HOST/PORT variables, how long
the first run takes and the catalogue's page parameters."""
import re
from pathlib import Path

from django.conf import settings

from core.pagination import PAGE_PARAM

ROOT = Path(__file__).resolve().parents[2]


def _section():
    text = (ROOT / "README.md").read_text()
    return text[text.index("## The two commands"):text.index("### Demo accounts")]


def test_what_make_test_needs_is_in_the_readme():
    makefile = (ROOT / "Makefile").read_text()
    section = _section()
    # what the test target really runs ...
    assert "npm ci" in makefile and "scripts/ensure-chromium.sh" in makefile and "scripts/ensure-services.sh" in makefile
    assert "apt-get install" in (ROOT / "scripts/ensure-chromium.sh").read_text()
    assert "redis-server" in (ROOT / "scripts/ensure-services.sh").read_text()
    # ... is named, with how to get it
    for needed in ("npm ci", "Node.js", "chromium", "as root", "Redis", "redis-server", "6379", "Python 3.11"):
        assert needed in section, needed


def test_host_port_first_run_and_page_parameters_are_documented():
    section = _section()
    makefile = (ROOT / "Makefile").read_text()
    for variable in ("HOST", "PORT"):
        assert re.search(rf"^{variable} \?= ", makefile, re.MULTILINE) and f"`{variable}`" in section
    assert "first run takes" in section
    assert f"`{PAGE_PARAM}`" in section and "`per_halaman`" in section
    assert all(str(size) in section for size in settings.CATALOGUE_PAGE_SIZES)
