"""The clinic pages: registering through the form, the agency's own list, the organiser's
page, the export and the materials, with the refusals of each role."""
import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from clinics import rules
from clinics.models import Material, Registration, Report

from .conftest import person

pytestmark = pytest.mark.django_db


def people_post(*people):
    data = {"peserta-TOTAL_FORMS": "5", "peserta-INITIAL_FORMS": "0", "peserta-MIN_NUM_FORMS": "0",
            "peserta-MAX_NUM_FORMS": "10"}
    for n, p in enumerate(people):
        data.update({f"peserta-{n}-{key}": value for key, value in p.items()})
    return data


def test_the_event_page_lists_cohorts_in_local_time(client, clinic, cohort):
    html = client.get(clinic.url).content.decode()
    assert "Angkatan I" in html and "WITA" in html and f"/klinik/angkatan/{cohort.pk}/daftar/" in html
    assert "3 / 3" in html


def test_an_agency_registers_two_people_and_sees_only_its_own(client, cohort, editor_a, editor_a2):
    rules.register(editor_a2, cohort.pk, [person("Manado", name="Budi Manado")])
    client.force_login(editor_a)
    response = client.post(f"/klinik/angkatan/{cohort.pk}/daftar/", people_post(person(1), person(2)), follow=True)
    assert response.redirect_chain[-1][0] == "/klinik/pendaftaran-saya/"
    html = response.content.decode()
    assert "2 peserta didaftarkan" in html and "Peserta 1" in html and "Budi Manado" not in html


def test_the_form_shows_why_an_agency_may_not_register(client, cohort, editor_b):
    client.force_login(editor_b)
    response = client.get(f"/klinik/angkatan/{cohort.pk}/daftar/")
    assert response.status_code == 403 and "tidak termasuk undangan" in response.content.decode()
    response = client.post(f"/klinik/angkatan/{cohort.pk}/daftar/", people_post(person(1)))
    assert response.status_code == 403 and not Registration.objects.exists()


def test_a_bad_form_post_never_500s(client, cohort, editor_a):
    client.force_login(editor_a)
    response = client.post(f"/klinik/angkatan/{cohort.pk}/daftar/", {"peserta-TOTAL_FORMS": "x"})
    assert response.status_code == 200 and not Registration.objects.exists()
    response = client.post(f"/klinik/angkatan/{cohort.pk}/daftar/", people_post({"name": "Ani", "position": "", "unit": ""}))
    assert "Peserta 1: isi jabatan" in response.content.decode()


def test_another_agency_cannot_cancel(client, cohort, editor_a, editor_a2):
    (registration,) = rules.register(editor_a, cohort.pk, [person(1)])
    client.force_login(editor_a2)
    assert client.post(f"/klinik/pendaftaran/{registration.pk}/batal/").status_code == 404
    client.force_login(editor_a)
    client.post(f"/klinik/pendaftaran/{registration.pk}/batal/")
    registration.refresh_from_db()
    assert registration.status == Registration.Status.DIBATALKAN


def test_only_the_hubs_coordinator_manages(client, clinic, cohort, editor_a, coordinator_a, coordinator_b):
    rules.register(editor_a, cohort.pk, [person(1, name="Siti Rahmawati")])
    for user in (editor_a, coordinator_b):
        client.force_login(user)
        assert client.get(f"/klinik/kelola/{clinic.pk}/").status_code == 403
        assert client.get(f"/klinik/kelola/{clinic.pk}/peserta.csv").status_code == 403
    client.force_login(coordinator_a)
    assert "Siti Rahmawati" in client.get(f"/klinik/kelola/{clinic.pk}/").content.decode()
    csv = client.get(f"/klinik/kelola/{clinic.pk}/peserta.csv")
    assert csv["Content-Type"].startswith("text/csv") and "Siti Rahmawati" in csv.content.decode("utf-8-sig")
    assert client.get(f"/klinik/kelola/{clinic.pk}/peserta.xlsx")["Content-Type"].endswith("sheet")
    assert client.get(f"/klinik/kelola/{clinic.pk}/peserta.pdf").status_code == 404
    # a superscript digit passes str.isdigit() and fails int(): a message, never a 500
    for raw in ("²", "٣", "1" * 40, "-1"):
        response = client.post(f"/klinik/kelola/{clinic.pk}/", {"aksi": "hadir", "pendaftaran": raw}, follow=True)
        assert response.status_code == 200 and "Permintaan tidak dikenali." in response.content.decode()


def test_the_organiser_adds_a_cohort_in_its_local_time(client, clinic, coordinator_a):
    client.force_login(coordinator_a)
    response = client.post(f"/klinik/kelola/{clinic.pk}/", {
        "aksi": "angkatan", "angkatan-name": "Angkatan II", "angkatan-capacity": "40",
        "angkatan-start": "2027-03-03T09:00", "angkatan-time_zone": "Asia/Jayapura",
        "angkatan-location": "Jayapura", "angkatan-is_open": "on"})
    assert response.status_code == 302
    cohort = clinic.cohorts.get(name="Angkatan II")
    assert cohort.start == datetime.datetime(2027, 3, 3, 0, 0, tzinfo=datetime.UTC)  # 09.00 WIT
    response = client.post(f"/klinik/kelola/{clinic.pk}/", {"aksi": "angkatan", "angkatan-name": "X", "angkatan-capacity": "0"})
    assert response.status_code == 200 and "Isi tempat kegiatan" in response.content.decode()


def test_confirm_attendance_and_stray_posts(client, clinic, cohort, editor_a, coordinator_a):
    (registration,) = rules.register(editor_a, cohort.pk, [person(1)])
    client.force_login(coordinator_a)
    client.post(f"/klinik/kelola/{clinic.pk}/", {"aksi": "konfirmasi", "pendaftaran": registration.pk})
    registration.refresh_from_db()
    assert registration.status == Registration.Status.DIKONFIRMASI
    response = client.post(f"/klinik/kelola/{clinic.pk}/", {"aksi": "hadir", "pendaftaran": registration.pk}, follow=True)
    assert "setelah angkatan dimulai" in response.content.decode()
    for data in ({"aksi": "hadir", "pendaftaran": "abc"}, {"aksi": "hapus", "pendaftaran": registration.pk},
                 {"aksi": "hadir", "pendaftaran": "999999"}):
        assert client.post(f"/klinik/kelola/{clinic.pk}/", data).status_code == 302


def _past(clinic, cohort):
    past = timezone.now() - datetime.timedelta(days=3)
    clinic.start = cohort.start = past
    clinic.save_revision().publish()
    cohort.save()


def test_materials_for_participants_and_the_public(client, clinic, cohort, editor_a, editor_a2, coordinator_a):
    (registration,) = rules.register(editor_a, cohort.pk, [person(1)])
    _past(clinic, cohort)
    rules.mark_attendance(coordinator_a, registration.pk, True)
    client.force_login(coordinator_a)
    upload = SimpleUploadedFile("paparan.pdf", b"%PDF-1.4 paparan", content_type="application/pdf")
    client.post(f"/klinik/kelola/{clinic.pk}/", {"aksi": "materi", "materi-title": "Paparan Angkatan I",
                                                  "materi-file": upload, "materi-audience": "peserta"})
    bad = SimpleUploadedFile("virus.exe", b"MZ", content_type="application/octet-stream")
    response = client.post(f"/klinik/kelola/{clinic.pk}/", {"aksi": "materi", "materi-title": "X", "materi-file": bad,
                                                             "materi-audience": "publik"})
    assert "tidak diterima" in response.content.decode()
    Material.objects.create(event=clinic, title="Rekaman", url="https://video.example/rekaman", audience="publik")
    private = Material.objects.get(title="Paparan Angkatan I")
    client.logout()
    assert client.get(f"/klinik/materi/{private.pk}/").status_code == 302  # to the login
    html = client.get(clinic.url).content.decode()
    assert "Rekaman" in html and "Paparan Angkatan I" not in html
    client.force_login(editor_a2)
    assert client.get(f"/klinik/materi/{private.pk}/").status_code == 403
    client.force_login(editor_a)
    response = client.get(f"/klinik/materi/{private.pk}/")
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"%PDF-1.4 paparan"
    assert "Paparan Angkatan I" in client.get(clinic.url).content.decode()


def test_the_report_and_its_follow_up_on_the_event_page(client, clinic, cohort, editor_a, coordinator_a, agency_a, hub_a):
    from innovations.factories import InnovationPageFactory

    (registration,) = rules.register(editor_a, cohort.pk, [person(1)])
    _past(clinic, cohort)
    rules.mark_attendance(coordinator_a, registration.pk, True)
    InnovationPageFactory(parent=hub_a, agency=agency_a, title="Inovasi Sesudah Klinik", first_published_at=timezone.now())
    InnovationPageFactory(parent=hub_a, agency=agency_a, title="Inovasi Lama",
                          first_published_at=timezone.now() - datetime.timedelta(days=30))
    Report.objects.create(event=clinic, covered="Penyusunan proposal KIPP.", followup_months=6)
    html = client.get(clinic.url).content.decode()
    assert "Penyusunan proposal KIPP." in html and "1 orang dari 1 instansi" in html
    assert "1 instansi peserta menerbitkan inovasi" in html
    assert "0 mengikuti kompetisi" in html


def test_the_follow_up_counts_competition_entries_after_the_clinic(clinic, cohort, editor_a, coordinator_a, agency_a):
    """``competitions.followup.agencies_entered``: a proposal submitted after the clinic counts,
    one submitted before it or a draft never submitted does not."""
    from clinics.followup import event_figures
    from competitions.factories import EditionFactory
    from competitions.models import Proposal

    (registration,) = rules.register(editor_a, cohort.pk, [person(1)])
    _past(clinic, cohort)
    rules.mark_attendance(coordinator_a, registration.pk, True)
    edition = EditionFactory()
    after = (clinic.end or clinic.start) + datetime.timedelta(days=20)
    Proposal.objects.create(edition=edition, agency=agency_a, title="Draf Tak Diajukan", title_key="draf")
    assert event_figures(clinic)["competition"] == 0
    Proposal.objects.create(edition=edition, agency=agency_a, title="Sebelum Klinik", title_key="sebelum",
                            status="diajukan", submitted_at=(clinic.end or clinic.start) - datetime.timedelta(days=5))
    assert event_figures(clinic)["competition"] == 0
    Proposal.objects.create(edition=edition, agency=agency_a, title="Sesudah Klinik", title_key="sesudah",
                            status="diajukan", submitted_at=after)
    assert event_figures(clinic)["competition"] == 1


def test_the_list_of_ones_own_registrations_without_an_agency(client, coordinator_a):
    client.force_login(coordinator_a)
    assert "tidak mewakili instansi" in client.get("/klinik/pendaftaran-saya/").content.decode()


def test_the_organisers_list_runs_the_same_queries_for_few_or_many(client, clinic, cohort, editor_a, editor_a2, coordinator_a):
    from tests.helpers import count_queries

    cohort.capacity = 50
    cohort.save()
    rules.register(editor_a, cohort.pk, [person(1), person(2)])
    client.force_login(coordinator_a)
    client.get(f"/klinik/kelola/{clinic.pk}/")
    _response, few = count_queries(client, f"/klinik/kelola/{clinic.pk}/")
    rules.register(editor_a2, cohort.pk, [person(n) for n in range(10)])
    response, many = count_queries(client, f"/klinik/kelola/{clinic.pk}/")
    assert response.status_code == 200 and many == few
    client.force_login(editor_a2)
    client.get("/klinik/pendaftaran-saya/")
    _response, mine = count_queries(client, "/klinik/pendaftaran-saya/")
    rules.register(editor_a2, cohort.pk, [person(n) for n in range(5)])
    assert count_queries(client, "/klinik/pendaftaran-saya/")[1] == mine


def _png(name):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (60, 40), (141, 26, 60)).save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def test_the_report_takes_several_photos_and_refuses_what_is_not_one(client, clinic, cohort, coordinator_a):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from clinics.models import ReportPhoto

    _past(clinic, cohort)
    client.force_login(coordinator_a)
    report = {"aksi": "laporan", "laporan-covered": "Penyusunan proposal KIPP dan data dukung.",
              "laporan-followup_months": "12"}
    bad = client.post(f"/klinik/kelola/{clinic.pk}/", {
        **report, "laporan-more_photos": [_png("satu.png"), SimpleUploadedFile("dua.png", b"bukan gambar")]})
    assert bad.status_code == 200 and not Report.objects.filter(event=clinic).exists()
    assert not ReportPhoto.objects.exists()  # nothing half-written
    good = client.post(f"/klinik/kelola/{clinic.pk}/", {
        **report, "laporan-more_photos": [_png("satu.png"), _png("dua.png")]}, follow=True)
    assert good.status_code == 200 and ReportPhoto.objects.filter(report__event=clinic).count() == 2
    html = client.get(clinic.url).content.decode()
    assert 'alt="Foto kegiatan 1"' in html and 'alt="Foto kegiatan 2"' in html
