from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UnpsaConfig(AppConfig):
    name = "unpsa"
    verbose_name = _("UNPSA (United Nations Public Service Awards)")
    default_auto_field = "django.db.models.BigAutoField"
