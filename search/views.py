"""Public search at /cari/.

For now a thin view over Wagtail's database search backend; the Indonesian-aware engines
(embedded and Elasticsearch) replace the query function, not the view.
"""
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from core.pagination import paginate
from innovations.models import InnovationPage, attach_hubs

MAX_QUERY_LENGTH = 200


def clean_query(raw):
    """Strip control characters and cap the length so any input is safe to search.

    Double quotes go too: the SQLite backend wraps each term in FTS5 quotes without escaping
    the ones inside, so a stray " is an FTS5 syntax error (a 500) on the embedded database.
    """
    text = "".join(ch for ch in (raw or "") if ch.isprintable() and ch != '"')
    return " ".join(text.split())[:MAX_QUERY_LENGTH]


def search(request):
    query = clean_query(request.GET.get("q"))
    results = None
    if query:
        found = InnovationPage.objects.live().public().search(query, operator="or")
        results = paginate(request, found, per_page=20)
        ids = [item.pk for item in results.object_list]
        by_id = {item.pk: item for item in InnovationPage.for_listing(InnovationPage.objects.filter(pk__in=ids))}
        results.object_list = attach_hubs([by_id[pk] for pk in ids if pk in by_id])
    return TemplateResponse(
        request,
        "search/search.html",
        {"query": query, "results": results, "page_title": _("Cari inovasi")},
    )
