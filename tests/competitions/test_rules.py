"""A competition edition run through its rules: instruments, drafts, administrative checks,
submission, selection, evaluation with exact totals, ranking, the Top 99 and its history."""
import datetime
import zoneinfo
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from agencies.factories import AgencyMembershipFactory, UserFactory
from competitions import rules
from competitions.factories import EditionFactory
from competitions.models import (
    Action,
    Aspect,
    Assignment,
    Conflict,
    EditionGroup,
    Group,
    Instrument,
    Proposal,
    ProposalStep,
    Status,
)
from innovations.factories import InnovationAwardFactory, InnovationPageFactory
from innovations.models import AwardTier

from ..helpers import make_agency, unique
from .conftest import complete, sk_file

pytestmark = pytest.mark.django_db

UMUM_2023 = [("Ringkasan", Decimal("0.00"), 200), ("Latar belakang dan tujuan", Decimal("10.00"), 1000),
             ("Kebaruan", Decimal("15.00"), 1000), ("Implementasi", Decimal("5.00"), 1000),
             ("Signifikansi", Decimal("30.00"), 1000), ("Adaptabilitas", Decimal("20.00"), 1000),
             ("Sumber daya", Decimal("5.00"), 1000), ("Strategi keberlanjutan", Decimal("15.00"), 1000)]


class TestInstruments:
    def test_the_2023_umum_aspects_are_installed_then_copied(self, edition):
        instrument = Instrument.objects.get(edition=edition, group=Group.UMUM)
        assert [(a.name, a.weight, a.word_limit) for a in instrument.aspects.all()] == UMUM_2023
        assert sum(a.weight for a in instrument.aspects.all()) == 100 and instrument.is_example
        signifikansi = instrument.aspects.get(name="Signifikansi")
        signifikansi.weight = Decimal(25)
        signifikansi.save()
        nxt = rules.copy_edition(edition, name="KIPP 2027", slug="kipp-2027", year=2027)
        assert nxt.registration_closes_on == edition.registration_closes_on.replace(year=edition.registration_closes_on.year + 1)
        assert sorted(nxt.groups.values_list("group", "cap_per_agency")) == [("replikasi", 5), ("umum", 10)]
        assert nxt.categories.count() == edition.categories.count()
        copied = Instrument.objects.get(edition=nxt, group=Group.UMUM).aspects.get(name="Signifikansi")
        assert copied.weight == Decimal("25.00")
        assert rules.prepare_instruments(nxt) == []  # idempotent


class TestDrafts:
    def test_operators_draft_but_only_admin_lokal_submits(self, edition, operator, admin_lokal):
        proposal = rules.create_proposal(operator, edition, group="umum", title="Si Cantik Manado")
        complete(operator, proposal)
        with pytest.raises(ValidationError, match="Hanya Admin Lokal"):
            rules.submit(operator, proposal)
        rules.submit(admin_lokal, proposal)
        proposal.refresh_from_db()
        assert proposal.status == Status.DIAJUKAN
        assert list(proposal.steps.values_list("action", flat=True)) == [Action.DIBUAT, Action.DIAJUKAN]
        with pytest.raises(ValidationError, match="terkunci"):
            rules.save_draft(operator, proposal, fields={"contact_name": "Orang lain"})

    def test_another_agency_cannot_touch_a_draft(self, draft, other_admin_lokal):
        with pytest.raises(ValidationError, match="instansi lain"):
            rules.save_draft(other_admin_lokal, draft, fields={"contact_name": "x"})
        with pytest.raises(ValidationError, match="instansi lain"):
            rules.submit(other_admin_lokal, draft)

    def test_a_title_is_unique_in_the_edition_whatever_its_case_and_punctuation(self, edition, admin_lokal, other_admin_lokal):
        rules.create_proposal(admin_lokal, edition, group="umum", title="Sadar Pajak, Manado!")
        with pytest.raises(ValidationError, match="sudah dipakai"):
            rules.create_proposal(other_admin_lokal, edition, group="umum", title="sadar pajak manado")
        assert Proposal.objects.count() == 1

    def test_a_regional_competition_admits_only_its_region(self, hub_a, admin_lokal, other_admin_lokal, groups):
        regional = EditionFactory(slug="lomba-sulut-2026", name="Lomba Inovasi Sulut 2026", hub=hub_a)
        rules.prepare_instruments(regional)
        rules.create_proposal(admin_lokal, regional, group="umum", title="Manado Sehat")
        with pytest.raises(ValidationError, match="tidak termasuk wilayah Hub JIPP Sulawesi Utara"):
            rules.create_proposal(other_admin_lokal, regional, group="umum", title="Jatim Sehat")

    def test_a_proposal_from_the_catalogue_is_prefilled(self, edition, admin_lokal, agency_a2, hub_a):
        from innovations.models import SDG, Category

        page = InnovationPageFactory(parent=hub_a, agency=agency_a2, title="Mall Pelayanan Publik Manado",
                                     summary="Satu gedung untuk 200 layanan.", year_started=2019)
        page.sdgs.set(SDG.objects.filter(number=16))
        page.categories.set(Category.objects.filter(slug="tata-kelola-pemerintahan"))
        page.save_revision().publish()
        proposal = rules.create_proposal(admin_lokal, edition, group="umum", title="", innovation=page)
        assert proposal.title == page.title and proposal.category.slug == "tata-kelola-pemerintahan"
        assert list(proposal.sdgs.values_list("number", flat=True)) == [16]
        assert proposal.implementation_start == datetime.date(2019, 1, 1)
        assert proposal.texts.get(aspect__name="Ringkasan").text == "Satu gedung untuk 200 layanan."


class TestAdministrativeChecks:
    def test_a_complete_proposal_passes(self, draft):
        assert rules.administrative_problems(draft) == []

    def test_each_missing_piece_has_its_reason(self, edition, admin_lokal):
        proposal = rules.create_proposal(admin_lokal, edition, group="umum", title="Kosong")
        problems = rules.administrative_problems(proposal)
        assert "Pilih kategori." in problems
        assert "Pilih sedikitnya satu SDG yang didukung inovasi." in problems
        assert "Lampirkan SK inisiator inovasi dari pejabat yang berwenang." in problems
        assert "Aspek “Signifikansi” belum diisi." in problems
        assert "Isi tanggal mulai inovasi diterapkan." in problems
        with pytest.raises(ValidationError):
            rules.submit(admin_lokal, proposal)
        proposal.refresh_from_db()
        assert proposal.status == Status.DRAF and proposal.submitted_at is None

    def test_copy_pasted_short_and_too_long_aspects(self, draft, admin_lokal):
        aspects = list(rules.instrument_for(draft.edition, "umum").aspects.all())
        same = "Layanan rujukan daring untuk seluruh warga kota tanpa antre."
        rules.save_draft(admin_lokal, draft, texts={aspects[2].pk: same, aspects[3].pk: "  layanan rujukan daring untuk "
                                                    "seluruh warga kota tanpa antre. ", aspects[4].pk: "Bagus.",
                                                    aspects[0].pk: "kata " * 201})
        problems = rules.administrative_problems(draft)
        assert "Isian aspek “Implementasi” sama dengan aspek “Kebaruan”; setiap aspek harus dijawab tersendiri." in problems
        assert "Aspek “Signifikansi” terlalu singkat: 1 kata, sedikitnya 5 kata." in problems
        assert "Aspek “Ringkasan” melebihi batas: 201 dari 200 kata." in problems

    def test_implementation_age_per_group(self, draft, admin_lokal):
        closes = draft.edition.registration_closes_on
        draft = rules.save_draft(admin_lokal, draft, fields={"implementation_start": closes.replace(year=closes.year - 1)})
        problems = rules.administrative_problems(draft)
        assert any("sedikitnya 2 tahun" in p for p in problems)
        draft = rules.save_draft(admin_lokal, draft, fields={"implementation_start": closes.replace(year=closes.year - 2)})
        assert rules.administrative_problems(draft) == []

    def test_the_cap_per_agency_and_group(self, edition, admin_lokal):
        EditionGroup.objects.filter(edition=edition, group="umum").update(cap_per_agency=1)
        first = complete(admin_lokal, rules.create_proposal(admin_lokal, edition, group="umum", title="Satu"))
        second = complete(admin_lokal, rules.create_proposal(admin_lokal, edition, group="umum", title="Dua"))
        rules.submit(admin_lokal, first)
        with pytest.raises(ValidationError, match="Batas 1 proposal Kelompok Umum per instansi sudah tercapai."):
            rules.submit(admin_lokal, second)

    def test_umum_refuses_past_top_winners_and_twice_top_99(self, draft, admin_lokal, agency_a2, hub_a):
        page = InnovationPageFactory(parent=hub_a, agency=agency_a2, title=draft.title)
        InnovationAwardFactory(innovation=page, tier=AwardTier.objects.get(slug="top-99"), year=2019)
        assert rules.administrative_problems(draft) == []  # once Top 99 is fine
        InnovationAwardFactory(innovation=page, tier=AwardTier.objects.get(slug="top-99"), year=2022)
        assert any("dua kali masuk Top 99 (2019, 2022)" in p for p in rules.administrative_problems(draft))
        InnovationAwardFactory(innovation=page, tier=AwardTier.objects.get(slug="top-45"), year=2023)
        assert any("sudah meraih Top 45 (2023)" in p for p in rules.administrative_problems(draft))
        replikasi = complete(admin_lokal, rules.create_proposal(admin_lokal, draft.edition, group="replikasi",
                                                                title="Replikasi " + draft.title, innovation=page))
        assert not any("Top" in p for p in rules.administrative_problems(replikasi))

    def test_the_window_closes_in_the_agencys_own_time_zone(self, draft, admin_lokal, edition):
        """23.59 on the closing day: Manado (WITA) closes an hour before Jakarta (WIB)."""
        closes = edition.registration_closes_on
        wita = datetime.datetime.combine(closes, datetime.time(23, 30), tzinfo=zoneinfo.ZoneInfo("Asia/Makassar"))
        assert rules.window_open(edition, draft.agency, wita)
        late = wita + datetime.timedelta(minutes=30)  # 00.00 WITA, still 23.00 WIB in Jakarta
        assert not rules.window_open(edition, draft.agency, late)
        jakarta = make_agency("31", name="Pemerintah Provinsi DKI Jakarta")
        assert rules.window_open(edition, jakarta, late)
        with pytest.raises(ValidationError, match="ditutup pada .* 23.59 WITA"):
            rules.submit(admin_lokal, draft, now=late)
        assert rules.deadline_text(edition, draft.agency).endswith("23.59 WITA")


class TestSelection:
    def test_secretariat_returns_before_close_then_passes_or_fails(self, draft, admin_lokal, secretariat, operator):
        rules.submit(admin_lokal, draft)
        with pytest.raises(ValidationError, match="Hanya sekretariat"):
            rules.return_for_fix(operator, draft, "Perbaiki")
        with pytest.raises(ValidationError, match="Tuliskan"):
            rules.return_for_fix(secretariat, draft, " ")
        rules.return_for_fix(secretariat, draft, "SK belum ditandatangani pejabat berwenang.")
        rules.save_draft(operator, draft, sk_document=sk_file("sk-ttd.pdf"))
        rules.submit(admin_lokal, draft)
        with pytest.raises(ValidationError, match="alasan"):
            rules.decide_administration(secretariat, draft, passed=False)
        rules.decide_administration(secretariat, draft, passed=True)
        draft.refresh_from_db()
        assert draft.status == Status.LOLOS_ADMINISTRASI
        steps = list(draft.steps.values_list("action", "note", "actor_name"))
        assert steps[2] == (Action.DIKEMBALIKAN, "SK belum ditandatangani pejabat berwenang.", "Sekretariat KIPP")
        assert [s[0] for s in steps] == ["dibuat", "diajukan", "dikembalikan", "diajukan", "lolos"]

    def test_returning_after_the_window_is_refused(self, draft, admin_lokal, secretariat, edition):
        rules.submit(admin_lokal, draft)
        after = timezone.now() + datetime.timedelta(days=30)
        with pytest.raises(ValidationError, match="sudah ditutup"):
            rules.return_for_fix(secretariat, draft, "Perbaiki", now=after)

    def test_steps_are_append_only(self, draft):
        step = draft.steps.first()
        step.note = "diubah"
        with pytest.raises(ValidationError):
            step.save()
        with pytest.raises(ValidationError):
            step.delete()
        assert ProposalStep.objects.get(pk=step.pk).note == ""


def passed(admin_lokal, secretariat, edition, title=None, start=None):
    proposal = complete(admin_lokal, rules.create_proposal(admin_lokal, edition, group="umum",
                                                           title=title or unique("Inovasi")), start=start)
    rules.submit(admin_lokal, proposal)
    rules.decide_administration(secretariat, proposal, passed=True)
    proposal.refresh_from_db()
    return proposal


def give(evaluator, proposal, values):
    assignment = Assignment.objects.get(proposal=proposal, evaluator=evaluator)
    aspects = list(rules.instrument_for(proposal.edition, proposal.group).aspects.all())
    rules.score(evaluator, assignment, {a.pk: (v, f"Catatan {a.name}") for a, v in zip(aspects, values, strict=True)})
    proposal.refresh_from_db()
    return proposal


class TestEvaluation:
    def test_assignment_skips_own_agency_and_declared_conflicts(self, draft, admin_lokal, secretariat, evaluators,
                                                                national_admin, agency_a2):
        proposal = passed(admin_lokal, secretariat, draft.edition)
        own = UserFactory(username="penilai-manado")
        AgencyMembershipFactory(user=own, agency=agency_a2)
        with pytest.raises(ValidationError, match="instansinya sendiri"):
            rules.assign(national_admin, proposal, [own, evaluators[0]])
        Conflict.objects.create(evaluator=evaluators[1], agency=agency_a2, note="Mantan pejabat dinas")
        with pytest.raises(ValidationError, match="konflik kepentingan"):
            rules.assign(national_admin, proposal, [evaluators[0], evaluators[1]])
        with pytest.raises(ValidationError, match="sedikitnya 2 penilai"):
            rules.assign(national_admin, proposal, [evaluators[0]])
        with pytest.raises(ValidationError, match="Hanya penyelenggara"):
            rules.assign(secretariat, proposal, evaluators[:2])
        assert rules.assign_in_turn(national_admin, draft.edition, [own, *evaluators]) == 1
        assert set(proposal.assignments.values_list("evaluator__username", flat=True)) == {"penilai1", "penilai3"}

    def test_the_weighted_total_is_exact(self, edition, admin_lokal, secretariat, evaluators, national_admin):
        """Hand-computed, weights 0/10/15/5/30/20/5/15, scale 0-10:
        A 5 8 6 9 7 8 5 6 -> (80+90+45+210+160+25+90)/10 = 70.00
        B 9 6 7 7 8 6 5 7 -> (60+105+35+240+120+25+105)/10 = 69.00
        mean per aspect 7 7 6.5 8 7.5 7 5 6.5 -> (70+97.5+40+225+140+25+97.5)/10 = 69.50"""
        proposal = passed(admin_lokal, secretariat, edition)
        rules.assign(national_admin, proposal, evaluators[:2])
        proposal = give(evaluators[0], proposal, [5, 8, 6, 9, 7, 8, 5, 6])
        assert proposal.total is None  # one of two evaluations
        proposal = give(evaluators[1], proposal, [9, 6, 7, 7, 8, 6, 5, 7])
        assert (proposal.total, proposal.spread, proposal.flagged) == (Decimal("69.50"), Decimal("1.00"), False)

    def test_thirds_round_half_up_and_disagreement_is_flagged_then_resolved(self, edition, admin_lokal, secretariat,
                                                                           evaluators, national_admin):
        """A all 10; B all 2 -> 100 and 20, spread 80 > 15: flagged. A third evaluator, all 10
        but Implementasi 3: Implementasi mean (10+2+3)/3 = 5, others (10+2+10)/3 = 22/3;
        total = (95 x 22/3 + 5 x 5) / 10 = (2090/3 + 25) / 10 = 72.1666... -> 72.17."""
        proposal = passed(admin_lokal, secretariat, edition)
        rules.assign(national_admin, proposal, evaluators[:2])
        give(evaluators[0], proposal, [10] * 8)
        proposal = give(evaluators[1], proposal, [2] * 8)
        assert (proposal.total, proposal.spread, proposal.flagged) == (Decimal("60.00"), Decimal("80.00"), True)
        with pytest.raises(ValidationError, match="perbedaan nilai besar"):
            rules.fix_shortlist(national_admin, edition, "umum", [proposal.pk])
        rules.assign(national_admin, proposal, [evaluators[2]], tiebreak=True)
        proposal = give(evaluators[2], proposal, [10, 10, 10, 3, 10, 10, 10, 10])
        assert (proposal.total, proposal.flagged) == (Decimal("72.17"), False)

    def test_evaluators_never_see_each_other_before_moderation(self, edition, admin_lokal, secretariat, evaluators,
                                                               national_admin):
        proposal = passed(admin_lokal, secretariat, edition)
        rules.assign(national_admin, proposal, evaluators[:2])
        give(evaluators[0], proposal, [10] * 8)
        give(evaluators[1], proposal, [1] * 8)
        mine = rules.visible_scores(evaluators[0], proposal)
        assert {s.assignment.evaluator_id for s in mine} == {evaluators[0].pk}
        assert not rules.visible_scores(evaluators[2], proposal).exists()
        assert not rules.visible_scores(admin_lokal, proposal).exists()
        proposal = rules.moderate(national_admin, proposal, "Nilai penilai 2 dipakai setelah rapat pleno.")
        assert rules.visible_scores(evaluators[0], proposal).count() == 16
        with pytest.raises(ValidationError, match="milik penilai lain"):
            rules.score(evaluators[1], Assignment.objects.get(proposal=proposal, evaluator=evaluators[0]), {})

    def test_scores_stay_on_the_scale(self, edition, admin_lokal, secretariat, evaluators, national_admin):
        proposal = passed(admin_lokal, secretariat, edition)
        rules.assign(national_admin, proposal, evaluators[:2])
        aspect = Aspect.objects.filter(instrument__edition=edition, instrument__group="umum").first()
        assignment = Assignment.objects.get(proposal=proposal, evaluator=evaluators[0])
        with pytest.raises(ValidationError, match="antara 0 dan 10"):
            rules.score(evaluators[0], assignment, {aspect.pk: (11, "")})
        assert not assignment.scores.exists()


class TestTop99:
    def scored(self, admin_lokal, secretariat, edition, national_admin, evaluators, values):
        proposals = []
        for n, value in enumerate(values):
            proposal = passed(admin_lokal, secretariat, edition, title=f"Inovasi Peringkat {n}")
            rules.assign(national_admin, proposal, evaluators[:2])
            give(evaluators[0], proposal, [value] * 8)
            proposals.append(give(evaluators[1], proposal, [value] * 8))
        return proposals

    def test_ranking_override_with_reason_and_announcement(self, edition, admin_lokal, secretariat, national_admin,
                                                            evaluators, django_capture_on_commit_callbacks):
        from django.core import mail

        EditionGroup.objects.filter(edition=edition, group="umum").update(shortlist_size=2)
        low, high, mid = self.scored(admin_lokal, secretariat, edition, national_admin, evaluators, [6, 9, 8])
        ranked = rules.ranking(edition, "umum")
        assert [(p.pk, p.rank) for p in ranked] == [(high.pk, 1), (mid.pk, 2), (low.pk, 3)]
        figures = rules.balance(edition, ranked[:2])
        assert figures["province"] == [("Sulawesi Utara", 2)] and figures["category"] == [("Kesehatan", 2)]
        with pytest.raises(ValidationError) as refused:
            rules.fix_shortlist(national_admin, edition, "umum", [high.pk, low.pk])
        assert len(refused.value.messages) == 2  # low chosen from outside, mid left out: both need a reason
        with pytest.raises(ValidationError, match="paling banyak 2"):
            rules.fix_shortlist(national_admin, edition, "umum", [high.pk, mid.pk, low.pk])
        reason = "Menjaga keterwakilan daerah 3T."
        rules.fix_shortlist(national_admin, edition, "umum", [high.pk, low.pk],
                            {low.pk: reason, mid.pk: "Kategori kesehatan sudah terwakili."})
        low.refresh_from_db()
        assert low.selected and low.override_reason == reason
        assert low.steps.filter(action=Action.DIPILIH, note=reason).exists()
        with pytest.raises(ValidationError, match="Hanya penyelenggara"):
            rules.announce(secretariat, edition)
        with django_capture_on_commit_callbacks(execute=True):
            rules.announce(national_admin, edition)
        statuses = dict(Proposal.objects.filter(edition=edition).values_list("pk", "status"))
        assert statuses == {high.pk: Status.TOP, low.pk: Status.TOP, mid.pk: Status.TIDAK_TOP}
        assert len(mail.outbox) == 1  # one agency, one address
        assert "Inovasi Peringkat 2: Tidak masuk Top 99" in mail.outbox[0].body
        assert f"/kompetisi/{edition.slug}/" in mail.outbox[0].body
        with pytest.raises(ValidationError, match="sudah diumumkan"):
            rules.announce(national_admin, edition)
        assert len(mail.outbox) == 1
        with pytest.raises(ValidationError, match="sudah diumumkan"):
            rules.score(evaluators[0], Assignment.objects.filter(proposal=high).first(), {})

    def test_a_hub_coordinator_organises_only_their_own_competition(self, hub_a, coordinator_a, coordinator_b, edition):
        regional = EditionFactory(slug="lomba-sulut-2026", name="Lomba Inovasi Sulut 2026", hub=hub_a)
        from competitions import roles

        assert roles.is_organiser(coordinator_a, regional) and not roles.is_organiser(coordinator_b, regional)
        assert not roles.is_organiser(coordinator_a, edition)


def test_edition_stages_follow_the_calendar(edition):
    today = timezone.localdate()
    assert edition.current_stage(today) == "pendaftaran"
    assert edition.current_stage(today + datetime.timedelta(days=15)) == "seleksi_administrasi"
    assert edition.current_stage(today - datetime.timedelta(days=30)) == "persiapan"
    assert edition.current_stage(today + datetime.timedelta(days=45)) == "penentuan_top"
    assert edition.current_stage(today + datetime.timedelta(days=400)) == "selesai"
    states = [state for _stage, _start, _end, state in edition.timeline(today)]
    assert states == ["berjalan", "akan_datang", "akan_datang", "akan_datang"]
