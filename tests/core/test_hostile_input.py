"""Fuzzed query parameters and public forms: Unicode digits, huge and negative numbers, NUL and
control characters never give a 500 (issue 17). The demo portal answers through the real test
client; hypothesis chooses the page, the parameter and the value."""
import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db

PARAMS = ["halaman", "per_halaman", "q", "urutkan", "batas", "waktu", "hub", "provinsi", "jenis_instansi",
          "kategori", "sdg", "tahun", "penghargaan", "status", "tag", "replikasi", "tahap", "model", "periode", "p"]

hostile = st.one_of(
    st.sampled_from(["²", "٣", "３", "-1", "0", "9" * 5000, "99999999999999999999", "\x00", "1\x00", "\r\n", "\x1b",
                     "%", "' OR 1=1 --", "1e309", "NaN", "-0"]),
    st.integers(min_value=-(10**40), max_value=10**40).map(str),
    st.text(alphabet=st.characters(categories=["Nd", "No", "Cc", "Zs", "Cf"]), min_size=1, max_size=8),
    st.text(max_size=30),
)


@pytest.fixture
def public_urls(demo):
    from hubs.models import HubPage
    from innovations.models import InnovationPage
    from pkri.models import Cycle

    hub = HubPage.objects.live().exclude(depth=3).first() or HubPage.objects.live().first()
    innovation = InnovationPage.objects.live().public().first()
    cycle = Cycle.objects.order_by("year").first()
    return ["/", "/inovasi/", "/cari/", "/api/cari/saran/", "/replikasi/", "/replikasi/unduh.csv", "/berita/",
            "/agenda/", "/artikel/", "/hub/", hub.url, innovation.url, "/pkri/", f"/pkri/{cycle.year}/",
            "/data/", "/umpan/inovasi/", "/sitemap.xml"]


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_fuzzed_query_parameters_never_answer_500(public_urls, data):
    url = data.draw(st.sampled_from(public_urls))
    params = data.draw(st.dictionaries(st.sampled_from(PARAMS), hostile, min_size=1, max_size=3))
    if url == "/cari/":
        params.setdefault("q", "layanan")
    response = Client(raise_request_exception=False).get(url, params)
    assert response.status_code < 500, (url, params)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(fields=st.fixed_dictionaries({k: hostile for k in ("name", "email", "organisation", "message")}))
def test_fuzzed_contact_form_never_answers_500(demo, fields):
    from innovations.models import InnovationPage

    page = InnovationPage.objects.live().public().exclude(contact_email="").first()
    response = Client(raise_request_exception=False).post(f"{page.url}kontak/", fields)
    assert response.status_code < 500, fields
