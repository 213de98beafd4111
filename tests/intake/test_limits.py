"""Reading limits (issue 17): every file is read as a stream and refused, with the row where
reading stopped and the reason, past its rows, columns, cells, cell size, unpacked size or time;
a hostile XLSX whose sheet expands to a huge row is refused before openpyxl builds it."""
import io
import json
import time
import tracemalloc
import zipfile

import pytest
from openpyxl import Workbook

from intake import readers
from intake.importer import plan_import

from .conftest import HEADER, csv_bytes

pytestmark = pytest.mark.django_db

ROW = "kipp,K-{n},Inovasi Pelayanan Nomor {n},Ringkas.,Pemerintah Kota Manado,2020"


def rows(n):
    return [ROW.format(n=i) for i in range(1, n + 1)]


def hostile_xlsx(cells_in_one_row=0, shared_strings=0):
    """A small XLSX whose first sheet is the header, then one row of ``cells_in_one_row`` cells
    (a few bytes each once compressed), and whose shared strings hold ``shared_strings`` more."""
    workbook = Workbook()
    workbook.active.append(HEADER.split(","))
    buffer = io.BytesIO()
    workbook.save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml" and cells_in_one_row:
                data = data.replace(b"</sheetData>", b'<row r="2">' + b"<c><v>1</v></c>" * cells_in_one_row
                                    + b"</row></sheetData>")
            target.writestr(info, data)
        if shared_strings:
            target.writestr("xl/sharedStrings.xml", b'<sst xmlns="http://schemas.openxmlformats.org/'
                            b'spreadsheetml/2006/main">' + b"<si><t>x</t></si>" * shared_strings + b"</sst>")
    return out.getvalue()


def refusal(plan):
    assert not plan.ok and plan.file_problem
    return plan.file_problem, [p.as_dict() for p in plan.problems]


def test_a_csv_past_the_row_limit_is_refused_at_the_row(intake_world, monkeypatch):
    monkeypatch.setattr(readers, "MAX_ROWS", 3)
    message, problems = refusal(plan_import(csv_bytes(*rows(6)), "a.csv"))
    assert "lebih dari 3 baris data" in message
    assert problems == [{"baris": 5, "kolom": "", "nilai": "", "masalah": message}]


def test_a_csv_with_too_many_columns_is_refused(intake_world):
    header = HEADER + "," + ",".join(f"x{i}" for i in range(readers.MAX_COLUMNS))
    message, problems = refusal(plan_import(csv_bytes(*rows(1), header=header), "a.csv"))
    assert "terlalu lebar" in message and problems[0]["baris"] == 1


def test_a_cell_past_its_size_is_refused_with_row_and_column(intake_world, monkeypatch):
    monkeypatch.setattr(readers, "MAX_CELL_BYTES", 100)
    data = rows(3)
    data[1] = data[1].replace("Ringkas.", "r" * 101)
    message, problems = refusal(plan_import(csv_bytes(*data), "a.csv"))
    assert "baris 3" in message
    workbook = Workbook()
    workbook.active.append(HEADER.split(","))
    workbook.active.append(["kipp", "K-1", "Judul", "r" * 101, "Pemerintah Kota Manado", 2020])
    buffer = io.BytesIO()
    workbook.save(buffer)
    message, problems = refusal(plan_import(buffer.getvalue(), "a.xlsx"))
    assert problems[0]["baris"] == 2 and problems[0]["kolom"] == "ringkasan" and problems[0]["nilai"].startswith("rrr")


def test_the_text_of_all_cells_is_limited(intake_world, monkeypatch):
    monkeypatch.setattr(readers, "MAX_EXPANDED_BYTES", 300)
    message, problems = refusal(plan_import(csv_bytes(*rows(10)), "a.csv"))
    assert "terlalu besar setelah dibuka" in message and 2 < problems[0]["baris"] < 11


def test_reading_stops_past_the_time_limit(intake_world, monkeypatch):
    monkeypatch.setattr(readers, "MAX_CHECK_SECONDS", -1)
    message, problems = refusal(plan_import(csv_bytes(*rows(300)), "a.csv"))
    assert "terlalu lama diperiksa" in message and problems[0]["baris"] == 256


def test_an_xlsx_part_that_unpacks_too_large_is_refused_before_it_is_read(intake_world, monkeypatch):
    monkeypatch.setattr(readers, "MAX_PART_XML_BYTES", 50_000)
    message, problems = refusal(plan_import(hostile_xlsx(shared_strings=5_000), "a.xlsx"))
    assert "xl/sharedStrings.xml" in message and problems[0]["nilai"] == "xl/sharedStrings.xml"


def test_an_xlsx_past_the_cell_limit_is_refused(intake_world, monkeypatch):
    monkeypatch.setattr(readers, "MAX_CELLS", 50)
    message, problems = refusal(plan_import(hostile_xlsx(cells_in_one_row=60), "a.xlsx"))
    assert "lebih dari 50 sel" in message and problems[0]["baris"] == 2


def test_a_hostile_row_of_a_million_cells_is_refused_quickly_in_little_memory(intake_world):
    """One row element of 1,000,000 cells (15 MB of XML, 30 KB zipped): openpyxl builds a row
    whole before giving it out (hundreds of MB); the scan refuses it at its 16,385th cell."""
    data = hostile_xlsx(cells_in_one_row=1_000_000)
    assert len(data) < 200_000
    tracemalloc.start()
    started = time.perf_counter()
    plan = plan_import(data, "bom.xlsx")
    elapsed = time.perf_counter() - started
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    message, problems = refusal(plan)
    assert "lebih dari 16.384 sel" in message and problems[0]["baris"] == 2
    assert elapsed < 10 and peak < 30 * 2**20, (elapsed, peak)


def test_a_json_with_too_many_values_is_refused_before_it_is_parsed(intake_world, monkeypatch):
    monkeypatch.setattr(readers, "MAX_CELLS", 100)
    data = json.dumps([{"sumber": "kipp", "id_sumber": f"K-{i}"} for i in range(60)]).encode()
    message, _problems = refusal(plan_import(data, "a.json"))
    assert "Berkas JSON terlalu besar" in message


def test_a_file_object_is_read_as_a_stream(intake_world):
    plan = plan_import(io.BytesIO(csv_bytes(*rows(3))), "a.csv")
    assert plan.ok and len(plan.new) == 3
