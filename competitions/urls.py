from django.urls import path

from . import finals_views, views

app_name = "competitions"

urlpatterns = [
    path("", views.editions, name="editions"),
    path("hasil/", finals_views.results, name="results"),
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
    # part 2: finals, uji publik, the decree
    path("<slug:slug>/keberatan/", finals_views.object_to, name="object"),
    path("<slug:slug>/keberatan/<int:pk>/berkas/", finals_views.objection_file, name="objection_file"),
    path("<slug:slug>/pemenang.<str:fmt>", finals_views.winners_download, name="winners_download"),
    path("<slug:slug>/umpan-pemenang/", finals_views.WinnersFeed(), name="winners_feed"),
    path("<slug:slug>/jadwal-kami/", finals_views.our_schedule, name="our_schedule"),
    path("<slug:slug>/panel/", finals_views.panel_queue, name="panel_queue"),
    path("<slug:slug>/panel/<int:pk>/", finals_views.panel_score, name="panel_score"),
    path("<slug:slug>/final/", finals_views.desk, name="desk"),
]
