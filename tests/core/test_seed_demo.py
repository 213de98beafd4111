"""seed_demo builds the demo the issue describes and a second run adds nothing."""
import pytest
from django.core.management import call_command

from agencies.models import Agency, AgencyType
from hubs.models import HubPage
from innovations.models import InnovationPage

pytestmark = pytest.mark.django_db


def test_seed_demo_builds_hubs_agencies_innovations_and_accounts_idempotently(django_user_model):
    call_command("seed_demo", base_innovations=40, verbosity=0)
    counts = (HubPage.objects.count(), Agency.objects.count(), InnovationPage.objects.live().count())
    assert HubPage.objects.filter(slug="sulawesi-utara", title="Hub JIPP Sulawesi Utara").exists()
    assert HubPage.objects.filter(hub_type=HubPage.HubType.PROVINSI).count() >= 12
    assert set(Agency.objects.values_list("agency_type", flat=True)) == set(AgencyType.values)
    assert counts[2] == 40
    coordinator = django_user_model.objects.get(username="koordinator.sulut")
    assert coordinator.groups.filter(coordinated_hub__hub__slug="sulawesi-utara").exists()
    assert django_user_model.objects.get(username="admin").is_superuser
    call_command("seed_demo", base_innovations=40, verbosity=0)
    assert (HubPage.objects.count(), Agency.objects.count(), InnovationPage.objects.live().count()) == counts
