"""A PKRI cycle run through its rules: objects, self-assessment, assessors, results, publication."""
import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from innovations.models import InnovationPage, StatusRecord
from pkri import rules
from pkri.factories import CycleFactory
from pkri.models import AssessmentObject, Group, Instrument, ObjectStatus, Stage

from .conftest import fill_everything

pytestmark = pytest.mark.django_db


def keberlanjutan(cycle):
    return AssessmentObject.objects.get(cycle=cycle, group=Group.KEBERLANJUTAN)


class TestPreparation:
    def test_examples_are_installed_then_copied_to_the_next_cycle(self, cycle):
        made = rules.prepare_instruments(cycle)
        assert {i.group for i in made} == set(Group.values) and all(i.is_example for i in made)
        instrument = Instrument.objects.get(cycle=cycle, group=Group.KEBERLANJUTAN)
        indicator = instrument.indicators.first()
        indicator.weight = Decimal(40)
        indicator.save()
        nxt = CycleFactory(year=2027)
        rules.prepare_instruments(nxt)
        copied = Instrument.objects.get(cycle=nxt, group=Group.KEBERLANJUTAN).indicators.first()
        assert (copied.name, copied.weight, copied.levels()) == (indicator.name, Decimal("40.00"), indicator.levels())
        assert rules.prepare_instruments(nxt) == []  # idempotent

    def test_objects_by_award_year_and_tier(self, cycle, awarded, agency_a):
        created = rules.choose_objects(cycle, years=[2021], tiers=["top-45"])
        assert created == {"keberlanjutan": 1, "replikasi": 0, "pembina": 1}
        assert keberlanjutan(cycle).innovation == awarded["top45"]
        # one by one, and idempotent
        created = rules.choose_objects(cycle, years=[2021], tiers=["top-45"], innovations=[awarded["old"]])
        assert created == {"keberlanjutan": 1, "replikasi": 0, "pembina": 0}
        assert cycle.loci.get().agency == agency_a


class TestSelfAssessment:
    def test_only_the_locus_fills_and_scores_stay_on_the_scale(self, prepared, locus_user, editor_a2):
        obj = keberlanjutan(prepared)
        indicator = rules._instrument(obj).indicators.first()
        with pytest.raises(ValidationError, match="Hanya instansi lokus"):
            rules.save_answers(editor_a2, obj, {indicator.pk: {"text": "x", "self_score": 3}})
        with pytest.raises(ValidationError, match="di luar skala"):
            rules.save_answers(locus_user, obj, {indicator.pk: {"text": "x", "self_score": 9}})
        assert not obj.answers.exists()

    def test_submit_needs_every_answer_and_required_evidence_then_locks(self, prepared, locus_user):
        obj = keberlanjutan(prepared)
        indicators = list(rules._instrument(obj).indicators.all())
        rules.save_answers(locus_user, obj, {i.pk: {"text": "ok", "self_score": 3} for i in indicators}, declared_status="berlanjut")
        with pytest.raises(ValidationError) as error:
            rules.submit(locus_user, obj)
        assert any("wajib dilengkapi bukti" in m for m in error.value.messages)
        obj.refresh_from_db()
        assert obj.status == ObjectStatus.DRAF
        fill_everything(locus_user, obj)
        rules.submit(locus_user, obj)
        obj.refresh_from_db()
        assert obj.status == ObjectStatus.DIAJUKAN and obj.submitted_at is not None
        with pytest.raises(ValidationError, match="terkunci"):
            rules.save_answers(locus_user, obj, {indicators[0].pk: {"text": "ubah", "self_score": 1}})
        assert obj.answers.get(indicator=indicators[0]).text != "ubah"

    def test_deadline_is_enforced(self, prepared, locus_user):
        obj = keberlanjutan(prepared)
        fill_everything(locus_user, obj)
        late = prepared.self_assessment_closes + datetime.timedelta(minutes=1)
        with pytest.raises(ValidationError, match="sudah lewat"):
            rules.submit(locus_user, obj, now=late)
        early = prepared.self_assessment_opens - datetime.timedelta(minutes=1)
        with pytest.raises(ValidationError, match="belum dibuka"):
            rules.save_answers(locus_user, obj, {}, now=early)


class TestAssessment:
    def submitted(self, prepared, locus_user):
        obj = keberlanjutan(prepared)
        fill_everything(locus_user, obj)
        return rules.submit(locus_user, obj)

    def test_two_assessors_never_from_the_objects_agency(self, prepared, locus_user, assessors, editor_a):
        obj = self.submitted(prepared, locus_user)
        with pytest.raises(ValidationError, match="sedikitnya dua"):
            rules.assign(obj, assessors[:1])
        with pytest.raises(ValidationError, match="instansinya sendiri"):
            rules.assign(obj, [assessors[0], editor_a])
        assert len(rules.assign(obj, assessors[:2])) == 2

    def test_scores_are_checked_and_hidden_from_other_assessors(self, prepared, locus_user, assessors, national_admin):
        obj = self.submitted(prepared, locus_user)
        first, second = rules.assign(obj, assessors[:2])
        indicators = list(rules._instrument(obj).indicators.all())
        with pytest.raises(ValidationError, match="harus di antara"):
            rules.score(assessors[0], first, {indicators[0].pk: (6, "")})
        with pytest.raises(ValidationError, match="milik penilai lain"):
            rules.score(assessors[1], first, {indicators[0].pk: (3, "")})
        rules.score(assessors[0], first, {i.pk: (5, "baik") for i in indicators})
        rules.score(assessors[1], second, {i.pk: (4, "") for i in indicators})
        assert {s.assignment.assessor for s in rules.visible_scores(assessors[1], obj)} == {assessors[1]}
        assert rules.visible_scores(assessors[2], obj).count() == 0  # not assigned
        assert rules.visible_scores(national_admin, obj).count() == 2 * len(indicators)
        rules.moderate(obj, note="Nilai wajar.")
        assert rules.visible_scores(assessors[1], obj).count() == 2 * len(indicators)

    def test_disagreement_is_flagged_and_blocks_publication_until_moderated(self, prepared, locus_user, assessors):
        obj = self.submitted(prepared, locus_user)
        first, second = rules.assign(obj, assessors[:2])
        indicators = list(rules._instrument(obj).indicators.all())
        rules.score(assessors[0], first, {i.pk: (5, "") for i in indicators})
        rules.score(assessors[1], second, {i.pk: (1, "") for i in indicators})
        rules.evaluate_desk(prepared)
        obj.refresh_from_db()
        assert obj.flagged and obj.desk_total == Decimal("50.00") and not obj.shortlisted
        with pytest.raises(ValidationError, match="belum dimoderasi"):
            rules.publish(prepared)
        rules.moderate(obj, note="Penilai kedua keliru membaca bukti.", verified_status="berlanjut_pengembangan")
        rules.publish(prepared)
        page = InnovationPage.objects.get(pk=obj.innovation_id)
        assert page.sustainability_status == "berlanjut_pengembangan" and page.last_verified == timezone.localdate()

    def test_shortlist_interview_and_final_result(self, prepared, locus_user, assessors):
        obj = self.submitted(prepared, locus_user)
        indicators = list(rules._instrument(obj).indicators.all())
        for assignment in rules.assign(obj, assessors[:2]):
            rules.score(assignment.assessor, assignment, {i.pk: (5, "") for i in indicators})
        rules.evaluate_desk(prepared)
        obj.refresh_from_db()
        assert obj.desk_total == Decimal("100.00") and obj.shortlisted and not obj.flagged
        interviews = rules.assign(obj, assessors[:2], stage=Stage.INTERVIEW)
        for assignment in interviews:
            rules.score(assignment.assessor, assignment, {i.pk: (3, "") for i in indicators})
        [result] = [o for o in rules.compute_results(prepared) if o.pk == obj.pk]
        # desk 100, interview 50, interview weight 0.4 -> 80
        assert (result.interview_total, result.final_total, result.category, result.rank) == (
            Decimal("50.00"), Decimal("80.00"), "Baik", 1)

    def test_publication_updates_status_with_history_and_locks_scores(self, prepared, locus_user, assessors,
                                                                       django_capture_on_commit_callbacks):
        from search.embedded import EmbeddedEngine
        from search.models import SearchEntry

        obj = self.submitted(prepared, locus_user)
        indicators = list(rules._instrument(obj).indicators.all())
        assignments = rules.assign(obj, assessors[:2])
        for assignment in assignments:
            rules.score(assignment.assessor, assignment, {i.pk: (4, "") for i in indicators})
        InnovationPage.objects.filter(pk=obj.innovation_id).update(sustainability_status="vakum")
        EmbeddedEngine().rebuild()
        assert SearchEntry.objects.get(pk=obj.innovation_id).status == "vakum"
        with django_capture_on_commit_callbacks(execute=True):
            rules.publish(prepared)
        assert SearchEntry.objects.get(pk=obj.innovation_id).status == "berlanjut"  # the index followed
        record = StatusRecord.objects.get(innovation_id=obj.innovation_id)
        assert (record.status, record.label, record.source) == ("berlanjut", "PKRI 2026", "pkri")
        with pytest.raises(ValidationError, match="sudah dipublikasikan"):
            rules.score(assessors[0], assignments[0], {indicators[0].pk: (1, "")})
        with pytest.raises(ValidationError, match="sudah dipublikasikan"):
            rules.publish(prepared)
