from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from core.admin_menu import SuperuserMenuItem


@hooks.register("register_admin_urls")
def outbox_admin_urls():
    from . import views

    return [
        path("antrean-kiriman/", views.index, name="outbox_index"),
        path("antrean-kiriman/ulang/", views.retry, name="outbox_retry"),
    ]


@hooks.register("register_admin_menu_item")
def outbox_menu_item():
    return SuperuserMenuItem(_("Antrean kiriman"), reverse("outbox_index"), icon_name="mail", order=360)
