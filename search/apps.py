from django.apps import AppConfig
from django.db.backends.signals import connection_created


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Search"

    def ready(self) -> None:
        from search.engine import register_sqlite_functions

        connection_created.connect(register_sqlite_functions, dispatch_uid="search-sqlite")
