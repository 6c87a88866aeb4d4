from django.urls import path

from publications import views

app_name = "publications"

urlpatterns = [
    path("publications/<slug:slug>/", views.publication_detail, name="publication-detail"),
    path(
        "publications/<slug:slug>/citation.bib",
        views.publication_bibtex,
        name="publication-bibtex",
    ),
    path("venues/<slug:slug>/", views.venue_detail, name="venue-detail"),
]
