"""A worker that dies during an import (issue 17: the job stayed "mengimpor" forever and the
page refused a retry). The job beats while a worker runs it; a stale heartbeat ends it as
failed, with nothing written; the page offers "Coba lagi", which runs the step again."""
import datetime
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from innovations.models import InnovationPage
from intake import jobs
from intake.models import ImportJob
from intake.tasks import check_import, fail_stale_imports, run_import
from tests.helpers import admin_get, admin_post, assert_permission_denied, soup_of

from .conftest import SAMPLES

pytestmark = pytest.mark.django_db

LONG_AGO = datetime.timedelta(minutes=10)


def checked_job(client, capture):
    data = Path(SAMPLES, "contoh-kipp.csv").read_bytes()
    with capture(execute=True):
        admin_post(client, "/admin/impor/", {"file": SimpleUploadedFile("contoh-kipp.csv", data)})
    job = ImportJob.objects.latest("pk")
    assert job.status == ImportJob.Status.CHECKED
    return job


def a_worker_took_it_and_died(job):
    """What a worker leaves behind when it is killed while writing: the job taken by it, its last
    heartbeat long ago, and (its transaction never committed) no page."""
    taken = jobs.start(job.pk, job.attempt, jobs.IMPORT)
    assert taken is not None and taken.runs == 1
    ImportJob.objects.filter(pk=job.pk).update(heartbeat_at=timezone.now() - LONG_AGO)


def test_a_dead_worker_is_detected_on_the_page_and_the_retry_imports(
        intake_world, national_admin, client, django_capture_on_commit_callbacks):
    client.force_login(national_admin)
    job = checked_job(client, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=False) as queued:  # the broker holds the message
        admin_post(client, f"/admin/impor/{job.pk}/jalankan/")
    assert len(queued) == 1
    job.refresh_from_db()
    assert job.status == ImportJob.Status.IMPORTING and job.step == jobs.IMPORT and job.attempt == 1
    a_worker_took_it_and_died(job)

    page = soup_of(admin_get(client, f"/admin/impor/{job.pk}/"))
    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED and "Pekerja berhenti saat mengimpor" in job.error
    assert "tidak ada yang ditulis" in page.text and not page.find("meta", attrs={"http-equiv": "refresh"})
    assert not InnovationPage.objects.exists()
    form = page.find("form", action=f"/admin/impor/{job.pk}/coba-lagi/")
    assert form and form.find("input", attrs={"name": "csrfmiddlewaretoken"}) and "Coba lagi" in form.text

    with django_capture_on_commit_callbacks(execute=True):
        admin_post(client, f"/admin/impor/{job.pk}/coba-lagi/")
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE and job.attempt == 2 and job.error == ""
    assert job.result["baru"] == 3 and InnovationPage.objects.count() == 3
    # the broker delivers the dead worker's message again (acknowledged late): it is of attempt
    # 1, given up, so it does nothing
    run_import(job.pk, 1)
    assert InnovationPage.objects.count() == 3
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE


def test_a_check_whose_worker_died_is_retried_as_a_check(intake_world, national_admin, client,
                                                          django_capture_on_commit_callbacks):
    client.force_login(national_admin)
    data = Path(SAMPLES, "contoh-kipp.csv").read_bytes()
    with django_capture_on_commit_callbacks(execute=False):
        admin_post(client, "/admin/impor/", {"file": SimpleUploadedFile("contoh-kipp.csv", data)})
    job = ImportJob.objects.latest("pk")
    assert jobs.start(job.pk, job.attempt, jobs.CHECK) is not None
    ImportJob.objects.filter(pk=job.pk).update(heartbeat_at=timezone.now() - LONG_AGO)
    assert fail_stale_imports() == 1
    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED and "saat memeriksa" in job.error
    with django_capture_on_commit_callbacks(execute=True):
        admin_post(client, f"/admin/impor/{job.pk}/coba-lagi/")
    job.refresh_from_db()
    assert job.status == ImportJob.Status.CHECKED and job.report["baru"] == 3 and not InnovationPage.objects.exists()


def test_the_beat_task_ends_only_the_stale_jobs(intake_world):
    now = timezone.now()

    def job(status, **fields):
        return ImportJob.objects.create(file=SimpleUploadedFile("a.csv", b"x"), original_name="a.csv",
                                        status=status, **fields)

    dead = job(ImportJob.Status.IMPORTING, step=jobs.IMPORT, heartbeat_at=now - LONG_AGO)
    alive = job(ImportJob.Status.IMPORTING, step=jobs.IMPORT, heartbeat_at=now - datetime.timedelta(seconds=20))
    waiting = job(ImportJob.Status.CHECKING, queued_at=now - datetime.timedelta(minutes=5))
    never_taken = job(ImportJob.Status.CHECKING, queued_at=now - datetime.timedelta(hours=2))
    done = job(ImportJob.Status.DONE, heartbeat_at=now - LONG_AGO)
    assert fail_stale_imports() == 2
    status = dict(ImportJob.objects.values_list("pk", "status"))
    assert status[dead.pk] == status[never_taken.pk] == ImportJob.Status.FAILED
    assert status[alive.pk] == ImportJob.Status.IMPORTING and status[waiting.pk] == ImportJob.Status.CHECKING
    assert status[done.pk] == ImportJob.Status.DONE
    never_taken.refresh_from_db()
    assert "Tidak ada pekerja yang mengambil" in never_taken.error and never_taken.finished_at
    assert fail_stale_imports() == 0


def test_a_job_whose_workers_keep_dying_fails_instead_of_looping(intake_world):
    job = ImportJob.objects.create(file=SimpleUploadedFile("a.csv", b"x"), original_name="a.csv",
                                   status=ImportJob.Status.IMPORTING, step=jobs.IMPORT, runs=jobs.MAX_RUNS)
    run_import(job.pk, job.attempt)  # the broker's fourth delivery
    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED and "berhenti 3 kali" in job.error


def in_own_thread(fn):
    """Run ``fn`` on a connection of its own (autocommit), outside the test's transaction."""
    import threading

    from django.db import connections

    outcome = {}

    def target():
        try:
            outcome["value"] = fn()
        except BaseException as error:  # noqa: BLE001 -- raised again in the test's thread
            outcome["error"] = error
        finally:
            connections.close_all()

    thread = threading.Thread(target=target)
    thread.start()
    thread.join(60)
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("value")


def test_the_heartbeat_beats_from_its_own_connection(intake_world):
    """The import is one transaction: a beat written through it would stay invisible until the
    end. The heartbeat's thread writes through its own connection, seen at once by others."""
    import time

    job = in_own_thread(lambda: ImportJob.objects.create(
        file=SimpleUploadedFile("a.csv", b"x"), original_name="a.csv", status=ImportJob.Status.IMPORTING,
        heartbeat_at=timezone.now() - LONG_AGO))
    try:
        with jobs.Heartbeat(job, every=0.2):
            time.sleep(1.5)
            seen = in_own_thread(lambda: ImportJob.objects.get(pk=job.pk).heartbeat_at)
        assert timezone.now() - seen < datetime.timedelta(seconds=1)
    finally:
        in_own_thread(lambda: ImportJob.objects.filter(pk=job.pk).delete())


def test_retry_is_a_post_with_csrf_by_a_national_admin_of_a_failed_job(intake_world, national_admin,
                                                                        coordinator_a, client):
    job = ImportJob.objects.create(file=SimpleUploadedFile("a.csv", b"x"), original_name="a.csv",
                                   status=ImportJob.Status.FAILED, step=jobs.IMPORT, error="Pekerja berhenti.")
    url = f"/admin/impor/{job.pk}/coba-lagi/"
    client.force_login(coordinator_a)
    assert_permission_denied(admin_post(client, url))
    client.force_login(national_admin)
    assert admin_get(client, url).status_code == 405
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(national_admin)
    assert strict.post(url).status_code == 403
    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED and job.attempt == 1
    done = ImportJob.objects.create(file=SimpleUploadedFile("a.csv", b"x"), original_name="a.csv",
                                    status=ImportJob.Status.DONE)
    admin_post(client, f"/admin/impor/{done.pk}/coba-lagi/")
    done.refresh_from_db()
    assert done.status == ImportJob.Status.DONE and done.attempt == 1


def test_the_steps_survive_a_workers_death():
    for task in (check_import, run_import):
        assert task.acks_late is True and task.reject_on_worker_lost is True
