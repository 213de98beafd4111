"""Test data: an edition whose registration window is open now, with Umum and Replikasi."""
import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from .models import Edition, EditionGroup, Group


def _today(days=0):
    return timezone.localdate() + datetime.timedelta(days=days)


class EditionFactory(DjangoModelFactory):
    class Meta:
        model = Edition
        django_get_or_create = ("slug",)
        skip_postgeneration_save = True

    year = 2026
    name = factory.LazyAttribute(lambda o: f"KIPP {o.year}")
    slug = factory.LazyAttribute(lambda o: f"kipp-{o.year}")
    legal_basis = "Peraturan Menteri PANRB Nomor 7 Tahun 2021"
    theme = "Inovasi untuk pelayanan publik yang inklusif"
    registration_opens_on = factory.LazyFunction(lambda: _today(-10))
    registration_closes_on = factory.LazyFunction(lambda: _today(10))
    admin_selection_closes_on = factory.LazyFunction(lambda: _today(20))
    evaluation_closes_on = factory.LazyFunction(lambda: _today(40))
    shortlist_announce_on = factory.LazyFunction(lambda: _today(50))
    min_aspect_words = 5

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if not create:
            return
        configs = extracted if extracted is not None else [
            {"group": Group.UMUM, "cap_per_agency": 10, "min_implementation_years": 2, "shortlist_size": 99},
            {"group": Group.REPLIKASI, "cap_per_agency": 5, "min_implementation_years": 1, "shortlist_size": 15},
        ]
        for config in configs:
            EditionGroup.objects.get_or_create(edition=self, group=config["group"], defaults=config)

    @factory.post_generation
    def categories(self, create, extracted, **kwargs):
        from innovations.models import Category

        if create:
            self.categories.set(extracted if extracted is not None else Category.objects.all())
            self.save()  # a ParentalManyToManyField is written on save
