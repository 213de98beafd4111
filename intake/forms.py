from django import forms
from django.utils.translation import gettext_lazy as _

from .readers import FORMATS, FileProblem, detect_format
from .schema import MAX_FILE_BYTES


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Berkas CSV, XLSX atau JSON"),
        help_text=_("Kolom dan nilai yang diizinkan: lihat panduan impor (docs/import.md). Paling besar 50 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(f".{ext}" for ext in FORMATS)}),
    )
    skip_invalid = forms.BooleanField(
        label=_("Impor baris yang sah saja"), required=False,
        help_text=_("Tanpa pilihan ini, satu baris tidak sah menggagalkan seluruh impor. Baris yang ditolak "
                    "dapat diunduh beserta alasannya."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            detect_format(upload.name)
        except FileProblem as error:
            raise forms.ValidationError(str(error)) from None
        if upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError(_("Berkas terlalu besar; paling besar 50 MB."))
        if upload.size == 0:
            raise forms.ValidationError(_("Berkas kosong."))
        return upload
