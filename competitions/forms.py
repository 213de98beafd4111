"""Forms of the competition pages; the rules themselves live in ``rules``."""
from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from agencies.models import ServiceUnit
from core.files import validate_evidence_file
from innovations.models import SDG, Category, InnovationPage

from .models import Aspect, Group, Proposal


class NewProposalForm(forms.Form):
    group = forms.ChoiceField(label=_("Kelompok"), choices=())
    title = forms.CharField(label=_("Judul inovasi"), max_length=255, required=False,
                            help_text=_("Judul harus mencerminkan isi inovasi dan belum dipakai proposal lain."))
    innovation = forms.ModelChoiceField(label=_("Mulai dari inovasi di katalog"), queryset=InnovationPage.objects.none(),
                                        required=False, empty_label=_("— tidak, mulai dari kosong —"))

    def __init__(self, *args, edition, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].choices = [(g.group, g.get_group_display()) for g in edition.groups.all()]
        self.fields["innovation"].queryset = InnovationPage.objects.filter(agency=agency).order_by("title")

    def clean(self):
        data = super().clean()
        if not (data.get("title") or "").strip() and not data.get("innovation"):
            raise ValidationError(_("Isi judul inovasi atau pilih inovasi dari katalog."))
        return data


class ProposalForm(forms.ModelForm):
    class Meta:
        model = Proposal
        fields = ["title", "category", "implementation_start", "sdgs", "service_unit", "video_url", "contact_name",
                  "contact_email", "contact_phone"]
        widgets = {"implementation_start": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                   "sdgs": forms.CheckboxSelectMultiple}
        help_texts = {"sdgs": _("Pilih sedikitnya satu.")}

    video_url = forms.URLField(label=_("Tautan video"), required=False, assume_scheme="https",
                               help_text=_("Misalnya video YouTube tentang inovasi."))
    sk_document = forms.FileField(label=_("SK inisiator (PDF, JPG, PNG, DOCX; maks. 10 MB)"), required=False,
                                  validators=[validate_evidence_file])

    def __init__(self, *args, edition, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = Category.objects.filter(competition_editions=edition)
        self.fields["service_unit"].queryset = ServiceUnit.objects.filter(agency=agency)
        self.fields["sdgs"].queryset = SDG.objects.order_by("number")
        self.fields["implementation_start"].help_text = _("Tanggal inovasi mulai diterapkan bagi pengguna layanan.")


class EvidenceForm(forms.Form):
    aspect = forms.ModelChoiceField(label=_("Aspek"), queryset=Aspect.objects.none())
    label = forms.CharField(label=_("Keterangan"), max_length=255, required=False)
    file = forms.FileField(label=_("Berkas"), required=False, validators=[validate_evidence_file])
    url = forms.URLField(label=_("atau tautan"), required=False, assume_scheme="https")

    def __init__(self, *args, instrument, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["aspect"].queryset = instrument.aspects.all()

    def clean(self):
        data = super().clean()
        if not data.get("file") and not data.get("url"):
            raise ValidationError(_("Unggah berkas atau isi tautan data dukung."))
        return data


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("Keputusan"), widget=forms.RadioSelect, choices=[
        ("lolos", _("Lolos seleksi administrasi")), ("tidak_lolos", _("Tidak lolos")),
        ("kembalikan", _("Kembalikan untuk perbaikan (sebelum pendaftaran ditutup)"))])
    reason = forms.CharField(label=_("Alasan"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=3000)


class OperatorForm(forms.Form):
    username = forms.RegexField(label=_("Nama pengguna"), regex=r"^[\w.@+-]+$", max_length=150,
                                error_messages={"invalid": _("Gunakan huruf, angka dan . @ + - _ saja.")})
    name = forms.CharField(label=_("Nama lengkap"), max_length=150)
    email = forms.EmailField(label=_("Email"))
    password = forms.CharField(label=_("Kata sandi awal"), widget=forms.PasswordInput, min_length=10,
                               help_text=_("Sedikitnya 10 karakter; minta operator menggantinya."))

    def clean_username(self):
        username = self.cleaned_data["username"]
        if get_user_model().objects.filter(username__iexact=username).exists():
            raise ValidationError(_("Nama pengguna ini sudah dipakai."))
        return username


class AssignForm(forms.Form):
    evaluators = forms.ModelMultipleChoiceField(label=_("Penilai"), queryset=None, widget=forms.CheckboxSelectMultiple)
    per_proposal = forms.IntegerField(label=_("Penilai per proposal"), min_value=2, initial=2)
    deadline = forms.DateField(label=_("Batas penilaian"), required=False,
                               help_text=_("Kosongkan untuk memakai batas penilaian proposal edisi."))

    def __init__(self, *args, **kwargs):
        from .roles import EVALUATOR_GROUP

        super().__init__(*args, **kwargs)
        self.fields["evaluators"].queryset = get_user_model().objects.filter(
            groups__name=EVALUATOR_GROUP, is_active=True).order_by("username")
        self.fields["evaluators"].label_from_instance = lambda u: f"{u.get_full_name() or u.username} ({u.username})"


GROUP_CHOICES = Group.choices
