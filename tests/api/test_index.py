"""Issue 13: ``/api/`` answered 404 although the API lives under it; it now links the schema, the
docs and every resource, each of which answers."""
import pytest

pytestmark = pytest.mark.django_db


def test_api_index_links_schema_docs_and_each_resource(client):
    response = client.get("/api/")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/json")
    body = response.json()
    assert body["skema"].endswith("/api/schema/") and body["dokumentasi"].endswith("/api/dokumentasi/")
    paths = [item["alamat"].removeprefix("http://testserver") for item in body["sumber"]]
    assert paths == ["/api/inovasi/", "/api/hub/", "/api/instansi/", "/api/replikasi/", "/api/pkri/"]
    assert all(item["ringkasan"] for item in body["sumber"])
    for path in [*paths, "/api/schema/", "/api/dokumentasi/"]:
        assert client.get(path).status_code == 200, path
    assert "/api/" not in client.get("/api/schema/").json()["paths"]  # the index is not a resource
