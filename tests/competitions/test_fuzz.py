"""The proposal form an agency's competition operator fills, fuzzed (issue 17): the start date, the
chosen category, SDGs and service unit, the contact fields and the aspect texts, with Unicode
digits, huge and negative numbers, NUL and control characters and very long text. Never a 500; a
refused form leaves the proposal and its rows as they were."""
import pytest
from django.test import Client
from hypothesis import event, given
from hypothesis import strategies as st

from competitions import rules
from competitions.models import Proposal
from tests.fuzz import FUZZ, dates, grown, numbers, row_counts, texts

from .test_pages import url

pytestmark = pytest.mark.django_db

APPS = ("competitions", "outbox")
SAVED = ["title", "category_id", "implementation_start", "service_unit_id", "video_url", "contact_name",
         "contact_email", "contact_phone"]


def snapshot(proposal):
    proposal = Proposal.objects.get(pk=proposal.pk)
    return {name: getattr(proposal, name) for name in SAVED}


@FUZZ
@given(data=st.data())
def test_fuzzed_proposal_form(draft, admin_lokal, data):
    edition = draft.edition
    aspect = rules.instrument_for(edition, draft.group).aspects.first()
    current = snapshot(draft)
    valid = {"title": current["title"], "category": str(current["category_id"] or ""),
             "implementation_start": "2023-01-15", "sdgs": [str(pk) for pk in draft.sdgs.values_list("pk", flat=True)],
             "service_unit": "", "video_url": "", "contact_name": "Rina", "contact_email": "rina@contoh.go.id",
             "contact_phone": "0811111111", f"aspek-{aspect.pk}": "Layanan rujukan kini daring."}
    hostile = {"implementation_start": dates, "category": numbers, "sdgs": numbers, "service_unit": numbers}
    chosen = data.draw(st.lists(st.sampled_from(sorted(valid)), min_size=1, max_size=3, unique=True), label="fields")
    fields = {**valid, **{name: data.draw(hostile.get(name, texts), label=name) for name in chosen}, "action": "simpan"}
    client = Client(raise_request_exception=False)
    client.force_login(admin_lokal)
    before = row_counts(*APPS)
    response = client.post(url("edit", edition, draft.pk), fields)
    assert response.status_code in (200, 302), response.status_code
    if response.status_code == 302:
        event("accepted")
    else:
        assert grown(before, row_counts(*APPS)) == {}
        assert snapshot(draft) == current
