"""Two evaluators saving at once, and two submits racing for the agency's last place: nothing
is lost or double-counted. Real threads and connections need concurrent writers: PostgreSQL."""
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from competitions import rules
from competitions.models import Assignment, EditionGroup, Proposal, Status

from .conftest import complete

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql",
                       reason="needs concurrent writers: run with DATABASE_URL=postgres://… (CI does)"),
]


def race(*actions):
    barrier = threading.Barrier(len(actions))
    outcomes = [None] * len(actions)

    def run(i, action):
        try:
            barrier.wait(timeout=10)
            action()
            outcomes[i] = "ok"
        except ValidationError as error:
            outcomes[i] = error.messages[0]
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, a)) for i, a in enumerate(actions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


def test_two_evaluators_saving_at_once_both_count(migration_data, edition, admin_lokal, secretariat, evaluators,
                                                  national_admin):
    proposal = complete(admin_lokal, rules.create_proposal(admin_lokal, edition, group="umum", title="Pasar Online"))
    rules.submit(admin_lokal, proposal)
    rules.decide_administration(secretariat, proposal, passed=True)
    rules.assign(national_admin, proposal, evaluators[:2])
    aspects = list(rules.instrument_for(edition, "umum").aspects.all())
    first, second = (Assignment.objects.get(proposal=proposal, evaluator=e) for e in evaluators[:2])
    outcomes = race(lambda: rules.score(evaluators[0], first, {a.pk: (6, "") for a in aspects}),
                    lambda: rules.score(evaluators[1], second, {a.pk: (8, "") for a in aspects}))
    assert outcomes == ["ok", "ok"]
    proposal.refresh_from_db()
    assert str(proposal.total) == "70.00" and str(proposal.spread) == "20.00"  # both evaluations, whoever was last
    assert Assignment.objects.filter(proposal=proposal, completed_at__isnull=False).count() == 2


def test_two_submits_cannot_both_take_the_last_place(migration_data, edition, admin_lokal):
    EditionGroup.objects.filter(edition=edition, group="umum").update(cap_per_agency=1)
    one, two = (complete(admin_lokal, rules.create_proposal(admin_lokal, edition, group="umum", title=title))
                for title in ("Samsat Keliling Malam", "Perpustakaan Keliling Pesisir"))
    outcomes = race(lambda: rules.submit(admin_lokal, one), lambda: rules.submit(admin_lokal, two))
    assert sorted(o == "ok" for o in outcomes) == [False, True], outcomes
    assert any("Batas 1 proposal" in (o or "") for o in outcomes)
    assert Proposal.objects.filter(status=Status.DIAJUKAN).count() == 1
