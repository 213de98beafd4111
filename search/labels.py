"""Human labels for facet values and sort keys.

Labels come from the taxonomies (hubs, provinces, categories, SDGs, award tiers, tags), which
change far less often than pages are viewed: each process remembers the labels it has read, per
facet and language, and reads only values it has not seen (one query per facet type at most).
It forgets them when a taxonomy row is saved or deleted in this process (``forget``, connected
in search.signals) and every ``LABEL_SECONDS`` in any case, so a rename made through another
process shows on the search page within that time.
"""
import threading
import time

from django.utils.translation import get_language, gettext_lazy

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


LABEL_SECONDS = 60
#: models whose rows name facet values (app label, model name)
LABEL_MODELS = [("hubs", "HubPage"), ("regions", "Province"), ("innovations", "Category"), ("innovations", "SDG"),
                ("innovations", "AwardTier"), ("taggit", "Tag")]
_memo: dict[tuple[str, str], tuple[float, dict]] = {}
_memo_lock = threading.Lock()


def forget(**kwargs):
    """Drop this process's remembered labels (a taxonomy row changed)."""
    with _memo_lock:
        _memo.clear()


def _labels(name, values):
    if not values:
        return {}
    now = time.monotonic()
    key = (name, get_language() or "")
    with _memo_lock:
        until, known = _memo.get(key, (0.0, None))
        if known is None or until < now:
            known = {}
            _memo[key] = (now + LABEL_SECONDS, known)
        missing = [v for v in values if v not in known]
    if missing:
        found = FILTERS_BY_NAME[name].value_labels(missing)
        with _memo_lock:
            for value in missing:
                known[value] = found.get(value)  # None: no label, the value itself is shown
    return {value: known[value] for value in values if known.get(value) is not None}


def facet_groups(facets, filters, params, query_string):
    """Facet groups for the template: options with label, count, selected flag and, for a
    selected option, the URL without it."""
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
            # the URL that removes a selected value (the page's active-filter chips); unselected
            # options are checkboxes of the form and need none (building ~70 query strings per
            # page was a tenth of its CPU time)
            url = None
            if value in selected:
                values = [v for v in filters.get(name, ()) if v != value]
                url = query_string(params, **{name: values, "halaman": None})
            options.append({
                "value": value, "label": labels.get(value, value), "count": counts[value],
                "selected": value in selected, "url": url,
            })
        options.sort(key=lambda o: (not o["selected"], -o["count"], str(o["label"])))
        groups.append({"name": name, "label": FACET_LABELS[name], "options": options, "more": len(counts) > len(shown)})
    return groups
