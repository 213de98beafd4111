"""Public search at /cari/ and autocomplete at /api/cari/saran/.

The views never know which engine answers (search.service.get_engine). They clean the input,
turn facet values into labels with one query per facet type, load the result pages with the
catalogue's listing query (a fixed number of queries per page), and log a search once per
submission: the search form carries ``kirim=1``, which the links the page builds (pages,
facets, sorts) leave out, so paging or narrowing is not counted as a new search.
"""
import logging
from dataclasses import dataclass

from django.http import JsonResponse
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from wagtail.models import Page

from core import page_cache
from core.numbers import int_or
from hubs.membership import hub_path_of
from hubs.models import HubPage
from innovations.filters import offered_only
from innovations.models import InnovationAward, InnovationPage

from .base import FACET_FIELDS, SearchQuery
from .facets import current_token as index_token
from .labels import facet_groups, sort_options
from .query import clean_filters, clean_sort, clean_text, normalized_query
from .service import get_engine

logger = logging.getLogger(__name__)

PER_PAGE = 20
SUBMIT_PARAM = "kirim"


def _page_number(raw):
    return int_or(raw, 1, minimum=1, maximum=10_000, clamp=True)


def _query_string(params, **changes):
    """The current parameters with changes applied (None drops a key); never the submit marker."""
    from django.http import QueryDict

    query = QueryDict(mutable=True)
    for key, values in params.items():
        if key not in changes and key != SUBMIT_PARAM:
            query.setlist(key, values)
    for key, value in changes.items():
        if value is None:
            continue
        query.setlist(key, value if isinstance(value, list) else [value])
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else "?"


@dataclass
class ResultItem:
    """What one search result shows, read as plain values (see ``_load_items``)."""

    url: str
    title: str
    acronym: str
    summary: str
    agency_name: str
    province_name: str | None
    hub_title: str | None
    year_started: int
    sustainability_status: str
    status_label: str
    #: the best award (lowest tier rank, then latest year) as (tier name, year), or None
    award: tuple[str, int] | None
    highlights: dict


def _load_items(hits, request=None):
    """The results in hit order, with what a result shows and nothing more, in three fixed
    queries (pages with agency and province, their best awards, their hubs) read as values:
    building Wagtail page instances through the ORM was the biggest share of the page's CPU
    time (7 of 23 ms at 1,000 innovations). Pages that are no longer live and public are left
    out (an index entry may briefly outlive an unpublished page). The URL is Wagtail's own
    (``Page.get_url`` on a bare page holding the tree path), as ``{% pageurl %}`` gave."""
    ids = [hit.id for hit in hits]
    if not ids:
        return []
    rows = {
        row["pk"]: row
        for row in InnovationPage.objects.live().public().filter(pk__in=ids).values(
            "pk", "path", "url_path", "title", "acronym", "summary", "year_started", "sustainability_status",
            "agency__name", "province_id", "province__name")
    }
    awards = {}
    for innovation_id, name, year in (
        InnovationAward.objects.filter(innovation_id__in=list(rows)).order_by("innovation_id", "tier__rank", "-year")
        .values_list("innovation_id", "tier__name", "year")
    ):
        awards.setdefault(innovation_id, (name, year))
    hub_paths = {hub_path_of(row["path"]) for row in rows.values()}
    hubs = dict(HubPage.objects.filter(path__in=hub_paths).values_list("path", "title")) if hub_paths else {}
    statuses = dict(InnovationPage._meta.get_field("sustainability_status").flatchoices)
    # one bare page whose tree path is set per row: Wagtail's URL logic reads only these, and
    # creating a page instance per result cost more than computing its URL
    page = Page()
    items = []
    for hit in hits:
        row = rows.get(hit.id)
        if row is None:
            continue
        page.id, page.path, page.url_path = row["pk"], row["path"], row["url_path"]
        items.append(ResultItem(
            url=page.get_url(request=request),
            title=row["title"], acronym=row["acronym"], summary=row["summary"],
            agency_name=row["agency__name"] or "",
            province_name=row["province__name"] if row["province_id"] is not None else None,
            hub_title=hubs.get(hub_path_of(row["path"])),
            year_started=row["year_started"], sustainability_status=row["sustainability_status"],
            status_label=statuses.get(row["sustainability_status"], row["sustainability_status"]),
            award=awards.get(row["pk"]), highlights=hit.highlights,
        ))
    return items


def _counts_as_search(request, text):
    """A submission of the search form (not paging or narrowing through the page's links)."""
    return request.GET.get(SUBMIT_PARAM) == "1" and bool(text) and not request.GET.get("halaman")


def _log(request, text, filters, results):
    from .models import SearchLog

    try:
        SearchLog.objects.create(
            query=text[:200], normalized=normalized_query(text) or text[:200], results=results.total,
            filters=filters, engine=results.engine,
        )
    except Exception:  # the log must never cost a visitor their results
        logger.exception("Could not record a search")


def search(request):
    text = clean_text(request.GET.get("q"))
    # links the page builds carry the cleaned query, never the raw (possibly huge) input
    params = {key: request.GET.getlist(key) for key in request.GET if key != "q"}
    if text:
        params = {"q": [text], **params}
    raw_filters = {name: request.GET.getlist(name) for name in FACET_FIELDS if request.GET.getlist(name)}
    filters = offered_only(clean_filters(raw_filters))
    messages = []
    if sum(len(v) for v in raw_filters.values()) != sum(len(v) for v in filters.values()):
        messages.append(_("Sebagian nilai filter tidak dikenal dan diabaikan."))
    if len(str(request.GET.get("q", ""))) > len(text) + 50:
        messages.append(_("Kata kunci terlalu panjang; hanya bagian awalnya yang dicari."))
    sort = clean_sort(request.GET.get("urutkan"), bool(text))
    context = {
        "query": text, "filters": filters, "sort": sort, "messages_search": messages,
        "page_title": _("Cari inovasi"), "results_html": None,
    }
    response_headers = {}
    if text or filters:
        query = SearchQuery(text=text, filters=filters, sort=sort, page=_page_number(request.GET.get("halaman")), per_page=PER_PAGE)
        found = {}

        def run():
            if "results" not in found:
                found["results"] = get_engine().search(query)
            return found["results"]

        def render_results():
            results = run()
            last_page = max(1, -(-results.total // results.per_page))
            return render_to_string("search/_results.html", {
                "query": text, "filters": filters, "sort": sort, "results": results,
                "items": _load_items(results.hits, request),
                "groups": facet_groups(results.facets, filters, params, _query_string),
                "sorts": [(value, label, _query_string(params, urutkan=value, halaman=None), value == sort)
                          for value, label in sort_options(bool(text))],
                "suggestion_url": _query_string({"q": [results.suggestion]}) if results.suggestion else None,
                "previous_url": _query_string(params, halaman=str(results.page - 1)) if results.page > 1 else None,
                "next_url": _query_string(params, halaman=str(results.page + 1)) if results.page < last_page else None,
                "last_page": last_page,
                "reset_url": _query_string({"q": [text]}) if text else "?",
                "download_query": _query_string(params, halaman=None).lstrip("?"),
            }, request)

        if _counts_as_search(request, text):
            _log(request, text, filters, run())
        if page_cache.shares_parts(request) and page_cache.fragment_seconds():
            # the same part for every visitor at this address, in this language and generation,
            # while the search index holds the same documents (its token, one indexed read)
            html = page_cache.fragment("search", [request.get_full_path(), index_token()], render_results,
                                       keep=lambda _html: not found["results"].degraded)
        else:
            html = render_results()
        context["results_html"] = mark_safe(html)
        if found and found["results"].degraded:
            # the fallback engine answered: neither this page nor its part is kept for others
            response_headers["Cache-Control"] = "no-cache"
    response = TemplateResponse(request, "search/search.html", context)
    for header, value in response_headers.items():
        response[header] = value
    return response


@require_GET
def autocomplete(request):
    """JSON suggestions for the search box: innovations (title, acronym), agencies and tags."""
    text = clean_text(request.GET.get("q"))[:100]
    limit = int_or(request.GET.get("batas"), 8, minimum=1, maximum=20, clamp=True)
    suggestions = get_engine().autocomplete(text, limit=limit) if text else []
    return JsonResponse({
        "q": text,
        "results": [{"kind": s.kind, "label": s.label, "url": s.url} for s in suggestions],
    })
