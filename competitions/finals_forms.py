"""Forms of the finals pages (the rules live in ``finals``, ``objections`` and ``awards``)."""
import datetime
import zoneinfo

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from clinics.forms import MultipleImageField
from core.files import validate_evidence_file

from . import roles
from .models import Objection, Proposal

MAX_EVIDENCE_BYTES = 10 * 1024 * 1024
MAX_VISIT_PHOTOS = 8


def _person(user):
    return f"{user.get_full_name()} ({user.username})" if user.get_full_name() else user.username


def _group_members(name):
    return get_user_model().objects.filter(groups__name=name, is_active=True).distinct().order_by("first_name", "username")


class ObjectionForm(forms.Form):
    proposal = forms.ModelChoiceField(label=_("Nominee yang Anda keberatan"), queryset=Proposal.objects.none())
    name = forms.CharField(label=_("Nama Anda"), max_length=150)
    contact = forms.CharField(label=_("Email atau telepon Anda"), max_length=200,
                              help_text=_("Hanya untuk penyelenggara; tidak pernah dipublikasikan."))
    evidence_text = forms.CharField(label=_("Uraian keberatan dan buktinya"), min_length=30, max_length=5000,
                                    widget=forms.Textarea(attrs={"rows": 6}))
    evidence_file = forms.FileField(label=_("Berkas bukti (PDF, JPG, PNG atau DOCX)"), required=False,
                                    validators=[validate_evidence_file])
    evidence_url = forms.URLField(label=_("Tautan bukti"), required=False, max_length=200, assume_scheme="https")
    # Honeypot (the contact form's): people never see it; simple bots fill every field.
    website = forms.CharField(required=False, widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}))

    def __init__(self, *args, nominees, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["proposal"].queryset = nominees
        self.fields["proposal"].label_from_instance = lambda p: f"{p.title} — {p.agency.name}"

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise forms.ValidationError(_("Keberatan tidak dapat dikirim."))
        return ""

    def clean_evidence_file(self):
        upload = self.cleaned_data.get("evidence_file")
        if upload and upload.size > MAX_EVIDENCE_BYTES:
            raise forms.ValidationError(_("Berkas paling besar 10 MB."))
        return upload


class ScheduleForm(forms.Form):
    """The slot typed in the finalist's own zone (``zone_name``)."""

    starts = forms.DateTimeField(label=_("Mulai (waktu setempat finalis)"), input_formats=["%Y-%m-%dT%H:%M"],
                                 widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    minutes = forms.IntegerField(label=_("Durasi (menit)"), min_value=5, max_value=120, initial=20)
    online_url = forms.URLField(label=_("Tautan daring"), required=False, max_length=200, assume_scheme="https")
    place = forms.CharField(label=_("Tempat"), required=False, max_length=255)

    def __init__(self, *args, zone_name, **kwargs):
        self.zone_name = zone_name
        super().__init__(*args, **kwargs)

    def clean_starts(self):
        value = self.cleaned_data["starts"]
        naive = value.replace(tzinfo=None) if isinstance(value, datetime.datetime) else value
        return naive.replace(tzinfo=zoneinfo.ZoneInfo(self.zone_name))


class PanelForm(forms.Form):
    panelists = forms.ModelMultipleChoiceField(label=_("Anggota panel"), queryset=get_user_model().objects.none(),
                                               widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["panelists"].queryset = _group_members(roles.PANEL_GROUP)
        self.fields["panelists"].label_from_instance = _person


class VisitForm(forms.Form):
    proposal = forms.ModelChoiceField(label=_("Finalis"), queryset=Proposal.objects.none())
    visited_on = forms.DateField(label=_("Tanggal kunjungan"), widget=forms.DateInput(attrs={"type": "date"}))
    members = forms.ModelMultipleChoiceField(label=_("Tim kunjungan"), queryset=get_user_model().objects.none(),
                                             widget=forms.CheckboxSelectMultiple)
    findings = forms.CharField(label=_("Temuan"), max_length=10000, widget=forms.Textarea(attrs={"rows": 5}))
    runs_as_claimed = forms.TypedChoiceField(label=_("Inovasi berjalan sesuai proposal?"),
                                             choices=[("ya", _("Ya")), ("tidak", _("Tidak"))],
                                             coerce=lambda v: v == "ya", widget=forms.RadioSelect)
    photos = MultipleImageField(label=_("Foto"), required=False,
                                help_text=_("Boleh beberapa sekaligus (paling banyak 8, masing-masing paling besar 10 MB)."))

    def __init__(self, *args, finalists, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["proposal"].queryset = finalists
        self.fields["members"].queryset = (get_user_model().objects.filter(
            groups__name__in=[roles.PANEL_GROUP, roles.EVALUATOR_GROUP], is_active=True)
            .distinct().order_by("first_name", "username"))
        self.fields["members"].label_from_instance = _person

    def clean_photos(self):
        photos = self.cleaned_data.get("photos") or []
        if len(photos) > MAX_VISIT_PHOTOS:
            raise forms.ValidationError(_("Paling banyak 8 foto."))
        if any(p.size > MAX_EVIDENCE_BYTES for p in photos):
            raise forms.ValidationError(_("Setiap foto paling besar 10 MB."))
        return photos


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Hasil"), choices=[c for c in Objection.Outcome.choices if c[0] != "menunggu"])
    consequence = forms.ChoiceField(label=_("Konsekuensi"), choices=Objection.Consequence.choices, required=False)
    note = forms.CharField(label=_("Pertimbangan"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))


class DecreeForm(forms.Form):
    number = forms.CharField(label=_("Nomor keputusan"), max_length=150)
    decided_on = forms.DateField(label=_("Tanggal keputusan"), widget=forms.DateInput(attrs={"type": "date"}))
