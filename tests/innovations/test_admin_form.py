"""The innovation editor form as the Wagtail admin submits it: inline rows, tags and errors."""
import pytest
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset

from innovations.factories import InnovationPageFactory
from innovations.models import SDG, AwardTier, Category, InnovationPage, InnovationSource, current_year
from tests.helpers import add_innovation_url, admin_post, innovation_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def as_coordinator(client, coordinator_a):
    client.force_login(coordinator_a)
    return client


def form_errors(response):
    """Field errors of the page form and its inline formsets, for assertion messages."""
    form = response.context["form"]
    errors = dict(form.errors)
    for name, formset in form.formsets.items():
        errors.update({f"{name}-{i}": e for i, e in enumerate(formset.errors) if e})
        if formset.non_form_errors():
            errors[f"{name}-non-form"] = formset.non_form_errors()
    return errors


def test_create_with_sources_awards_tags_and_taxonomies(as_coordinator, hub_a, agency_a):
    top45 = AwardTier.objects.get(slug="top-45")
    top99 = AwardTier.objects.get(slug="top-99")
    data = innovation_form_data(
        agency_a, title="Samsat Delivery Pos", slug="sadelpos", action="publish",
        acronym="SADELPOS", tags="Pajak, Samsat, pajak",
        categories=[str(Category.objects.get(slug="perizinan").pk)],
        sdgs=[str(SDG.objects.get(number=16).pk), str(SDG.objects.get(number=9).pk)],
        sources=inline_formset([
            {"programme": "kipp", "identifier": "SINOVIK-2021-0042"},
            {"programme": "hub", "identifier": ""},
        ]),
        awards=inline_formset([
            {"tier": str(top99.pk), "year": "2020", "note": ""},
            {"tier": str(top45.pk), "year": "2021", "note": "KIPP 2021"},
        ]),
        video_url="https://youtu.be/dQw4w9WgXcQ",
    )
    response = admin_post(as_coordinator, add_innovation_url(hub_a), data)
    assert response.status_code == 302, form_errors(response)
    page = InnovationPage.objects.get(slug="sadelpos")
    assert page.live and page.display_title == "SADELPOS: Samsat Delivery Pos"
    assert sorted((s.programme, s.identifier) for s in page.sources.all()) == [("hub", ""), ("kipp", "SINOVIK-2021-0042")]
    assert sorted((a.tier.slug, a.year, a.note) for a in page.awards.all()) == [
        ("top-45", 2021, "KIPP 2021"), ("top-99", 2020, "")
    ]
    assert sorted(t.name.lower() for t in page.tags.all()) == ["pajak", "samsat"]  # case-insensitive tags
    assert [c.slug for c in page.categories.all()] == ["perizinan"]
    assert sorted(s.number for s in page.sdgs.all()) == [9, 16]
    assert page.youtube_id == "dQw4w9WgXcQ"


def test_duplicate_source_identifier_is_a_form_error_not_a_crash(as_coordinator, hub_a, agency_a):
    existing = InnovationPageFactory(parent=hub_a, agency=agency_a)
    InnovationSource.objects.create(innovation=existing, programme="kipp", identifier="SINOVIK-2021-0042")
    data = innovation_form_data(
        agency_a, title="Salinan", slug="salinan", action="publish",
        sources=inline_formset([{"programme": "kipp", "identifier": "SINOVIK-2021-0042"}]),
    )
    response = admin_post(as_coordinator, add_innovation_url(hub_a), data)
    assert response.status_code == 200
    assert "sources-0" in form_errors(response)
    assert not Page.objects.filter(slug="salinan").exists()


@pytest.mark.parametrize(
    "overrides,field",
    [
        ({"year_started": str(current_year() + 1)}, "year_started"),
        ({"year_started": "1900"}, "year_started"),
        ({"province": "__71__", "regency": "__35.78__"}, "regency"),
        ({"awards": inline_formset([{"tier": "__top-99__", "year": str(current_year() + 1), "note": ""}])}, "awards-0"),
        ({"video_url": "bukan url"}, "video_url"),
        ({"summary": ""}, "summary"),
    ],
)
def test_invalid_values_are_form_errors(as_coordinator, hub_a, agency_a, overrides, field):
    from regions.models import Province, Regency

    def resolve(value):
        # "__71__" -> province pk, "__35.78__" -> regency pk, "__top-99__" -> award tier pk.
        if isinstance(value, str) and value.startswith("__"):
            key = value.strip("_")
            if key.isdigit():
                return str(Province.objects.get(code=key).pk)
            if "." in key:
                return str(Regency.objects.get(code=key).pk)
            return str(AwardTier.objects.get(slug=key).pk)
        if isinstance(value, dict):
            return {k: resolve(v) for k, v in value.items()}
        return value

    overrides = {key: resolve(value) for key, value in overrides.items()}
    data = innovation_form_data(agency_a, title="Tidak Valid", slug="tidak-valid", action="publish", **overrides)
    response = admin_post(as_coordinator, add_innovation_url(hub_a), data)
    assert response.status_code == 200
    assert field in form_errors(response)
    assert not Page.objects.filter(slug="tidak-valid").exists()
