"""Two people moving the same replication at once: exactly one move wins, the stage and the
history stay consistent. Real threads and connections need a database that runs writers
concurrently, which is PostgreSQL (CI's database)."""
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from replication import rules
from replication.models import Model, Replication, Stage

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs concurrent writers: run with DATABASE_URL=postgres://… (CI does)")
def test_simultaneous_moves_cannot_corrupt_the_stage(migration_data, origin, adopter_user, coordinator_b):
    replication = rules.start_replication(adopter_user, origin, reason="Uji bersamaan.", model=Model.MANDIRI)
    barrier = threading.Barrier(2)
    outcomes = {}

    def act(name, user, stage):
        try:
            barrier.wait(timeout=10)
            rules.move(user, replication.pk, stage, expected_version=0)
            outcomes[name] = "ok"
        except ValidationError as error:
            outcomes[name] = error.messages[0]
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=act, args=("adopter", adopter_user, Stage.PERSIAPAN)),
        threading.Thread(target=act, args=("coordinator", coordinator_b, Stage.DIBATALKAN)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(v == "ok" for v in outcomes.values()) == [False, True], outcomes
    loser = next(v for v in outcomes.values() if v != "ok")
    assert "baru saja diubah" in loser
    replication.refresh_from_db()
    winner_stage = Stage.PERSIAPAN if outcomes["adopter"] == "ok" else Stage.DIBATALKAN
    assert replication.stage == winner_stage and replication.version == 1
    assert list(replication.steps.values_list("to_stage", flat=True)) == [Stage.MINAT, winner_stage]
    assert Replication.objects.count() == 1
