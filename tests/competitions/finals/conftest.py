"""Fixtures of an edition in its finals: KIPP 2025 with its Top 99 announced (three nominees of
Kota Manado, Pemprov Sulut and Pemprov Jatim), interview criteria, award places (Top 45 Umum,
Top 5 Replikasi, Outstanding Achievement), two panelists and the evaluators of conftest.
"""
import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from agencies.factories import UserFactory
from competitions import roles, rules
from competitions.factories import EditionFactory
from competitions.models import AspectText, AwardPlace, InterviewCriterion, Proposal, Status
from innovations.models import SDG, AwardTier, Category

from ..conftest import ASPECT_TEXTS

CRITERIA = [("Penguasaan substansi", Decimal(40)), ("Dampak dan bukti", Decimal(35)),
            ("Keberlanjutan dan replikasi", Decimal(25))]


def _today(days=0):
    return timezone.localdate() + datetime.timedelta(days=days)


@pytest.fixture
def finals_edition(db, groups):
    """Objection period open today; presentation and verification already past."""
    edition = EditionFactory(
        year=2025, name="KIPP 2025", slug="kipp-2025", registration_opens_on=_today(-120),
        registration_closes_on=_today(-100), admin_selection_closes_on=_today(-90), evaluation_closes_on=_today(-70),
        shortlist_announce_on=_today(-60), presentation_closes_on=_today(-30), verification_closes_on=_today(-3),
        objection_closes_on=_today(2), decree_on=_today(20))
    rules.prepare_instruments(edition)
    edition.shortlist_announced_at = timezone.now() - datetime.timedelta(days=60)
    edition.save(update_fields=["shortlist_announced_at"])
    for n, (name, weight) in enumerate(CRITERIA):
        InterviewCriterion.objects.create(edition=edition, sort_order=n, name=name, weight=weight)
    tiers = {t.slug: t for t in AwardTier.objects.all()}
    AwardPlace.objects.bulk_create([
        AwardPlace(edition=edition, group="umum", tier=tiers["top-45"], places=2),
        AwardPlace(edition=edition, group="umum", tier=tiers["outstanding-achievement"], places=1),
        AwardPlace(edition=edition, group="replikasi", tier=tiers["top-5-replikasi"], places=5),
    ])
    return edition


def nominee(edition, agency, title, *, group="umum", innovation=None, rank=1):
    proposal = Proposal.objects.create(
        edition=edition, agency=agency, group=group, title=title, status=Status.TOP, selected=True, rank=rank,
        category=Category.objects.get(slug="kesehatan"), implementation_start=datetime.date(2019, 3, 1),
        contact_name="dr. Maria Lumowa", contact_email="inovasi@manadokota.go.id", innovation=innovation,
        submitted_at=timezone.now() - datetime.timedelta(days=110), total=Decimal("88.50"))
    proposal.sdgs.set(SDG.objects.filter(number__in=[3, 10]))
    aspects = rules.instrument_for(edition, group).aspects.all()
    AspectText.objects.bulk_create([AspectText(proposal=proposal, aspect=a, text=t)
                                    for a, t in zip(aspects, ASPECT_TEXTS, strict=False)])
    return proposal


@pytest.fixture
def nominees(finals_edition, agency_a2, agency_a, agency_b, hub_a, hub_b):
    return [nominee(finals_edition, agency_a2, "Rujukan Daring Puskesmas Manado", rank=1),
            nominee(finals_edition, agency_a, "Sulut Sehat Keliling", rank=2),
            nominee(finals_edition, agency_b, "Jatim Lumbung Pangan Digital", rank=3)]


@pytest.fixture
def panelists(groups):
    return [UserFactory(username=f"panel{i}", first_name=f"Panelis {i}", email=f"panel{i}@contoh.id",
                        groups=[groups[roles.PANEL_GROUP]]) for i in (1, 2)]
