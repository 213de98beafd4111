"""Page-number pagination with the API's envelope.

Unlike the HTML pages (``core.pagination``), which quietly fall back to the first or last page,
the API answers a page past the end with 404 so a client never takes one page for another.
"""

import math

from django.utils.translation import gettext as _
from ninja.errors import HttpError

PAGE_PARAM = "halaman"


def _page_url(request, number):
    params = request.GET.copy()
    params[PAGE_PARAM] = str(number)
    return request.build_absolute_uri(f"{request.path}?{params.urlencode()}")


def paginate(request, queryset, page, serialize, *, count=None, warnings=(), **extra):
    """Return the envelope of page ``page.halaman`` of ``queryset``.

    ``serialize`` gets the list of objects on the page (so it can fetch related data for all of
    them at once) and returns the ``results``. The count runs as one query; the rows as one more
    plus whatever ``serialize`` batches.
    """
    size = page.per_halaman
    total = queryset.count() if count is None else count
    pages = max(1, math.ceil(total / size))
    number = page.halaman
    if number > pages:
        raise HttpError(
            404,
            _("Halaman %(number)s tidak ada; jumlah halaman %(pages)s.") % {"number": number, "pages": pages},
        )
    offset = (number - 1) * size
    rows = list(queryset[offset : offset + size]) if total else []
    return {
        "count": total,
        "halaman": number,
        "per_halaman": size,
        "jumlah_halaman": pages,
        "next": _page_url(request, number + 1) if number < pages else None,
        "previous": _page_url(request, number - 1) if number > 1 else None,
        "peringatan": [str(w) for w in warnings],
        "results": serialize(rows),
        **extra,
    }
