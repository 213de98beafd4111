"""Wagtail's chooser widgets (page, snippet, image, document) re-render a refused form by looking
up the submitted value as a primary key, and catch only ``DoesNotExist``: a value such as ``٢``
or ``abc`` in a chooser field (the innovation editor's agency, province, ...) then answers 500
instead of showing the form's "invalid choice" error (found by tests/innovations/test_admin_fuzz.py).
``harden_choosers`` makes such a value render as "nothing chosen"; the form still reports the
error. Applied once from ``CoreConfig.ready``."""
from django.core.exceptions import ValidationError


def harden_choosers():
    from wagtail.admin.widgets.chooser import BaseChooser

    original = BaseChooser.get_instance
    if getattr(original, "hardened", False):
        return

    def get_instance(self, value):
        try:
            return original(self, value)
        except (ValueError, TypeError, OverflowError, ValidationError):
            return None

    get_instance.hardened = True
    BaseChooser.get_instance = get_instance
