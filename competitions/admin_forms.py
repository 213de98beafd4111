"""The admin's edition and instrument forms (and the instruments' filter), narrowed to what the person may configure
(``permissions``): a hub coordinator's edition is organised by their hub (the field is fixed
when they coordinate one hub), a national edition only by national administrators and the
secretariat; an instrument belongs to one of their editions. National administrators see the
plain forms."""
import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm

from . import roles
from .models import Edition, Instrument
from .permissions import edition_scope_q, hubs_for


class EditionAdminForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        if user is None or user.is_superuser or "hub" not in self.fields:
            return
        field = self.fields["hub"]
        national = roles.in_secretariat_group(user)
        hubs = hubs_for(user).order_by("title")
        field.widget = forms.Select()
        field.queryset = hubs
        field.required = not national
        field.empty_label = _("— KemenPANRB (KIPP nasional) —") if national else None
        if not national and len(hubs) == 1:
            field.disabled = True  # their hub, whatever is posted
            if self.instance.pk is None:
                self.initial["hub"] = hubs[0].pk
            field.help_text = _("Kompetisi hub Anda: hanya menerima instansi di wilayah hub.")


class InstrumentAdminForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        if user is None or user.is_superuser or "edition" not in self.fields:
            return
        field = self.fields["edition"]
        field.widget = forms.Select()
        field.queryset = Edition.objects.filter(edition_scope_q(user)).order_by("-year", "name")


def _editions_for(request):
    if request is None:
        return Edition.objects.none()
    if request.user.is_superuser:
        return Edition.objects.all()
    return Edition.objects.filter(edition_scope_q(request.user))


class InstrumentFilterSet(WagtailFilterSet):
    edition = django_filters.ModelChoiceFilter(label=_("edisi"), queryset=_editions_for)

    class Meta:
        model = Instrument
        fields = ["edition", "group"]
