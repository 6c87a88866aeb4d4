from django.apps import AppConfig, apps


class ProfilesConfig(AppConfig):
    name = "profiles"

    def ready(self) -> None:
        from config.release import release
        from profiles import graph_version

        release()  # now, from the files this process runs, not after a deploy replaced them

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
