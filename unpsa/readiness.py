"""Whether an innovation's English texts are ready for a UNPSA nomination form.

The UN form is written in English and asks for the problem, the solution and what is new in
it, how it was implemented, with which resources, its impact, sustainability and
transferability, and lessons learned. Each maps to one of the innovation's English fields
(``InnovationPage.<section>_en``, written by editors in the admin's *Bahasa Inggris* tab). A
field counts as ready when its plain text has at least ``min_words`` words, so a one-line
placeholder does not pass. Computed from the page alone (no query): the screening list reads
it for every row.
"""
from dataclasses import dataclass
from html import unescape

from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

#: (field, what the UN form asks, minimum words)
FIELDS = [
    ("title_en", _("Judul"), 2),
    ("summary_en", _("Ringkasan"), 40),
    ("background_en", _("Masalah yang diatasi (latar belakang)"), 40),
    ("novelty_en", _("Kebaruan solusi"), 40),
    ("implementation_en", _("Implementasi"), 40),
    ("resources_en", _("Sumber daya"), 20),
    ("impact_en", _("Dampak dan hasil"), 40),
    ("sustainability_en", _("Keberlanjutan"), 40),
    ("replication_potential_en", _("Kemampuan untuk ditiru (transferability)"), 20),
    ("lessons_learned_en", _("Pembelajaran"), 20),
]

#: the page columns ``readiness`` reads (for ``.only()`` in listings)
COLUMNS = tuple(name for name, _label, _minimum in FIELDS)


def word_count(value):
    # a space before each tag, so words of two paragraphs are not glued together
    return len(unescape(strip_tags((value or "").replace("<", " <"))).split())


@dataclass
class Readiness:
    ready: list
    missing: list

    @property
    def total(self):
        return len(self.ready) + len(self.missing)

    @property
    def percent(self):
        return round(100 * len(self.ready) / self.total)

    @property
    def complete(self):
        return not self.missing


def readiness(page):
    """The English fields of ``page`` that are ready and those still missing (labels)."""
    ready, missing = [], []
    for name, label, minimum in FIELDS:
        (ready if word_count(getattr(page, name, "")) >= minimum else missing).append(label)
    return Readiness(ready, missing)
