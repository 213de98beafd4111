"""The public header: who is signed in with their links (and the hook other apps add theirs
with), and the search box that suggests as people type, on every page."""
import pytest
from wagtail import hooks

from agencies.factories import UserFactory
from core.account_links import HOOK, AccountLink
from tests.helpers import soup_of

pytestmark = pytest.mark.django_db


def account_bar(client, url="/inovasi/"):
    response = client.get(url)
    assert response.status_code == 200
    return soup_of(response).select_one("header .account-bar")


def links_of(bar):
    return {a["data-account-link"]: a["href"] for a in bar.select("a[data-account-link]")}


def test_anonymous_visitors_see_no_account_bar(client, site_pages):
    assert account_bar(client) is None


def test_an_agency_editor_sees_their_name_replications_and_the_admin(client, site_pages, editor_a):
    editor_a.first_name, editor_a.last_name = "Rina", "Wulandari"
    editor_a.save()
    client.force_login(editor_a)
    bar = account_bar(client)
    assert "Rina Wulandari" in bar.get_text()
    assert links_of(bar) == {"replikasi-saya": "/replikasi/saya/", "pendaftaran-klinik": "/klinik/pendaftaran-saya/",
                             "admin": "/admin/"}
    assert bar.select_one("form[action='/admin/logout/'] button")


def test_a_coordinator_and_a_national_admin_reach_the_admin(client, site_pages, coordinator_a, national_admin):
    for user in (coordinator_a, national_admin):
        client.force_login(user)
        bar = account_bar(client, "/")
        assert user.get_username() in bar.get_text()
        assert links_of(bar)["admin"] == "/admin/"


def test_a_person_without_admin_access_gets_no_admin_link(client, site_pages):
    client.force_login(UserFactory(username="warga-biasa"))
    assert links_of(account_bar(client)) == {"replikasi-saya": "/replikasi/saya/"}


def test_other_apps_add_links_through_the_hook(client, site_pages, editor_a):
    """Where "Proposal kami" goes once proposals exist: between the core links and the admin."""

    def proposal(user):
        return [AccountLink("Proposal kami", "/proposal/kami/", "proposal")]

    client.force_login(editor_a)
    with hooks.register_temporarily(HOOK, proposal):
        bar = account_bar(client)
    assert list(links_of(bar)) == ["replikasi-saya", "pendaftaran-klinik", "proposal", "admin"]
    assert "Proposal kami" in bar.get_text()


def test_the_header_search_box_suggests_on_every_page(client, site_pages):
    for url in ("/", "/inovasi/", "/cari/?q=akta"):
        soup = soup_of(client.get(url))
        box = soup.select_one("header form.header-search input[name=q]")
        assert box["data-autocomplete"] == "/api/cari/saran/" and box["autocomplete"] == "off"
        assert soup.select_one(f"datalist#{box['list']}") is not None
        assert len(soup.select("script[src$='js/autocomplete.js']")) == 1, url
