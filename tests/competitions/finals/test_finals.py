"""The finals: interview schedule in the finalist's zone, the agency's confirmation, the
independent panel's scores under the evaluators' rules, field visits, dropping and restoring."""
import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from agencies.factories import AgencyMembershipFactory, UserFactory
from competitions import finals
from competitions.models import Action, Conflict, Interview, InterviewCriterion, ProposalStep, Status
from outbox.models import OutboxItem

pytestmark = pytest.mark.django_db


def _slot(hours_from_now=-1):
    return timezone.now().replace(minute=0, second=0, microsecond=0) + datetime.timedelta(hours=hours_from_now)


def _scores(edition, values):
    return {c.pk: (v, "") for c, v in zip(InterviewCriterion.objects.filter(edition=edition), values, strict=True)}


class TestSchedule:
    def test_the_slot_is_shown_in_the_finalists_zone_and_mailed_through_the_outbox(self, nominees, national_admin):
        manado = nominees[0]
        starts = datetime.datetime(2025, 8, 12, 1, 0, tzinfo=datetime.UTC)  # 09.00 in Manado (WITA)
        interview = finals.schedule_interview(national_admin, manado, starts_at=starts,
                                              online_url="https://zoom.us/j/123")
        assert finals.slot_text(interview) == "12-08-2025 09.00–09.20 WITA"
        jatim = finals.schedule_interview(national_admin, nominees[2], starts_at=starts + datetime.timedelta(minutes=20),
                                          online_url="https://zoom.us/j/123")
        assert finals.slot_text(jatim) == "12-08-2025 08.20–08.40 WIB"
        mail = OutboxItem.objects.get(kind="mail", payload__subject__icontains="Jadwal presentasi",
                                      payload__body__icontains=manado.title)
        assert "09.00–09.20 WITA" in mail.payload["body"]
        step = ProposalStep.objects.get(proposal=manado, action=Action.DIJADWALKAN)
        assert step.visible_to_agency and "WITA" in step.note

    def test_refusals(self, nominees, national_admin, admin_lokal, coordinator_a):
        starts = _slot(24)
        with pytest.raises(ValidationError, match="Hanya penyelenggara"):
            finals.schedule_interview(coordinator_a, nominees[0], starts_at=starts, place="Aula KemenPANRB")
        with pytest.raises(ValidationError, match="tautan daring atau tempat"):
            finals.schedule_interview(national_admin, nominees[0], starts_at=starts)
        finals.schedule_interview(national_admin, nominees[0], starts_at=starts, place="Aula KemenPANRB")
        with pytest.raises(ValidationError, match="bertabrakan"):
            finals.schedule_interview(national_admin, nominees[1], starts_at=starts + datetime.timedelta(minutes=10),
                                      place="Aula KemenPANRB")

    def test_only_the_finalists_admin_lokal_confirms_once(self, nominees, national_admin, admin_lokal, operator,
                                                          other_admin_lokal):
        interview = finals.schedule_interview(national_admin, nominees[0], starts_at=_slot(24), place="Aula")
        for user in (operator, other_admin_lokal, national_admin):
            with pytest.raises(ValidationError, match="Admin Lokal instansi finalis"):
                finals.confirm_interview(user, interview)
        finals.confirm_interview(admin_lokal, interview)
        with pytest.raises(ValidationError, match="sudah dikonfirmasi"):
            finals.confirm_interview(admin_lokal, interview)
        # moving the slot asks for a new confirmation
        moved = finals.schedule_interview(national_admin, nominees[0], starts_at=_slot(48), place="Aula")
        assert moved.confirmed_at is None


class TestPanel:
    @pytest.fixture
    def interview(self, nominees, national_admin):
        return finals.schedule_interview(national_admin, nominees[0], starts_at=_slot(-1), online_url="https://zoom.us/j/9")

    def test_assignment_refuses_non_members_own_agency_and_conflicts(self, interview, national_admin, panelists,
                                                                      evaluators, agency_a2, groups):
        with pytest.raises(ValidationError, match="sedikitnya 2"):
            finals.assign_panel(national_admin, interview, panelists[:1])
        with pytest.raises(ValidationError, match="bukan anggota Tim Panel"):
            finals.assign_panel(national_admin, interview, [panelists[0], evaluators[0]])
        own = UserFactory(username="panel-manado", groups=[groups["Tim Panel Independen Kompetisi"]])
        AgencyMembershipFactory(user=own, agency=agency_a2)
        with pytest.raises(ValidationError, match="instansinya sendiri"):
            finals.assign_panel(national_admin, interview, [panelists[0], own])
        Conflict.objects.create(evaluator=panelists[1], agency=agency_a2, note="Mantan kepala dinas")
        with pytest.raises(ValidationError, match="konflik kepentingan"):
            finals.assign_panel(national_admin, interview, panelists)
        with pytest.raises(ValidationError, match="Hanya penyelenggara"):
            finals.assign_panel(panelists[0], interview, panelists)

    def test_exact_totals_hidden_until_moderation(self, interview, national_admin, panelists, finals_edition):
        a, b = finals.assign_panel(national_admin, interview, panelists)
        with pytest.raises(ValidationError, match="anggota panel lain"):
            finals.score_interview(panelists[1], a, _scores(finals_edition, [9, 9, 9]))
        with pytest.raises(ValidationError, match="di antara 0 dan 10"):
            finals.score_interview(panelists[0], a, _scores(finals_edition, [11, 9, 9]))
        finals.score_interview(panelists[0], a, _scores(finals_edition, [9, 8, 7]))
        interview.refresh_from_db()
        assert interview.total is None  # one of two panelists
        assert list(finals.visible_panel_scores(panelists[1], interview)) == []
        finals.score_interview(panelists[1], b, _scores(finals_edition, [5, 4, 3]))
        interview.refresh_from_db()
        # (9*40 + 8*35 + 7*25)/10 = 81.5 ; (5*40 + 4*35 + 3*25)/10 = 41.5 ; mean 61.50, spread 40.00
        assert interview.total == Decimal("61.50") and interview.spread == Decimal("40.00") and interview.flagged
        own_only = finals.visible_panel_scores(panelists[0], interview)
        assert {s.assignment.panelist_id for s in own_only} == {panelists[0].pk}
        assert finals.visible_panel_scores(UserFactory(username="warga"), interview).count() == 0
        assert finals.visible_panel_scores(national_admin, interview).count() == 6
        with pytest.raises(ValidationError, match="Hanya penyelenggara"):
            finals.moderate_interview(panelists[0], interview, "Nilai dipertahankan")
        interview = finals.moderate_interview(national_admin, interview, "Dibahas dalam pleno; nilai dipertahankan.")
        assert finals.visible_panel_scores(panelists[0], interview).count() == 6

    def test_scores_wait_for_the_slot(self, nominees, national_admin, panelists, finals_edition):
        later = finals.schedule_interview(national_admin, nominees[1], starts_at=_slot(5), place="Aula")
        a, _b = finals.assign_panel(national_admin, later, panelists)
        with pytest.raises(ValidationError, match="setelah presentasi dimulai"):
            finals.score_interview(panelists[0], a, _scores(finals_edition, [9, 9, 9]))


class TestFieldVisitAndDrop:
    def test_a_visit_needs_a_panel_member_and_an_evaluator(self, nominees, national_admin, panelists, evaluators):
        kwargs = {"visited_on": timezone.localdate() - datetime.timedelta(days=5),
                  "findings": "Layanan berjalan di 16 puskesmas; data antrean sesuai.", "runs_as_claimed": True}
        with pytest.raises(ValidationError, match="sedikitnya satu anggota Tim Panel"):
            finals.report_visit(national_admin, nominees[0], members=panelists, **kwargs)
        with pytest.raises(ValidationError, match="penyelenggara atau anggota tim"):
            finals.report_visit(evaluators[2], nominees[0], members=[panelists[0], evaluators[0]], **kwargs)
        visit = finals.report_visit(panelists[0], nominees[0], members=[panelists[0], evaluators[0]], **kwargs)
        assert visit.runs_as_claimed and set(visit.members.all()) == {panelists[0], evaluators[0]}
        step = ProposalStep.objects.get(proposal=nominees[0], action=Action.DIVERIFIKASI)
        assert not step.visible_to_agency

    def test_drop_and_undo_are_both_steps_with_reasons(self, nominees, national_admin, coordinator_a):
        with pytest.raises(ValidationError, match="alasan"):
            finals.drop(national_admin, nominees[1], "  ")
        with pytest.raises(ValidationError, match="Hanya penyelenggara"):
            finals.drop(coordinator_a, nominees[1], "Tidak berjalan")
        finals.drop(national_admin, nominees[1], "Verifikasi lapangan: layanan berhenti sejak Maret.")
        nominees[1].refresh_from_db()
        assert nominees[1].status == Status.GUGUR
        finals.restore(national_admin, nominees[1], "Layanan ternyata dipindah ke gedung baru, tetap berjalan.")
        nominees[1].refresh_from_db()
        assert nominees[1].status == Status.TOP
        actions = list(ProposalStep.objects.filter(proposal=nominees[1]).values_list("action", flat=True))
        assert actions == [Action.DIGUGURKAN, Action.DIPULIHKAN]
        assert Interview.objects.count() == 0
