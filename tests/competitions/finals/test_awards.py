"""Uji publik, the decree and the award writer: objections moderated with outcomes and
consequences, winners within the edition's places, the announcement's mails, awards written
into the catalogue idempotently and all-or-nothing, regional winners forwarded."""
import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError, connection
from django.utils import timezone

from competitions import awards, finals, objections, rules
from competitions.factories import EditionFactory
from competitions.models import Action, Decree, Forwarding, Proposal, ProposalStep, Status
from innovations.factories import InnovationPageFactory
from innovations.models import AwardTier, InnovationAward, InnovationPage
from outbox.models import OutboxItem

from .conftest import nominee

pytestmark = pytest.mark.django_db

EVIDENCE = "Layanan ini sudah tidak berjalan sejak Maret; loket tutup dan aplikasi tidak bisa diakses warga."


def _object(edition, proposal, **kwargs):
    data = {"name": "Budi Santoso", "contact": "budi.santoso@surel.id", "evidence_text": EVIDENCE}
    data.update(kwargs)
    return objections.file_objection(edition, proposal, **data)


def tier(slug):
    return AwardTier.objects.get(slug=slug)


class TestObjections:
    def test_open_only_in_its_period_and_for_nominees(self, finals_edition, nominees):
        assert objections.window(finals_edition) == (finals_edition.verification_closes_on + datetime.timedelta(days=1),
                                                     finals_edition.objection_closes_on)
        assert objections.is_open(finals_edition)
        later = finals_edition.objection_closes_on + datetime.timedelta(days=1)
        with pytest.raises(ValidationError, match="tidak sedang dibuka"):
            _object(finals_edition, nominees[0], today=later)
        with pytest.raises(ValidationError, match="sedikitnya 30"):
            _object(finals_edition, nominees[0], evidence_text="tidak benar")
        with pytest.raises(ValidationError, match="nama dan kontak"):
            _object(finals_edition, nominees[0], contact=" ")
        Proposal.objects.filter(pk=nominees[2].pk).update(status=Status.GUGUR)
        nominees[2].refresh_from_db()
        with pytest.raises(ValidationError, match="nominee"):
            _object(finals_edition, nominees[2])

    def test_upheld_drops_the_nominee_rejected_does_not(self, finals_edition, nominees, national_admin, coordinator_a):
        upheld = _object(finals_edition, nominees[1])
        rejected = _object(finals_edition, nominees[0], evidence_url="https://contoh.id/foto")
        with pytest.raises(ValidationError, match="Hanya penyelenggara"):
            objections.decide(coordinator_a, upheld, outcome="diterima", note="Terbukti", consequence="digugurkan")
        with pytest.raises(ValidationError, match="memerlukan konsekuensi"):
            objections.decide(national_admin, upheld, outcome="diterima", note="Terbukti")
        objections.decide(national_admin, upheld, outcome="diterima", consequence="digugurkan",
                          note="Verifikasi ulang: loket tutup sejak Maret 2025.")
        objections.decide(national_admin, rejected, outcome="ditolak", note="Foto dari gedung lama; layanan pindah.")
        with pytest.raises(ValidationError, match="sudah diputuskan"):
            objections.decide(national_admin, rejected, outcome="diterima", consequence="catatan", note="Ubah")
        nominees[0].refresh_from_db()
        nominees[1].refresh_from_db()
        assert nominees[1].status == Status.GUGUR and nominees[0].status == Status.TOP
        steps = ProposalStep.objects.filter(proposal=nominees[1]).values_list("action", "note")
        assert [a for a, _n in steps] == [Action.KEBERATAN, Action.DIGUGURKAN]
        assert all("Budi" not in note and "budi.santoso" not in note for _a, note in steps)
        assert objections.public_summary(finals_edition) == {"diterima": 1, "ditolak": 1}


class TestDecree:
    def test_winners_within_the_places_and_after_every_objection(self, finals_edition, nominees, national_admin,
                                                                 coordinator_a):
        manado, sulut, jatim = nominees
        top45, oa = tier("top-45"), tier("outstanding-achievement")
        pending = _object(finals_edition, jatim)
        kwargs = {"number": "Keputusan MenPANRB 512/2025", "decided_on": datetime.date(2025, 10, 20)}
        three = [{"proposal": p.pk, "tier": top45.pk} for p in nominees]
        with pytest.raises(ValidationError, match="keberatan publik yang belum diputuskan"):
            awards.fix_winners(national_admin, finals_edition, winners=three, **kwargs)
        objections.decide(national_admin, pending, outcome="spam", note="Iklan")
        with pytest.raises(ValidationError, match="Hanya penyelenggara"):
            awards.fix_winners(coordinator_a, finals_edition, winners=three, **kwargs)
        with pytest.raises(ValidationError, match="paling banyak 2; dipilih 3"):
            awards.fix_winners(national_admin, finals_edition, winners=three, **kwargs)
        with pytest.raises(ValidationError, match="tidak diberikan untuk Kelompok Umum"):
            awards.fix_winners(national_admin, finals_edition, **kwargs,
                               winners=[{"proposal": manado.pk, "tier": tier("top-5-replikasi").pk}])
        with pytest.raises(ValidationError, match="nomor dan tanggal"):
            awards.fix_winners(national_admin, finals_edition, number="", decided_on=None, winners=three[:2])
        with pytest.raises(ValidationError, match="satu tingkat utama"):
            awards.fix_winners(national_admin, finals_edition, **kwargs, winners=[
                {"proposal": manado.pk, "tier": top45.pk}, {"proposal": manado.pk, "tier": oa.pk}])
        winners = [{"proposal": manado.pk, "tier": top45.pk}, {"proposal": sulut.pk, "tier": top45.pk},
                   {"proposal": jatim.pk, "tier": oa.pk},
                   {"proposal": manado.pk, "tier": tier("top-99").pk, "special": "Penghargaan Khusus Daerah 3T"}]
        decree = awards.fix_winners(national_admin, finals_edition, winners=winners, **kwargs)
        assert awards.best_tier(finals_edition) == top45
        with pytest.raises(ValidationError, match="sudah ditetapkan"):
            awards.fix_winners(national_admin, finals_edition, winners=winners, **kwargs)
        # undone before the announcement with a reason, then fixed again
        awards.revoke_winners(national_admin, finals_edition, "Nomor keputusan salah ketik.")
        assert not Decree.objects.filter(pk=decree.pk).exists()
        assert ProposalStep.objects.filter(proposal=manado, action=Action.PENETAPAN_DIBATALKAN).count() == 2
        awards.fix_winners(national_admin, finals_edition, winners=winners, **kwargs)
        with pytest.raises(ValidationError, match="sudah ditetapkan"):
            finals.schedule_interview(national_admin, manado, starts_at=timezone.now(), place="Aula")

    def test_announcement_mails_and_writes_awards_once(self, finals_edition, nominees, national_admin, hub_a,
                                                       agency_a, django_capture_on_commit_callbacks):
        manado, sulut, jatim = nominees
        page = InnovationPageFactory(parent=hub_a, agency=agency_a, title="Sulut Sehat Keliling")
        Proposal.objects.filter(pk=sulut.pk).update(innovation=page)
        top45 = tier("top-45")
        awards.fix_winners(national_admin, finals_edition, number="Keputusan MenPANRB 512/2025",
                           decided_on=datetime.date(2025, 10, 20),
                           winners=[{"proposal": manado.pk, "tier": top45.pk}, {"proposal": sulut.pk, "tier": top45.pk}])
        with django_capture_on_commit_callbacks():
            awards.announce_winners(national_admin, finals_edition)
        manado.refresh_from_db()
        jatim.refresh_from_db()
        assert manado.status == Status.PEMENANG and jatim.status == Status.TOP
        # the existing page got its records; Manado and Jatim got new drafts under their hubs
        assert sorted(page.awards.values_list("tier__slug", "year")) == [("top-45", 2025), ("top-99", 2025)]
        note = page.awards.get(tier=top45).note
        assert "KIPP 2025" in note and "Kelompok Umum" in note and "Kesehatan" in note and "512/2025" in note
        draft = InnovationPage.objects.get(pk=manado.innovation_id)
        assert not draft.live and draft.get_parent().pk == hub_a.pk and draft.agency_id == manado.agency_id
        assert "Warga Manado" in draft.summary and draft.latest_revision is not None
        assert sorted(draft.awards.values_list("tier__slug", flat=True)) == ["top-45", "top-99"]
        assert list(InnovationPage.objects.get(pk=jatim.innovation_id).awards.values_list("tier__slug", flat=True)) \
            == ["top-99"]
        mails = OutboxItem.objects.filter(kind="mail", payload__subject__icontains="Penetapan inovasi terbaik")
        assert mails.count() == 3
        before = (InnovationAward.objects.count(), InnovationPage.objects.count())
        assert awards.write_awards(finals_edition) == {"pages": 0, "awards": 0, "linked": 0}
        call_command("write_competition_awards", "kipp-2025", stdout=io.StringIO())
        assert (InnovationAward.objects.count(), InnovationPage.objects.count()) == before

    def test_a_failure_midway_leaves_the_catalogue_as_it_was(self, finals_edition, nominees, national_admin):
        awards.fix_winners(national_admin, finals_edition, number="Keputusan MenPANRB 512/2025",
                           decided_on=datetime.date(2025, 10, 20),
                           winners=[{"proposal": nominees[2].pk, "tier": tier("top-45").pk}])
        top45 = tier("top-45").pk
        # a real database constraint refuses the Top 45 record, after the Top 99 ones were written
        with connection.cursor() as cursor:
            cursor.execute(f"ALTER TABLE innovations_innovationaward ADD CONSTRAINT no_top45_test "
                           f"CHECK (tier_id <> {top45})")
        pages, records = InnovationPage.objects.count(), InnovationAward.objects.count()
        with pytest.raises(IntegrityError):
            awards.announce_winners(national_admin, finals_edition)
        assert (InnovationPage.objects.count(), InnovationAward.objects.count()) == (pages, records)
        assert not Proposal.objects.filter(edition=finals_edition, innovation__isnull=False).exists()
        assert Decree.objects.get(edition=finals_edition).announced_at is None


class TestForwarding:
    def test_a_regional_winner_is_proposed_to_kipp_and_its_path_shows(self, finals_edition, nominees, national_admin,
                                                                      hub_a, agency_a2, coordinator_a, coordinator_b):
        regional = EditionFactory(year=2025, name="Lomba Inovasi Sulut 2025", slug="lomba-sulut-2025", hub=hub_a)
        rules.prepare_instruments(regional)
        regional.shortlist_announced_at = timezone.now()
        regional.save(update_fields=["shortlist_announced_at"])
        page = InnovationPageFactory(parent=hub_a, agency=agency_a2, title="Rujukan Daring Puskesmas Manado")
        source = nominee(regional, agency_a2, "Rujukan Daring Puskesmas Manado", innovation=page)
        Proposal.objects.filter(pk=nominees[0].pk).update(innovation=page)
        national = EditionFactory(year=2026, name="KIPP 2026", slug="kipp-2026")
        rules.prepare_instruments(national)
        with pytest.raises(ValidationError, match="Hanya pemenang"):
            awards.forward(coordinator_a, source, national)
        regional_tier = tier("top-45")
        from competitions.models import AwardPlace
        AwardPlace.objects.create(edition=regional, group="umum", tier=regional_tier, places=3)
        awards.fix_winners(coordinator_a, regional, number="Keputusan Gubernur Sulut 188.44/2025",
                           decided_on=datetime.date(2025, 6, 1), winners=[{"proposal": source.pk,
                                                                           "tier": regional_tier.pk,
                                                                           "special": "Juara I"}])
        awards.announce_winners(coordinator_a, regional)
        with pytest.raises(ValidationError, match="Hanya penyelenggara kompetisi hub"):
            awards.forward(coordinator_b, source, national)
        target = awards.forward(coordinator_a, source, national)
        assert target.edition == national and target.status == Status.DRAF and target.innovation == page
        assert target.texts.count() == 8 and Forwarding.objects.get(source=source).target == target
        with pytest.raises(ValidationError, match="sudah diusulkan"):
            awards.forward(coordinator_a, source, national)
        awards.fix_winners(national_admin, finals_edition, number="Keputusan MenPANRB 512/2025",
                           decided_on=datetime.date(2025, 10, 20),
                           winners=[{"proposal": nominees[0].pk, "tier": tier("top-45").pk}])
        awards.announce_winners(national_admin, finals_edition)
        assert [label for _e, label in awards.path_of(page)] == [
            "Pemenang Lomba Inovasi Sulut 2025", "Top 99 KIPP 2025", "Top 45 KIPP 2025"]
        # the regional win is not a KIPP award record
        assert sorted(page.awards.values_list("tier__slug", flat=True)) == ["top-45", "top-99"]
