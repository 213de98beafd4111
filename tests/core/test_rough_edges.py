"""Issue 13's rough edges outside the page layout: the printable view's addresses, the address
`make run` prints."""
import io
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command

from innovations.factories import InnovationPageFactory
from tests.helpers import soup_of

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_print_view_links_to_the_address_the_site_is_reached_by(client, site_pages, hub_a, agency_a):
    page = InnovationPageFactory(parent=hub_a, agency=agency_a, title="Samsat Keliling", slug="samsat-keliling")
    # the Site record says localhost:80 after set-up; the reader came through portal.example:8031
    html = soup_of(client.get(page.url + "cetak/", HTTP_HOST="portal.example:8031"))
    address = f"http://portal.example:8031{page.url}"
    assert html.find("link", rel="canonical")["href"] == address
    assert address in html.get_text() and "localhost" not in str(html)


@pytest.mark.django_db
def test_seed_demo_prints_the_address_it_is_given_and_writes_the_first_dump(demo, settings, tmp_path, client):
    from opendata import dump

    settings.MEDIA_ROOT = str(tmp_path)
    assert not dump.available()
    out = io.StringIO()
    call_command("seed_demo", if_empty=True, address="http://127.0.0.1:8123", stdout=out)
    assert "Admin: http://127.0.0.1:8123/admin/" in out.getvalue() and ":8000" not in out.getvalue()
    # /data/ right after set-up lists a dump instead of saying none exists yet
    assert len(dump.available()) == 1
    assert soup_of(client.get("/data/")).select("table a[download]")


@pytest.mark.parametrize(("host", "port", "shown"), [("127.0.0.1", "8000", "127.0.0.1:8000"),
                                                    ("0.0.0.0", "8123", "127.0.0.1:8123"),
                                                    ("192.168.1.5", "9000", "192.168.1.5:9000")])
def test_make_run_prints_the_address_it_serves(host, port, shown):
    commands = subprocess.run(["make", "-n", "run", f"HOST={host}", f"PORT={port}"], cwd=ROOT, check=True,
                              capture_output=True, text=True).stdout
    assert f"runserver {host}:{port}" in commands
    assert f"seed_demo --if-empty --address http://{shown}" in commands
    assert f"Portal:  http://{shown}/    Admin: http://{shown}/admin/" in commands


def test_favicon_ico_leads_to_the_portal_icon(client):
    # browsers ask for it where a page names no icon (an API answer): never a 404 in their console
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("img/favicon.svg")
