from django.urls import path

from . import views

app_name = "maturity"

urlpatterns = [
    path("", views.index, name="index"),
    path("bukti/<int:pk>/", views.evidence, name="evidence"),
    path("<int:year>/", views.cycle_results, name="cycle"),
    path("<int:year>/isi/", views.fill, name="fill"),
    path("<int:year>/verifikasi/", views.verify_list, name="verify_list"),
    path("<int:year>/verifikasi/<int:pk>/", views.verify, name="verify"),
]
