"""Clinic pages: an agency registers, sees and cancels its people; the organiser manages
cohorts, participants, attendance, materials and the report. Thin views over ``rules``."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agencies.models import agency_for_user
from core import tabular
from core.numbers import is_int
from core.pagination import paginate
from news.models import EventPage

from . import followup, rules
from .forms import CohortForm, MaterialForm, PeopleFormSet, ReportForm
from .models import Cohort, Material, Registration, Report

EXPORT_COLUMNS = [_("Angkatan"), _("Nama"), _("Jabatan"), _("Unit kerja"), _("Instansi"), _("Email"),
                  _("Status"), _("Hadir"), _("Didaftarkan")]


def _event(pk):
    return get_object_or_404(EventPage.objects.live().public(), pk=pk)


@login_required
def register(request, cohort_pk):
    cohort = get_object_or_404(Cohort.objects.select_related("event"), pk=cohort_pk, event__live=True)
    agency = agency_for_user(request.user)
    problem = rules.registration_problem(request.user, cohort, agency)
    formset = PeopleFormSet(request.POST or None, prefix="peserta")
    if request.method == "POST" and not problem and formset.is_valid():
        try:
            created = rules.register(request.user, cohort.pk, [form.cleaned_data for form in formset])
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            waiting = sum(r.status == Registration.Status.DAFTAR_TUNGGU for r in created)
            messages.success(request, _("%(n)s peserta didaftarkan.") % {"n": len(created)})
            if waiting:
                messages.warning(request, _("%(n)s di antaranya masuk daftar tunggu karena angkatan penuh.") % {"n": waiting})
            return redirect("clinics:mine")
    taken = cohort.registrations.filter(status__in=Registration.HOLDING).count()
    return render(request, "clinics/register.html", {
        "cohort": cohort, "event": cohort.event, "agency": agency, "problem": problem, "formset": formset,
        "places_left": max(cohort.capacity - taken, 0),
    }, status=200 if not problem else 403)


@login_required
def mine(request):
    agency = agency_for_user(request.user)
    registrations = Registration.objects.none()
    if agency is not None:
        registrations = (Registration.objects.filter(agency=agency).select_related("cohort__event")
                         .order_by("-cohort__start", "cohort_id", "created_at", "pk"))
    return render(request, "clinics/mine.html", {
        "agency": agency, "registrations": paginate(request, registrations, per_page=50),
    })


@login_required
@require_POST
def cancel(request, pk):
    registration = get_object_or_404(Registration.objects.select_related("cohort__event"), pk=pk)
    if not rules.can_cancel(request.user, registration):
        raise Http404  # another agency's registration: not even its existence is shown
    try:
        _cancelled, promoted = rules.cancel(request.user, pk)
        messages.success(request, _("Pendaftaran %(name)s dibatalkan.") % {"name": registration.name})
        if promoted is not None:  # another agency's person, perhaps: no name
            messages.info(request, _("Tempatnya diberikan kepada peserta pertama di daftar tunggu."))
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    if rules.is_organiser(request.user, registration.cohort.event) and request.POST.get("kembali") == "kelola":
        return redirect("clinics:manage", event_pk=registration.cohort.event_id)
    return redirect("clinics:mine")


def _organised(request, event_pk):
    event = get_object_or_404(EventPage, pk=event_pk)
    if not rules.is_organiser(request.user, event):
        raise PermissionDenied
    return event


@login_required
def manage(request, event_pk):
    event = _organised(request, event_pk)
    cohorts = list(
        Cohort.objects.filter(event=event).prefetch_related("invited_provinces", "invited_agencies").annotate(
            holding=Count("registrations", filter=Q(registrations__status__in=Registration.HOLDING)),
            waiting=Count("registrations", filter=Q(registrations__status=Registration.Status.DAFTAR_TUNGGU)),
            present=Count("registrations", filter=Q(registrations__attended=True)),
        )
    )
    registrations = Registration.objects.filter(cohort__event=event).select_related("agency", "cohort").order_by(
        "cohort__start", "cohort_id", "created_at", "pk")
    page = paginate(request, registrations, per_page=100)
    report = Report.objects.filter(event=event).first()
    forms = {
        "cohort_form": CohortForm(prefix="angkatan"),
        "material_form": MaterialForm(prefix="materi"),
        "report_form": ReportForm(instance=report, prefix="laporan"),
    }
    if request.method == "POST":
        action = request.POST.get("aksi")
        if action == "angkatan":
            forms["cohort_form"] = form = CohortForm(request.POST, prefix="angkatan")
            if form.is_valid():
                form.instance.event = event
                form.save()
                messages.success(request, _("Angkatan %(name)s ditambahkan.") % {"name": form.instance.name})
                return redirect("clinics:manage", event_pk=event.pk)
        elif action == "materi":
            forms["material_form"] = form = MaterialForm(request.POST, request.FILES, prefix="materi")
            if form.is_valid():
                form.instance.event = event
                form.save()
                messages.success(request, _("Materi %(title)s dilampirkan.") % {"title": form.instance.title})
                return redirect("clinics:manage", event_pk=event.pk)
        elif action == "laporan":
            forms["report_form"] = form = ReportForm(request.POST, request.FILES, instance=report, prefix="laporan")
            if form.is_valid():
                form.instance.event = event
                form.save()
                messages.success(request, _("Laporan tersimpan."))
                return redirect("clinics:manage", event_pk=event.pk)
        else:
            return _registration_action(request, event, action)
        messages.error(request, _("Belum tersimpan. Periksa isian di bawah."))
    return render(request, "clinics/manage.html", {
        "event": event, "cohorts": cohorts, "registrations": page,
        "materials": Material.objects.filter(event=event), "report": report,
        "figures": followup.event_figures(event), **forms,
    })


def _registration_action(request, event, action):
    raw = request.POST.get("pendaftaran", "")
    if not is_int(raw, minimum=1) or action not in ("konfirmasi", "hadir", "tidak_hadir"):
        messages.error(request, _("Permintaan tidak dikenali."))
        return redirect("clinics:manage", event_pk=event.pk)
    registration = Registration.objects.filter(pk=int(raw), cohort__event=event).first()
    if registration is None:
        messages.error(request, _("Pendaftaran tidak ditemukan."))
        return redirect("clinics:manage", event_pk=event.pk)
    try:
        if action == "konfirmasi":
            rules.confirm(request.user, registration.pk)
            messages.success(request, _("%(name)s dikonfirmasi.") % {"name": registration.name})
        else:
            rules.mark_attendance(request.user, registration.pk, action == "hadir")
            messages.success(request, _("Kehadiran %(name)s dicatat.") % {"name": registration.name})
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    return redirect(f"{request.path}?halaman={request.GET.get('halaman', '1')}")


@login_required
def export(request, event_pk, fmt):
    if fmt not in ("csv", "xlsx"):
        raise Http404
    event = _organised(request, event_pk)
    rows = (
        [r.cohort.name, r.name, r.position, r.unit, r.agency.name, r.email, r.get_status_display(),
         "" if r.attended is None else (_("ya") if r.attended else _("tidak")), r.created_at.strftime("%Y-%m-%d %H:%M")]
        for r in Registration.objects.filter(cohort__event=event).select_related("cohort", "agency")
        .order_by("cohort__start", "cohort_id", "created_at", "pk").iterator()
    )
    return tabular.table_download(fmt, EXPORT_COLUMNS, rows, f"peserta-{event.slug}", title=_("Peserta"))


def material(request, pk):
    """A material's file: public ones for everyone, participants-only ones for the agencies
    that took part and for the organiser."""
    item = get_object_or_404(Material.objects.select_related("event"), pk=pk)
    event = item.event
    if not (event.live and not event.get_view_restrictions().exists()):
        raise Http404
    if item.audience != Material.Audience.PUBLIK:
        user = request.user
        if not user.is_authenticated:
            return redirect(f"/admin/login/?next={request.path}")
        if not (rules.is_participant(user, event) or rules.is_organiser(user, event)):
            raise PermissionDenied
    if not item.file:
        return redirect(item.url)
    return FileResponse(item.file.open("rb"), as_attachment=True, filename=item.file.name.rsplit("/", 1)[-1])
