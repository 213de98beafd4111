"""Maturity pages: public results, the coordinator's self-assessment, the verifier's work.
Thin views over ``rules`` and ``selectors``; nothing unpublished is public."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from core.files import validate_evidence_file
from core.numbers import is_int

from . import rules, selectors
from .models import Answer, Cycle, Submission


def index(request):
    cycles = list(Cycle.objects.all())
    latest = next((c for c in cycles if c.submissions.filter(status=Submission.Status.DIPUBLIKASIKAN).exists()), None)
    context = {"cycles": cycles, "cycle": latest}
    if latest is not None:
        rows = selectors.published(latest)
        context.update(rows=rows, bars=selectors.bars(rows))
    return render(request, "maturity/results.html", context)


def cycle_results(request, year):
    cycle = get_object_or_404(Cycle, year=year)
    rows = selectors.published(cycle)
    return render(request, "maturity/results.html", {
        "cycles": Cycle.objects.all(), "cycle": cycle, "rows": rows, "bars": selectors.bars(rows)})


def _ints(values):
    return [int(v) for v in values if is_int(v, minimum=0)]


@login_required
def fill(request, year):
    cycle = get_object_or_404(Cycle, year=year)
    hubs = list(rules.coordinated_hubs(request.user))
    if not hubs:
        return render(request, "maturity/fill.html", {"cycle": cycle, "hubs": []}, status=403)
    hub = next((h for h in hubs if h.slug == request.GET.get("hub")), hubs[0])
    submission = rules.submission_for(request.user, cycle, hub)
    questions = rules.ordered_questions(cycle)
    if request.method == "POST":
        data = {}
        try:
            for question in questions:
                upload = request.FILES.get(f"bukti-{question.pk}")
                if upload:
                    validate_evidence_file(upload)
                url = request.POST.get(f"tautan-{question.pk}", "").strip()
                if url and not url.startswith(("https://", "http://")):
                    raise ValidationError(_("Tautan bukti harus diawali https://."))
                data[question.pk] = {"options": _ints(request.POST.getlist(f"pilihan-{question.pk}")),
                                     "explanation": request.POST.get(f"penjelasan-{question.pk}", ""),
                                     "evidence": upload, "evidence_url": url[:200]}
            rules.save_answers(request.user, submission.pk, data)
            if "ajukan" in request.POST:
                rules.submit(request.user, submission.pk)
                messages.success(request, _("Isian diajukan untuk diverifikasi. Isian kini terkunci."))
            else:
                messages.success(request, _("Draf tersimpan."))
            return redirect(f"{request.path}?hub={hub.slug}")
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        submission.refresh_from_db()
    answers = {a.question_id: a for a in submission.answers.prefetch_related("chosen", "corrected")}
    rows = []
    for question in questions:
        answer = answers.get(question.pk)
        chosen = {o.pk for o in answer.chosen.all()} if answer else set()
        rows.append((question, answer, chosen))
    return render(request, "maturity/fill.html", {
        "cycle": cycle, "hubs": hubs, "hub": hub, "submission": submission, "rows": rows,
        "open": rules.is_open(cycle), "facts": selectors.hub_facts(hub, cycle.year),
        "locked": submission.status != Submission.Status.DRAF,
    })


@login_required
def verify_list(request, year):
    cycle = get_object_or_404(Cycle, year=year)
    if not rules.is_verifier(request.user):
        raise PermissionDenied
    submissions = [s for s in Submission.objects.filter(cycle=cycle).exclude(status=Submission.Status.DRAF)
                   .select_related("hub") if not rules.own_hub(request.user, s.hub)]
    return render(request, "maturity/verify_list.html", {"cycle": cycle, "submissions": submissions})


@login_required
def verify(request, year, pk):
    submission = get_object_or_404(Submission.objects.select_related("cycle", "hub"), pk=pk, cycle__year=year)
    if not rules.can_verify(request.user, submission):
        raise PermissionDenied
    if request.method == "POST":
        try:
            if "publikasikan" in request.POST:
                rules.publish(request.user, submission.pk)
                messages.success(request, _("Hasil %(hub)s dipublikasikan.") % {"hub": submission.hub.title})
            else:
                raw = request.POST.get("jawaban", "")
                if not is_int(raw, minimum=1) or not submission.answers.filter(pk=int(raw)).exists():
                    raise ValidationError(_("Jawaban tidak ditemukan."))
                rules.verify(request.user, int(raw), request.POST.get("putusan", ""), request.POST.get("catatan", ""),
                             _ints(request.POST.getlist("koreksi")))
                messages.success(request, _("Verifikasi tersimpan."))
            return redirect(request.path)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
    answers = list(submission.answers.select_related("question").prefetch_related("chosen", "corrected", "question__options"))
    answers.sort(key=lambda a: rules._aspect_order(a.question))
    return render(request, "maturity/verify.html", {
        "cycle": submission.cycle, "submission": submission, "answers": answers,
        "scores": rules.verified_scores(submission), "facts": selectors.hub_facts(submission.hub, submission.cycle.year),
        "verdicts": [c for c in Answer.Verdict.choices if c[0] != Answer.Verdict.MENUNGGU],
    })


@login_required
def evidence(request, pk):
    answer = get_object_or_404(Answer.objects.select_related("submission__hub"), pk=pk)
    if not answer.evidence:
        raise Http404
    if not (rules.can_fill(request.user, answer.submission) or rules.can_verify(request.user, answer.submission)):
        raise PermissionDenied
    return FileResponse(answer.evidence.open("rb"), as_attachment=True, filename=answer.evidence.name.rsplit("/", 1)[-1])
