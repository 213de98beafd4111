import factory
from factory.django import DjangoModelFactory

from regions.models import Province, Regency

from .models import Agency, AgencyMembership, AgencyType, ServiceUnit


def province(code="71"):
    """A real province (the migrations load all 38); 71 is Sulawesi Utara."""
    return Province.objects.get(code=code)


def regency(code="71.71"):
    return Regency.objects.get(code=code)


class AgencyFactory(DjangoModelFactory):
    class Meta:
        model = Agency

    name = factory.Sequence(lambda n: f"Dinas Percontohan {n}")
    abbreviation = factory.Sequence(lambda n: f"DP{n}")
    agency_type = AgencyType.PEMPROV
    province = factory.LazyFunction(province)


class ServiceUnitFactory(DjangoModelFactory):
    class Meta:
        model = ServiceUnit

    agency = factory.SubFactory(AgencyFactory)
    name = factory.Sequence(lambda n: f"UPT Layanan {n}")


class UserFactory(DjangoModelFactory):
    class Meta:
        model = "auth.User"
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"pengguna{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@contoh.go.id")
    password = factory.PostGenerationMethodCall("set_password", "rahasia-uji-123")

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(*extracted)
        if create:
            self.save()


class AgencyMembershipFactory(DjangoModelFactory):
    class Meta:
        model = AgencyMembership

    user = factory.SubFactory(UserFactory)
    agency = factory.SubFactory(AgencyFactory)
