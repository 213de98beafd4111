"""The administrative checks of a page of proposals as compact pass/fail badges for the
secretariat's list (issue 14, "the secretariat sees the automatic checks"): the same rules as
``rules.administrative_problems`` (which gives the full Indonesian reasons on a proposal's own
page and refuses a submission), read for the whole page at once in a fixed number of queries,
whatever the number of rows.

Badges: implementation age for the group, the agency's cap for the group, at least one SDG,
the initiator decree (SK), the aspect texts (filled, within their word limits, no aspect copied
into another), the evidence each aspect requires, and for Kelompok Umum the award history (no
top tier, not Top 99 twice).
"""
from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from innovations.models import InnovationAward

from .models import AspectText, Evidence, Group, Instrument, Proposal
from .rules import SUBMITTED, TOP_99, _shift, text_problems


@dataclass(frozen=True)
class Badge:
    key: str
    label: str
    ok: bool
    reason: str = ""


def _age(proposal, config, edition):
    if proposal.implementation_start is None:
        return False, _("Tanggal mulai diterapkan belum diisi.")
    needed = _shift(edition.registration_closes_on, -config.min_implementation_years)
    if proposal.implementation_start > needed:
        return False, _("Mulai %(start)s; paling lambat %(day)s (%(n)s tahun).") % {
            "start": proposal.implementation_start.strftime("%d-%m-%Y"), "day": needed.strftime("%d-%m-%Y"),
            "n": config.min_implementation_years}
    return True, _("Sedikitnya %(n)s tahun diterapkan.") % {"n": config.min_implementation_years}


def _texts(edition, aspects, texts):
    problems = text_problems(edition, aspects, texts)
    return not problems, " ".join(problems) or _("Semua aspek terisi dalam batas kata.")


def _history(proposal, awards):
    title = proposal.title.strip().lower()
    mine = [a for a in awards if (proposal.innovation_id and a[0] == proposal.innovation_id)
            or (a[1] == proposal.agency_id and (a[2] or "").strip().lower() == title)]
    top = [a for a in mine if a[3] != TOP_99]
    if top:
        return False, _("Sudah meraih penghargaan utama (%(year)s).") % {"year": top[0][4]}
    top99 = sorted({a[4] for a in mine if a[3] == TOP_99})
    if len(top99) >= 2:
        return False, _("Sudah dua kali Top 99 (%(years)s).") % {"years": ", ".join(map(str, top99))}
    return True, _("Belum pernah meraih penghargaan utama atau dua kali Top 99.")


def attach_badges(edition, proposals):
    """Set ``proposal.checks`` (a list of ``Badge``) on each of ``proposals`` (one page of one
    edition's list) with seven queries, and return them as a list."""
    proposals = list(proposals)
    if not proposals:
        return proposals
    ids = [p.pk for p in proposals]
    agencies = {p.agency_id for p in proposals}
    configs = {g.group: g for g in edition.groups.all()}
    aspects = {i.group: list(i.aspects.all()) for i in Instrument.objects.filter(edition=edition).prefetch_related("aspects")}
    sdgs = dict(Proposal.sdgs.through.objects.filter(proposal_id__in=ids).values_list("proposal_id")
                .annotate(n=Count("pk")).values_list("proposal_id", "n"))
    texts = defaultdict(dict)
    for proposal_id, aspect_id, text in AspectText.objects.filter(proposal_id__in=ids).values_list(
            "proposal_id", "aspect_id", "text"):
        texts[proposal_id][aspect_id] = text
    evidence = set(Evidence.objects.filter(proposal_id__in=ids).values_list("proposal_id", "aspect_id").distinct())
    entered = Counter({(agency_id, group): n for agency_id, group, n in Proposal.objects.filter(
        edition=edition, agency_id__in=agencies, status__in=SUBMITTED).values_list("agency_id", "group")
        .annotate(n=Count("pk")).values_list("agency_id", "group", "n")})
    awards = []
    umum = [p for p in proposals if p.group == Group.UMUM]
    if umum:
        linked = {p.innovation_id for p in umum if p.innovation_id}
        awards = list(InnovationAward.objects.filter(
            Q(innovation_id__in=linked) | Q(innovation__agency_id__in={p.agency_id for p in umum}),
            tier__programme="kipp", year__lt=edition.year,
        ).values_list("innovation_id", "innovation__agency_id", "innovation__title", "tier__slug", "year"))
    for proposal in proposals:
        config, group_aspects = configs.get(proposal.group), aspects.get(proposal.group, [])
        badges = []
        if config is not None:
            ok, reason = _age(proposal, config, edition)
            badges.append(Badge("usia", _("Usia"), ok, reason))
            n = entered[(proposal.agency_id, proposal.group)]
            badges.append(Badge("batas", _("Batas"), n <= config.cap_per_agency,
                                _("%(n)s dari batas %(cap)s proposal %(group)s instansi ini.") % {
                                    "n": n, "cap": config.cap_per_agency, "group": Group(proposal.group).label}))
        count = sdgs.get(proposal.pk, 0)
        badges.append(Badge("sdg", _("SDG"), count > 0, _("%(n)s SDG dipilih.") % {"n": count}))
        badges.append(Badge("sk", _("SK"), bool(proposal.sk_document),
                            _("SK inisiator terlampir.") if proposal.sk_document else _("SK inisiator belum dilampirkan.")))
        ok, reason = _texts(edition, group_aspects, texts[proposal.pk])
        badges.append(Badge("kata", _("Kata"), ok, reason))
        missing = [a.name for a in group_aspects if a.needs_evidence and (proposal.pk, a.pk) not in evidence]
        badges.append(Badge("bukti", _("Bukti"), not missing,
                            _("Belum ada data dukung: %(names)s.") % {"names": ", ".join(missing)} if missing
                            else _("Data dukung yang diperlukan ada.")))
        if proposal.group == Group.UMUM:
            ok, reason = _history(proposal, awards)
            badges.append(Badge("riwayat", _("Riwayat"), ok, reason))
        proposal.checks = badges
        proposal.checks_failed = sum(1 for b in badges if not b.ok)
    return proposals
