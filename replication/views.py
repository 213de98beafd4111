"""Replication pages: thin views over ``rules`` (changes) and ``selectors`` (reads).

A replication a user may not see answers 404, so its existence is not disclosed. Every form
error, including a refusal by the rules, comes back on the form with an Indonesian message.
"""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agencies.models import agency_for_user
from core import tabular
from core.pagination import paginate
from hubs.models import HubPage
from innovations.models import InnovationPage
from regions.models import Province

from . import rules, selectors
from .forms import DashboardFilterForm, DecisionForm, MoveForm, ReplicaForm, ReportForm, StartForm
from .models import Replication

CSV_COLUMNS = [
    ("id", _("ID")), ("origin", _("Inovasi asal")), ("owner", _("Instansi pemilik")), ("adopter", _("Instansi replikator")),
    ("province", _("Provinsi replikator")), ("model", _("Model")), ("stage", _("Tahap")), ("created", _("Diajukan")),
    ("public_since", _("Kesepakatan")), ("scope", _("Cakupan")),
]


def _filters(request):
    """The dashboard filters from the query string; unknown or malformed values are ignored."""
    form = DashboardFilterForm(request.GET)
    values = {}
    if form.is_valid():
        values = form.cleaned_data
    else:
        values = {name: form.cleaned_data.get(name) for name in form.fields if name not in form.errors}
    hub = HubPage.objects.live().filter(slug=values["hub"]).first() if values.get("hub") else None
    province = Province.objects.filter(slug=values["provinsi"]).first() if values.get("provinsi") else None
    return {"hub": hub, "province": province, "stage": values.get("tahap") or None, "year": values.get("tahun")}


def _visible(request, pk):
    replication = get_object_or_404(Replication.objects.select_related("origin", "origin__agency", "adopter"), pk=pk)
    if not rules.can_view(request.user, replication):
        raise Http404
    return replication


def dashboard(request):
    filters = _filters(request)
    public = selectors.public_replications()
    chosen = selectors.filtered(public, **filters)
    table = SimpleLazyObject(lambda: paginate(
        request, selectors.for_dashboard(chosen).order_by("-public_since", "-pk"), per_page=25))
    # lazy: the template keeps its content in a {% fragment %} keyed by the address, a stored one
    # reads none of these (the heading's total is the table's count)
    context = {
        "filters": filters,
        "stage_counts": SimpleLazyObject(lambda: selectors.stage_counts(chosen)),
        "most_replicated": SimpleLazyObject(lambda: selectors.most_replicated(chosen.filter(selectors.ACTIVE))),
        "per_year": SimpleLazyObject(lambda: selectors.per_year(chosen)),
        "per_province": SimpleLazyObject(lambda: selectors.per_province(chosen)),
        "network": SimpleLazyObject(lambda: selectors.network(chosen)),
        "table": table,
        "total": SimpleLazyObject(lambda: table.paginator.count),
        "hubs": HubPage.objects.live().order_by("title").only("title", "slug"),
        "provinces": Province.objects.order_by("name").only("name", "slug"),
        "query": request.GET.urlencode(),
    }
    return render(request, "replication/dashboard.html", context)


def export_csv(request):
    filters = _filters(request)
    rows = selectors.for_listing(selectors.filtered(selectors.public_replications(), **filters)).order_by("pk")
    return tabular.table_download("csv", [label for _key, label in CSV_COLUMNS], (
        (r.pk, r.origin.title, r.origin.agency.name, r.adopter.name,
         r.adopter.province.name if r.adopter.province_id else "", r.get_model_display(), r.get_stage_display(),
         r.created_at.date().isoformat(), r.public_since.date().isoformat() if r.public_since else "",
         r.get_scope_display() if r.scope else "")
        for r in rows.iterator(chunk_size=500)
    ), "replikasi-jippnas")


@login_required
def mine(request):
    agency = agency_for_user(request.user)
    replications = selectors.for_listing(selectors.visible_to(request.user)).order_by("-stage_changed_at", "-pk")
    if agency is not None:
        as_adopter = replications.filter(adopter=agency)
        as_owner = replications.filter(origin__agency=agency)
    else:
        as_adopter = as_owner = Replication.objects.none()
    return render(request, "replication/mine.html", {
        "agency": agency,
        "as_adopter": paginate(request, as_adopter, per_page=25),
        "as_owner": list(as_owner[:50]),
        "awaiting": selectors.awaiting(request.user),
    })


@login_required
def start(request, innovation_id):
    origin = get_object_or_404(InnovationPage.objects.live().public().select_related("agency"), pk=innovation_id)
    agency = agency_for_user(request.user)
    if agency is None:
        return render(request, "replication/no_agency.html", {"origin": origin}, status=403)
    form = StartForm(request.POST or None, request.FILES or None, agency=agency)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            replication = rules.start_replication(
                request.user, origin, reason=data["reason"], model=data["model"], service_unit=data["service_unit"],
                facilitator=data["facilitator"], evidence=form.evidence(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Permohonan replikasi tercatat. Instansi pemilik dan koordinator hub telah diberi tahu."))
            return redirect("replication:detail", pk=replication.pk)
    return render(request, "replication/start.html", {"form": form, "origin": origin, "agency": agency})


def detail(request, pk):
    replication = _visible(request, pk)
    user = request.user
    moves = rules.allowed_moves(user, replication) if user.is_authenticated else []
    party = rules.Roles(user, replication).party
    context = {
        "replication": replication,
        # officials' names are shown to the parties; the public sees the agency that acted
        "show_names": party,
        "steps": replication.steps.prefetch_related("evidence"),
        "reports": replication.reports.all() if replication.is_public or party else [],
        "move_form": MoveForm(moves=moves, initial={"version": replication.version}) if moves else None,
        "decision_form": DecisionForm(initial={"version": replication.version}) if rules.can_decide(user, replication) else None,
        "can_report": rules.can_report(user, replication),
        "can_make_replica": rules.can_make_replica(user, replication),
        "progress": selectors.PROGRESS,
    }
    return render(request, "replication/detail.html", context)


def _act(request, pk, form, action):
    """Run a rules action from a POSTed form; errors go back to the detail page as messages."""
    if form.is_valid():
        try:
            action(form.cleaned_data)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Perubahan replikasi tersimpan."))
    else:
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            for message in errors:
                messages.error(request, f"{label}: {message}" if label else message)
    return redirect("replication:detail", pk=pk)


def evidence(request, pk, evidence_id):
    """An evidence document, for those who may see the replication."""
    from django.http import FileResponse

    from .models import Evidence

    replication = _visible(request, pk)
    item = get_object_or_404(Evidence, pk=evidence_id, step__replication=replication)
    try:
        handle = item.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(handle, as_attachment=True, filename=item.filename)


@login_required
@require_POST
def move(request, pk):
    replication = _visible(request, pk)
    moves = rules.allowed_moves(request.user, replication)
    if not moves:
        messages.error(request, _("Anda tidak berwenang mengubah tahap replikasi ini."))
        return redirect("replication:detail", pk=pk)
    form = MoveForm(request.POST, request.FILES, moves=moves)
    return _act(request, pk, form, lambda data: rules.move(
        request.user, replication.pk, data["to_stage"], expected_version=data["version"], note=data["note"],
        date=data["date"], evidence=form.evidence(),
    ))


@login_required
@require_POST
def decide(request, pk):
    replication = _visible(request, pk)
    form = DecisionForm(request.POST)
    return _act(request, pk, form, lambda data: rules.decide(
        request.user, replication.pk, accept=data["decision"] == "terima", reason=data["reason"],
        expected_version=data["version"],
    ))


@login_required
def report(request, pk):
    replication = _visible(request, pk)
    if not rules.can_report(request.user, replication):
        raise Http404
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            rules.file_report(request.user, replication, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Laporan tindak lanjut tersimpan. Terima kasih telah berbagi pengalaman."))
            return redirect("replication:detail", pk=pk)
    return render(request, "replication/report.html", {"form": form, "replication": replication})


@login_required
def replica(request, pk):
    replication = _visible(request, pk)
    if not rules.can_make_replica(request.user, replication):
        raise Http404
    form = ReplicaForm(request.POST or None, initial={"title": replication.origin.title})
    if request.method == "POST" and form.is_valid():
        try:
            page = rules.make_replica_page(request.user, replication, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Draf halaman inovasi replika dibuat. Lengkapi lalu ajukan ke moderasi hub."))
            return redirect("wagtailadmin_pages:edit", page.pk)
    return render(request, "replication/replica.html", {"form": form, "replication": replication})

