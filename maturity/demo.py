"""Demo maturity: the 2025 cycle filled, verified and published for the demo hubs (some answers
corrected or rejected, as verifiers do), and the 2026 cycle open with the same questions."""
import datetime
import random

from django.utils import timezone

from hubs.models import HubPage

from . import rules
from .examples import install_instrument
from .models import Answer, Cycle, Submission


def _at(year, month, day):
    return timezone.make_aware(datetime.datetime(year, month, day, 12, 0))


def build_maturity(log=lambda message: None, hubs_limit=10):
    if Cycle.objects.filter(year=2025).exists():
        return 0
    log("Membuat siklus kematangan hub...")
    rng = random.Random(2025)
    done = Cycle.objects.create(year=2025, opens=_at(2025, 3, 3), closes=_at(2025, 6, 30),
                                note="Instrumen 2025: perencanaan, pelembagaan, penyebarluasan, evaluasi.")
    install_instrument(done)
    verifier = _verifier()
    questions = rules.ordered_questions(done)
    hubs = list(HubPage.objects.exclude(hub_type=HubPage.HubType.NASIONAL).order_by("title")[:hubs_limit])
    for hub in hubs:
        submission = Submission.objects.create(cycle=done, hub=hub, status=Submission.Status.DIAJUKAN,
                                               submitted_at=_at(2025, 6, rng.randint(2, 27)))
        for question in questions:
            options = list(question.options.all())
            if question.kind == question.Kind.MULTIPLE:
                chosen = [o for o in options if rng.random() < 0.7] or options[:1]
            else:
                chosen = [options[min(len(options) - 1, rng.randint(len(options) // 2, len(options)))]]
            answer = Answer.objects.create(submission=submission, question=question,
                                           explanation="Dokumen pendukung tersedia di sekretariat hub.",
                                           evidence_url=f"https://jippnas.menpan.go.id/bukti/{hub.slug}/{question.pk}")
            answer.chosen.set(chosen)
            roll = rng.random()
            if roll < 0.1:
                rules.verify(verifier, answer.pk, "ditolak", "Bukti tidak menunjukkan kegiatan yang diklaim.")
            elif roll < 0.25 and len(options) > 1:
                rules.verify(verifier, answer.pk, "dikoreksi", "Disesuaikan dengan bukti yang dilampirkan.", [options[0].pk])
            else:
                rules.verify(verifier, answer.pk, "diterima")
        rules.publish(verifier, submission.pk)
    now = timezone.now()
    current = Cycle.objects.create(year=2026, opens=now - datetime.timedelta(days=14), closes=now + datetime.timedelta(days=60))
    install_instrument(current)
    return len(hubs)


def _verifier():
    from django.contrib.auth import get_user_model

    user, _created = get_user_model().objects.get_or_create(username="verifikator", defaults={"email": "verifikator@contoh.go.id"})
    user.groups.add(rules.ensure_verifier_group())
    return user
