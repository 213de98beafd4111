from django.urls import path, re_path
from wagtail.contrib.sitemaps import views as sitemap_views

from . import feeds, ical, views

urlpatterns = [
    path("robots.txt", views.robots, name="robots"),
    path("sitemap.xml", sitemap_views.index, {"sitemaps": views.SITEMAPS, "sitemap_url_name": "sitemap_section"},
         name="sitemap"),
    path("sitemap-<section>.xml", sitemap_views.sitemap, {"sitemaps": views.SITEMAPS}, name="sitemap_section"),
    path("umpan/inovasi/", feeds.InnovationFeed(), name="feed_innovations"),
    path("umpan/inovasi/atom/", feeds.InnovationAtomFeed(), name="feed_innovations_atom"),
    path("umpan/inovasi/<str:kind>/<slug:slug>/", feeds.InnovationFeed(), name="feed_innovations_of"),
    path("umpan/inovasi/<str:kind>/<slug:slug>/atom/", feeds.InnovationAtomFeed(), name="feed_innovations_of_atom"),
    path("umpan/agenda.ics", ical.all_events, name="feed_events"),
    path("umpan/agenda/hub/<slug:slug>.ics", ical.hub_events, name="feed_events_of_hub"),
    path("umpan/berita/", feeds.NewsFeed(), name="feed_news"),
    path("umpan/berita/atom/", feeds.NewsAtomFeed(), name="feed_news_atom"),
    path("data/", views.data_page, name="open_data"),
    # an unknown format is a 404 before any work is done
    re_path(r"^data/inovasi\.(?P<fmt>csv|xlsx|json)$", views.download_catalogue, name="download_catalogue"),
    re_path(r"^data/pencarian\.(?P<fmt>csv|xlsx|json)$", views.download_search, name="download_search"),
]
