from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Inti portal")

    def ready(self):
        from django.db.models.signals import post_delete, post_migrate, post_save, pre_migrate

        from . import figures

        # no refresh of the stored figures while migrations run (their tables may not exist yet)
        def migrating(value):
            def receiver(**kwargs):
                figures.migrating = value
            return receiver

        pre_migrate.connect(migrating(True), weak=False, dispatch_uid="core-figures-pre-migrate")
        post_migrate.connect(migrating(False), weak=False, dispatch_uid="core-figures-post-migrate")
        from wagtail.models import Page
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from .chooser_fix import harden_choosers
        from .context_processors import forget_navigation

        harden_choosers()  # a hostile id in a chooser field is a form error, not a 500

        for signal in (page_published, page_unpublished, post_page_move):
            signal.connect(forget_navigation, dispatch_uid=f"core-nav-{id(signal)}")

        def on_page_change(sender, instance, **kwargs):
            if isinstance(instance, Page):
                forget_navigation(instance=instance)

        # saves cover show_in_menus edits (a draft save of a live page changes the live row too)
        post_save.connect(on_page_change, weak=False, dispatch_uid="core-nav-save")
        post_delete.connect(on_page_change, weak=False, dispatch_uid="core-nav-delete")

        # The full-page cache forgets every stored page when anything a public page shows changes.
        from innovations.signals import innovations_changed

        from . import page_cache

        for signal in (post_save, post_delete, page_published, page_unpublished, post_page_move):
            signal.connect(page_cache.on_model_change, dispatch_uid=f"core-pagecache-{id(signal)}")
        innovations_changed.connect(page_cache.bump, dispatch_uid="core-pagecache-innovations")
