"""The rules of replication as plain functions: who may see and do what, which moves exist.

Views and the admin only call these. Every refusal is a ``ValidationError`` with a message in
Indonesian, and every change happens in one transaction that also writes the history step and
queues the notifications (sent after commit).

Concurrency: a move names the ``version`` its actor saw. The row is locked
(``select_for_update``) and the version compared before anything is written, and the update
itself is conditional on the version, so two people acting at once cannot both move the same
replication: the second is told it changed meanwhile.
"""
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from agencies.models import agency_for_user
from hubs.membership import coordinated_hub_paths, home_hub, hub_of_agency, hub_path_of
from innovations.models import InnovationPage
from innovations.signals import innovations_changed

from .models import (
    ENDED,
    IMPLEMENTED_STAGES,
    PROGRESS,
    PUBLIC_STAGES,
    Evidence,
    FollowUpReport,
    Model,
    OwnerDecision,
    Replication,
    ReplicationStep,
    Scope,
    Stage,
)
from .notifications import notify_step
from .selectors import public_replications

#: stage -> stages it may move to (ditolak only through the owner's decision)
TRANSITIONS = {
    Stage.MINAT: {Stage.KESEPAKATAN, Stage.PERSIAPAN, Stage.DIBATALKAN},
    Stage.KESEPAKATAN: {Stage.PERSIAPAN, Stage.DIBATALKAN},
    Stage.PERSIAPAN: {Stage.IMPLEMENTASI, Stage.DIBATALKAN},
    Stage.IMPLEMENTASI: {Stage.EVALUASI, Stage.DIBATALKAN},
    Stage.EVALUASI: {Stage.MELEMBAGA, Stage.DIBATALKAN},
    Stage.MELEMBAGA: set(),
    Stage.DITOLAK: set(),
    Stage.DIBATALKAN: set(),
}


# --- who is who ------------------------------------------------------------------------------

def _hub_paths_of(replication):
    """The hubs a replication touches: the origin's and the adopter's (``hubs.membership``)."""
    paths = {hub_path_of(replication.origin.path)}
    adopter_hub = hub_of_agency(replication.adopter)
    if adopter_hub:
        paths.add(adopter_hub.path)
    return paths


class Roles:
    """What one user is with respect to one replication."""

    def __init__(self, user, replication):
        self.admin = bool(user.is_authenticated and user.is_superuser)
        agency = agency_for_user(user)
        self.adopter = agency is not None and agency.pk == replication.adopter_id
        self.owner = agency is not None and agency.pk == replication.origin.agency_id
        hub_paths = coordinated_hub_paths(user)
        self.coordinator = bool(hub_paths) and bool(_hub_paths_of(replication) & set(hub_paths))

    @property
    def party(self):
        return self.admin or self.adopter or self.owner or self.coordinator


def can_view(user, replication):
    """Public replications (``selectors.public_replications``) for anyone, every stage for its parties."""
    if replication.is_public and public_replications().filter(pk=replication.pk).exists():
        return True
    return Roles(user, replication).party


def allowed_moves(user, replication):
    """The stages this user may move the replication to now (empty when none)."""
    roles = Roles(user, replication)
    if not (roles.admin or roles.adopter or roles.coordinator):
        return []
    moves = set(TRANSITIONS[Stage(replication.stage)])
    if replication.stage == Stage.MINAT:
        if replication.model == Model.KERJA_SAMA and replication.owner_decision != OwnerDecision.DITERIMA:
            moves.discard(Stage.KESEPAKATAN)  # the owner has not agreed yet
        if replication.model != Model.MANDIRI:
            moves.discard(Stage.PERSIAPAN)  # cooperation and facilitation start with an agreement
    return [stage for stage in [*PROGRESS, Stage.DIBATALKAN] if stage in moves]


def can_decide(user, replication):
    """The owner (or a coordinator, or an admin) answers a kerja sama request once."""
    if replication.stage != Stage.MINAT or replication.owner_decision != OwnerDecision.MENUNGGU:
        return False
    roles = Roles(user, replication)
    return roles.admin or roles.owner or roles.coordinator


def can_report(user, replication):
    return replication.stage in IMPLEMENTED_STAGES and (Roles(user, replication).adopter or user.is_superuser)


def can_make_replica(user, replication):
    return can_report(user, replication) and replication.replica_id is None


# --- moves -----------------------------------------------------------------------------------

def _actor_fields(user):
    agency = agency_for_user(user)
    name = (user.get_full_name() or user.get_username()) if user.is_authenticated else ""
    return {"actor": user if user.is_authenticated else None, "actor_name": name[:255],
            "actor_agency": (agency.name if agency else "")[:255]}


def _add_evidence(step, evidence):
    for kind, upload in evidence or ():
        item = Evidence(step=step, kind=kind, file=upload)
        item.full_clean(exclude=["step"])
        item.save()


def start_replication(user, origin, *, reason, model, service_unit=None, facilitator=None, evidence=None):
    """An agency user's "Replikasi inovasi ini": a new replication at stage minat."""
    agency = agency_for_user(user)
    if agency is None:
        raise ValidationError(_("Hanya pengguna yang mewakili instansi yang dapat mengajukan replikasi."))
    if agency.pk == origin.agency_id:
        raise ValidationError(_("Instansi tidak dapat mereplikasi inovasinya sendiri."))
    if not (origin.live and origin.get_view_restrictions().count() == 0):
        raise ValidationError(_("Inovasi ini tidak tersedia untuk direplikasi."))
    if model not in Model.values:
        raise ValidationError(_("Pilih model replikasi yang tersedia."))
    if service_unit is not None and service_unit.agency_id != agency.pk:
        raise ValidationError(_("Unit pelaksana harus unit dari instansi Anda."))
    if not (reason or "").strip():
        raise ValidationError(_("Tuliskan alasan instansi Anda mereplikasi inovasi ini."))
    if facilitator is not None and facilitator.pk in (agency.pk, origin.agency_id):
        raise ValidationError(_("Fasilitator harus instansi selain pemilik dan replikator."))
    with transaction.atomic():
        if Replication.objects.filter(origin=origin, adopter=agency).exclude(stage__in=ENDED).exists():
            raise ValidationError(_("Instansi Anda sudah memiliki replikasi yang berjalan untuk inovasi ini."))
        try:
            with transaction.atomic():
                replication = Replication.objects.create(
                    origin=origin, adopter=agency, service_unit=service_unit, model=model,
                    facilitator=facilitator if model == Model.FASILITASI else None, reason=reason.strip(),
                    owner_decision=OwnerDecision.MENUNGGU if model == Model.KERJA_SAMA else OwnerDecision.TIDAK_PERLU,
                    created_by=user,
                )
        except IntegrityError:  # a concurrent request won the race the check above could not see
            raise ValidationError(_("Instansi Anda sudah memiliki replikasi yang berjalan untuk inovasi ini.")) from None
        step = ReplicationStep.objects.create(
            replication=replication, from_stage="", to_stage=Stage.MINAT, date=timezone.localdate(),
            note=reason.strip()[:3000], **_actor_fields(user),
        )
        _add_evidence(step, evidence)
        notify_step(replication, step)
    return replication


def _locked(replication_id, expected_version):
    replication = Replication.objects.select_for_update().select_related("origin", "adopter").get(pk=replication_id)
    if replication.version != expected_version:
        raise ValidationError(
            _("Replikasi ini baru saja diubah oleh pengguna lain. Muat ulang halaman dan periksa tahapnya.")
        )
    return replication


def _apply(replication, expected_version, **changes):
    """Write the changes only if nobody moved the replication since it was read."""
    changes["version"] = expected_version + 1
    changes["stage_changed_at"] = timezone.now()
    updated = Replication.objects.filter(pk=replication.pk, version=expected_version).update(**changes)
    if updated != 1:
        raise ValidationError(
            _("Replikasi ini baru saja diubah oleh pengguna lain. Muat ulang halaman dan periksa tahapnya.")
        )
    for name, value in changes.items():
        setattr(replication, name, value)


def move(user, replication_id, to_stage, *, expected_version, note="", date=None, evidence=None):
    """Move a replication to another stage, with a dated, noted, evidenced history step."""
    date = date or timezone.localdate()
    if date > timezone.localdate():
        raise ValidationError(_("Tanggal peristiwa tidak boleh di masa depan."))
    with transaction.atomic():
        replication = _locked(replication_id, expected_version)
        if replication.is_final:
            raise ValidationError(_("Replikasi ini sudah selesai (%(stage)s); tahapnya tidak dapat diubah lagi.")
                                  % {"stage": replication.get_stage_display()})
        if to_stage not in Stage.values or to_stage not in TRANSITIONS[Stage(replication.stage)]:
            raise ValidationError(_("Perpindahan dari tahap %(from)s ke %(to)s tidak dimungkinkan.") % {
                "from": replication.get_stage_display(), "to": dict(Stage.choices).get(to_stage, to_stage)})
        if to_stage not in allowed_moves(user, replication):
            if not Roles(user, replication).party or Roles(user, replication).owner:
                raise ValidationError(_("Anda tidak berwenang mengubah replikasi ini."))
            raise ValidationError(_("Tahap %(to)s belum dapat dipilih: instansi pemilik belum menyetujui kerja sama, "
                                    "atau model replikasi ini harus melalui kesepakatan.")
                                  % {"to": dict(Stage.choices)[to_stage]})
        from_stage = replication.stage
        changes = {"stage": to_stage}
        if to_stage in PUBLIC_STAGES and replication.public_since is None:
            changes["public_since"] = timezone.now()
        _apply(replication, expected_version, **changes)
        step = ReplicationStep.objects.create(
            replication=replication, from_stage=from_stage, to_stage=to_stage, date=date, note=(note or "")[:3000],
            **_actor_fields(user),
        )
        _add_evidence(step, evidence)
        notify_step(replication, step)
        # the origin's public replication count feeds search sorting and facets
        innovations_changed.send(sender=Replication, ids=[replication.origin_id])
    return replication


def decide(user, replication_id, *, accept, reason="", expected_version):
    """The owner's answer to a kerja sama request: accepted (it may go on to kesepakatan) or
    declined (it ends as ditolak, with the reason)."""
    reason = (reason or "").strip()
    if not accept and not reason:
        raise ValidationError(_("Tuliskan alasan penolakan agar instansi replikator memahaminya."))
    with transaction.atomic():
        replication = _locked(replication_id, expected_version)
        if not can_decide(user, replication):
            if replication.owner_decision != OwnerDecision.MENUNGGU or replication.stage != Stage.MINAT:
                raise ValidationError(_("Permohonan kerja sama ini sudah dijawab."))
            raise ValidationError(_("Hanya instansi pemilik atau koordinator hub yang dapat menjawab permohonan ini."))
        changes = {"owner_decision": OwnerDecision.DITERIMA if accept else OwnerDecision.DITOLAK, "owner_reason": reason}
        if not accept:
            changes["stage"] = Stage.DITOLAK
        _apply(replication, expected_version, **changes)
        note = (_("Pemilik menerima permohonan kerja sama.") if accept else _("Pemilik menolak permohonan kerja sama."))
        step = ReplicationStep.objects.create(
            replication=replication, from_stage=Stage.MINAT, to_stage=replication.stage,
            date=timezone.localdate(), note=f"{note} {reason}".strip()[:3000], **_actor_fields(user),
        )
        notify_step(replication, step)
    return replication


def file_report(user, replication, *, results, rating, adaptations="", difficulties=""):
    if not can_report(user, replication):
        raise ValidationError(_("Laporan tindak lanjut diisi oleh instansi replikator setelah implementasi."))
    report = FollowUpReport(
        replication=replication, author=user, results=(results or "").strip(), rating=rating,
        adaptations=(adaptations or "").strip(), difficulties=(difficulties or "").strip(),
    )
    report.full_clean()
    report.save()
    return report


def make_replica_page(user, replication, *, scope, title):
    """A draft innovation page for the replica, under the adopter's hub, linked to its origin.

    The adopter completes it in the admin and submits it to the hub's moderation as any other
    innovation; lineage follows ``Replication.replica`` across generations.
    """
    if not can_make_replica(user, replication):
        raise ValidationError(_("Halaman replika dibuat oleh instansi replikator setelah implementasi, sekali saja."))
    if scope not in Scope.values:
        raise ValidationError(_("Pilih cakupan replikasi: utuh, sebagian, atau dengan modifikasi."))
    title = (title or "").strip()
    if not title:
        raise ValidationError(_("Judul halaman replika wajib diisi."))
    hub = home_hub(replication.adopter)
    if hub is None:
        raise ValidationError(_("Belum ada hub untuk instansi Anda; hubungi admin nasional."))
    origin = replication.origin
    with transaction.atomic():
        replication = Replication.objects.select_for_update().get(pk=replication.pk)
        if replication.replica_id is not None:
            raise ValidationError(_("Halaman replika untuk replikasi ini sudah ada."))
        page = InnovationPage(
            title=title[:255], summary=origin.summary, agency=replication.adopter,
            service_unit=replication.service_unit, province=replication.adopter.province,
            regency=replication.adopter.regency, year_started=timezone.localdate().year, live=False,
            innovation_type=origin.innovation_type, image=origin.image, owner=user,
        )
        hub.add_child(instance=page)
        page.categories.set(origin.categories.all())
        page.sdgs.set(origin.sdgs.all())
        page.save_revision(user=user)
        Replication.objects.filter(pk=replication.pk).update(replica=page, scope=scope)
        replication.replica, replication.scope = page, scope
    return page
