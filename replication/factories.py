"""Test data for replication. Stages beyond minat are reached through ``rules.move`` in tests
that check the rules; ``ReplicationFactory`` writes rows directly, for page and listing tests."""
import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from agencies.factories import AgencyFactory

from .models import PUBLIC_STAGES, Model, Replication, ReplicationStep, Stage


class ReplicationFactory(DjangoModelFactory):
    class Meta:
        model = Replication
        # the post-generation hook writes its own rows; the instance needs no second save
        skip_postgeneration_save = True

    adopter = factory.SubFactory(AgencyFactory)
    model = Model.MANDIRI
    reason = "Layanan serupa dibutuhkan warga kami."
    stage = Stage.MINAT
    public_since = factory.LazyAttribute(lambda o: timezone.now() if o.stage in PUBLIC_STAGES else None)

    @factory.post_generation
    def history(self, create, extracted, **kwargs):
        if create:
            ReplicationStep.objects.create(replication=self, from_stage="", to_stage=Stage.MINAT, date=timezone.localdate())
            if self.stage != Stage.MINAT:
                ReplicationStep.objects.create(replication=self, from_stage=Stage.MINAT, to_stage=self.stage,
                                               date=timezone.localdate())
