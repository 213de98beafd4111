"""Fixtures of UNPSA screening: this year's cycle with two categories, awarded innovations of
Hub Sulawesi Utara, the secretariat and an evaluator."""
import datetime

import pytest

from agencies.factories import UserFactory
from competitions import roles
from innovations.factories import InnovationAwardFactory, InnovationPageFactory
from innovations.models import SDG, AwardTier, Category, SustainabilityStatus
from unpsa.models import Category as UnCategory
from unpsa.models import Cycle


@pytest.fixture
def groups(db):
    return roles.ensure_groups()


@pytest.fixture
def secretariat(groups):
    return UserFactory(username="sekretariat-unpsa", groups=[groups[roles.SECRETARIAT_GROUP]])


@pytest.fixture
def evaluator(groups):
    return UserFactory(username="penilai-unpsa", groups=[groups[roles.EVALUATOR_GROUP]])


@pytest.fixture
def cycle(db):
    cycle = Cycle.objects.create(year=datetime.date.today().year, nominations_close=datetime.date.today())
    UnCategory.objects.create(cycle=cycle, name="Innovation in public institutions", sort_order=0)
    UnCategory.objects.create(cycle=cycle, name="Gender-responsive public services", sort_order=1)
    return cycle


def make_awarded(hub, agency, tier="top-45", year=2021, status=SustainabilityStatus.BERLANJUT,
                 category=None, sdg=None, **kwargs):
    page = InnovationPageFactory(parent=hub, agency=agency, sustainability_status=status, **kwargs)
    InnovationAwardFactory(innovation=page, tier=AwardTier.objects.get(slug=tier), year=year)
    if category:
        page.categories.add(Category.objects.get(slug=category))
    if sdg:
        page.sdgs.add(SDG.objects.get(number=sdg))
    page.save()  # parental many-to-many rows are written when the page is saved
    return page


@pytest.fixture
def awarded(hub_a, agency_a):
    return {
        "gender": make_awarded(hub_a, agency_a, "top-45", 2021, category="pelayanan-responsif-gender", sdg=5,
                               title="Layanan Ibu Hamil Terpadu"),
        "stopped": make_awarded(hub_a, agency_a, "top-99", 2019, status=SustainabilityStatus.BERHENTI,
                                category="kesehatan", sdg=3, title="Posyandu Keliling"),
    }
