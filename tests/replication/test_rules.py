"""The replication rules: starting, every transition, who may act, the append-only history,
replica pages and lineage, follow-up reports."""
import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction

from agencies.factories import ServiceUnitFactory
from innovations.models import InnovationPage
from replication import rules, selectors
from replication.models import (
    EvidenceKind,
    Model,
    Notification,
    OwnerDecision,
    Replication,
    ReplicationStep,
    Scope,
    Stage,
)

pytestmark = pytest.mark.django_db


def start(user, origin, model=Model.MANDIRI, **kwargs):
    return rules.start_replication(user, origin, reason="Warga kami antre lama di Samsat.", model=model, **kwargs)


def advance(user, replication, *stages, **kwargs):
    for stage in stages:
        replication.refresh_from_db()
        rules.move(user, replication.pk, stage, expected_version=replication.version, **kwargs)
    replication.refresh_from_db()
    return replication


class TestStarting:
    def test_interest_is_recorded_with_its_first_step(self, origin, adopter_user, agency_b, unit_b, owner, coordinator_a):
        replication = start(adopter_user, origin, service_unit=unit_b)
        assert (replication.stage, replication.adopter, replication.service_unit) == (Stage.MINAT, agency_b, unit_b)
        assert replication.owner_decision == OwnerDecision.TIDAK_PERLU and not replication.is_public
        step = replication.steps.get()
        assert (step.from_stage, step.to_stage, step.actor) == ("", Stage.MINAT, adopter_user)
        assert step.actor_agency == agency_b.name
        # the owner's side hears of it: its agency users and the origin hub's coordinators
        recipients = set(Notification.objects.filter(replication=replication).values_list("recipient", flat=True))
        assert {owner.email, coordinator_a.email} <= recipients and adopter_user.email not in recipients

    def test_kerja_sama_waits_for_the_owner(self, origin, adopter_user):
        replication = start(adopter_user, origin, model=Model.KERJA_SAMA)
        assert replication.owner_decision == OwnerDecision.MENUNGGU

    def test_an_agency_cannot_replicate_its_own_innovation(self, origin, owner):
        with pytest.raises(ValidationError, match="sendiri"):
            start(owner, origin)
        assert not Replication.objects.exists()

    def test_only_users_acting_for_an_agency_may_start(self, origin, coordinator_a, national_admin):
        for user in (coordinator_a, national_admin):
            with pytest.raises(ValidationError, match="mewakili instansi"):
                start(user, origin)

    def test_one_open_replication_per_agency_and_innovation(self, origin, adopter_user):
        first = start(adopter_user, origin)
        with pytest.raises(ValidationError, match="sudah memiliki replikasi"):
            start(adopter_user, origin)
        advance(adopter_user, first, Stage.DIBATALKAN)
        second = start(adopter_user, origin)  # a cancelled one no longer blocks a new start
        assert second.pk != first.pk and Replication.objects.count() == 2

    def test_the_database_also_refuses_a_second_open_replication(self, origin, adopter_user, agency_b):
        start(adopter_user, origin)
        with pytest.raises(IntegrityError), transaction.atomic():
            Replication.objects.create(origin=origin, adopter=agency_b, model=Model.MANDIRI, reason="x")

    def test_service_unit_must_be_the_adopters(self, origin, adopter_user, agency_a):
        with pytest.raises(ValidationError, match="unit dari instansi Anda"):
            start(adopter_user, origin, service_unit=ServiceUnitFactory(agency=agency_a))

    def test_unpublished_innovations_cannot_be_replicated(self, origin, adopter_user):
        origin.unpublish()
        origin.refresh_from_db()
        with pytest.raises(ValidationError, match="tidak tersedia"):
            start(adopter_user, origin)

    def test_evidence_is_checked(self, origin, adopter_user):
        bad = SimpleUploadedFile("surat.exe", b"MZ", content_type="application/octet-stream")
        with pytest.raises(ValidationError, match="tidak diterima"):
            start(adopter_user, origin, evidence=[(EvidenceKind.SURAT_MINAT, bad)])
        assert not Replication.objects.exists()  # nothing half-written
        good = SimpleUploadedFile("surat-minat.pdf", b"%PDF-1.4 uji", content_type="application/pdf")
        replication = start(adopter_user, origin, evidence=[(EvidenceKind.SURAT_MINAT, good)])
        assert replication.steps.get().evidence.get().kind == EvidenceKind.SURAT_MINAT


class TestTransitions:
    def test_mandiri_goes_all_the_way_and_becomes_public_at_preparation(self, origin, adopter_user):
        replication = start(adopter_user, origin)
        advance(adopter_user, replication, Stage.PERSIAPAN)
        assert replication.is_public and replication.public_since is not None
        advance(adopter_user, replication, Stage.IMPLEMENTASI, Stage.EVALUASI, Stage.MELEMBAGA)
        assert replication.stage == Stage.MELEMBAGA and replication.version == 4
        assert list(replication.steps.values_list("to_stage", flat=True)) == [
            Stage.MINAT, Stage.PERSIAPAN, Stage.IMPLEMENTASI, Stage.EVALUASI, Stage.MELEMBAGA]

    def test_agreement_makes_it_public(self, origin, adopter_user):
        replication = start(adopter_user, origin, model=Model.FASILITASI)
        assert rules.allowed_moves(adopter_user, replication) == [Stage.KESEPAKATAN, Stage.DIBATALKAN]
        advance(adopter_user, replication, Stage.KESEPAKATAN)
        assert replication.is_public

    @pytest.mark.parametrize("target", [Stage.IMPLEMENTASI, Stage.EVALUASI, Stage.MELEMBAGA, Stage.DITOLAK, "terbang"])
    def test_senseless_moves_are_refused(self, origin, adopter_user, target):
        replication = start(adopter_user, origin)
        with pytest.raises(ValidationError, match="tidak dimungkinkan"):
            rules.move(adopter_user, replication.pk, target, expected_version=0)
        replication.refresh_from_db()
        assert replication.stage == Stage.MINAT and replication.steps.count() == 1

    def test_cooperation_waits_for_the_owners_answer(self, origin, adopter_user, owner):
        replication = start(adopter_user, origin, model=Model.KERJA_SAMA)
        assert Stage.KESEPAKATAN not in rules.allowed_moves(adopter_user, replication)
        with pytest.raises(ValidationError, match="belum menyetujui"):
            rules.move(adopter_user, replication.pk, Stage.KESEPAKATAN, expected_version=0)
        rules.decide(owner, replication.pk, accept=True, reason="Silakan, kami dampingi.", expected_version=0)
        replication.refresh_from_db()
        assert replication.owner_decision == OwnerDecision.DITERIMA and replication.stage == Stage.MINAT
        advance(adopter_user, replication, Stage.KESEPAKATAN)
        assert replication.stage == Stage.KESEPAKATAN

    def test_a_declined_request_ends_with_the_reason(self, origin, adopter_user, owner):
        replication = start(adopter_user, origin, model=Model.KERJA_SAMA)
        with pytest.raises(ValidationError, match="alasan"):
            rules.decide(owner, replication.pk, accept=False, reason=" ", expected_version=0)
        rules.decide(owner, replication.pk, accept=False, reason="Sistem sedang dimigrasi.", expected_version=0)
        replication.refresh_from_db()
        assert replication.stage == Stage.DITOLAK and replication.owner_reason == "Sistem sedang dimigrasi."
        with pytest.raises(ValidationError, match="sudah selesai"):
            rules.move(adopter_user, replication.pk, Stage.DIBATALKAN, expected_version=replication.version)
        with pytest.raises(ValidationError, match="sudah dijawab"):
            rules.decide(owner, replication.pk, accept=True, expected_version=replication.version)
        # the adopter may try again later
        assert start(adopter_user, origin, model=Model.KERJA_SAMA).stage == Stage.MINAT

    @pytest.mark.parametrize("stage", [Stage.MINAT, Stage.PERSIAPAN, Stage.IMPLEMENTASI, Stage.EVALUASI])
    def test_cancel_from_any_open_stage(self, origin, adopter_user, stage):
        replication = start(adopter_user, origin)
        path = [Stage.PERSIAPAN, Stage.IMPLEMENTASI, Stage.EVALUASI]
        advance(adopter_user, replication, *path[: path.index(stage) + 1] if stage in path else [])
        advance(adopter_user, replication, Stage.DIBATALKAN)
        assert replication.stage == Stage.DIBATALKAN and rules.allowed_moves(adopter_user, replication) == []

    def test_a_stale_version_is_refused(self, origin, adopter_user, coordinator_b):
        replication = start(adopter_user, origin)
        rules.move(coordinator_b, replication.pk, Stage.PERSIAPAN, expected_version=0)
        with pytest.raises(ValidationError, match="baru saja diubah"):
            rules.move(adopter_user, replication.pk, Stage.DIBATALKAN, expected_version=0)
        replication.refresh_from_db()
        assert replication.stage == Stage.PERSIAPAN and replication.steps.count() == 2

    def test_future_dates_are_refused(self, origin, adopter_user):
        replication = start(adopter_user, origin)
        with pytest.raises(ValidationError, match="masa depan"):
            rules.move(adopter_user, replication.pk, Stage.PERSIAPAN, expected_version=0,
                       date=datetime.date.today() + datetime.timedelta(days=2))

    def test_history_is_append_only(self, origin, adopter_user):
        step = start(adopter_user, origin).steps.get()
        step.note = "diubah"
        with pytest.raises(ValidationError):
            step.save()
        with pytest.raises(ValidationError):
            step.delete()
        with pytest.raises(ValidationError):
            ReplicationStep.objects.filter(pk=step.pk).update(note="diubah")
        with pytest.raises(ValidationError):
            ReplicationStep.objects.all().delete()
        step.refresh_from_db()
        assert step.note != "diubah"


class TestWhoMayAct:
    def test_the_owner_cannot_move_the_adopters_replication(self, origin, adopter_user, owner):
        replication = start(adopter_user, origin)
        assert rules.allowed_moves(owner, replication) == []
        with pytest.raises(ValidationError, match="tidak berwenang"):
            rules.move(owner, replication.pk, Stage.DIBATALKAN, expected_version=0)

    def test_another_agency_cannot_act_or_see_interest(self, origin, adopter_user, outsider):
        replication = start(adopter_user, origin, model=Model.KERJA_SAMA)
        assert not rules.can_view(outsider, replication)
        assert not rules.can_decide(outsider, replication)
        with pytest.raises(ValidationError, match="tidak berwenang"):
            rules.move(outsider, replication.pk, Stage.DIBATALKAN, expected_version=0)
        with pytest.raises(ValidationError, match="Hanya instansi pemilik"):
            rules.decide(outsider, replication.pk, accept=True, expected_version=0)
        assert replication not in selectors.visible_to(outsider)

    def test_coordinators_of_either_hub_act_others_do_not(self, origin, adopter_user, coordinator_a, coordinator_b, coordinator_c):
        replication = start(adopter_user, origin, model=Model.KERJA_SAMA)
        assert rules.can_decide(coordinator_a, replication)  # origin's hub
        assert rules.allowed_moves(coordinator_b, replication) == [Stage.DIBATALKAN]  # adopter's hub
        assert not rules.can_view(coordinator_c, replication) and not rules.can_decide(coordinator_c, replication)
        assert set(selectors.visible_to(coordinator_a)) == set(selectors.visible_to(coordinator_b)) == {replication}
        assert list(selectors.visible_to(coordinator_c)) == []

    def test_national_admin_sees_and_acts(self, origin, adopter_user, national_admin):
        replication = start(adopter_user, origin, model=Model.KERJA_SAMA)
        assert rules.can_decide(national_admin, replication) and rules.can_view(national_admin, replication)

    def test_public_sees_only_from_agreement_on(self, origin, adopter_user, outsider, rf):
        from django.contrib.auth.models import AnonymousUser

        replication = start(adopter_user, origin, model=Model.FASILITASI)
        assert not rules.can_view(AnonymousUser(), replication)
        advance(adopter_user, replication, Stage.KESEPAKATAN)
        assert rules.can_view(AnonymousUser(), replication) and rules.can_view(outsider, replication)
        assert rules.allowed_moves(outsider, replication) == []


class TestReplicaAndReports:
    def implemented(self, adopter_user, origin):
        replication = start(adopter_user, origin)
        return advance(adopter_user, replication, Stage.PERSIAPAN, Stage.IMPLEMENTASI)

    def test_replica_page_is_a_draft_under_the_adopters_hub(self, origin, adopter_user, hub_b, agency_b):
        replication = start(adopter_user, origin)
        with pytest.raises(ValidationError, match="setelah implementasi"):
            rules.make_replica_page(adopter_user, replication, scope=Scope.UTUH, title="Samsat Pos Jatim")
        advance(adopter_user, replication, Stage.PERSIAPAN, Stage.IMPLEMENTASI)
        page = rules.make_replica_page(adopter_user, replication, scope=Scope.MODIFIKASI, title="Samsat Pos Jatim")
        page.refresh_from_db()
        assert not page.live and page.get_parent().pk == hub_b.pk and page.agency == agency_b
        replication.refresh_from_db()
        assert replication.replica == page and replication.scope == Scope.MODIFIKASI
        with pytest.raises(ValidationError):
            rules.make_replica_page(adopter_user, replication, scope=Scope.UTUH, title="Lagi")
        assert InnovationPage.objects.filter(title="Lagi").count() == 0

    def test_lineage_spans_two_generations(self, origin, adopter_user, hub_b, agency_a2, editor_a2):
        first = self.implemented(adopter_user, origin)
        replica = rules.make_replica_page(adopter_user, first, scope=Scope.UTUH, title="Samsat Pos Jatim")
        replica.save_revision().publish()
        replica.refresh_from_db()
        # Pemkot Manado replicates the Jatim replica
        second = advance(editor_a2, rules.start_replication(editor_a2, replica, reason="Cocok untuk kota.", model=Model.MANDIRI),
                         Stage.PERSIAPAN, Stage.IMPLEMENTASI)
        grandchild = rules.make_replica_page(editor_a2, second, scope=Scope.SEBAGIAN, title="Samsat Pos Manado")
        grandchild.save_revision().publish()
        tree = selectors.lineage(origin)
        assert [[link.replica.title for link in generation] for generation in tree["generations"]] == [
            ["Samsat Pos Jatim"], ["Samsat Pos Manado"]]
        up = selectors.lineage(InnovationPage.objects.get(pk=grandchild.pk))
        assert [link.origin.title for link in up["ancestors"]] == ["Samsat Delivery Pos", "Samsat Pos Jatim"]

    def test_reports_after_implementation_with_a_valid_rating(self, origin, adopter_user, owner):
        replication = start(adopter_user, origin)
        with pytest.raises(ValidationError, match="setelah implementasi"):
            rules.file_report(adopter_user, replication, results="x", rating=4)
        advance(adopter_user, replication, Stage.PERSIAPAN, Stage.IMPLEMENTASI)
        for rating in (0, 6):
            with pytest.raises(ValidationError):
                rules.file_report(adopter_user, replication, results="Antrean turun 40%.", rating=rating)
        with pytest.raises(ValidationError):
            rules.file_report(owner, replication, results="Bukan replikator", rating=3)
        report = rules.file_report(adopter_user, replication, results="Antrean turun 40%.", rating=5,
                                   difficulties="Integrasi data kendaraan.")
        assert selectors.innovation_summary(origin)["reports"] == [report]
        assert selectors.innovation_summary(origin)["average_rating"] == 5
