"""Registering, the waiting list, cancelling, confirming and attendance, with every refusal."""
import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from clinics import rules, tasks
from clinics.mail import notify
from clinics.models import Registration
from outbox.models import OutboxItem, Status

from ..helpers import broker_down, deliver_outbox
from .conftest import person

pytestmark = pytest.mark.django_db
S = Registration.Status


def test_places_then_the_waiting_list(cohort, editor_a):
    created = rules.register(editor_a, cohort.pk, [person(n) for n in range(5)])
    assert [r.status for r in created] == [S.TERDAFTAR] * 3 + [S.DAFTAR_TUNGGU] * 2
    assert {r.agency_id for r in created} == {editor_a.agency_membership.agency_id}


def test_cancelling_a_place_moves_the_first_waiting_person_up(cohort, editor_a, editor_a2):
    held = rules.register(editor_a, cohort.pk, [person(n) for n in range(3)])
    first_waiting, second_waiting = rules.register(editor_a2, cohort.pk, [person(7), person(8)])
    _cancelled, promoted = rules.cancel(editor_a, held[1].pk)
    assert promoted.pk == first_waiting.pk
    first_waiting.refresh_from_db()
    second_waiting.refresh_from_db()
    assert first_waiting.status == S.TERDAFTAR and second_waiting.status == S.DAFTAR_TUNGGU
    assert cohort.registrations.filter(status__in=Registration.HOLDING).count() == 3


def test_cancelling_a_waiting_person_promotes_nobody(cohort, editor_a):
    regs = rules.register(editor_a, cohort.pk, [person(n) for n in range(5)])
    _cancelled, promoted = rules.cancel(editor_a, regs[3].pk)
    assert promoted is None
    with pytest.raises(ValidationError, match="sudah dibatalkan"):
        rules.cancel(editor_a, regs[3].pk)


def test_agencies_not_invited_are_refused(cohort, editor_b):
    with pytest.raises(ValidationError, match="tidak termasuk undangan"):
        rules.register(editor_b, cohort.pk, [person(1)])


def test_an_invited_agency_by_name(cohort, editor_b, agency_b):
    cohort.invited_agencies.add(agency_b)
    assert rules.register(editor_b, cohort.pk, [person(1)])[0].status == S.TERDAFTAR


def test_users_without_an_agency_and_closed_or_started_cohorts_are_refused(cohort, coordinator_a, editor_a):
    with pytest.raises(ValidationError, match="mewakili instansi"):
        rules.register(coordinator_a, cohort.pk, [person(1)])
    cohort.is_open = False
    cohort.save()
    with pytest.raises(ValidationError, match="ditutup"):
        rules.register(editor_a, cohort.pk, [person(1)])
    cohort.is_open, cohort.start = True, timezone.now() - datetime.timedelta(hours=1)
    cohort.save()
    with pytest.raises(ValidationError, match="sudah dimulai"):
        rules.register(editor_a, cohort.pk, [person(1)])


@pytest.mark.parametrize("people, message", [
    ([], "paling sedikit satu"),
    ([{"name": "Ani", "position": "", "unit": ""}], "Peserta 1: isi jabatan, unit kerja"),
    ([person(1, email="bukan-email")], "tidak sah"),
    ([person(n) for n in range(11)], "Paling banyak 10"),
])
def test_bad_people_are_refused_with_a_message_and_nothing_is_written(cohort, editor_a, people, message):
    with pytest.raises(ValidationError, match=message):
        rules.register(editor_a, cohort.pk, people)
    assert not Registration.objects.exists()


def test_only_the_agency_or_the_organiser_cancels(cohort, editor_a, editor_a2, coordinator_a, coordinator_b):
    (registration,) = rules.register(editor_a, cohort.pk, [person(1)])
    for outsider in (editor_a2, coordinator_b):
        with pytest.raises(PermissionDenied):
            rules.cancel(outsider, registration.pk)
    rules.cancel(coordinator_a, registration.pk)


def test_confirm_and_attendance_are_the_organisers(cohort, editor_a, coordinator_a, coordinator_b):
    (registration,) = rules.register(editor_a, cohort.pk, [person(1)])
    for user in (editor_a, coordinator_b):
        with pytest.raises(PermissionDenied):
            rules.confirm(user, registration.pk)
    rules.confirm(coordinator_a, registration.pk)
    with pytest.raises(ValidationError, match="setelah angkatan dimulai"):
        rules.mark_attendance(coordinator_a, registration.pk, True)
    cohort.start = timezone.now() - datetime.timedelta(hours=2)
    cohort.save()
    with pytest.raises(PermissionDenied):
        rules.mark_attendance(coordinator_b, registration.pk, True)
    assert rules.mark_attendance(coordinator_a, registration.pk, True).attended is True


def test_mail_after_commit_and_never_twice(cohort, editor_a, coordinator_a, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        (registration,) = rules.register(editor_a, cohort.pk, [person(1, email="ani@sulutprov.go.id")])
    assert callbacks and mail.outbox == []
    for callback in callbacks:
        callback()
    assert sorted(a for m in mail.outbox for a in m.to) == sorted(["ani@sulutprov.go.id", editor_a.email])
    assert "Pendaftaran diterima" in mail.outbox[0].subject and "WITA" in mail.outbox[0].body
    mail.outbox.clear()
    assert set(OutboxItem.objects.values_list("status", flat=True)) == {Status.SENT}
    assert deliver_outbox() == 0 and mail.outbox == []  # already sent: never twice
    assert notify(registration, "terdaftar") == []  # the same event again records nothing
    with django_capture_on_commit_callbacks(execute=True):
        rules.confirm(coordinator_a, registration.pk)
    assert len(mail.outbox) == 2 and "dikonfirmasi" in mail.outbox[0].subject


def test_a_promotion_is_mailed(cohort, editor_a, editor_a2, django_capture_on_commit_callbacks):
    held = rules.register(editor_a, cohort.pk, [person(n) for n in range(3)])
    rules.register(editor_a2, cohort.pk, [person(9)])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        rules.cancel(editor_a, held[0].pk)
    assert [m.to for m in mail.outbox] == [[editor_a2.email]]
    assert "daftar tunggu" in mail.outbox[0].subject


def test_reminders_go_once_to_those_holding_a_place(cohort, editor_a, django_capture_on_commit_callbacks):
    rules.register(editor_a, cohort.pk, [person(n) for n in range(4)])
    cohort.start = timezone.now() + datetime.timedelta(days=1)
    cohort.save()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.send_reminders() == 3  # one mail per person holding a place, not for the waiting one
        assert tasks.send_reminders() == 0
    assert len(mail.outbox) == 3 and all("Pengingat" in m.subject for m in mail.outbox)


def test_reminders_with_the_broker_down_are_kept_and_sent_later_once(cohort, editor_a,
                                                                     django_capture_on_commit_callbacks):
    rules.register(editor_a, cohort.pk, [person(n) for n in range(2)])
    cohort.start = timezone.now() + datetime.timedelta(days=1)
    cohort.save()
    OutboxItem.objects.update(status=Status.SENT)  # the registration mails are not this test's concern
    mail.outbox.clear()
    with broker_down(), django_capture_on_commit_callbacks(execute=True):
        assert tasks.send_reminders() == 2  # the worker runs the beat task; its mail waits for the broker
    reminders = OutboxItem.objects.filter(payload__subject__startswith="Pengingat")
    assert reminders.count() == 2 and set(reminders.values_list("status", flat=True)) == {Status.PENDING}
    assert mail.outbox == []
    assert deliver_outbox() == 2 and deliver_outbox() == 0
    assert tasks.send_reminders() == 0 and deliver_outbox() == 0
    assert len(mail.outbox) == 2 and all("Pengingat" in m.subject for m in mail.outbox)
