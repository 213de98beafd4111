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


class EventPageForm(WagtailAdminPageForm):
    """Start and end are typed and shown in the time where the event happens (its hub's
    province: an event in Manado in WITA), not in the editor's own zone: a Jakarta editor
    typing 10.00 for a Manado clinic means 10.00 WITA, as the public page then shows it."""

    TIME_FIELDS = ("start", "end")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        import zoneinfo

        from django.utils import timezone
        from django.utils.translation import gettext as _

        from .models import event_time_zone

        parent = getattr(self, "parent_page", None)
        path = self.instance.path if self.instance.pk else (parent.path + "0001" if parent is not None else "")
        self.event_zone = zoneinfo.ZoneInfo(event_time_zone(path))
        label = timezone.now().astimezone(self.event_zone).strftime("%Z")
        for name in self.TIME_FIELDS:
            if name not in self.fields:
                continue
            self.fields[name].help_text = _("Waktu setempat di lokasi hub (%(zone)s).") % {"zone": label}
            value = self.initial.get(name)
            if not self.is_bound and value is not None and timezone.is_aware(value):
                # a naive value is shown as it is: the wall-clock time where the event happens
                self.initial[name] = value.astimezone(self.event_zone).replace(tzinfo=None)

    def full_clean(self):
        from django.utils import timezone

        # typed values are read as wall-clock times in the event's zone
        with timezone.override(self.event_zone):
            super().full_clean()
