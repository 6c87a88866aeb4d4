from django.apps import AppConfig


class EditingConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "editing"
    verbose_name = "Uploads, editing and merges"
