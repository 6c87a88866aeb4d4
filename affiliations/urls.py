from django.urls import path

from affiliations import views

app_name = "affiliations"

urlpatterns = [
    path("organizations/<slug:slug>/", views.organization_detail, name="organization-detail"),
]
