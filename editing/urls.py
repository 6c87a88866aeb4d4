from django.urls import path

from . import views

app_name = "editing"

urlpatterns = [
    path("edit/people/<slug:slug>/", views.profile, name="profile"),
    path("edit/people/<slug:slug>/header/", views.edit_person, name="person-edit"),
    path("edit/people/<slug:slug>/<str:section>/add/", views.add_entry, name="entry-add"),
    path("edit/people/<slug:slug>/<str:section>/<int:pk>/", views.entry_row, name="entry-row"),
    path(
        "edit/people/<slug:slug>/<str:section>/<int:pk>/edit/",
        views.edit_entry,
        name="entry-edit",
    ),
    path(
        "edit/people/<slug:slug>/<str:section>/<int:pk>/delete/",
        views.delete_entry,
        name="entry-delete",
    ),
    path("edit/publications/<slug:slug>/", views.publication_row, name="publication-row"),
    path("edit/publications/<slug:slug>/edit/", views.edit_publication, name="publication-edit"),
    path(
        "edit/publications/<slug:slug>/authors/<int:pk>/unlink/",
        views.unlink_authorship,
        name="authorship-unlink",
    ),
]
