from django.apps import AppConfig


class AffiliationsConfig(AppConfig):
    name = "affiliations"
