"""XLSX files whose stored dimension lies (issue 17: one that understated its size imported 1 of
6 valid rows and exited 0), and the reading limits."""
import io
import re
import zipfile

import pytest
from openpyxl import Workbook

from intake import readers
from intake.importer import plan_import

pytestmark = pytest.mark.django_db

HEADER = ["sumber", "id_sumber", "judul", "ringkasan", "instansi", "tahun_mulai"]


def xlsx(rows, dimension=None):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    if dimension is None:
        return buffer.getvalue()
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = re.sub(rb'<dimension ref="[^"]*"\s*/>', f'<dimension ref="{dimension}"/>'.encode(), data)
            target.writestr(info, data)
    return out.getvalue()


SIX = [["kipp", f"K-{n}", f"Inovasi Pelayanan Nomor {n} Kota", "Ringkas.", "Pemerintah Kota Manado", 2020] for n in range(1, 7)]


def test_a_dimension_that_understates_the_sheet_is_not_trusted(intake_world):
    data = xlsx(SIX, dimension="A1:F2")
    assert b'<dimension ref="A1:F2"/>' in zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml")
    plan = plan_import(data, "bohong.xlsx")
    assert plan.ok, plan.as_dict()
    assert plan.total_rows == 6 and len(plan.new) == 6


def test_too_many_rows_are_refused_with_a_message(intake_world, monkeypatch):
    monkeypatch.setattr(readers, "MAX_ROWS", 3)
    plan = plan_import(xlsx(SIX), "besar.xlsx")
    assert not plan.ok and "lebih dari 3 baris data" in plan.file_problem
