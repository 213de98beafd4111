from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PkriConfig(AppConfig):
    name = "pkri"
    verbose_name = _("PKRI")
    default_auto_field = "django.db.models.BigAutoField"
