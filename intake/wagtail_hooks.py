from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from core.admin_menu import SuperuserMenuItem


@hooks.register("register_admin_urls")
def intake_admin_urls():
    from . import views

    return [
        path("impor/", views.index, name="intake_index"),
        path("impor/<int:pk>/", views.job_detail, name="intake_job"),
        path("impor/<int:pk>/jalankan/", views.job_confirm, name="intake_job_confirm"),
        path("impor/<int:pk>/coba-lagi/", views.job_retry, name="intake_job_retry"),
        path("impor/<int:pk>/ditolak.csv", views.job_rejected, name="intake_job_rejected"),
    ]


@hooks.register("register_admin_menu_item")
def intake_menu_item():
    return SuperuserMenuItem(_("Impor data"), reverse("intake_index"), icon_name="upload", order=340)
