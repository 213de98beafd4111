"""The rules of a PKRI cycle as plain functions, in the order a cycle runs.

1. ``prepare_instruments`` copies last cycle's instruments (or installs the labelled examples);
   ``choose_objects`` picks loci and objects by award year and tier.
2. Agencies ``save_answers`` and ``submit`` their self-assessment before the deadline; after
   submission it is locked.
3. The administrator ``assign``s at least two assessors per object, never from the object's
   agency; assessors ``score`` every indicator on its scale.
4. ``evaluate_desk`` totals the desk scores, flags large disagreement for ``moderate`` and
   shortlists objects above the threshold for the interview (scored the same way).
5. ``compute_results`` gives final totals, ranks per group and categories; ``publish`` makes
   them public and updates each assessed innovation's sustainability status, keeping history.

Every refusal is a ``ValidationError`` with an Indonesian message; nothing is half-written.
"""
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from agencies.models import agency_for_user
from innovations.models import InnovationPage, StatusRecord, SustainabilityStatus
from innovations.signals import innovations_changed
from replication.models import IMPLEMENTED_STAGES, Replication

from . import scoring
from .models import (
    Answer,
    AssessmentObject,
    Assignment,
    Cycle,
    Group,
    Indicator,
    Instrument,
    Locus,
    ObjectStatus,
    Score,
    Stage,
)

MIN_ASSESSORS = 2


# --- preparation -------------------------------------------------------------------------------

def prepare_instruments(cycle: Cycle) -> list[Instrument]:
    """Copy each group's instrument from the latest earlier cycle that has one; install the
    example instrument for a group that never had one."""
    from .examples import EXAMPLES

    made = []
    with transaction.atomic():
        for group in Group.values:
            if Instrument.objects.filter(cycle=cycle, group=group).exists():
                continue
            previous = (Instrument.objects.filter(group=group, cycle__year__lt=cycle.year)
                        .order_by("-cycle__year").prefetch_related("indicators").first())
            if previous is not None:
                instrument = Instrument.objects.create(cycle=cycle, group=group, title=previous.title,
                                                       note=previous.note, is_example=previous.is_example)
                indicators = [
                    Indicator(instrument=instrument, sort_order=i.sort_order, aspect=i.aspect, name=i.name, weight=i.weight,
                              scale_min=i.scale_min, scale_max=i.scale_max, descriptors=i.descriptors,
                              evidence_required=i.evidence_required)
                    for i in previous.indicators.all()
                ]
            else:
                example = EXAMPLES[group]
                instrument = Instrument.objects.create(cycle=cycle, group=group, title=example["title"],
                                                       note=example["note"], is_example=True)
                indicators = [
                    Indicator(instrument=instrument, sort_order=n, aspect=aspect, name=name, weight=weight,
                              scale_min=1, scale_max=len(levels), descriptors="\n".join(levels), evidence_required=evidence)
                    for n, (aspect, name, weight, evidence, levels) in enumerate(example["indicators"])
                ]
            Indicator.objects.bulk_create(indicators)
            made.append(instrument)
    return made


def choose_objects(cycle: Cycle, *, years, tiers, innovations=()):
    """Objects for a cycle: innovations awarded in ``years`` at ``tiers`` (or picked one by
    one in ``innovations``) for sustainability, their replications that reached
    implementation for replication, and each locus agency for stewardship. Idempotent."""
    if cycle.is_published:
        raise ValidationError(_("Siklus yang sudah dipublikasikan tidak dapat diubah."))
    chosen = InnovationPage.objects.live().filter(awards__year__in=list(years), awards__tier__slug__in=list(tiers))
    pages = list((chosen | InnovationPage.objects.filter(pk__in=[p.pk for p in innovations])).distinct()
                 .select_related("agency"))
    replications = list(Replication.objects.filter(origin__in=pages, stage__in=IMPLEMENTED_STAGES)
                        .select_related("adopter"))
    created = {group: 0 for group in Group.values}
    with transaction.atomic():
        def locus_of(agency):
            return Locus.objects.get_or_create(cycle=cycle, agency=agency)[0]

        for page in pages:
            _obj, made = AssessmentObject.objects.get_or_create(
                cycle=cycle, group=Group.KEBERLANJUTAN, innovation=page, defaults={"locus": locus_of(page.agency)})
            created[Group.KEBERLANJUTAN] += made
        for replication in replications:
            _obj, made = AssessmentObject.objects.get_or_create(
                cycle=cycle, group=Group.REPLIKASI, replication=replication,
                defaults={"locus": locus_of(replication.adopter), "innovation": None})
            created[Group.REPLIKASI] += made
        for locus in Locus.objects.filter(cycle=cycle):
            _obj, made = AssessmentObject.objects.get_or_create(cycle=cycle, group=Group.PEMBINA, locus=locus)
            created[Group.PEMBINA] += made
    return created


# --- self-assessment ---------------------------------------------------------------------------

def _instrument(obj):
    return Instrument.objects.prefetch_related("indicators").get(cycle=obj.cycle, group=obj.group)


def can_fill(user, obj):
    agency = agency_for_user(user)
    return agency is not None and agency.pk == obj.locus.agency_id


def _check_open(obj, now=None):
    now = now or timezone.now()
    cycle = obj.cycle
    if obj.is_submitted:
        raise ValidationError(_("Asesmen mandiri ini sudah diajukan dan terkunci."))
    if now < cycle.self_assessment_opens:
        raise ValidationError(_("Asesmen mandiri belum dibuka."))
    if now > cycle.self_assessment_closes:
        raise ValidationError(_("Batas waktu asesmen mandiri sudah lewat (%(when)s).")
                              % {"when": timezone.localtime(cycle.self_assessment_closes).strftime("%d-%m-%Y %H:%M")})


def save_answers(user, obj, answers, *, declared_status=None, now=None):
    """Save a draft: ``answers`` maps indicator id -> {"text", "self_score", "evidence"}."""
    if not can_fill(user, obj):
        raise ValidationError(_("Hanya instansi lokus yang dapat mengisi asesmen mandiri ini."))
    _check_open(obj, now)
    indicators = {i.pk: i for i in _instrument(obj).indicators.all()}
    with transaction.atomic():
        for indicator_id, data in answers.items():
            indicator = indicators.get(int(indicator_id))
            if indicator is None:
                raise ValidationError(_("Indikator tidak dikenal untuk objek ini."))
            score = data.get("self_score")
            if score is not None and not indicator.scale_min <= int(score) <= indicator.scale_max:
                raise ValidationError(_("Skor %(score)s di luar skala %(a)s-%(b)s untuk indikator “%(name)s”.") % {
                    "score": score, "a": indicator.scale_min, "b": indicator.scale_max, "name": indicator.name})
            answer, _created = Answer.objects.get_or_create(object=obj, indicator=indicator)
            answer.text = (data.get("text") or "").strip()
            answer.self_score = int(score) if score is not None else None
            if data.get("evidence"):
                answer.evidence = data["evidence"]
            answer.save()
        if declared_status is not None:
            if declared_status not in SustainabilityStatus.values:
                raise ValidationError(_("Status keberlanjutan tidak dikenal."))
            AssessmentObject.objects.filter(pk=obj.pk).update(declared_status=declared_status)
            obj.declared_status = declared_status


def submit(user, obj, *, now=None):
    """Submit: every indicator answered with a score, evidence where required; then locked."""
    if not can_fill(user, obj):
        raise ValidationError(_("Hanya instansi lokus yang dapat mengajukan asesmen mandiri ini."))
    with transaction.atomic():
        obj = AssessmentObject.objects.select_for_update().select_related("cycle").get(pk=obj.pk)
        _check_open(obj, now)
        answers = {a.indicator_id: a for a in obj.answers.all()}
        problems = []
        for indicator in _instrument(obj).indicators.all():
            answer = answers.get(indicator.pk)
            if answer is None or answer.self_score is None:
                problems.append(_("“%(name)s” belum dijawab.") % {"name": indicator.name})
            elif indicator.evidence_required and not answer.evidence:
                problems.append(_("“%(name)s” wajib dilengkapi bukti.") % {"name": indicator.name})
        if obj.group == Group.KEBERLANJUTAN and not obj.declared_status:
            problems.append(_("Pilih status keberlanjutan inovasi saat ini."))
        if problems:
            raise ValidationError(problems)
        obj.status, obj.submitted_at = ObjectStatus.DIAJUKAN, now or timezone.now()
        obj.save(update_fields=["status", "submitted_at"])
    return obj


# --- assessment --------------------------------------------------------------------------------

def assign(obj, assessors, stage=Stage.DESK):
    """Assign assessors to an object: at least two, none acting for the object's agency."""
    assessors = list(dict.fromkeys(assessors))
    existing = set(Assignment.objects.filter(object=obj, stage=stage).values_list("assessor_id", flat=True))
    if len(existing | {a.pk for a in assessors}) < MIN_ASSESSORS:
        raise ValidationError(_("Setiap objek dinilai sedikitnya dua penilai."))
    for assessor in assessors:
        agency = agency_for_user(assessor)
        if agency is not None and agency.pk == obj.locus.agency_id:
            raise ValidationError(_("%(name)s tidak boleh menilai objek instansinya sendiri.")
                                  % {"name": assessor.get_full_name() or assessor.get_username()})
    with transaction.atomic():
        return [Assignment.objects.get_or_create(object=obj, assessor=a, stage=stage)[0] for a in assessors]


def assign_in_turn(cycle, assessors, *, per_object=MIN_ASSESSORS, stage=Stage.DESK):
    """Give every submitted object (for the interview: every shortlisted one) ``per_object``
    assessors from ``assessors`` in turn, skipping those of the object's own agency.
    All or nothing; returns the number of objects assigned."""
    if per_object < MIN_ASSESSORS:
        raise ValidationError(_("Setiap objek dinilai sedikitnya %(n)s penilai.") % {"n": MIN_ASSESSORS})
    objects = AssessmentObject.objects.filter(cycle=cycle, status=ObjectStatus.DIAJUKAN).select_related("locus__agency")
    if stage == Stage.INTERVIEW:
        objects = objects.filter(shortlisted=True)
    agencies = {a.pk: getattr(agency_for_user(a), "pk", None) for a in assessors}
    with transaction.atomic():
        done = 0
        for turn, obj in enumerate(objects):
            eligible = [a for a in assessors if agencies[a.pk] != obj.locus.agency_id]
            if len(eligible) < per_object:
                raise ValidationError(_("Penilai yang bukan dari %(agency)s kurang dari %(n)s.")
                                      % {"agency": obj.locus.agency.name, "n": per_object})
            assign(obj, [eligible[(turn + i) % len(eligible)] for i in range(per_object)], stage=stage)
            done += 1
    return done


def score(user, assignment, scores, *, now=None):
    """An assessor's scores: ``scores`` maps indicator id -> (score, note)."""
    now = now or timezone.now()
    if assignment.assessor_id != user.pk:
        raise ValidationError(_("Penugasan ini milik penilai lain."))
    obj = AssessmentObject.objects.select_related("cycle").get(pk=assignment.object_id)  # fresh: state may have moved
    cycle = obj.cycle
    if cycle.is_published:
        raise ValidationError(_("Hasil siklus ini sudah dipublikasikan; nilai tidak dapat diubah."))
    if not obj.is_submitted:
        raise ValidationError(_("Objek ini belum mengajukan asesmen mandiri."))
    deadline = cycle.desk_closes if assignment.stage == Stage.DESK else cycle.interview_closes
    if now > deadline:
        raise ValidationError(_("Batas waktu penilaian tahap ini sudah lewat."))
    if assignment.stage == Stage.INTERVIEW and not obj.shortlisted:
        raise ValidationError(_("Objek ini tidak diundang presentasi dan wawancara."))
    indicators = {i.pk: i for i in _instrument(obj).indicators.all()}
    with transaction.atomic():
        for indicator_id, (value, note) in scores.items():
            indicator = indicators.get(int(indicator_id))
            if indicator is None:
                raise ValidationError(_("Indikator tidak dikenal untuk objek ini."))
            if value is None or not indicator.scale_min <= int(value) <= indicator.scale_max:
                raise ValidationError(_("Skor untuk “%(name)s” harus di antara %(a)s dan %(b)s.") % {
                    "name": indicator.name, "a": indicator.scale_min, "b": indicator.scale_max})
            Score.objects.update_or_create(assignment=assignment, indicator=indicator,
                                           defaults={"score": int(value), "note": (note or "").strip()})
        done = Score.objects.filter(assignment=assignment).count() == len(indicators)
        Assignment.objects.filter(pk=assignment.pk).update(completed_at=now if done else None)
    return assignment


def visible_scores(user, obj):
    """The scores a user may read on an object: admins all; an assessor their own, and the
    others' only when the cycle does not hide them or the object has been moderated."""
    scores = Score.objects.filter(assignment__object=obj).select_related("assignment", "indicator")
    if user.is_superuser:
        return scores
    if not Assignment.objects.filter(object=obj, assessor=user).exists():
        return scores.none()
    if obj.cycle.hide_other_scores and obj.moderated_at is None:
        return scores.filter(assignment__assessor=user)
    return scores


def _specs(instrument):
    return [scoring.IndicatorSpec(i.pk, i.weight, i.scale_min, i.scale_max) for i in instrument.indicators.all()]


def _stage_scores(obj, stage):
    """(indicator id -> all scores, assessor id -> {indicator id: score}) for one stage."""
    by_indicator, by_assessor = {}, {}
    for assessor_id, indicator_id, value in Score.objects.filter(
        assignment__object=obj, assignment__stage=stage
    ).values_list("assignment__assessor_id", "indicator_id", "score"):
        by_indicator.setdefault(indicator_id, []).append(value)
        by_assessor.setdefault(assessor_id, {})[indicator_id] = value
    return by_indicator, by_assessor


def evaluate_desk(cycle):
    """Desk totals, disagreement flags and the interview shortlist, for submitted objects."""
    instruments = {i.group: i for i in Instrument.objects.filter(cycle=cycle).prefetch_related("indicators")}
    with transaction.atomic():
        for obj in AssessmentObject.objects.filter(cycle=cycle, status=ObjectStatus.DIAJUKAN):
            specs = _specs(instruments[obj.group])
            by_indicator, by_assessor = _stage_scores(obj, Stage.DESK)
            obj.desk_total = scoring.weighted_total(specs, by_indicator)
            spread = scoring.disagreement(scoring.assessor_totals(specs, by_assessor))
            obj.flagged = spread > cycle.disagreement_threshold and obj.moderated_at is None
            obj.shortlisted = obj.desk_total >= cycle.shortlist_threshold
            obj.save(update_fields=["desk_total", "flagged", "shortlisted"])


def moderate(obj, *, note, verified_status=None):
    """The administrator's decision on a flagged object (and, for sustainability, the status
    the assessment establishes)."""
    if not (note or "").strip():
        raise ValidationError(_("Tuliskan keputusan moderasi."))
    if verified_status is not None and verified_status not in SustainabilityStatus.values:
        raise ValidationError(_("Status keberlanjutan tidak dikenal."))
    obj.moderation_note, obj.moderated_at, obj.flagged = note.strip(), timezone.now(), False
    if verified_status:
        obj.verified_status = verified_status
    obj.save(update_fields=["moderation_note", "moderated_at", "flagged", "verified_status"])
    return obj


def compute_results(cycle):
    """Final totals, ranks within each group and result categories."""
    instruments = {i.group: i for i in Instrument.objects.filter(cycle=cycle).prefetch_related("indicators")}
    objects = list(AssessmentObject.objects.filter(cycle=cycle, status=ObjectStatus.DIAJUKAN))
    with transaction.atomic():
        for obj in objects:
            specs = _specs(instruments[obj.group])
            desk = scoring.weighted_total(specs, _stage_scores(obj, Stage.DESK)[0])
            interview = None
            if obj.shortlisted and Score.objects.filter(assignment__object=obj, assignment__stage=Stage.INTERVIEW).exists():
                interview = scoring.weighted_total(specs, _stage_scores(obj, Stage.INTERVIEW)[0])
            obj.desk_total, obj.interview_total = desk, interview
            obj.final_total = scoring.final_total(desk, interview, cycle.interview_weight)
            obj.category = scoring.category(obj.final_total)
        for group in Group.values:
            group_ranks = scoring.ranks({o.pk: o.final_total for o in objects if o.group == group})
            for obj in objects:
                if obj.pk in group_ranks:
                    obj.rank = group_ranks[obj.pk]
        AssessmentObject.objects.bulk_update(objects, ["desk_total", "interview_total", "final_total", "category", "rank"])
    return objects


def publish(cycle, *, now=None):
    """Make the results public and update each assessed innovation's sustainability status
    and last-verified date, recording the change in its status history."""
    if cycle.is_published:
        raise ValidationError(_("Siklus ini sudah dipublikasikan."))
    if AssessmentObject.objects.filter(cycle=cycle, flagged=True).exists():
        raise ValidationError(_("Masih ada objek dengan perbedaan nilai besar yang belum dimoderasi."))
    now = now or timezone.now()
    with transaction.atomic():
        compute_results(cycle)
        day = timezone.localtime(now).date()
        for obj in AssessmentObject.objects.filter(cycle=cycle, group=Group.KEBERLANJUTAN, status=ObjectStatus.DIAJUKAN,
                                                   innovation__isnull=False):
            status = obj.verified_status or obj.declared_status
            if not status:
                continue
            InnovationPage.objects.filter(pk=obj.innovation_id).update(sustainability_status=status, last_verified=day)
            StatusRecord.objects.create(innovation_id=obj.innovation_id, status=status, verified_on=day,
                                        source=StatusRecord.Source.PKRI, label=cycle.name)
        Cycle.objects.filter(pk=cycle.pk).update(published_at=now)
        cycle.published_at = now
        ids = list(AssessmentObject.objects.filter(cycle=cycle, innovation__isnull=False).values_list("innovation_id", flat=True))
        # status and last-verified feed search facets and sorting
        innovations_changed.send(sender=Cycle, ids=ids)
    return cycle
