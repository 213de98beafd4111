"""The replication forms fuzzed (issue 17): requesting a replication, moving it a stage (date,
version), the owner's answer, the follow-up report and the replica page. Unicode digits, huge
and negative numbers, NUL and control characters, very long text: never a 500, and either the
whole change is written (one replication with its first step, one step and a new version, ...)
or none of it."""
import pytest
from django.test import Client
from hypothesis import event, given
from hypothesis import strategies as st

from replication import rules
from replication.factories import ReplicationFactory
from replication.models import (
    FINAL,
    FollowUpReport,
    Model,
    OwnerDecision,
    Replication,
    ReplicationStep,
    Scope,
    Stage,
)
from tests.fuzz import FUZZ, dates, grown, numbers, row_counts, texts, valid_or

pytestmark = pytest.mark.django_db

APPS = ("replication", "outbox", "wagtailcore", "innovations")


def client_for(user):
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


def hostile_fields(data, valid, strategies):
    """``valid`` with up to three fields replaced by hostile values (``strategies[name]``, else
    numbers): every field's checks are reached, and an example that stays valid is accepted."""
    chosen = data.draw(st.lists(st.sampled_from(sorted(valid)), max_size=3, unique=True), label="fields")
    return {**valid, **{name: data.draw(strategies.get(name, numbers), label=name) for name in chosen}}


@FUZZ
@given(data=st.data())
def test_fuzzed_replication_request(origin, adopter_user, unit_b, data):
    fields = hostile_fields(data, {"reason": "Kami ingin mempercepat layanan pajak.", "model": "mandiri",
                                   "service_unit": str(unit_b.pk), "facilitator": ""},
                            {"reason": texts, "model": texts})
    before = row_counts(*APPS)
    response = client_for(adopter_user).post(f"/replikasi/ajukan/{origin.pk}/", {
        **fields, "evidence_kind": "", "evidence_file": ""})
    assert response.status_code in (200, 302), response.status_code
    changed = grown(before, row_counts(*APPS))
    if response.status_code == 302:
        event("accepted")
        assert changed.get("replication.Replication") == 1 and changed.get("replication.ReplicationStep") == 1
        replication = Replication.objects.latest("pk")
        assert replication.stage == Stage.MINAT and "\x00" not in replication.reason
        replication.delete()  # the next example may ask again
    else:
        assert changed == {}, changed


@pytest.fixture
def moving(origin, agency_b):
    return ReplicationFactory(origin=origin, adopter=agency_b, stage=Stage.MINAT, model=Model.MANDIRI)


@FUZZ
@given(data=st.data())
def test_fuzzed_stage_move(moving, adopter_user, data):
    moving.refresh_from_db()
    stage, version = moving.stage, moving.version
    moves = [m for m in rules.allowed_moves(adopter_user, moving) if m not in FINAL]
    fields = hostile_fields(data, {"version": str(version), "to_stage": moves[0] if moves else "evaluasi",
                                   "date": "2024-03-01", "note": "Nota kesepakatan ditandatangani."},
                            {"to_stage": texts, "date": dates, "note": texts})
    steps = ReplicationStep.objects.filter(replication=moving).count()
    before = row_counts(*APPS)
    response = client_for(adopter_user).post(f"/replikasi/{moving.pk}/tahap/", fields)
    assert response.status_code == 302  # back to the detail page, with a message either way
    moving.refresh_from_db()
    changed = grown(before, row_counts(*APPS))
    if ReplicationStep.objects.filter(replication=moving).count() == steps + 1:
        event("accepted")
        assert moving.version == version + 1 and moving.stage == fields["to_stage"]
        assert moving.steps.latest("pk").date.isoformat() <= "9999-12-31"
    else:
        assert (moving.stage, moving.version) == (stage, version)
        assert changed == {}, changed


@pytest.fixture
def awaiting(origin, agency_b):
    return ReplicationFactory(origin=origin, adopter=agency_b, stage=Stage.MINAT, model=Model.KERJA_SAMA,
                              owner_decision=OwnerDecision.MENUNGGU)


@FUZZ
@given(version=valid_or("0"), decision=valid_or(["terima", "tolak"], texts), reason=texts)
def test_fuzzed_owner_answer(awaiting, owner, version, decision, reason):
    before = row_counts(*APPS)
    response = client_for(owner).post(f"/replikasi/{awaiting.pk}/jawaban/",
                                      {"version": version, "decision": decision, "reason": reason})
    assert response.status_code == 302
    awaiting.refresh_from_db()
    changed = grown(before, row_counts(*APPS))
    if awaiting.version:
        event("accepted")
        assert awaiting.owner_decision in (OwnerDecision.DITERIMA, OwnerDecision.DITOLAK)
        awaiting.owner_decision, awaiting.version = OwnerDecision.MENUNGGU, 0  # the next example asks again
        awaiting.save(update_fields=["owner_decision", "version"])
    else:
        assert awaiting.owner_decision == OwnerDecision.MENUNGGU
        assert changed == {}, changed


@pytest.fixture
def implemented(origin, agency_b):
    return ReplicationFactory(origin=origin, adopter=agency_b, stage=Stage.IMPLEMENTASI)


@FUZZ
@given(results=valid_or("Waktu layanan turun separuh.", texts), adaptations=texts, difficulties=texts,
       rating=valid_or(["1", "5"]))
def test_fuzzed_follow_up_report(implemented, adopter_user, results, adaptations, difficulties, rating):
    before = row_counts(*APPS)
    response = client_for(adopter_user).post(f"/replikasi/{implemented.pk}/laporan/", {
        "results": results, "adaptations": adaptations, "difficulties": difficulties, "rating": rating})
    assert response.status_code in (200, 302)
    changed = grown(before, row_counts(*APPS))
    if response.status_code == 302:
        event("accepted")
        assert changed.get("replication.FollowUpReport") == 1
        assert 1 <= FollowUpReport.objects.latest("pk").rating <= 5
    else:
        assert changed == {}, changed


@FUZZ
@given(title=valid_or("Samsat Delivery Pos Jatim", texts), scope=valid_or(Scope.values, texts))
def test_fuzzed_replica_page(implemented, adopter_user, title, scope):
    before = row_counts(*APPS)
    response = client_for(adopter_user).post(f"/replikasi/{implemented.pk}/replika/", {"title": title, "scope": scope})
    assert response.status_code in (200, 302, 404)  # 404 once the replica exists
    changed = grown(before, row_counts(*APPS))
    if response.status_code == 302:
        event("accepted")
        implemented.refresh_from_db()
        assert implemented.replica_id and implemented.replica.title.strip()
        assert changed.get("innovations.InnovationPage") == 1
    else:
        assert changed == {}, changed
