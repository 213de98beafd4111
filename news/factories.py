import datetime

import factory
import wagtail_factories
from django.utils import timezone

from .models import ArticlePage, EventPage, NewsPage


class NewsPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = NewsPage

    title = factory.Sequence(lambda n: f"Berita Percontohan {n}")
    slug = factory.Sequence(lambda n: f"berita-percontohan-{n}")
    summary = "Ringkasan berita."
    date = factory.LazyFunction(timezone.localdate)


class EventPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = EventPage

    title = factory.Sequence(lambda n: f"Coaching Clinic Percontohan {n}")
    slug = factory.Sequence(lambda n: f"coaching-clinic-{n}")
    summary = "Coaching clinic penyusunan proposal inovasi."
    event_type = EventPage.EventType.COACHING_CLINIC
    start = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=14))
    location = "Aula Kantor Gubernur"


class ArticlePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ArticlePage

    title = factory.Sequence(lambda n: f"Praktik Baik Percontohan {n}")
    slug = factory.Sequence(lambda n: f"praktik-baik-{n}")
    summary = "Pelajaran dari replikasi inovasi."
