"""Stored "similar innovations": computed by the engine when an innovation is indexed, read by
the innovation page as one row (``SimilarInnovations``), so the page costs the same at 1,000 or
100,000 innovations (the engine's similarity query took 741 of 927 ms of a page at 100k).

When an innovation is (re)indexed its own list is recomputed, and so are its neighbours' lists
(those that show it, and those of the innovations its new list shows: closeness is roughly
mutual, so a new innovation enters the lists of the ones it resembles); when it leaves the index, its list
goes and the lists that showed it are recomputed. A rebuild leaves the stored lists alone; an
innovation without a list (indexed before this existed) gets one on its first view.
"""
import logging

from django.utils import timezone

from .models import SimilarInnovations
from .service import get_engine

logger = logging.getLogger(__name__)

#: how many similar innovations are stored (the page shows 4)
STORED = 6
#: batches larger than this (imports) are computed lazily, one innovation at its first view
EAGER_LIMIT = 50


def _encode(ids):
    return "|" + "|".join(str(i) for i in ids) + "|" if ids else ""


def compute(ids):
    """(Re)compute and store the lists of these innovations; an engine failure keeps the old
    list (logged). Returns every innovation the new lists show."""
    rows, shown = [], set()
    for pk in dict.fromkeys(int(i) for i in ids):
        try:
            found = get_engine().similar(pk, limit=STORED)
        except Exception:  # a failed engine leaves the stored list as it was
            logger.warning("Similar innovations of %s not computed", pk, exc_info=True)
            continue
        rows.append(SimilarInnovations(innovation_id=pk, similar=_encode(found), computed_at=timezone.now()))
        shown.update(found)
    if rows:
        SimilarInnovations.objects.bulk_create(rows, update_conflicts=True, unique_fields=["innovation_id"],
                                               update_fields=["similar", "computed_at"])
    return shown


def showing(ids):
    """The innovations whose stored lists show any of these."""
    found = set()
    for pk in ids:
        found.update(SimilarInnovations.objects.filter(similar__contains=f"|{int(pk)}|").values_list("innovation_id", flat=True))
    return found - {int(i) for i in ids}


def refresh_after_index(ids):
    """These innovations were (re)indexed: their lists and their neighbours' lists. A large batch
    (an import) only forgets its own lists: each is computed on its innovation's first view."""
    ids = [int(i) for i in ids]
    if len(ids) > EAGER_LIMIT:
        SimilarInnovations.objects.filter(innovation_id__in=ids).delete()
        return
    neighbours = showing(ids)
    # those it is now close to are likely to be close to it: their lists may want it too
    neighbours |= compute(ids)
    compute(neighbours - set(ids))


def refresh_after_removal(ids):
    """These innovations left the index: drop their lists and recompute the lists that showed them."""
    ids = [int(i) for i in ids]
    neighbours = showing(ids) if len(ids) <= EAGER_LIMIT else set()
    SimilarInnovations.objects.filter(innovation_id__in=ids).delete()
    compute(neighbours)


def stored(pk, limit):
    """The stored list of ``pk`` (computed now when it has none yet)."""
    row = SimilarInnovations.objects.filter(innovation_id=pk).only("similar").first()
    if row is None:
        compute([pk])
        row = SimilarInnovations.objects.filter(innovation_id=pk).only("similar").first()
    return row.ids()[:limit] if row else []
