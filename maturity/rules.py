"""Who may do what with the maturity instrument, and the changes themselves.

* A hub's **coordinators** fill their hub's answers, with evidence, while the cycle is open,
  and submit them once (then they are locked).
* **Verifiers** (national administrators, and members of the ``Verifikator Kematangan Hub``
  group) accept, correct (with a note) or reject each submitted answer, never for a hub they
  coordinate or whose agency they act for, and publish a fully verified submission; its
  scores are then computed once by ``scoring`` and stored.
Every refusal is a ``ValidationError`` (or ``PermissionDenied``) with an Indonesian message.
"""
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from agencies.models import agency_for_user
from hubs.membership import coordinated_hub_paths
from hubs.models import HubPage

from . import scoring
from .models import Answer, Aspect, Cycle, Option, Question, Submission

VERIFIER_GROUP = "Verifikator Kematangan Hub"
Verdict = Answer.Verdict


def ensure_verifier_group():
    from hubs.roles import _grant_model_perms

    group, _created = Group.objects.get_or_create(name=VERIFIER_GROUP)
    _grant_model_perms(group, [("wagtailadmin", "access_admin")])
    return group


def coordinated_hubs(user):
    return HubPage.objects.filter(path__in=coordinated_hub_paths(user)).order_by("title")


def can_fill(user, submission):
    return user.is_authenticated and submission.hub.path in coordinated_hub_paths(user)


def is_verifier(user):
    return user.is_authenticated and user.is_active and (
        user.is_superuser or user.groups.filter(name=VERIFIER_GROUP).exists())


def own_hub(user, hub):
    agency = agency_for_user(user)
    return hub.path in coordinated_hub_paths(user) or (agency is not None and agency.pk == hub.agency_id)


def can_verify(user, submission):
    return is_verifier(user) and not own_hub(user, submission.hub)


def is_open(cycle, now=None):
    now = now or timezone.now()
    return cycle.opens <= now < cycle.closes


def submission_for(user, cycle, hub):
    if hub.path not in coordinated_hub_paths(user):
        raise PermissionDenied
    submission, _created = Submission.objects.get_or_create(cycle=cycle, hub=hub)
    return submission


def questions(cycle):
    return list(Question.objects.filter(cycle=cycle).prefetch_related("options").order_by("aspect", "number", "pk"))


def _aspect_order(question):
    return [value for value, _label in Aspect.choices].index(question.aspect), question.number, question.pk


def ordered_questions(cycle):
    return sorted(questions(cycle), key=_aspect_order)


def save_answers(user, submission_id, data):
    """``data``: {question id: {"options": [option ids], "explanation": str, "evidence": file
    or None, "evidence_url": str}}; saves the draft answers given (others are kept)."""
    with transaction.atomic():
        submission = Submission.objects.select_for_update().select_related("cycle", "hub").get(pk=submission_id)
        if not can_fill(user, submission):
            raise PermissionDenied
        if submission.status != Submission.Status.DRAF:
            raise ValidationError(_("Isian sudah diajukan dan terkunci."))
        if not is_open(submission.cycle):
            raise ValidationError(_("Pengisian siklus ini tidak sedang dibuka."))
        by_id = {question.pk: question for question in questions(submission.cycle)}
        for question_id, entry in data.items():
            question = by_id.get(question_id)
            if question is None:
                raise ValidationError(_("Pertanyaan tidak dikenal."))
            valid = {option.pk for option in question.options.all()}
            chosen = set(entry.get("options") or ())
            if not chosen <= valid:
                raise ValidationError(_("Pertanyaan %(n)s: pilihan tidak dikenal.") % {"n": question.number})
            if question.kind == Question.Kind.SINGLE and len(chosen) > 1:
                raise ValidationError(_("Pertanyaan %(n)s: pilih satu jawaban saja.") % {"n": question.number})
            answer, _created = Answer.objects.get_or_create(submission=submission, question=question)
            answer.explanation = (entry.get("explanation") or "")[:3000]
            answer.evidence_url = entry.get("evidence_url") or answer.evidence_url
            if entry.get("evidence"):
                answer.evidence = entry["evidence"]
            answer.save()
            answer.chosen.set(chosen)
    return submission


def submit(user, submission_id):
    with transaction.atomic():
        submission = Submission.objects.select_for_update().select_related("cycle", "hub").get(pk=submission_id)
        if not can_fill(user, submission):
            raise PermissionDenied
        if submission.status != Submission.Status.DRAF:
            raise ValidationError(_("Isian sudah diajukan."))
        if not is_open(submission.cycle):
            raise ValidationError(_("Batas pengajuan sudah lewat."))
        answers = {a.question_id: a for a in submission.answers.prefetch_related("chosen")}
        missing = []
        for question in ordered_questions(submission.cycle):
            answer = answers.get(question.pk)
            if answer is None or not answer.chosen.all():
                missing.append(_("%(aspect)s %(n)s belum dijawab.") % {"aspect": question.get_aspect_display(), "n": question.number})
            elif question.evidence == Question.Evidence.REQUIRED and not answer.has_evidence:
                missing.append(_("%(aspect)s %(n)s wajib disertai bukti.") % {"aspect": question.get_aspect_display(), "n": question.number})
        if missing:
            raise ValidationError(missing)
        submission.status = Submission.Status.DIAJUKAN
        submission.submitted_at, submission.submitted_by = timezone.now(), user
        submission.save()
    return submission


def verify(user, answer_id, verdict, note="", corrected=()):
    with transaction.atomic():
        answer = Answer.objects.select_related("submission__hub", "question").filter(pk=answer_id).first()
        if answer is None:
            raise ValidationError(_("Jawaban tidak ditemukan."))
        submission = Submission.objects.select_for_update().get(pk=answer.submission_id)
        if not can_verify(user, submission):
            raise PermissionDenied
        if submission.status not in (Submission.Status.DIAJUKAN, Submission.Status.TERVERIFIKASI):
            raise ValidationError(_("Hanya isian yang sudah diajukan dan belum dipublikasikan yang dapat diverifikasi."))
        if verdict not in (Verdict.DITERIMA, Verdict.DIKOREKSI, Verdict.DITOLAK):
            raise ValidationError(_("Pilih diterima, dikoreksi atau ditolak."))
        note = (note or "").strip()
        corrected = set(corrected)
        if verdict in (Verdict.DIKOREKSI, Verdict.DITOLAK) and not note:
            raise ValidationError(_("Tulis catatan untuk jawaban yang dikoreksi atau ditolak."))
        if verdict == Verdict.DIKOREKSI:
            valid = set(Option.objects.filter(question=answer.question).values_list("pk", flat=True))
            if not corrected or not corrected <= valid:
                raise ValidationError(_("Pilih jawaban hasil koreksi."))
            if answer.question.kind == Question.Kind.SINGLE and len(corrected) > 1:
                raise ValidationError(_("Pertanyaan ini hanya satu jawaban."))
        answer.verdict, answer.verifier_note = verdict, note[:2000]
        answer.verified_by, answer.verified_at = user, timezone.now()
        answer.save()
        answer.corrected.set(corrected if verdict == Verdict.DIKOREKSI else ())
        pending = submission.answers.filter(verdict=Verdict.MENUNGGU).exists()
        status = Submission.Status.DIAJUKAN if pending else Submission.Status.TERVERIFIKASI
        if submission.status != status:
            submission.status = status
            submission.save(update_fields=["status"])
    return answer


def specs(cycle):
    return [
        scoring.QuestionSpec(id=q.pk, aspect=q.aspect, multiple=q.kind == Question.Kind.MULTIPLE, weight=q.weight,
                             option_scores={o.pk: o.score for o in q.options.all()})
        for q in questions(cycle)
    ]


def counted_options(submission):
    counted = {}
    for answer in submission.answers.prefetch_related("chosen", "corrected"):
        if answer.verdict == Verdict.DITERIMA:
            counted[answer.question_id] = [o.pk for o in answer.chosen.all()]
        elif answer.verdict == Verdict.DIKOREKSI:
            counted[answer.question_id] = [o.pk for o in answer.corrected.all()]
    return counted


def verified_scores(submission):
    return scoring.scores(specs(submission.cycle), counted_options(submission))


def publish(user, submission_id):
    with transaction.atomic():
        submission = Submission.objects.select_for_update().select_related("cycle", "hub").get(pk=submission_id)
        if not can_verify(user, submission):
            raise PermissionDenied
        if submission.status != Submission.Status.TERVERIFIKASI:
            raise ValidationError(_("Semua jawaban harus diverifikasi sebelum dipublikasikan."))
        result = verified_scores(submission)
        for value, _label in Aspect.choices:
            setattr(submission, value, result.get(value))
        submission.total = result["total"]
        submission.status, submission.published_at = Submission.Status.DIPUBLIKASIKAN, timezone.now()
        submission.save()
    return submission


def copy_instrument(from_cycle, to_cycle):
    """Copy the questions and options of ``from_cycle`` into ``to_cycle`` (which must have none)."""
    with transaction.atomic():
        if Question.objects.filter(cycle=to_cycle).exists():
            raise ValidationError(_("Siklus tujuan sudah memiliki pertanyaan."))
        for question in questions(from_cycle):
            options = list(question.options.all())
            copy = Question.objects.create(
                cycle=to_cycle, aspect=question.aspect, number=question.number, text=question.text,
                guidance=question.guidance, kind=question.kind, weight=question.weight, evidence=question.evidence,
                is_example=question.is_example)
            Option.objects.bulk_create([Option(question=copy, text=o.text, score=o.score, sort_order=o.sort_order)
                                        for o in options])
    return Question.objects.filter(cycle=to_cycle).count()


def previous_cycle(cycle):
    return Cycle.objects.filter(year__lt=cycle.year).order_by("-year").first()
