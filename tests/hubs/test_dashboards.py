"""The admin home's role dashboards (hubs.dashboards): who sees which panel, what each lists
(only their own hubs' or agency's records), the Indonesian empty states, and a fixed number of
queries per panel whatever the data."""
import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from agencies.factories import UserFactory
from hubs.dashboards import coordinator_panel, editor_panel, national_panel, panels_for
from hubs.membership import coordinated_hub_paths
from innovations.factories import InnovationPageFactory
from news.factories import EventPageFactory
from pkri.factories import CycleFactory
from pkri.models import AssessmentObject, Group, Locus, ObjectStatus
from replication.factories import ReplicationFactory
from replication.models import Stage
from tests.helpers import make_draft, soup_of

pytestmark = pytest.mark.django_db

LONG_AGO = datetime.date.today() - datetime.timedelta(days=800)
RECENT = datetime.date.today() - datetime.timedelta(days=30)


def home(client, user):
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 200
    return soup_of(response)


def items(soup, panel, key):
    section = soup.select_one(f"#{panel}")
    return [li.get_text(" ", strip=True) for li in section.select(f"[data-list={key}] li")]


def empty(soup, panel, key):
    return soup.select_one(f"#{panel} [data-empty={key}]")


def in_moderation(hub, page, user):
    page.save_revision(user=user)
    hub.roles.workflow.start(page, user)


@pytest.fixture
def hub_records(hub_a, hub_b, agency_a, agency_a2, agency_b, editor_a):
    """Records of both hubs: a coordinator of A must see A's only."""
    records = {}
    for hub, agency, tag in ((hub_a, agency_a, "Sulut"), (hub_b, agency_b, "Jatim")):
        waiting = make_draft(InnovationPageFactory, hub, agency=agency, title=f"Menunggu Moderasi {tag}")
        in_moderation(hub, waiting, editor_a)
        InnovationPageFactory(parent=hub, agency=agency, title=f"Lama Tak Diverifikasi {tag}", last_verified=LONG_AGO)
        InnovationPageFactory(parent=hub, agency=agency, title=f"Baru Diverifikasi {tag}", last_verified=RECENT)
        EventPageFactory(parent=hub, title=f"Temu Inovasi {tag}", start=timezone.now() + datetime.timedelta(days=5))
        EventPageFactory(parent=hub, title=f"Kegiatan Lalu {tag}", start=timezone.now() - datetime.timedelta(days=5))
        origin = InnovationPageFactory(parent=hub, agency=agency, title=f"Asal Replikasi {tag}")
        records[tag] = ReplicationFactory(origin=origin, adopter=agency_a2 if tag == "Sulut" else agency_b)
    return records


def test_a_coordinator_sees_their_hubs_queue_stale_records_replications_and_events(client, coordinator_a, hub_records):
    soup = home(client, coordinator_a)
    panel = "dasbor-koordinator"
    assert [t.split(" — ")[0] for t in items(soup, panel, "moderasi")] == ["Menunggu Moderasi Sulut"]
    assert [t.split(" — ")[0] for t in items(soup, panel, "usang")] == ["Lama Tak Diverifikasi Sulut"]
    assert any("Asal Replikasi Sulut" in t for t in items(soup, panel, "replikasi"))
    assert not any("Jatim" in t for t in items(soup, panel, "replikasi"))
    assert [t.split(" — ")[0] for t in items(soup, panel, "kegiatan")] == ["Temu Inovasi Sulut"]
    assert soup.select_one("#dasbor-editor") is None and soup.select_one("#dasbor-nasional") is None
    # the replication waiting for them is listed once, in their panel, not again in a panel of its own
    assert sum("Asal Replikasi Sulut" in a.get_text() for a in soup.select("a")) == 1
    assert soup.select_one("#awaiting-replications-title") is None


def test_a_coordinators_empty_states_are_in_indonesian(client, coordinator_a):
    soup = home(client, coordinator_a)
    assert "Tidak ada halaman yang menunggu moderasi." in empty(soup, "dasbor-koordinator", "moderasi").get_text()
    assert "24 bulan" in empty(soup, "dasbor-koordinator", "usang").get_text()
    assert empty(soup, "dasbor-koordinator", "replikasi") is not None
    assert "Belum ada kegiatan mendatang" in empty(soup, "dasbor-koordinator", "kegiatan").get_text()


def test_an_agency_editor_sees_their_drafts_pkri_to_do_and_replications(client, editor_a, agency_a, agency_a2, hub_a):
    make_draft(InnovationPageFactory, hub_a, agency=agency_a, title="Draf Pemprov")
    make_draft(InnovationPageFactory, hub_a, agency=agency_a2, title="Draf Pemkot")  # another agency
    live = InnovationPageFactory(parent=hub_a, agency=agency_a, title="Terbit Dengan Perubahan")
    live.title = "Perubahan Tertunda"
    live.save_revision()
    InnovationPageFactory(parent=hub_a, agency=agency_a, title="Terbit Bersih")
    cycle = CycleFactory(year=2026)
    closed = CycleFactory(year=2025, self_assessment_closes=timezone.now() - datetime.timedelta(days=1))
    for c, title in ((cycle, "Objek PKRI Terbuka"), (closed, "Objek PKRI Tutup")):
        innovation = InnovationPageFactory(parent=hub_a, agency=agency_a, title=title)
        AssessmentObject.objects.create(cycle=c, locus=Locus.objects.create(cycle=c, agency=agency_a),
                                        group=Group.KEBERLANJUTAN, innovation=innovation)
    submitted = InnovationPageFactory(parent=hub_a, agency=agency_a, title="Objek PKRI Diajukan")
    AssessmentObject.objects.create(cycle=cycle, locus=Locus.objects.get(cycle=cycle, agency=agency_a),
                                    group=Group.KEBERLANJUTAN, innovation=submitted, status=ObjectStatus.DIAJUKAN)
    ReplicationFactory(origin=live, adopter=agency_a2, stage=Stage.IMPLEMENTASI)

    soup = home(client, editor_a)
    panel = "dasbor-editor"
    drafts = items(soup, panel, "draf")
    assert sorted(t.split(" — ")[0] for t in drafts) == ["Draf Pemprov", "Terbit Dengan Perubahan"]
    assert [t.split(" — ")[0] for t in items(soup, panel, "pkri")] == ["Objek PKRI Terbuka"]
    assert any("Terbit Dengan Perubahan" in t and "Implementasi" in t for t in items(soup, panel, "replikasi"))
    assert soup.select_one("#dasbor-koordinator") is None and soup.select_one("#dasbor-nasional") is None


def test_an_agency_editors_empty_states_are_in_indonesian(client, editor_a):
    soup = home(client, editor_a)
    assert "Tidak ada draf" in empty(soup, "dasbor-editor", "draf").get_text()
    assert "PKRI" in empty(soup, "dasbor-editor", "pkri").get_text()
    assert "belum terlibat dalam replikasi" in empty(soup, "dasbor-editor", "replikasi").get_text()


def test_a_national_admin_sees_national_figures(client, national_admin, hub_records):
    soup = home(client, national_admin)
    figures = {dd["data-figure"]: dd.get_text(strip=True) for dd in soup.select("#dasbor-nasional dd")}
    assert figures["inovasi"] == "6"  # two stale, two fresh, two origins
    assert figures["draf"] == "2"
    assert figures["usang"] == "2"
    assert figures["moderasi"] == "2"
    assert figures["hub"] == "3"  # A, B and the national hub
    assert figures["replikasi-minat"] == "2"
    assert soup.select_one("#dasbor-koordinator") is None and soup.select_one("#dasbor-editor") is None


def test_a_national_admin_on_an_empty_portal_gets_an_indonesian_note(client, national_admin, site_pages):
    soup = home(client, national_admin)
    assert "Belum ada inovasi terbit" in empty(soup, "dasbor-nasional", "nasional").get_text()


def test_people_without_a_role_see_no_dashboard(site_pages):
    assert panels_for(UserFactory(username="tanpa-peran", is_staff=True)) == []


def _queries(build):
    """(queries to build the panel, queries to render it)."""
    with CaptureQueriesContext(connection) as built:
        panel = build()
    with CaptureQueriesContext(connection) as rendered:
        panel.render_html({})
    return len(built.captured_queries), len(rendered.captured_queries)


def test_each_panel_runs_a_fixed_number_of_queries(hub_a, agency_a, agency_a2, coordinator_a, editor_a):
    paths = coordinated_hub_paths(coordinator_a)
    cycle = CycleFactory(year=2026)
    locus = Locus.objects.create(cycle=cycle, agency=agency_a)

    def add(n):
        for i in range(n):
            draft = make_draft(InnovationPageFactory, hub_a, agency=agency_a, title=f"Draf {i}-{n}")
            in_moderation(hub_a, draft, editor_a)
            page = InnovationPageFactory(parent=hub_a, agency=agency_a, title=f"Lama {i}-{n}", last_verified=LONG_AGO)
            EventPageFactory(parent=hub_a, start=timezone.now() + datetime.timedelta(days=i + 1))
            ReplicationFactory(origin=page, adopter=agency_a2)
            AssessmentObject.objects.create(cycle=cycle, locus=locus, group=Group.KEBERLANJUTAN, innovation=page)

    def measure():
        coordinator = type(coordinator_a).objects.get(pk=coordinator_a.pk)  # as fresh as a request's user
        return {
            "koordinator": _queries(lambda: coordinator_panel(coordinator, paths)),
            "editor": _queries(lambda: editor_panel(agency_a)),
            "nasional": _queries(national_panel),
        }

    add(1)
    few = measure()
    add(6)
    many = measure()
    assert few == many
    assert many == {"koordinator": (8, 0), "editor": (3, 0), "nasional": (5, 0)}


def test_the_dashboard_asks_once_not_per_hub_whether_the_user_may_moderate(client, coordinator_a, editor_a,
                                                                           hub_records, site_pages):
    """Each hub has its own moderation task; Wagtail's review panel asked each task with a query
    (35 of an editor's 68 on the demo). hubs.wagtail_hooks.prefill_approval_checks answers them in one."""
    from tests.helpers import make_hub

    def dashboard(user):
        client.force_login(user)
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/admin/")
        assert response.status_code == 200
        return len(captured), response.content.decode()

    for user in (coordinator_a, editor_a):
        dashboard(user)  # first visits fill per-process caches (menus, content types)
    before = {user.pk: dashboard(user) for user in (coordinator_a, editor_a)}
    for code, title, slug in (("11", "Hub JIPP Aceh", "aceh"), ("12", "Hub JIPP Sumatera Utara", "sumatera-utara"),
                              ("13", "Hub JIPP Sumatera Barat", "sumatera-barat"), ("14", "Hub JIPP Riau", "riau")):
        make_hub(site_pages["hubs"], code, title, slug)
    for user in (coordinator_a, editor_a):
        queries, _html = dashboard(user)
        assert queries == before[user.pk][0], user.username
    # Wagtail's own panel still lists what awaits the coordinator's review, and only that
    coordinator_html = dashboard(coordinator_a)[1]
    assert coordinator_html.count("Menunggu Moderasi Sulut") == before[coordinator_a.pk][1].count("Menunggu Moderasi Sulut") >= 2
    assert "Menunggu Moderasi Jatim" not in coordinator_html
