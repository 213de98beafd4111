"""Who screens for UNPSA, and how a nomination and its result are recorded.

Screening and nominating are KemenPANRB's work: national administrators (superusers) and the
national secretariat (``competitions.roles.SECRETARIAT_GROUP``, the ministry's staff who run
KIPP's administrative selection). Hub coordinators, agencies, evaluators and visitors are
refused: a nomination in preparation is not public.
"""
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from competitions.roles import SECRETARIAT_GROUP
from innovations.models import AwardTier, InnovationAward
from innovations.signals import innovations_changed

from .models import RESULT_TIERS, Nomination


def can_screen(user):
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return user.groups.filter(name=SECRETARIAT_GROUP).exists()


def _sync_award(nomination):
    """Make the catalogue's award records say what the nomination's result says: an awarded
    result has exactly one UNPSA award of its tier and year on the innovation (the one already
    there, else a new one carrying the UN category as its note); a result that is not an award
    removes the award this nomination wrote (never one it found). Returns whether the
    catalogue changed."""
    year = nomination.cycle.year
    wanted = RESULT_TIERS.get(nomination.result)
    changed = False
    current = nomination.award
    if current is not None and (wanted is None or current.tier.slug != wanted or current.year != year):
        if nomination.award_written:
            current.delete()
            changed = True
        nomination.award, nomination.award_written = None, False
    if wanted is not None and nomination.award is None:
        unpsa_that_year = InnovationAward.objects.filter(
            innovation_id=nomination.innovation_id, year=year, tier__programme="unpsa",
        ).select_related("tier")
        existing = [a for a in unpsa_that_year if a.tier.slug == wanted]
        other = [a for a in unpsa_that_year if a.tier.slug != wanted and not hasattr(a, "unpsa_nomination")]
        if other and not existing:
            raise ValidationError({"result": _(
                "Katalog sudah mencatat %(award)s untuk inovasi ini. Perbaiki riwayat penghargaannya di "
                "halaman inovasi dulu agar tidak ada dua hasil UNPSA pada tahun yang sama."
            ) % {"award": f"{other[0].tier.name} {year}"}})
        if existing:
            nomination.award, nomination.award_written = existing[0], False
        else:
            nomination.award = InnovationAward.objects.create(
                innovation_id=nomination.innovation_id, tier=AwardTier.objects.get(slug=wanted), year=year,
                note=nomination.category.name[:255], sort_order=0,
            )
            nomination.award_written = True
            changed = True
    return changed


def record_nomination(user, nomination):
    """Save ``nomination`` (new or edited, already validated by its form) and bring the
    catalogue in line with its result, together or not at all."""
    if not can_screen(user):
        raise PermissionError(_("Hanya admin nasional dan sekretariat KemenPANRB yang menominasikan inovasi ke UNPSA."))
    nomination.full_clean()
    with transaction.atomic():
        if nomination.pk is None:
            nomination.created_by = user
        else:
            # the award as stored, not as a stale form instance saw it
            stored = Nomination.objects.select_for_update().get(pk=nomination.pk)
            nomination.award_id, nomination.award_written = stored.award_id, stored.award_written
        changed = _sync_award(nomination)
        nomination.save()
        if changed:
            innovations_changed.send(sender=Nomination, ids=[nomination.innovation_id])
    return nomination
