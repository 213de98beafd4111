"""The national administrator's cycle page in the Wagtail admin: choose objects, assign
assessors, evaluate the desk round and publish, each a button over ``pkri.rules`` (the same
functions the ``pkri_*`` commands call)."""
from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hubs.roles import ASSESSOR_GROUP
from innovations.models import AwardTier, InnovationPage

from . import rules
from .models import AssessmentObject, Cycle, Stage


class ObjectsForm(forms.Form):
    years = forms.CharField(label=gettext_lazy("Tahun penghargaan"), required=False,
                            help_text=gettext_lazy("Pisahkan dengan spasi, misalnya 2019 2021."))
    tiers = forms.ModelMultipleChoiceField(label=gettext_lazy("Tingkat penghargaan"), required=False, queryset=None,
                                           to_field_name="slug", widget=forms.CheckboxSelectMultiple)
    innovations = forms.CharField(label=gettext_lazy("Atau id inovasi satu per satu"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tiers"].queryset = AwardTier.objects.all()

    def _numbers(self, name):
        raw = self.cleaned_data.get(name) or ""
        try:
            return [int(part) for part in raw.replace(",", " ").split()]
        except ValueError:
            raise forms.ValidationError(_("Isi dengan angka yang dipisahkan spasi.")) from None

    def clean_years(self):
        return self._numbers("years")

    def clean_innovations(self):
        return self._numbers("innovations")


class AssignForm(forms.Form):
    assessors = forms.ModelMultipleChoiceField(label=gettext_lazy("Penilai"), queryset=None,
                                               widget=forms.CheckboxSelectMultiple)
    per_object = forms.IntegerField(label=gettext_lazy("Penilai per objek"), min_value=rules.MIN_ASSESSORS, initial=2)
    stage = forms.ChoiceField(label=gettext_lazy("Tahap"), choices=Stage.choices)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assessors"].queryset = get_user_model().objects.filter(groups__name=ASSESSOR_GROUP, is_active=True)


def cycle_admin(request, year):
    if not request.user.is_superuser:
        raise PermissionDenied
    cycle = get_object_or_404(Cycle, year=year)
    objects_form, assign_form = ObjectsForm(prefix="obj"), AssignForm(prefix="asg")
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "objects":
                objects_form = ObjectsForm(request.POST, prefix="obj")
                if objects_form.is_valid():
                    data = objects_form.cleaned_data
                    rules.prepare_instruments(cycle)
                    created = rules.choose_objects(cycle, years=data["years"], tiers=[t.slug for t in data["tiers"]],
                                                   innovations=InnovationPage.objects.filter(pk__in=data["innovations"]))
                    messages.success(request, _("Objek baru: %(k)s keberlanjutan, %(r)s replikasi, %(p)s pembina.") % {
                        "k": created["keberlanjutan"], "r": created["replikasi"], "p": created["pembina"]})
                    return redirect("pkri_cycle_admin", year=year)
            elif action == "assign":
                assign_form = AssignForm(request.POST, prefix="asg")
                if assign_form.is_valid():
                    data = assign_form.cleaned_data
                    done = rules.assign_in_turn(cycle, list(data["assessors"]), per_object=data["per_object"], stage=data["stage"])
                    messages.success(request, _("%(n)s objek ditugaskan.") % {"n": done})
                    return redirect("pkri_cycle_admin", year=year)
            elif action == "evaluate":
                rules.evaluate_desk(cycle)
                messages.success(request, _("Nilai penilaian dokumen dihitung."))
                return redirect("pkri_cycle_admin", year=year)
            elif action == "publish":
                rules.publish(cycle)
                messages.success(request, _("Hasil dipublikasikan."))
                return redirect("pkri_cycle_admin", year=year)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
    counts = AssessmentObject.objects.filter(cycle=cycle).values("group", "status").annotate(n=Count("pk")).order_by("group", "status")
    return TemplateResponse(request, "pkri/admin/cycle.html", {
        "cycle": cycle, "counts": counts, "objects_form": objects_form, "assign_form": assign_form,
        "flagged": AssessmentObject.objects.filter(cycle=cycle, flagged=True).select_related("innovation", "locus__agency"),
        "header_title": cycle.name,
    })


def latest_cycle_admin(request):
    """The newest cycle's page; with no cycle yet, the place to create one."""
    if not request.user.is_superuser:
        raise PermissionDenied
    latest = Cycle.objects.order_by("-year").values_list("year", flat=True).first()
    if latest is None:
        messages.info(request, _("Belum ada siklus PKRI: buat siklus terlebih dahulu."))
        return redirect("wagtailsnippets_pkri_cycle:add")
    return redirect("pkri_cycle_admin", year=latest)
