"""The innovation editor in the Wagtail admin, fuzzed as the hub coordinators and agency editors
who use it submit it (a hub coordinator here) (issue 17): its numbers (year started, budget, award years, chosen ids) and
dates (last verified, scheduled publishing) with Unicode digits, huge and negative numbers, NUL and
control characters, and its texts very long or full of control characters. Never a 500; a refused
form writes nothing (no revision, no award, no tag), an accepted one writes one revision."""
import pytest
from django.test import Client
from hypothesis import event, given
from hypothesis import strategies as st
from wagtail.test.utils.form_data import inline_formset

from innovations.factories import InnovationPageFactory
from innovations.models import AwardTier
from tests.fuzz import FUZZ, dates, grown, numbers, row_counts, texts
from tests.helpers import edit_url, innovation_form_data

pytestmark = pytest.mark.django_db

APPS = ("wagtailcore", "innovations", "taggit", "outbox")


@pytest.fixture
def editing(hub_a, agency_a, coordinator_a):
    page = InnovationPageFactory(parent=hub_a, agency=agency_a, title="Samsat Delivery Pos", slug="sadelpos")
    client = Client(raise_request_exception=False)
    client.force_login(coordinator_a)
    return page, client


@FUZZ
@given(data=st.data())
def test_fuzzed_innovation_edit_form(editing, agency_a, data):
    page, client = editing
    tier = str(AwardTier.objects.order_by("pk").first().pk)
    valid = {"year_started": "2019", "budget_amount": "150000000", "last_verified": "2024-05-01", "go_live_at": "",
             "summary": "Pajak kendaraan dibayar lewat kantor pos.", "tags": "Pajak, Samsat", "contact_phone": "",
             "province": "", "award tier": tier, "award year": "2021", "award note": "", "category": None, "sdg": None}
    hostile = {"summary": texts, "tags": texts, "contact_phone": texts, "award note": texts,
               "last_verified": dates, "go_live_at": dates}
    # one to three fields hostile, the rest as an editor fills them: each field's checks are
    # reached, and sometimes the whole form is accepted (the success path is fuzzed too)
    chosen = data.draw(st.lists(st.sampled_from(sorted(valid)), min_size=1, max_size=3, unique=True), label="fields")
    values = {**valid, **{name: data.draw(hostile.get(name, numbers), label=name) for name in chosen}}
    fields = {name: values[name] for name in ("year_started", "budget_amount", "last_verified", "go_live_at",
                                              "summary", "tags", "contact_phone", "province")}
    fields["awards"] = inline_formset([{"tier": values["award tier"], "year": values["award year"],
                                        "note": values["award note"]}])
    multiple = {name + "s": [values[name]] for name in ("category", "sdg") if values[name] is not None}
    action = data.draw(st.sampled_from([None, "publish"]), label="action")
    form = innovation_form_data(agency_a, title="Samsat Delivery Pos", slug="sadelpos", action=action,
                                **fields, **multiple)
    before = row_counts(*APPS)
    response = client.post(edit_url(page), form)
    assert response.status_code in (200, 302), response.status_code
    changed = grown(before, row_counts(*APPS))
    if response.status_code == 302:
        event("accepted")
        assert "/admin/pages/" in response["Location"], response["Location"]  # not a refusal
        assert changed.get("wagtailcore.Revision") == 1, changed
        page.refresh_from_db()
        assert 1900 <= page.year_started <= 2100
    else:
        assert changed == {}, changed
