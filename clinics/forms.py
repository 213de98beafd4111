"""Forms of the clinic pages: they validate input; ``rules`` decides."""
import zoneinfo

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency
from regions.models import Province

from .models import Cohort, Material, Report

LOCAL = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class CohortForm(forms.ModelForm):
    """Dates are typed in the cohort's own time zone (09.00 WITA in Manado), whatever the
    portal's default zone."""

    online_url = forms.URLField(label=_("Tautan daring"), required=False, assume_scheme="https")

    class Meta:
        model = Cohort
        fields = ["name", "capacity", "start", "end", "time_zone", "location", "online_url",
                  "invited_provinces", "invited_agencies", "is_open"]
        widgets = {"start": LOCAL, "end": LOCAL}
        help_texts = {
            "start": _("Dalam zona waktu angkatan."),
            "invited_provinces": _("Kosongkan provinsi dan instansi bila semua instansi boleh mendaftar."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["invited_provinces"].queryset = Province.objects.order_by("code")
        self.fields["invited_agencies"].queryset = Agency.objects.filter(is_active=True).order_by("name")
        self.fields["start"].input_formats = self.fields["end"].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]

    def clean(self):
        cleaned = super().clean()
        zone = zoneinfo.ZoneInfo(cleaned.get("time_zone") or "Asia/Jakarta")
        for name in ("start", "end"):
            value = cleaned.get(name)
            if value is not None and not 2000 <= value.year <= 2100:
                # a typo like 0001-01-01 would be a year before 1 in UTC, which PostgreSQL refuses
                self.add_error(name, _("Tahun harus di antara 2000 dan 2100."))
                cleaned.pop(name, None)
            elif value is not None:  # read as the portal's zone: put the wall-clock time in the cohort's
                cleaned[name] = timezone.make_aware(timezone.make_naive(value), zone)
        if cleaned.get("start") and cleaned.get("end") and cleaned["end"] < cleaned["start"]:
            self.add_error("end", _("Waktu selesai tidak boleh sebelum waktu mulai."))
        if not cleaned.get("location") and not cleaned.get("online_url"):
            self.add_error("location", _("Isi tempat kegiatan atau tautan daring."))
        return cleaned


class PersonForm(forms.Form):
    name = forms.CharField(label=_("Nama"), max_length=150, required=False)
    position = forms.CharField(label=_("Jabatan"), max_length=150, required=False)
    unit = forms.CharField(label=_("Unit kerja"), max_length=200, required=False)
    email = forms.EmailField(label=_("Email"), required=False)


PeopleFormSet = forms.formset_factory(PersonForm, extra=5, max_num=10, absolute_max=10)


class MaterialForm(forms.ModelForm):
    url = forms.URLField(label=_("Tautan (rekaman)"), required=False, assume_scheme="https",
                         help_text=_("Untuk rekaman atau berkas besar di tempat lain."))

    class Meta:
        model = Material
        fields = ["title", "file", "url", "audience"]
        help_texts = {"file": _("PDF, JPG, PNG atau DOCX, paling besar 10 MB."),
}
        widgets = {"audience": forms.RadioSelect}

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("file") and not cleaned.get("url"):
            self.add_error("file", _("Unggah berkas atau isi tautan."))
        return cleaned


class MultipleImageInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleImageField(forms.ImageField):
    """Several images in one input; each is checked as an image on its own."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleImageInput(attrs={"accept": "image/*"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, (list, tuple)) else ([data] if data else [])
        return [super(MultipleImageField, self).clean(item, initial) for item in files]


MAX_PHOTO_BYTES = 10 * 1024 * 1024
MAX_MORE_PHOTOS = 8


class ReportForm(forms.ModelForm):
    more_photos = MultipleImageField(
        label=_("Foto lain"), required=False,
        help_text=_("Boleh beberapa sekaligus (paling banyak 8 per simpan, masing-masing paling besar 10 MB)."))

    class Meta:
        model = Report
        fields = ["covered", "photo", "more_photos", "followup_months"]
        widgets = {"covered": forms.Textarea(attrs={"rows": 6})}

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        if photo and getattr(photo, "size", 0) > MAX_PHOTO_BYTES:
            raise forms.ValidationError(_("Berkas terlalu besar: paling besar 10 MB."))
        return photo

    def clean_more_photos(self):
        photos = self.cleaned_data.get("more_photos") or []
        if len(photos) > MAX_MORE_PHOTOS:
            raise forms.ValidationError(_("Paling banyak %(n)s foto sekaligus.") % {"n": MAX_MORE_PHOTOS})
        if any(getattr(photo, "size", 0) > MAX_PHOTO_BYTES for photo in photos):
            raise forms.ValidationError(_("Berkas terlalu besar: paling besar 10 MB."))
        return photos

    def save(self, commit=True):
        from django.db import transaction

        from .models import ReportPhoto

        with transaction.atomic():  # the report and its photos, or nothing
            report = super().save(commit=commit)
            for photo in self.cleaned_data.get("more_photos") or []:
                ReportPhoto.objects.create(report=report, image=photo)
        return report

    def clean_followup_months(self):
        months = self.cleaned_data["followup_months"]
        if not 1 <= months <= 60:
            raise forms.ValidationError(_("Masa tindak lanjut 1 sampai 60 bulan."))
        return months
