"""Downloads of the catalogue, of search results and of the whole dataset (CSV, XLSX, JSON),
formula neutralisation, the /data/ page and the nightly dump."""
import csv
import datetime
import io
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from innovations.factories import InnovationPageFactory
from tests.helpers import soup_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(site_pages, hub_a, hub_b, agency_a, agency_b):
    a = InnovationPageFactory(parent=hub_a, agency=agency_a, title="Samsat Delivery Pos", slug="sadelpos",
                              summary="=HYPERLINK(\"http://x\") pajak kendaraan", year_started=2019,
                              contact_email="rahasia@example.go.id", contact_phone="0812-rahasia")
    a.tags.add("pajak")
    a.save_revision().publish()
    b = InnovationPageFactory(parent=hub_b, agency=agency_b, title="+Posyandu Digital", slug="posyandu", year_started=2021)
    InnovationPageFactory(parent=hub_b, agency=agency_b, title="Draf Rahasia", slug="draf", live=False)
    return {"a": a, "b": b}


def csv_rows(response):
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:])))


def test_catalogue_csv_is_filtered_neutralised_and_private_free(client, catalogue):
    response = client.get("/data/inovasi.csv")
    assert response["Content-Disposition"] == 'attachment; filename="inovasi-jippnas.csv"'
    rows = csv_rows(response)
    by_title = {row["Judul"]: row for row in rows}
    assert set(by_title) == {"Samsat Delivery Pos", "'+Posyandu Digital"}  # the draft is not public
    assert by_title["Samsat Delivery Pos"]["Ringkasan"].startswith("'=HYPERLINK")
    body = json.dumps(rows)
    assert "rahasia@example.go.id" not in body and "0812-rahasia" not in body
    assert by_title["Samsat Delivery Pos"]["Alamat halaman"] == "http://testserver/hub/sulawesi-utara/sadelpos/"
    assert by_title["Samsat Delivery Pos"]["Tag"] == "pajak"

    rows = csv_rows(client.get("/data/inovasi.csv", {"tahun": "2021"}))
    assert [row["Judul"] for row in rows] == ["'+Posyandu Digital"]
    rows = csv_rows(client.get("/data/inovasi.csv", {"tahun": "bukan-tahun"}))  # ignored, like the catalogue
    assert len(rows) == 2


def test_xlsx_download_neutralises_formulas(client, catalogue):
    from openpyxl import load_workbook

    response = client.get("/data/inovasi.xlsx", {"urutkan": "judul"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    header = [c.value for c in sheet[1]]
    titles = [row[header.index("Judul")] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert titles == ["'+Posyandu Digital", "Samsat Delivery Pos"]
    summaries = [row[header.index("Ringkasan")] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert all(not str(s).startswith("=") for s in summaries)


def test_json_download_carries_the_licence(client, catalogue):
    response = client.get("/data/inovasi.json", {"provinsi": "sulawesi-utara"})
    data = json.loads(b"".join(response.streaming_content))
    assert data["lisensi"] == "CC BY 4.0" and data["jumlah"] == 1
    assert [item["judul"] for item in data["inovasi"]] == ["Samsat Delivery Pos"]
    assert data["inovasi"][0]["judul"] == "Samsat Delivery Pos"  # JSON keeps text as it is
    assert data["filter"] == {"provinsi": ["sulawesi-utara"]}


def test_unknown_format_is_404_and_too_big_xlsx_points_to_csv(client, catalogue, monkeypatch):
    assert client.get("/data/inovasi.pdf").status_code == 404
    import opendata.views

    monkeypatch.setattr(opendata.views, "XLSX_LIMIT", 1)
    response = client.get("/data/inovasi.xlsx", {"tahun": ["2019", "2021"]})
    assert response.status_code == 413
    link = soup_of(response).find("a", string="Unduh sebagai CSV")["href"]
    assert link.startswith("/data/inovasi.csv?") and "tahun=2019" in link


def test_search_results_download(client, catalogue, django_capture_on_commit_callbacks):
    from search.embedded import EmbeddedEngine

    EmbeddedEngine().rebuild()
    rows = csv_rows(client.get("/data/pencarian.csv", {"q": "pajak kendaraan"}))
    assert [row["Judul"] for row in rows] == ["Samsat Delivery Pos"]
    assert csv_rows(client.get("/data/pencarian.csv", {"q": ""})) == []
    page = soup_of(client.get("/cari/", {"q": "pajak kendaraan", "halaman": "1"}))
    link = page.select_one(".download-links a[href^='/data/pencarian.csv']")["href"]
    assert "q=pajak+kendaraan" in link and "halaman" not in link


def test_catalogue_page_links_downloads_with_its_filters(client, catalogue):
    page = soup_of(client.get("/inovasi/", {"tahun": "2021", "halaman": "1"}))
    hrefs = [a["href"] for a in page.select(".download-links a[download]")]
    assert hrefs == ["/data/inovasi.csv?tahun=2021", "/data/inovasi.xlsx?tahun=2021", "/data/inovasi.json?tahun=2021"]
    page = soup_of(client.get("/inovasi/tag/pajak/"))
    assert page.select_one(".download-links a")["href"] == "/data/inovasi.csv?tag=pajak"


def test_export_queries_do_not_grow_with_rows(client, site_pages, hub_a, agency_a):
    def queries():
        with CaptureQueriesContext(connection) as ctx:
            b"".join(client.get("/data/inovasi.csv").streaming_content)
        return len(ctx.captured_queries)

    for n in range(3):
        InnovationPageFactory(parent=hub_a, agency=agency_a, title=f"Inovasi {n}", slug=f"i-{n}")
    few = queries()
    for n in range(3, 25):
        InnovationPageFactory(parent=hub_a, agency=agency_a, title=f"Inovasi {n}", slug=f"i-{n}")
    assert queries() == few


def test_data_page_and_nightly_dump(client, catalogue, settings, tmp_path):
    from django.core.management import call_command

    from opendata import dump
    from opendata.tasks import dump_dataset

    settings.MEDIA_ROOT = str(tmp_path)
    page = soup_of(client.get("/data/"))
    # before the first dump its subsection is hidden, not "not available yet" (issue 13)
    assert "CC BY 4.0" in page.text and "Salinan harian" not in page.text and "belum tersedia" not in page.text

    names = dump_dataset.delay().get()
    today = datetime.date.today().isoformat()
    assert names == [f"opendata/jippnas-inovasi-{today}.{fmt}" for fmt in ("csv", "xlsx", "json")]
    data = json.loads((tmp_path / f"opendata/jippnas-inovasi-{today}.json").read_text())
    assert data["jumlah"] == 2 and data["tanggal"] == today
    assert len(list(csv.reader(io.StringIO((tmp_path / f"opendata/jippnas-inovasi-{today}.csv").read_text())))) == 3
    # older dumps beyond --keep are pruned; partial files never listed
    for day in ("2026-01-01", "2026-01-02"):
        dump.dump_dataset(day=datetime.date.fromisoformat(day))
    (tmp_path / "opendata/jippnas-inovasi-2026-01-03.csv.sebagian").write_text("x")
    assert [d.isoformat() for d, _files in dump.available()] == [today, "2026-01-02", "2026-01-01"]
    call_command("dump_dataset", "--keep", "2", "--no-progress", stdout=io.StringIO())
    assert [d.isoformat() for d, _files in dump.available()] == [today, "2026-01-02"]

    page = soup_of(client.get("/data/"))
    assert "Salinan harian" in page.text
    links = [a["href"] for a in page.select("table a[download]")]
    assert f"/media/opendata/jippnas-inovasi-{today}.csv" in links


def test_nightly_dump_is_scheduled():
    from django.conf import settings

    entry = settings.CELERY_BEAT_SCHEDULE["opendata-nightly-dump"]
    assert entry["task"] == "opendata.tasks.dump_dataset"
    assert entry["schedule"].hour == {2} and entry["schedule"].minute == {0}
