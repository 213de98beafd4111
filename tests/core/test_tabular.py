"""The one writer of CSV and XLSX downloads: what every table the portal serves relies on."""
import csv
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from core import tabular


@pytest.mark.parametrize("value, cell", [
    ("=1+1", "'=1+1"), ("+62 812", "'+62 812"), ("-5", "'-5"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"),
    ("\rx", "'\rx"), ("Kota Manado", "Kota Manado"), ("a=b", "a=b"), ("", ""), (None, ""), (7, "7"),
])
def test_neutralise(value, cell):
    assert tabular.neutralise(value) == cell


def test_csv_download_has_bom_header_and_neutralised_cells():
    response = tabular.table_download("csv", ["Judul", "Nilai"], [("=HYPERLINK(1)", 3), ("Samsat", None)], "uji")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="uji.csv"'
    assert response.content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows == [["Judul", "Nilai"], ["'=HYPERLINK(1)", "3"], ["Samsat", ""]]


def test_streamed_csv_is_the_same_file():
    rows = [("=x", 1), ("y", 2)]
    whole = tabular.table_download("csv", ["A", "B"], rows, "uji").content
    streamed = b"".join(tabular.table_download("csv", ["A", "B"], rows, "uji", stream=True).streaming_content)
    assert streamed == whole


def test_xlsx_download_keeps_numbers_and_neutralises_text():
    title = "Hasil PKRI yang judulnya lebih dari tiga puluh satu huruf"
    response = tabular.table_download("xlsx", ["Judul", "Nilai"], [("=1+1", Decimal("75.50")), ("Samsat", 2)], "uji",
                                      title=title, notes=["Lisensi CC BY"])
    assert response["Content-Disposition"] == 'attachment; filename="uji.xlsx"'
    workbook = load_workbook(io.BytesIO(response.content))
    sheet, notes = workbook.worksheets
    assert sheet.title == title[:31] and notes.title == "Lisensi"  # a sheet name has at most 31 characters
    assert [[c.value for c in row] for row in sheet.iter_rows()] == [["Judul", "Nilai"], ["'=1+1", 75.5], ["Samsat", 2]]
    assert notes["A1"].value == "Lisensi CC BY"


def test_stored_csv_text_gets_the_bom():
    response = tabular.csv_text_download("baris,alasan\r\n3,x\r\n", "impor-1-ditolak")
    assert response.content == "\ufeffbaris,alasan\r\n3,x\r\n".encode()
    assert response["Content-Disposition"] == 'attachment; filename="impor-1-ditolak.csv"'
