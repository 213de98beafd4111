import factory
import wagtail_factories

from agencies.factories import AgencyFactory

from .models import AwardTier, InnovationAward, InnovationPage, SustainabilityStatus


class InnovationPageFactory(wagtail_factories.PageFactory):
    """An innovation; pass ``parent=`` a HubPage. Region follows the agency."""

    class Meta:
        model = InnovationPage

    title = factory.Sequence(lambda n: f"Inovasi Layanan Percontohan {n}")
    slug = factory.Sequence(lambda n: f"inovasi-percontohan-{n}")
    acronym = factory.Sequence(lambda n: f"INOV{n}")
    summary = "Ringkasan inovasi pelayanan publik untuk keperluan pengujian."
    agency = factory.SubFactory(AgencyFactory)
    province = factory.LazyAttribute(lambda o: o.agency.province)
    year_started = 2020
    sustainability_status = SustainabilityStatus.BERLANJUT
    background = "<p>Latar belakang inovasi.</p>"


class InnovationAwardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InnovationAward

    innovation = factory.SubFactory(InnovationPageFactory)
    tier = factory.LazyFunction(lambda: AwardTier.objects.get(slug="top-99"))
    year = 2021
