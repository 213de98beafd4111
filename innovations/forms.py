"""Admin form for innovation pages.

Agency editors act for one agency: the form only offers that agency and its service units,
so an editor cannot file an innovation in another agency's name.
"""
from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from agencies.models import Agency, ServiceUnit, agency_for_user


def _offer_only(field, queryset, empty_label="---------"):
    """Limit a field to ``queryset`` and show it as a plain select of exactly those choices.

    Agencies and service units are snippets, so the admin would otherwise render a snippet
    chooser whose modal lists every agency in the country.
    """
    field.queryset = queryset
    field.empty_label = empty_label
    field.widget = forms.Select()
    field.widget.choices = field.choices


class InnovationPageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)

        user = getattr(self, "for_user", None)
        agency = agency_for_user(user) if user is not None and not user.is_superuser else None
        if agency is not None:
            _offer_only(self.fields["agency"], Agency.objects.filter(pk=agency.pk), empty_label=None)
            self.fields["agency"].initial = agency.pk
            self.fields["agency"].help_text = _("Anda mengisi atas nama instansi Anda.")
            if "service_unit" in self.fields:
                _offer_only(self.fields["service_unit"], ServiceUnit.objects.filter(agency=agency))
        elif "service_unit" in self.fields:
            self.fields["service_unit"].queryset = ServiceUnit.objects.select_related("agency")
