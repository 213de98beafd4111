"""The screening list and the nomination form, in the Wagtail admin (staff-only work: see the
README's UNPSA section for why it is not a public page). Thin views over ``selectors`` and
``rules``; every number from the address goes through ``core.numbers``."""
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from core.numbers import int_or
from core.pagination import paginate
from innovations.models import InnovationPage

from . import readiness, rules, selectors
from .models import FIRST_YEAR, Cycle, Nomination

PER_PAGE = 25


def _require_screener(request):
    if not rules.can_screen(request.user):
        raise PermissionDenied


def _cycle_from(raw):
    """The cycle named by ``raw`` (a year), else the newest; None when there is none."""
    year = int_or(raw, None, minimum=FIRST_YEAR, maximum=2100)
    cycles = Cycle.objects.all()
    return (cycles.filter(year=year).first() if year else None) or cycles.first()


def screening(request):
    _require_screener(request)
    cycle = _cycle_from(request.GET.get("siklus"))
    catalogue = selectors.screening_filter(request.GET)
    queryset = catalogue.narrow(selectors.awarded_innovations())
    nominated = request.GET.get("nominasi", "")
    if nominated and nominated not in selectors.NOMINATION_CHOICES:
        catalogue.errors.append(_("Nilai “%(value)s” untuk filter Nominasi tidak dikenal dan diabaikan.")
                                % {"value": nominated[:50]})
        nominated = ""
    queryset = selectors.by_nomination(queryset, cycle, nominated)
    page = paginate(request, selectors.screening_rows(queryset, cycle), per_page=PER_PAGE)
    selectors.decorate(page.object_list)
    keep = request.GET.copy()
    keep.pop("halaman", None)
    return TemplateResponse(request, "unpsa/admin/screening.html", {
        "cycle": cycle,
        "cycles": Cycle.objects.values_list("year", flat=True),
        "filter": catalogue,
        "nominated": nominated,
        "nomination_choices": selectors.NOMINATION_CHOICES.items(),
        "fields": [f for f in catalogue.fields() if f[0] in selectors.SCREENING_FILTERS],
        "results": page,
        "query": keep.urlencode(),
        "nominations": selectors.cycle_nominations(cycle) if cycle else [],
        "header_title": _("Penyaringan UNPSA"),
    })


class NominationForm(forms.ModelForm):
    class Meta:
        model = Nomination
        fields = ["category", "submitted_on", "result", "note"]
        widgets = {"submitted_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, cycle, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = cycle.categories.all()
        self.fields["category"].empty_label = None


def nomination(request, year, innovation_id):
    _require_screener(request)
    year = int_or(year, None, minimum=FIRST_YEAR, maximum=2100)
    innovation_id = int_or(innovation_id, None, minimum=1, maximum=2**31 - 1)
    if year is None or innovation_id is None:
        raise Http404
    cycle = get_object_or_404(Cycle, year=year)
    innovation = get_object_or_404(InnovationPage.objects.select_related("agency"), pk=innovation_id)
    instance = Nomination.objects.filter(cycle=cycle, innovation=innovation).first() or \
        Nomination(cycle=cycle, innovation=innovation)
    form = NominationForm(request.POST or None, instance=instance, cycle=cycle)
    if request.method == "POST" and form.is_valid():
        try:
            rules.record_nomination(request.user, form.instance)
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("Nominasi UNPSA %(year)s untuk %(title)s disimpan.") % {
                "year": cycle.year, "title": innovation.title})
            return redirect(reverse("unpsa_screening") + f"?siklus={cycle.year}")
    awards = innovation.awards.select_related("tier").order_by("-year", "tier__rank")
    return TemplateResponse(request, "unpsa/admin/nomination.html", {
        "cycle": cycle, "innovation": innovation, "form": form, "nomination": instance,
        "english": readiness.readiness(innovation), "awards": awards,
        "header_title": _("Nominasi UNPSA %(year)s") % {"year": cycle.year},
    })
