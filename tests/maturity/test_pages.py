"""The maturity pages: a coordinator fills and submits, a verifier verifies and publishes,
the public reads the ranking and a hub's profile; the refusals of each role."""
import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from maturity import rules
from maturity.models import Cycle, Submission

from .conftest import ANSWERS, option, q

pytestmark = pytest.mark.django_db


def fill_post(cycle, **extra):
    data = dict(extra)
    for (aspect, number), starts in ANSWERS.items():
        question = q(cycle, aspect, number)
        data[f"pilihan-{question.pk}"] = [option(question, s) for s in starts]
        data[f"tautan-{question.pk}"] = "https://sulutprov.go.id/bukti.pdf"
    return data


def test_coordinator_fills_submits_and_verifier_publishes(client, cycle, hub_a, coordinator_a, verifier):
    client.force_login(coordinator_a)
    page = client.get("/kematangan/2026/isi/").content.decode()
    assert "Perencanaan" in page and "Data portal tentang hub ini" in page and "contoh" in page
    response = client.post("/kematangan/2026/isi/", fill_post(cycle, ajukan="1"), follow=True)
    assert "Isian diajukan" in response.content.decode()
    submission = Submission.objects.get(hub=hub_a)
    assert submission.status == Submission.Status.DIAJUKAN
    client.force_login(verifier)
    assert hub_a.title in client.get("/kematangan/2026/verifikasi/").content.decode()
    for answer in submission.answers.all():
        client.post(f"/kematangan/2026/verifikasi/{submission.pk}/", {"jawaban": answer.pk, "putusan": "diterima"})
    client.post(f"/kematangan/2026/verifikasi/{submission.pk}/", {"publikasikan": "1"})
    submission.refresh_from_db()
    # everything accepted: P 2 x 1/2 + 1, L 2 x 3/4 + 1, S 2 + 1/2, E 2 + 1: 10 of 12
    assert submission.status == Submission.Status.DIPUBLIKASIKAN and submission.total == Decimal("83.33")
    client.logout()
    results = client.get("/kematangan/").content.decode()
    assert hub_a.title in results and "83,33" in results and "baru" in results  # Indonesian decimal comma
    assert "83,33" in client.get(hub_a.url).content.decode()


def test_bad_uploads_and_posts_give_messages(client, cycle, hub_a, coordinator_a, verifier):
    client.force_login(coordinator_a)
    question = q(cycle, "perencanaan", 1)
    bad = SimpleUploadedFile("bukti.exe", b"MZ")
    response = client.post("/kematangan/2026/isi/", {f"bukti-{question.pk}": bad}, follow=True)
    assert "tidak diterima" in response.content.decode()
    response = client.post("/kematangan/2026/isi/", {f"pilihan-{question.pk}": ["x", "999999"]}, follow=True)
    assert response.status_code == 200 and "tidak dikenal" in response.content.decode()
    response = client.post("/kematangan/2026/isi/", fill_post(cycle, ajukan="1") | {f"tautan-{question.pk}": "javascript:alert(1)"}, follow=True)
    assert "https://" in response.content.decode()
    submission = Submission.objects.get(hub=hub_a)
    client.force_login(verifier)
    assert client.post(f"/kematangan/2026/verifikasi/{submission.pk}/", {"jawaban": "abc"}).status_code == 200
    for raw in ("²", "٣", "9" * 40):  # passes str.isdigit(), fails int(): a message, never a 500
        response = client.post(f"/kematangan/2026/verifikasi/{submission.pk}/",
                               {"jawaban": raw, "putusan": "dikoreksi", "koreksi": [raw]})
        assert response.status_code == 200, raw


def test_refusals(client, cycle, hub_a, coordinator_a, editor_a, verifier_coordinating_a, coordinator_b):
    submission = rules.submission_for(coordinator_a, cycle, hub_a)
    client.force_login(editor_a)
    assert client.get("/kematangan/2026/isi/").status_code == 403
    assert client.get("/kematangan/2026/verifikasi/").status_code == 403
    client.force_login(coordinator_b)
    assert client.get(f"/kematangan/2026/verifikasi/{submission.pk}/").status_code == 403
    client.force_login(verifier_coordinating_a)
    assert client.get(f"/kematangan/2026/verifikasi/{submission.pk}/").status_code == 403
    submission.status = Submission.Status.DIAJUKAN
    submission.save()
    assert hub_a.title not in client.get("/kematangan/2026/verifikasi/").content.decode()
    client.logout()
    assert client.get("/kematangan/2026/isi/").status_code == 302
    assert "belum dipublikasikan" in client.get("/kematangan/2026/").content.decode()


def test_change_from_last_year(client, cycle, hub_a):
    last = Cycle.objects.create(year=2025, opens=timezone.now() - datetime.timedelta(days=400),
                                closes=timezone.now() - datetime.timedelta(days=350))
    Submission.objects.create(cycle=last, hub=hub_a, status="dipublikasikan", total=Decimal("60.50"),
                              published_at=timezone.now())
    Submission.objects.create(cycle=cycle, hub=hub_a, status="dipublikasikan", total=Decimal("72.00"),
                              perencanaan=Decimal("80.00"), published_at=timezone.now())
    html = client.get("/kematangan/2026/").content.decode()
    assert "+11,50" in html
    assert "Peta kematangan hub per provinsi" in html and 'id="province-map-data"' in html
    assert f'<a href="{hub_a.url}">Sulawesi Utara</a>' in html  # the province row opens the hub
    assert "+11,50" in client.get(hub_a.url).content.decode()


def test_results_run_the_same_queries_for_two_or_ten_hubs(client, cycle, site_pages):
    from tests.helpers import count_queries, make_hub

    codes = ["11", "12", "13", "14", "15", "16", "17", "18", "19", "21"]
    for n, code in enumerate(codes):
        hub = make_hub(site_pages["hubs"], code, f"Hub JIPP Uji {code}", f"hub-uji-{code}")
        Submission.objects.create(cycle=cycle, hub=hub, status="dipublikasikan", total=Decimal(50 + n),
                                  published_at=timezone.now())
        if n == 1:
            client.get("/kematangan/2026/")  # warm caches (site root paths)
            _response, few = count_queries(client, "/kematangan/2026/")
    response, many = count_queries(client, "/kematangan/2026/")
    assert response.status_code == 200 and many == few


def test_a_new_cycle_in_the_admin_gets_last_years_questions(client, cycle):
    from tests.helpers import make_superuser

    client.force_login(make_superuser())
    response = client.post("/admin/snippets/maturity/cycle/add/", {
        "year": "2027", "opens": "2027-03-01 08:00", "closes": "2027-06-30 16:00", "note": ""})
    assert response.status_code == 302, response.content.decode()[:1500]
    assert Cycle.objects.get(year=2027).questions.count() == cycle.questions.count()


def test_header_links_for_coordinators_and_verifiers(client, cycle, coordinator_a, verifier, editor_a):
    client.force_login(coordinator_a)
    assert "/kematangan/2026/isi/" in client.get("/kematangan/").content.decode()
    client.force_login(verifier)
    assert "/kematangan/2026/verifikasi/" in client.get("/kematangan/").content.decode()
    client.force_login(editor_a)
    html = client.get("/kematangan/").content.decode()
    assert "/klinik/pendaftaran-saya/" in html and "/kematangan/2026/isi/" not in html


def test_facts_beside_the_self_assessment(client, cycle, hub_a, agency_a, coordinator_a):
    from innovations.factories import InnovationPageFactory
    from maturity.selectors import hub_facts
    from news.factories import EventPageFactory

    InnovationPageFactory(parent=hub_a, agency=agency_a)
    EventPageFactory(parent=hub_a, start=timezone.now() - datetime.timedelta(days=40))
    facts = hub_facts(hub_a, 2026)
    assert (facts["innovations"], facts["events_held"], facts["competition_agencies"]) == (1, 1, 0)
    # an agency of the hub that submitted a proposal in 2026 is a competition entry
    from competitions.factories import EditionFactory
    from competitions.models import Proposal

    Proposal.objects.create(edition=EditionFactory(), agency=agency_a, title="Rujukan Daring", title_key="rujukan",
                            status="diajukan", submitted_at=timezone.now().replace(year=2026, month=3, day=2))
    assert hub_facts(hub_a, 2026)["competition_agencies"] == 1
    client.force_login(coordinator_a)
    html = client.get("/kematangan/2026/isi/").content.decode()
    assert "modul kompetisi belum terpasang" not in html and "Instansi hub yang mengikuti kompetisi" in html
