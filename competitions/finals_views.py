"""Pages of an edition's finals: the organiser's finals desk (schedule, panel, visits, drops,
objections, decree), the panel's interview scoring, the agency's schedule confirmation, the
public objection form, the winners' downloads and feed, and the national results page.
Thin views over ``finals``, ``objections`` and ``awards``; wrong role: 403."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.syndication.views import Feed
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Prefetch
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agencies.models import agency_for_user
from core import tabular
from core.client_ip import client_ip
from core.numbers import int_or, is_int
from innovations.contact import allow_message
from innovations.models import AwardTier
from replication.selectors import bars

from . import awards, finals, objections, roles, rules
from .finals_forms import DecisionForm, DecreeForm, ObjectionForm, PanelForm, ScheduleForm, VisitForm
from .models import (
    Decree,
    Edition,
    Forwarding,
    Group,
    Interview,
    InterviewCriterion,
    Objection,
    PanelAssignment,
    Proposal,
    Status,
    Winner,
)

MAX_OBJECTIONS_PER_HOUR = 3


def _edition(slug):
    return get_object_or_404(Edition.objects.select_related("hub"), slug=slug)


def _errors(request, error):
    for message in error.messages:
        messages.error(request, message)


# --- public ------------------------------------------------------------------------------------

def announced_winners(edition):
    return list(Winner.objects.filter(decree__edition=edition, decree__announced_at__isnull=False)
                .select_related("tier", "proposal__agency__province", "proposal__category", "proposal__innovation")
                .order_by("tier__rank", "special_name", "proposal__title"))


def public_context(edition, today=None):
    """What the edition page shows of part 2: the objection period with its nominees and form,
    the public tally of objections (never who objected), the decree and its winners."""
    decree = Decree.objects.filter(edition=edition, announced_at__isnull=False).first()
    open_now = objections.is_open(edition, today)
    nominees = objections.nominees(edition)
    return {
        "objection_window": objections.window(edition), "objection_open": open_now,
        "nominees": list(nominees) if open_now else [],
        "objection_form": ObjectionForm(nominees=nominees) if open_now else None,
        "objection_tally": objections.public_summary(edition) if edition.is_announced else {},
        "decree": decree, "winners": announced_winners(edition) if decree else [],
    }


@require_POST
def object_to(request, slug):
    """The public objection form (on the edition page while uji publik is open)."""
    edition = _edition(slug)
    if not objections.is_open(edition):
        messages.error(request, _("Masa uji publik edisi ini tidak sedang dibuka."))
        return redirect("competitions:edition", slug=slug)
    form = ObjectionForm(request.POST, request.FILES, nominees=objections.nominees(edition))
    if form.is_valid():
        if not allow_message(client_ip(request), scope="kompetisi-keberatan", limit=MAX_OBJECTIONS_PER_HOUR):
            form.add_error(None, _("Terlalu banyak keberatan dari alamat Anda. Coba lagi dalam satu jam."))
        else:
            data = form.cleaned_data
            try:
                objections.file_objection(edition, data["proposal"], name=data["name"], contact=data["contact"],
                                          evidence_text=data["evidence_text"], evidence_file=data["evidence_file"],
                                          evidence_url=data["evidence_url"])
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Keberatan Anda diterima dan akan diperiksa penyelenggara. Nama dan kontak "
                                            "Anda tidak dipublikasikan."))
                return redirect(reverse("competitions:edition", args=[slug]) + "#uji-publik")
    return render(request, "competitions/objection.html", {"edition": edition, "form": form}, status=400)


WINNER_COLUMNS = [_("Penghargaan"), _("Kelompok"), _("Judul inovasi"), _("Instansi"), _("Provinsi"), _("Kategori"),
                  _("Keputusan")]


def winners_download(request, slug, fmt):
    if fmt not in ("csv", "xlsx"):
        raise Http404
    edition = get_object_or_404(Edition, slug=slug, decree__announced_at__isnull=False)
    rows = ([w.label, w.proposal.get_group_display(), w.proposal.title, w.proposal.agency.name,
             w.proposal.agency.province.name if w.proposal.agency.province_id else "",
             w.proposal.category.name if w.proposal.category_id else "", edition.decree.number]
            for w in announced_winners(edition))
    return tabular.table_download(fmt, WINNER_COLUMNS, rows, f"pemenang-{edition.slug}",
                                  title=_("Pemenang %(edition)s") % {"edition": edition.name})


class WinnersFeed(Feed):
    """The announced winners of an edition, one item per award."""

    def get_object(self, request, slug):
        return get_object_or_404(Edition.objects.select_related("decree"), slug=slug,
                                 decree__announced_at__isnull=False)

    def title(self, obj):
        return _("Pemenang %(edition)s") % {"edition": obj.name}

    def link(self, obj):
        return reverse("competitions:edition", args=[obj.slug])

    def description(self, obj):
        return _("Inovasi terbaik %(edition)s menurut %(number)s.") % {"edition": obj.name,
                                                                     "number": obj.decree.number}

    def items(self, obj):
        return announced_winners(obj)

    def item_title(self, item):
        return f"{item.label}: {item.proposal.title}"

    def item_description(self, item):
        return f"{item.proposal.agency.name} · {item.proposal.get_group_display()}"

    def item_link(self, item):
        return reverse("competitions:proposal", args=[item.proposal.edition.slug, item.proposal_id]) + f"#w{item.pk}"

    def item_pubdate(self, item):
        return item.decree.announced_at


def results(request):
    """National results: winners by year, and awards per province over the years."""
    table = awards.awards_per_province()
    years = sorted({year for by_year in table.values() for year in by_year})
    totals = sorted(((province, sum(by_year.values())) for province, by_year in table.items()),
                    key=lambda item: (-item[1], item[0]))
    rows = [(province, [table[province].get(year, 0) for year in years], total) for province, total in totals]
    by_year = awards.results_by_year()
    national = {year for year, editions in by_year if any(edition.hub_id is None for edition, _w in editions)}
    earlier = dict(awards.catalogue_results_by_year(skip_years=national))
    merged = {year: (editions, []) for year, editions in by_year}
    for year, records in earlier.items():
        merged[year] = (merged.get(year, ([], []))[0], records)
    return render(request, "competitions/results.html", {
        "by_year": sorted(((year, editions, records) for year, (editions, records) in merged.items()), reverse=True,
                          key=lambda item: item[0]),
        "years": years, "rows": rows, "province_bars": bars(totals),
    })


# --- the agency --------------------------------------------------------------------------------

@login_required
def our_schedule(request, slug):
    edition = _edition(slug)
    agency = agency_for_user(request.user)
    if agency is None:
        raise PermissionDenied
    if request.method == "POST":
        interview = get_object_or_404(Interview, pk=int_or(request.POST.get("interview"), 0),
                                      proposal__edition=edition, proposal__agency=agency)
        try:
            finals.confirm_interview(request.user, interview)
        except ValidationError as error:
            _errors(request, error)
        else:
            messages.success(request, _("Jadwal presentasi dikonfirmasi."))
        return redirect("competitions:our_schedule", slug=slug)
    interviews = list(Interview.objects.filter(proposal__edition=edition, proposal__agency=agency)
                      .select_related("proposal__agency__province", "proposal__edition").order_by("starts_at"))
    for interview in interviews:
        interview.when = finals.slot_text(interview)
    return render(request, "competitions/our_schedule.html", {
        "edition": edition, "interviews": interviews, "is_admin_lokal": roles.is_admin_lokal(request.user)})


# --- the panel ---------------------------------------------------------------------------------

@login_required
def panel_queue(request, slug):
    edition = _edition(slug)
    if not roles.is_panelist(request.user):
        raise PermissionDenied
    assignments = list(PanelAssignment.objects.filter(interview__proposal__edition=edition, panelist=request.user)
                       .select_related("interview__proposal__agency__province", "interview__proposal__edition")
                       .order_by("interview__starts_at"))
    for assignment in assignments:
        assignment.when = finals.slot_text(assignment.interview, "Asia/Jakarta")
    return render(request, "competitions/panel_queue.html", {"edition": edition, "assignments": assignments})


@login_required
def panel_score(request, slug, pk):
    assignment = get_object_or_404(
        PanelAssignment.objects.select_related("interview__proposal__edition__hub", "interview__proposal__agency",
                                               "interview__proposal__category"),
        pk=pk, interview__proposal__edition__slug=slug, panelist=request.user)
    interview = assignment.interview
    proposal = interview.proposal
    criteria = list(InterviewCriterion.objects.filter(edition=proposal.edition))
    if request.method == "POST":
        data = {}
        for criterion in criteria:
            raw = request.POST.get(f"skor-{criterion.pk}", "").strip()
            if raw:
                data[criterion.pk] = (int_or(raw, -1), request.POST.get(f"catatan-{criterion.pk}", "")[:3000])
        try:
            finals.score_interview(request.user, assignment, data)
        except ValidationError as error:
            _errors(request, error)
        else:
            messages.success(request, _("Nilai wawancara tersimpan."))
            return redirect("competitions:panel_score", slug=slug, pk=pk)
    scores = list(finals.visible_panel_scores(request.user, interview))
    own = {s.criterion_id: s for s in scores if s.assignment_id == assignment.pk}
    from .finals_models import INTERVIEW_SCALE

    return render(request, "competitions/panel_score.html", {
        "edition": proposal.edition, "assignment": assignment, "interview": interview, "proposal": proposal,
        "rows": [(c, own.get(c.pk)) for c in criteria], "others": [s for s in scores if s.assignment_id != assignment.pk],
        "scale": range(INTERVIEW_SCALE[0], INTERVIEW_SCALE[1] + 1), "when": finals.slot_text(interview),
    })


# --- the organiser's finals desk ---------------------------------------------------------------

def _winner_rows(post):
    rows = []
    for key, value in post.items():
        if key.startswith("tingkat-") and is_int(key.removeprefix("tingkat-"), minimum=1) and is_int(value, minimum=1):
            pk = key.removeprefix("tingkat-")
            rows.append({"proposal": int(pk), "tier": int(value), "special": ""})
        if key.startswith("khusus-") and is_int(key.removeprefix("khusus-"), minimum=1) and value.strip():
            pk = key.removeprefix("khusus-")
            tier = post.get(f"tingkat-khusus-{pk}", "")
            if is_int(tier, minimum=1):
                rows.append({"proposal": int(pk), "tier": int(tier), "special": value.strip()[:150]})
    return rows


def _act(request, edition, action):
    user, post = request.user, request.POST
    proposal = None
    if is_int(post.get("proposal", ""), minimum=1):
        proposal = get_object_or_404(Proposal.objects.select_related("agency__province", "edition"),
                                     pk=int(post["proposal"]), edition=edition)
    if action == "jadwal" and proposal is not None:
        form = ScheduleForm(post, zone_name=finals.agency_zone(proposal))
        if not form.is_valid():
            raise ValidationError([e for errors in form.errors.values() for e in errors])
        data = form.cleaned_data
        finals.schedule_interview(user, proposal, starts_at=data["starts"], online_url=data["online_url"],
                                  place=data["place"], minutes=data["minutes"])
        return _("Jadwal “%(title)s” disimpan dan dikirim ke instansinya.") % {"title": proposal.title}
    if action == "panel" and proposal is not None:
        interview = get_object_or_404(Interview, proposal=proposal)
        form = PanelForm(post)
        if not form.is_valid():
            raise ValidationError(_("Pilih anggota panel."))
        finals.assign_panel(user, interview, list(form.cleaned_data["panelists"]))
        return _("Tim Panel Independen ditugaskan.")
    if action == "moderasi" and proposal is not None:
        finals.moderate_interview(user, get_object_or_404(Interview, proposal=proposal), post.get("note", "")[:3000])
        return _("Keputusan atas perbedaan nilai wawancara dicatat.")
    if action == "gugurkan" and proposal is not None:
        finals.drop(user, proposal, post.get("reason", "")[:3000])
        return _("“%(title)s” digugurkan.") % {"title": proposal.title}
    if action == "pulihkan" and proposal is not None:
        finals.restore(user, proposal, post.get("reason", "")[:3000])
        return _("Keputusan gugur “%(title)s” dibatalkan.") % {"title": proposal.title}
    if action == "verifikasi":
        form = VisitForm(post, request.FILES, finalists=finals.finalists(edition))
        if not form.is_valid():
            raise ValidationError([e for errors in form.errors.values() for e in errors])
        data = form.cleaned_data
        finals.report_visit(user, data["proposal"], visited_on=data["visited_on"], members=list(data["members"]),
                            findings=data["findings"], runs_as_claimed=data["runs_as_claimed"],
                            photos=[(photo, "") for photo in data["photos"]])
        return _("Laporan verifikasi lapangan disimpan.")
    if action == "keberatan":
        objection = get_object_or_404(Objection, pk=int_or(post.get("objection"), 0), edition=edition)
        form = DecisionForm(post)
        if not form.is_valid():
            raise ValidationError([e for errors in form.errors.values() for e in errors])
        data = form.cleaned_data
        objections.decide(user, objection, outcome=data["outcome"], note=data["note"], consequence=data["consequence"])
        return _("Keputusan atas keberatan dicatat.")
    if action == "tetapkan":
        form = DecreeForm(post)
        if not form.is_valid():
            raise ValidationError([e for errors in form.errors.values() for e in errors])
        awards.fix_winners(user, edition, number=form.cleaned_data["number"],
                           decided_on=form.cleaned_data["decided_on"], winners=_winner_rows(post))
        return _("Pemenang ditetapkan; periksa lalu umumkan.")
    if action == "batalkan":
        awards.revoke_winners(user, edition, post.get("reason", "")[:3000])
        return _("Penetapan dibatalkan.")
    if action == "usulkan" and proposal is not None:
        national = get_object_or_404(Edition, pk=int_or(post.get("edisi"), 0), hub__isnull=True)
        awards.forward(user, proposal, national)
        return _("“%(title)s” diusulkan ke %(edition)s sebagai draf bagi instansinya.") % {
            "title": proposal.title, "edition": national.name}
    if action == "umumkan":
        awards.announce_winners(user, edition)
        return _("Pemenang diumumkan; setiap instansi finalis menerima surel dan penghargaan tercatat di katalog.")
    raise ValidationError(_("Tindakan tidak dikenal."))


@login_required
def desk(request, slug):
    edition = _edition(slug)
    if not roles.is_organiser(request.user, edition):
        raise PermissionDenied
    if request.method == "POST":
        try:
            with transaction.atomic():
                done = _act(request, edition, request.POST.get("action", ""))
        except ValidationError as error:
            _errors(request, error)
        else:
            messages.success(request, done)
            return redirect("competitions:desk", slug=slug)
    people = (Proposal.objects.filter(edition=edition, status__in=(Status.TOP, Status.FINALIS, Status.PEMENANG,
                                                                   Status.GUGUR))
              .select_related("edition", "agency__province", "category", "interview")
              .prefetch_related(Prefetch("interview__assignments",
                                         queryset=PanelAssignment.objects.select_related("panelist")))
              .annotate(visits=Count("field_visits", distinct=True))
              .order_by("group", "rank", "title"))
    finalists_list = list(people)
    tiers_by_group = {}
    for place in edition.award_places.select_related("tier").order_by("tier__rank"):
        tiers_by_group.setdefault(place.group, []).append(place)
    for proposal in finalists_list:
        proposal.zone = rules.zone_label(finals.agency_zone(proposal))
        interview = getattr(proposal, "interview", None)
        proposal.slot = finals.slot_text(interview) if interview else ""
        proposal.tier_places = tiers_by_group.get(proposal.group, [])
    decree = Decree.objects.filter(edition=edition).first()
    forwardable = []
    if edition.is_regional and decree is not None and decree.announced_at is not None:
        forwardable = [p for p in finalists_list if p.status == Status.PEMENANG]
        done = set(Forwarding.objects.filter(source__in=forwardable).values_list("source_id", flat=True))
        for proposal in forwardable:
            proposal.forwarded = proposal.pk in done
    return render(request, "competitions/desk.html", {
        "forwardable": forwardable,
        "national_editions": Edition.objects.filter(hub__isnull=True, year__gte=edition.year) if forwardable else [],
        "edition": edition, "finalists": finalists_list, "panel_form": PanelForm(),
        "visit_form": VisitForm(finalists=finals.finalists(edition)),
        "queue": list(objections.moderation_queue(edition)), "decision_form": DecisionForm(),
        "decree": decree, "decree_winners": list(decree.winners.select_related("tier", "proposal")) if decree else [],
        "decree_form": DecreeForm(), "special_tiers": AwardTier.objects.filter(programme="kipp"),
        "groups": Group, "objection_open": objections.is_open(edition), "window": objections.window(edition),
        "best_tier": awards.best_tier(edition), "today": timezone.localdate(),
    })


@login_required
def objection_file(request, slug, pk):
    """An objection's evidence file, for the organiser only (it may name the objector)."""
    objection = get_object_or_404(Objection.objects.select_related("edition__hub"), pk=pk, edition__slug=slug)
    if not roles.is_organiser(request.user, objection.edition):
        raise PermissionDenied
    if not objection.evidence_file:
        raise Http404
    try:
        handle = objection.evidence_file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(handle, as_attachment=True, filename=objection.evidence_file.name.rsplit("/", 1)[-1])
