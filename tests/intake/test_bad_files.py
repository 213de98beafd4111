"""Bad files get a clear Indonesian message and leave the database untouched."""
import io
import json

import pytest
from django.core.management import CommandError, call_command

from innovations.models import InnovationPage
from intake.importer import plan_import
from intake.schema import MAX_TEXT

from .conftest import HEADER, csv_bytes

pytestmark = pytest.mark.django_db

GOOD_ROW = "kipp,K-1,Inovasi Baik,Ringkas.,Pemerintah Kota Manado,2020"


def xlsx_bytes(rows):
    from openpyxl import Workbook

    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


FILE_CASES = {
    "latin-1 encoding": ("data.csv", (HEADER + "\nkipp,K-1,Inovasi Baik,Ringkasan dengan é,Pemerintah Kota Manado,2020\n").encode("latin-1"),
                         "Berkas bukan UTF-8 (byte tidak sah di baris 2)"),
    "empty file": ("data.csv", b"", "Berkas kosong."),
    "only blanks": ("data.json", b"  \n ", "Berkas kosong."),
    "header only": ("data.csv", (HEADER + "\n").encode(), "tanpa baris data"),
    "renamed column": ("data.csv", csv_bytes(GOOD_ROW, header=HEADER.replace("judul", "judul_inovasi")),
                       "Kolom wajib “judul” tidak ada. Apakah kolom “judul_inovasi” maksudnya?"),
    "missing column": ("data.csv", b"sumber,id_sumber,judul\nkipp,K-1,J\n", "Kolom wajib “ringkasan” tidak ada."),
    "unknown optional column": ("data.csv", csv_bytes(GOOD_ROW + ",x", header=HEADER + ",tahun_mula"),
                                "Kolom “tahun_mula” tidak dikenal"),
    "duplicated column": ("data.csv", csv_bytes(GOOD_ROW + ",K-2", header=HEADER + ",id_sumber"),
                          "Kolom “id_sumber” muncul lebih dari sekali."),
    "xlsx that is a csv": ("data.xlsx", csv_bytes(GOOD_ROW), "Berkas ini bukan XLSX"),
    "csv that is an xlsx": ("data.csv", xlsx_bytes([HEADER.split(","), GOOD_ROW.split(",")]), "bukan CSV teks"),
    "broken zip as xlsx": ("data.xlsx", b"PK\x03\x04" + b"\x00" * 200, "XLSX tidak dapat dibaca"),
    "json that does not parse": ("data.json", b'[{"sumber": "kipp",', "JSON tidak sah di baris 1"),
    "json of the wrong shape": ("data.json", b'{"a": 1}', "JSON harus berupa daftar objek"),
    "json with nested objects": ("data.json", json.dumps([{"sumber": {"x": 1}}]).encode(), "nilai bertingkat"),
    "wrong extension": ("data.pdf", b"%PDF-1.4", "Jenis berkas “.pdf” tidak didukung"),
    "cell over 1 MB": ("data.csv", csv_bytes(f'kipp,K-1,J,"{"x" * 1_100_000}",Pemerintah Kota Manado,2020'),
                       "CSV rusak di sekitar baris"),
    "too many cells": ("data.csv", csv_bytes(GOOD_ROW + ",lebih"), "Baris 2 berisi 7 sel, padahal hanya ada 6 kolom"),
}


@pytest.mark.parametrize("name,data,message", FILE_CASES.values(), ids=FILE_CASES.keys())
def test_bad_file_is_refused_with_a_clear_message(intake_world, tmp_path, name, data, message):
    plan = plan_import(data, name)
    assert message in plan.file_problem
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(CommandError, match="Berkas ditolak"):
        call_command("import_innovations", str(path), "--no-progress", "--skip-invalid")
    assert not InnovationPage.objects.exists()


ROW_CASES = {
    "year with letters": ("kipp,K-1,J,R,Pemerintah Kota Manado,20x0", "tahun_mulai", "Bukan tahun empat angka."),
    "future year": ("kipp,K-1,J,R,Pemerintah Kota Manado,2999", "tahun_mulai", "Tahun harus antara 1990"),
    "too old year": ("kipp,K-1,J,R,Pemerintah Kota Manado,1980", "tahun_mulai", "Tahun harus antara 1990"),
    "unknown agency": ("kipp,K-1,J,R,Dinas Entah,2020", "instansi", "Instansi tidak terdaftar"),
    "unknown programme": ("sinopsis,K-1,J,R,Pemerintah Kota Manado,2020", "sumber", "Nilai tidak dikenal"),
    "missing title": ("kipp,K-1,,R,Pemerintah Kota Manado,2020", "judul", "Wajib diisi."),
    "enormous title": (f"kipp,K-1,{'J' * 300},R,Pemerintah Kota Manado,2020", "judul", "Terlalu panjang: 300 karakter"),
}


@pytest.mark.parametrize("row,column,message", ROW_CASES.values(), ids=ROW_CASES.keys())
def test_bad_row_is_reported_by_row_and_column(intake_world, row, column, message):
    plan = plan_import(csv_bytes(GOOD_ROW.replace("K-1", "K-0"), row), "x.csv")
    assert not plan.file_problem
    assert [(p.row, p.column) for p in plan.problems] == [(3, column)]
    assert message in plan.problems[0].message
    assert len(plan.new) == 1


EXTRA_HEADER = HEADER + ",wilayah,terakhir_diverifikasi,kategori,sdg,penghargaan,video_url,hub,latar_belakang"
EXTRA_CASES = {
    "unknown region code": ("99.99,,,,,,,", "wilayah", "Kode atau nama wilayah tidak dikenal"),
    "bad date": (",31/02/2024,,,,,,", "terakhir_diverifikasi", "Tanggal tidak sah"),
    "future date": (",2999-01-01,,,,,,", "terakhir_diverifikasi", "tidak boleh di masa depan"),
    "unknown category": (",,Kuliner,,,,,", "kategori", "Nilai “Kuliner” tidak dikenal."),
    "sdg out of range": (",,,18,,,,", "sdg", "Nilai “18” tidak dikenal."),
    "award without year": (",,,,Top 99,,,", "penghargaan", "Tulis tingkat lalu tahun"),
    "unknown award tier": (",,,,Top 1000 2020,,,", "penghargaan", "Tingkat penghargaan tidak dikenal."),
    "award year too old": (",,,,Top 99 1999,,,", "penghargaan", "Tahun penghargaan harus antara 2004"),
    "bad video url": (",,,,,javascript:alert(1),,", "video_url", "Bukan alamat web"),
    "unknown hub": (",,,,,,hub-entah,", "hub", "Hub dengan slug ini tidak ada."),
    "narrative beyond the limit": (",,,,,,," + "x" * (MAX_TEXT + 1), "latar_belakang", "Terlalu panjang"),
}


@pytest.mark.parametrize("extra,column,message", EXTRA_CASES.values(), ids=EXTRA_CASES.keys())
def test_bad_optional_value_is_reported(intake_world, extra, column, message):
    plan = plan_import(csv_bytes(f"{GOOD_ROW},{extra}", header=EXTRA_HEADER), "x.csv")
    assert [(p.row, p.column) for p in plan.problems] == [(2, column)], plan.as_dict()
    assert message in plan.problems[0].message


def test_region_region_mismatch_and_names_are_resolved(intake_world):
    plan = plan_import(csv_bytes(f"{GOOD_ROW},Kota Bitung,,,,,,,", header=EXTRA_HEADER), "x.csv")
    assert plan.ok, plan.as_dict()
    assert plan.new[0].page_fields["regency_id"] is not None
    assert plan.new[0].hub.slug == "sulawesi-utara"


def test_a_database_failure_midway_leaves_nothing(intake_world):
    """All-or-nothing holds when the database refuses a write after the pages went in: here
    another import committed one of the same source keys between this plan and its write."""
    from intake.importer import ImportRefused, apply_plan

    plan = plan_import(csv_bytes(GOOD_ROW, "kipp,K-2,Inovasi Lain,R,Pemerintah Kota Manado,2020"), "x.csv")
    assert plan.ok and len(plan.new) == 2
    apply_plan(plan_import(csv_bytes("kipp,K-2,Inovasi Lain,R,Pemerintah Kota Manado,2020"), "y.csv"))
    with pytest.raises(ImportRefused, match="Tidak ada yang diimpor"):
        apply_plan(plan)
    assert list(InnovationPage.objects.values_list("title", flat=True)) == ["Inovasi Lain"]


def test_data_under_a_column_without_a_name_is_not_dropped(intake_world):
    plan = plan_import(csv_bytes(GOOD_ROW + ",catatan penting", header=HEADER + ","), "x.csv")
    assert "Kolom ke-7 tidak berjudul tetapi berisi data (baris 2)" in plan.file_problem
    assert plan_import(csv_bytes(GOOD_ROW + ",", header=HEADER + ","), "x.csv").ok  # an empty trailing column is fine
