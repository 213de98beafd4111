"""Behaviour shared by every page type of the portal (kept free of model imports)."""


class ChooserTitleMixin:
    """Let the page chooser show the public title of pages outside the user's own area.

    Wagtail's chooser lists pages by their *draft* title. The ``construct_page_chooser_queryset``
    hook in hubs/wagtail_hooks.py annotates ``chooser_title`` (the draft title inside the
    user's hub, the published title elsewhere) so a coordinator of hub A never reads hub B's
    unpublished titles while choosing a page to link to.
    """

    def get_admin_display_title(self):
        title = getattr(self, "chooser_title", None)
        return title if title else super().get_admin_display_title()
