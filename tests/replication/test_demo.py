"""The demo has replications in every stage and a two-generation chain, built once."""
import pytest
from django.core import mail
from django.core.management import call_command

from replication import selectors
from replication.models import Replication, Stage

pytestmark = pytest.mark.django_db


def test_demo_replications_cover_every_stage_and_two_generations(demo):
    assert set(Replication.objects.values_list("stage", flat=True)) == set(Stage.values)
    chain = Replication.objects.filter(replica__isnull=False).select_related("origin", "replica")
    assert chain.count() == 2
    first = chain.get(origin__replica_of__isnull=True)
    tree = selectors.lineage(first.origin)
    assert len(tree["generations"]) == 2 and all(link.replica.live for g in tree["generations"] for link in g)
    assert Replication.objects.filter(reports__isnull=False).count() == 2
    assert mail.outbox == []  # recorded, not mailed
    count = Replication.objects.count()
    call_command("seed_demo", base_innovations=40, verbosity=0)
    assert Replication.objects.count() == count
