"""Who may do what with a clinic's registrations, and the changes themselves.

* **The organiser** of an event is its hub's coordinators (and national administrators): they
  add cohorts, see every participant, confirm, mark attendance, export, attach materials and
  write the report.
* **An agency user** (someone acting for an agency) registers people of their own agency in a
  cohort that invites it, sees only their agency's registrations and cancels them.
* **Places** are counted under a lock on the cohort row, so however many people register at
  once a cohort never holds more than its capacity; the rest go to the waiting list, which
  moves up in arrival order when someone holding a place cancels.
Every refusal is a ``ValidationError`` with an Indonesian message (views show it, never a 500).
"""
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from agencies.models import agency_for_user
from hubs.membership import coordinated_hub_paths, hub_path_of

from .mail import notify
from .models import Cohort, Registration

Status = Registration.Status
MAX_PEOPLE_PER_REQUEST = 10


def is_organiser(user, event):
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or hub_path_of(event.path) in coordinated_hub_paths(user)


def require_organiser(user, event):
    if not is_organiser(user, event):
        raise PermissionDenied


def organised_events_q(user):
    """Q over ``EventPage`` matching the events the user organises."""
    from django.db.models import Q

    if user.is_superuser:
        return Q()
    paths = coordinated_hub_paths(user)
    if not paths:
        return Q(pk__in=[])
    condition = Q(pk__in=[])
    for path in paths:
        condition |= Q(path__startswith=path)
    return condition


def registration_problem(user, cohort, agency=None):
    """Why ``user`` may not register people in ``cohort`` now, or None."""
    if not user.is_authenticated:
        return _("Masuk terlebih dahulu untuk mendaftar.")
    agency = agency or agency_for_user(user)
    if agency is None:
        return _("Hanya pengguna yang mewakili instansi yang dapat mendaftarkan peserta.")
    if not cohort.is_open:
        return _("Pendaftaran angkatan ini sudah ditutup.")
    if cohort.start <= timezone.now():
        return _("Angkatan ini sudah dimulai; pendaftaran tidak lagi diterima.")
    if not cohort.event.live:
        return _("Agenda ini belum diterbitkan.")
    if not cohort.invites(agency):
        return _("Instansi Anda tidak termasuk undangan angkatan ini.")
    return None


def _clean_people(people):
    cleaned, errors = [], []
    for number, person in enumerate(people, start=1):
        row = {key: (person.get(key) or "").strip() for key in ("name", "position", "unit", "email")}
        if not any(row.values()):
            continue
        missing = [label for key, label in (("name", _("nama")), ("position", _("jabatan")), ("unit", _("unit kerja")))
                   if not row[key]]
        if missing:
            errors.append(_("Peserta %(n)s: isi %(fields)s.") % {"n": number, "fields": ", ".join(missing)})
        cleaned.append(row)
    if errors:
        raise ValidationError(errors)
    if not cleaned:
        raise ValidationError(_("Isi paling sedikit satu peserta (nama, jabatan, unit kerja)."))
    if len(cleaned) > MAX_PEOPLE_PER_REQUEST:
        raise ValidationError(_("Paling banyak %(n)s peserta sekali daftar.") % {"n": MAX_PEOPLE_PER_REQUEST})
    return cleaned


def register(user, cohort_id, people):
    """Register ``people`` (dicts of name, position, unit and optional email) of the user's
    agency in the cohort; returns the new registrations, some perhaps on the waiting list."""
    from django.core.validators import validate_email

    people = _clean_people(people)
    for person in people:
        if person["email"]:
            try:
                validate_email(person["email"])
            except ValidationError:
                raise ValidationError(_("Alamat email %(email)s tidak sah.") % {"email": person["email"][:100]}) from None
    agency = agency_for_user(user)
    with transaction.atomic():
        cohort = Cohort.objects.select_for_update(of=("self",)).select_related("event").filter(pk=cohort_id).first()
        if cohort is None:
            raise ValidationError(_("Angkatan tidak ditemukan."))
        problem = registration_problem(user, cohort, agency)
        if problem:
            raise ValidationError(problem)
        taken = cohort.registrations.filter(status__in=Registration.HOLDING).count()
        created = []
        for person in people:
            status = Status.TERDAFTAR if taken < cohort.capacity else Status.DAFTAR_TUNGGU
            taken += status == Status.TERDAFTAR
            registration = Registration.objects.create(
                cohort=cohort, agency=agency, registered_by=user, status=status, **person)
            notify(registration, "terdaftar" if status == Status.TERDAFTAR else "daftar_tunggu")
            created.append(registration)
    return created


def _locked_registration(registration_id):
    registration = Registration.objects.select_related("cohort__event", "agency").filter(pk=registration_id).first()
    if registration is None:
        raise ValidationError(_("Pendaftaran tidak ditemukan."))
    Cohort.objects.select_for_update().filter(pk=registration.cohort_id).first()  # the cohort's place lock
    registration.refresh_from_db(fields=["status", "attended"])
    return registration


def can_cancel(user, registration):
    agency = agency_for_user(user)
    return (agency is not None and agency.pk == registration.agency_id) or is_organiser(user, registration.cohort.event)


def cancel(user, registration_id):
    """Cancel a registration; a place it held goes to the first person waiting."""
    with transaction.atomic():
        registration = _locked_registration(registration_id)
        if not can_cancel(user, registration):
            raise PermissionDenied
        if registration.status == Status.DIBATALKAN:
            raise ValidationError(_("Pendaftaran ini sudah dibatalkan."))
        if registration.cohort.start <= timezone.now():
            raise ValidationError(_("Angkatan ini sudah dimulai; pendaftaran tidak dapat dibatalkan lagi."))
        held = registration.holds_place
        registration.status = Status.DIBATALKAN
        registration.save(update_fields=["status", "updated_at"])
        promoted = None
        if held:
            promoted = (registration.cohort.registrations.filter(status=Status.DAFTAR_TUNGGU)
                        .select_related("cohort__event", "registered_by").order_by("created_at", "pk").first())
            if promoted is not None:
                promoted.status = Status.TERDAFTAR
                promoted.save(update_fields=["status", "updated_at"])
                notify(promoted, "naik")
    return registration, promoted


def confirm(user, registration_id):
    with transaction.atomic():
        registration = _locked_registration(registration_id)
        require_organiser(user, registration.cohort.event)
        if registration.status != Status.TERDAFTAR:
            raise ValidationError(_("Hanya pendaftaran berstatus terdaftar yang dapat dikonfirmasi."))
        registration.status = Status.DIKONFIRMASI
        registration.save(update_fields=["status", "updated_at"])
        notify(registration, "dikonfirmasi")
    return registration


def mark_attendance(user, registration_id, attended):
    with transaction.atomic():
        registration = _locked_registration(registration_id)
        require_organiser(user, registration.cohort.event)
        if not registration.holds_place:
            raise ValidationError(_("Kehadiran hanya dicatat untuk peserta yang mendapat tempat."))
        if registration.cohort.start > timezone.now():
            raise ValidationError(_("Kehadiran dicatat setelah angkatan dimulai."))
        registration.attended = attended
        registration.save(update_fields=["attended", "updated_at"])
    return registration


def is_participant(user, event):
    """Whether the user's agency had someone attending (or holding a place in) the event:
    they may read the participants-only materials."""
    agency = agency_for_user(user)
    if agency is None:
        return False
    return Registration.objects.filter(cohort__event=event, agency=agency, status__in=Registration.HOLDING).exclude(
        attended=False).exists()
