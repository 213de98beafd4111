from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render


def health(request):
    """Liveness for load balancers: answers 200 when the database answers."""
    status = {"database": "ok"}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as exc:  # reported, not hidden: the body says what failed
        status["database"] = f"error: {exc.__class__.__name__}"
        return JsonResponse({"status": "degraded", **status}, status=503)
    return JsonResponse({"status": "ok", **status})


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    return render(request, "500.html", status=500)
