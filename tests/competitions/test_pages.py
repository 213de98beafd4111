"""The competition pages per role, with the refusals: an agency drafts and its Admin Lokal
submits, the secretariat decides, evaluators score blind, the organiser fixes and announces the
Top 99, the public sees it (page, CSV/XLSX, feed), hub coordinators see their region."""
import datetime

import pytest
from django.core import mail
from django.urls import reverse

from competitions import rules
from competitions.factories import EditionFactory
from competitions.models import Assignment, EditionGroup, Proposal, Status
from innovations.models import SDG, Category

from ..helpers import make_agency
from .conftest import complete, sk_file

pytestmark = pytest.mark.django_db


def url(name, edition, *args):
    return reverse(f"competitions:{name}", args=[edition.slug, *args])


def messages_of(response):
    return [str(m) for m in response.context["messages"]] if response.context else []


class TestPublic:
    def test_index_and_edition_page_without_login(self, client, edition, draft):
        response = client.get(reverse("competitions:editions"))
        assert response.status_code == 200 and edition.name in response.text
        page = client.get(url("edition", edition))
        assert page.status_code == 200
        assert "Pendaftaran dan pengajuan proposal" in page.text and 'aria-current="step"' in page.text
        assert "Top 99 belum diumumkan" in page.text and draft.title not in page.text  # drafts stay private
        assert "Peta proposal per provinsi" in page.text

    def test_unknown_edition_and_bad_format_are_404(self, client, edition):
        assert client.get("/kompetisi/tidak-ada/").status_code == 404
        assert client.get(url("top_download", edition, "pdf")).status_code == 404
        assert client.get(url("top_download", edition, "csv")).status_code == 404  # not announced
        assert client.get(url("feed", edition)).status_code == 404

    def test_a_proposal_is_private_until_announced(self, client, draft, other_admin_lokal, coordinator_a, coordinator_b,
                                                   admin_lokal):
        link = url("proposal", draft.edition, draft.pk)
        assert client.get(link).status_code == 404
        client.force_login(other_admin_lokal)
        assert client.get(link).status_code == 404
        client.force_login(coordinator_b)
        assert client.get(link).status_code == 404
        client.force_login(coordinator_a)  # Manado is in Sulawesi Utara
        assert client.get(link).status_code == 200
        client.force_login(admin_lokal)
        assert client.get(link).status_code == 200
        assert client.get(url("file", draft.edition, "sk", draft.pk)).status_code == 200
        client.force_login(other_admin_lokal)
        assert client.get(url("file", draft.edition, "sk", draft.pk)).status_code == 404


class TestAgency:
    def test_operator_drafts_with_word_counts_and_cannot_submit(self, client, edition, operator):
        client.force_login(operator)
        response = client.post(url("ours", edition), {"group": "umum", "title": "Posyandu Digital Manado"})
        proposal = Proposal.objects.get(title="Posyandu Digital Manado")
        assert response.status_code == 302 and response.url == url("edit", edition, proposal.pk)
        page = client.get(response.url)
        assert "0 dari 200 kata" in page.text and "Hanya Admin Lokal" in page.text
        aspects = list(rules.instrument_for(edition, "umum").aspects.all())
        data = {"title": proposal.title, "category": Category.objects.get(slug="kesehatan").pk,
                "implementation_start": "2020-01-15", "sdgs": [SDG.objects.get(number=3).pk], "action": "simpan",
                f"aspek-{aspects[0].pk}": "Posyandu mencatat tumbuh kembang balita secara digital."}
        response = client.post(url("edit", edition, proposal.pk), data, follow=True)
        assert "Draf tersimpan." in messages_of(response) and "7 dari 200 kata" in response.text
        response = client.post(url("edit", edition, proposal.pk), {**data, "action": "ajukan"}, follow=True)
        proposal.refresh_from_db()
        assert proposal.status == Status.DRAF  # the operator has no submit

    def test_autosave_answers_json_and_reports_errors(self, client, draft, admin_lokal):
        client.force_login(admin_lokal)
        base = {"title": draft.title, "action": "simpan", "sdgs": [SDG.objects.get(number=3).pk]}
        ok = client.post(url("edit", draft.edition, draft.pk), {**base, "contact_name": "Budi"}, HTTP_X_AUTOSAVE="1")
        assert ok.status_code == 200 and "saved" in ok.json()
        bad = client.post(url("edit", draft.edition, draft.pk), {**base, "implementation_start": "kemarin"},
                          HTTP_X_AUTOSAVE="1")
        assert bad.status_code == 400 and bad.json()["errors"]

    def test_admin_lokal_submits_and_sees_the_outcome(self, client, draft, admin_lokal, secretariat):
        client.force_login(admin_lokal)
        data = {"title": draft.title, "category": draft.category_id, "implementation_start": "2020-03-01",
                "sdgs": [s.pk for s in draft.sdgs.all()], "action": "ajukan",
                **{f"aspek-{t.aspect_id}": t.text for t in draft.texts.all()}}
        response = client.post(url("edit", draft.edition, draft.pk), data, follow=True)
        assert "Proposal diajukan. Isian kini terkunci." in messages_of(response)
        rules.decide_administration(secretariat, draft, passed=False, reason="SK tidak memuat nama tim inisiator.")
        ours = client.get(url("ours", draft.edition))
        assert "Tidak lolos seleksi administrasi" in ours.text and "SK tidak memuat nama tim inisiator." in ours.text

    def test_another_agencys_draft_is_404_and_without_agency_403(self, client, draft, other_admin_lokal, evaluators):
        client.force_login(other_admin_lokal)
        assert client.get(url("edit", draft.edition, draft.pk)).status_code == 404
        assert draft.title not in client.get(url("ours", draft.edition)).text
        client.force_login(evaluators[0])
        assert client.get(url("ours", draft.edition)).status_code == 403

    def test_admin_lokal_creates_operator_accounts_operators_cannot(self, client, edition, admin_lokal, operator,
                                                                    agency_a2):
        client.force_login(operator)
        assert client.get(url("operators", edition)).status_code == 403
        client.force_login(admin_lokal)
        response = client.post(url("operators", edition), {"username": "upt.puskesmas.bahu", "name": "UPT Puskesmas Bahu",
                                                           "email": "bahu@manadokota.go.id", "password": "rahasia-baru-123"},
                               follow=True)
        assert "Akun operator upt.puskesmas.bahu dibuat." in messages_of(response)
        from agencies.models import AgencyMembership

        assert AgencyMembership.objects.get(user__username="upt.puskesmas.bahu").agency == agency_a2
        again = client.post(url("operators", edition), {"username": "UPT.Puskesmas.Bahu", "name": "x",
                                                        "email": "x@x.id", "password": "rahasia-baru-123"})
        assert "Nama pengguna ini sudah dipakai." in again.text

    def test_evidence_needs_a_file_or_link_and_checks_the_type(self, client, draft, admin_lokal):
        client.force_login(admin_lokal)
        aspect = rules.instrument_for(draft.edition, "umum").aspects.get(name="Signifikansi")
        empty = client.post(url("edit", draft.edition, draft.pk), {"action": "bukti", "bukti-aspect": aspect.pk})
        assert "Unggah berkas atau isi tautan data dukung." in empty.text
        from django.core.files.uploadedfile import SimpleUploadedFile

        exe = client.post(url("edit", draft.edition, draft.pk), {
            "action": "bukti", "bukti-aspect": aspect.pk,
            "bukti-file": SimpleUploadedFile("virus.exe", b"MZ", content_type="application/octet-stream")})
        assert "Jenis berkas .exe tidak diterima" in exe.text
        ok = client.post(url("edit", draft.edition, draft.pk), {"action": "bukti", "bukti-aspect": aspect.pk,
                                                                "bukti-label": "Survei kepuasan 2024",
                                                                "bukti-file": sk_file("survei.pdf")}, follow=True)
        assert "Data dukung ditambahkan." in messages_of(ok) and "Survei kepuasan 2024" in ok.text


class TestSelectionEvaluationAnnouncement:
    def test_the_whole_road_to_top_99(self, client, draft, admin_lokal, secretariat, evaluators, national_admin,
                                      operator, django_capture_on_commit_callbacks):
        edition = draft.edition
        rules.submit(admin_lokal, draft)
        # the secretariat: list, checks, decision; others are refused
        client.force_login(operator)
        assert client.get(url("secretariat", edition)).status_code == 403
        assert client.get(url("selection", edition, draft.pk)).status_code == 403
        client.force_login(secretariat)
        listing = client.get(url("secretariat", edition))
        assert draft.title in listing.text
        detail = client.get(url("selection", edition, draft.pk))
        assert "Semua pemeriksaan administrasi terpenuhi." in detail.text
        refused = client.post(url("selection", edition, draft.pk), {"decision": "tidak_lolos", "reason": ""})
        assert "Tuliskan alasan proposal tidak lolos." in messages_of(refused)
        client.post(url("selection", edition, draft.pk), {"decision": "lolos"})
        draft.refresh_from_db()
        assert draft.status == Status.LOLOS_ADMINISTRASI
        # the organiser assigns two evaluators in turn
        assert client.get(url("organiser", edition)).status_code == 403  # the secretariat is not the organiser
        client.force_login(national_admin)
        client.post(url("organiser", edition), {"action": "tugaskan", "tugas-evaluators": [e.pk for e in evaluators[:2]],
                                                "tugas-per_proposal": 2})
        assignments = list(Assignment.objects.filter(proposal=draft).order_by("evaluator__username"))
        assert len(assignments) == 2
        # each evaluator sees their queue only, scores blind
        aspects = list(rules.instrument_for(edition, "umum").aspects.all())
        client.force_login(evaluators[2])
        assert client.get(url("evaluate", edition, assignments[0].pk)).status_code == 404
        assert draft.title not in client.get(url("queue", edition)).text
        for assignment, value in zip(assignments, (8, 9), strict=True):
            client.force_login(assignment.evaluator)
            assert draft.title in client.get(url("queue", edition)).text
            bad = client.post(url("evaluate", edition, assignment.pk), {f"skor-{aspects[0].pk}": "99"})
            assert "harus di antara 0 dan 10" in " ".join(messages_of(bad))
            # a superscript digit passes str.isdigit() and fails int(): a message, never a 500
            hostile = client.post(url("evaluate", edition, assignment.pk), {f"skor-{aspects[0].pk}": "²"})
            assert hostile.status_code == 200 and "harus di antara 0 dan 10" in " ".join(messages_of(hostile))
            response = client.post(url("evaluate", edition, assignment.pk),
                                   {**{f"skor-{a.pk}": str(value) for a in aspects},
                                    **{f"catatan-{a.pk}": "Cukup jelas." for a in aspects}}, follow=True)
            assert "Nilai tersimpan." in messages_of(response)
            assert "Nilai penilai lain (setelah moderasi)" not in response.text
        draft.refresh_from_db()
        assert str(draft.total) == "85.00"
        # the organiser fixes and announces
        client.force_login(national_admin)
        page = client.get(url("organiser", edition))
        assert draft.title in page.text and "85,00" in page.text  # Indonesian decimal comma
        for hostile in ({"action": "tetapkan", "kelompok": "umum", "pilih": ["²", "٣"], "alasan-²": "x"},
                        {"action": "tugaskan", "tugas-evaluators": ["²"], "tugas-per_proposal": "²"},
                        {"action": "ketiga", "proposal": "²", "evaluator": "²"},
                        {"action": "moderasi", "proposal": "1²", "note": "x"}):
            assert client.post(url("organiser", edition), hostile).status_code < 500, hostile
        client.post(url("organiser", edition), {"action": "tetapkan", "kelompok": "umum", "pilih": [draft.pk]})
        with django_capture_on_commit_callbacks(execute=True):
            client.post(url("organiser", edition), {"action": "umumkan"})
        assert sorted(a for m in mail.outbox for a in m.to) == sorted([admin_lokal.email, operator.email])
        assert all(draft.title in m.body and "Top 99" in m.body for m in mail.outbox)
        # the public sees it
        client.logout()
        public = client.get(url("edition", edition))
        assert draft.title in public.text and "Unduh CSV" in public.text
        summary = client.get(url("proposal", edition, draft.pk))
        assert summary.status_code == 200 and "Ringkasan" in summary.text and "Signifikansi" not in summary.text
        assert "Riwayat" not in summary.text
        csv = client.get(url("top_download", edition, "csv"))
        assert csv.status_code == 200 and draft.title in csv.content.decode("utf-8-sig")
        assert client.get(url("top_download", edition, "xlsx")).status_code == 200
        feed = client.get(url("feed", edition))
        assert feed.status_code == 200 and draft.title in feed.text


class TestRegion:
    def test_coordinators_see_their_region_including_agencies_with_nothing(self, client, edition, draft, coordinator_a,
                                                                          agency_a, admin_lokal, other_admin_lokal):
        rules.submit(admin_lokal, draft)
        client.force_login(coordinator_a)
        page = client.get(url("region", edition))
        assert page.status_code == 200
        assert "Pemerintah Kota Manado" in page.text and "Pemerintah Provinsi Sulawesi Utara" in page.text
        assert "Pemerintah Provinsi Jawa Timur" not in page.text
        assert "1 dari 2 instansi belum mengajukan proposal" in page.text
        client.force_login(other_admin_lokal)
        assert client.get(url("region", edition)).status_code == 403


def test_secretariat_list_runs_a_fixed_number_of_queries(client, edition, secretariat, admin_lokal,
                                                         django_assert_max_num_queries):
    EditionGroup.objects.filter(edition=edition, group="umum").update(cap_per_agency=30)
    for n in range(3):
        proposal = complete(admin_lokal, rules.create_proposal(admin_lokal, edition, group="umum", title=f"Layanan {n}"))
        rules.submit(admin_lokal, proposal)
    client.force_login(secretariat)
    with django_assert_max_num_queries(22) as few:  # 15, and 7 for the rows' check badges (competitions.checks)
        client.get(url("secretariat", edition))
    for n in range(3, 9):
        agency = make_agency("71", name=f"Kabupaten Uji {n}")
        Proposal.objects.create(edition=edition, agency=agency, title=f"Layanan {n}", status=Status.DIAJUKAN,
                                submitted_at=datetime.datetime.now(datetime.UTC))
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url("secretariat", edition))


def test_a_regional_edition_shows_its_organiser(client, hub_a):
    regional = EditionFactory(slug="lomba-inovasi-sulut-2026", name="Lomba Inovasi Sulawesi Utara 2026", hub=hub_a)
    page = client.get(url("edition", regional))
    assert "Hub JIPP Sulawesi Utara" in page.text and "hanya untuk instansi di wilayah hub ini" in page.text


def test_the_organiser_settles_a_disagreement_with_a_third_evaluator(client, draft, admin_lokal, secretariat,
                                                                      evaluators, national_admin):
    rules.submit(admin_lokal, draft)
    rules.decide_administration(secretariat, draft, passed=True)
    rules.assign(national_admin, draft, evaluators[:2])
    aspects = list(rules.instrument_for(draft.edition, "umum").aspects.all())
    for evaluator, value in ((evaluators[0], 10), (evaluators[1], 2)):
        rules.score(evaluator, Assignment.objects.get(proposal=draft, evaluator=evaluator), {a.pk: (value, "") for a in aspects})
    client.force_login(national_admin)
    page = client.get(url("organiser", draft.edition))
    assert "Perbedaan nilai besar" in page.text and draft.title in page.text
    response = client.post(url("organiser", draft.edition), {"action": "ketiga", "proposal": draft.pk,
                                                              "evaluator": evaluators[2].pk}, follow=True)
    assert "Penilai ketiga ditugaskan" in " ".join(messages_of(response))
    third = Assignment.objects.get(proposal=draft, evaluator=evaluators[2])
    assert third.is_tiebreak
    again = client.post(url("organiser", draft.edition), {"action": "ketiga", "proposal": draft.pk,
                                                           "evaluator": evaluators[0].pk})
    assert "sudah menilai proposal ini" in " ".join(messages_of(again))
    refused = client.post(url("organiser", draft.edition), {"action": "ketiga", "proposal": draft.pk, "evaluator": "x"})
    assert refused.status_code == 404


def test_an_evaluator_declares_a_conflict_and_another_takes_the_place(client, draft, admin_lokal, secretariat,
                                                                     evaluators, national_admin):
    """From "Penilaian saya": the conflict is recorded, the unfinished assignment and its draft
    scores go, the least loaded eligible evaluator takes the place, and no later assignment
    picks the declarer for that agency; a reason is required and the agency never sees it."""
    from competitions.models import Conflict, ProposalStep, Score

    rules.submit(admin_lokal, draft)
    rules.decide_administration(secretariat, draft, passed=True)
    rules.assign(national_admin, draft, evaluators[:2])
    aspects = list(rules.instrument_for(draft.edition, "umum").aspects.all())
    mine = Assignment.objects.get(proposal=draft, evaluator=evaluators[0])
    rules.score(evaluators[0], mine, {aspects[0].pk: (7, "")})  # a draft score
    client.force_login(evaluators[0])
    page = client.get(url("evaluate", draft.edition, mine.pk))
    assert "Nyatakan konflik kepentingan" in page.text
    empty = client.post(url("evaluate", draft.edition, mine.pk), {"action": "konflik", "alasan_konflik": " "})
    assert "Tuliskan alasan konflik kepentingan" in " ".join(messages_of(empty))
    response = client.post(url("evaluate", draft.edition, mine.pk),
                           {"action": "konflik", "alasan_konflik": "Saya pernah menjadi pendamping inovasi ini."},
                           follow=True)
    assert "Konflik kepentingan dicatat" in " ".join(messages_of(response))
    assert draft.title not in client.get(url("queue", draft.edition)).text
    assert Conflict.objects.filter(evaluator=evaluators[0], agency=draft.agency).exists()
    assert not Score.objects.filter(assignment__proposal=draft, assignment__evaluator=evaluators[0]).exists()
    assert set(Assignment.objects.filter(proposal=draft).values_list("evaluator", flat=True)) == {
        evaluators[1].pk, evaluators[2].pk}
    step = ProposalStep.objects.get(proposal=draft, action="konflik")
    assert not step.visible_to_agency
    with pytest.raises(Exception, match="konflik kepentingan"):
        rules.assign(national_admin, draft, [evaluators[0]])
