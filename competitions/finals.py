"""The finals of an edition after its Top 99 (shared/domain.md 3.1, stages 4 and 5).

* ``schedule_interview``: the organiser gives each finalist a slot (about 20 minutes, an online
  link or a place); the agency is told the time in its own zone (WIB, WITA or WIT) and its
  Admin Lokal ``confirm_interview``s.
* ``assign_panel`` and ``score_interview``: the Tim Panel Independen scores each finalist on the
  edition's interview criteria under the evaluators' rules (``rules.conflicted``: never their
  own agency or a declared conflict; ``rules.exact_totals``: exact totals; ``rules.scores_visible``:
  the others' scores hidden until the disagreement is moderated).
* ``report_visit``: a field verification visit (at least one panel member and one evaluator)
  with findings, photos and whether the innovation runs as claimed.
* ``drop`` takes a finalist out with a recorded reason; ``restore`` undoes it with another.

Every decision is a ``ProposalStep``; every refusal a ``ValidationError`` in Indonesian.
"""
import datetime
import zoneinfo

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from agencies.models import agency_addresses, agency_for_user
from core import page_cache
from outbox.mail import queue_mail
from pkri import scoring

from . import roles, rules
from .finals_models import INTERVIEW_SCALE, SLOT_MINUTES
from .models import (
    Action,
    FieldVisit,
    FieldVisitPhoto,
    Interview,
    InterviewCriterion,
    PanelAssignment,
    PanelScore,
    Proposal,
    Status,
)

#: statuses of a proposal still in the finals (announced Top 99, not dropped)
IN_FINALS = (Status.TOP, Status.FINALIS, Status.PEMENANG)


def _decreed(edition):
    from .models import Decree

    return Decree.objects.filter(edition=edition).exists()


def _check_open(proposal):
    if not proposal.edition.is_announced or proposal.status not in (Status.TOP, Status.FINALIS):
        raise ValidationError(_("Hanya finalis (Top 99 yang sudah diumumkan dan tidak gugur) yang mengikuti tahap ini."))
    if _decreed(proposal.edition):
        raise ValidationError(_("Pemenang edisi ini sudah ditetapkan; tahap final sudah ditutup."))


def finalists(edition):
    return (Proposal.objects.filter(edition=edition, status__in=(Status.TOP, Status.FINALIS))
            .select_related("agency__province", "category").order_by("group", "rank", "title"))


# --- the schedule ------------------------------------------------------------------------------

def agency_zone(proposal):
    return proposal.edition.time_zone_for(proposal.agency)


def slot_text(interview, zone_name=None):
    """'12-08-2025 09.00–09.20 WITA' in the agency's zone (or ``zone_name``)."""
    zone_name = zone_name or agency_zone(interview.proposal)
    start = interview.starts_at.astimezone(zoneinfo.ZoneInfo(zone_name))
    end = start + datetime.timedelta(minutes=interview.minutes)
    return f"{start:%d-%m-%Y %H.%M}–{end:%H.%M} {rules.zone_label(zone_name)}"


def _mail_agency(proposal, subject, body, key):
    addresses = set(agency_addresses(proposal.agency))
    if proposal.contact_email:
        addresses.add(proposal.contact_email)
    if addresses:
        queue_mail(subject, body, sorted(addresses), key=key)


def schedule_interview(user, proposal, *, starts_at, online_url="", place="", minutes=SLOT_MINUTES):
    """Give (or move) a finalist's slot; moving it asks the agency to confirm again."""
    proposal = Proposal.objects.select_related("edition__hub", "agency__province").get(pk=proposal.pk)
    edition = proposal.edition
    if not roles.is_organiser(user, edition):
        raise ValidationError(_("Hanya penyelenggara yang menjadwalkan presentasi."))
    _check_open(proposal)
    online_url, place = (online_url or "").strip(), (place or "").strip()
    if not online_url and not place:
        raise ValidationError(_("Isi tautan daring atau tempat presentasi."))
    if starts_at is None or timezone.is_naive(starts_at):
        raise ValidationError(_("Isi waktu mulai presentasi."))
    if not 5 <= int(minutes) <= 120:
        raise ValidationError(_("Durasi presentasi antara 5 dan 120 menit."))
    end = starts_at + datetime.timedelta(minutes=int(minutes))
    clash = (Interview.objects.filter(proposal__edition=edition, starts_at__lt=end).exclude(proposal=proposal)
             .filter(Q(online_url=online_url, online_url__gt="") | Q(place=place, place__gt="")))
    for other in clash.select_related("proposal"):
        if other.starts_at + datetime.timedelta(minutes=other.minutes) > starts_at:
            raise ValidationError(_("Jadwal bertabrakan dengan presentasi “%(title)s” di ruang atau tautan yang sama.")
                                  % {"title": other.proposal.title})
    with transaction.atomic():
        Proposal.objects.select_for_update(of=("self",)).get(pk=proposal.pk)
        interview, _created = Interview.objects.update_or_create(proposal=proposal, defaults={
            "starts_at": starts_at, "minutes": int(minutes), "online_url": online_url, "place": place[:255],
            "confirmed_at": None, "confirmed_by": None})
        interview.proposal = proposal
        when = slot_text(interview)
        rules.record(proposal, Action.DIJADWALKAN, user, when)
        where = online_url or place
        _mail_agency(proposal, _("Jadwal presentasi dan wawancara %(edition)s") % {"edition": edition.name},
                     "\n".join([
                         _("Inovasi “%(title)s” dijadwalkan presentasi dan wawancara dengan Tim Panel Independen.")
                         % {"title": proposal.title}, "",
                         _("Waktu: %(when)s (waktu setempat instansi)") % {"when": when},
                         _("Tempat/tautan: %(where)s") % {"where": where}, "",
                         _("Admin Lokal diminta mengonfirmasi jadwal di halaman Proposal kami.")]),
                     key=f"kompetisi-jadwal:{interview.pk}:{starts_at.isoformat()}:{where[:60]}")
    return interview


def confirm_interview(user, interview):
    interview = Interview.objects.select_related("proposal__edition", "proposal__agency").get(pk=interview.pk)
    proposal = interview.proposal
    agency = agency_for_user(user)
    if agency is None or agency.pk != proposal.agency_id or not roles.is_admin_lokal(user):
        raise ValidationError(_("Hanya Admin Lokal instansi finalis yang mengonfirmasi jadwal."))
    _check_open(proposal)
    with transaction.atomic():
        updated = Interview.objects.filter(pk=interview.pk, confirmed_at__isnull=True).update(
            confirmed_at=timezone.now(), confirmed_by=user)
        if not updated:
            raise ValidationError(_("Jadwal ini sudah dikonfirmasi."))
        rules.record(proposal, Action.JADWAL_DIKONFIRMASI, user, slot_text(interview))
    interview.refresh_from_db()
    return interview


# --- the panel's scores ------------------------------------------------------------------------

def criteria(edition):
    found = list(InterviewCriterion.objects.filter(edition=edition))
    if not found:
        raise ValidationError(_("Kriteria wawancara edisi ini belum disiapkan penyelenggara."))
    return found


def assign_panel(user, interview, panelists):
    interview = Interview.objects.select_related("proposal__edition__hub").get(pk=interview.pk)
    proposal = interview.proposal
    if not roles.is_organiser(user, proposal.edition):
        raise ValidationError(_("Hanya penyelenggara yang menugaskan Tim Panel Independen."))
    _check_open(proposal)
    panelists = list(dict.fromkeys(panelists))
    existing = set(PanelAssignment.objects.filter(interview=interview).values_list("panelist_id", flat=True))
    if len(existing | {p.pk for p in panelists}) < proposal.edition.min_evaluators:
        raise ValidationError(_("Setiap finalis dinilai sedikitnya %(n)s anggota panel.")
                              % {"n": proposal.edition.min_evaluators})
    for panelist in panelists:
        if not roles.is_panelist(panelist):
            raise ValidationError(_("%(name)s bukan anggota Tim Panel Independen.") % {"name": rules._who(panelist)})
        problem = rules.conflicted(panelist, proposal.agency_id)
        if problem:
            raise ValidationError(problem % {"name": rules._who(panelist)})
    made = []
    with transaction.atomic():
        for panelist in panelists:
            assignment, created = PanelAssignment.objects.get_or_create(interview=interview, panelist=panelist)
            if created:
                made.append(assignment)
                rules.record(proposal, Action.PANEL_DITUGASKAN, user, rules._who(panelist), visible_to_agency=False)
    return made


def _specs(edition):
    low, high = INTERVIEW_SCALE
    return [scoring.IndicatorSpec(c.pk, c.weight, low, high) for c in criteria(edition)]


def score_interview(user, assignment, scores, *, now=None):
    """A panelist's scores: ``scores`` maps criterion id -> (score, note)."""
    now = now or timezone.now()
    with transaction.atomic():
        assignment = PanelAssignment.objects.select_for_update().get(pk=assignment.pk)
        if assignment.panelist_id != user.pk:
            raise ValidationError(_("Penugasan ini milik anggota panel lain."))
        interview = Interview.objects.select_for_update().select_related("proposal__edition").get(
            pk=assignment.interview_id)
        proposal = interview.proposal
        _check_open(proposal)
        if rules.conflicted(user, proposal.agency_id):
            raise ValidationError(_("Anda tidak boleh menilai finalis dari instansi Anda sendiri atau yang Anda "
                                    "nyatakan berkonflik kepentingan."))
        if interview.starts_at > now:
            raise ValidationError(_("Nilai wawancara diisi setelah presentasi dimulai."))
        known = {c.pk: c for c in criteria(proposal.edition)}
        low, high = INTERVIEW_SCALE
        for criterion_id, (value, note) in scores.items():
            criterion = known.get(int(criterion_id))
            if criterion is None:
                raise ValidationError(_("Kriteria tidak dikenal untuk edisi ini."))
            if value is None or not low <= int(value) <= high:
                raise ValidationError(_("Skor untuk “%(name)s” harus di antara %(a)s dan %(b)s.")
                                      % {"name": criterion.name, "a": low, "b": high})
            PanelScore.objects.update_or_create(assignment=assignment, criterion=criterion,
                                                defaults={"score": int(value), "note": (note or "").strip()[:3000]})
        done = PanelScore.objects.filter(assignment=assignment).count() == len(known)
        was_done = assignment.completed_at is not None
        PanelAssignment.objects.filter(pk=assignment.pk).update(completed_at=now if done else None)
        if done and not was_done:
            rules.record(proposal, Action.DINILAI_PANEL, user, visible_to_agency=False, at=now)
        evaluate_interview(interview)
    return assignment


def evaluate_interview(interview):
    """The interview's exact total and spread once ``min_evaluators`` panelists finished."""
    edition = interview.proposal.edition
    done = set(PanelAssignment.objects.filter(interview=interview, completed_at__isnull=False)
               .values_list("pk", flat=True))
    by_panelist = {}
    for assignment_id, criterion_id, value in PanelScore.objects.filter(assignment_id__in=done).values_list(
            "assignment_id", "criterion_id", "score"):
        by_panelist.setdefault(assignment_id, {})[criterion_id] = value
    if len(done) < edition.min_evaluators:
        interview.total = interview.spread = None
        interview.flagged = False
    else:
        interview.total, interview.spread = rules.exact_totals(_specs(edition), by_panelist)
        interview.flagged = interview.spread > edition.disagreement_threshold and interview.moderated_at is None
    interview.save(update_fields=["total", "spread", "flagged", "updated_at"])
    return interview


def moderate_interview(user, interview, note):
    interview = Interview.objects.select_related("proposal__edition__hub").get(pk=interview.pk)
    if not roles.is_organiser(user, interview.proposal.edition):
        raise ValidationError(_("Hanya penyelenggara yang memutuskan perbedaan nilai wawancara."))
    if not (note or "").strip():
        raise ValidationError(_("Tuliskan keputusan atas perbedaan nilai."))
    with transaction.atomic():
        Interview.objects.filter(pk=interview.pk).update(moderation_note=note.strip(), moderated_at=timezone.now(),
                                                          flagged=False)
        rules.record(interview.proposal, Action.WAWANCARA_DIMODERASI, user, note, visible_to_agency=False)
    interview.refresh_from_db()
    return interview


def visible_panel_scores(user, interview):
    scores = (PanelScore.objects.filter(assignment__interview=interview)
              .select_related("assignment__panelist", "criterion").order_by("criterion__sort_order", "assignment_id"))
    organiser = roles.is_organiser(user, interview.proposal.edition)
    mine = PanelAssignment.objects.filter(interview=interview, panelist=user).exists() if user.is_authenticated else False
    return rules.scores_visible(scores, user, organiser=organiser,
                                assigned=Q(assignment__panelist=user) if mine and not organiser else None,
                                settled=interview.moderated_at is not None)


# --- field verification ------------------------------------------------------------------------

def report_visit(user, proposal, *, visited_on, members, findings, runs_as_claimed, photos=()):
    """The visit's report; the team holds at least one panel member and one evaluator.
    ``photos`` are (uploaded image, caption) pairs, already checked as images by the form."""
    proposal = Proposal.objects.select_related("edition__hub").get(pk=proposal.pk)
    members = list(dict.fromkeys(members))
    if not (roles.is_organiser(user, proposal.edition) or user in members):
        raise ValidationError(_("Laporan verifikasi diisi penyelenggara atau anggota tim kunjungan."))
    _check_open(proposal)
    if not any(roles.is_panelist(m) for m in members) or not any(roles.is_evaluator(m) for m in members):
        raise ValidationError(_("Tim verifikasi lapangan terdiri atas sedikitnya satu anggota Tim Panel Independen "
                                "dan satu anggota Tim Evaluasi."))
    for member in members:
        problem = rules.conflicted(member, proposal.agency_id)
        if problem:
            raise ValidationError(problem.replace(_("menilai"), _("memverifikasi")) % {"name": rules._who(member)})
    if not (findings or "").strip():
        raise ValidationError(_("Tuliskan temuan kunjungan."))
    if runs_as_claimed is None:
        raise ValidationError(_("Nyatakan apakah inovasi berjalan sesuai proposal."))
    if visited_on is None or visited_on > timezone.localdate():
        raise ValidationError(_("Tanggal kunjungan tidak boleh di masa depan."))
    with transaction.atomic():
        visit = FieldVisit.objects.create(proposal=proposal, visited_on=visited_on, findings=findings.strip()[:10000],
                                          runs_as_claimed=bool(runs_as_claimed), created_by=user)
        visit.members.set(members)
        for image, caption in photos:
            FieldVisitPhoto.objects.create(visit=visit, image=image, caption=(caption or "")[:255])
        rules.record(proposal, Action.DIVERIFIKASI, user,
                     _("Berjalan sesuai proposal") if runs_as_claimed else _("Tidak berjalan sesuai proposal"),
                     visible_to_agency=False)
    return visit


# --- dropping and restoring --------------------------------------------------------------------

def drop(user, proposal, reason):
    """Take a finalist out of the finals with a recorded reason (``restore`` undoes it)."""
    proposal = Proposal.objects.select_related("edition__hub").get(pk=proposal.pk)
    if not roles.is_organiser(user, proposal.edition):
        raise ValidationError(_("Hanya penyelenggara yang menggugurkan finalis."))
    if not (reason or "").strip():
        raise ValidationError(_("Tuliskan alasan finalis digugurkan."))
    _check_open(proposal)
    with transaction.atomic():
        updated = Proposal.objects.filter(pk=proposal.pk, status__in=(Status.TOP, Status.FINALIS)).update(
            status=Status.GUGUR)
        if not updated:
            raise ValidationError(_("Finalis ini sudah digugurkan."))
        rules.record(proposal, Action.DIGUGURKAN, user, reason)
        page_cache.bump()  # the public Top 99 list and nominees change
    proposal.refresh_from_db()
    return proposal


def restore(user, proposal, reason):
    proposal = Proposal.objects.select_related("edition__hub").get(pk=proposal.pk)
    if not roles.is_organiser(user, proposal.edition):
        raise ValidationError(_("Hanya penyelenggara yang membatalkan keputusan gugur."))
    if not (reason or "").strip():
        raise ValidationError(_("Tuliskan alasan keputusan gugur dibatalkan."))
    if _decreed(proposal.edition):
        raise ValidationError(_("Pemenang edisi ini sudah ditetapkan; tahap final sudah ditutup."))
    with transaction.atomic():
        if not Proposal.objects.filter(pk=proposal.pk, status=Status.GUGUR).update(status=Status.TOP):
            raise ValidationError(_("Proposal ini tidak sedang gugur."))
        rules.record(proposal, Action.DIPULIHKAN, user, reason)
        page_cache.bump()
    proposal.refresh_from_db()
    return proposal
