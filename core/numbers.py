"""The one parser for every whole number that comes from outside: query parameters, form
fields and file cells.

``str.isdigit()`` accepts superscripts ("²") that ``int()`` refuses, and ``int()`` itself
accepts Arabic-Indic and other Unicode digits, surrounding blanks, underscores ("1_000") and
thousands of digits (then raises past Python's 4,300-digit limit). Outside input gets none of
that: an optional minus sign and ASCII digits 0-9 only, at most ``MAX_DIGITS`` of them, within
the caller's bounds. ``parse_int`` raises a ``ValidationError`` with a clear Indonesian message;
``int_or`` gives a default instead (for query parameters such as a page number, where a
hand-edited value should just fall back).
"""
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

#: more than enough for any id, year, score or count; refuses 5,000-digit "numbers" cheaply
MAX_DIGITS = 18
_DIGITS = frozenset("0123456789")


def _is_ascii_int(text):
    body = text.removeprefix("-")
    return 0 < len(body) <= MAX_DIGITS and all(ch in _DIGITS for ch in body)


def parse_int(raw, *, minimum=None, maximum=None, label=None):
    """``raw`` (str, int or None) as an int, or a ``ValidationError`` that says what is wrong.

    Only leading/trailing ASCII spaces are forgiven. ``label`` names the field in the message.
    """
    name = label or _("Nilai")
    if isinstance(raw, bool):
        raise ValidationError(_("%(label)s harus berupa bilangan bulat.") % {"label": name}, code="invalid")
    if isinstance(raw, int):
        value = raw
    else:
        text = "" if raw is None else str(raw).strip(" ")
        if not text:
            raise ValidationError(_("%(label)s wajib diisi.") % {"label": name}, code="required")
        if not _is_ascii_int(text):
            raise ValidationError(
                _("%(label)s harus berupa bilangan bulat yang ditulis dengan angka 0-9 (paling banyak "
                  "%(digits)s digit).") % {"label": name, "digits": MAX_DIGITS},
                code="invalid",
            )
        value = int(text)
    if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
        if minimum is not None and maximum is not None:
            message = _("%(label)s harus di antara %(min)s dan %(max)s.")
        elif minimum is not None:
            message = _("%(label)s paling kecil %(min)s.")
        else:
            message = _("%(label)s paling besar %(max)s.")
        raise ValidationError(message % {"label": name, "min": minimum, "max": maximum}, code="out_of_range")
    return value


def int_or(raw, default, *, minimum=None, maximum=None, clamp=False):
    """``raw`` as an int, or ``default`` when it is missing or not a plain number. Out of bounds
    it is ``default`` too, or, with ``clamp``, the nearest bound."""
    try:
        value = parse_int(raw)
    except ValidationError:
        return default
    if clamp:
        if minimum is not None:
            value = max(minimum, value)
        if maximum is not None:
            value = min(maximum, value)
        return value
    if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
        return default
    return value


def is_int(raw, *, minimum=None, maximum=None):
    """Whether ``raw`` is a plain number within the bounds."""
    try:
        parse_int(raw, minimum=minimum, maximum=maximum)
    except ValidationError:
        return False
    return True
