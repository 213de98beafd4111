"""National administrators import from the admin: upload, read the dry-run report, confirm."""
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from innovations.models import InnovationPage
from intake.models import ImportJob
from tests.helpers import admin_get, admin_post, assert_permission_denied, soup_of

from .conftest import SAMPLES, csv_bytes

pytestmark = pytest.mark.django_db


def upload(client, name, data, skip_invalid=False, capture=None):
    payload = {"file": SimpleUploadedFile(name, data)}
    if skip_invalid:
        payload["skip_invalid"] = "on"
    with capture(execute=True):
        response = admin_post(client, "/admin/impor/", payload)
    assert response.status_code == 302, response.content.decode()[:2000]
    return ImportJob.objects.latest("pk"), response


def test_upload_check_confirm_import(intake_world, national_admin, client, django_capture_on_commit_callbacks):
    client.force_login(national_admin)
    assert admin_get(client, "/admin/impor/").status_code == 200
    job, response = upload(client, "contoh-kipp.csv", Path(SAMPLES, "contoh-kipp.csv").read_bytes(),
                           capture=django_capture_on_commit_callbacks)
    assert response["Location"] == f"/admin/impor/{job.pk}/"
    job.refresh_from_db()
    assert job.status == ImportJob.Status.CHECKED and job.report["baru"] == 3
    assert not InnovationPage.objects.exists()  # the check wrote nothing

    page = soup_of(admin_get(client, f"/admin/impor/{job.pk}/"))
    assert "Selesai diperiksa" in page.text and "Impor sekarang" in page.text
    with django_capture_on_commit_callbacks(execute=True):
        admin_post(client, f"/admin/impor/{job.pk}/jalankan/")
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE and job.result["baru"] == 3
    assert InnovationPage.objects.count() == 3
    assert "Impor selesai: 3 inovasi baru" in " ".join(soup_of(admin_get(client, f"/admin/impor/{job.pk}/")).text.split())
    # confirming again does nothing
    admin_post(client, f"/admin/impor/{job.pk}/jalankan/")
    assert InnovationPage.objects.count() == 3


def test_report_of_a_bad_row_then_fixed_file(intake_world, national_admin, client, django_capture_on_commit_callbacks):
    client.force_login(national_admin)
    bad = csv_bytes("kipp,K-1,Inovasi Baik,R,Pemerintah Kota Manado,2020", "kipp,K-2,Inovasi Buruk,R,Dinas Entah,2020")
    job, _ = upload(client, "data.csv", bad, capture=django_capture_on_commit_callbacks)
    job.refresh_from_db()
    page = soup_of(admin_get(client, f"/admin/impor/{job.pk}/"))
    cells = [[td.get_text(strip=True) for td in tr.find_all("td")] for tr in page.select("table.listing tbody tr")]
    assert ["3", "instansi", "Dinas Entah", "Instansi tidak terdaftar di portal (cocokkan nama, singkatan atau slug)."] in cells
    assert not page.find("form", action=f"/admin/impor/{job.pk}/jalankan/")  # all-or-nothing: no import button
    assert admin_post(client, f"/admin/impor/{job.pk}/jalankan/").status_code == 302
    job.refresh_from_db()
    assert job.status == ImportJob.Status.CHECKED and not InnovationPage.objects.exists()
    rejected = admin_get(client, f"/admin/impor/{job.pk}/ditolak.csv").content.decode("utf-8-sig")
    assert rejected.splitlines()[1].startswith("3,kipp,K-2,Inovasi Buruk")

    fixed = bad.replace(b"Dinas Entah", b"Pemerintah Kota Manado")
    job, _ = upload(client, "data.csv", fixed, capture=django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        admin_post(client, f"/admin/impor/{job.pk}/jalankan/")
    assert set(InnovationPage.objects.values_list("title", flat=True)) == {"Inovasi Baik", "Inovasi Buruk"}


def test_skip_invalid_from_the_admin(intake_world, national_admin, client, django_capture_on_commit_callbacks):
    client.force_login(national_admin)
    bad = csv_bytes("kipp,K-1,Inovasi Baik,R,Pemerintah Kota Manado,2020", "kipp,K-2,Inovasi Buruk,R,Dinas Entah,2020")
    job, _ = upload(client, "data.csv", bad, skip_invalid=True, capture=django_capture_on_commit_callbacks)
    assert "Impor 1 baris yang sah" in soup_of(admin_get(client, f"/admin/impor/{job.pk}/")).text
    with django_capture_on_commit_callbacks(execute=True):
        admin_post(client, f"/admin/impor/{job.pk}/jalankan/")
    job.refresh_from_db()
    assert job.result == {"baru": 1, "digabung": 0, "tidak_berubah": 0, "ditolak": 1}
    assert list(InnovationPage.objects.values_list("title", flat=True)) == ["Inovasi Baik"]


def test_refused_file_and_form_errors(intake_world, national_admin, client, django_capture_on_commit_callbacks):
    client.force_login(national_admin)
    job, _ = upload(client, "data.xlsx", b"bukan xlsx", capture=django_capture_on_commit_callbacks)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.REFUSED
    assert "Berkas ini bukan XLSX" in soup_of(admin_get(client, f"/admin/impor/{job.pk}/")).text
    response = admin_post(client, "/admin/impor/", {"file": SimpleUploadedFile("data.exe", b"MZ")})
    assert response.status_code == 200
    assert "Jenis berkas “.exe” tidak didukung" in soup_of(response).text
    response = admin_post(client, "/admin/impor/", {})
    assert response.status_code == 200 and ImportJob.objects.count() == 1
    assert soup_of(response).select(".error-message")  # the empty submission says what is missing


def test_upload_page_lists_the_columns(intake_world, national_admin, client):
    client.force_login(national_admin)
    page = soup_of(admin_get(client, "/admin/impor/"))
    names = [code.get_text() for code in page.select("details table code")]
    assert names[:3] == ["sumber", "id_sumber", "judul"] and "pembelajaran" in names


def test_running_job_shows_progress_and_refreshes(intake_world, national_admin, client):
    client.force_login(national_admin)
    job = ImportJob.objects.create(file=SimpleUploadedFile("a.csv", b"x"), original_name="a.csv",
                                   status=ImportJob.Status.IMPORTING)
    job.set_progress("tulis", 40, 100)
    page = soup_of(admin_get(client, f"/admin/impor/{job.pk}/"))
    bar = page.find("progress", id="job-progress")
    assert bar["value"] == "40" and bar["max"] == "100"
    assert page.find("meta", attrs={"http-equiv": "refresh"})


def test_only_national_admins(intake_world, coordinator_a, client):
    client.force_login(coordinator_a)
    assert_permission_denied(admin_get(client, "/admin/impor/"))
    job = ImportJob.objects.create(file=SimpleUploadedFile("a.csv", b"x"), original_name="a.csv",
                                   status=ImportJob.Status.CHECKED, report={"baru": 1})
    assert_permission_denied(admin_post(client, f"/admin/impor/{job.pk}/jalankan/"))
    job.refresh_from_db()
    assert job.status == ImportJob.Status.CHECKED


def test_a_check_that_breaks_marks_the_job_failed(intake_world, national_admin, client):
    """A job whose file vanished from storage (e.g. media not shared between servers) must not
    stay "being checked" forever."""
    from intake.tasks import check_import

    job = ImportJob.objects.create(file=SimpleUploadedFile("a.csv", b"x"), original_name="a.csv")
    job.file.storage.delete(job.file.name)
    with pytest.raises(FileNotFoundError):
        check_import(job.pk)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED and "Kesalahan tak terduga" in job.error
    client.force_login(national_admin)
    page = soup_of(admin_get(client, f"/admin/impor/{job.pk}/"))
    assert not page.find("meta", attrs={"http-equiv": "refresh"})
