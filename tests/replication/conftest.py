"""The replication cast: an origin innovation of Pemprov Sulut (hub A) and its people, an
adopter in hub B (Pemprov Jatim) with its editor, and outsiders."""
import pytest

from agencies.factories import ServiceUnitFactory
from innovations.factories import InnovationPageFactory
from tests.helpers import make_agency, make_agency_editor


@pytest.fixture
def origin(hub_a, agency_a):
    return InnovationPageFactory(parent=hub_a, agency=agency_a, title="Samsat Delivery Pos", acronym="SADELPOS",
                                 slug="sadelpos", summary="Pajak kendaraan dibayar lewat kantor pos.")


@pytest.fixture
def owner(editor_a):
    """A user acting for the owner agency (Pemprov Sulut)."""
    return editor_a


@pytest.fixture
def adopter_user(hub_b, agency_b):
    return make_agency_editor(hub_b, agency_b, username="editor-pemprov-jatim")


@pytest.fixture
def unit_b(agency_b):
    return ServiceUnitFactory(agency=agency_b, name="Bapenda Jatim")


@pytest.fixture
def outsider(hub_b):
    """An editor of a third agency (also in hub B) with no part in the replication."""
    agency = make_agency("35", name="Pemerintah Kota Surabaya Uji", abbreviation="Pemkot Uji")
    return make_agency_editor(hub_b, agency, username="editor-lain")


@pytest.fixture
def coordinator_c(site_pages):
    """Coordinator of a hub that has nothing to do with the replication."""
    from tests.helpers import make_coordinator, make_hub

    hub = make_hub(site_pages["hubs"], "51", "Hub JIPP Bali", "bali")
    return make_coordinator(hub, username="koordinator-bali")
