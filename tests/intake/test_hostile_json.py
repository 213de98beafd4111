"""Malformed JSON gets the documented message, never a traceback (issue 17: deeply nested JSON
raised RecursionError, a 5,000-digit integer ValueError)."""
import json

import pytest

from intake.importer import plan_import

pytestmark = pytest.mark.django_db


def test_deeply_nested_json_is_a_file_problem(intake_world):
    plan = plan_import(b"[" * 200_000 + b"]" * 200_000, "dalam.json")
    assert not plan.ok and "terlalu bertingkat" in plan.file_problem


def test_a_nested_list_in_a_record_is_a_file_problem(intake_world):
    data = json.dumps([{"sumber": "kipp", "id_sumber": "K-1", "judul": [["a"]]}]).encode()
    plan = plan_import(data, "a.json")
    assert not plan.ok and "daftar bertingkat" in plan.file_problem


def test_a_5000_digit_integer_is_reported_by_row_column_and_reason(intake_world):
    record = {"sumber": "kipp", "id_sumber": "K-1", "judul": "Inovasi Uji Angka", "ringkasan": "Ringkas.",
              "instansi": "Pemerintah Kota Manado"}
    data = ('[' + json.dumps(record)[:-1] + ', "tahun_mulai": ' + "9" * 5000 + '}]').encode()
    plan = plan_import(data, "a.json")
    assert not plan.ok and not plan.file_problem
    problem = next(p for p in plan.problems if p.column == "tahun_mulai")
    assert problem.row == 1 and problem.value.startswith("999") and problem.message
