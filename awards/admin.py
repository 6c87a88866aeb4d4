from django.contrib import admin

from profiles.admin import PersonEntryAdmin

from .models import Award


@admin.register(Award)
class AwardAdmin(PersonEntryAdmin):
    list_display = ["title", "year", "issuer", "rank", "person"]
    list_filter = ["year"]
    search_fields = ["title", "issuer", "person__name"]
