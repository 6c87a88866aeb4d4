from django.apps import AppConfig, apps


class ProfilesConfig(AppConfig):
    name = "profiles"

    def ready(self) -> None:
        from profiles import graph_version

        # What the profile page's cached publications part shows (profiles/profile.py).
        graph_version.watch(
            *(
                apps.get_model(label)
                for label in (
                    "profiles.Person",
                    "publications.Publication",
                    "publications.Authorship",
                    "publications.Venue",
                )
            )
        )
