"""Replication pages: the national dashboard and CSV, the detail page and its forms, the panels
on innovation and hub pages, and who sees what."""
import csv
import io

import pytest

from innovations.factories import InnovationPageFactory
from replication import rules
from replication.factories import ReplicationFactory
from replication.models import Model, Replication, Stage
from tests.helpers import count_queries, make_agency, soup_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def public_replication(origin, agency_b):
    return ReplicationFactory(origin=origin, adopter=agency_b, stage=Stage.IMPLEMENTASI)


@pytest.fixture
def interest(origin, agency_a2):
    return ReplicationFactory(origin=origin, adopter=agency_a2, stage=Stage.MINAT, model=Model.KERJA_SAMA,
                              owner_decision="menunggu")


def many(origin, n, province_code="35"):
    for i in range(n):
        adopter = make_agency(province_code, name=f"Instansi Replikator {province_code}-{i}", abbreviation=f"IR{i}")
        ReplicationFactory(origin=origin, adopter=adopter, stage=Stage.KESEPAKATAN)


class TestDashboard:
    def test_empty_state(self, client, site_pages):
        response = client.get("/replikasi/")
        assert response.status_code == 200
        assert "Belum ada replikasi publik" in response.content.decode()

    def test_counts_charts_network_and_table_show_only_public(self, client, public_replication, interest, origin):
        response = client.get("/replikasi/")
        html = response.content.decode()
        assert response.context["total"] == 1
        assert {v: n for v, _l, n in response.context["stage_counts"]}["implementasi"] == 1
        assert response.context["most_replicated"] == [(origin, 1)]
        assert [e["replication"] for e in response.context["network"]["edges"]] == [public_replication]
        assert public_replication.adopter.name in html and interest.adopter.name not in html
        assert "<svg" in html and "Tampilkan data sebagai tabel" in html  # chart with its table alternative

    def test_filters_combine_and_bad_values_are_ignored(self, client, public_replication, hub_a, hub_b, origin):
        assert client.get("/replikasi/?provinsi=jawa-timur").context["total"] == 1
        assert client.get("/replikasi/?provinsi=bali").context["total"] == 0
        assert client.get(f"/replikasi/?hub={hub_a.slug}").context["total"] == 1  # origin's hub
        assert client.get(f"/replikasi/?hub={hub_b.slug}").context["total"] == 1  # adopter's hub
        assert client.get("/replikasi/?tahap=melembaga").context["total"] == 0
        for query in ("tahap=terbang", "tahun=abc", "hub=%00", "provinsi=<script>", "halaman=-5", "tahun=99999"):
            response = client.get(f"/replikasi/?{query}")
            assert response.status_code == 200, query
            assert response.context["total"] == 1, query  # the bad filter is dropped

    def test_query_count_does_not_grow_with_rows(self, client, origin):
        many(origin, 3)
        client.get("/replikasi/")  # warm the per-process caches (menu, site root)
        _response, few = count_queries(client, "/replikasi/")
        many(origin, 12, province_code="71")
        client.get("/replikasi/")  # the change began a new cache generation: view restrictions read once more
        response, more = count_queries(client, "/replikasi/")
        assert response.context["total"] == 15
        assert more == few

    def test_csv_export_is_filtered_and_neutralised(self, client, origin, hub_b):
        evil = make_agency("35", name="=HYPERLINK(\"http://x\")", abbreviation="EVIL")
        ReplicationFactory(origin=origin, adopter=evil, stage=Stage.KESEPAKATAN)
        ReplicationFactory(origin=origin, adopter=make_agency("71", name="Kab Uji Sulut"), stage=Stage.MINAT)
        response = client.get("/replikasi/unduh.csv?provinsi=jawa-timur")
        assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        assert rows[0][0] == "ID" and len(rows) == 2  # header + the one public replication in Jatim
        assert rows[1][3] == "'=HYPERLINK(\"http://x\")"


class TestDetail:
    def test_public_replication_is_visible_to_all(self, client, public_replication):
        response = client.get(f"/replikasi/{public_replication.pk}/")
        assert response.status_code == 200 and response.context["move_form"] is None

    def test_interest_is_hidden_from_the_public_and_outsiders(self, client, interest, outsider, owner, coordinator_a):
        assert client.get(f"/replikasi/{interest.pk}/").status_code == 404
        client.force_login(outsider)
        assert client.get(f"/replikasi/{interest.pk}/").status_code == 404
        client.force_login(owner)
        response = client.get(f"/replikasi/{interest.pk}/")
        assert response.status_code == 200 and response.context["decision_form"] is not None
        assert response.context["move_form"] is None  # the owner answers, it does not move stages
        client.force_login(coordinator_a)
        assert client.get(f"/replikasi/{interest.pk}/").status_code == 200

    def test_missing_replication_is_404(self, client, site_pages):
        assert client.get("/replikasi/999999/").status_code == 404


class TestForms:
    def test_start_flow(self, client, origin, adopter_user, unit_b):
        client.force_login(adopter_user)
        page = client.get(origin.url)
        assert f"/replikasi/ajukan/{origin.pk}/" in page.content.decode()
        form = client.get(f"/replikasi/ajukan/{origin.pk}/")
        assert list(form.context["form"].fields["service_unit"].queryset) == [unit_b]
        response = client.post(f"/replikasi/ajukan/{origin.pk}/", {"reason": "", "model": "mandiri"})
        assert response.status_code == 200 and "reason" in response.context["form"].errors
        response = client.post(f"/replikasi/ajukan/{origin.pk}/", {
            "reason": "Antrean Samsat kami panjang.", "model": "kerja_sama", "service_unit": unit_b.pk})
        replication = Replication.objects.get()
        assert response.status_code == 302 and response["Location"] == f"/replikasi/{replication.pk}/"
        # a second request is refused on the form, with the rule's message
        response = client.post(f"/replikasi/ajukan/{origin.pk}/", {"reason": "Lagi.", "model": "mandiri"})
        assert "sudah memiliki replikasi" in str(response.context["form"].non_field_errors())
        assert Replication.objects.count() == 1

    def test_start_needs_login_and_an_agency(self, client, origin, coordinator_a):
        response = client.get(f"/replikasi/ajukan/{origin.pk}/")
        assert response.status_code == 302 and "/admin/login/" in response["Location"]
        client.force_login(coordinator_a)
        assert client.get(f"/replikasi/ajukan/{origin.pk}/").status_code == 403
        assert client.get("/replikasi/ajukan/999999/").status_code == 404

    def test_owner_does_not_get_the_button_on_its_own_innovation(self, client, origin, owner):
        client.force_login(owner)
        html = client.get(origin.url).content.decode()
        assert f"/replikasi/ajukan/{origin.pk}/" not in html and "Ini inovasi instansi Anda" in html

    def test_decide_then_move_through_the_forms(self, client, origin, adopter_user, owner):
        replication = rules.start_replication(adopter_user, origin, reason="Kerja sama.", model=Model.KERJA_SAMA)
        client.force_login(owner)
        response = client.post(f"/replikasi/{replication.pk}/jawaban/", {"version": 0, "decision": "tolak", "reason": ""})
        assert response.status_code == 302
        replication.refresh_from_db()
        assert replication.owner_decision == "menunggu"  # a refusal needs a reason: nothing changed
        client.post(f"/replikasi/{replication.pk}/jawaban/", {"version": 0, "decision": "terima", "reason": "Silakan."})
        replication.refresh_from_db()
        assert replication.owner_decision == "diterima"
        client.force_login(adopter_user)
        client.post(f"/replikasi/{replication.pk}/tahap/", {"version": replication.version, "to_stage": "kesepakatan",
                                                              "date": "2026-01-05", "note": "PKS ditandatangani."})
        replication.refresh_from_db()
        assert replication.stage == Stage.KESEPAKATAN and replication.is_public
        # a stale form (old version) is refused with a message, and nothing moves
        response = client.post(f"/replikasi/{replication.pk}/tahap/", {"version": 0, "to_stage": "persiapan",
                                                                         "date": "2026-01-06"}, follow=True)
        assert "baru saja diubah" in response.content.decode()
        replication.refresh_from_db()
        assert replication.stage == Stage.KESEPAKATAN

    def test_others_cannot_post_moves(self, client, public_replication, outsider, owner):
        for user in (outsider, owner):
            client.force_login(user)
            client.post(f"/replikasi/{public_replication.pk}/tahap/", {"version": 0, "to_stage": "evaluasi", "date": "2026-01-01"})
            public_replication.refresh_from_db()
            assert public_replication.stage == Stage.IMPLEMENTASI
        client.logout()
        assert client.get(f"/replikasi/{public_replication.pk}/tahap/").status_code in (302, 405)

    def test_report_and_replica_forms(self, client, origin, adopter_user, hub_b):
        replication = rules.start_replication(adopter_user, origin, reason="Mandiri.", model=Model.MANDIRI)
        client.force_login(adopter_user)
        assert client.get(f"/replikasi/{replication.pk}/laporan/").status_code == 404  # not yet implemented
        for stage in (Stage.PERSIAPAN, Stage.IMPLEMENTASI):
            replication.refresh_from_db()
            rules.move(adopter_user, replication.pk, stage, expected_version=replication.version)
        response = client.post(f"/replikasi/{replication.pk}/laporan/", {"results": "Antrean turun.", "rating": 9})
        assert response.status_code == 200 and "rating" in response.context["form"].errors
        client.post(f"/replikasi/{replication.pk}/laporan/", {"results": "Antrean turun.", "rating": 4})
        assert replication.reports.get().rating == 4
        response = client.post(f"/replikasi/{replication.pk}/replika/", {"title": "Samsat Pos Jatim", "scope": "utuh"})
        replication.refresh_from_db()
        assert response.status_code == 302 and f"/admin/pages/{replication.replica_id}/edit/" in response["Location"]


class TestPanels:
    def test_innovation_page_shows_public_replications_and_reports(self, client, origin, public_replication, interest):
        rules.file_report(_superuser(), public_replication, results="Antrean turun 40%.", rating=5)
        html = client.get(origin.url).content.decode()
        soup = soup_of(client.get(origin.url))
        panel = soup.find(id="replication-title").parent
        assert public_replication.adopter.name in panel.text and interest.adopter.name not in panel.text
        assert "Antrean turun 40%." in html and "rata-rata 5" in html
        assert "Masuk untuk mengajukan replikasi" in html

    def test_hub_page_figures(self, client, origin, hub_a, public_replication):
        figures = client.get(hub_a.url).content.decode()
        assert "replikasi inovasi hub ini oleh instansi lain" in figures
        soup = soup_of(client.get(hub_a.url))
        stats = soup.find(id="hub-replication-title").parent.find("ul").find_all("strong")
        assert [s.text for s in stats] == ["1", "0", "0"]

    def test_innovation_page_query_count_does_not_grow_with_replications(self, client, origin):
        many(origin, 2)
        client.get(origin.url)  # warm the per-process caches (menu, site root)
        _r, few = count_queries(client, origin.url)
        many(origin, 10, province_code="71")
        client.get(origin.url)  # the change began a new cache generation: view restrictions read once more
        _r, more = count_queries(client, origin.url)
        assert more == few

    def test_mine_lists_both_sides(self, client, origin, public_replication, adopter_user, owner):
        client.force_login(adopter_user)
        response = client.get("/replikasi/saya/")
        assert list(response.context["as_adopter"].object_list) == [public_replication]
        client.force_login(owner)
        assert client.get("/replikasi/saya/").context["as_owner"] == [public_replication]


def _superuser():
    from tests.helpers import make_superuser

    return make_superuser()


def test_admin_dashboard_panel_lists_what_awaits(client, interest, owner, outsider):
    client.force_login(owner)
    html = client.get("/admin/").content.decode()
    assert "Replikasi menunggu tindakan Anda" in html and interest.adopter.name in html
    client.force_login(outsider)
    assert "Replikasi menunggu tindakan Anda" not in client.get("/admin/").content.decode()


def test_other_innovations_are_unaffected(client, origin, public_replication, hub_a, agency_a):
    other = InnovationPageFactory(parent=hub_a, agency=agency_a, title="Inovasi Lain", slug="lain")
    html = client.get(other.url).content.decode()
    assert "Belum ada replikasi yang tercatat" in html


def test_evidence_is_served_only_to_those_who_may_see_the_replication(client, origin, adopter_user, outsider, owner):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from replication.models import Evidence, EvidenceKind

    letter = SimpleUploadedFile("surat-minat.pdf", b"%PDF-1.4 surat minat", content_type="application/pdf")
    replication = rules.start_replication(adopter_user, origin, reason="Minat.", model=Model.MANDIRI,
                                          evidence=[(EvidenceKind.SURAT_MINAT, letter)])
    item = Evidence.objects.get()
    url = f"/replikasi/{replication.pk}/dokumen/{item.pk}/"
    assert client.get(url).status_code == 404  # public: interest is private
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    client.force_login(owner)
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"%PDF-1.4 surat minat"
    assert client.get(f"/replikasi/{replication.pk}/dokumen/{item.pk + 1}/").status_code == 404


def test_officials_names_are_shown_to_the_parties_only(client, origin, adopter_user, owner):
    replication = rules.start_replication(adopter_user, origin, reason="Mandiri.", model=Model.MANDIRI)
    rules.move(adopter_user, replication.pk, Stage.PERSIAPAN, expected_version=0)
    public = client.get(f"/replikasi/{replication.pk}/").content.decode()
    assert adopter_user.username not in public and "Pemerintah Provinsi Jawa Timur" in public
    client.force_login(owner)
    assert adopter_user.username in client.get(f"/replikasi/{replication.pk}/").content.decode()
