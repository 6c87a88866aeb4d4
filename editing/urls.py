from django.urls import path

from . import documents, proposals, suggestions, views

app_name = "editing"

PERSON = "edit/people/<slug:slug>/"
ENTRY = PERSON + "<str:section>/<int:pk>/"
DOCUMENT = "documents/<int:pk>/"
DRAFT = DOCUMENT + "<str:section>/<int:index>/"

urlpatterns = [
    # Editing a profile in place.
    path(PERSON, views.profile, name="profile"),
    path(PERSON + "header/", views.edit_person, {"part": "header"}, name="person-edit"),
    path(PERSON + "privacy/", views.edit_person, {"part": "privacy"}, name="privacy-edit"),
    path(PERSON + "history/", views.history, name="history"),
    path(
        PERSON + "history/<str:kind>/<int:history_id>/revert/", views.revert_change, name="revert"
    ),
    path(PERSON + "merge/", views.merge, name="merge"),
    path(
        PERSON + "proposals/<int:pk>/<str:decision>/",
        proposals.decide,
        name="proposal-decide",
    ),
    path(
        PERSON + "proposals/all/<str:decision>/",
        proposals.decide_all,
        name="proposal-decide-all",
    ),
    path(PERSON + "publications/add/", views.add_publication, name="publication-add"),
    path(
        PERSON + "publications/<slug:publication>/remove/",
        views.remove_publication,
        name="publication-remove",
    ),
    path(PERSON + "<str:section>/add/", views.add_entry, name="entry-add"),
    path(ENTRY, views.entry_row, name="entry-row"),
    path(ENTRY + "edit/", views.edit_entry, name="entry-edit"),
    path(ENTRY + "delete/", views.delete_entry, name="entry-delete"),
    path("edit/publications/<slug:slug>/", views.publication_row, name="publication-row"),
    path("edit/publications/<slug:slug>/edit/", views.edit_publication, name="publication-edit"),
    path("edit/publications/<slug:slug>/suggest/", suggestions.suggest, name="publication-suggest"),
    path(
        "edit/publications/<slug:slug>/suggestions/<int:pk>/done/",
        suggestions.resolve,
        name="suggestion-done",
    ),
    path(
        "edit/publications/<slug:slug>/authors/<int:pk>/unlink/",
        views.unlink_authorship,
        name="authorship-unlink",
    ),
    path("edit/merges/<int:pk>/revert/", views.merge_revert, name="merge-revert"),
    # Uploading a CV, reviewing it, importing it.
    path("upload/", documents.upload, name="upload"),
    path(DOCUMENT, documents.document, name="document"),
    path(DOCUMENT + "status/", documents.status, name="document-status"),
    path(DOCUMENT + "download/", documents.download, name="document-download"),
    path(DOCUMENT + "import/", documents.import_document, name="document-import"),
    path(DOCUMENT + "discard/", documents.discard, name="document-discard"),
    path(DOCUMENT + "unparsed/<int:index>/move/", documents.unparsed_move, name="unparsed-move"),
    path(DOCUMENT + "undo/<int:position>/", documents.draft_undo, name="draft-undo"),
    path(DOCUMENT + "<str:section>/add/", documents.draft_add, name="draft-add"),
    path(DRAFT, documents.draft_row, name="draft-row"),
    path(DRAFT + "edit/", documents.draft_edit, name="draft-edit"),
    path(DRAFT + "delete/", documents.draft_delete, name="draft-delete"),
    path(DRAFT + "fix/<str:fix>/", documents.draft_fix, name="draft-fix"),
    path(DRAFT + "keep/", documents.draft_keep_profile, name="draft-keep"),
    path(DRAFT + "pick/", documents.draft_pick, name="draft-pick"),
]
