from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def forget_hub_time_zones(**kwargs):
    """A hub created or moved to another province changes where its events happen."""
    from django.core.cache import cache

    from .models import HUB_TIME_ZONES_KEY

    cache.delete(HUB_TIME_ZONES_KEY)


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = _("Berita dan agenda")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from hubs.models import HubPage

        post_save.connect(forget_hub_time_zones, sender=HubPage, dispatch_uid="news-hub-time-zones-save")
        post_delete.connect(forget_hub_time_zones, sender=HubPage, dispatch_uid="news-hub-time-zones-delete")
