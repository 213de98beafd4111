"""Penetapan and the awards it writes into the catalogue (shared/domain.md 2.6, 3.1 stage 6).

* ``fix_winners``: the organiser records the decree (number, date) and its winners: the best
  tier and the others the edition's configuration gives per group (``AwardPlace``: Top 45,
  Top 5 Replikasi, Outstanding Achievement…, never more than its places) and special awards.
  ``revoke_winners`` undoes it before the announcement, with a reason.
* ``announce_winners`` publishes them, mails every finalist's agency through the outbox and
  runs ``write_awards``.
* ``write_awards`` gives each Top 99 entry and each winner its innovation page (the linked one,
  or a new draft under its hub built from the proposal's texts, for the hub's normal
  moderation) and the award records the catalogue reads (``InnovationAward``: tier, year and a
  note with edition, group, category and decree). Idempotent and all-or-nothing.
* ``forward`` proposes a regional winner to the national edition as a linked draft
  ("diusulkan"); ``path_of`` is an innovation's road: regional winner → Top 99 → Top 45.
"""
import html

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.models import Page

from agencies.models import Agency, agency_addresses
from core import page_cache
from hubs.membership import home_hub
from innovations.models import AwardTier, InnovationAward, InnovationPage
from innovations.signals import innovations_changed
from outbox.mail import queue_mail

from . import objections, roles, rules
from .models import (
    Action,
    AspectText,
    AwardPlace,
    Decree,
    Edition,
    Forwarding,
    Group,
    Interview,
    Proposal,
    ProposalStep,
    Status,
    Winner,
)

NOMINEES = (Status.TOP, Status.FINALIS)


def places(edition):
    """{(group, tier id): places} from the edition's configuration."""
    return {(p.group, p.tier_id): p.places for p in AwardPlace.objects.filter(edition=edition)}


def best_tier(edition):
    """The edition's best tier (Top 45 in recent years, Top 40 or 35 earlier): the highest
    ranked configured tier short of Outstanding Achievement."""
    tiers = AwardTier.objects.filter(pk__in=AwardPlace.objects.filter(edition=edition).values("tier_id")) \
        .exclude(slug__in=["outstanding-achievement", "top-5-replikasi", rules.TOP_99]).order_by("rank")
    return tiers.first()


def fix_winners(user, edition, *, number, decided_on, winners):
    """``winners``: [{"proposal": id, "tier": tier id, "special": name or ""}]."""
    if not roles.is_organiser(user, edition):
        raise ValidationError(_("Hanya penyelenggara yang menetapkan pemenang."))
    if not edition.is_announced:
        raise ValidationError(_("Top 99 edisi ini belum diumumkan."))
    number = (number or "").strip()
    if not number or decided_on is None:
        raise ValidationError(_("Isi nomor dan tanggal keputusan penetapan."))
    if objections.pending(edition).exists():
        raise ValidationError(_("Masih ada keberatan publik yang belum diputuskan."))
    if Interview.objects.filter(proposal__edition=edition, flagged=True, proposal__status__in=NOMINEES).exists():
        raise ValidationError(_("Masih ada perbedaan nilai wawancara yang belum diputuskan."))
    if not winners:
        raise ValidationError(_("Pilih sedikitnya satu pemenang."))
    nominees = Proposal.objects.in_bulk([int(w["proposal"]) for w in winners])
    tiers = AwardTier.objects.in_bulk([int(w["tier"]) for w in winners])
    configured = places(edition)
    counts, main, rows, problems = {}, {}, [], []
    for entry in winners:
        proposal, tier = nominees.get(int(entry["proposal"])), tiers.get(int(entry["tier"]))
        special = (entry.get("special") or "").strip()[:150]
        if proposal is None or proposal.edition_id != edition.pk or proposal.status not in NOMINEES:
            raise ValidationError(_("Hanya nominee edisi ini yang belum gugur yang dapat ditetapkan."))
        if tier is None:
            raise ValidationError(_("Pilih tingkat penghargaan."))
        if not special:
            key = (proposal.group, tier.pk)
            if key not in configured:
                problems.append(_("%(tier)s tidak diberikan untuk %(group)s pada edisi ini.")
                                % {"tier": tier.name, "group": Group(proposal.group).label})
                continue
            counts[key] = counts.get(key, 0) + 1
            if proposal.pk in main:
                problems.append(_("“%(title)s” hanya dapat meraih satu tingkat utama.") % {"title": proposal.title})
            main[proposal.pk] = tier
        rows.append((proposal, tier, special))
    for (group, tier_id), n in counts.items():
        if n > configured[(group, tier_id)]:
            problems.append(_("%(tier)s %(group)s paling banyak %(n)s; dipilih %(k)s.") % {
                "tier": tiers[tier_id].name, "group": Group(group).label, "n": configured[(group, tier_id)], "k": n})
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        Edition.objects.select_for_update().get(pk=edition.pk)
        if Decree.objects.filter(edition=edition).exists():
            raise ValidationError(_("Pemenang edisi ini sudah ditetapkan; batalkan penetapan dengan alasan untuk "
                                    "mengubahnya."))
        decree = Decree.objects.create(edition=edition, number=number[:150], decided_on=decided_on, created_by=user)
        Winner.objects.bulk_create([Winner(decree=decree, proposal=p, tier=t, special_name=s) for p, t, s in rows])
        for proposal, tier, special in rows:
            rules.record(proposal, Action.DITETAPKAN, user, f"{special or tier.name} — {number}",
                         visible_to_agency=False)
    return decree


def revoke_winners(user, edition, reason):
    if not roles.is_organiser(user, edition):
        raise ValidationError(_("Hanya penyelenggara yang membatalkan penetapan."))
    if not (reason or "").strip():
        raise ValidationError(_("Tuliskan alasan penetapan dibatalkan."))
    with transaction.atomic():
        decree = Decree.objects.select_for_update().filter(edition=edition).first()
        if decree is None:
            raise ValidationError(_("Pemenang edisi ini belum ditetapkan."))
        if decree.announced_at is not None:
            raise ValidationError(_("Pemenang sudah diumumkan; penetapan tidak dapat dibatalkan di portal."))
        for winner in decree.winners.select_related("proposal"):
            rules.record(winner.proposal, Action.PENETAPAN_DIBATALKAN, user, reason, visible_to_agency=False)
        decree.winners.all().delete()
        decree.delete()


def announce_winners(user, edition, *, now=None):
    if not roles.is_organiser(user, edition):
        raise ValidationError(_("Hanya penyelenggara yang mengumumkan pemenang."))
    now = now or timezone.now()
    with transaction.atomic():
        decree = Decree.objects.select_for_update().filter(edition=edition).first()
        if decree is None:
            raise ValidationError(_("Tetapkan pemenang dan nomor keputusannya terlebih dahulu."))
        if decree.announced_at is not None:
            raise ValidationError(_("Pemenang edisi ini sudah diumumkan."))
        wins = {}
        for winner in decree.winners.select_related("tier"):
            wins.setdefault(winner.proposal_id, []).append(winner.label)
        finalists = list(Proposal.objects.filter(edition=edition, status__in=NOMINEES).select_related("agency"))
        steps = []
        for proposal in finalists:
            if proposal.pk in wins:
                proposal.status = Status.PEMENANG
                steps.append(ProposalStep(proposal=proposal, action=Action.DIUMUMKAN, actor=user,
                                          actor_name=rules._who(user), note=", ".join(wins[proposal.pk]),
                                          created_at=now))
        Proposal.objects.bulk_update(finalists, ["status"])
        ProposalStep.objects.bulk_create(steps)
        decree.announced_at = now
        decree.save(update_fields=["announced_at"])
        _mail_results(edition, decree, finalists, wins)
        write_awards(edition)
        page_cache.bump()  # the edition page, the results page
    return decree


def _mail_results(edition, decree, finalists, wins):
    link = f"{settings.WAGTAILADMIN_BASE_URL.rstrip('/')}/kompetisi/{edition.slug}/"
    by_agency = {}
    for proposal in finalists:
        by_agency.setdefault(proposal.agency_id, []).append(proposal)
    agencies = Agency.objects.in_bulk(list(by_agency))
    subject = _("Penetapan inovasi terbaik %(edition)s") % {"edition": edition.name}
    for agency_id, items in by_agency.items():
        agency = agencies[agency_id]
        lines = [_("Hasil penetapan %(edition)s (%(number)s, %(date)s) untuk %(agency)s:") % {
            "edition": edition.name, "number": decree.number, "date": decree.decided_on.strftime("%d-%m-%Y"),
            "agency": agency.name}, ""]
        for proposal in items:
            lines.append(f"- {proposal.title}: {', '.join(wins.get(proposal.pk, [])) or _('Top 99')}")
        lines += ["", _("Pengumuman lengkap: %(link)s") % {"link": link}]
        addresses = sorted(agency_addresses(agency) | {p.contact_email for p in items if p.contact_email})
        if addresses:
            queue_mail(subject, "\n".join(lines), addresses, key=f"kompetisi-penetapan:{edition.pk}:{agency_id}")


# --- the award writer --------------------------------------------------------------------------

#: which aspect (by the start of its name) fills which field of a new innovation page
ASPECT_FIELDS = [("ringkasan", "summary"), ("latar belakang", "background"), ("kebaruan", "novelty"),
                 ("implementasi", "implementation"), ("signifikansi", "impact"), ("dampak", "impact"),
                 ("adaptabilitas", "replication_potential"), ("sumber daya", "resources"),
                 ("strategi keberlanjutan", "sustainability"), ("keberlanjutan", "sustainability")]


def _rich(text):
    return "".join(f"<p>{html.escape(part.strip())}</p>" for part in text.split("\n") if part.strip())


def _note(edition, proposal, decree, special=""):
    parts = [edition.name, str(Group(proposal.group).label)]
    if proposal.category_id:
        parts.append(str(proposal.category.name))
    if special:
        parts.append(special)
    if decree is not None:
        parts.append(decree.number)
    return " · ".join(parts)[:255]


def _free_slug(hub, title):
    base = slugify(title)[:70].strip("-") or "inovasi"
    taken = set(Page.objects.filter(path__startswith=hub.path, depth=hub.depth + 1, slug__startswith=base)
                .values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def _draft_page(proposal, awards):
    """A new draft innovation page under the agency's hub, built from the proposal's texts."""
    hub = home_hub(proposal.agency)
    if hub is None:
        raise ValidationError(_("Instansi %(agency)s belum memiliki hub; halaman inovasi tidak dapat dibuat.")
                              % {"agency": proposal.agency.name})
    fields = {}
    for text in AspectText.objects.filter(proposal=proposal).select_related("aspect"):
        name = text.aspect.name.lower()
        target = next((f for prefix, f in ASPECT_FIELDS if name.startswith(prefix)), None)
        if target and target not in fields and text.text.strip():
            fields[target] = text.text.strip()
    summary = fields.pop("summary", "") or proposal.title
    start = proposal.implementation_start.year if proposal.implementation_start else proposal.edition.year
    page = InnovationPage(
        title=proposal.title, slug=_free_slug(hub, proposal.title), live=False, summary=summary[:2000],
        agency=proposal.agency, service_unit=proposal.service_unit, year_started=min(start, proposal.edition.year),
        innovator_name=proposal.contact_name[:255], contact_email=proposal.contact_email,
        contact_phone=proposal.contact_phone[:50], video_url=proposal.video_url,
        **{name: _rich(value) for name, value in fields.items()})
    page.categories = [proposal.category] if proposal.category_id else []
    page.sdgs = list(proposal.sdgs.all())
    page.awards = [InnovationAward(tier=tier, year=year, note=note, sort_order=n)
                   for n, (tier, year, note) in enumerate(awards)]
    hub.add_child(instance=page)
    page.save_revision(log_action=False)
    return page


def awards_due(edition):
    """{proposal: [(tier, year, note)]}: Top 99 for every announced entry of a national
    edition not dropped, and each announced win."""
    due = {}
    if edition.is_regional:  # a hub's wins are no KIPP records; they show on the page's path
        return due
    decree = Decree.objects.filter(edition=edition, announced_at__isnull=False).first()
    if edition.is_announced:
        top = AwardTier.objects.filter(slug=rules.TOP_99).first()
        if top is not None:
            for proposal in Proposal.objects.filter(edition=edition, status__in=(*NOMINEES, Status.PEMENANG)) \
                    .select_related("agency", "category", "innovation"):
                due.setdefault(proposal, []).append((top, edition.year, _note(edition, proposal, None)))
    if decree is not None:
        by_pk = {p.pk: p for p in due}
        for winner in decree.winners.select_related("tier", "proposal__agency", "proposal__category",
                                                    "proposal__innovation"):
            proposal = by_pk.setdefault(winner.proposal_id, winner.proposal)
            due.setdefault(proposal, []).append(
                (winner.tier, edition.year, _note(edition, proposal, decree, winner.special_name)))
    return due


def write_awards(edition):
    """Write what ``awards_due`` says into the catalogue, in one transaction; returns counts.
    An award already there (same innovation, tier and year) is left as it is."""
    counts = {"pages": 0, "awards": 0, "linked": 0}
    with transaction.atomic():
        due = awards_due(edition)
        changed = []
        for proposal, awards in sorted(due.items(), key=lambda item: item[0].pk):
            page = proposal.innovation
            if page is None:
                page = _draft_page(proposal, awards)
                counts["pages"] += 1
                counts["awards"] += len(awards)
            else:
                have = set(InnovationAward.objects.filter(innovation=page).values_list("tier_id", "year"))
                new = [InnovationAward(innovation=page, tier=tier, year=year, note=note, sort_order=50 + n)
                       for n, (tier, year, note) in enumerate(awards) if (tier.pk, year) not in have]
                for award in new:
                    award.save()
                counts["awards"] += len(new)
                if new and page.live:
                    changed.append(page.pk)
            if proposal.innovation_id != page.pk:
                Proposal.objects.filter(pk=proposal.pk).update(innovation=page)
                counts["linked"] += 1
        if changed:
            innovations_changed.send(sender=Proposal, ids=changed)  # the search index follows
    return counts


# --- regional winners forwarded --------------------------------------------------------------

def forward(user, source, national, *, now=None):
    """Propose a regional winner to the national edition: a linked draft of the same agency,
    with the texts of the aspects both instruments share, for its Admin Lokal to complete."""
    source = Proposal.objects.select_related("edition__hub", "agency", "innovation").get(pk=source.pk)
    if not source.edition.is_regional or not roles.is_organiser(user, source.edition):
        raise ValidationError(_("Hanya penyelenggara kompetisi hub yang mengusulkan pemenangnya ke KIPP nasional."))
    if national.is_regional or national.year < source.edition.year:
        raise ValidationError(_("Usulan ditujukan ke edisi KIPP nasional yang sama atau sesudahnya."))
    if source.status != Status.PEMENANG:
        raise ValidationError(_("Hanya pemenang yang sudah diumumkan yang dapat diusulkan."))
    if Forwarding.objects.filter(source=source).exists():
        raise ValidationError(_("Inovasi ini sudah diusulkan."))
    if national.group_config(source.group) is None:
        raise ValidationError(_("Edisi nasional tidak membuka %(group)s.") % {"group": Group(source.group).label})
    instrument = rules.instrument_for(national, source.group)
    if Proposal.objects.filter(edition=national, title_key=source.title_key).exists():
        raise ValidationError(_("Judul “%(title)s” sudah ada di %(edition)s.") % {"title": source.title,
                                                                                  "edition": national.name})
    now = now or timezone.now()
    with transaction.atomic():
        target = Proposal.objects.create(
            edition=national, agency=source.agency, group=source.group, title=source.title,
            category=source.category if source.category and national.categories.filter(pk=source.category_id).exists()
            else None, implementation_start=source.implementation_start, video_url=source.video_url,
            service_unit=source.service_unit, contact_name=source.contact_name, contact_email=source.contact_email,
            contact_phone=source.contact_phone, innovation=source.innovation, sk_document=source.sk_document.name,
            created_by=user)
        target.sdgs.set(source.sdgs.all())
        texts = {t.aspect.name.lower(): t.text for t in AspectText.objects.filter(proposal=source).select_related("aspect")}
        AspectText.objects.bulk_create([AspectText(proposal=target, aspect=a, text=texts[a.name.lower()])
                                        for a in instrument.aspects.all() if a.name.lower() in texts])
        Forwarding.objects.create(source=source, target=target, created_by=user)
        note = _("Diusulkan oleh %(organiser)s sebagai pemenang %(edition)s") % {
            "organiser": source.edition.organiser_name, "edition": source.edition.name}
        rules.record(target, Action.DIUSULKAN, user, note, at=now)
        rules.record(source, Action.DIUSULKAN, user, national.name, at=now)
    return target


def path_of(page):
    """[(edition, label)] of an innovation's road through competitions, oldest first: regional
    wins, the national Top 99, the national tiers. Two queries."""
    proposals = list(Proposal.objects.filter(innovation=page, status__in=(Status.TOP, Status.FINALIS, Status.PEMENANG))
                     .select_related("edition__hub").order_by("edition__year", "edition__hub_id"))
    wins = {}
    for winner in Winner.objects.filter(proposal__in=proposals, decree__announced_at__isnull=False) \
            .select_related("tier").order_by("tier__rank"):
        wins.setdefault(winner.proposal_id, []).append(winner.label)
    road = []
    for proposal in proposals:
        edition = proposal.edition
        if edition.is_regional:
            if proposal.pk in wins:
                road.append((edition, _("Pemenang %(edition)s") % {"edition": edition.name}))
            continue
        road.append((edition, _("Top 99 %(edition)s") % {"edition": edition.name}))
        for label in wins.get(proposal.pk, []):
            road.append((edition, f"{label} {edition.name}"))
    return road


def results_by_year():
    """[(year, [(edition, [winner…])])] of announced decrees, newest first."""
    winners = (Winner.objects.filter(decree__announced_at__isnull=False)
               .select_related("decree__edition__hub", "tier", "proposal__agency__province", "proposal__innovation")
               .order_by("-decree__edition__year", "decree__edition__name", "tier__rank", "proposal__title"))
    years = {}
    for winner in winners:
        edition = winner.decree.edition
        years.setdefault(edition.year, {}).setdefault(edition, []).append(winner)
    return [(year, list(by_edition.items())) for year, by_edition in years.items()]


def _catalogue_wins():
    """The catalogue's KIPP award records (Top 99 is a shortlist, not an award) on public pages:
    the real editions since 2014 and what the award writer wrote for the portal's own."""
    return (InnovationAward.objects.filter(tier__programme="kipp", innovation__in=InnovationPage.objects.live().public())
            .exclude(tier__slug="top-99"))


def awards_per_province():
    """{province name: {year: n}} of national wins (the results chart): every KIPP award record of
    the catalogue, plus an announced winner of the portal's own editions whose award the writer
    has not written yet (never counted twice)."""
    table = {}
    counts = (_catalogue_wins().values_list("innovation__agency__province__name", "year").annotate(n=Count("pk")))
    for province, year, n in counts:
        by_year = table.setdefault(province or _("Pusat"), {})
        by_year[year] = by_year.get(year, 0) + n
    pending = list(Winner.objects.filter(decree__announced_at__isnull=False, decree__edition__hub__isnull=True)
                   .values_list("proposal__agency__province__name", "decree__edition__year", "proposal__innovation_id"))
    written = set(_catalogue_wins().filter(innovation_id__in=[i for _p, _y, i in pending if i is not None])
                  .values_list("innovation_id", "year"))
    for province, year, innovation_id in pending:
        if (innovation_id, year) not in written:
            by_year = table.setdefault(province or _("Pusat"), {})
            by_year[year] = by_year.get(year, 0) + 1
    return table


def catalogue_results_by_year(skip_years=()):
    """[(year, [award…])] of the catalogue's KIPP awards in the years the portal ran no announced
    national edition of its own (the editions before the portal), best tier first."""
    awards = (_catalogue_wins().exclude(year__in=list(skip_years))
              .select_related("tier", "innovation__agency")
              .order_by("-year", "tier__rank", "innovation__title"))
    years = {}
    for award in awards:
        years.setdefault(award.year, []).append(award)
    return list(years.items())