from django.contrib import admin
from django.urls import include, path

from config import views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("", include("profiles.urls")),
    path("", include("publications.urls")),
    path("", include("affiliations.urls")),
    path("", include("search.urls")),
    path("api/", include("api.urls")),
    path("admin/", admin.site.urls),
    path("accounts/", include("django.contrib.auth.urls")),
    path("accounts/", include("accounts.urls")),
    path("", include("editing.urls")),
]
