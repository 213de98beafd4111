"""Test data for PKRI: a cycle whose self-assessment window is open now."""
import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from .models import Cycle


class CycleFactory(DjangoModelFactory):
    class Meta:
        model = Cycle
        django_get_or_create = ("year",)

    year = 2026
    name = factory.LazyAttribute(lambda o: f"PKRI {o.year}")
    self_assessment_opens = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=10))
    self_assessment_closes = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=10))
    desk_closes = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=30))
    interview_closes = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=40))
    publication_date = factory.LazyFunction(lambda: (timezone.now() + datetime.timedelta(days=50)).date())
