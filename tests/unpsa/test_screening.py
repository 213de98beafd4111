"""The screening list in the admin: who may see it, what it lists, its filters, hostile
parameters and its query count."""
import pytest

from innovations.factories import InnovationPageFactory
from unpsa.models import Nomination

from ..helpers import count_queries
from .conftest import make_awarded

pytestmark = pytest.mark.django_db

URL = "/admin/unpsa/"


def test_anonymous_is_sent_to_sign_in(client, cycle, awarded):
    response = client.get(URL)
    assert response.status_code == 302 and "/login/" in response.url
    response = client.get(f"/admin/unpsa/{cycle.year}/nominasi/{awarded['gender'].pk}/")
    assert response.status_code == 302 and "/login/" in response.url


@pytest.mark.parametrize("who", ["editor_a", "coordinator_a", "evaluator"])
def test_agency_hub_coordinator_and_evaluator_are_refused(client, request, who, cycle, awarded):
    client.force_login(request.getfixturevalue(who))
    page = awarded["gender"]
    assert client.get(URL).status_code in (302, 403)
    nomination_url = f"/admin/unpsa/{cycle.year}/nominasi/{page.pk}/"
    assert client.get(nomination_url).status_code in (302, 403)
    response = client.post(nomination_url, {"category": cycle.categories.first().pk, "result": "menunggu"})
    assert response.status_code in (302, 403)
    assert not Nomination.objects.exists()
    assert "Penyaringan UNPSA" not in client.get("/admin/").content.decode()


@pytest.mark.parametrize("who", ["national_admin", "secretariat"])
def test_national_admin_and_secretariat_screen(client, request, who, cycle, awarded, hub_a, agency_a):
    never_awarded = InnovationPageFactory(parent=hub_a, agency=agency_a, title="Inovasi Tanpa Penghargaan")
    client.force_login(request.getfixturevalue(who))
    assert "Penyaringan UNPSA" in client.get("/admin/").content.decode()
    body = client.get(URL).content.decode()
    assert awarded["gender"].title in body and awarded["stopped"].title in body
    assert never_awarded.title not in body
    assert f"Nominasikan ke UNPSA {cycle.year}" in body


@pytest.mark.parametrize("params, shown, hidden", [
    ("penghargaan=top-99", "stopped", "gender"),
    ("kategori=pelayanan-responsif-gender", "gender", "stopped"),
    ("sdg=5", "gender", "stopped"),
    ("status=berhenti", "stopped", "gender"),
    ("status=berlanjut&sdg=5&penghargaan=top-45", "gender", "stopped"),
])
def test_filters(client, national_admin, cycle, awarded, params, shown, hidden):
    client.force_login(national_admin)
    body = client.get(f"{URL}?{params}").content.decode()
    assert awarded[shown].title in body
    assert awarded[hidden].title not in body


@pytest.mark.parametrize("query", [
    "sdg=%D9%A3", "sdg=99999999999999999999999999", "sdg=-1", "penghargaan=%3Cscript%3E", "status=x' OR 1=1",
    "kategori=" + "a" * 5000, "halaman=99999999999999999999999", "halaman=%C2%B2", "siklus=1e9",
    "siklus=99999999999999999999", "siklus=%00", "nominasi=%00", "nominasi=" + "x" * 3000, "sdg=1&sdg=2&sdg=" + "&sdg=".join(["3"] * 60),
])
def test_hostile_filters_never_fail(client, national_admin, cycle, awarded, query):
    client.force_login(national_admin)
    response = client.get(f"{URL}?{query}")
    assert response.status_code == 200


@pytest.mark.parametrize("path", [
    "/admin/unpsa/99999999999999999999/nominasi/1/", "/admin/unpsa/2026/nominasi/99999999999999999999999/",
    "/admin/unpsa/abc/nominasi/%D9%A3/", "/admin/unpsa/1999/nominasi/1/",
])
def test_hostile_nomination_addresses_are_not_found(client, national_admin, cycle, path):
    client.force_login(national_admin)
    assert client.get(path).status_code == 404


def test_without_a_cycle_the_list_still_shows_and_says_what_to_do(client, national_admin, awarded):
    client.force_login(national_admin)
    body = client.get(URL).content.decode()
    assert awarded["gender"].title in body and "Belum ada siklus UNPSA" in body


def test_no_query_per_row(client, national_admin, cycle, hub_a, agency_a):
    client.force_login(national_admin)
    for n in range(3):
        page = make_awarded(hub_a, agency_a, category="kesehatan", sdg=3, title=f"Inovasi Awal {n}")
        Nomination.objects.create(innovation=page, cycle=cycle, category=cycle.categories.first())
    client.get(URL)  # warm the per-process caches (content types, site)
    _response, few = count_queries(client, URL)
    for n in range(12):
        page = make_awarded(hub_a, agency_a, "top-45", 2018 + n % 5, category="pendidikan", sdg=4,
                            title=f"Inovasi Tambahan {n}")
        if n % 2:
            Nomination.objects.create(innovation=page, cycle=cycle, category=cycle.categories.last())
    client.get(URL)  # new content starts a cache generation: the filter options are read once again
    response, many = count_queries(client, URL)
    assert response.status_code == 200 and "Inovasi Tambahan 11" in response.content.decode()
    assert many == few


def test_cycles_and_their_categories_are_configured_by_national_admins(client, national_admin, coordinator_a, cycle):
    client.force_login(coordinator_a)
    assert client.get("/admin/snippets/unpsa/cycle/").status_code in (302, 403)
    client.force_login(national_admin)
    assert client.get("/admin/snippets/unpsa/cycle/add/").status_code == 200
    body = client.get(f"/admin/snippets/unpsa/cycle/edit/{cycle.pk}/").content.decode()
    assert "Gender-responsive public services" in body


def test_nominated_or_not_in_the_chosen_cycle(client, national_admin, cycle, awarded):
    Nomination.objects.create(innovation=awarded["stopped"], cycle=cycle, category=cycle.categories.first())
    client.force_login(national_admin)
    nominated = client.get(f"{URL}?nominasi=ya").content.decode().split("inovasi berpenghargaan")[1]
    assert awarded["stopped"].title in nominated and awarded["gender"].title not in nominated
    waiting = client.get(f"{URL}?nominasi=belum").content.decode().split("inovasi berpenghargaan")[1]
    assert awarded["gender"].title in waiting and awarded["stopped"].title not in waiting
    body = client.get(f"{URL}?nominasi=mungkin").content.decode()
    assert "tidak dikenal" in body and awarded["gender"].title in body
