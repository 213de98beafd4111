"""The importer end to end: samples, idempotence, merging, all-or-nothing, --skip-invalid."""
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from innovations.models import InnovationPage, InnovationSource
from intake.importer import ImportRefused, RowChecker, apply_plan, plan_import
from intake.schema import CHECKS, COLUMNS

from .conftest import SAMPLES, csv_bytes

pytestmark = pytest.mark.django_db


def run(path, *args):
    call_command("import_innovations", str(path), "--no-progress", *args)


def test_docs_list_every_column():
    text = Path("docs/import.md").read_text()
    for column in COLUMNS:
        assert f"| `{column.name}` |" in text, column.name


def test_every_column_is_checked_by_one_group():
    checked = [column for columns in CHECKS.values() for column in columns]
    assert len(checked) == len(set(checked))
    assert set(checked) | {"id_sumber", "unit_pelayanan"} == {column.name for column in COLUMNS}
    assert all(callable(getattr(RowChecker, f"check_{group}", None)) for group in CHECKS)


@pytest.mark.parametrize("sample", ["contoh-kipp.csv", "contoh-iga.xlsx", "contoh-labinov.json"])
def test_each_sample_is_valid(intake_world, sample):
    plan = plan_import(Path(SAMPLES, sample).read_bytes(), sample)
    assert plan.ok, plan.as_dict()
    assert len(plan.new) + len(plan.merges) == plan.total_rows > 0


def test_samples_import_merge_and_second_run_changes_nothing(intake_world, capsys):
    for sample in ("contoh-kipp.csv", "contoh-iga.xlsx", "contoh-labinov.json"):
        run(Path(SAMPLES, sample))
    # 3 KIPP + 3 IGA (one of which is the KIPP akta kelahiran innovation) + 2 Labinov
    assert InnovationPage.objects.count() == 7
    page = InnovationPage.objects.get(title="Sistem Layanan Akta Kelahiran Online")
    assert set(page.sources.values_list("programme", "identifier")) == {
        ("kipp", "SINOVIK-2023-00417"), ("iga", "IID-2023-7171-0042"),
    }
    assert set(page.awards.values_list("tier__slug", "year")) == {("top-99", 2021), ("top-45", 2021), ("iga-terbaik", 2023)}
    assert page.live and page.get_parent().specific.slug == "sulawesi-utara"
    assert page.regency.code == "71.71" and page.province.code == "71"
    assert "<p>Sebelum 2019" in page.background and "<p>Orang tua harus" in page.background
    assert set(page.categories.values_list("slug", flat=True)) == {"administrasi-kependudukan"}
    assert set(page.sdgs.values_list("number", flat=True)) == {3, 16}
    assert set(page.tags.values_list("name", flat=True)) == {"akta kelahiran", "dukcapil"}
    out = capsys.readouterr().out
    assert "Digabung: baris 2 (iga:IID-2023-7171-0042)" in out

    klinik = InnovationPage.objects.get(title="Klinik Perizinan Keliling")
    assert klinik.get_parent().slug == "jawa-timur"
    kediri = InnovationPage.objects.get(title="Sekolah Lapang Petani Milenial")
    assert kediri.get_parent().slug == "jawa-timur"  # placed by the agency's province

    before = list(InnovationPage.objects.order_by("pk").values_list("pk", "title", "path", "last_published_at"))
    sources_before = InnovationSource.objects.count()
    for sample in ("contoh-kipp.csv", "contoh-iga.xlsx", "contoh-labinov.json"):
        run(Path(SAMPLES, sample))
    assert list(InnovationPage.objects.order_by("pk").values_list("pk", "title", "path", "last_published_at")) == before
    assert InnovationSource.objects.count() == sources_before
    assert "0 inovasi baru, 0 digabung ke inovasi yang ada, 2 sudah ada" in capsys.readouterr().out


def test_imported_pages_are_found_by_public_search(intake_world, client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        run(Path(SAMPLES, "contoh-kipp.csv"))
    response = client.get("/cari/", {"q": "akta kelahiran"})
    assert [hit.id for hit in response.context["results"].hits] == [
        InnovationPage.objects.get(title="Sistem Layanan Akta Kelahiran Online").pk
    ]
    assert 'href="/hub/sulawesi-utara/sistem-layanan-akta-kelahiran-online/"' in response.content.decode()


def test_merge_within_one_file(intake_world):
    data = csv_bytes(
        "kipp,K-1,Sistem Antrean Puskesmas Terpadu,Ringkas.,Pemerintah Kota Manado,2020",
        "iga,I-9,Sistem antrean puskesmas terpadu.,Ringkas lain.,Pemerintah Kota Manado,2020",
        "iga,I-10,Sistem Antrean Puskesmas Terpadu,Instansi lain: bukan penggabungan.,Pemerintah Provinsi Jawa Timur,2020",
    )
    plan = plan_import(data, "a.csv")
    assert plan.ok
    assert len(plan.new) == 2 and len(plan.merges) == 1
    apply_plan(plan)
    page = InnovationPage.objects.get(agency__name="Pemerintah Kota Manado")
    assert sorted(page.sources.values_list("identifier", flat=True)) == ["I-9", "K-1"]


def test_a_title_that_is_only_similar_is_not_merged(intake_world):
    data = csv_bytes(
        "kipp,K-1,Sistem Antrean Puskesmas,Ringkas.,Pemerintah Kota Manado,2020",
        "iga,I-1,Sistem Antrean Rumah Sakit Daerah,Ringkas.,Pemerintah Kota Manado,2020",
    )
    plan = plan_import(data, "a.csv")
    assert len(plan.new) == 2 and not plan.merges


def test_one_bad_row_refuses_the_whole_file(intake_world, tmp_path):
    path = tmp_path / "data.csv"
    path.write_bytes(csv_bytes(
        "kipp,K-1,Inovasi Baik,Ringkas.,Pemerintah Kota Manado,2020",
        "kipp,K-2,Inovasi Buruk,Ringkas.,Instansi Tak Dikenal,20x0",
    ))
    with pytest.raises(CommandError, match="1 baris tidak sah; tidak ada yang diimpor"):
        run(path)
    assert not InnovationPage.objects.exists()
    with pytest.raises(ImportRefused):
        apply_plan(plan_import(path.read_bytes(), path.name))
    assert not InnovationPage.objects.exists()


def test_dry_run_reports_row_column_value_problem_and_writes_nothing(intake_world, tmp_path, capsys):
    path = tmp_path / "data.csv"
    path.write_bytes(csv_bytes(
        "kipp,K-1,Inovasi Baik,Ringkas.,Pemerintah Kota Manado,2020",
        "kipp,K-2,Inovasi Buruk,Ringkas.,Instansi Tak Dikenal,20x0",
    ))
    with pytest.raises(CommandError, match="Uji coba: 1 baris tidak sah"):
        run(path, "--dry-run")
    out = capsys.readouterr().out
    assert "3 | instansi | Instansi Tak Dikenal | Instansi tidak terdaftar" in out
    assert "3 | tahun_mulai | 20x0 | Bukan tahun empat angka." in out
    assert "Tidak dikenal di kolom instansi: Instansi Tak Dikenal (1x)" in out
    assert not InnovationPage.objects.exists()
    path.write_bytes(csv_bytes("kipp,K-1,Inovasi Baik,Ringkas.,Pemerintah Kota Manado,2020"))
    run(path, "--dry-run")
    assert not InnovationPage.objects.exists()


def test_skip_invalid_imports_valid_rows_and_writes_rejected_ones_beside_the_input(intake_world, tmp_path):
    path = tmp_path / "data.csv"
    path.write_bytes(csv_bytes(
        "kipp,K-1,Inovasi Baik,Ringkas.,Pemerintah Kota Manado,2020",
        "kipp,K-2,Inovasi Buruk,Ringkas.,Pemerintah Kota Manado,2099",
        "kipp,K-1,Inovasi Kembar,Ringkas.,Pemerintah Kota Manado,2020",
    ))
    run(path, "--skip-invalid")
    assert list(InnovationPage.objects.values_list("title", flat=True)) == ["Inovasi Baik"]
    rejected = (tmp_path / "data.csv.ditolak.csv").read_text(encoding="utf-8-sig")
    lines = rejected.strip().splitlines()
    assert lines[0] == "baris,sumber,id_sumber,judul,ringkasan,instansi,tahun_mulai,alasan"
    assert lines[1].startswith("3,kipp,K-2,Inovasi Buruk") and "tahun_mulai: Tahun harus antara 1990" in lines[1]
    assert lines[2].startswith("4,kipp,K-1,Inovasi Kembar") and "Duplikat" in lines[2] and "baris 2" in lines[2]


def test_json_lists_and_xlsx_dates(intake_world, tmp_path):
    import datetime

    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(["Sumber", "ID Sumber", "Judul", "Ringkasan", "Instansi", "Tahun Mulai", "Terakhir Diverifikasi"])
    workbook.active.append(["iga", 123, "Inovasi XLSX", "R.", "Pemkot Manado", 2021.0, datetime.datetime(2024, 3, 1)])
    path = tmp_path / "x.xlsx"
    workbook.save(path)
    plan = plan_import(path.read_bytes(), "x.xlsx")
    assert plan.ok, plan.as_dict()
    candidate = plan.new[0]
    assert candidate.identifier == "123" and candidate.page_fields["year_started"] == 2021
    assert candidate.page_fields["last_verified"] == datetime.date(2024, 3, 1)
    data = json.dumps([{"sumber": "hub", "id_sumber": "H-1", "judul": "J", "ringkasan": "R", "instansi": "pemkot-manado",
                        "tahun_mulai": 2020, "sdg": [3, "Tanpa Kemiskinan"]}]).encode()
    plan = plan_import(data, "x.json")
    assert plan.ok, plan.as_dict()
    assert len(plan.new[0].sdg_ids) == 2


def test_semicolon_separated_csv_from_excel(intake_world):
    data = "\ufeffsumber;id_sumber;judul;ringkasan;instansi;tahun_mulai\nkipp;K-7;Judul;Ringkas, dengan koma;Pemkot Manado;2020\n"
    plan = plan_import(data.encode("utf-8"), "x.csv")
    assert plan.ok, plan.as_dict()
    assert plan.new[0].page_fields["summary"] == "Ringkas, dengan koma"


def test_the_corrected_rejected_rows_file_imports_as_it_is(intake_world, tmp_path):
    path = tmp_path / "data.csv"
    path.write_bytes(csv_bytes(
        "kipp,K-1,Inovasi Baik,Ringkas.,Pemerintah Kota Manado,2020",
        "kipp,K-2,Inovasi Buruk,Ringkas.,Pemerintah Kota Manado,2099",
    ))
    run(path, "--skip-invalid")
    rejected = tmp_path / "data.csv.ditolak.csv"
    rejected.write_text(rejected.read_text(encoding="utf-8-sig").replace(",2099,", ",2019,"), encoding="utf-8")
    run(rejected)
    assert set(InnovationPage.objects.values_list("title", flat=True)) == {"Inovasi Baik", "Inovasi Buruk"}
    # run again: the rejected-rows file has its own baris/alasan columns, and they are not data
    run(rejected)
    assert InnovationPage.objects.count() == 2


def test_a_row_without_hub_goes_to_its_agencys_home_hub_whatever_its_region(intake_world, site_pages):
    """hubs.membership.home_hub: the hub the agency runs, else its province's hub, else the
    national hub; the row's region does not choose."""
    from agencies.factories import AgencyFactory
    from agencies.models import AgencyType
    from hubs.factories import HubPageFactory
    from hubs.models import HubPage

    ministry = AgencyFactory(name="Kementerian Uji Impor", abbreviation="KUI", agency_type=AgencyType.KEMENTERIAN,
                             province=None)
    ministry_hub = HubPageFactory(parent=site_pages["hubs"], slug="kui", hub_type=HubPage.HubType.KL, agency=ministry)
    AgencyFactory(name="Lembaga Uji Impor", abbreviation="LUI", agency_type=AgencyType.LEMBAGA, province=None)
    header = "sumber,id_sumber,judul,ringkasan,instansi,tahun_mulai,wilayah"
    plan = plan_import(csv_bytes(
        "hub,P-1,Layanan Kementerian di Manado,Ringkasan.,Kementerian Uji Impor,2020,71.71",
        "hub,P-2,Layanan Lembaga di Manado,Ringkasan.,Lembaga Uji Impor,2020,71.71",
        "hub,P-3,Layanan Kota Manado di Jatim,Ringkasan.,Pemkot Manado,2020,35",
        header=header), "x.csv")
    assert plan.ok, plan.as_dict()
    assert [c.hub for c in plan.new] == [ministry_hub, site_pages["national_hub"], intake_world["hub_a"]]
