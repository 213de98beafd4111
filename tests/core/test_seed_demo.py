"""seed_demo builds the demo the issue describes and a second run adds nothing."""
import pytest
from django.core.management import call_command

from agencies.models import Agency, AgencyType
from hubs.models import HubPage
from innovations.models import InnovationPage

pytestmark = pytest.mark.django_db


def test_seed_demo_builds_hubs_agencies_innovations_and_accounts_idempotently(django_user_model, demo):
    # ``demo`` is what ``seed_demo --base-innovations 40`` wrote (built once per session)
    counts = (HubPage.objects.count(), Agency.objects.count(), InnovationPage.objects.live().count())
    assert HubPage.objects.filter(slug="sulawesi-utara", title="Hub JIPP Sulawesi Utara").exists()
    assert HubPage.objects.filter(hub_type=HubPage.HubType.PROVINSI).count() >= 12
    assert set(Agency.objects.values_list("agency_type", flat=True)) == set(AgencyType.values)
    # 40 innovations, plus the replica pages of the demo's two-generation replication chain
    assert InnovationPage.objects.live().filter(replica_of__isnull=True).count() == 40
    assert counts[2] == 42
    # no drawn placeholders: innovation cards show their service area's illustration, hub cards
    # the map of where the hub works
    assert not InnovationPage.objects.filter(image__isnull=False).exists()
    assert not HubPage.objects.filter(image__isnull=False).exists()
    coordinator = django_user_model.objects.get(username="koordinator.sulut")
    assert coordinator.groups.filter(coordinated_hub__hub__slug="sulawesi-utara").exists()
    assert django_user_model.objects.get(username="admin").is_superuser
    from agencies.models import agency_for_user

    editor_agency = agency_for_user(django_user_model.objects.get(username="editor.manado"))
    assert (editor_agency.name, editor_agency.agency_type) == ("Pemerintah Kota Manado", AgencyType.PEMKOT)
    assert editor_agency.regency.code == "71.71"
    call_command("seed_demo", base_innovations=40, verbosity=0)
    assert (HubPage.objects.count(), Agency.objects.count(), InnovationPage.objects.live().count()) == counts


def test_bulk_mode_adds_live_synthetic_innovations_with_a_valid_tree(client):
    from django.core.management.base import CommandError
    from wagtail.models import Page

    call_command("seed_demo", base_innovations=12, verbosity=0)
    call_command("seed_demo", innovations=130, chunk_size=50, verbosity=0)
    synthetic = InnovationPage.objects.filter(slug__startswith="sintetis-")
    assert synthetic.live().count() == 130
    # treebeard's own consistency check: paths, depths and numchild all agree
    assert Page.find_problems() == ([], [], [], [], [])
    hubs_used = {page.get_parent().specific_class for page in synthetic[:20]}
    assert hubs_used == {HubPage}
    sample = synthetic.order_by("-pk").first()
    assert sample.categories.exists() and sample.sdgs.exists() and sample.tags.exists()
    assert sample.sources.get().identifier.startswith("SINTETIS-")
    response = client.get(sample.url)
    assert response.status_code == 200
    assert sample.title.encode() in response.content

    # a second run adds N more, with fresh slugs and paths
    call_command("seed_demo", innovations=20, verbosity=0)
    assert synthetic.count() == 150
    assert Page.find_problems() == ([], [], [], [], [])
    with pytest.raises(CommandError):
        call_command("seed_demo", innovations=-1, verbosity=0)


def test_bulk_mode_refreshes_the_catalogue_figures_and_cached_pages(client):
    call_command("seed_demo", base_innovations=6, verbosity=0)
    # a first bulk run creates the archetypes' tags, and a new tag alone starts a new generation
    call_command("seed_demo", innovations=5, verbosity=0)
    before = InnovationPage.public_count()  # the stored figures, computed and kept
    assert before == InnovationPage.objects.live().public().count()
    assert client.get("/api/inovasi/").json()["count"] == before
    call_command("seed_demo", innovations=25, chunk_size=10, verbosity=0)
    assert InnovationPage.public_count() == before + 25
    assert client.get("/api/inovasi/").json()["count"] == before + 25


def test_bulk_mode_prints_progress_and_a_rate(capsys):
    call_command("seed_demo", base_innovations=6, verbosity=0)
    call_command("seed_demo", innovations=10, chunk_size=4)
    captured = capsys.readouterr()
    assert "10/10" in captured.err  # the progress bar reached its total
    assert "10 inovasi sintetis ditambahkan" in captured.out


def test_bulk_mode_reuses_a_tag_spelled_differently(db):
    # the real records tag "UMKM" where the generated archetypes say "umkm": one tag, one slug
    from django.utils.text import slugify
    from taggit.models import Tag

    from core.demo.content import ARCHETYPES

    name = ARCHETYPES[0][6][0]
    Tag.objects.create(name=name.upper(), slug=slugify(name))
    call_command("seed_demo", base_innovations=6, verbosity=0)
    call_command("seed_demo", innovations=5, verbosity=0)
    assert Tag.objects.filter(slug=slugify(name)).count() == 1


def test_a_demo_without_innovations_has_hubs_agencies_and_accounts(django_user_model):
    """``--base-innovations 0`` (bench/import_innovations.py imports its own file into it)."""
    call_command("seed_demo", base_innovations=0, verbosity=0)
    assert HubPage.objects.live().count() >= 30
    assert Agency.objects.exists() and django_user_model.objects.filter(username="editor.manado").exists()
    assert not InnovationPage.objects.exists()
