"""Admin menu entries shared by feature apps. Kept apart from ``wagtail_hooks`` so that using
one does not import (and register) another app's hooks."""
from wagtail.admin.menu import MenuItem


class SuperuserMenuItem(MenuItem):
    """A menu entry for national administrators only (PKRI cycles, imports)."""

    def is_shown(self, request):
        return request.user.is_superuser
