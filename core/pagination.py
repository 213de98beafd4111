"""Pagination that never fails on a hand-edited page number."""
from django.core.paginator import Paginator

from .numbers import int_or

PAGE_PARAM = "halaman"


def page_of(paginator, raw):
    """Page ``raw`` of ``paginator``: non-numbers (also Unicode digits) give page 1; numbers past
    the end, or below one, the last (Django's ``get_page``)."""
    return paginator.get_page(int_or(raw, 1))


def paginate(request, queryset, per_page, param=PAGE_PARAM):
    """Return the requested page of ``queryset``, read from the query parameter ``param``."""
    return page_of(Paginator(queryset, per_page), request.GET.get(param))
