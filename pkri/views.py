"""PKRI pages: public results and survival, the agency's self-assessment, the assessor's
scoring. Thin views over ``rules`` and ``selectors``; nothing unpublished is public."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from agencies.models import agency_for_user
from core import tabular
from core.files import validate_evidence_file
from core.numbers import parse_int
from core.page_cache import figures
from innovations.models import SustainabilityStatus

from . import rules, selectors
from .models import Answer, AssessmentObject, Assignment, Cycle

RESULT_COLUMNS = [_("Kelompok"), _("Peringkat"), _("Objek"), _("Instansi"), _("Provinsi"), _("Nilai dokumen"),
                  _("Nilai wawancara"), _("Nilai akhir"), _("Kategori")]


def cycles(request):
    # every award and PKRI verification of the catalogue: kept per cache generation
    labels, rows = figures("pkri-survival", selectors.survival)
    return render(request, "pkri/cycles.html", {"cycles": Cycle.objects.all(), "labels": labels, "rows": rows})


def cycle_detail(request, year):
    cycle = get_object_or_404(Cycle, year=year)
    context = {"cycle": cycle}
    if cycle.is_published:
        objects = list(selectors.results(cycle))
        context.update(groups=selectors.by_group(objects), total=len(objects),
                       by_province=selectors.by_province(cycle), by_hub=selectors.by_hub(cycle))
    return render(request, "pkri/cycle.html", context)


def _result_rows(cycle):
    for obj in selectors.results(cycle):
        agency = obj.locus.agency
        yield [obj.get_group_display(), obj.rank, obj.title, agency.name, agency.province.name if agency.province_id else "",
               obj.desk_total, obj.interview_total if obj.interview_total is not None else "", obj.final_total, obj.category]


def download(request, year, fmt):
    if fmt not in ("csv", "xlsx"):
        raise Http404
    cycle = get_object_or_404(Cycle, year=year, published_at__isnull=False)
    return tabular.table_download(fmt, RESULT_COLUMNS, _result_rows(cycle), f"hasil-pkri-{cycle.year}", title=cycle.name)


@login_required
def my_objects(request, year):
    cycle = get_object_or_404(Cycle, year=year)
    agency = agency_for_user(request.user)
    objects = AssessmentObject.objects.none()
    if agency is not None:
        objects = AssessmentObject.objects.filter(cycle=cycle, locus__agency=agency).select_related(
            "innovation", "replication__origin", "replication__adopter", "locus__agency")
    return render(request, "pkri/my_objects.html", {"cycle": cycle, "agency": agency, "objects": objects})


def _own_object(request, year, pk):
    obj = get_object_or_404(AssessmentObject.objects.select_related("cycle", "locus__agency", "innovation"),
                            pk=pk, cycle__year=year)
    if not rules.can_fill(request.user, obj):
        raise Http404  # an agency sees only its own
    return obj


@login_required
def self_assessment(request, year, pk):
    obj = _own_object(request, year, pk)
    indicators = list(rules._instrument(obj).indicators.all())
    answers = {a.indicator_id: a for a in obj.answers.all()}
    if request.method == "POST" and not obj.is_submitted:
        declared = request.POST.get("status") or None
        try:
            data = {}
            for indicator in indicators:
                data[indicator.pk] = {
                    "text": request.POST.get(f"jawaban-{indicator.pk}", "")[:5000],
                    "self_score": _score(request.POST.get(f"skor-{indicator.pk}"), indicator),
                    "evidence": request.FILES.get(f"bukti-{indicator.pk}"),
                }
            _check_uploads(data)
            rules.save_answers(request.user, obj, data, declared_status=declared)
            if "ajukan" in request.POST:
                rules.submit(request.user, obj)
                messages.success(request, _("Asesmen mandiri diajukan. Isian kini terkunci."))
            else:
                messages.success(request, _("Draf tersimpan."))
            return redirect("pkri:self_assessment", year=year, pk=pk)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            answers = {a.indicator_id: a for a in obj.answers.all()}
    rows = [(indicator, answers.get(indicator.pk)) for indicator in indicators]
    return render(request, "pkri/self_assessment.html", {
        "obj": obj, "rows": rows, "statuses": [c for c in SustainabilityStatus.choices if c[0] != "belum_diverifikasi"],
    })


def _score(raw, indicator):
    """A score typed into the form: None when left empty, else a plain number (the rules check
    the indicator's scale)."""
    if raw is None or not raw.strip():
        return None
    return parse_int(raw, label=_("Skor untuk “%(name)s”") % {"name": indicator.name})


def _check_uploads(data):
    for entry in data.values():
        if entry.get("evidence"):
            validate_evidence_file(entry["evidence"])


@login_required
def assignments(request, year):
    cycle = get_object_or_404(Cycle, year=year)
    mine = Assignment.objects.filter(object__cycle=cycle, assessor=request.user).select_related(
        "object__innovation", "object__locus__agency", "object__replication__origin", "object__replication__adopter")
    return render(request, "pkri/assignments.html", {"cycle": cycle, "assignments": mine})


@login_required
def assess(request, year, pk):
    assignment = get_object_or_404(
        Assignment.objects.select_related("object__cycle", "object__locus__agency", "object__innovation"),
        pk=pk, object__cycle__year=year, assessor=request.user,
    )
    obj = assignment.object
    indicators = list(rules._instrument(obj).indicators.all())
    if request.method == "POST":
        try:
            data = {}
            for indicator in indicators:
                raw = request.POST.get(f"skor-{indicator.pk}", "")
                if raw:
                    data[indicator.pk] = (_score(raw, indicator), request.POST.get(f"catatan-{indicator.pk}", "")[:3000])
            rules.score(request.user, assignment, data)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Nilai tersimpan."))
            return redirect("pkri:assess", year=year, pk=pk)
    answers = {a.indicator_id: a for a in obj.answers.all()}
    scores = list(rules.visible_scores(request.user, obj))
    own = {s.indicator_id: s for s in scores if s.assignment_id == assignment.pk}
    others = [s for s in scores if s.assignment_id != assignment.pk]
    rows = [(i, answers.get(i.pk), own.get(i.pk)) for i in indicators]
    return render(request, "pkri/assess.html", {"assignment": assignment, "obj": obj, "rows": rows, "others": others})


@login_required
def evidence(request, pk):
    """A self-assessment evidence file: for the locus agency, its assessors and admins."""
    from django.http import FileResponse

    answer = get_object_or_404(Answer.objects.select_related("object__locus"), pk=pk)
    obj = answer.object
    allowed = request.user.is_superuser or rules.can_fill(request.user, obj) or \
        Assignment.objects.filter(object=obj, assessor=request.user).exists()
    if not allowed or not answer.evidence:
        raise Http404
    try:
        handle = answer.evidence.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(handle, as_attachment=True, filename=answer.evidence.name.rsplit("/", 1)[-1])
