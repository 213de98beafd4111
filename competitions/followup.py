"""What other parts of the portal count about competitions: which agencies entered one.

``clinics.followup`` (a clinic's follow-up) and ``maturity.selectors`` (a hub's facts) look for
this function by name, so they work without the competitions app and count entries with it.
"""
from .models import Proposal


def agencies_entered(agency_ids, start, end):
    """The ids among ``agency_ids`` that submitted a proposal to any edition between ``start``
    and ``end`` (drafts never submitted do not count; one query)."""
    return set(
        Proposal.objects.filter(agency_id__in=list(agency_ids), submitted_at__gte=start, submitted_at__lte=end)
        .values_list("agency_id", flat=True).distinct()
    )


def entries(agency_ids, start):
    """(agency id, submitted at) of every proposal those agencies submitted since ``start``, for
    counting several periods at once in one query (a hub's clinics' follow-up)."""
    return list(
        Proposal.objects.filter(agency_id__in=list(agency_ids), submitted_at__gte=start)
        .values_list("agency_id", "submitted_at")
    )
