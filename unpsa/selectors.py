"""The screening list: the catalogue's awarded innovations, filtered with the catalogue's own
filters (``innovations.filters.CatalogueFilter``, so tier, category, SDG and sustainability
status are read and validated exactly as on /inovasi/ and in the API), each row with what a
screener weighs, read in a fixed number of queries whatever the page size."""
from django.db.models import Max, Min, Prefetch
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from innovations.filters import CatalogueFilter
from innovations.models import InnovationAward, InnovationPage

from . import readiness
from .models import Nomination

#: the catalogue filters the screening list offers (URL parameters as on /inovasi/)
SCREENING_FILTERS = ("penghargaan", "kategori", "sdg", "status")


def screening_filter(params):
    """A ``CatalogueFilter`` over the screening's filters only (other parameters are ignored)."""
    kept = QueryDict(mutable=True)
    for name in SCREENING_FILTERS:
        kept.setlist(name, params.getlist(name))
    return CatalogueFilter(kept)


#: the screening's own filter: whether the innovation is nominated in the chosen cycle
NOMINATION_CHOICES = {"ya": _("Sudah dinominasikan"), "belum": _("Belum dinominasikan")}


def by_nomination(queryset, cycle, value):
    """``queryset`` narrowed to innovations nominated (``ya``) or not (``belum``) in ``cycle``;
    any other value, or no cycle, leaves it as it is."""
    if cycle is None or value not in NOMINATION_CHOICES:
        return queryset
    nominated = Nomination.objects.filter(cycle=cycle).values("innovation_id")
    return queryset.filter(pk__in=nominated) if value == "ya" else queryset.exclude(pk__in=nominated)


def awarded_innovations():
    """Live innovations holding at least one award, best tier first, then the latest award."""
    return (
        InnovationPage.objects.live()
        .filter(pk__in=InnovationAward.objects.values("innovation_id"))
        .annotate(best_rank=Min("awards__tier__rank"), latest_award=Max("awards__year"))
    )


def screening_rows(queryset, cycle):
    """Everything a row shows, prefetched: agency, province, awards with tiers, categories,
    SDGs and this cycle's nomination."""
    nominations = Nomination.objects.select_related("category")
    nominations = nominations.filter(cycle=cycle) if cycle is not None else nominations.none()
    return (
        queryset.select_related("agency", "province")
        .prefetch_related(
            Prefetch("awards", queryset=InnovationAward.objects.select_related("tier").order_by("tier__rank", "-year")),
            "categories", "sdgs",
            Prefetch("unpsa_nominations", queryset=nominations, to_attr="cycle_nominations"),
        )
        .order_by("best_rank", "-latest_award", "title")
    )


def decorate(pages):
    """Attach ``english`` (readiness), ``nomination`` (this cycle's, or None), ``unpsa_awards`` and
    ``other_awards`` to each page of a prefetched list (no query)."""
    for page in pages:
        page.english = readiness.readiness(page)
        page.nomination = page.cycle_nominations[0] if page.cycle_nominations else None
        page.unpsa_awards = [a for a in page.awards.all() if a.tier.programme == "unpsa"]
        page.other_awards = [a for a in page.awards.all() if a.tier.programme != "unpsa"]
    return pages


def cycle_nominations(cycle):
    """This cycle's nominations with what the nomination table shows."""
    return (
        Nomination.objects.filter(cycle=cycle)
        .select_related("innovation", "innovation__agency", "category", "award__tier")
        .order_by("category__sort_order", "innovation__title")
    )
