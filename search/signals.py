"""Keep the public search index in step with publishing, and with the other apps' changes
that alter an innovation's document (``innovations.signals.innovations_changed``).

Handlers only record work: an outbox item (``outbox.service.add``) in the publishing
transaction, delivered after the commit by a worker (or, with the broker down, by the outbox's
beat task), so the index always learns of a change and an indexing failure never breaks the
editor's publish (it is retried with back-off).
"""
import logging

from django.db import transaction
from django.db.models.signals import post_delete, post_migrate, post_save, pre_delete
from wagtail.signals import page_published, page_unpublished, post_page_move

from innovations.models import InnovationPage
from innovations.signals import innovations_changed
from outbox import service as outbox

from .tasks import INDEX_KIND, REMOVE_KIND, apply_vocabulary

logger = logging.getLogger(__name__)


def _is_innovation(instance):
    return isinstance(instance, InnovationPage)


def _schedule(kind, ids):
    ids = sorted({int(pk) for pk in ids})
    if ids:
        outbox.add(kind, {"ids": ids})


def on_innovations_changed(sender, ids, **kwargs):
    """Another app changed what these innovations' documents hold (e.g. a public replication
    count): re-index them after its transaction commits."""
    _schedule(INDEX_KIND, ids)


def on_publish(sender, instance, **kwargs):
    if _is_innovation(instance):
        _schedule(INDEX_KIND, [instance.pk])


def on_unpublish(sender, instance, **kwargs):
    if _is_innovation(instance):
        _schedule(REMOVE_KIND, [instance.pk])


def on_move(sender, instance, **kwargs):
    # Moving changes the hub, province facets and URL of the page and of nothing else.
    if _is_innovation(instance.specific_deferred if hasattr(instance, "specific_deferred") else instance):
        _schedule(INDEX_KIND, [instance.pk])


def on_delete(sender, instance, **kwargs):
    # The id is taken before the row disappears; the task only needs the id.
    if _is_innovation(instance):
        _schedule(REMOVE_KIND, [instance.pk])


def on_vocabulary_change(sender, instance, **kwargs):
    """A vocabulary entry was added, edited or deleted: raise the version in the same
    transaction, and after the commit let the engines catch up (Elasticsearch reindexes)."""
    from .vocabulary import bump_version

    version = bump_version()
    transaction.on_commit(lambda: apply_vocabulary.delay(version), robust=True)


def on_migrate(sender, using="default", **kwargs):
    """After every ``migrate`` (a deploy runs it): if the stemmer exceptions in the code differ
    from those the indexes were built with, raise their version and rebuild (search.stemmer_version)."""
    from django.db import DEFAULT_DB_ALIAS

    from .stemmer_version import sync

    if using == DEFAULT_DB_ALIAS:
        sync()


def connect(app_config=None):
    from .models import Synonym

    if app_config is not None:
        post_migrate.connect(on_migrate, sender=app_config, dispatch_uid="search-stemmer-version")
    from django.apps import apps

    from .labels import LABEL_MODELS, forget

    for app_label, model_name in LABEL_MODELS:
        model = apps.get_model(app_label, model_name)
        post_save.connect(forget, sender=model, dispatch_uid=f"search-labels-save-{model_name}")
        post_delete.connect(forget, sender=model, dispatch_uid=f"search-labels-delete-{model_name}")
    post_save.connect(on_vocabulary_change, sender=Synonym, dispatch_uid="search-vocabulary-save")
    post_delete.connect(on_vocabulary_change, sender=Synonym, dispatch_uid="search-vocabulary-delete")
    innovations_changed.connect(on_innovations_changed, dispatch_uid="search-innovations-changed")
    page_published.connect(on_publish, sender=InnovationPage, dispatch_uid="search-publish")
    page_unpublished.connect(on_unpublish, sender=InnovationPage, dispatch_uid="search-unpublish")
    post_page_move.connect(on_move, dispatch_uid="search-move")
    pre_delete.connect(on_delete, sender=InnovationPage, dispatch_uid="search-delete")
