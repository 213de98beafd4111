from django.urls import path

from . import views

app_name = "replication"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("unduh.csv", views.export_csv, name="csv"),
    path("saya/", views.mine, name="mine"),
    path("ajukan/<int:innovation_id>/", views.start, name="start"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/tahap/", views.move, name="move"),
    path("<int:pk>/jawaban/", views.decide, name="decide"),
    path("<int:pk>/laporan/", views.report, name="report"),
    path("<int:pk>/replika/", views.replica, name="replica"),
    path("<int:pk>/dokumen/<int:evidence_id>/", views.evidence, name="evidence"),
]
