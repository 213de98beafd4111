"""Beat tasks (deadline reminders, data-refresh requests: each once) and the PKRI commands."""
import datetime

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone

from innovations.models import InnovationPage
from pkri import rules
from pkri.models import AssessmentObject, Assignment, Group
from pkri.tasks import request_data_refresh, send_deadline_reminders
from tests.helpers import deliver_outbox

from .conftest import fill_everything

pytestmark = pytest.mark.django_db


def test_deadline_reminders_go_to_loci_with_drafts_once_per_step(prepared, locus_user):
    prepared.self_assessment_closes = timezone.now() + datetime.timedelta(days=5)
    prepared.save()
    assert send_deadline_reminders() == 1
    assert mail.outbox == [] and deliver_outbox() == 1  # recorded, then delivered by the outbox
    assert mail.outbox[0].to == [locus_user.email] and "belum diajukan" in mail.outbox[0].body
    assert send_deadline_reminders() == 0 and deliver_outbox() == 0  # same 7-day step: not again
    prepared.self_assessment_closes = timezone.now() + datetime.timedelta(hours=20)
    prepared.save()
    assert send_deadline_reminders() == 1  # the 1-day step
    for obj in AssessmentObject.objects.filter(cycle=prepared):
        fill_everything(locus_user, obj)
        rules.submit(locus_user, obj)
    mail.outbox.clear()
    prepared.self_assessment_closes = timezone.now() + datetime.timedelta(hours=10)
    prepared.save()
    assert send_deadline_reminders() == 0 and mail.outbox == []  # nothing left to submit


def test_refresh_requests_for_innovations_not_verified_for_a_year(awarded, locus_user):
    InnovationPage.objects.filter(pk=awarded["top45"].pk).update(last_verified=timezone.localdate() - datetime.timedelta(days=400))
    InnovationPage.objects.filter(pk=awarded["old"].pk).update(last_verified=timezone.localdate() - datetime.timedelta(days=30))
    assert request_data_refresh() == 1 and deliver_outbox() == 1
    assert "Samsat Delivery Pos" in mail.outbox[0].body and "Posyandu Lama" not in mail.outbox[0].body
    assert request_data_refresh() == 0  # once a month


def test_stale_records_are_marked_publicly(client, awarded):
    InnovationPage.objects.filter(pk=awarded["top45"].pk).update(last_verified=timezone.localdate() - datetime.timedelta(days=800))
    assert "lebih dari 24 bulan" in client.get(awarded["top45"].url).content.decode()
    assert "lebih dari 24 bulan" not in client.get(awarded["old"].url).content.decode()


def test_commands_run_a_cycle(cycle, awarded, locus_user, assessors):
    with pytest.raises(CommandError, match="belum ada"):
        call_command("pkri_objects", "1999", "--tahun", "2021", "--tingkat", "top-45")
    with pytest.raises(CommandError, match="tidak dikenal"):
        call_command("pkri_objects", str(cycle.year), "--tahun", "2021", "--tingkat", "emas")
    call_command("pkri_objects", str(cycle.year), "--tahun", "2021", "--tingkat", "top-45", verbosity=0)
    obj = AssessmentObject.objects.get(cycle=cycle, group=Group.KEBERLANJUTAN)
    fill_everything(locus_user, obj)
    rules.submit(locus_user, obj)
    with pytest.raises(CommandError, match="sedikitnya 2"):
        call_command("pkri_assign", str(cycle.year), "--penilai", "asesor1", "--per-objek", "1")
    call_command("pkri_assign", str(cycle.year), "--penilai", "asesor1", "asesor2", "asesor3", verbosity=0)
    assert Assignment.objects.filter(object=obj).count() == 2
    indicators = list(rules._instrument(obj).indicators.all())
    for assignment in Assignment.objects.filter(object=obj):
        rules.score(assignment.assessor, assignment, {i.pk: (5, "") for i in indicators})
    call_command("pkri_evaluate", str(cycle.year), verbosity=0)
    call_command("pkri_publish", str(cycle.year), verbosity=0)
    with pytest.raises(CommandError, match="sudah dipublikasikan"):
        call_command("pkri_publish", str(cycle.year))
    obj.refresh_from_db()
    assert obj.final_total is not None and obj.rank == 1
