"""The finals' pages per role: the public objection form (honeypot, rate limit, the objector's
contact never public), the panel's scoring, the agency's confirmation, the organiser's desk
through to the announced winners, their downloads and feed, the results page and the
innovation page's competition path."""
import datetime
import zoneinfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from competitions import finals
from competitions.models import (
    Decree,
    Interview,
    InterviewCriterion,
    Objection,
    PanelAssignment,
    Proposal,
    Status,
)
from innovations.factories import InnovationPageFactory
from innovations.models import AwardTier

pytestmark = pytest.mark.django_db

OBJECTOR = {"name": "Rahmat Hidayat Objektor", "contact": "rahmat.objektor@surel.id"}
EVIDENCE = "Aplikasi ini tidak dapat diakses sejak Juli; warga kembali antre di loket puskesmas setiap pagi."


def _post_objection(client, edition, target, **extra):
    data = {"proposal": target.pk, **OBJECTOR, "evidence_text": EVIDENCE, "evidence_url": "", "website": ""}
    data.update(extra)
    return client.post(reverse("competitions:object", args=[edition.slug]), data, REMOTE_ADDR="203.0.113.7")


class TestObjectionForm:
    def test_the_form_is_on_the_edition_page_while_open_and_files_an_objection(self, client, finals_edition, nominees):
        page = client.get(reverse("competitions:edition", args=[finals_edition.slug]))
        assert page.status_code == 200
        body = page.content.decode()
        assert 'id="uji-publik"' in body and "Kirim keberatan" in body and nominees[0].title in body
        response = _post_objection(client, finals_edition, nominees[0],
                                   evidence_file=SimpleUploadedFile("foto.png", b"\x89PNG fake", content_type="image/png"))
        assert response.status_code == 302
        objection = Objection.objects.get()
        assert objection.contact == OBJECTOR["contact"] and objection.outcome == "menunggu"

    def test_honeypot_bad_file_and_rate_limit(self, client, finals_edition, nominees):
        assert _post_objection(client, finals_edition, nominees[0], website="http://spam.example").status_code == 400
        bad = _post_objection(client, finals_edition, nominees[0],
                              evidence_file=SimpleUploadedFile("x.exe", b"MZ", content_type="application/octet-stream"))
        assert bad.status_code == 400 and "tidak diterima" in bad.content.decode()
        assert Objection.objects.count() == 0
        for _n in range(3):
            assert _post_objection(client, finals_edition, nominees[0]).status_code == 302
        limited = _post_objection(client, finals_edition, nominees[0])
        assert limited.status_code == 400 and "Terlalu banyak keberatan" in limited.content.decode()
        assert Objection.objects.count() == 3
        assert _post_objection(client, finals_edition, nominees[0], proposal=999999).status_code == 400

    def test_closed_period_refuses(self, client, finals_edition, nominees):
        finals_edition.objection_closes_on = timezone.localdate() - datetime.timedelta(days=1)
        finals_edition.verification_closes_on = timezone.localdate() - datetime.timedelta(days=5)
        finals_edition.save()
        response = _post_objection(client, finals_edition, nominees[0])
        assert response.status_code == 302 and Objection.objects.count() == 0
        assert "Kirim keberatan" not in client.get(reverse("competitions:edition", args=[finals_edition.slug])).content.decode()

    def test_the_objectors_name_and_contact_never_appear_in_public(self, client, finals_edition, nominees,
                                                                   national_admin, hub_a, agency_a2):
        _post_objection(client, finals_edition, nominees[0])
        objection = Objection.objects.get()
        from competitions import awards, objections

        objections.decide(national_admin, objection, outcome="ditolak", note="Aplikasi sempat pemeliharaan dua hari.")
        page = InnovationPageFactory(parent=hub_a, agency=agency_a2, title=nominees[0].title)
        Proposal.objects.filter(pk=nominees[0].pk).update(innovation=page)
        awards.fix_winners(national_admin, finals_edition, number="Keputusan MenPANRB 512/2025",
                           decided_on=datetime.date(2025, 10, 20),
                           winners=[{"proposal": nominees[0].pk, "tier": AwardTier.objects.get(slug="top-45").pk}])
        awards.announce_winners(national_admin, finals_edition)
        slug = finals_edition.slug
        urls = [reverse("competitions:edition", args=[slug]), reverse("competitions:proposal", args=[slug, nominees[0].pk]),
                reverse("competitions:feed", args=[slug]), reverse("competitions:winners_feed", args=[slug]),
                reverse("competitions:top_download", args=[slug, "csv"]),
                reverse("competitions:winners_download", args=[slug, "csv"]),
                reverse("competitions:results"), "/api/inovasi/", f"/api/inovasi/{page.pk}/", page.url]
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, url
            text = b"".join(response.streaming_content) if response.streaming else response.content
            for secret in (OBJECTOR["name"], OBJECTOR["contact"], "rahmat"):
                assert secret.encode() not in text.lower() if secret == "rahmat" else secret.encode() not in text, url
        # the proposal's history shows the decision, not who objected
        client.force_login(national_admin)
        history = client.get(reverse("competitions:proposal", args=[slug, nominees[0].pk])).content.decode()
        assert "Keberatan publik diputuskan" in history and OBJECTOR["contact"] not in history
        # only the organiser's desk shows it
        assert OBJECTOR["contact"] in client.get(reverse("competitions:desk", args=[slug])).content.decode()


class TestRoles:
    def test_each_page_refuses_the_wrong_role(self, client, finals_edition, nominees, panelists, evaluators,
                                              coordinator_a, admin_lokal, national_admin):
        slug = finals_edition.slug
        desk = reverse("competitions:desk", args=[slug])
        assert client.get(desk).status_code == 302  # to the login
        for user in (coordinator_a, panelists[0], evaluators[0], admin_lokal):
            client.force_login(user)
            assert client.get(desk).status_code == 403
            assert client.post(desk, {"action": "gugurkan", "proposal": nominees[0].pk, "reason": "x"}).status_code == 403
        client.force_login(evaluators[0])
        assert client.get(reverse("competitions:panel_queue", args=[slug])).status_code == 403
        interview = finals.schedule_interview(national_admin, nominees[0], starts_at=timezone.now(), place="Aula")
        finals.assign_panel(national_admin, interview, panelists)
        theirs = PanelAssignment.objects.get(panelist=panelists[1])
        client.force_login(panelists[0])
        assert client.get(reverse("competitions:panel_score", args=[slug, theirs.pk])).status_code == 404
        nominees[0].refresh_from_db()
        assert nominees[0].status == Status.TOP

    def test_panelist_scores_on_the_page_and_sees_only_their_own(self, client, finals_edition, nominees, panelists,
                                                                 national_admin):
        interview = finals.schedule_interview(national_admin, nominees[0],
                                              starts_at=timezone.now() - datetime.timedelta(minutes=30),
                                              online_url="https://zoom.us/j/55")
        finals.assign_panel(national_admin, interview, panelists)
        mine = PanelAssignment.objects.get(panelist=panelists[0])
        client.force_login(panelists[0])
        queue = client.get(reverse("competitions:panel_queue", args=[finals_edition.slug])).content.decode()
        assert nominees[0].title in queue and "WIB" in queue
        url = reverse("competitions:panel_score", args=[finals_edition.slug, mine.pk])
        criteria = list(InterviewCriterion.objects.filter(edition=finals_edition))
        bad = client.post(url, {f"skor-{criteria[0].pk}": "abc"})
        assert bad.status_code == 200 and "di antara 0 dan 10" in bad.content.decode()
        response = client.post(url, {f"skor-{c.pk}": "8" for c in criteria})
        assert response.status_code == 302
        mine.refresh_from_db()
        assert mine.completed_at is not None

    def test_the_agency_sees_its_slot_in_its_own_zone_and_confirms(self, client, finals_edition, nominees, admin_lokal,
                                                                   operator, national_admin):
        starts = datetime.datetime(2025, 8, 12, 9, 0, tzinfo=zoneinfo.ZoneInfo("Asia/Makassar"))
        interview = finals.schedule_interview(national_admin, nominees[0], starts_at=starts, place="Aula KemenPANRB")
        url = reverse("competitions:our_schedule", args=[finals_edition.slug])
        client.force_login(operator)
        page = client.get(url).content.decode()
        assert "12-08-2025 09.00–09.20 WITA" in page and "Konfirmasi jadwal" not in page
        client.post(url, {"interview": interview.pk})
        assert Interview.objects.get().confirmed_at is None
        client.force_login(admin_lokal)
        client.post(url, {"interview": interview.pk})
        assert Interview.objects.get().confirmed_at is not None
        assert client.post(url, {"interview": "x"}).status_code == 404


class TestDesk:
    def test_the_organiser_runs_the_finals_to_the_winners_on_their_pages(self, client, finals_edition, nominees,
                                                                         national_admin, panelists, evaluators, hub_a,
                                                                         agency_a2):
        page = InnovationPageFactory(parent=hub_a, agency=agency_a2, title=nominees[0].title)
        Proposal.objects.filter(pk=nominees[0].pk).update(innovation=page)
        slug = finals_edition.slug
        desk = reverse("competitions:desk", args=[slug])
        client.force_login(national_admin)
        response = client.post(desk, {"action": "jadwal", "proposal": nominees[0].pk, "starts": "2025-08-12T09:00",
                                      "minutes": "20", "place": "Aula KemenPANRB"})
        assert response.status_code == 302
        interview = Interview.objects.get(proposal=nominees[0])
        assert finals.slot_text(interview) == "12-08-2025 09.00–09.20 WITA"  # typed in the finalist's zone
        assert client.post(desk, {"action": "jadwal", "proposal": nominees[1].pk, "starts": "kemarin"}).status_code == 200
        client.post(desk, {"action": "panel", "proposal": nominees[0].pk, "panelists": [p.pk for p in panelists]})
        assert interview.assignments.count() == 2
        client.post(desk, {"action": "gugurkan", "proposal": nominees[2].pk, "reason": "Layanan berhenti sejak Juni."})
        nominees[2].refresh_from_db()
        assert nominees[2].status == Status.GUGUR
        photo = SimpleUploadedFile("kunjungan.gif", b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9"
                                   b"\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;",
                                   content_type="image/gif")
        client.post(desk, {"action": "verifikasi", "proposal": nominees[0].pk,
                           "visited_on": str(timezone.localdate() - datetime.timedelta(days=4)),
                           "members": [panelists[0].pk, evaluators[0].pk], "findings": "Berjalan di 16 puskesmas.",
                           "runs_as_claimed": "ya", "photos": [photo]})
        visit = nominees[0].field_visits.get()
        assert visit.runs_as_claimed and visit.photos.count() == 1
        top45 = AwardTier.objects.get(slug="top-45")
        response = client.post(desk, {"action": "tetapkan", "number": "Keputusan MenPANRB 512/2025",
                                      "decided_on": "2025-10-20", f"tingkat-{nominees[0].pk}": str(top45.pk),
                                      f"tingkat-{nominees[1].pk}": "", f"khusus-{nominees[1].pk}": "Penghargaan Khusus",
                                      f"tingkat-khusus-{nominees[1].pk}": str(AwardTier.objects.get(slug="top-99").pk)})
        assert response.status_code == 302
        assert Decree.objects.get().winners.count() == 2
        client.post(desk, {"action": "umumkan"})
        edition_page = client.get(reverse("competitions:edition", args=[slug])).content.decode()
        assert 'id="pemenang"' in edition_page and "Keputusan MenPANRB 512/2025" in edition_page
        assert "Penghargaan Khusus" in edition_page
        csv = b"".join(client.get(reverse("competitions:winners_download", args=[slug, "csv"])).streaming_content) \
            if client.get(reverse("competitions:winners_download", args=[slug, "csv"])).streaming else \
            client.get(reverse("competitions:winners_download", args=[slug, "csv"])).content
        assert nominees[0].title.encode() in csv and b"Top 45" in csv
        xlsx = client.get(reverse("competitions:winners_download", args=[slug, "xlsx"]))
        assert xlsx.status_code == 200
        assert client.get(reverse("competitions:winners_download", args=[slug, "pdf"])).status_code == 404
        feed = client.get(reverse("competitions:winners_feed", args=[slug])).content.decode()
        assert "Top 45: " + nominees[0].title in feed
        results = client.get(reverse("competitions:results")).content.decode()
        assert "Sulawesi Utara" in results and nominees[0].title in results
        client.logout()
        innovation = client.get(page.url).content.decode()
        assert "Jejak kompetisi" in innovation and "Top 45 KIPP 2025" in innovation and "Top 99 KIPP 2025" in innovation


def test_the_desk_and_results_pages_run_a_fixed_number_of_queries(client, finals_edition, nominees, national_admin,
                                                                   panelists, agency_b):
    from competitions import awards

    from ...helpers import count_queries
    from .conftest import nominee

    def finalise(proposals):
        for n, proposal in enumerate(proposals):
            interview = finals.schedule_interview(national_admin, proposal, place=f"Ruang {proposal.pk}",
                                                  starts_at=timezone.now() + datetime.timedelta(days=1, minutes=30 * n))
            finals.assign_panel(national_admin, interview, panelists)

    finalise(nominees)
    client.force_login(national_admin)
    desk = reverse("competitions:desk", args=[finals_edition.slug])
    client.get(desk)  # warm the per-process caches (site, content types)
    response, few = count_queries(client, desk)
    assert response.status_code == 200
    more = [nominee(finals_edition, agency_b, f"Inovasi Tambahan Jatim {n}", rank=4 + n) for n in range(3)]
    finalise(more)
    _response, many = count_queries(client, desk)
    assert many == few
    top45 = AwardTier.objects.get(slug="top-45")
    awards.fix_winners(national_admin, finals_edition, number="Keputusan MenPANRB 512/2025",
                       decided_on=datetime.date(2025, 10, 20),
                       winners=[{"proposal": nominees[0].pk, "tier": top45.pk}])
    awards.announce_winners(national_admin, finals_edition)
    client.logout()
    client.get(reverse("competitions:results"))
    _r, one = count_queries(client, reverse("competitions:results"))
    Decree.objects.filter(edition=finals_edition).update(announced_at=None)
    Decree.objects.filter(edition=finals_edition).delete()
    awards.fix_winners(national_admin, finals_edition, number="Keputusan MenPANRB 513/2025",
                       decided_on=datetime.date(2025, 10, 21),
                       winners=[{"proposal": p.pk, "tier": top45.pk} for p in (more[0], more[1])])
    awards.announce_winners(national_admin, finals_edition)
    client.get(reverse("competitions:results"))  # the announcement started a cache generation: warm it
    _r, two = count_queries(client, reverse("competitions:results"))
    assert two == one


def test_only_the_organiser_downloads_an_objections_evidence(client, finals_edition, nominees, national_admin,
                                                             coordinator_a):
    _post_objection(client, finals_edition, nominees[0],
                    evidence_file=SimpleUploadedFile("bukti.pdf", b"%PDF-1.4 bukti", content_type="application/pdf"))
    objection = Objection.objects.get()
    url = reverse("competitions:objection_file", args=[finals_edition.slug, objection.pk])
    assert client.get(url).status_code == 302  # to the login
    client.force_login(coordinator_a)
    assert client.get(url).status_code == 403
    client.force_login(national_admin)
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"%PDF-1.4 bukti"


def test_a_hub_organiser_forwards_its_winner_from_the_desk(client, finals_edition, hub_a, agency_a2, coordinator_a,
                                                           coordinator_b):
    from competitions import awards, rules
    from competitions.factories import EditionFactory
    from competitions.models import AwardPlace, Forwarding

    from .conftest import nominee

    regional = EditionFactory(year=2025, name="Lomba Inovasi Sulut 2025", slug="lomba-sulut-2025", hub=hub_a)
    rules.prepare_instruments(regional)
    regional.shortlist_announced_at = timezone.now()
    regional.save(update_fields=["shortlist_announced_at"])
    source = nominee(regional, agency_a2, "Rujukan Daring Puskesmas Manado")
    tier = AwardTier.objects.get(slug="top-45")
    AwardPlace.objects.create(edition=regional, group="umum", tier=tier, places=3)
    awards.fix_winners(coordinator_a, regional, number="Keputusan Gubernur Sulawesi Utara 188.44/2025",
                       decided_on=datetime.date(2025, 6, 1), winners=[{"proposal": source.pk, "tier": tier.pk}])
    awards.announce_winners(coordinator_a, regional)
    national = EditionFactory(year=2026, name="KIPP 2026", slug="kipp-2026")
    rules.prepare_instruments(national)
    desk = reverse("competitions:desk", args=[regional.slug])
    client.force_login(coordinator_b)
    assert client.get(desk).status_code == 403
    client.force_login(coordinator_a)
    page = client.get(desk).content.decode()
    assert "Usulkan pemenang ke KIPP nasional" in page and "KIPP 2026" in page
    client.post(desk, {"action": "usulkan", "proposal": source.pk, "edisi": national.pk})
    target = Forwarding.objects.get(source=source).target
    assert target.edition == national and target.status == Status.DRAF
    assert "sudah diusulkan" in client.get(desk).content.decode()
