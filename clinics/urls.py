from django.urls import path

from . import views

app_name = "clinics"

urlpatterns = [
    path("angkatan/<int:cohort_pk>/daftar/", views.register, name="register"),
    path("pendaftaran-saya/", views.mine, name="mine"),
    path("pendaftaran/<int:pk>/batal/", views.cancel, name="cancel"),
    path("kelola/<int:event_pk>/", views.manage, name="manage"),
    path("kelola/<int:event_pk>/peserta.<str:fmt>", views.export, name="export"),
    path("materi/<int:pk>/", views.material, name="material"),
]
