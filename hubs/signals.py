"""Give every new hub its roles as soon as the page exists."""
from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import HubPage


@receiver(post_save, sender=HubPage)
def create_hub_roles(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        from .roles import ensure_hub_roles

        pk = instance.pk
        transaction.on_commit(lambda: ensure_hub_roles(HubPage.objects.get(pk=pk)))
