"""200 people registering at once for the last 20 places: the cohort never holds more than
its capacity. Real threads and connections need PostgreSQL (CI's database)."""
import threading

import pytest
from django.db import connection, connections

from clinics import rules
from clinics.models import Registration
from tests.helpers import make_agency_editor

from .conftest import person

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs concurrent writers: run with DATABASE_URL=postgres://… (CI does)")
def test_two_hundred_at_once_never_over_fill(migration_data, cohort, editor_a, hub_a, agency_a2):
    cohort.capacity = 30
    cohort.save()
    rules.register(editor_a, cohort.pk, [person(n) for n in range(10)])  # 20 places left
    users = [make_agency_editor(hub_a, agency_a2, username=f"editor-manado-{n}") for n in range(20)]
    barrier = threading.Barrier(len(users))
    errors = []

    def act(user):
        try:
            barrier.wait(timeout=30)
            rules.register(user, cohort.pk, [person(f"{user.username}-{n}") for n in range(10)])
        except Exception as error:  # noqa: BLE001 - any failure is reported by the assertion below
            errors.append(repr(error))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=act, args=(user,)) for user in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    regs = Registration.objects.filter(cohort=cohort)
    assert regs.count() == 210
    assert regs.filter(status__in=Registration.HOLDING).count() == 30
    assert regs.filter(status=Registration.Status.DAFTAR_TUNGGU).count() == 180
