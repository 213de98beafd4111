"""Pagination that never fails on a hand-edited page number."""
from django.core.paginator import Paginator

PAGE_PARAM = "halaman"


def paginate(request, queryset, per_page):
    """Return the requested page; non-numbers give page 1 and numbers past the end the last."""
    paginator = Paginator(queryset, per_page)
    return paginator.get_page(request.GET.get(PAGE_PARAM))
