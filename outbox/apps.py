from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutboxConfig(AppConfig):
    name = "outbox"
    verbose_name = _("Antrean kiriman")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # every app registers its handlers in its ``tasks`` module (``outbox.handler``); import
        # them all, so a worker or a web process can deliver any kind whatever it imported so far
        from django.utils.module_loading import autodiscover_modules

        autodiscover_modules("tasks")
