"""The header's "Pendaftaran klinik" link for people who act for an agency."""
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail import hooks

from agencies.models import agency_for_user
from core.account_links import AccountLink


@hooks.register("public_account_links")
def clinic_links(user):
    if agency_for_user(user) is not None:
        return [AccountLink(_("Pendaftaran klinik"), reverse("clinics:mine"), "pendaftaran-klinik")]
    return []
