"""What people searched for: the editors' report in the Wagtail admin (Laporan > Pencarian)."""
from django.db.models import Count, Max, Q
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from core.pagination import paginate

from .models import SearchLog

PERIODS = {"7": 7, "30": 30, "90": 90, "365": 365}


def search_report(request):
    period = request.GET.get("periode", "30")
    days = PERIODS.get(period, 30)
    since = timezone.now() - timezone.timedelta(days=days)
    logs = SearchLog.objects.filter(created_at__gte=since)
    grouped = (
        logs.values("normalized")
        .annotate(searches=Count("pk"), zero=Count("pk", filter=Q(results=0)), last=Max("created_at"), example=Max("query"))
    )
    zero_results = grouped.filter(zero__gt=0).order_by("-zero", "-last")[:20]
    frequent = paginate(request, grouped.order_by("-searches", "-last"), per_page=50)
    can_add_synonym = request.user.has_perm("search.add_synonym")
    return render(request, "search/admin/report.html", {
        "frequent": frequent, "zero_results": zero_results, "period": str(days), "periods": PERIODS,
        "add_synonym_url": reverse("wagtailsnippets_search_synonym:add") if can_add_synonym else None,
        "total": logs.count(), "total_zero": logs.filter(results=0).count(),
    })
