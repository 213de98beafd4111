import pytest

from agencies.models import AgencyType
from tests.helpers import make_agency

SAMPLES = "docs/import"


@pytest.fixture
def intake_world(hub_a, hub_b, agency_a, agency_a2, agency_b):
    """The hubs and agencies the sample files in docs/import name."""
    from agencies.factories import regency

    extra = {
        "Pemerintah Kota Bitung": ("71", AgencyType.PEMKOT, "71.72", "Pemkot Bitung"),
        "Pemerintah Kabupaten Bolaang Mongondow": ("71", AgencyType.PEMKAB, "71.01", "Pemkab Bolmong"),
        "Pemerintah Kabupaten Minahasa": ("71", AgencyType.PEMKAB, "71.02", "Pemkab Minahasa"),
        "Pemerintah Kota Kediri": ("35", AgencyType.PEMKOT, "35.71", "Pemkot Kediri"),
    }
    agencies = {a.name: a for a in (agency_a, agency_a2, agency_b)}
    for name, (province, kind, code, abbreviation) in extra.items():
        agencies[name] = make_agency(province, kind, name=name, abbreviation=abbreviation, regency=regency(code))
    return {"hub_a": hub_a, "hub_b": hub_b, "agencies": agencies}


HEADER = "sumber,id_sumber,judul,ringkasan,instansi,tahun_mulai"


def csv_bytes(*rows, header=HEADER):
    return ("\n".join([header, *rows]) + "\n").encode("utf-8")
