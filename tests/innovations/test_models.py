"""InnovationPage rules and the reading helpers list pages rely on."""
import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from wagtail.models import PageViewRestriction

from agencies.factories import AgencyFactory, ServiceUnitFactory, regency
from agencies.models import AgencyType
from innovations.factories import InnovationAwardFactory, InnovationPageFactory
from innovations.models import (
    AwardTier,
    InnovationPage,
    InnovationSource,
    SourceProgramme,
    current_year,
    validate_not_future_year,
)
from tests.helpers import make_draft

pytestmark = pytest.mark.django_db


def errors_of(page):
    with pytest.raises(ValidationError) as excinfo:
        page.full_clean()
    return excinfo.value.message_dict


@pytest.fixture
def innovation(hub_a, agency_a):
    return InnovationPageFactory(parent=hub_a, agency=agency_a, title="Samsat Delivery Pos", acronym="SADELPOS")


# --- Validation ---------------------------------------------------------------------------------


class TestValidation:
    def test_a_valid_innovation_passes(self, innovation):
        innovation.full_clean()

    def test_year_started_cannot_be_in_the_future(self, innovation):
        innovation.year_started = current_year() + 1
        assert "year_started" in errors_of(innovation)
        innovation.year_started = current_year()
        innovation.full_clean()

    def test_year_started_has_a_lower_bound(self, innovation):
        innovation.year_started = 1989
        assert "year_started" in errors_of(innovation)

    def test_validator_directly(self):
        validate_not_future_year(current_year())
        with pytest.raises(ValidationError):
            validate_not_future_year(current_year() + 1)

    def test_award_year_cannot_be_in_the_future(self, innovation):
        award = InnovationAwardFactory.build(innovation=innovation, year=current_year() + 1)
        with pytest.raises(ValidationError) as excinfo:
            award.full_clean()
        assert "year" in excinfo.value.message_dict

    def test_last_verified_cannot_be_in_the_future(self, innovation):
        innovation.last_verified = datetime.date.today() + datetime.timedelta(days=1)
        assert "last_verified" in errors_of(innovation)

    def test_regency_in_another_province_is_rejected(self, innovation):
        innovation.province = innovation.agency.province  # Sulawesi Utara
        innovation.regency = regency("35.78")  # Kota Surabaya, Jawa Timur
        errors = errors_of(innovation)
        assert errors["regency"] == ["Kabupaten/kota tidak berada di provinsi yang dipilih."]
        innovation.regency = regency("71.71")  # Kota Manado
        innovation.full_clean()

    def test_service_unit_of_another_agency_is_rejected(self, innovation, agency_b):
        innovation.service_unit = ServiceUnitFactory(agency=agency_b)
        errors = errors_of(innovation)
        assert errors["service_unit"] == ["Unit pelayanan ini bukan milik instansi yang dipilih."]
        innovation.service_unit = ServiceUnitFactory(agency=innovation.agency)
        innovation.full_clean()

    def test_province_and_regency_default_from_the_agency(self, hub_a, agency_a2):
        # Wagtail runs full_clean() on save, so the defaults are applied when the page is stored.
        page = InnovationPageFactory(parent=hub_a, agency=agency_a2, province=None, regency=None)
        page = InnovationPage.objects.get(pk=page.pk)
        assert page.province.code == "71"
        assert page.regency.code == "71.71"

    def test_defaults_are_applied_by_clean(self, innovation, agency_a2):
        innovation.agency = agency_a2
        innovation.province = None
        innovation.regency = None
        innovation.full_clean()
        assert innovation.province.code == "71" and innovation.regency.code == "71.71"

    def test_explicit_province_is_kept_and_regency_not_forced(self, hub_b, agency_a2):
        jatim = regency("35.78").province
        page = InnovationPageFactory(parent=hub_b, agency=agency_a2, province=jatim, regency=None)
        page = InnovationPage.objects.get(pk=page.pk)
        assert page.province.code == "35"
        assert page.regency_id is None  # the agency's regency lies in another province

    def test_national_agency_leaves_province_empty(self, site_pages):
        ministry = AgencyFactory(agency_type=AgencyType.KEMENTERIAN, province=None)
        page = InnovationPageFactory(parent=site_pages["national_hub"], agency=ministry, province=None)
        page = InnovationPage.objects.get(pk=page.pk)
        assert page.province_id is None and page.regency_id is None


# --- Sources and awards -------------------------------------------------------------------------


class TestSourcesAndAwards:
    def test_a_source_identifier_belongs_to_one_innovation(self, hub_a, agency_a):
        first = InnovationPageFactory(parent=hub_a, agency=agency_a)
        second = InnovationPageFactory(parent=hub_a, agency=agency_a)
        InnovationSource.objects.create(innovation=first, programme=SourceProgramme.KIPP, identifier="SINOVIK-2021-001")
        with pytest.raises(IntegrityError), transaction.atomic():
            InnovationSource.objects.create(
                innovation=second, programme=SourceProgramme.KIPP, identifier="SINOVIK-2021-001"
            )
        duplicate = InnovationSource(innovation=second, programme=SourceProgramme.KIPP, identifier="SINOVIK-2021-001")
        with pytest.raises(ValidationError):
            duplicate.validate_constraints()

    def test_same_identifier_in_another_programme_and_blank_identifiers_are_allowed(self, hub_a, agency_a):
        first = InnovationPageFactory(parent=hub_a, agency=agency_a)
        second = InnovationPageFactory(parent=hub_a, agency=agency_a)
        InnovationSource.objects.create(innovation=first, programme=SourceProgramme.KIPP, identifier="123")
        InnovationSource.objects.create(innovation=second, programme=SourceProgramme.IGA, identifier="123")
        InnovationSource.objects.create(innovation=first, programme=SourceProgramme.HUB, identifier="")
        InnovationSource.objects.create(innovation=second, programme=SourceProgramme.HUB, identifier="")
        assert InnovationSource.objects.count() == 4
        assert str(InnovationSource.objects.get(programme="iga")) == "IGA/IID (Kemendagri) 123"

    def test_one_innovation_can_hold_several_awards(self, innovation):
        InnovationAwardFactory(innovation=innovation, tier=AwardTier.objects.get(slug="top-99"), year=2020)
        InnovationAwardFactory(innovation=innovation, tier=AwardTier.objects.get(slug="top-45"), year=2021)
        assert [str(a) for a in innovation.awards.order_by("year")] == ["Top 99 2020", "Top 45 2021"]


# --- Display helpers -----------------------------------------------------------------------------


class TestDisplay:
    @pytest.mark.parametrize(
        "title,acronym,expected",
        [
            ("Samsat Delivery Pos", "SADELPOS", "SADELPOS: Samsat Delivery Pos"),
            ("Layanan SADELPOS Manado", "sadelpos", "Layanan SADELPOS Manado"),
            ("Posyandu Digital", "", "Posyandu Digital"),
        ],
    )
    def test_display_title(self, title, acronym, expected):
        assert InnovationPage(title=title, acronym=acronym).display_title == expected

    @pytest.mark.parametrize(
        "url,expected",
        [
            ("https://www.youtube.com/watch?v=dQw4w9WgXcQ", "dQw4w9WgXcQ"),
            ("https://www.youtube.com/watch?feature=share&v=dQw4w9WgXcQ&t=10", "dQw4w9WgXcQ"),
            ("https://youtu.be/dQw4w9WgXcQ?si=abc", "dQw4w9WgXcQ"),
            ("https://www.youtube.com/embed/dQw4w9WgXcQ", "dQw4w9WgXcQ"),
            ("https://www.youtube.com/shorts/a_b-C1d2E3f", "a_b-C1d2E3f"),
            ("https://vimeo.com/123456789", None),
            ("https://youtu.be/short", None),
            ("", None),
        ],
    )
    def test_youtube_id(self, url, expected):
        assert InnovationPage(video_url=url).youtube_id == expected

    def test_narrative_lists_filled_sections_in_order(self):
        page = InnovationPage(background="<p>A</p>", impact="<p>B</p>", objectives="", impact_en="<p>B en</p>")
        assert [(str(label), html, lang) for label, html, lang in page.narrative()] == [
            ("Latar belakang", "<p>A</p>", "id"),
            ("Dampak dan hasil", "<p>B</p>", "id"),
        ]

    def test_narrative_in_english_uses_the_editors_version_where_written(self):
        from django.utils import translation

        page = InnovationPage(background="<p>A</p>", impact="<p>B</p>", impact_en="<p>B en</p>", objectives_en="<p>O</p>")
        with translation.override("en"):
            assert [(html, lang) for _label, html, lang in page.narrative()] == [
                ("<p>A</p>", "id"), ("<p>O</p>", "en"), ("<p>B en</p>", "en"),
            ]


# --- Counting and hub attachment ----------------------------------------------------------------


class TestCountByHubAndListing:
    @pytest.fixture
    def spread(self, site_pages, hub_a, hub_b, agency_a, agency_b):
        for _ in range(3):
            InnovationPageFactory(parent=hub_a, agency=agency_a)
        InnovationPageFactory(parent=hub_b, agency=agency_b)
        # Not counted: a draft, an unpublished page and a private page.
        make_draft(InnovationPageFactory, hub_a, agency=agency_a)
        withdrawn = InnovationPageFactory(parent=hub_a, agency=agency_a)
        withdrawn.unpublish()
        private = InnovationPageFactory(parent=hub_b, agency=agency_b)
        PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
        return site_pages["national_hub"]

    def test_count_by_hub_counts_live_public_innovations(self, spread, hub_a, hub_b, django_assert_num_queries):
        hubs = [hub_a, hub_b, spread]
        assert InnovationPage.count_by_hub(hubs) == {hub_a.pk: 3, hub_b.pk: 1, spread.pk: 0}
        # Then read from the stored catalogue figures (core/figures.py): one indexed query,
        # however large the catalogue, until a change starts a new generation.
        with django_assert_num_queries(1):
            assert InnovationPage.count_by_hub(hubs) == {hub_a.pk: 3, hub_b.pk: 1, spread.pk: 0}
        InnovationPage.objects.live().public().child_of(hub_a).first().unpublish()
        assert InnovationPage.count_by_hub(hubs) == {hub_a.pk: 2, hub_b.pk: 1, spread.pk: 0}

    def test_count_by_hub_of_nothing(self, db, django_assert_num_queries):
        with django_assert_num_queries(0):
            assert InnovationPage.count_by_hub([]) == {}

    def test_for_listing_needs_a_fixed_number_of_queries(self, spread, django_assert_max_num_queries):
        for page in InnovationPage.objects.all():
            InnovationAwardFactory(innovation=page)
            page.tags.add("percontohan", "layanan-publik")
            page.save()
        # view restrictions (.public()), innovations, image renditions (none: no images), awards,
        # tags, categories (the illustration of a card without a photo).
        with django_assert_max_num_queries(5):
            items = list(InnovationPage.for_listing(InnovationPage.objects.live().public()))
            for item in items:
                list(item.awards.all())
                list(item.tags.all())
                list(item.categories.all())
                _ = item.agency.name, item.province
        assert all(len(item.awards.all()) == 1 for item in items)
