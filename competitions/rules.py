"""The rules of a competition edition as plain functions, in the order an edition runs.

1. ``prepare_instruments`` copies each group's instrument from the previous edition (or
   installs the 2023 Kelompok Umum example); ``copy_edition`` starts a new edition from an old.
2. Agencies ``create_proposal`` and ``save_draft`` (operators and the Admin Lokal); the Admin
   Lokal ``submit``s, which runs ``administrative_problems`` and locks the proposal. The
   secretariat may ``return_for_fix`` before the window closes, and ``decide_administration``.
3. The organiser ``assign``s evaluators (at least ``edition.min_evaluators``, never of the
   proposal's agency or with a declared conflict); evaluators ``score``; ``evaluate`` totals
   exactly and flags disagreement, resolved by a third evaluator or ``moderate``.
4. ``ranking`` orders each group with the figures the organiser balances by; ``fix_shortlist``
   records the organiser's list (departures from the ranking need a reason); ``announce``
   publishes it and mails every participating agency its own result, once.

Every refusal is a ``ValidationError`` with an Indonesian message; nothing is half-written;
every decision is a ``ProposalStep``.
"""
import datetime
from collections import Counter

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q, Window
from django.db.models.functions import Rank
from django.utils import timezone
from django.utils.translation import gettext as _

from agencies.models import Agency, agency_for_user
from hubs.membership import hub_of_agency
from innovations.models import InnovationAward
from pkri import scoring

from . import roles
from .mail import notify_step
from .models import (
    Action,
    Aspect,
    AspectText,
    Assignment,
    AwardPlace,
    Conflict,
    Edition,
    EditionGroup,
    Group,
    Instrument,
    Invitation,
    Proposal,
    ProposalStep,
    Score,
    Status,
    normalise_title,
)

SUBMITTED = (Status.DIAJUKAN, Status.LOLOS_ADMINISTRASI, Status.TOP, Status.TIDAK_TOP, Status.FINALIS, Status.PEMENANG,
             Status.GUGUR)
PASSED = (Status.LOLOS_ADMINISTRASI, Status.TOP, Status.TIDAK_TOP, Status.FINALIS, Status.PEMENANG, Status.GUGUR)
TOP_99 = "top-99"


def _who(user):
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def record(proposal, action, user=None, note="", *, visible_to_agency=True, at=None):
    return ProposalStep.objects.create(proposal=proposal, action=action, actor=user, actor_name=_who(user),
                                       note=(note or "").strip(), visible_to_agency=visible_to_agency,
                                       created_at=at or timezone.now())


def zone_label(zone_name):
    return {"Asia/Jakarta": "WIB", "Asia/Makassar": "WITA", "Asia/Jayapura": "WIT"}.get(zone_name, zone_name)


def deadline_text(edition, agency):
    _opens, closes = edition.window_for(agency)
    return f"{closes:%d-%m-%Y %H.%M} {zone_label(edition.time_zone_for(agency))}"


# --- preparation -------------------------------------------------------------------------------

def prepare_instruments(edition):
    """Each opened group gets the instrument of the latest earlier edition for that group (the
    same organiser first), else the 2023 Kelompok Umum example. Idempotent."""
    from .examples import EXAMPLES

    made = []
    with transaction.atomic():
        for config in edition.groups.all():
            group = config.group
            if Instrument.objects.filter(edition=edition, group=group).exists():
                continue
            earlier = (Instrument.objects.filter(group=group, edition__year__lte=edition.year)
                       .exclude(edition=edition).prefetch_related("aspects"))
            previous = (earlier.filter(edition__hub=edition.hub_id).order_by("-edition__year", "-pk").first()
                        or earlier.order_by("-edition__year", "-pk").first())
            if previous is not None:
                instrument = Instrument.objects.create(
                    edition=edition, group=group, title=previous.title, scale_min=previous.scale_min,
                    scale_max=previous.scale_max, is_example=previous.is_example)
                aspects = [Aspect(instrument=instrument, sort_order=a.sort_order, name=a.name, weight=a.weight,
                                  word_limit=a.word_limit, guidance=a.guidance, evidence=a.evidence)
                           for a in previous.aspects.all()]
            else:
                example = EXAMPLES["umum"]
                instrument = Instrument.objects.create(edition=edition, group=group, title=example["title"],
                                                       is_example=True)
                aspects = [Aspect(instrument=instrument, sort_order=n, name=name, weight=weight, word_limit=limit,
                                  guidance=guidance, evidence=evidence)
                           for n, (name, weight, limit, guidance, evidence) in enumerate(example["aspects"])]
            Aspect.objects.bulk_create(aspects)
            made.append(instrument)
    return made


def _shift(day, years):
    if day is None:
        return None
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def copy_edition(previous, *, name, slug, year):
    """A new edition configured like ``previous``: groups, categories, award places, 3T list,
    instruments, and the stage dates moved by the difference in years."""
    years = year - previous.year
    dates = {field: _shift(getattr(previous, field), years) for field in (
        "registration_opens_on", "registration_closes_on", "admin_selection_closes_on", "evaluation_closes_on",
        "shortlist_announce_on", "presentation_closes_on", "verification_closes_on", "objection_closes_on", "decree_on")}
    with transaction.atomic():
        edition = Edition.objects.create(
            name=name, slug=slug, year=year, hub=previous.hub, legal_basis=previous.legal_basis, theme="",
            rules_text=previous.rules_text, closing_time=previous.closing_time, min_evaluators=previous.min_evaluators,
            disagreement_threshold=previous.disagreement_threshold, min_aspect_words=previous.min_aspect_words, **dates)
        edition.categories.set(previous.categories.all())
        edition.disadvantaged_regencies.set(previous.disadvantaged_regencies.all())
        edition.save()
        EditionGroup.objects.bulk_create([
            EditionGroup(edition=edition, group=g.group, cap_per_agency=g.cap_per_agency,
                         min_implementation_years=g.min_implementation_years, shortlist_size=g.shortlist_size,
                         by_invitation=g.by_invitation) for g in previous.groups.all()])
        AwardPlace.objects.bulk_create([
            AwardPlace(edition=edition, group=p.group, tier_id=p.tier_id, places=p.places)
            for p in previous.award_places.all()])
        prepare_instruments(edition)
    return edition


def instrument_for(edition, group):
    try:
        return Instrument.objects.prefetch_related("aspects").get(edition=edition, group=group)
    except Instrument.DoesNotExist:
        raise ValidationError(_("Instrumen %(group)s untuk edisi ini belum disiapkan penyelenggara.")
                              % {"group": Group(group).label}) from None


# --- entering ----------------------------------------------------------------------------------

def admits(edition, agency):
    """A hub's competition admits only the agencies of its region; KIPP admits every agency."""
    if not agency.is_active:
        return False
    if edition.hub_id is None:
        return True
    hub = hub_of_agency(agency)
    return hub is not None and hub.pk == edition.hub_id


def _check_agency(edition, agency, group):
    if not admits(edition, agency):
        raise ValidationError(_("%(agency)s tidak termasuk wilayah %(hub)s, penyelenggara kompetisi ini.")
                              % {"agency": agency.name, "hub": edition.organiser_name})
    config = edition.group_config(group)
    if config is None:
        raise ValidationError(_("Edisi ini tidak membuka %(group)s.") % {"group": Group(group).label})
    if config.by_invitation and not Invitation.objects.filter(edition=edition, group=group, agency=agency).exists():
        raise ValidationError(_("%(group)s hanya untuk instansi yang diundang Menteri.") % {"group": Group(group).label})
    return config


def window_open(edition, agency, now=None):
    now = now or timezone.now()
    opens, closes = edition.window_for(agency)
    return opens <= now <= closes


def _check_window(edition, agency, now):
    opens, closes = edition.window_for(agency)
    zone = zone_label(edition.time_zone_for(agency))
    if now < opens:
        raise ValidationError(_("Pendaftaran belum dibuka: dibuka %(when)s %(zone)s.")
                              % {"when": f"{opens:%d-%m-%Y %H.%M}", "zone": zone})
    if now > closes:
        raise ValidationError(_("Pendaftaran sudah ditutup pada %(when)s %(zone)s (waktu setempat instansi).")
                              % {"when": f"{closes:%d-%m-%Y %H.%M}", "zone": zone})


def create_proposal(user, edition, *, group, title, innovation=None, now=None):
    """A new draft of the user's agency; from ``innovation`` its fields are prefilled."""
    now = now or timezone.now()
    agency = agency_for_user(user)
    if agency is None:
        raise ValidationError(_("Akun Anda tidak terhubung dengan instansi mana pun."))
    _check_agency(edition, agency, group)
    _check_window(edition, agency, now)
    title = (title or "").strip() or (innovation.title if innovation else "")
    if not normalise_title(title):
        raise ValidationError(_("Isi judul inovasi."))
    if innovation is not None and innovation.agency_id != agency.pk:
        raise ValidationError(_("Hanya inovasi milik instansi Anda yang dapat diajukan."))
    instrument = instrument_for(edition, group)
    try:
        with transaction.atomic():
            proposal = Proposal.objects.create(edition=edition, agency=agency, group=group, title=title[:255],
                                               innovation=innovation, created_by=user)
            if innovation is not None:
                _prefill(proposal, innovation, instrument)
            record(proposal, Action.DIBUAT, user, at=now)
    except IntegrityError:
        raise ValidationError(_("Judul “%(title)s” sudah dipakai proposal lain di edisi ini. Gunakan judul yang "
                                "mencerminkan isi inovasi Anda.") % {"title": title}) from None
    return proposal


def _prefill(proposal, page, instrument):
    from django.utils.html import strip_tags

    from innovations.models import Category

    proposal.category = Category.objects.filter(pk__in=[c.pk for c in page.categories.all()],
                                                competition_editions=proposal.edition).first()
    proposal.service_unit_id = page.service_unit_id
    proposal.video_url = page.video_url or ""
    proposal.contact_email = page.contact_email or ""
    proposal.contact_phone = page.contact_phone or ""
    proposal.contact_name = page.innovator_name or ""
    if page.year_started:
        proposal.implementation_start = datetime.date(page.year_started, 1, 1)
    proposal.save()
    proposal.sdgs.set(page.sdgs.all())
    sources = {"ringkasan": page.summary, "latar belakang": getattr(page, "background", "")}
    texts = []
    for aspect in instrument.aspects.all():
        for key, value in sources.items():
            if aspect.name.lower().startswith(key) and value:
                texts.append(AspectText(proposal=proposal, aspect=aspect, text=strip_tags(value).strip()))
    AspectText.objects.bulk_create(texts)


DRAFT_FIELDS = ("title", "category", "implementation_start", "video_url", "service_unit", "contact_name",
                "contact_email", "contact_phone")


def save_draft(user, proposal, *, fields=None, texts=None, sdgs=None, sk_document=None, now=None):
    """Save what the agency typed (also the autosave): ``fields`` among ``DRAFT_FIELDS``,
    ``texts`` {aspect id: text}, ``sdgs`` a list of SDGs. Only its agency, only while editable."""
    now = now or timezone.now()
    with transaction.atomic():
        proposal = Proposal.objects.select_for_update(of=("self",)).select_related("edition", "agency").get(pk=proposal.pk)
        if not roles.can_edit_proposal(user, proposal):
            if agency_for_user(user) is None or agency_for_user(user).pk != proposal.agency_id:
                raise ValidationError(_("Proposal ini milik instansi lain."))
            raise ValidationError(_("Proposal ini sudah diajukan dan terkunci."))
        _check_window(proposal.edition, proposal.agency, now)
        fields = dict(fields or {})
        unknown = set(fields) - set(DRAFT_FIELDS)
        if unknown:
            raise ValidationError(_("Isian tidak dikenal: %(names)s.") % {"names": ", ".join(sorted(unknown))})
        if "title" in fields and not normalise_title(fields["title"]):
            raise ValidationError(_("Isi judul inovasi."))
        category = fields.get("category")
        if category is not None and not proposal.edition.categories.filter(pk=category.pk).exists():
            raise ValidationError(_("Kategori “%(name)s” tidak dibuka pada edisi ini.") % {"name": category.name})
        unit = fields.get("service_unit")
        if unit is not None and unit.agency_id != proposal.agency_id:
            raise ValidationError(_("Unit pelayanan harus milik instansi Anda."))
        for name, value in fields.items():
            setattr(proposal, name, value.strip() if isinstance(value, str) else value)
        if sk_document:
            proposal.sk_document = sk_document
        try:
            with transaction.atomic():
                proposal.save()
        except IntegrityError:
            raise ValidationError(_("Judul “%(title)s” sudah dipakai proposal lain di edisi ini.")
                                  % {"title": proposal.title}) from None
        if sdgs is not None:
            proposal.sdgs.set(sdgs)
        if texts:
            aspects = {a.pk: a for a in instrument_for(proposal.edition, proposal.group).aspects.all()}
            for aspect_id, text in texts.items():
                aspect = aspects.get(int(aspect_id))
                if aspect is None:
                    raise ValidationError(_("Aspek tidak dikenal untuk proposal ini."))
                AspectText.objects.update_or_create(proposal=proposal, aspect=aspect,
                                                    defaults={"text": (text or "").strip()[:20000]})
    return proposal


def words(text):
    return len((text or "").split())


def _same(a, b):
    return " ".join(a.lower().split()) == " ".join(b.lower().split())


def text_problems(edition, aspects, texts):
    """The aspect texts' problems ({aspect id: text}): empty, far below the minimum, over the
    word limit, or the same text as another aspect."""
    problems, seen = [], []
    for aspect in aspects:
        text = texts.get(aspect.pk, "").strip()
        count = words(text)
        minimum = min(edition.min_aspect_words, aspect.word_limit or edition.min_aspect_words)
        if not text:
            problems.append(_("Aspek “%(name)s” belum diisi.") % {"name": aspect.name})
            continue
        if count < minimum:
            problems.append(_("Aspek “%(name)s” terlalu singkat: %(n)s kata, sedikitnya %(min)s kata.")
                            % {"name": aspect.name, "n": count, "min": minimum})
        if aspect.word_limit and count > aspect.word_limit:
            problems.append(_("Aspek “%(name)s” melebihi batas: %(n)s dari %(max)s kata.")
                            % {"name": aspect.name, "n": count, "max": aspect.word_limit})
        twin = next((other for other, other_text in seen if _same(other_text, text)), None)
        if twin is not None:
            problems.append(_("Isian aspek “%(name)s” sama dengan aspek “%(other)s”; setiap aspek harus dijawab "
                              "tersendiri.") % {"name": aspect.name, "other": twin.name})
        seen.append((aspect, text))
    return problems


def administrative_problems(proposal, now=None, *, check_window=True, check_cap=True):
    """Every administrative check, each with its Indonesian reason (empty list: all pass)."""
    now = now or timezone.now()
    edition, agency = proposal.edition, proposal.agency
    problems = []
    try:
        config = _check_agency(edition, agency, proposal.group)
    except ValidationError as error:
        return list(error.messages)
    if check_window:
        try:
            _check_window(edition, agency, now)
        except ValidationError as error:
            problems.extend(error.messages)
    if check_cap:
        others = Proposal.objects.filter(edition=edition, agency=agency, group=proposal.group,
                                         status__in=SUBMITTED).exclude(pk=proposal.pk).count()
        if others >= config.cap_per_agency:
            problems.append(_("Batas %(n)s proposal %(group)s per instansi sudah tercapai.")
                            % {"n": config.cap_per_agency, "group": Group(proposal.group).label})
    if proposal.category_id is None:
        problems.append(_("Pilih kategori."))
    if proposal.implementation_start is None:
        problems.append(_("Isi tanggal mulai inovasi diterapkan."))
    else:
        needed = _shift(edition.registration_closes_on, -config.min_implementation_years)
        if proposal.implementation_start > needed:
            problems.append(_("Inovasi %(group)s harus sudah diterapkan sedikitnya %(n)s tahun (mulai paling "
                              "lambat %(day)s); tercatat mulai %(start)s.") % {
                "group": Group(proposal.group).label, "n": config.min_implementation_years,
                "day": needed.strftime("%d-%m-%Y"), "start": proposal.implementation_start.strftime("%d-%m-%Y")})
    if not proposal.sdgs.exists():
        problems.append(_("Pilih sedikitnya satu SDG yang didukung inovasi."))
    if not proposal.sk_document:
        problems.append(_("Lampirkan SK inisiator inovasi dari pejabat yang berwenang."))
    texts = {t.aspect_id: t.text for t in proposal.texts.all()}
    aspects = list(instrument_for(edition, proposal.group).aspects.all())
    problems.extend(text_problems(edition, aspects, texts))
    for aspect in aspects:
        if aspect.needs_evidence and not any(e.aspect_id == aspect.pk for e in proposal.evidence.all()):
            problems.append(_("Aspek “%(name)s” memerlukan data dukung: %(what)s.")
                            % {"name": aspect.name, "what": aspect.evidence})
    if Proposal.objects.filter(edition=edition, title_key=proposal.title_key).exclude(pk=proposal.pk).exists():
        problems.append(_("Judul sudah dipakai proposal lain di edisi ini."))
    if proposal.group == Group.UMUM:
        problems.extend(_umum_history_problems(proposal))
    return problems


def _past_awards(proposal):
    """Award records of the innovation the proposal is (linked, or same agency and title)."""
    innovations = Q(innovation__agency_id=proposal.agency_id) & Q(innovation__title__iexact=proposal.title.strip())
    if proposal.innovation_id:
        innovations |= Q(innovation_id=proposal.innovation_id)
    return InnovationAward.objects.filter(innovations, tier__programme="kipp", year__lt=proposal.edition.year) \
        .select_related("tier")


def _umum_history_problems(proposal):
    awards = list(_past_awards(proposal))
    problems = []
    top = [a for a in awards if a.tier.slug != TOP_99]
    if top:
        problems.append(_("Inovasi ini sudah meraih %(tier)s (%(year)s); Kelompok Umum hanya untuk inovasi yang "
                          "belum pernah meraih penghargaan utama.") % {"tier": top[0].tier.name, "year": top[0].year})
    top99 = sorted({a.year for a in awards if a.tier.slug == TOP_99})
    if len(top99) >= 2:
        problems.append(_("Inovasi ini sudah dua kali masuk Top 99 (%(years)s) dan tidak dapat diajukan lagi di "
                          "Kelompok Umum.") % {"years": ", ".join(map(str, top99))})
    return problems


def submit(user, proposal, *, now=None):
    """The Admin Lokal submits: every check passes inside one transaction that holds the
    agency's lock (so two submits cannot both squeeze under the cap) and reads the clock after
    the lock (so a submit racing the close is judged at the moment it commits)."""
    with transaction.atomic():
        Agency.objects.select_for_update().get(pk=proposal.agency_id)
        proposal = Proposal.objects.select_for_update(of=("self",)).select_related("edition__hub", "agency").get(pk=proposal.pk)
        if agency_for_user(user) is None or agency_for_user(user).pk != proposal.agency_id:
            raise ValidationError(_("Proposal ini milik instansi lain."))
        if not roles.is_admin_lokal(user):
            raise ValidationError(_("Hanya Admin Lokal instansi yang dapat mengajukan proposal."))
        if not proposal.is_editable:
            raise ValidationError(_("Proposal ini sudah diajukan."))
        now = now or timezone.now()
        problems = administrative_problems(proposal, now)
        if problems:
            raise ValidationError(problems)
        proposal.status, proposal.submitted_at = Status.DIAJUKAN, now
        proposal.save(update_fields=["status", "submitted_at", "updated_at"])
        notify_step(proposal, record(proposal, Action.DIAJUKAN, user, at=now))
    return proposal


def return_for_fix(user, proposal, reason, *, now=None):
    now = now or timezone.now()
    if not roles.is_secretariat(user, proposal.edition):
        raise ValidationError(_("Hanya sekretariat yang dapat mengembalikan proposal."))
    if not (reason or "").strip():
        raise ValidationError(_("Tuliskan apa yang perlu diperbaiki."))
    with transaction.atomic():
        proposal = Proposal.objects.select_for_update(of=("self",)).select_related("edition", "agency").get(pk=proposal.pk)
        if proposal.status != Status.DIAJUKAN:
            raise ValidationError(_("Hanya proposal yang sudah diajukan dan belum diputuskan yang dapat dikembalikan."))
        if not window_open(proposal.edition, proposal.agency, now):
            raise ValidationError(_("Pendaftaran sudah ditutup; proposal tidak dapat dikembalikan untuk perbaikan."))
        proposal.status = Status.DIKEMBALIKAN
        proposal.save(update_fields=["status", "updated_at"])
        notify_step(proposal, record(proposal, Action.DIKEMBALIKAN, user, reason, at=now))
    return proposal


def decide_administration(user, proposal, *, passed, reason="", now=None):
    """The secretariat passes or fails a submitted proposal; failing needs a reason."""
    if not roles.is_secretariat(user, proposal.edition):
        raise ValidationError(_("Hanya sekretariat yang memutuskan seleksi administrasi."))
    if not passed and not (reason or "").strip():
        raise ValidationError(_("Tuliskan alasan proposal tidak lolos."))
    with transaction.atomic():
        proposal = Proposal.objects.select_for_update(of=("self",)).select_related("edition", "agency").get(pk=proposal.pk)
        if proposal.status != Status.DIAJUKAN:
            raise ValidationError(_("Proposal ini tidak menunggu seleksi administrasi."))
        proposal.status = Status.LOLOS_ADMINISTRASI if passed else Status.TIDAK_LOLOS_ADMINISTRASI
        proposal.save(update_fields=["status", "updated_at"])
        notify_step(proposal, record(proposal, Action.LOLOS if passed else Action.TIDAK_LOLOS, user, reason, at=now))
    return proposal


# --- evaluation --------------------------------------------------------------------------------

def conflicted(evaluator, agency_id):
    own = agency_for_user(evaluator)
    if own is not None and own.pk == agency_id:
        return _("%(name)s tidak boleh menilai proposal instansinya sendiri.")
    if Conflict.objects.filter(evaluator=evaluator, agency_id=agency_id).exists():
        return _("%(name)s menyatakan konflik kepentingan dengan instansi ini.")
    return None


def check_deadline(edition, deadline, today=None):
    """An assignment's own deadline (None: the edition's ``evaluation_closes_on``) must not be
    past, nor after the Top 99 is due to be announced."""
    if deadline is None:
        return None
    today = today or timezone.localdate()
    if deadline < today:
        raise ValidationError(_("Batas penilaian %(day)s sudah lewat.") % {"day": deadline.strftime("%d-%m-%Y")})
    if deadline > edition.shortlist_announce_on:
        raise ValidationError(_("Batas penilaian harus sebelum pengumuman Top 99 (%(day)s).")
                              % {"day": edition.shortlist_announce_on.strftime("%d-%m-%Y")})
    return deadline


def _due_note(evaluator, deadline):
    if deadline is None:
        return _who(evaluator)
    return _("%(name)s, batas %(day)s") % {"name": _who(evaluator), "day": deadline.strftime("%d-%m-%Y")}


def assign(user, proposal, evaluators, *, tiebreak=False, deadline=None):
    """Assign evaluators to a proposal that passed administration: in total at least
    ``min_evaluators`` (a third, ``tiebreak``, may be added to a flagged proposal). ``deadline``
    is the assignments' own (None: the edition's date for proposal evaluation)."""
    proposal = Proposal.objects.select_related("edition__hub").get(pk=proposal.pk)  # its state may have moved
    edition = proposal.edition
    if not roles.is_organiser(user, edition):
        raise ValidationError(_("Hanya penyelenggara yang menugaskan penilai."))
    check_deadline(edition, deadline)
    if proposal.status not in PASSED:
        raise ValidationError(_("Hanya proposal yang lolos seleksi administrasi yang dinilai."))
    evaluators = list(dict.fromkeys(evaluators))
    existing = set(Assignment.objects.filter(proposal=proposal).values_list("evaluator_id", flat=True))
    if len(existing | {e.pk for e in evaluators}) < edition.min_evaluators:
        raise ValidationError(_("Setiap proposal dinilai sedikitnya %(n)s penilai.") % {"n": edition.min_evaluators})
    for evaluator in evaluators:
        problem = conflicted(evaluator, proposal.agency_id)
        if problem:
            raise ValidationError(problem % {"name": _who(evaluator)})
    with transaction.atomic():
        made = []
        for evaluator in evaluators:
            assignment, created = Assignment.objects.get_or_create(
                proposal=proposal, evaluator=evaluator, defaults={"is_tiebreak": tiebreak, "deadline": deadline})
            if created:
                made.append(assignment)
                record(proposal, Action.DITUGASKAN, user, _due_note(evaluator, deadline), visible_to_agency=False)
        if tiebreak and not made:
            raise ValidationError(_("Penilai itu sudah menilai proposal ini; pilih penilai lain sebagai penilai ketiga."))
    return made


def assign_in_turn(user, edition, evaluators, *, per_proposal=None, deadline=None):
    """Every passed proposal without evaluators gets ``per_proposal`` of ``evaluators`` in turn,
    skipping those of its own agency or with a declared conflict, each due by ``deadline`` (None:
    the edition's date). All or nothing."""
    if not roles.is_organiser(user, edition):
        raise ValidationError(_("Hanya penyelenggara yang menugaskan penilai."))
    check_deadline(edition, deadline)
    per_proposal = per_proposal or edition.min_evaluators
    if per_proposal < edition.min_evaluators:
        raise ValidationError(_("Setiap proposal dinilai sedikitnya %(n)s penilai.") % {"n": edition.min_evaluators})
    evaluators = list(dict.fromkeys(evaluators))
    own = {e.pk: getattr(agency_for_user(e), "pk", None) for e in evaluators}
    conflicts = set(Conflict.objects.filter(evaluator__in=evaluators).values_list("evaluator_id", "agency_id"))
    proposals = list(Proposal.objects.filter(edition=edition, status=Status.LOLOS_ADMINISTRASI)
                     .annotate(n=Count("assignments")).filter(n=0).select_related("agency").order_by("pk"))
    load = Counter(dict(Assignment.objects.filter(proposal__edition=edition, evaluator__in=evaluators)
                        .values_list("evaluator_id").annotate(n=Count("pk")).values_list("evaluator_id", "n")))
    assignments, steps, now = [], [], timezone.now()
    for proposal in proposals:
        eligible = [e for e in evaluators if own[e.pk] != proposal.agency_id and (e.pk, proposal.agency_id) not in conflicts]
        if len(eligible) < per_proposal:
            raise ValidationError(_("Penilai yang bukan dari %(agency)s dan tanpa konflik kepentingan kurang dari %(n)s.")
                                  % {"agency": proposal.agency.name, "n": per_proposal})
        eligible.sort(key=lambda e: (load[e.pk], e.pk))  # the least loaded first: turns stay even
        for evaluator in eligible[:per_proposal]:
            load[evaluator.pk] += 1
            assignments.append(Assignment(proposal=proposal, evaluator=evaluator, deadline=deadline))
            steps.append(ProposalStep(proposal=proposal, action=Action.DITUGASKAN, actor=user, actor_name=_who(user),
                                      note=_due_note(evaluator, deadline), visible_to_agency=False, created_at=now))
    with transaction.atomic():
        Assignment.objects.bulk_create(assignments)
        ProposalStep.objects.bulk_create(steps)
    return len(proposals)


def declare_conflict(user, assignment, note):
    """An evaluator declares a conflict of interest with the proposal's agency: the conflict is
    recorded (so no later assignment picks them for that agency), their unfinished assignment
    and its draft scores go, and the least loaded eligible evaluator of the edition takes the
    place in turn. Returns the replacement, or None when no one is eligible (the organiser's page
    then shows the proposal short of evaluators)."""
    note = (note or "").strip()
    if not note:
        raise ValidationError(_("Tuliskan alasan konflik kepentingan (misalnya hubungan kerja atau keluarga)."))
    with transaction.atomic():
        assignment = Assignment.objects.select_for_update().select_related("proposal__edition").get(pk=assignment.pk)
        if assignment.evaluator_id != user.pk:
            raise ValidationError(_("Penugasan ini milik penilai lain."))
        if assignment.completed_at is not None:
            raise ValidationError(_("Penilaian ini sudah selesai; hubungi penyelenggara untuk membatalkannya."))
        proposal = Proposal.objects.select_for_update(of=("self",)).get(pk=assignment.proposal_id)
        edition = assignment.proposal.edition
        if edition.is_announced:
            raise ValidationError(_("Top 99 edisi ini sudah diumumkan; nilai tidak dapat diubah."))
        Conflict.objects.get_or_create(evaluator=user, agency_id=proposal.agency_id, defaults={"note": note[:255]})
        was_tiebreak, deadline = assignment.is_tiebreak, assignment.deadline
        assignment.delete()  # its draft scores go with it
        record(proposal, Action.KONFLIK, user, note[:3000], visible_to_agency=False)
        taken = set(Assignment.objects.filter(proposal=proposal).values_list("evaluator_id", flat=True))
        pool = [e for e in get_user_model().objects.filter(groups__name=roles.EVALUATOR_GROUP, is_active=True).distinct()
                if e.pk not in taken and e.pk != user.pk]
        eligible = [e for e in pool if conflicted(e, proposal.agency_id) is None]
        if not eligible:
            return None
        load = Counter(dict(Assignment.objects.filter(proposal__edition=edition, evaluator__in=eligible)
                            .values_list("evaluator_id").annotate(n=Count("pk")).values_list("evaluator_id", "n")))
        replacement = min(eligible, key=lambda e: (load[e.pk], e.pk))
        Assignment.objects.create(proposal=proposal, evaluator=replacement, is_tiebreak=was_tiebreak, deadline=deadline)
        record(proposal, Action.DITUGASKAN, None, _("%(name)s, pengganti penilai yang menyatakan konflik kepentingan")
               % {"name": _who(replacement)}, visible_to_agency=False)
    return replacement


def score(user, assignment, scores, *, now=None):
    """An evaluator's scores: ``scores`` maps aspect id -> (score, note). Saved under the
    assignment's and the proposal's locks, so two evaluators saving at once both land and the
    proposal's total is computed from both."""
    now = now or timezone.now()
    with transaction.atomic():
        assignment = Assignment.objects.select_for_update().get(pk=assignment.pk)
        if assignment.evaluator_id != user.pk:
            raise ValidationError(_("Penugasan ini milik penilai lain."))
        proposal = Proposal.objects.select_for_update(of=("self",)).select_related("edition").get(pk=assignment.proposal_id)
        edition = proposal.edition
        if edition.is_announced:
            raise ValidationError(_("Top 99 edisi ini sudah diumumkan; nilai tidak dapat diubah."))
        if proposal.status != Status.LOLOS_ADMINISTRASI:
            raise ValidationError(_("Proposal ini tidak sedang dinilai."))
        # a third evaluator called in after the edition's date is bound only by a deadline of their own
        exempt = assignment.is_tiebreak and assignment.deadline is None
        if timezone.localtime(now).date() > assignment.due_on(edition) and not exempt:
            raise ValidationError(_("Batas waktu penilaian proposal (%(day)s) sudah lewat.")
                                  % {"day": assignment.due_on(edition).strftime("%d-%m-%Y")})
        instrument = instrument_for(edition, proposal.group)
        aspects = {a.pk: a for a in instrument.aspects.all()}
        for aspect_id, (value, note) in scores.items():
            aspect = aspects.get(int(aspect_id))
            if aspect is None:
                raise ValidationError(_("Aspek tidak dikenal untuk proposal ini."))
            if value is None or not instrument.scale_min <= int(value) <= instrument.scale_max:
                raise ValidationError(_("Skor untuk “%(name)s” harus di antara %(a)s dan %(b)s.") % {
                    "name": aspect.name, "a": instrument.scale_min, "b": instrument.scale_max})
            Score.objects.update_or_create(assignment=assignment, aspect=aspect,
                                           defaults={"score": int(value), "note": (note or "").strip()[:3000]})
        done = Score.objects.filter(assignment=assignment).count() == len(aspects)
        was_done = assignment.completed_at is not None
        Assignment.objects.filter(pk=assignment.pk).update(completed_at=now if done else None)
        if done and not was_done:
            record(proposal, Action.DINILAI, user, visible_to_agency=False, at=now)
        evaluate(proposal)
    return assignment


def _specs(instrument):
    return [scoring.IndicatorSpec(a.pk, a.weight, instrument.scale_min, instrument.scale_max)
            for a in instrument.aspects.all()]


def exact_totals(specs, by_assessor):
    """(total, spread) of complete assessments ``{assessor: {item id: score}}``: the weighted
    mean of all assessors and the gap between the highest and lowest own total, both exact
    (Decimal, half up). Shared by the evaluators' proposal scoring and the panel's interviews."""
    by_item = {}
    for values in by_assessor.values():
        for item_id, value in values.items():
            by_item.setdefault(item_id, []).append(value)
    return scoring.weighted_total(specs, by_item), scoring.disagreement(scoring.assessor_totals(specs, by_assessor))


def scores_visible(scores, user, *, organiser, assigned, settled):
    """The visibility rule of assessors' scores: organisers see all; an assessor sees their
    own, and the others' only once the disagreement is ``settled`` (moderated); others nothing.
    ``scores`` is a queryset; ``assigned`` is the user's own filter on it (a Q) or None."""
    if organiser:
        return scores
    if assigned is None:
        return scores.none()
    return scores if settled else scores.filter(assigned)


def evaluate(proposal, instrument=None):
    """Total (mean of the complete evaluations, weighted, exact), spread between evaluators and
    the disagreement flag; nothing until at least ``min_evaluators`` have finished."""
    edition = proposal.edition
    instrument = instrument or instrument_for(edition, proposal.group)
    specs = _specs(instrument)
    done = set(Assignment.objects.filter(proposal=proposal, completed_at__isnull=False).values_list("pk", flat=True))
    by_evaluator = {}
    for assignment_id, aspect_id, value in Score.objects.filter(assignment_id__in=done).values_list(
            "assignment_id", "aspect_id", "score"):
        by_evaluator.setdefault(assignment_id, {})[aspect_id] = value
    if len(done) < edition.min_evaluators:
        proposal.total = proposal.spread = None
        proposal.flagged = False
    else:
        proposal.total, proposal.spread = exact_totals(specs, by_evaluator)
        tiebroken = Assignment.objects.filter(pk__in=done, is_tiebreak=True).exists()
        proposal.flagged = (proposal.spread > edition.disagreement_threshold and proposal.moderated_at is None
                            and not tiebroken)
    proposal.save(update_fields=["total", "spread", "flagged"])
    return proposal


def moderate(user, proposal, note):
    """The coordinator settles a flagged disagreement with a recorded decision."""
    if not roles.is_organiser(user, proposal.edition):
        raise ValidationError(_("Hanya penyelenggara yang memutuskan perbedaan nilai."))
    if not (note or "").strip():
        raise ValidationError(_("Tuliskan keputusan atas perbedaan nilai."))
    with transaction.atomic():
        proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
        proposal.moderation_note, proposal.moderated_at, proposal.flagged = note.strip(), timezone.now(), False
        proposal.save(update_fields=["moderation_note", "moderated_at", "flagged"])
        record(proposal, Action.DIMODERASI, user, note, visible_to_agency=False)
    return proposal


def visible_scores(user, proposal):
    """Organisers see all; an evaluator sees their own, and others' only after moderation or
    once the proposal's disagreement is settled by announcement; others nothing."""
    scores = Score.objects.filter(assignment__proposal=proposal).select_related("assignment", "aspect")
    organiser = roles.is_organiser(user, proposal.edition)
    assigned = (Q(assignment__evaluator=user) if not organiser
                and Assignment.objects.filter(proposal=proposal, evaluator=user).exists() else None)
    return scores_visible(scores, user, organiser=organiser, assigned=assigned, settled=proposal.moderated_at is not None)


# --- Top 99 ------------------------------------------------------------------------------------

def ranking(edition, group, limit=None):
    """Scored proposals of a group, best first, with their rank (equal totals share one),
    ranked by the database (a window function) so that showing the first ``limit`` reads
    only those rows."""
    proposals = (Proposal.objects.filter(edition=edition, group=group, status__in=PASSED, total__isnull=False)
                 .select_related("agency__province", "category")
                 .only("pk", "edition_id", "group", "title", "total", "spread", "status", "selected",
                       "override_reason", "category__name", "category__name_en", "agency__name",
                       "agency__agency_type", "agency__regency", "agency__province__name")
                 .annotate(position=Window(Rank(), order_by=F("total").desc()))
                 .order_by("-total", "pk"))
    proposals = list(proposals[:limit] if limit is not None else proposals)
    for proposal in proposals:
        proposal.rank = proposal.position
    return proposals


def balance(edition, proposals):
    """The figures the organiser balances a list by: counts per category, agency type,
    province and 3T region."""
    disadvantaged = set(edition.disadvantaged_regencies.values_list("pk", flat=True))
    figures = {"category": Counter(), "agency_type": Counter(), "province": Counter(), "3t": Counter()}
    for p in proposals:
        figures["category"][p.category.name if p.category_id else "-"] += 1
        figures["agency_type"][p.agency.get_agency_type_display()] += 1
        figures["province"][p.agency.province.name if p.agency.province_id else _("Pusat")] += 1
        figures["3t"][_("Daerah 3T") if p.agency.regency_id in disadvantaged else _("Bukan 3T")] += 1
    return {key: sorted(counter.items(), key=lambda item: (-item[1], item[0])) for key, counter in figures.items()}


def fix_shortlist(user, edition, group, selected_ids, reasons=None):
    """Record the organiser's Top 99 list for a group. The ranking is the guide: choosing a
    proposal outside the top ``shortlist_size``, or leaving one inside it out, needs a reason,
    which is recorded on the proposal and in its history."""
    if not roles.is_organiser(user, edition):
        raise ValidationError(_("Hanya penyelenggara yang menetapkan Top 99."))
    if edition.is_announced:
        raise ValidationError(_("Top 99 edisi ini sudah diumumkan."))
    if Proposal.objects.filter(edition=edition, group=group, flagged=True).exists():
        raise ValidationError(_("Masih ada proposal dengan perbedaan nilai besar yang belum diputuskan."))
    config = edition.group_config(group)
    if config is None:
        raise ValidationError(_("Edisi ini tidak membuka %(group)s.") % {"group": Group(group).label})
    reasons = {int(k): (v or "").strip() for k, v in (reasons or {}).items()}
    ranked = ranking(edition, group)
    by_id = {p.pk: p for p in ranked}
    selected = {int(pk) for pk in selected_ids}
    unknown = selected - set(by_id)
    if unknown:
        raise ValidationError(_("Hanya proposal yang sudah dinilai lengkap yang dapat dipilih."))
    if len(selected) > config.shortlist_size:
        raise ValidationError(_("%(group)s paling banyak %(n)s proposal; dipilih %(k)s.")
                              % {"group": Group(group).label, "n": config.shortlist_size, "k": len(selected)})
    guide = {p.pk for p in ranked[:config.shortlist_size]}
    problems = []
    for pk in sorted(selected ^ guide, key=lambda pk: by_id[pk].rank):
        if not reasons.get(pk):
            verb = _("dipilih padahal di luar") if pk in selected else _("tidak dipilih padahal masuk")
            problems.append(_("“%(title)s” (peringkat %(rank)s) %(verb)s %(n)s besar: tuliskan alasannya.")
                            % {"title": by_id[pk].title, "rank": by_id[pk].rank, "verb": verb, "n": config.shortlist_size})
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        for proposal in ranked:
            chosen = proposal.pk in selected
            reason = reasons.get(proposal.pk, "") if proposal.pk in (selected ^ guide) else ""
            changed = chosen != proposal.selected or reason != proposal.override_reason
            proposal.selected, proposal.override_reason = chosen, reason
            if changed:
                record(proposal, Action.DIPILIH if chosen else Action.TIDAK_DIPILIH, user, reason,
                       visible_to_agency=False)
        Proposal.objects.bulk_update(ranked, ["rank", "selected", "override_reason"])
    return [p for p in ranked if p.pk in selected]


def announce(user, edition, *, now=None):
    """Publish the Top 99: each passed proposal becomes Top 99 or not, steps are recorded and
    every participating agency gets one mail with its own result (after commit, once)."""
    from .mail import notify_announcement

    if not roles.is_organiser(user, edition):
        raise ValidationError(_("Hanya penyelenggara yang mengumumkan Top 99."))
    now = now or timezone.now()
    with transaction.atomic():
        edition = Edition.objects.select_for_update().get(pk=edition.pk)
        if edition.is_announced:
            raise ValidationError(_("Top 99 edisi ini sudah diumumkan."))
        if not Proposal.objects.filter(edition=edition, selected=True).exists():
            raise ValidationError(_("Tetapkan daftar Top 99 terlebih dahulu."))
        proposals = list(Proposal.objects.filter(edition=edition, status=Status.LOLOS_ADMINISTRASI))
        steps = []
        for proposal in proposals:
            proposal.status = Status.TOP if proposal.selected else Status.TIDAK_TOP
            steps.append(ProposalStep(proposal=proposal, action=Action.DIUMUMKAN, actor=user, actor_name=_who(user),
                                      note=proposal.get_status_display(), created_at=now))
        Proposal.objects.bulk_update(proposals, ["status"])
        ProposalStep.objects.bulk_create(steps)
        edition.shortlist_announced_at = now
        edition.save(update_fields=["shortlist_announced_at"])
        notify_announcement(edition)
    return edition
