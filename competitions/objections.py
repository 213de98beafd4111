"""Uji publik: the nominees are published for a public objection period (dates per edition);
anyone may object with their name, contact and evidence; the organiser moderates each objection
and records its outcome and, where upheld, the consequence (e.g. the nominee is dropped).

The objector's name and contact are private: no public page, feed, download or API shows them;
only ``moderation_queue`` (the organiser's page) reads them.
"""
import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import page_cache

from . import finals, roles, rules
from .models import Action, Objection, Proposal, Status

MIN_EVIDENCE_CHARS = 30


def window(edition):
    """(first day, last day) of the objection period, or None when the edition has none: it
    runs from the day after the previous stage ends to ``objection_closes_on`` (in WIB)."""
    if edition.objection_closes_on is None:
        return None
    before = edition.verification_closes_on or edition.presentation_closes_on or edition.shortlist_announce_on
    return before + datetime.timedelta(days=1), edition.objection_closes_on


def is_open(edition, today=None):
    from .models import Decree

    period = window(edition)
    if period is None or not edition.is_announced:
        return False
    today = today or timezone.localdate()
    return period[0] <= today <= period[1] and not Decree.objects.filter(edition=edition).exists()


def nominees(edition):
    return (Proposal.objects.filter(edition=edition, status__in=(Status.TOP, Status.FINALIS))
            .select_related("agency", "category").order_by("title"))


def file_objection(edition, proposal, *, name, contact, evidence_text, evidence_file=None, evidence_url="",
                   today=None):
    if not is_open(edition, today):
        raise ValidationError(_("Masa uji publik edisi ini tidak sedang dibuka."))
    if proposal.edition_id != edition.pk or proposal.status not in (Status.TOP, Status.FINALIS):
        raise ValidationError(_("Pilih nominee yang sedang diuji publik."))
    name, contact, text = (name or "").strip(), (contact or "").strip(), (evidence_text or "").strip()
    if not name or not contact:
        raise ValidationError(_("Isi nama dan kontak Anda (tidak dipublikasikan)."))
    if len(text) < MIN_EVIDENCE_CHARS:
        raise ValidationError(_("Uraikan keberatan dan buktinya sedikitnya %(n)s karakter.") % {"n": MIN_EVIDENCE_CHARS})
    objection = Objection.objects.create(edition=edition, proposal=proposal, name=name[:150], contact=contact[:200],
                                         evidence_text=text[:5000], evidence_file=evidence_file or "",
                                         evidence_url=(evidence_url or "").strip())
    page_cache.bump()  # the edition page's public tally
    return objection


def moderation_queue(edition):
    return Objection.objects.filter(edition=edition).select_related("proposal__agency").order_by(
        "outcome", "created_at", "pk")


def pending(edition):
    return Objection.objects.filter(edition=edition, outcome=Objection.Outcome.MENUNGGU)


def decide(user, objection, *, outcome, note, consequence=""):
    """Record the outcome (once); an upheld objection needs its consequence, and "digugurkan"
    drops the nominee in the same transaction."""
    objection = Objection.objects.select_related("edition__hub", "proposal").get(pk=objection.pk)
    edition = objection.edition
    if not roles.is_organiser(user, edition):
        raise ValidationError(_("Hanya penyelenggara yang memutuskan keberatan."))
    if outcome not in (Objection.Outcome.DITERIMA, Objection.Outcome.DITOLAK, Objection.Outcome.SPAM):
        raise ValidationError(_("Pilih hasil keberatan."))
    note = (note or "").strip()
    if not note:
        raise ValidationError(_("Tuliskan pertimbangan keputusan."))
    if outcome == Objection.Outcome.DITERIMA and consequence not in (Objection.Consequence.DIGUGURKAN,
                                                                     Objection.Consequence.CATATAN):
        raise ValidationError(_("Keberatan yang diterima memerlukan konsekuensi."))
    if outcome != Objection.Outcome.DITERIMA:
        consequence = ""
    with transaction.atomic():
        updated = Objection.objects.filter(pk=objection.pk, outcome=Objection.Outcome.MENUNGGU).update(
            outcome=outcome, consequence=consequence, outcome_note=note[:5000], decided_by=user,
            decided_at=timezone.now())
        if not updated:
            raise ValidationError(_("Keberatan ini sudah diputuskan."))
        if outcome != Objection.Outcome.SPAM:
            label = dict(Objection.Outcome.choices)[outcome]
            if consequence:
                label = f"{label}; {dict(Objection.Consequence.choices)[consequence]}"
            rules.record(objection.proposal, Action.KEBERATAN, user, f"{label}. {note}")
        page_cache.bump()
        if consequence == Objection.Consequence.DIGUGURKAN:
            finals.drop(user, objection.proposal, _("Keberatan publik terbukti: %(note)s") % {"note": note})
    objection.refresh_from_db()
    return objection


def public_summary(edition):
    """What the public sees of the objections: counts per outcome, never names or contacts."""
    from django.db.models import Count

    return dict(Objection.objects.filter(edition=edition).exclude(outcome=Objection.Outcome.SPAM)
                .values_list("outcome").annotate(n=Count("pk")).values_list("outcome", "n"))
