"""Admin form for articles: related innovations are offered only where the author may see them."""
from wagtail.admin.forms import WagtailAdminPageForm

from hubs.permissions import visible_in_admin_q


class ArticlePageForm(WagtailAdminPageForm):
    """``related_innovations`` renders as a select of innovations; without this it would list
    every innovation in the country, other hubs' unpublished drafts included."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from django.db.models import Q


        user = getattr(self, "for_user", None)
        field = self.fields.get("related_innovations")
        if field is None or user is None or user.is_superuser:
            return
        already = Q(pk__in=self.instance.related_innovations.all()) if self.instance.pk else Q(pk__in=[])
        field.queryset = field.queryset.filter(visible_in_admin_q(user) | already).order_by("title")
