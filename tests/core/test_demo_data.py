"""The default demo is built on the real KIPP/UNPSA records (core/demo/data/kipp) through the
importer, and what it generates around them is coherent."""
from collections import Counter

import pytest

from core.demo.builder import DEMO_ID_PREFIX
from core.demo.content import CATEGORY_AGENCY_TYPES
from core.demo.real import REAL_ID_PREFIX, hub_rows, real_records
from hubs.models import HubPage
from innovations.models import InnovationAward, InnovationPage, InnovationSource, SustainabilityStatus

pytestmark = pytest.mark.django_db


def _real_pages():
    ids = InnovationSource.objects.filter(identifier__startswith=REAL_ID_PREFIX).values("innovation_id")
    return InnovationPage.objects.filter(pk__in=ids).select_related("agency")


def test_real_records_have_their_tiers_and_years_and_sit_under_their_hubs(demo):
    records = {(r.title, r.agency): r for r in real_records()}
    pages = list(_real_pages())
    assert len(pages) >= 20  # the small demo keeps a share of them; the default demo all 74
    national = HubPage.objects.get(hub_type=HubPage.HubType.NASIONAL)
    for page in pages:
        record = records[(page.title, page.agency.name)]
        # besides the demo's own KIPP 2025 (competitions.demo), whose awards the award writer adds
        awards = {(a.tier.name, a.year) for a in page.awards.select_related("tier")
                  if not page.competition_proposals.filter(edition__year=a.year, edition__hub=None).exists()}
        assert awards == set(record.awards), page.title
        assert page.summary == record.summary
        assert page.featured
        hub = page.get_parent().specific
        expected = (HubPage.objects.filter(agency=page.agency).first()
                    or HubPage.objects.filter(province=page.agency.province_id).exclude(province=None).first()
                    or national)
        assert hub == expected, page.title
    # the generated innovations are never featured
    generated = InnovationSource.objects.filter(identifier__startswith=DEMO_ID_PREFIX).values("innovation_id")
    assert not InnovationPage.objects.filter(pk__in=generated, featured=True).exists()


def test_hubs_come_from_the_designations_with_sulawesi_utara_added(demo):
    rows = hub_rows()
    assert len(rows) == 33
    sulut = HubPage.objects.get(slug="sulawesi-utara")
    assert (sulut.year_joined, sulut.decree) == (2024, "KepmenPANRB No. 305/2024")
    jatim = HubPage.objects.get(slug="jawa-timur")
    assert jatim.year_joined == 2020 and "94/2020" in jatim.decree
    assert HubPage.objects.filter(hub_type=HubPage.HubType.KL).count() == 12
    assert HubPage.objects.get(agency__name="Kementerian Keuangan").year_joined == 2023


def test_no_copies_and_dates_follow_each_other(demo):
    titles = Counter(InnovationPage.objects.values_list("title", flat=True))
    assert [t for t, n in titles.items() if n > 1] == []
    assert not InnovationPage.objects.filter(title__regex=r"\(\d+\)$").exists()
    from competitions.models import Proposal

    # awards a competition of the portal wrote later (competitions.awards) may follow publication
    won = set(Proposal.objects.filter(edition__hub=None, innovation__isnull=False)
              .values_list("innovation_id", "edition__year"))
    for page in InnovationPage.objects.live().filter(replica_of__isnull=True).prefetch_related("awards"):
        years = [a.year for a in page.awards.all() if (page.pk, a.year) not in won]
        if years:
            assert page.year_started < min(years), page.title
            assert page.first_published_at.year >= max(years), page.title
    years = Counter(InnovationPage.objects.values_list("year_started", flat=True))
    assert len(years) >= 8  # not one flat year
    from replication.models import Replication

    for replication in Replication.objects.prefetch_related("steps"):
        award_years = [year for year in InnovationAward.objects.filter(innovation=replication.origin)
                       .values_list("year", flat=True) if (replication.origin_id, year) not in won]
        if award_years:
            assert replication.created_at.year > max(award_years)
        else:  # the second generation replicates a replica
            assert Replication.objects.filter(replica=replication.origin).exists()
        times = [s.acted_at for s in replication.steps.order_by("pk")]
        assert times == sorted(times)
        parent = Replication.objects.filter(replica=replication.origin).first()
        if parent:  # a copy of a copy starts after the copy exists
            assert replication.created_at > parent.steps.order_by("pk").last().acted_at
    replications = Replication.objects.select_related("origin__agency", "adopter").filter(
        origin__replica_of__isnull=True)
    # a city copies a city's service, a province a province's: never a ministry's or a company's
    from replication.demo import plausible

    assert all(plausible(r.origin.agency, r.adopter) for r in replications)
    assert len({r.created_at.year for r in replications}) >= 4  # not one flat year
    assert len({r.adopter.province_id for r in replications}) >= 10
    assert replications.count() >= 35
    from replication.models import Notification

    # a notification is dated at the step it tells about, not at build time
    for notification in Notification.objects.all()[:50]:
        step_pk = int(notification.event.rsplit(":", 1)[1])
        assert notification.created_at == notification.replication.steps.get(pk=step_pk).acted_at
    from pkri.models import AssessmentObject

    for obj in AssessmentObject.objects.exclude(innovation=None).select_related("cycle"):
        award_years = obj.innovation.awards.values_list("year", flat=True)
        assert award_years and min(award_years) < obj.cycle.year  # past winners only


def test_about_one_in_five_stopped(demo):
    statuses = Counter(InnovationPage.objects.live().filter(replica_of__isnull=True)
                       .values_list("sustainability_status", flat=True))
    stopped = statuses[SustainabilityStatus.BERHENTI] + statuses[SustainabilityStatus.VAKUM]
    assert 0.12 <= stopped / sum(statuses.values()) <= 0.3


def test_only_government_runs_government_services(demo):
    for page in InnovationPage.objects.select_related("agency").prefetch_related("categories"):
        for category in page.categories.all():
            allowed = CATEGORY_AGENCY_TYPES.get(category.slug)
            assert allowed is None or page.agency.agency_type in allowed, (page.title, page.agency.name)


def test_home_features_distinct_real_records_and_pages_say_once_what_is_demo_text(demo, client):
    response = client.get("/")
    featured = response.context["featured"]
    assert len(featured) == 3 and len({p.pk for p in featured}) == 3
    real_ids = set(_real_pages().values_list("pk", flat=True))
    assert {p.pk for p in featured} <= real_ids
    page = InnovationPage.objects.live().filter(demo_text="semua").first()
    content = client.get(page.url).content.decode()
    assert content.count("demo-text") == 1
    assert "Demo:" not in content


def test_catalogue_lists_the_real_records_first_by_default(demo, client):
    response = client.get("/inovasi/")
    results = list(response.context["results"].object_list)
    real_ids = set(_real_pages().values_list("pk", flat=True))
    assert results and all(page.pk in real_ids for page in results)
    assert response.context["filter"].sort == "unggulan"


def test_hub_decrees_read_as_in_the_source_and_no_hub_carries_a_template_summary(demo):
    decrees = list(HubPage.objects.exclude(decree="").values_list("decree", flat=True))
    assert decrees and all(d.count("(") == d.count(")") for d in decrees)
    assert "KepmenPANRB No. 94/2020 (Percontohan Hub JIPP 2020)" in decrees
    summaries = [s for s in HubPage.objects.values_list("summary", flat=True) if s]
    assert len(summaries) == len(set(summaries))  # no sentence copied from hub to hub
