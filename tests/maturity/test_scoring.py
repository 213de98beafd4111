"""Verified maturity scores, exact, against cases computed by hand."""
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from maturity import rules, scoring
from maturity.models import Answer, Submission

from .conftest import answer_all, option, q

pytestmark = pytest.mark.django_db
D = Decimal


def spec(id, aspect, weight, scores, multiple=False):
    return scoring.QuestionSpec(id=id, aspect=aspect, multiple=multiple, weight=D(weight),
                                option_scores={n: D(s) for n, s in enumerate(scores, start=id * 10)})


def test_pure_scores_by_hand():
    specs = [spec(1, "perencanaan", "2", ["0", "2", "4"]), spec(2, "perencanaan", "1", ["0", "1", "2"]),
             spec(3, "pelembagaan", "2", ["2", "1", "1"], multiple=True), spec(4, "pelembagaan", "1", ["0", "1", "2"])]
    # Q1: 2/4; Q2: 2/2; Q3: (2+1)/4; Q4: nothing counts
    result = scoring.scores(specs, {1: [11], 2: [22], 3: [30, 31]})
    assert result["perencanaan"] == D("66.67")  # 100 x (2 x 1/2 + 1 x 1) / 3
    assert result["pelembagaan"] == D("50.00")  # 100 x (2 x 3/4 + 0) / 3
    assert result["total"] == D("58.33")  # 100 x 3.5 / 6
    assert scoring.scores(specs, {})["total"] == D("0.00")


def test_rounding_is_half_up_once():
    specs = [spec(1, "evaluasi", "1", ["0", "8"]), spec(2, "evaluasi", "2", ["0", "8"])]
    # two options given to a single-choice question: the better one counts, 100 x (1 x 1) / 3
    assert scoring.scores(specs, {1: [10, 11]})["evaluasi"] == D("33.33")
    assert scoring.scores([spec(1, "evaluasi", "1", ["0", "8"])], {1: [10]})["evaluasi"] == D("0.00")
    specs = [spec(1, "evaluasi", "3", ["0", "1", "7"])]
    assert scoring.scores(specs, {1: [11]})["evaluasi"] == D("14.29")  # 100/7 = 14.2857…


def test_fill_submit_verify_publish_by_hand(cycle, hub_a, coordinator_a, verifier):
    submission = rules.submission_for(coordinator_a, cycle, hub_a)
    rules.save_answers(coordinator_a, submission.pk, answer_all(cycle))
    rules.submit(coordinator_a, submission.pk)
    answers = {(a.question.aspect, a.question.number): a for a in Answer.objects.select_related("question")}
    for key, answer in answers.items():
        if key == ("pelembagaan", 2):
            rules.verify(verifier, answer.pk, "dikoreksi", "SK belum menetapkan personel tetap.",
                         [option(answer.question, "Ditetapkan, tanpa")])
        elif key == ("penyebarluasan", 1):
            rules.verify(verifier, answer.pk, "ditolak", "Tidak ada bukti kegiatan.")
        else:
            rules.verify(verifier, answer.pk, "diterima")
    submission = rules.publish(verifier, submission.pk)
    # by hand: P (2 x 1/2 + 1 x 1)/3; L (2 x 3/4 + 1 x 1/2)/3; S (0 + 1 x 1/2)/3; E (2 x 1 + 1)/3; all 7.5/12
    assert (submission.perencanaan, submission.pelembagaan, submission.penyebarluasan, submission.evaluasi) == (
        D("66.67"), D("66.67"), D("16.67"), D("100.00"))
    assert submission.total == D("62.50") and submission.status == Submission.Status.DIPUBLIKASIKAN


def test_submission_checks_answers_and_required_evidence(cycle, hub_a, coordinator_a):
    submission = rules.submission_for(coordinator_a, cycle, hub_a)
    data = answer_all(cycle)
    for entry in data.values():
        entry["evidence_url"] = ""
    rules.save_answers(coordinator_a, submission.pk, data)
    with pytest.raises(ValidationError) as error:
        rules.submit(coordinator_a, submission.pk)
    assert "Perencanaan 1 wajib disertai bukti." in error.value.messages
    question = q(cycle, "perencanaan", 1)
    with pytest.raises(ValidationError, match="pilih satu jawaban saja"):
        rules.save_answers(coordinator_a, submission.pk, {question.pk: {"options": [o.pk for o in question.options.all()]}})
    with pytest.raises(ValidationError, match="pilihan tidak dikenal"):
        rules.save_answers(coordinator_a, submission.pk, {question.pk: {"options": [999999]}})


def test_only_the_hubs_coordinators_fill_and_not_after_the_deadline(cycle, hub_a, coordinator_a, coordinator_b):
    with pytest.raises(PermissionDenied):
        rules.submission_for(coordinator_b, cycle, hub_a)
    submission = rules.submission_for(coordinator_a, cycle, hub_a)
    with pytest.raises(PermissionDenied):
        rules.save_answers(coordinator_b, submission.pk, {})
    cycle.closes = cycle.opens
    cycle.save()
    with pytest.raises(ValidationError, match="tidak sedang dibuka"):
        rules.save_answers(coordinator_a, submission.pk, answer_all(cycle))


def test_verifiers_never_verify_their_own_hub_and_notes_are_required(cycle, hub_a, coordinator_a, verifier,
                                                                       verifier_coordinating_a, coordinator_b):
    submission = rules.submission_for(coordinator_a, cycle, hub_a)
    rules.save_answers(coordinator_a, submission.pk, answer_all(cycle))
    rules.submit(coordinator_a, submission.pk)
    answer = submission.answers.first()
    for user in (verifier_coordinating_a, coordinator_b, coordinator_a):
        with pytest.raises(PermissionDenied):
            rules.verify(user, answer.pk, "diterima")
    with pytest.raises(ValidationError, match="Tulis catatan"):
        rules.verify(verifier, answer.pk, "ditolak")
    with pytest.raises(ValidationError, match="Pilih jawaban hasil koreksi"):
        rules.verify(verifier, answer.pk, "dikoreksi", "Koreksi.")
    with pytest.raises(ValidationError, match="Semua jawaban"):
        rules.publish(verifier, submission.pk)
    with pytest.raises(ValidationError, match="sudah diajukan"):
        rules.save_answers(coordinator_a, submission.pk, {})


def test_copy_from_the_previous_year(cycle):
    import datetime

    from maturity.examples import install_instrument
    from maturity.models import Cycle

    question = cycle.questions.first()
    question.text = "Pertanyaan resmi 2026"
    question.save()
    later = Cycle.objects.create(year=2027, opens=cycle.opens + datetime.timedelta(days=365),
                                 closes=cycle.closes + datetime.timedelta(days=365))
    assert install_instrument(later) == 8
    assert later.questions.filter(text="Pertanyaan resmi 2026").exists()
    assert sorted(later.questions.get(text="Pertanyaan resmi 2026").options.values_list("score", flat=True)) == sorted(
        question.options.values_list("score", flat=True))
    assert install_instrument(later) == 0  # never twice
