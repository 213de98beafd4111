"""Demo PKRI: one completed, published cycle (PKRI 2024) and one open cycle (PKRI 2026),
made through the same rules as real ones."""
import datetime
import random

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test.utils import override_settings
from django.utils import timezone

from innovations.models import InnovationPage
from replication.demo import _actor as actor

from . import rules
from .models import AssessmentObject, Cycle, Group

PDF = b"%PDF-1.4\n% bukti contoh JIPPNas\n"


def _at(year, month, day):
    return timezone.make_aware(datetime.datetime(year, month, day, 12, 0))


def _fill(user, obj, rng, now):
    answers = {}
    for indicator in rules._instrument(obj).indicators.all():
        entry = {"text": f"{indicator.name} dijalankan sesuai rencana; bukti terlampir.", "self_score": rng.randint(indicator.scale_min + 1, indicator.scale_max)}
        if indicator.evidence_required:
            entry["evidence"] = SimpleUploadedFile(f"bukti-{indicator.pk}.pdf", PDF, content_type="application/pdf")
        answers[indicator.pk] = entry
    declared = rng.choice(["berlanjut_pengembangan", "berlanjut", "berlanjut", "vakum", "berhenti"])
    rules.save_answers(user, obj, answers, declared_status=declared if obj.group == Group.KEBERLANJUTAN else None, now=now)
    return rules.submit(user, obj, now=now)


def _actor(agency):
    return actor(agency)


def build_pkri(log=lambda message: None):
    """Idempotent: nothing happens when a cycle exists. Mail is recorded, not sent."""
    if Cycle.objects.exists():
        return 0
    # past winners only: PKRI 2024 assesses innovations awarded before 2024
    pages = list(InnovationPage.objects.live().filter(awards__year__lt=2024).distinct().select_related("agency").order_by("pk"))
    if len(pages) < 16:
        return 0
    log("Membuat siklus PKRI demo...")
    rng = random.Random(2024)
    User = get_user_model()
    assessors = [User.objects.get_or_create(username=name, defaults={"email": f"{name}@contoh.go.id"})[0]
                 for name in ("asesor", "asesor.dua", "asesor.tiga")]
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
        done = Cycle.objects.create(
            name="PKRI 2024", year=2024, self_assessment_opens=_at(2024, 4, 29), self_assessment_closes=_at(2024, 6, 11),
            desk_closes=_at(2024, 7, 2), interview_closes=_at(2024, 7, 16), publication_date=datetime.date(2024, 8, 15),
        )
        rules.prepare_instruments(done)
        rules.choose_objects(done, years=[], tiers=[], innovations=pages[:10])
        during = _at(2024, 5, 20)
        for obj in AssessmentObject.objects.filter(cycle=done).select_related("locus__agency"):
            _fill(_actor(obj.locus.agency), obj, rng, during)
            for assignment in rules.assign(obj, rng.sample(assessors, 2)):
                base = rng.randint(2, 5)
                rules.score(assignment.assessor, assignment, {
                    i.pk: (max(i.scale_min, min(i.scale_max, base + rng.choice([-1, 0, 0, 1]))), "")
                    for i in rules._instrument(obj).indicators.all()
                }, now=_at(2024, 6, 25))
        rules.evaluate_desk(done)
        for obj in AssessmentObject.objects.filter(cycle=done, flagged=True):
            rules.moderate(obj, note="Panel meninjau ulang bukti dan menerima nilai rata-rata.")
        for obj in AssessmentObject.objects.filter(cycle=done, shortlisted=True):
            for assignment in rules.assign(obj, assessors[:2], stage="wawancara"):
                rules.score(assignment.assessor, assignment, {
                    i.pk: (rng.randint(3, i.scale_max), "") for i in rules._instrument(obj).indicators.all()
                }, now=_at(2024, 7, 12))
        rules.publish(done, now=_at(2024, 8, 15))

        now = timezone.now()
        current = Cycle.objects.create(
            name="PKRI 2026", year=2026, self_assessment_opens=now - datetime.timedelta(days=14),
            self_assessment_closes=now + datetime.timedelta(days=21), desk_closes=now + datetime.timedelta(days=45),
            interview_closes=now + datetime.timedelta(days=60), publication_date=(now + datetime.timedelta(days=75)).date(),
        )
        rules.prepare_instruments(current)
        manado = [p for p in pages if p.agency.name == "Pemerintah Kota Manado"][:1]
        rules.choose_objects(current, years=[], tiers=[], innovations=pages[10:16] + manado)
        first = AssessmentObject.objects.filter(cycle=current, group=Group.KEBERLANJUTAN).select_related("locus__agency").first()
        _fill(_actor(first.locus.agency), first, rng, now)
        rules.assign(first, assessors[:2])
        # Manado's stewardship object is still a draft: editor.manado can fill and submit it,
        # and the assessors already assigned to it then score it (the PKRI journey).
        pembina = AssessmentObject.objects.filter(
            cycle=current, group=Group.PEMBINA, locus__agency__name="Pemerintah Kota Manado").first()
        if pembina is not None:
            rules.assign(pembina, assessors[:2])
    return 2
