from django.apps import AppConfig, apps


class ProfilesConfig(AppConfig):
    name = "profiles"

    def ready(self) -> None:
        from config.release import release
        from profiles import graph_version

        release()  # now, from the files this process runs, not after a deploy replaced them

        # What profiles and publication pages show (profiles/profile.py), whose cached
        # parts and ETags the versions key.
        graph_version.watch(
            *(
                apps.get_model(label)
                for label in (
                    "profiles.Person",
                    "profiles.PersonName",
                    "profiles.Teaching",
                    "profiles.Project",
                    "profiles.Skill",
                    "profiles.ProfileSection",
                    "publications.Publication",
                    "publications.Authorship",
                    "publications.Venue",
                    "affiliations.Organization",
                    "affiliations.Affiliation",
                    "affiliations.Mentorship",
                    "awards.Award",
                )
            )
        )
