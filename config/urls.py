from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from accounts import views as account_views
from config import views
from config.sitemaps import SITEMAPS

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("", include("profiles.urls")),
    path("", include("publications.urls")),
    path("", include("affiliations.urls")),
    path("", include("search.urls")),
    path("api/", include("api.urls")),
    path("admin/", admin.site.urls),
    # Before Django's own auth URLs: the reset form with a rate limit.
    path("accounts/password_reset/", account_views.password_reset, name="password_reset"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("accounts/", include("accounts.urls")),
    path("", include("editing.urls")),
]

handler404 = "config.views.page_not_found"
