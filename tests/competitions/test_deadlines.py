"""Each assignment carries its own deadline (issue 14: "Penilaian saya" with their queue and
deadlines): by default the edition's date for proposal evaluation, or one the organiser sets
when assigning; scoring after it is refused; the queue marks what is overdue, in a fixed
number of queries."""
import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from competitions import rules
from competitions.models import Assignment, Proposal, Status

from ..helpers import make_agency, unique
from .conftest import complete

pytestmark = pytest.mark.django_db


def url(name, edition, *args):
    return reverse(f"competitions:{name}", args=[edition.slug, *args])


def passed(admin_lokal, secretariat, edition, title=None):
    proposal = complete(admin_lokal, rules.create_proposal(admin_lokal, edition, group="umum",
                                                           title=title or unique("Inovasi")))
    rules.submit(admin_lokal, proposal)
    rules.decide_administration(secretariat, proposal, passed=True)
    return proposal


def full_marks(proposal):
    return {a.pk: (8, "") for a in rules.instrument_for(proposal.edition, proposal.group).aspects.all()}


def test_an_assignment_defaults_to_the_editions_date_and_follows_it(edition, draft, admin_lokal, secretariat,
                                                                     evaluators, national_admin):
    rules.submit(admin_lokal, draft)
    rules.decide_administration(secretariat, draft, passed=True)
    first, _second = rules.assign(national_admin, draft, evaluators[:2])
    assert first.deadline is None and first.due_on(edition) == edition.evaluation_closes_on
    edition.evaluation_closes_on += datetime.timedelta(days=3)
    edition.save()
    assert Assignment.objects.get(pk=first.pk).due_on(edition) == edition.evaluation_closes_on


def test_an_own_deadline_binds_the_evaluator(edition, admin_lokal, secretariat, evaluators, national_admin):
    early, late = (passed(admin_lokal, secretariat, edition) for _n in range(2))
    soon = timezone.localdate() + datetime.timedelta(days=5)
    rules.assign(national_admin, early, evaluators[:2], deadline=soon)
    assert early.steps.filter(note__contains=soon.strftime("%d-%m-%Y")).count() == 2  # recorded with the assignment
    after_soon = timezone.now() + datetime.timedelta(days=6)
    with pytest.raises(ValidationError, match="sudah lewat"):
        rules.score(evaluators[0], Assignment.objects.get(proposal=early, evaluator=evaluators[0]), full_marks(early),
                    now=after_soon)
    # a deadline past the edition's date (before the Top 99) lets an evaluator finish later
    extended = edition.evaluation_closes_on + datetime.timedelta(days=5)
    rules.assign(national_admin, late, evaluators[1:], deadline=extended)
    after_edition = timezone.make_aware(datetime.datetime.combine(edition.evaluation_closes_on + datetime.timedelta(days=2),
                                                                  datetime.time(10)))
    assignment = Assignment.objects.get(proposal=late, evaluator=evaluators[1])
    assert rules.score(evaluators[1], assignment, full_marks(late), now=after_edition).pk == assignment.pk
    assert Assignment.objects.get(pk=assignment.pk).completed_at is not None


def test_deadlines_in_the_past_or_after_the_announcement_are_refused(edition, admin_lokal, secretariat, evaluators,
                                                                     national_admin):
    proposal = passed(admin_lokal, secretariat, edition)
    for day, message in ((timezone.localdate() - datetime.timedelta(days=1), "sudah lewat"),
                         (edition.shortlist_announce_on + datetime.timedelta(days=1), "sebelum pengumuman Top 99")):
        with pytest.raises(ValidationError, match=message):
            rules.assign(national_admin, proposal, evaluators[:2], deadline=day)
        with pytest.raises(ValidationError, match=message):
            rules.assign_in_turn(national_admin, edition, evaluators, deadline=day)
    assert not Assignment.objects.exists()


def test_the_organiser_sets_the_deadline_when_assigning(client, edition, admin_lokal, secretariat, evaluators,
                                                        national_admin):
    proposal = passed(admin_lokal, secretariat, edition)
    client.force_login(national_admin)
    page = client.get(url("organiser", edition))
    assert 'name="tugas-deadline"' in page.text
    for hostile in ("²⁰²⁶-01-01", "2026-13-45", "besok", "9" * 300):
        response = client.post(url("organiser", edition), {"action": "tugaskan", "tugas-evaluators": [e.pk for e in evaluators],
                                                            "tugas-per_proposal": "2", "tugas-deadline": hostile})
        assert response.status_code == 200 and not Assignment.objects.exists(), hostile
    day = timezone.localdate() + datetime.timedelta(days=7)
    response = client.post(url("organiser", edition), {"action": "tugaskan", "tugas-evaluators": [e.pk for e in evaluators],
                                                        "tugas-per_proposal": "2", "tugas-deadline": day.isoformat()})
    assert response.status_code == 302
    assert set(Assignment.objects.filter(proposal=proposal).values_list("deadline", flat=True)) == {day}
    response = client.post(url("organiser", edition), {"action": "ketiga", "proposal": proposal.pk,
                                                        "evaluator": evaluators[2].pk, "deadline": "x²"})
    assert response.status_code == 200 and "tidak dikenal" in response.text


def test_the_queue_shows_deadlines_marks_overdue_in_fixed_queries(client, edition, admin_lokal, secretariat,
                                                                  evaluators, national_admin,
                                                                  django_assert_max_num_queries):
    proposal = passed(admin_lokal, secretariat, edition, title="Rujukan Daring Puskesmas")
    rules.assign(national_admin, proposal, evaluators[:2])
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    Assignment.objects.filter(proposal=proposal).update(deadline=yesterday)  # the day has passed since
    client.force_login(evaluators[0])
    with django_assert_max_num_queries(20) as few:
        page = client.get(url("queue", edition))
    assert "terlambat" in page.text and "1 penilaian melewati batas waktunya" in page.text
    assert yesterday.strftime("%-d") in page.text
    # many more rows, same queries
    for n in range(8):
        other = Proposal.objects.create(edition=edition, agency=make_agency("71", name=f"Kabupaten Antre {n}"),
                                        title=f"Layanan Antre {n}", status=Status.LOLOS_ADMINISTRASI)
        Assignment.objects.create(proposal=other, evaluator=evaluators[0],
                                  deadline=timezone.localdate() + datetime.timedelta(days=n))
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(url("queue", edition))
    assert page.text.count("Layanan Antre") == 8
    # the evaluator's own page says it too
    assignment = Assignment.objects.get(proposal=proposal, evaluator=evaluators[0])
    page = client.get(url("evaluate", edition, assignment.pk))
    assert "Batas penilaian" in page.text and "terlambat" in page.text
