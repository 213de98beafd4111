"""With the database down, the API still answers JSON (issue 17: it answered the HTML 500 page).
The failure is real Django machinery: every query on the connection raises ``OperationalError``
through ``connection.execute_wrapper``, as a dead PostgreSQL does."""
import pytest
from django.db import OperationalError, connection
from django.test import Client

pytestmark = pytest.mark.django_db


def _database_down(execute, sql, params, many, context):
    raise OperationalError("connection to server at 127.0.0.1, port 5432 failed: Connection refused")


@pytest.mark.parametrize("url", ["/api/inovasi/", "/api/hub/", "/api/replikasi/", "/api/inovasi/1/", "/api/cari/saran/?q=pajak"])
def test_api_answers_json_when_the_database_is_down(url):
    client = Client(raise_request_exception=False)
    with connection.execute_wrapper(_database_down):
        response = client.get(url)
    assert response.status_code in (500, 503)
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["detail"]


def test_html_pages_keep_the_html_error_page():
    client = Client(raise_request_exception=False)
    with connection.execute_wrapper(_database_down):
        response = client.get("/inovasi/")
    assert response.status_code == 500 and response["Content-Type"].startswith("text/html")
