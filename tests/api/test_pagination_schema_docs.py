"""The envelope and its pagination, 4xx JSON for bad page parameters, the OpenAPI schema, the
Swagger page served from our own static files, and no dependence on sessions or CSRF."""

import json

import pytest
from django.contrib.staticfiles import finders
from django.test import Client

from agencies.factories import AgencyFactory
from agencies.models import Agency

from .conftest import OPERATIONS, json_of

pytestmark = pytest.mark.django_db

ENVELOPE = {"count", "halaman", "per_halaman", "jumlah_halaman", "next", "previous", "peringatan", "results"}
LISTS = ["/api/inovasi/", "/api/hub/", "/api/instansi/", "/api/replikasi/", "/api/pkri/"]


@pytest.fixture
def many_agencies(db):
    return [AgencyFactory(name=f"Dinas Uji Halaman {n:02d}", abbreviation=f"DUH{n:02d}") for n in range(45)]


def test_envelope_and_walking_the_pages(client, many_agencies):
    first = json_of(client.get("/api/instansi/", {"q": "Halaman"}))
    assert set(first) == ENVELOPE
    assert (first["count"], first["halaman"], first["per_halaman"], first["jumlah_halaman"]) == (45, 1, 20, 3)
    assert first["previous"] is None and len(first["results"]) == 20
    seen, body, pages = [], first, 0
    while True:
        pages += 1
        seen += [a["id"] for a in body["results"]]
        if body["next"] is None:
            break
        assert body["next"].startswith("http://testserver/api/instansi/?") and "q=Halaman" in body["next"]
        body = json_of(client.get(body["next"]))
        assert body["previous"] is not None and f"halaman={body['halaman'] - 1}" in body["previous"]
    assert pages == 3 and len(body["results"]) == 5
    expected = (
        Agency.objects.filter(name__contains="Halaman").order_by("name", "pk").values_list("pk", flat=True)
    )
    assert seen == list(expected)


def test_page_size(client, many_agencies):
    body = json_of(client.get("/api/instansi/", {"per_halaman": "7", "halaman": "2"}))
    assert (body["per_halaman"], body["halaman"], body["jumlah_halaman"], len(body["results"])) == (
        7,
        2,
        7,
        7,
    )
    body = json_of(client.get("/api/instansi/", {"per_halaman": "100"}))
    assert len(body["results"]) == 45 and body["jumlah_halaman"] == 1 and body["next"] is None


def test_an_empty_list_has_one_empty_page(client, db):
    body = json_of(client.get("/api/instansi/", {"q": "tidak ada yang cocok"}))
    assert (body["count"], body["jumlah_halaman"], body["results"], body["next"]) == (0, 1, [], None)


@pytest.mark.parametrize("url", LISTS)
@pytest.mark.parametrize(
    "params,parameter",
    [
        ({"halaman": "0"}, "halaman"),
        ({"halaman": "-1"}, "halaman"),
        ({"halaman": "abc"}, "halaman"),
        ({"halaman": "1.5"}, "halaman"),
        ({"halaman": ""}, "halaman"),
        ({"halaman": "\x00"}, "halaman"),
        ({"per_halaman": "0"}, "per_halaman"),
        ({"per_halaman": "101"}, "per_halaman"),
        ({"per_halaman": "sepuluh"}, "per_halaman"),
    ],
)
def test_bad_page_parameters_are_422_json_in_indonesian(client, url, params, parameter):
    response = client.get(url, params)
    assert response.status_code == 422
    body = json_of(response)
    assert body["detail"].startswith("Parameter tidak valid")
    assert [k["parameter"] for k in body["kesalahan"]] == [parameter]
    message = body["kesalahan"][0]["pesan"]
    assert any(word in message for word in ("paling", "bilangan bulat")), message


@pytest.mark.parametrize("url", LISTS)
def test_page_past_the_end_is_404_json(client, url, site_pages):
    response = client.get(url, {"halaman": "99"})
    assert response.status_code == 404
    assert json_of(response)["detail"] == "Halaman 99 tidak ada; jumlah halaman 1."
    body = json_of(client.get(url))
    assert set(body) >= ENVELOPE and body["halaman"] == 1


def test_schema_is_valid_openapi(client):
    import schemathesis

    response = client.get("/api/schema/")
    assert response.status_code == 200
    schema = json_of(response)
    assert schema["openapi"].startswith("3.") and schema["info"]["title"] == "API JIPPNas"
    assert schema["info"]["license"]["name"] == "CC BY 4.0"
    assert set(schema["paths"]) == OPERATIONS
    for path, methods in schema["paths"].items():
        assert set(methods) == {"get"}, path  # read-only
        responses = methods["get"]["responses"]
        assert {"200", "404", "422"} <= set(responses), path
    loaded = schemathesis.openapi.from_dict(schema)
    operations = [
        result.ok() for result in loaded.get_all_operations()
    ]  # .ok() raises on an invalid operation
    assert {op.path for op in operations} == OPERATIONS
    # private fields are not even declared
    text = response.content.decode()
    for name in ("contact_email", "contact_phone", "actor_name", "evidence", "note", "email", "telepon"):
        assert f'"{name}"' not in text, name


def test_schema_validates_against_the_openapi_meta_schema(client):
    """Checked against the official OpenAPI meta-schema (schemathesis' validator), which does
    refuse a broken document."""
    import copy

    import jsonschema_rs
    import schemathesis

    schema = json_of(client.get("/api/schema/"))
    schemathesis.openapi.from_dict(schema).validate()
    broken = copy.deepcopy(schema)
    broken["paths"]["/api/hub/"]["get"]["responses"]["200"]["description"] = 5
    with pytest.raises(jsonschema_rs.ValidationError):
        schemathesis.openapi.from_dict(broken).validate()


def test_docs_page_loads_only_local_static_files(client):
    from bs4 import BeautifulSoup
    from django.conf import settings

    response = client.get("/api/dokumentasi/")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
    soup = BeautifulSoup(response.content, "html.parser")
    urls = [tag["src"] for tag in soup.find_all("script", src=True)]
    urls += [tag["href"] for tag in soup.find_all("link", href=True)]
    assert any(url.endswith("swagger-ui-bundle.js") for url in urls)
    assert any(url.endswith("swagger-ui.css") for url in urls)
    for url in urls:
        assert url.startswith(settings.STATIC_URL) and "//" not in url, url
        assert finders.find(url[len(settings.STATIC_URL) :]), f"{url} is not one of our static files"
    assert "cdn" not in response.content.decode().lower()
    settings_json = json.loads(soup.find("script", id="swagger-settings").string)
    assert settings_json["validatorUrl"] is None  # no badge fetched from validator.swagger.io
    assert "/api/schema/" in response.content.decode()


def test_no_session_cookie_and_no_csrf_needed(db):
    client = Client(enforce_csrf_checks=True)
    for url in ["/api/schema/", "/api/dokumentasi/", *LISTS]:
        response = client.get(url)
        assert response.status_code in (200, 404), url
        assert not response.cookies, (url, response.cookies)
    response = client.post("/api/instansi/")
    assert response.status_code == 405  # read-only: refused by method, not by a CSRF check
