from django.urls import path

from . import views

app_name = "pkri"

urlpatterns = [
    path("", views.cycles, name="cycles"),
    path("bukti/<int:pk>/", views.evidence, name="evidence"),
    path("<int:year>/", views.cycle_detail, name="cycle"),
    path("<int:year>/hasil.<str:fmt>", views.download, name="download"),
    path("<int:year>/asesmen/", views.my_objects, name="my_objects"),
    path("<int:year>/asesmen/<int:pk>/", views.self_assessment, name="self_assessment"),
    path("<int:year>/penilaian/", views.assignments, name="assignments"),
    path("<int:year>/penilaian/<int:pk>/", views.assess, name="assess"),
]
