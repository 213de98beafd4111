"""Competition pages: public (editions, the announced Top 99, its downloads and feed), the
agency's "Proposal kami" and drafting, the secretariat's administrative selection, the
evaluator's "Penilaian saya", the organiser's Top 99 and the hub coordinator's participation.
Thin views over ``rules``, ``roles`` and ``selectors``; a proposal outside a person's reach is
a 404, a page of the wrong role a 403."""
import datetime

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.contrib.syndication.views import Feed
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.db import transaction
from django.db.models import Count, F, Q, Value
from django.db.models.functions import Coalesce
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from agencies.models import AgencyMembership, agency_for_user
from core import tabular
from core.numbers import int_or, is_int
from core.pagination import paginate
from hubs.membership import coordinated_hub_paths
from hubs.models import HubPage

from . import checks, roles, rules, selectors
from .forms import AssignForm, DecisionForm, EvidenceForm, NewProposalForm, OperatorForm, ProposalForm
from .models import Assignment, Edition, Evidence, Group, Proposal, Stage, Status

PER_PAGE = 50
#: the organiser's ranking shows the guide (the group's places) and this many after it
SHOWN_BEYOND = 50
#: flagged disagreements shown at once (the largest first); each one decided brings the next
FLAGGED_SHOWN = 20


def _edition(slug):
    return get_object_or_404(Edition.objects.select_related("hub"), slug=slug)


def _date_or_none(raw):
    """A date typed in a form (YYYY-MM-DD), None when blank; anything else is refused."""
    raw = (raw or "").strip()[:10]
    if not raw:
        return None
    try:
        return datetime.date.fromisoformat(raw)
    except ValueError:
        raise ValidationError(_("Tanggal “%(value)s” tidak dikenal; gunakan format TTTT-BB-HH.") % {"value": raw}) from None


def _errors(request, error):
    for message in error.messages:
        messages.error(request, message)


# --- public ------------------------------------------------------------------------------------

def editions(request):
    items = list(Edition.objects.select_related("hub").prefetch_related("groups").annotate(
        entered=Count("proposals", filter=~Q(proposals__status__in=[Status.DRAF, Status.DIKEMBALIKAN]))))
    today = timezone.localdate()
    for edition in items:
        edition.stage_label = Stage(edition.current_stage(today)).label
    return render(request, "competitions/editions.html", {"editions": items})


def edition_detail(request, slug):
    edition = _edition(slug)
    today = timezone.localdate()
    context = {
        "edition": edition, "stage": Stage(edition.current_stage(today)), "timeline": edition.timeline(today),
        "groups": list(edition.groups.all()), "categories": list(edition.categories.all()),
        "counts": selectors.stage_counts(edition), "by_province": selectors.by_province(edition),
        "by_hub": selectors.by_hub(edition), "province_counts": selectors.province_counts(edition),
        "deadline": None,
    }
    agency = agency_for_user(request.user)
    if agency is not None:
        context["deadline"] = rules.deadline_text(edition, agency)
        context["admitted"] = rules.admits(edition, agency)
    from .finals_views import public_context

    context.update(public_context(edition, today))
    if edition.is_announced:
        top = list(selectors.announced(edition))
        context["top"] = [(Group(g).label, [p for p in top if p.group == g]) for g in Group.values
                          if any(p.group == g for p in top)]
    return render(request, "competitions/edition.html", context)


TOP_COLUMNS = [_("Kelompok"), _("Peringkat"), _("Judul inovasi"), _("Instansi"), _("Provinsi"), _("Kategori")]


def top_download(request, slug, fmt):
    if fmt not in ("csv", "xlsx"):
        raise Http404
    edition = get_object_or_404(Edition, slug=slug, shortlist_announced_at__isnull=False)
    rows = ([p.get_group_display(), p.rank or "", p.title, p.agency.name,
             p.agency.province.name if p.agency.province_id else "", p.category.name if p.category_id else ""]
            for p in selectors.announced(edition))
    return tabular.table_download(fmt, TOP_COLUMNS, rows, f"top-99-{edition.slug}", title=f"Top 99 {edition.name}")


class TopFeed(Feed):
    """The announced Top 99 of an edition, one item per innovation."""

    def get_object(self, request, slug):
        return get_object_or_404(Edition, slug=slug, shortlist_announced_at__isnull=False)

    def title(self, obj):
        return _("Top 99 %(edition)s") % {"edition": obj.name}

    def link(self, obj):
        return reverse("competitions:edition", args=[obj.slug])

    def description(self, obj):
        return _("Inovasi yang masuk Top 99 %(edition)s.") % {"edition": obj.name}

    def items(self, obj):
        return selectors.announced(obj)

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return f"{item.agency.name} · {item.get_group_display()} · {item.category.name if item.category_id else ''}"

    def item_link(self, item):
        return reverse("competitions:proposal", args=[item.edition.slug, item.pk])

    def item_pubdate(self, item):
        return item.edition.shortlist_announced_at


def proposal_detail(request, slug, pk):
    """An announced Top 99 entry's public summary; before that, the proposal for those who may
    read it (its agency, hub coordinators, organiser, secretariat, assigned evaluators)."""
    proposal = get_object_or_404(Proposal.objects.select_related("edition__hub", "agency__province", "category",
                                                                 "innovation", "service_unit"),
                                 pk=pk, edition__slug=slug)
    public = proposal.status in (Status.TOP, Status.FINALIS, Status.PEMENANG)
    private = roles.can_read_proposal(request.user, proposal)
    if not public and not private:
        raise Http404
    texts = {t.aspect_id: t.text for t in proposal.texts.all()}
    aspects = list(rules.instrument_for(proposal.edition, proposal.group).aspects.all())
    if not private:  # the public summary: the Ringkasan only
        aspects = aspects[:1]
    steps = proposal.steps.all() if private else []
    if private and not roles.is_secretariat(request.user, proposal.edition):
        steps = [s for s in steps if s.visible_to_agency]
    return render(request, "competitions/proposal.html", {
        "proposal": proposal, "edition": proposal.edition, "private": private, "steps": steps,
        "rows": [(a, texts.get(a.pk, "")) for a in aspects], "sdgs": list(proposal.sdgs.all()),
        "evidence": list(proposal.evidence.select_related("aspect")) if private else [],
    })


@login_required
def private_file(request, slug, kind, pk):
    """The SK or an evidence file, for those who may read the proposal."""
    if kind == "sk":
        proposal = get_object_or_404(Proposal.objects.select_related("edition"), pk=pk, edition__slug=slug)
        field = proposal.sk_document
    elif kind == "bukti":
        item = get_object_or_404(Evidence.objects.select_related("proposal__edition"), pk=pk,
                                 proposal__edition__slug=slug)
        proposal, field = item.proposal, item.file
    else:
        raise Http404
    if not field or not roles.can_read_proposal(request.user, proposal):
        raise Http404
    try:
        handle = field.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(handle, as_attachment=True, filename=field.name.rsplit("/", 1)[-1])


# --- the agency --------------------------------------------------------------------------------

@login_required
def ours(request, slug):
    edition = _edition(slug)
    agency = agency_for_user(request.user)
    if agency is None:
        return render(request, "competitions/no_agency.html", {"edition": edition}, status=403)
    form = NewProposalForm(edition=edition, agency=agency)
    if request.method == "POST":
        form = NewProposalForm(request.POST, edition=edition, agency=agency)
        if form.is_valid():
            data = form.cleaned_data
            try:
                proposal = rules.create_proposal(request.user, edition, group=data["group"], title=data["title"],
                                                 innovation=data["innovation"])
            except ValidationError as error:
                _errors(request, error)
            else:
                messages.success(request, _("Draf proposal dibuat."))
                return redirect("competitions:edit", slug=slug, pk=proposal.pk)
    proposals = list(Proposal.objects.filter(edition=edition, agency=agency).select_related("category")
                     .order_by("group", "title"))
    steps = {}
    from .models import ProposalStep

    for step in ProposalStep.objects.filter(proposal__in=proposals, visible_to_agency=True).exclude(note=""):
        steps.setdefault(step.proposal_id, []).append(step)
    for proposal in proposals:
        proposal.messages = steps.get(proposal.pk, [])
    return render(request, "competitions/ours.html", {
        "edition": edition, "agency": agency, "proposals": proposals, "form": form,
        "deadline": rules.deadline_text(edition, agency), "open": rules.window_open(edition, agency),
        "admitted": rules.admits(edition, agency), "is_admin_lokal": roles.is_admin_lokal(request.user),
    })


def _own(request, slug, pk):
    proposal = get_object_or_404(Proposal.objects.select_related("edition__hub", "agency__province"),
                                 pk=pk, edition__slug=slug)
    agency = agency_for_user(request.user)
    if agency is None or agency.pk != proposal.agency_id:
        raise Http404  # another agency's draft does not exist for you
    return proposal


@login_required
def edit(request, slug, pk):
    proposal = _own(request, slug, pk)
    edition = proposal.edition
    instrument = rules.instrument_for(edition, proposal.group)
    aspects = list(instrument.aspects.all())
    form = ProposalForm(instance=proposal, edition=edition, agency=proposal.agency)
    evidence_form = EvidenceForm(instrument=instrument, prefix="bukti")
    autosave = request.headers.get("X-Autosave") == "1"
    texts = {t.aspect_id: t.text for t in proposal.texts.all()}
    if request.method == "POST":
        action = request.POST.get("action", "simpan")
        try:
            if action == "bukti":
                evidence_form = EvidenceForm(request.POST, request.FILES, instrument=instrument, prefix="bukti")
                if evidence_form.is_valid():
                    _add_evidence(request.user, proposal, evidence_form.cleaned_data)
                    messages.success(request, _("Data dukung ditambahkan."))
                    return redirect("competitions:edit", slug=slug, pk=pk)
            elif action.startswith("hapus-bukti-"):
                _remove_evidence(request.user, proposal, action.removeprefix("hapus-bukti-"))
                messages.success(request, _("Data dukung dihapus."))
                return redirect("competitions:edit", slug=slug, pk=pk)
            else:
                form = ProposalForm(request.POST, request.FILES, instance=Proposal.objects.get(pk=proposal.pk),
                                    edition=edition, agency=proposal.agency)
                texts = {a.pk: request.POST.get(f"aspek-{a.pk}", "")[:20000] for a in aspects}
                for text in texts.values():  # read outside the form: its NUL check too (PostgreSQL refuses NUL)
                    try:
                        ProhibitNullCharactersValidator()(text)
                    except ValidationError as error:
                        form.add_error(None, error)
                        break
                if form.is_valid():
                    data = form.cleaned_data
                    rules.save_draft(request.user, proposal, texts=texts, sdgs=list(data["sdgs"]),
                                     sk_document=data.get("sk_document"),
                                     fields={name: data[name] for name in rules.DRAFT_FIELDS})
                    if autosave:
                        return JsonResponse({"saved": timezone.localtime().strftime("%H.%M")})
                    if action == "ajukan":
                        rules.submit(request.user, proposal)
                        messages.success(request, _("Proposal diajukan. Isian kini terkunci."))
                        return redirect("competitions:ours", slug=slug)
                    messages.success(request, _("Draf tersimpan."))
                    return redirect("competitions:edit", slug=slug, pk=pk)
                if autosave:
                    return JsonResponse({"errors": [f"{form.fields[f].label}: {e[0]}" for f, e in form.errors.items()
                                                    if f in form.fields] + list(form.non_field_errors())}, status=400)
        except ValidationError as error:
            if autosave:
                return JsonResponse({"errors": error.messages}, status=400)
            _errors(request, error)
        proposal.refresh_from_db()
    problems = rules.administrative_problems(proposal) if proposal.is_editable else []
    rows = [(a, texts.get(a.pk, ""), rules.words(texts.get(a.pk, ""))) for a in aspects]
    return render(request, "competitions/edit.html", {
        "proposal": proposal, "edition": edition, "form": form, "rows": rows, "evidence_form": evidence_form,
        "evidence": list(proposal.evidence.select_related("aspect")), "problems": problems,
        "can_submit": roles.can_submit(request.user, proposal), "deadline": rules.deadline_text(edition, proposal.agency),
        "steps": [s for s in proposal.steps.all() if s.visible_to_agency],
    })


def _add_evidence(user, proposal, data):
    with transaction.atomic():
        locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
        if not roles.can_edit_proposal(user, locked):
            raise ValidationError(_("Proposal ini sudah diajukan dan terkunci."))
        Evidence.objects.create(proposal=locked, aspect=data["aspect"], label=data["label"],
                                file=data.get("file") or "", url=data.get("url") or "")


def _remove_evidence(user, proposal, raw_pk):
    with transaction.atomic():
        locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
        if not roles.can_edit_proposal(user, locked):
            raise ValidationError(_("Proposal ini sudah diajukan dan terkunci."))
        deleted, _rows = Evidence.objects.filter(proposal=locked, pk=int_or(raw_pk, 0)).delete()
        if not deleted:
            raise ValidationError(_("Data dukung itu tidak ditemukan."))


@login_required
def operators(request, slug):
    """The Admin Lokal's entry accounts: the operators of its agency."""
    edition = _edition(slug)
    if not roles.is_admin_lokal(request.user):
        raise PermissionDenied
    agency = agency_for_user(request.user)
    form = OperatorForm()
    if request.method == "POST":
        form = OperatorForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            with transaction.atomic():
                user = get_user_model().objects.create_user(data["username"], data["email"], data["password"],
                                                            first_name=data["name"][:150])
                AgencyMembership.objects.create(user=user, agency=agency)
            messages.success(request, _("Akun operator %(name)s dibuat.") % {"name": data["username"]})
            return redirect("competitions:operators", slug=slug)
    members = (get_user_model().objects.filter(agency_membership__agency=agency).order_by("username")
               .annotate(admin=Count("groups", filter=Q(groups__name=roles.ADMIN_LOKAL_GROUP))))
    return render(request, "competitions/operators.html", {"edition": edition, "agency": agency, "form": form,
                                                           "members": members})


# --- the secretariat ---------------------------------------------------------------------------

@login_required
def secretariat(request, slug):
    edition = _edition(slug)
    if not roles.is_secretariat(request.user, edition):
        raise PermissionDenied
    status = request.GET.get("status", Status.DIAJUKAN)
    if status not in Status.values:
        status = ""
    query = request.GET.get("q", "").strip()[:100]
    page = paginate(request, selectors.secretariat_queryset(edition, status, query), PER_PAGE)
    page.object_list = checks.attach_badges(edition, page.object_list)
    return render(request, "competitions/secretariat.html", {
        "edition": edition, "page": page, "status": status, "q": query,
        "statuses": [(s, label) for s, label in Status.choices if s != Status.DRAF],
    })


@login_required
def selection(request, slug, pk):
    proposal = get_object_or_404(Proposal.objects.select_related("edition__hub", "agency__province", "category"),
                                 pk=pk, edition__slug=slug)
    if not roles.is_secretariat(request.user, proposal.edition) or proposal.status == Status.DRAF:
        raise PermissionDenied
    form = DecisionForm()
    if request.method == "POST":
        form = DecisionForm(request.POST)
        if form.is_valid():
            decision, reason = form.cleaned_data["decision"], form.cleaned_data["reason"]
            try:
                if decision == "kembalikan":
                    rules.return_for_fix(request.user, proposal, reason)
                else:
                    rules.decide_administration(request.user, proposal, passed=decision == "lolos", reason=reason)
            except ValidationError as error:
                _errors(request, error)
            else:
                messages.success(request, _("Keputusan dicatat."))
                return redirect(f"{reverse('competitions:secretariat', args=[slug])}?status=diajukan")
    checks = rules.administrative_problems(proposal, check_window=False, check_cap=False)
    texts = {t.aspect_id: t.text for t in proposal.texts.all()}
    aspects = rules.instrument_for(proposal.edition, proposal.group).aspects.all()
    return render(request, "competitions/selection.html", {
        "proposal": proposal, "edition": proposal.edition, "form": form, "checks": checks,
        "rows": [(a, texts.get(a.pk, ""), rules.words(texts.get(a.pk, ""))) for a in aspects],
        "steps": proposal.steps.all(), "evidence": list(proposal.evidence.select_related("aspect")),
        "sdgs": list(proposal.sdgs.all()),
    })


# --- evaluators --------------------------------------------------------------------------------

@login_required
def my_queue(request, slug):
    edition = _edition(slug)
    if not roles.is_evaluator(request.user) and not Assignment.objects.filter(evaluator=request.user).exists():
        raise PermissionDenied
    due = Coalesce("deadline", Value(edition.evaluation_closes_on))
    assignments = (Assignment.objects.filter(proposal__edition=edition, evaluator=request.user)
                   .select_related("proposal__category", "proposal__agency").annotate(due=due)
                   .order_by(F("completed_at").asc(nulls_first=True), "due", "pk"))
    page = paginate(request, assignments, PER_PAGE)
    today = timezone.localdate()
    for assignment in page.object_list:
        assignment.overdue = assignment.completed_at is None and today > assignment.due
    overdue = assignments.filter(completed_at__isnull=True, due__lt=today).count()
    return render(request, "competitions/queue.html", {"edition": edition, "page": page, "overdue": overdue})


@login_required
def evaluate(request, slug, pk):
    assignment = get_object_or_404(Assignment.objects.select_related("proposal__edition", "proposal__agency",
                                                                     "proposal__category"),
                                   pk=pk, proposal__edition__slug=slug, evaluator=request.user)
    proposal = assignment.proposal
    instrument = rules.instrument_for(proposal.edition, proposal.group)
    aspects = list(instrument.aspects.all())
    if request.method == "POST" and request.POST.get("action") == "konflik":
        try:
            replacement = rules.declare_conflict(request.user, assignment, request.POST.get("alasan_konflik", "")[:3000])
        except ValidationError as error:
            _errors(request, error)
        else:
            messages.success(request, _("Konflik kepentingan dicatat; proposal ini dilepas dari antrean Anda.")
                             + ("" if replacement else " " + _("Penyelenggara akan menugaskan penilai pengganti.")))
            return redirect("competitions:queue", slug=slug)
    elif request.method == "POST":
        data = {}
        for aspect in aspects:
            raw = request.POST.get(f"skor-{aspect.pk}", "").strip()
            if raw:
                data[aspect.pk] = (int_or(raw, -1), request.POST.get(f"catatan-{aspect.pk}", ""))
        try:
            rules.score(request.user, assignment, data)
        except ValidationError as error:
            _errors(request, error)
        else:
            messages.success(request, _("Nilai tersimpan."))
            return redirect("competitions:evaluate", slug=slug, pk=pk)
    texts = {t.aspect_id: t.text for t in proposal.texts.all()}
    scores = list(rules.visible_scores(request.user, proposal))
    own = {s.aspect_id: s for s in scores if s.assignment_id == assignment.pk}
    others = [s for s in scores if s.assignment_id != assignment.pk]
    return render(request, "competitions/evaluate.html", {
        "assignment": assignment, "proposal": proposal, "edition": proposal.edition, "instrument": instrument,
        "rows": [(a, texts.get(a.pk, ""), own.get(a.pk)) for a in aspects], "others": others,
        "scale": range(instrument.scale_min, instrument.scale_max + 1),
        "evidence": list(proposal.evidence.select_related("aspect")),
        "due": assignment.due_on(proposal.edition), "overdue": assignment.is_overdue(proposal.edition),
    })


# --- the organiser -----------------------------------------------------------------------------

@login_required
def organiser(request, slug):
    edition = _edition(slug)
    if not roles.is_organiser(request.user, edition):
        raise PermissionDenied
    assign_form = AssignForm(prefix="tugas")
    group = request.GET.get("kelompok") or request.POST.get("kelompok") or Group.UMUM
    if edition.group_config(group) is None:
        group = next((g.group for g in edition.groups.all()), Group.UMUM)
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "tugaskan":
                assign_form = AssignForm(request.POST, prefix="tugas")
                if assign_form.is_valid():
                    data = assign_form.cleaned_data
                    n = rules.assign_in_turn(request.user, edition, list(data["evaluators"]),
                                             per_proposal=data["per_proposal"], deadline=data["deadline"])
                    messages.success(request, _("%(n)s proposal mendapat penilai.") % {"n": n})
                    return redirect("competitions:organiser", slug=slug)
            elif action == "moderasi":
                proposal = get_object_or_404(Proposal, pk=int_or(request.POST.get("proposal"), 0), edition=edition)
                rules.moderate(request.user, proposal, request.POST.get("note", "")[:3000])
                messages.success(request, _("Keputusan atas perbedaan nilai dicatat."))
                return redirect("competitions:organiser", slug=slug)
            elif action == "ketiga":
                proposal = get_object_or_404(Proposal, pk=int_or(request.POST.get("proposal"), 0), edition=edition)
                evaluator = get_object_or_404(assign_form.fields["evaluators"].queryset,
                                              pk=int_or(request.POST.get("evaluator"), 0))
                rules.assign(request.user, proposal, [evaluator], tiebreak=True,
                             deadline=_date_or_none(request.POST.get("deadline", "")))
                messages.success(request, _("Penilai ketiga ditugaskan untuk “%(title)s”.") % {"title": proposal.title})
                return redirect("competitions:organiser", slug=slug)
            elif action == "tetapkan":
                selected = [v for v in request.POST.getlist("pilih") if is_int(v, minimum=1)]
                reasons = {k.removeprefix("alasan-"): v[:2000] for k, v in request.POST.items()
                           if k.startswith("alasan-") and is_int(k.removeprefix("alasan-"), minimum=1)}
                chosen = rules.fix_shortlist(request.user, edition, group, selected, reasons)
                messages.success(request, _("Daftar %(group)s ditetapkan: %(n)s proposal.")
                                 % {"group": Group(group).label, "n": len(chosen)})
                return redirect(f"{reverse('competitions:organiser', args=[slug])}?kelompok={group}")
            elif action == "umumkan":
                rules.announce(request.user, edition)
                messages.success(request, _("Top 99 diumumkan; setiap instansi peserta menerima surel hasilnya."))
                return redirect("competitions:edition", slug=slug)
        except ValidationError as error:
            _errors(request, error)
    config = edition.group_config(group)
    size = config.shortlist_size if config else 99
    ranked = rules.ranking(edition, group, limit=size + SHOWN_BEYOND)
    scored = Proposal.objects.filter(edition=edition, group=group, status__in=rules.PASSED, total__isnull=False)
    selected = list(scored.filter(selected=True).select_related("agency__province", "category"))
    chosen = selected or ranked[:size]
    unassigned = Proposal.objects.filter(edition=edition, status=Status.LOLOS_ADMINISTRASI) \
        .annotate(n=Count("assignments")).filter(n=0).count()
    progress = Assignment.objects.filter(proposal__edition=edition).aggregate(
        total=Count("pk"), done=Count("pk", filter=Q(completed_at__isnull=False)))
    flagged = Proposal.objects.filter(edition=edition, flagged=True).select_related("agency").order_by("-spread", "pk")
    return render(request, "competitions/organiser.html", {
        "edition": edition, "assign_form": assign_form, "group": group, "groups": list(edition.groups.all()),
        "ranked": ranked, "ranked_total": scored.count(), "size": size, "figures": rules.balance(edition, chosen), "unassigned": unassigned,
        "progress": progress, "flagged": flagged[:FLAGGED_SHOWN], "flagged_total": flagged.count(),
        "has_selection": bool(selected),
        "evaluator_choices": assign_form.fields["evaluators"].queryset, "today": timezone.localdate(),
        "chosen_evaluators": {int(v) for v in request.POST.getlist("tugas-evaluators") if is_int(v, minimum=1)},
    })


# --- hub coordinators --------------------------------------------------------------------------

@login_required
def region(request, slug):
    edition = _edition(slug)
    paths = coordinated_hub_paths(request.user)
    hubs = list(HubPage.objects.filter(path__in=paths)) if paths else []
    if request.user.is_superuser and request.GET.get("hub"):
        hubs = list(HubPage.objects.filter(slug=request.GET["hub"]))
    if not hubs:
        raise PermissionDenied
    sections = []
    for hub in hubs:
        rows = selectors.participation(edition, hub)
        sections.append({"hub": hub, "rows": rows, "none": sum(1 for r in rows if not r[2])})
    return render(request, "competitions/region.html", {"edition": edition, "sections": sections,
                                                        "statuses": Status})
