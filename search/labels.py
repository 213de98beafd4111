"""Human labels for facet values and sort keys, loaded with one query per facet type."""
from django.utils.translation import gettext_lazy

from innovations.filter_registry import FILTERS_BY_NAME, SEARCH_FILTERS

from .base import FACET_FIELDS

FACET_LABELS = {f.name: f.label for f in SEARCH_FILTERS}
SORT_LABELS = {
    "relevansi": gettext_lazy("Paling relevan"),
    "terbaru": gettext_lazy("Terbaru"),
    "terverifikasi": gettext_lazy("Terakhir diverifikasi"),
    "replikasi": gettext_lazy("Paling banyak direplikasi"),
    "judul": gettext_lazy("Judul (A-Z)"),
}
MAX_OPTIONS = 12


def sort_options(has_text):
    return [(value, label) for value, label in SORT_LABELS.items() if has_text or value != "relevansi"]


def _labels(name, values):
    if not values:
        return {}
    return FILTERS_BY_NAME[name].value_labels(values)


def facet_groups(facets, filters, params, query_string):
    """Facet groups for the template: options with label, count, selected flag and toggle URL."""
    groups = []
    for name in FACET_FIELDS:
        counts = facets.get(name, {})
        selected = set(filters.get(name, ()))
        shown = [v for v in counts if v in selected] + [v for v in counts if v not in selected][:MAX_OPTIONS]
        if not shown:
            continue
        labels = _labels(name, shown)
        options = []
        for value in shown:
            values = [v for v in filters.get(name, ()) if v != value] if value in selected else [*filters.get(name, ()), value]
            options.append({
                "value": value, "label": labels.get(value, value), "count": counts[value],
                "selected": value in selected, "url": query_string(params, **{name: values, "halaman": None}),
            })
        options.sort(key=lambda o: (not o["selected"], -o["count"], str(o["label"])))
        groups.append({"name": name, "label": FACET_LABELS[name], "options": options, "more": len(counts) > len(shown)})
    return groups
