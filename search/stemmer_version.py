"""The stemmer exceptions' version: when the rules on top of Sastrawi change, every index built
with the old ones is rebuilt.

The exceptions (``search.analysis.STEM_EXCEPTIONS``, with the spelling variants and particles)
decide the terms both engines index, so unlike the public-service vocabulary, which the
embedded engine applies per query, a change to them needs a reindex on every engine. They live
in code and change with a deploy; their fingerprint (``rules_fingerprint``) is compared with the
one recorded in ``StemmerVersion`` after every ``migrate`` (which a deploy runs). A different
fingerprint raises the version in the same transaction and, after the commit, runs the
``apply_stemmer`` task, as a vocabulary change runs ``apply_vocabulary``: each engine rebuilds
unless its index was already built with that version (the embedded engine records it in
``SearchState.stemmer_version``, Elasticsearch in its mapping's ``_meta``).
"""
from django.db import transaction

from .analysis import rules_fingerprint


def current_version() -> int:
    from .models import StemmerVersion

    return StemmerVersion.objects.filter(pk=1).values_list("number", flat=True).first() or 0


def sync() -> tuple[int, bool]:
    """Compare the code's rules with the recorded ones; on a difference raise the version and
    schedule the reindex after the commit. Returns (version, whether it changed)."""
    from .models import StemmerVersion
    from .tasks import apply_stemmer

    fingerprint = rules_fingerprint()
    with transaction.atomic():
        StemmerVersion.objects.get_or_create(pk=1)
        row = StemmerVersion.objects.select_for_update().get(pk=1)
        if row.fingerprint == fingerprint:
            return row.number, False
        row.number += 1
        row.fingerprint = fingerprint
        row.save(update_fields=["number", "fingerprint", "changed_at"])
        number = row.number
        transaction.on_commit(lambda: apply_stemmer.delay(number), robust=True)
    return number, True
