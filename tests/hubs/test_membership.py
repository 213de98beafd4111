"""Hub membership of pages, agencies and coordinators (``hubs.membership``), including the
rules decided where the old copies disagreed: an agency's own hub before its province's, and
new content of an agency without a hub going to the national hub."""
import pytest

from agencies.factories import AgencyFactory
from agencies.models import AgencyType
from hubs.factories import HubPageFactory
from hubs.membership import (
    HubDirectory,
    agencies_of_hub,
    attach_hubs,
    coordinated_hub_paths,
    coordinator_addresses,
    home_hub,
    hub_of_agency,
    hub_of_page,
    in_hub_q,
)
from hubs.models import HubPage
from hubs.roles import ensure_hub_roles
from innovations.factories import InnovationAwardFactory, InnovationPageFactory
from innovations.models import InnovationAward, InnovationPage
from news.factories import EventPageFactory, NewsPageFactory
from tests.helpers import make_agency, make_coordinator, make_hub

pytestmark = pytest.mark.django_db


@pytest.fixture
def ministry(db):
    return AgencyFactory(agency_type=AgencyType.KEMENTERIAN, name="Kementerian Percontohan", abbreviation="Kemen Uji",
                         province=None)


@pytest.fixture
def ministry_hub(site_pages, ministry):
    hub = HubPageFactory(parent=site_pages["hubs"], title="Hub JIPP Kementerian Percontohan", slug="kemen-uji",
                         hub_type=HubPage.HubType.KL, agency=ministry)
    ensure_hub_roles(hub)
    return hub


@pytest.fixture
def central_agency(db):
    """A central agency that runs no hub."""
    return AgencyFactory(agency_type=AgencyType.LEMBAGA, name="Lembaga Tanpa Hub", abbreviation="LTH", province=None)


@pytest.fixture
def agency_without_hub(db):
    """An agency of Bali, a province that is not a hub."""
    return make_agency("51", AgencyType.PEMPROV, name="Pemerintah Provinsi Bali", abbreviation="Pemprov Bali")


class TestPages:
    def test_a_page_belongs_to_its_parent_hub(self, hub_a, hub_b, agency_a):
        innovation = InnovationPageFactory(parent=hub_a, agency=agency_a)
        news = NewsPageFactory(parent=hub_b)
        assert hub_of_page(innovation) == hub_a
        assert hub_of_page(news) == hub_b

    def test_a_page_outside_any_hub_has_none(self, site_pages):
        assert hub_of_page(site_pages["hubs"]) is None

    def test_attach_hubs_sets_each_hub_in_one_query(self, hub_a, hub_b, agency_a, agency_b, django_assert_num_queries):
        pages = [InnovationPageFactory(parent=hub_a, agency=agency_a), EventPageFactory(parent=hub_b),
                 InnovationPageFactory(parent=hub_b, agency=agency_b)]
        with django_assert_num_queries(1):
            result = attach_hubs(pages)
        assert [page.hub for page in result] == [hub_a, hub_b, hub_b]

    def test_attach_hubs_of_nothing_runs_no_query(self, db, django_assert_num_queries):
        with django_assert_num_queries(0):
            assert attach_hubs([]) == []

    def test_in_hub_q_reaches_pages_directly_and_through_a_relation(self, hub_a, hub_b, agency_a, agency_b):
        mine = InnovationPageFactory(parent=hub_a, agency=agency_a)
        InnovationPageFactory(parent=hub_b, agency=agency_b)
        assert list(InnovationPage.objects.filter(in_hub_q(hub_a))) == [mine]
        assert list(InnovationPage.objects.filter(in_hub_q(hub_a.path))) == [mine]
        award = InnovationAwardFactory(innovation=mine)
        InnovationAwardFactory(innovation=InnovationPageFactory(parent=hub_b, agency=agency_b))
        assert list(InnovationAward.objects.filter(in_hub_q(hub_a, prefix="innovation__"))) == [award]

    def test_the_directory_finds_the_hub_of_a_page_path_without_queries(self, hub_a, agency_a, django_assert_num_queries):
        page = InnovationPageFactory(parent=hub_a, agency=agency_a)
        hubs = HubDirectory()
        with django_assert_num_queries(0):
            assert hubs.of_page_path(page.path) == hub_a
            assert hubs.by_slug["sulawesi-utara"] == hub_a


class TestAgencies:
    def test_a_provincial_government_belongs_to_its_province_hub(self, hub_a, agency_a, agency_a2):
        assert hub_of_agency(agency_a) == hub_a
        assert hub_of_agency(agency_a2) == hub_a  # a city of the province too

    def test_a_ministry_belongs_to_the_hub_it_runs(self, ministry_hub, ministry, hub_a):
        assert hub_of_agency(ministry) == ministry_hub

    def test_the_hub_an_agency_runs_comes_before_its_provinces(self, hub_a, hub_b, site_pages):
        # an agency registered in Sulawesi Utara that runs a K/L hub
        agency = make_agency("71", AgencyType.LEMBAGA, name="Balai Percontohan Manado", abbreviation="BPM")
        own = HubPageFactory(parent=site_pages["hubs"], slug="balai-uji", hub_type=HubPage.HubType.KL, agency=agency)
        assert hub_of_agency(agency) == own
        assert set(agencies_of_hub(own).values_list("pk", flat=True)) == {agency.pk}
        assert agency.pk not in set(agencies_of_hub(hub_a).values_list("pk", flat=True))

    def test_an_agency_without_a_hub_belongs_to_none(self, hub_a, central_agency, agency_without_hub):
        assert hub_of_agency(central_agency) is None
        assert hub_of_agency(agency_without_hub) is None
        assert hub_of_agency(None) is None

    def test_agencies_of_a_hub_are_the_inverse(self, hub_a, hub_b, ministry_hub, ministry, agency_a, agency_a2,
                                               agency_b, central_agency, agency_without_hub):
        hub_a.agency = agency_a
        hub_a.save()
        everyone = [ministry, agency_a, agency_a2, agency_b, central_agency, agency_without_hub]
        hubs = HubDirectory()
        for hub in (hub_a, hub_b, ministry_hub, hubs.national):
            members = set(agencies_of_hub(hub).values_list("pk", flat=True))
            assert members == {a.pk for a in everyone if hub_of_agency(a) == hub}, hub
        assert set(agencies_of_hub(hub_a).values_list("pk", flat=True)) == {agency_a.pk, agency_a2.pk}

    def test_the_directory_answers_as_the_single_lookups(self, hub_a, hub_b, ministry_hub, ministry, agency_a, agency_b,
                                                         central_agency, agency_without_hub, django_assert_num_queries):
        with django_assert_num_queries(1):
            hubs = HubDirectory()
        agencies = [ministry, agency_a, agency_b, central_agency, agency_without_hub, None]
        with django_assert_num_queries(0):
            found = [hubs.of_agency(a) for a in agencies]
            homes = [hubs.home_for(a) for a in agencies]
        assert found == [hub_of_agency(a) for a in agencies]
        assert homes == [home_hub(a) for a in agencies]

    def test_one_agency_costs_one_query(self, hub_a, agency_a, django_assert_num_queries):
        with django_assert_num_queries(1):
            assert hub_of_agency(agency_a) == hub_a
        with django_assert_num_queries(1):
            assert home_hub(agency_a) == hub_a


class TestHomeHub:
    """Where new content of an agency goes (imports, replica pages)."""

    def test_the_agencys_own_hub(self, ministry_hub, ministry, hub_a):
        assert home_hub(ministry) == ministry_hub

    def test_the_province_hub(self, hub_a, agency_a2):
        assert home_hub(agency_a2) == hub_a

    def test_the_national_hub_for_an_agency_in_a_province_without_a_hub(self, site_pages, hub_a, agency_without_hub):
        assert home_hub(agency_without_hub) == site_pages["national_hub"]

    def test_the_national_hub_for_a_central_agency_without_a_hub(self, site_pages, central_agency):
        assert home_hub(central_agency) == site_pages["national_hub"]

    def test_none_without_a_national_hub(self, db, agency_without_hub):
        assert not HubPage.objects.exists()
        assert home_hub(agency_without_hub) is None


class TestCoordinators:
    def test_a_user_coordinates_the_hubs_of_their_coordinator_groups(self, hub_a, hub_b, coordinator_a):
        assert coordinated_hub_paths(coordinator_a) == [hub_a.path]
        coordinator_a.groups.add(hub_b.roles.coordinators)
        assert sorted(coordinated_hub_paths(coordinator_a)) == sorted([hub_a.path, hub_b.path])

    def test_agency_editors_and_anonymous_users_coordinate_nothing(self, editor_a):
        from django.contrib.auth.models import AnonymousUser

        assert coordinated_hub_paths(editor_a) == []
        assert coordinated_hub_paths(AnonymousUser()) == []

    def test_coordinator_addresses_are_the_active_coordinators_with_an_address(self, hub_a, hub_b, coordinator_a,
                                                                                coordinator_b, editor_a):
        silent = make_coordinator(hub_a, email="")
        gone = make_coordinator(hub_a, is_active=False)
        assert coordinator_addresses(hub_a) == {coordinator_a.email}
        assert silent.email == "" and gone.email not in coordinator_addresses(hub_a)
        assert coordinator_addresses(None) == set()

    def test_a_hub_without_coordinators_has_no_addresses(self, site_pages):
        hub = make_hub(site_pages["hubs"], "51", "Hub JIPP Bali", "bali")
        assert coordinator_addresses(hub) == set()
