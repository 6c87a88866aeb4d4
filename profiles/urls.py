from django.urls import path

from profiles import views

app_name = "profiles"

urlpatterns = [
    path("people/", views.person_list, name="person-list"),
    path("people/<slug:slug>/", views.person_detail, name="person-detail"),
    path("people/<slug:slug>/coauthors/", views.person_coauthors, name="person-coauthors"),
    path("people/<slug:slug>/publications.bib", views.person_bibtex, name="person-bibtex"),
    path("people/<slug:slug>/publications.csl.json", views.person_csl_json, name="person-csl"),
    path("people/<slug:slug>/resume.json", views.person_json_resume, name="person-resume"),
    path("people/<slug:slug>/cv.json", views.person_cv_json, name="person-cv-json"),
]
