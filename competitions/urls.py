from django.urls import path

from . import views

app_name = "competitions"

urlpatterns = [
    path("", views.editions, name="editions"),
    path("<slug:slug>/", views.edition_detail, name="edition"),
    path("<slug:slug>/top-99.<str:fmt>", views.top_download, name="top_download"),
    path("<slug:slug>/umpan/", views.TopFeed(), name="feed"),
    path("<slug:slug>/proposal/<int:pk>/", views.proposal_detail, name="proposal"),
    path("<slug:slug>/berkas/<str:kind>/<int:pk>/", views.private_file, name="file"),
    path("<slug:slug>/proposal-kami/", views.ours, name="ours"),
    path("<slug:slug>/proposal-kami/<int:pk>/", views.edit, name="edit"),
    path("<slug:slug>/operator/", views.operators, name="operators"),
    path("<slug:slug>/sekretariat/", views.secretariat, name="secretariat"),
    path("<slug:slug>/sekretariat/<int:pk>/", views.selection, name="selection"),
    path("<slug:slug>/penilaian/", views.my_queue, name="queue"),
    path("<slug:slug>/penilaian/<int:pk>/", views.evaluate, name="evaluate"),
    path("<slug:slug>/penyelenggara/", views.organiser, name="organiser"),
    path("<slug:slug>/wilayah/", views.region, name="region"),
]
