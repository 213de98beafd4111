"""Forms of the replication pages: they validate input; the rules module decides."""
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency, ServiceUnit
from core.files import validate_evidence_file

from .models import EvidenceKind, FollowUpReport, Model, Scope, Stage


class EvidenceFields(forms.Form):
    evidence_kind = forms.ChoiceField(label=_("Jenis dokumen bukti"), choices=[("", "—")] + EvidenceKind.choices, required=False)
    evidence_file = forms.FileField(
        label=_("Dokumen bukti"), required=False, validators=[validate_evidence_file],
        help_text=_("PDF, JPG, PNG atau DOCX, paling besar 10 MB."),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("evidence_file") and not cleaned.get("evidence_kind"):
            self.add_error("evidence_kind", _("Pilih jenis dokumen yang diunggah."))
        return cleaned

    def evidence(self):
        upload = self.cleaned_data.get("evidence_file")
        return [(self.cleaned_data["evidence_kind"], upload)] if upload else []


class StartForm(EvidenceFields):
    field_order = ["reason", "service_unit", "model", "facilitator", "evidence_kind", "evidence_file"]

    reason = forms.CharField(
        label=_("Mengapa instansi Anda ingin mereplikasi inovasi ini?"), widget=forms.Textarea(attrs={"rows": 5}),
        max_length=3000,
    )
    service_unit = forms.ModelChoiceField(
        label=_("Unit pelaksana (UPP)"), queryset=ServiceUnit.objects.none(), required=False,
        help_text=_("Unit yang akan menjalankan replikasi."),
    )
    model = forms.ChoiceField(label=_("Model replikasi"), choices=Model.choices, widget=forms.RadioSelect)
    facilitator = forms.ModelChoiceField(
        label=_("Instansi fasilitator"), queryset=Agency.objects.filter(is_active=True), required=False,
        help_text=_("Hanya untuk model fasilitasi; kosongkan bila difasilitasi hub."),
    )

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service_unit"].queryset = ServiceUnit.objects.filter(agency=agency)
        self.fields["evidence_kind"].initial = EvidenceKind.SURAT_MINAT
        if not self.fields["service_unit"].queryset.exists():
            self.fields["service_unit"].help_text = _("Instansi Anda belum mendaftarkan unit pelayanan; boleh dikosongkan.")


class MoveForm(EvidenceFields):
    field_order = ["to_stage", "date", "note", "evidence_kind", "evidence_file"]

    version = forms.IntegerField(widget=forms.HiddenInput)
    to_stage = forms.ChoiceField(label=_("Tahap berikutnya"), choices=())
    date = forms.DateField(label=_("Tanggal"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    note = forms.CharField(label=_("Catatan"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=3000)

    def __init__(self, *args, moves, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_stage"].choices = [(stage, Stage(stage).label) for stage in moves]
        self.fields["date"].initial = timezone.localdate()

    def clean_date(self):
        date = self.cleaned_data["date"]
        if date > timezone.localdate():
            raise forms.ValidationError(_("Tanggal tidak boleh di masa depan."))
        return date


class DecisionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    decision = forms.ChoiceField(
        label=_("Jawaban"), choices=[("terima", _("Terima permohonan kerja sama")), ("tolak", _("Tolak permohonan"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(label=_("Alasan / pesan"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=3000)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == "tolak" and not (cleaned.get("reason") or "").strip():
            self.add_error("reason", _("Tuliskan alasan penolakan."))
        return cleaned


class ReportForm(forms.ModelForm):
    class Meta:
        model = FollowUpReport
        fields = ["results", "adaptations", "difficulties", "rating"]
        widgets = {
            "results": forms.Textarea(attrs={"rows": 4}),
            "adaptations": forms.Textarea(attrs={"rows": 3}),
            "difficulties": forms.Textarea(attrs={"rows": 3}),
            "rating": forms.RadioSelect(choices=[(i, str(i)) for i in range(1, 6)]),
        }


class ReplicaForm(forms.Form):
    title = forms.CharField(label=_("Judul inovasi replika"), max_length=255)
    scope = forms.ChoiceField(label=_("Yang direplikasi"), choices=Scope.choices, widget=forms.RadioSelect)


class DashboardFilterForm(forms.Form):
    """GET filters of /replikasi/: bad values are dropped, never an error page."""

    hub = forms.SlugField(required=False)
    provinsi = forms.SlugField(required=False)
    tahap = forms.ChoiceField(required=False, choices=[("", "")] + Stage.choices)
    tahun = forms.IntegerField(required=False, min_value=2000, max_value=2100)
