"""A maturity cycle open now with the labelled example instrument, and a verifier."""
import datetime

import pytest
from django.utils import timezone

from maturity.examples import install_examples
from maturity.models import Cycle
from maturity.rules import ensure_verifier_group
from tests.helpers import make_coordinator


@pytest.fixture
def cycle(db):
    now = timezone.now()
    cycle = Cycle.objects.create(year=2026, opens=now - datetime.timedelta(days=1), closes=now + datetime.timedelta(days=30))
    install_examples(cycle)
    return cycle


@pytest.fixture
def verifier(db):
    from agencies.factories import UserFactory

    return UserFactory(username="verifikator-nasional", groups=[ensure_verifier_group()])


@pytest.fixture
def verifier_coordinating_a(hub_a):
    """A verifier who also coordinates hub A: never verifies hub A."""
    user = make_coordinator(hub_a, username="verifikator-sulut")
    user.groups.add(ensure_verifier_group())
    return user


def option(question, text_start):
    return next(o.pk for o in question.options.all() if o.text.startswith(text_start))


def q(cycle, aspect, number):
    return cycle.questions.get(aspect=aspect, number=number)


#: the hand-computed case (see test_scoring): what hub A answers, per (aspect, number)
ANSWERS = {
    ("perencanaan", 1): ["Ada, belum disahkan"], ("perencanaan", 2): ["Seluruh"],
    ("pelembagaan", 1): ["Peraturan", "Keputusan"], ("pelembagaan", 2): ["Ditetapkan dengan"],
    ("penyebarluasan", 1): ["Coaching", "Forum", "Portal"], ("penyebarluasan", 2): ["1-5"],
    ("evaluasi", 1): ["Berkala"], ("evaluasi", 2): ["Ya"],
}


def answer_all(cycle):
    data = {}
    for (aspect, number), starts in ANSWERS.items():
        question = q(cycle, aspect, number)
        data[question.pk] = {"options": [option(question, s) for s in starts], "explanation": "",
                             "evidence": None, "evidence_url": "https://sulutprov.go.id/dokumen/bukti.pdf"}
    return data
