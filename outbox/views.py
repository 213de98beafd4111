"""The admin page *Antrean kiriman*: what is stuck in the outbox, for national administrators."""
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.numbers import is_int
from core.pagination import paginate

from . import service
from .models import OutboxItem, Status


def _national_admin(request):
    if not request.user.is_superuser:
        raise PermissionDenied


def index(request):
    _national_admin(request)
    stuck = paginate(request, service.stuck().order_by("-status", "next_attempt_at", "pk"), 50)
    counts = dict(OutboxItem.objects.values_list("status").annotate(n=Count("pk")).order_by())
    return TemplateResponse(request, "outbox/admin/index.html", {
        "items": stuck, "header_title": _("Antrean kiriman"),
        "counts": [(label, counts.get(value, 0)) for value, label in Status.choices],
    })


@require_POST
def retry(request):
    _national_admin(request)
    ids = [int(pk) for pk in request.POST.getlist("item") if is_int(pk, minimum=1)]
    chosen = OutboxItem.objects.filter(pk__in=ids) if ids else service.stuck()
    count = service.retry(chosen)
    messages.success(request, _("%(n)s kiriman dijadwalkan ulang.") % {"n": count})
    return redirect("outbox_index")
