from django.urls import path

from api import views

app_name = "api"

urlpatterns = [
    path("", views.docs, name="docs"),
    path("v1/openapi.json", views.openapi, name="openapi"),
    path("v1/people/", views.person_list, name="person-list"),
    path("v1/people/<slug:slug>/", views.person_detail, name="person-detail"),
    path("v1/publications/", views.publication_list, name="publication-list"),
    path("v1/publications/<slug:slug>/", views.publication_detail, name="publication-detail"),
    path("v1/venues/", views.venue_list, name="venue-list"),
    path("v1/venues/<slug:slug>/", views.venue_detail, name="venue-detail"),
    path("v1/organizations/", views.organization_list, name="organization-list"),
    path("v1/organizations/<slug:slug>/", views.organization_detail, name="organization-detail"),
]
